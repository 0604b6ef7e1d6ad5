#include "settings/SecretStore.h"

#include "common/Database.h"
#include "itflow/ItflowSettings.h"
#include "settings/SettingsStore.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QEventLoop>
#include <QMutex>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimer>
#include <QWaitCondition>
#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <thread>
#include <type_traits>

#ifdef OUTBOUND_HAVE_QTKEYCHAIN
#include <qt6keychain/keychain.h>
#endif

namespace outbound {

namespace {
const QString kBackendKey = QStringLiteral("secret.backend");
const QString kService = QStringLiteral("outbound");
const QString kPasswordName = QStringLiteral("smtp.password");

// The keychain's own key: one entry per database, so test databases never share a password.
QString keychainKey(const QString& name = kPasswordName)
{
    return name + u'@' + Database::path();
}

// The password keeps its original marker; other names get their own.
QString backendKey(const QString& name)
{
    return name == kPasswordName ? kBackendKey : kBackendKey + u'.' + name;
}

bool hasTestBackend();

bool keychainAvailable();

bool keychainAllowed()
{
    // A shared database is used by workers on other machines, whose keychains cannot see this
    // one's: its secrets live in its own secrets table, guarded by the server's GRANTs.
    return !Database::isServer() && keychainAvailable();
}

bool keychainAvailable()
{
    if (hasTestBackend())
        return true;
#ifdef OUTBOUND_HAVE_QTKEYCHAIN
    return qEnvironmentVariableIntValue("OUTBOUND_NO_KEYCHAIN") == 0;
#else
    return false;
#endif
}

// What one keychain call returned, or that it did not answer in time.
struct KeychainOutcome
{
    bool answered = false;
    bool failed = false;
    QString errorString;
    QString text;
};

std::atomic<int> g_keychainTimeoutMs{SecretStore::kKeychainTimeoutMs};
std::atomic<int> g_abandonedCalls{0};
QMutex g_backendMutex;
std::shared_ptr<SecretStore::KeychainBackend> g_backend; // tests; empty = QtKeychain

// Every keychain call runs on a thread of its own and the caller waits at most the bound. A
// QEventLoop with a timer around the job is not enough: QtKeychain makes blocking D-Bus calls
// inside start() (service lookup and activation, 25 s each), so a service that accepts the
// connection and never answers held `settings set-password` for minutes. A call that misses the
// bound is left to finish or time out on its own thread; it holds only its own copies.
KeychainOutcome runBounded(std::function<KeychainOutcome()> call)
{
    struct Shared
    {
        QMutex mutex;
        QWaitCondition done;
        std::optional<KeychainOutcome> outcome;
    };
    auto shared = std::make_shared<Shared>();
    std::thread worker([shared, call = std::move(call)] {
        KeychainOutcome outcome = call();
        QMutexLocker lock(&shared->mutex);
        shared->outcome = std::move(outcome);
        shared->done.wakeAll();
    });
    QMutexLocker lock(&shared->mutex);
    QDeadlineTimer deadline(g_keychainTimeoutMs.load());
    while (!shared->outcome) {
        if (!shared->done.wait(&shared->mutex, deadline))
            break;
    }
    if (shared->outcome) {
        lock.unlock();
        worker.join();
        return *shared->outcome;
    }
    lock.unlock();
    worker.detach();
    ++g_abandonedCalls;
    return {};
}

QString noAnswer()
{
    return QCoreApplication::translate("SecretStore", "the system keychain did not answer within %1 s")
        .arg(g_keychainTimeoutMs.load() / 1000.0, 0, 'g', 3);
}

#ifdef OUTBOUND_HAVE_QTKEYCHAIN
// One QtKeychain job on the calling (keychain) thread with its own event loop.
template <typename Job> KeychainOutcome runQtKeychainJob(Job* job)
{
    KeychainOutcome outcome;
    QEventLoop loop;
    QObject::connect(job, &QKeychain::Job::finished, &loop, [&outcome, &loop, job] {
        outcome.answered = true;
        outcome.failed = job->error() != QKeychain::NoError;
        outcome.errorString = job->errorString();
        if constexpr (std::is_same_v<Job, QKeychain::ReadPasswordJob>)
            outcome.text = job->textData();
        loop.quit();
    });
    job->setAutoDelete(false);
    job->start();
    if (!outcome.answered)
        loop.exec();
    delete job;
    return outcome;
}
#endif

enum class KeychainOp
{
    Read,
    Write,
    Erase
};

// One bounded keychain call through the test backend or QtKeychain.
KeychainOutcome keychainCall(KeychainOp op, const QString& key, const QString& value = {})
{
    std::shared_ptr<SecretStore::KeychainBackend> backend;
    {
        QMutexLocker lock(&g_backendMutex);
        backend = g_backend;
    }
    if (backend) {
        return runBounded([backend, op, key, value] {
            KeychainOutcome o;
            Result<QString> r = op == KeychainOp::Read    ? backend->read(key)
                                : op == KeychainOp::Write ? backend->write(key, value)
                                                          : backend->erase(key);
            o.answered = true;
            o.failed = !r.ok();
            if (r)
                o.text = r.value();
            else
                o.errorString = r.error().message;
            return o;
        });
    }
#ifdef OUTBOUND_HAVE_QTKEYCHAIN
    return runBounded([op, key, value] {
        switch (op) {
        case KeychainOp::Read: {
            auto* job = new QKeychain::ReadPasswordJob(kService);
            job->setKey(key);
            return runQtKeychainJob(job);
        }
        case KeychainOp::Write: {
            auto* job = new QKeychain::WritePasswordJob(kService);
            job->setKey(key);
            job->setTextData(value);
            return runQtKeychainJob(job);
        }
        case KeychainOp::Erase: {
            auto* job = new QKeychain::DeletePasswordJob(kService);
            job->setKey(key);
            return runQtKeychainJob(job);
        }
        }
        return KeychainOutcome{};
    });
#else
    Q_UNUSED(op)
    Q_UNUSED(key)
    Q_UNUSED(value)
    return {};
#endif
}

thread_local QString t_lastProblem;

Result<QString> readDatabaseSecret(const QString& name = kPasswordName)
{
    if (Database::isItflow() && itflow::secretInItflow(name)) {
        QSqlDatabase db = Database::connection();
        return itflow::readSecret(db, name);
    }
    QSqlQuery q(Database::connection());
    q.prepare(QStringLiteral("SELECT value FROM %1 WHERE name = ?")
                  .arg(Database::table(QStringLiteral("secrets"))));
    q.addBindValue(name);
    if (!q.exec())
        return Database::sqlFailure(QStringLiteral("read secret"), q.lastError());
    return q.next() ? q.value(0).toString() : QString();
}

Status writeDatabaseSecret(const QString& value, const QString& name = kPasswordName)
{
    // ITFlow's own worker and pages read these from its settings row, in plain text.
    if (Database::isItflow() && itflow::secretInItflow(name)) {
        QSqlDatabase db = Database::connection();
        return itflow::writeSecret(db, name, value);
    }
    QSqlQuery q(Database::connection());
    if (value.isEmpty()) {
        q.prepare(
            QStringLiteral("DELETE FROM %1 WHERE name = ?").arg(Database::table(QStringLiteral("secrets"))));
        q.addBindValue(name);
    } else {
        q.prepare(Database::upsertSql(Database::table(QStringLiteral("secrets")),
                                      {QStringLiteral("name"), QStringLiteral("value")},
                                      QStringLiteral("name")));
        q.addBindValue(name);
        q.addBindValue(value);
    }
    if (!q.exec())
        return Database::sqlFailure(QStringLiteral("write secret"), q.lastError());
    return success();
}

// Records a password change in the database in one transaction: the copy kept there (empty when
// the keychain holds it or it was erased), where it lives, and a settings revision bump so
// running workers use the new password for their next connection.
Status recordPasswordChange(const QString& databaseValue, const QString& backendValue)
{
    QSqlDatabase db = Database::connection();
    const QString what = QStringLiteral("write secret");
    QSqlQuery begin(db);
    if (!begin.exec(Database::beginWriteSql()))
        return Database::sqlFailure(what, begin.lastError());
    auto rollback = [&db] {
        QSqlQuery r(db);
        r.exec(QStringLiteral("ROLLBACK"));
    };
    Status s = writeDatabaseSecret(databaseValue);
    if (s)
        s = backendValue.isEmpty() ? SettingsStore::removeRawValue(kBackendKey)
                                   : SettingsStore::setRawValue(kBackendKey, backendValue);
    if (s)
        s = SettingsStore::bumpRevision();
    if (!s) {
        rollback();
        return s;
    }
    QSqlQuery commit(db);
    if (!commit.exec(QStringLiteral("COMMIT"))) {
        const QSqlError error = commit.lastError();
        rollback();
        return Database::sqlFailure(what, error);
    }
    return success();
}
} // namespace

std::optional<QString> SecretStore::readDatabasePassword(const QString& address)
{
    if (!keychainAvailable())
        return std::nullopt;
    const KeychainOutcome outcome = keychainCall(KeychainOp::Read, QStringLiteral("database:") + address);
    if (!outcome.answered || outcome.failed || outcome.text.isEmpty())
        return std::nullopt;
    return outcome.text;
}

Status SecretStore::writeDatabasePassword(const QString& address, const QString& password)
{
    if (!keychainAvailable())
        return Failure{QCoreApplication::translate(
            "SecretStore", "No system keychain is available; put the password in a password file instead.")};
    const KeychainOutcome outcome =
        password.isEmpty() ? keychainCall(KeychainOp::Erase, QStringLiteral("database:") + address)
                           : keychainCall(KeychainOp::Write, QStringLiteral("database:") + address, password);
    if (!outcome.answered)
        return Failure{QCoreApplication::translate("SecretStore", "The system keychain did not answer.")};
    if (outcome.failed && !password.isEmpty())
        return Failure{
            QCoreApplication::translate("SecretStore", "The system keychain refused the password: %1")
                .arg(outcome.errorString)};
    return success();
}

SecretStore::Backend SecretStore::backend()
{
    const auto stored = SettingsStore::rawValue(kBackendKey);
    if (stored && stored.value() == u"keychain" && keychainAllowed())
        return Backend::Keychain;
    return Backend::Database;
}

QString SecretStore::backendDescription(Backend backend, const QString& secret)
{
    switch (backend) {
    case Backend::Keychain:
        return QCoreApplication::translate("SecretStore", "Stored in the system keychain.");
    case Backend::Database:
        if (Database::isItflow())
            return QCoreApplication::translate(
                       "SecretStore", "Stored in plain text in ITFlow's settings row (%1), because ITFlow's "
                                      "own pages and worker read it there; anyone who can read ITFlow's "
                                      "database can read it.")
                .arg(itflow::secretColumnName(secret.isEmpty() ? QStringLiteral("smtp.password") : secret));
        if (Database::isServer())
            return QCoreApplication::translate(
                "SecretStore", "Stored in the shared database's secrets table, readable by the roles "
                               "granted access to it (not by a machine's keychain).");
        if (!keychainAllowed())
            return QCoreApplication::translate(
                "SecretStore", "Stored in Outbound's database, readable only by you (keychain not used).");
        return QCoreApplication::translate(
            "SecretStore",
            "No system keychain answered: stored in Outbound's database, readable only by you.");
    }
    return {};
}

Result<QString> SecretStore::readPassword()
{
    t_lastProblem.clear();
    if (backend() == Backend::Keychain) {
        const KeychainOutcome outcome = keychainCall(KeychainOp::Read, keychainKey());
        if (outcome.answered && !outcome.failed)
            return outcome.text;
        t_lastProblem = outcome.answered ? outcome.errorString : noAnswer();
        return Failure(QCoreApplication::translate("SecretStore", "The system keychain did not return the "
                                                                  "password: %1")
                           .arg(t_lastProblem));
    }
    return readDatabaseSecret();
}

Result<SecretStore::Backend> SecretStore::writePassword(const QString& password)
{
    t_lastProblem.clear();
    if (keychainAllowed()) {
        const KeychainOutcome outcome = keychainCall(KeychainOp::Write, keychainKey(), password);
        if (outcome.answered && !outcome.failed) {
            // Never leave a stale copy behind in the database.
            if (auto s = recordPasswordChange(QString(), QStringLiteral("keychain")); !s)
                return s.error();
            return Backend::Keychain;
        }
        // Said out loud by the caller (lastKeychainProblem()), then the database takes it.
        t_lastProblem = outcome.answered ? outcome.errorString : noAnswer();
    }
    if (auto s = recordPasswordChange(password, QStringLiteral("database")); !s)
        return s.error();
    return Backend::Database;
}

Status SecretStore::erasePassword()
{
    t_lastProblem.clear();
    if (backend() == Backend::Keychain) {
        const KeychainOutcome outcome = keychainCall(KeychainOp::Erase, keychainKey());
        if (!outcome.answered || outcome.failed)
            t_lastProblem = outcome.answered ? outcome.errorString : noAnswer();
    }
    return recordPasswordChange(QString(), QString());
}

QString SecretStore::lastKeychainProblem()
{
    return t_lastProblem;
}

int SecretStore::abandonedKeychainCalls()
{
    return g_abandonedCalls.load();
}

void SecretStore::setKeychainBackendForTesting(std::shared_ptr<KeychainBackend> backend, int timeoutMs)
{
    QMutexLocker lock(&g_backendMutex);
    g_backend = std::move(backend);
    g_keychainTimeoutMs = timeoutMs > 0 ? timeoutMs : kKeychainTimeoutMs;
}

namespace {
bool hasTestBackend()
{
    QMutexLocker lock(&g_backendMutex);
    return g_backend != nullptr;
}
} // namespace

bool SecretStore::usesDatabase(const QString& name)
{
    const auto stored = SettingsStore::rawValue(backendKey(name));
    return !(stored && stored.value() == u"keychain" && keychainAllowed());
}

Result<QString> SecretStore::readSecret(const QString& name)
{
    if (name == kPasswordName)
        return readPassword();
    t_lastProblem.clear();
    if (!usesDatabase(name)) {
        const KeychainOutcome outcome = keychainCall(KeychainOp::Read, keychainKey(name));
        if (outcome.answered && !outcome.failed)
            return outcome.text;
        t_lastProblem = outcome.answered ? outcome.errorString : noAnswer();
        return Failure(QCoreApplication::translate("SecretStore", "The system keychain did not return %1: %2")
                           .arg(name, t_lastProblem));
    }
    return readDatabaseSecret(name);
}

Result<SecretStore::Backend> SecretStore::writeSecret(const QString& name, const QString& value)
{
    if (name == kPasswordName)
        return writePassword(value);
    t_lastProblem.clear();
    if (keychainAllowed()) {
        const KeychainOutcome outcome = keychainCall(KeychainOp::Write, keychainKey(name), value);
        if (outcome.answered && !outcome.failed) {
            if (auto s = writeDatabaseSecret(QString(), name); !s)
                return s.error();
            if (auto s = SettingsStore::setRawValue(backendKey(name), QStringLiteral("keychain")); !s)
                return s.error();
            return Backend::Keychain;
        }
        t_lastProblem = outcome.answered ? outcome.errorString : noAnswer();
    }
    if (auto s = writeDatabaseSecret(value, name); !s)
        return s.error();
    if (auto s = SettingsStore::setRawValue(backendKey(name), QStringLiteral("database")); !s)
        return s.error();
    return Backend::Database;
}

Status SecretStore::eraseSecret(const QString& name)
{
    if (name == kPasswordName)
        return erasePassword();
    t_lastProblem.clear();
    if (!usesDatabase(name)) {
        const KeychainOutcome outcome = keychainCall(KeychainOp::Erase, keychainKey(name));
        if (!outcome.answered || outcome.failed)
            t_lastProblem = outcome.answered ? outcome.errorString : noAnswer();
    }
    if (auto s = writeDatabaseSecret(QString(), name); !s)
        return s;
    return SettingsStore::removeRawValue(backendKey(name));
}

} // namespace outbound
