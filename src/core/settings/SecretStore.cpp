#include "settings/SecretStore.h"

#include "common/Database.h"
#include "settings/SettingsStore.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimer>
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
QString keychainKey()
{
    return kPasswordName + u'@' + Database::path();
}

bool keychainAllowed()
{
#ifdef OUTBOUND_HAVE_QTKEYCHAIN
    return qEnvironmentVariableIntValue("OUTBOUND_NO_KEYCHAIN") == 0;
#else
    return false;
#endif
}

#ifdef OUTBOUND_HAVE_QTKEYCHAIN
// QtKeychain jobs are asynchronous; this waits for one with a bound so a keychain that never
// answers (no D-Bus session, locked wallet) cannot hang the caller. Callers are the CLI and
// worker threads, never the GUI thread.
// QtKeychain jobs are asynchronous; this waits for one with a bound so a keychain that never
// answers (no D-Bus session, locked wallet) cannot hang the caller. Callers are the CLI and worker
// threads, never the GUI thread. The job deletes itself when it ends, so one that answers after
// the bound has passed touches nothing of ours.
struct KeychainOutcome
{
    bool answered = false;
    QKeychain::Error error = QKeychain::NoError;
    QString errorString;
    QString text;
};

template <typename Job> KeychainOutcome runKeychainJob(Job* job)
{
    KeychainOutcome outcome;
    QEventLoop loop;
    QObject::connect(job, &QKeychain::Job::finished, &loop, [&outcome, &loop, job] {
        outcome.answered = true;
        outcome.error = job->error();
        outcome.errorString = job->errorString();
        if constexpr (std::is_same_v<Job, QKeychain::ReadPasswordJob>)
            outcome.text = job->textData();
        loop.quit();
    });
    QTimer::singleShot(5000, &loop, &QEventLoop::quit);
    job->setAutoDelete(true);
    job->start();
    if (!outcome.answered)
        loop.exec();
    return outcome;
}
#endif

Result<QString> readDatabaseSecret()
{
    QSqlQuery q(Database::connection());
    q.prepare(QStringLiteral("SELECT value FROM secrets WHERE name = ?"));
    q.addBindValue(kPasswordName);
    if (!q.exec())
        return Database::sqlFailure(QStringLiteral("read secret"), q.lastError());
    return q.next() ? q.value(0).toString() : QString();
}

Status writeDatabaseSecret(const QString& value)
{
    QSqlQuery q(Database::connection());
    if (value.isEmpty()) {
        q.prepare(QStringLiteral("DELETE FROM secrets WHERE name = ?"));
        q.addBindValue(kPasswordName);
    } else {
        q.prepare(QStringLiteral("INSERT INTO secrets(name, value) VALUES(?, ?) "
                                 "ON CONFLICT(name) DO UPDATE SET value = excluded.value"));
        q.addBindValue(kPasswordName);
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
    if (!begin.exec(QStringLiteral("BEGIN IMMEDIATE")))
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

SecretStore::Backend SecretStore::backend()
{
    const auto stored = SettingsStore::rawValue(kBackendKey);
    if (stored && stored.value() == u"keychain" && keychainAllowed())
        return Backend::Keychain;
    return Backend::Database;
}

QString SecretStore::backendDescription(Backend backend)
{
    switch (backend) {
    case Backend::Keychain:
        return QCoreApplication::translate("SecretStore", "Stored in the system keychain.");
    case Backend::Database:
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
#ifdef OUTBOUND_HAVE_QTKEYCHAIN
    if (backend() == Backend::Keychain) {
        auto* job = new QKeychain::ReadPasswordJob(kService);
        job->setKey(keychainKey());
        const KeychainOutcome outcome = runKeychainJob(job);
        if (outcome.answered && outcome.error == QKeychain::NoError)
            return outcome.text;
        return Failure(QCoreApplication::translate("SecretStore", "The system keychain did not return the "
                                                                  "password: %1")
                           .arg(outcome.answered ? outcome.errorString
                                                 : QCoreApplication::translate("SecretStore", "no answer")));
    }
#endif
    return readDatabaseSecret();
}

Result<SecretStore::Backend> SecretStore::writePassword(const QString& password)
{
#ifdef OUTBOUND_HAVE_QTKEYCHAIN
    if (keychainAllowed()) {
        auto* job = new QKeychain::WritePasswordJob(kService);
        job->setKey(keychainKey());
        job->setTextData(password);
        const KeychainOutcome outcome = runKeychainJob(job);
        if (outcome.answered && outcome.error == QKeychain::NoError) {
            // Never leave a stale copy behind in the database.
            if (auto s = recordPasswordChange(QString(), QStringLiteral("keychain")); !s)
                return s.error();
            return Backend::Keychain;
        }
    }
#endif
    if (auto s = recordPasswordChange(password, QStringLiteral("database")); !s)
        return s.error();
    return Backend::Database;
}

Status SecretStore::erasePassword()
{
#ifdef OUTBOUND_HAVE_QTKEYCHAIN
    if (backend() == Backend::Keychain) {
        auto* job = new QKeychain::DeletePasswordJob(kService);
        job->setKey(keychainKey());
        runKeychainJob(job);
    }
#endif
    return recordPasswordChange(QString(), QString());
}

} // namespace outbound
