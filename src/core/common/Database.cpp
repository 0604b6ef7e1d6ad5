#include "common/Database.h"

#include "common/DatabaseUrl.h"
#include "itflow/ItflowDatabase.h"
#include "settings/SecretStore.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QMutex>
#include <QProcessEnvironment>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QThread>
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace outbound {

namespace {
QString g_path;
QMutex g_pathMutex;
// A server database: its address and password (kept in memory only), and a generation that moves
// on every initialize so threads reopen their connections.
std::optional<DatabaseUrl> g_server;
std::optional<QString> g_serverPassword;
int g_generation = 0;
bool g_serverMigrationsAllowed = false; // SQLite always migrates
QHash<QString, int> g_knownVersions;
thread_local int t_generation = -1;

struct ConnectionConfig
{
    QString path;
    std::optional<DatabaseUrl> server;
    std::optional<QString> password;
    int generation = 0;
};

ConnectionConfig currentConfig()
{
    QMutexLocker lock(&g_pathMutex);
    return {g_path, g_server, g_serverPassword, g_generation};
}

QString connectionName()
{
    return QStringLiteral("outbound-%1").arg(reinterpret_cast<quintptr>(QThread::currentThread()), 0, 16);
}

Status exec(QSqlDatabase& db, const QString& sql, const QString& what)
{
    QSqlQuery q(db);
    if (!q.exec(sql))
        return Database::sqlFailure(what, q.lastError());
    return success();
}
// Switching a new file to WAL takes the write lock from inside a read. When several processes
// create the same database at once, SQLite refuses that upgrade at once with SQLITE_BUSY instead
// of waiting (waiting could deadlock), so the busy timeout never applies. The statement has
// ended and released its read lock by then: trying again, within the same ten seconds the busy
// timeout allows, is safe. WAL is stored in the file, so a later try usually finds it set.
Status switchToWal(QSqlDatabase& db)
{
    const QString what = QCoreApplication::translate("Database", "Cannot switch the database to WAL mode");
    QDeadlineTimer deadline(10'000);
    for (int attempt = 0;; ++attempt) {
        QSqlQuery q(db);
        if (q.exec(QStringLiteral("PRAGMA journal_mode=WAL")))
            return success();
        const bool busy = q.lastError().nativeErrorCode() == QLatin1String("5");
        if (!busy || deadline.hasExpired())
            return Database::sqlFailure(what, q.lastError());
        q.finish();
        QThread::msleep(std::min(5 << std::min(attempt, 5), 100));
    }
}
// Reads the file's table list before anything is written, so a mistyped --db never turns another
// program's database (or any other file) into one of Outbound's. Every database Outbound has set up
// holds `schema_versions`; an empty file is one a command that writes may set up.
// The server refused the login (no password where one is needed, or a wrong one): MariaDB 1045,
// PostgreSQL SQLSTATE class 28, or libpq's own message when it had no password to send.
bool isLoginRefused(const QSqlError& error)
{
    const QString code = error.nativeErrorCode();
    return code == QLatin1String("1045") || code.startsWith(QLatin1String("28")) ||
           error.text().contains(QLatin1String("password"), Qt::CaseInsensitive);
}

Status checkIsOutbounds(QSqlDatabase& db, const QString& path, Database::Open mode)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table'"))) {
        // SQLITE_NOTADB (26): the file has some other content.
        if (q.lastError().nativeErrorCode() == QLatin1String("26"))
            return Failure{QCoreApplication::translate(
                               "Database", "%1 is not a database file; Outbound leaves it as it is.")
                               .arg(path),
                           QStringLiteral("db")};
        return Database::sqlFailure(
            QCoreApplication::translate("Database", "Cannot open the database %1").arg(path), q.lastError());
    }
    QStringList tables;
    while (q.next())
        tables.append(q.value(0).toString());
    if (tables.contains(QStringLiteral("schema_versions")))
        return success();
    if (!tables.isEmpty())
        return Failure{QCoreApplication::translate("Database",
                                                   "%1 is another program's database (it has no Outbound "
                                                   "tables); Outbound leaves it as it is.")
                           .arg(path),
                       QStringLiteral("db")};
    if (mode == Database::Open::MustExist)
        return Failure{QCoreApplication::translate("Database",
                                                   "%1 is empty, not an Outbound database yet; a command "
                                                   "that writes (settings set, enqueue) sets it up.")
                           .arg(path),
                       QStringLiteral("db")};
    return success();
}
} // namespace

QString Database::resolvePath(const QString& explicitPath)
{
    if (!explicitPath.isEmpty())
        return explicitPath;
    const QString env = qEnvironmentVariable("OUTBOUND_DB");
    if (!env.isEmpty())
        return env;
    QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    if (dir.isEmpty())
        dir = QDir::homePath() + QStringLiteral("/.local/share/outbound");
    return dir + QStringLiteral("/outbound.sqlite");
}

Status Database::initialize(const QString& path, Open mode, QStringList* warnings)
{
    const QFileInfo info(path);
    const QByteArray native = QFile::encodeName(info.absoluteFilePath());
    struct stat st = {};
    // stat(), not lstat(): a symlink to a database is fine, a symlink to a device is not.
    if (::stat(native.constData(), &st) == 0) {
        if (!S_ISREG(st.st_mode))
            return Failure{QCoreApplication::translate(
                               "Database", "%1 is not a database file (it is a folder, a device or a pipe).")
                               .arg(path),
                           QStringLiteral("db")};
        // The file may hold the password when no keychain answers. Never change the mode of a file
        // Outbound did not create (it may be shared on purpose, or not be ours at all): say it.
        if (warnings && (st.st_mode & (S_IRWXG | S_IRWXO)) != 0)
            warnings->append(
                QCoreApplication::translate("Database", "warning: the database %1 can be read by other users "
                                                        "(mode %2); `chmod 600 %1` makes it private.")
                    .arg(path)
                    .arg(st.st_mode & 0777, 3, 8, QLatin1Char('0')));
        // SQLite keeps its write-ahead log beside the name it was opened by; two names of one file
        // mean two logs and a corrupt database when both are used.
        if (warnings && st.st_nlink > 1)
            warnings->append(QCoreApplication::translate(
                                 "Database", "warning: the database %1 has %2 hard links; use it under "
                                             "one name only (its log files go by name).")
                                 .arg(path)
                                 .arg(st.st_nlink));
    } else if (errno != ENOENT) {
        return Failure{QCoreApplication::translate("Database", "Cannot open the database %1: %2")
                           .arg(path, QString::fromLocal8Bit(std::strerror(errno))),
                       QStringLiteral("db")};
    } else if (mode == Open::MustExist) {
        return Failure{QCoreApplication::translate("Database", "no such database: %1").arg(path),
                       kNoSuchDatabase};
    } else {
        QDir dir = info.absoluteDir();
        if (!dir.exists()) {
            // Only the folders made here get 0700; parents that exist keep their modes.
            QStringList missing;
            for (QString folder = dir.absolutePath(); !QFileInfo::exists(folder);) {
                missing.prepend(folder);
                const QString parent = QFileInfo(folder).path();
                if (parent == folder)
                    break;
                folder = parent;
            }
            for (const QString& folder : std::as_const(missing)) {
                if (::mkdir(QFile::encodeName(folder).constData(), 0700) != 0 && errno != EEXIST)
                    return Failure{
                        QCoreApplication::translate("Database", "Cannot create the folder %1.").arg(folder),
                        QStringLiteral("db")};
            }
        }
        // O_EXCL | O_NOFOLLOW: create exactly this new file, owner-only from its first moment;
        // never through a symlink planted in its place.
        const int fd = ::open(native.constData(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
        if (fd < 0 && errno != EEXIST)
            return Failure{QCoreApplication::translate("Database", "Cannot create the database %1: %2")
                               .arg(path, QString::fromLocal8Bit(std::strerror(errno))),
                           QStringLiteral("db")};
        if (fd >= 0)
            ::close(fd);
    }
    {
        QMutexLocker lock(&g_pathMutex);
        g_path = info.absoluteFilePath();
        g_server.reset();
        g_serverPassword.reset();
        ++g_generation;
    }
    QSqlDatabase db = connection();
    if (!db.isOpen())
        return sqlFailure(QCoreApplication::translate("Database", "Cannot open the database %1").arg(path),
                          db.lastError());
    if (auto s = checkIsOutbounds(db, path, mode); !s)
        return s;
    if (auto s = switchToWal(db); !s)
        return s;
    return exec(db,
                QStringLiteral("CREATE TABLE IF NOT EXISTS schema_versions ("
                               "component TEXT PRIMARY KEY, version INTEGER NOT NULL)"),
                QCoreApplication::translate("Database", "Cannot create the schema version table"));
}

Status Database::initializeUrl(const QString& address, Open mode, QStringList* warnings,
                               const std::optional<QString>& passwordFromStdin)
{
    auto url = DatabaseUrl::parse(address);
    if (!url)
        return url.error();
    if (!url->isServer())
        return initialize(url->path(), mode, warnings);
    auto password = DatabasePassword::resolve(url.value(), passwordFromStdin);
    if (!password)
        return password.error();
    // Third in line after stdin and the password file: this machine's keychain.
    if (!password->has_value())
        password = SecretStore::readDatabasePassword(url->displayString());
    {
        QMutexLocker lock(&g_pathMutex);
        g_path = url->displayString();
        g_server = url.value();
        g_serverPassword = password.value();
        ++g_generation;
    }
    QSqlDatabase db = connection();
    if (!db.isOpen()) {
        const QSqlError error = db.lastError();
        // Let go of this handle first: sqlFailure() drops the failed connection, and Qt warns
        // (on stderr) about removing a connection that a handle still holds.
        db = QSqlDatabase();
        QString reason =
            sqlFailure(QCoreApplication::translate("Database", "Cannot connect to the database %1")
                           .arg(url->displayString()),
                       error)
                .message;
        // Where to put the password helps only when the server asked for one, not when nothing
        // answered at that address.
        const bool refused = isLoginRefused(error);
        if (!password->has_value() && refused)
            reason += QLatin1Char(' ') + DatabasePassword::passwordHint(url.value());
        return Failure{reason, refused ? QString(kLoginRefused) : QStringLiteral("db")};
    }
    if (url->kind() == DatabaseKind::ItflowMariaDb) {
        if (auto s = itflow::checkSchemaVersion(db, url->displayString()); !s)
            return s;
    }
    QSqlQuery q(db);
    if (q.exec(QStringLiteral("SELECT count(*) FROM %1").arg(table(QStringLiteral("schema_versions")))))
        return success();
    bool allowed = false;
    {
        QMutexLocker lock(&g_pathMutex);
        allowed = g_serverMigrationsAllowed;
    }
    if (!allowed)
        return Failure{QCoreApplication::translate(
                           "Database", "The database %1 is not set up for Outbound yet: run "
                                       "`outbound-cli db init --db %1` as a role that may create tables.")
                           .arg(url->displayString()),
                       QStringLiteral("db")};
    return exec(db,
                QStringLiteral("CREATE TABLE IF NOT EXISTS %1 ("
                               "component VARCHAR(64) PRIMARY KEY, version INTEGER NOT NULL)")
                    .arg(table(QStringLiteral("schema_versions"))),
                QCoreApplication::translate("Database", "Cannot create the schema version table"));
}

SqlDialect Database::dialect()
{
    QMutexLocker lock(&g_pathMutex);
    if (!g_server)
        return SqlDialect::Sqlite;
    return g_server->kind() == DatabaseKind::PostgreSql ? SqlDialect::PostgreSql : SqlDialect::MariaDb;
}

bool Database::isItflow()
{
    QMutexLocker lock(&g_pathMutex);
    return g_server && g_server->kind() == DatabaseKind::ItflowMariaDb;
}

QString Database::table(const QString& name)
{
    return isItflow() ? QStringLiteral("outbound_") + name : name;
}

void Database::setMigrationsAllowed(bool allowed)
{
    QMutexLocker lock(&g_pathMutex);
    g_serverMigrationsAllowed = allowed;
}

namespace {
// path -> descriptor used for the worker lock. Never closed: closing any descriptor of a file drops
// every POSIX lock this process holds on it, SQLite's own included (see fcntl(2)).
QHash<QString, int> g_lockDescriptors;
} // namespace

Result<bool> Database::tryLockWorker()
{
    QMutexLocker lock(&g_pathMutex);
    if (g_server)
        return true;
    if (g_path.isEmpty())
        return Failure{QCoreApplication::translate("Database", "The database is not open.")};
    int fd = g_lockDescriptors.value(g_path, -1);
    if (fd < 0) {
        fd = ::open(QFile::encodeName(g_path).constData(), O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            return Failure{
                QCoreApplication::translate("Database", "Cannot open the database %1 to lock it: %2")
                    .arg(g_path, QString::fromLocal8Bit(std::strerror(errno)))};
        g_lockDescriptors.insert(g_path, fd);
    }
    if (::flock(fd, LOCK_EX | LOCK_NB) == 0)
        return true;
    if (errno == EWOULDBLOCK)
        return false;
    return Failure{QCoreApplication::translate("Database", "Cannot lock the database %1: %2")
                       .arg(g_path, QString::fromLocal8Bit(std::strerror(errno)))};
}

void Database::unlockWorker()
{
    QMutexLocker lock(&g_pathMutex);
    if (g_server)
        return;
    const int fd = g_lockDescriptors.value(g_path, -1);
    if (fd >= 0)
        ::flock(fd, LOCK_UN);
}

QString Database::path()
{
    QMutexLocker lock(&g_pathMutex);
    return g_path;
}

namespace {

// Opens `db` and sets up its session the way every Outbound statement expects.
void openSession(QSqlDatabase& db, const std::optional<DatabaseUrl>& server)
{
    if (!db.open())
        return;
    QSqlQuery q(db);
    if (!server) {
        q.exec(QStringLiteral("PRAGMA foreign_keys=ON"));
        q.exec(QStringLiteral("PRAGMA synchronous=NORMAL"));
        return;
    }
    // A process stopped inside a transaction (SIGSTOP, a suspended machine, a debugger) would hold
    // its locks, among them the queue's revision row every write takes, and so stall every worker
    // and window on the database. Outbound's transactions never wait between statements (no SMTP
    // or user input inside), so one idle for this long is a stopped client: the server ends its
    // session and its locks go. The client's next statement then fails as a lost connection and
    // it reconnects (dropIfConnectionLost).
    if (server->kind() == DatabaseKind::PostgreSql) {
        q.exec(QStringLiteral("SET client_min_messages = warning"));
        q.exec(QStringLiteral("SET idle_in_transaction_session_timeout = %1")
                   .arg(Database::idleTransactionMs()));
        return;
    }
    // In whole seconds, at least one.
    q.exec(QStringLiteral("SET SESSION idle_transaction_timeout = %1")
               .arg(std::max(1, (Database::idleTransactionMs() + 999) / 1000)));
    // ANSI: "quoted" identifiers and || as concatenation, and NO_BACKSLASH_ESCAPES: '\' is one
    // backslash (LIKE ... ESCAPE '\'), as in SQLite and PostgreSQL. READ COMMITTED: every statement
    // sees the latest committed rows, as the claims expect.
    q.exec(QStringLiteral("SET SESSION sql_mode = "
                          "'ANSI,STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION,NO_BACKSLASH_ESCAPES'"));
    q.exec(QStringLiteral("SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED"));
    q.exec(QStringLiteral("SET NAMES utf8mb4"));
}

} // namespace

QSqlDatabase Database::connection()
{
    const QString name = connectionName();
    const ConnectionConfig config = currentConfig();
    if (QSqlDatabase::contains(name)) {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        if (t_generation == config.generation) {
            // Open, or closed after its server went away (dropIfConnectionLost): the same
            // connection opens again. Removing it would cut off the stores that hold it, with Qt's
            // "still in use" warning.
            if (!db.isOpen())
                openSession(db, config.server);
            return db;
        }
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(name);
    }
    t_generation = config.generation;
    if (config.server) {
        QSqlDatabase db = QSqlDatabase::addDatabase(config.server->qtDriverName(), name);
        config.server->applyTo(db, config.password);
        if (config.server->kind() != DatabaseKind::PostgreSql) {
            // Matched rather than changed rows, as SQLite and PostgreSQL count them (the fences rely on it).
            const QString options = db.connectOptions();
            db.setConnectOptions(options.isEmpty() ? QStringLiteral("CLIENT_FOUND_ROWS")
                                                   : options + QStringLiteral(";CLIENT_FOUND_ROWS"));
        }
        openSession(db, config.server);
        return db;
    }
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    db.setDatabaseName(config.path);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
    openSession(db, std::nullopt);
    return db;
}

int Database::idleTransactionMs()
{
    const int test = qEnvironmentVariableIntValue("OUTBOUND_TEST_IDLE_TRANSACTION_MS");
    return test > 0 ? test : kIdleTransactionMs;
}

bool Database::dropIfConnectionLost(const QSqlError& error)
{
    if (!isServer() || !error.isValid())
        return false;
    const QString code = error.nativeErrorCode();
    const QString text = error.text();
    // MariaDB client errors 2002/2003 (cannot connect), 2006 (gone away), 2013 (lost during a
    // query), 1927 (connection killed), 4031 (idle timeout); PostgreSQL SQLSTATE class 08 and
    // 57P01..57P03 (shut down, crashed, starting), and libpq's messages when no SQLSTATE came.
    static const QStringList mariaDbCodes{QStringLiteral("2002"), QStringLiteral("2003"),
                                          QStringLiteral("2006"), QStringLiteral("2013"),
                                          QStringLiteral("1927"), QStringLiteral("4031")};
    const bool lost = error.type() == QSqlError::ConnectionError || mariaDbCodes.contains(code) ||
                      code.startsWith(QLatin1String("08")) || code.startsWith(QLatin1String("57P0")) ||
                      text.contains(QLatin1String("server closed the connection"), Qt::CaseInsensitive) ||
                      text.contains(QLatin1String("no connection to the server"), Qt::CaseInsensitive) ||
                      text.contains(QLatin1String("terminating connection"), Qt::CaseInsensitive) ||
                      text.contains(QLatin1String("server has gone away"), Qt::CaseInsensitive) ||
                      text.contains(QLatin1String("Lost connection"), Qt::CaseInsensitive);
    if (lost) {
        // Closed, not removed: connection() opens it again for the next statement.
        const QString name = connectionName();
        if (QSqlDatabase::contains(name))
            QSqlDatabase::database(name, false).close();
    }
    return lost;
}

void Database::closeThreadConnection()
{
    const QString name = connectionName();
    if (!QSqlDatabase::contains(name))
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

namespace {
Result<int> schemaVersion(QSqlDatabase& db, const QString& component)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT version FROM %1 WHERE component = ?")
                  .arg(Database::table(QStringLiteral("schema_versions"))));
    q.addBindValue(component);
    if (!q.exec())
        return Database::sqlFailure(
            QCoreApplication::translate("Database", "Cannot read the schema version of %1").arg(component),
            q.lastError());
    return q.next() ? q.value(0).toInt() : 0;
}

Failure newerSchema(const QString& component, int version, int known)
{
    return Failure{QCoreApplication::translate("Database",
                                               "The database was written by a newer Outbound (%1 schema %2); "
                                               "this version knows up to %3.")
                       .arg(component)
                       .arg(version)
                       .arg(known)};
}
} // namespace

Status Database::migrate(const QString& component, const QList<QStringList>& steps)
{
    if (isServer())
        return Failure{QCoreApplication::translate("Database", "%1 is kept in SQLite only.").arg(component)};
    return migrate(component, SchemaSteps{steps, {}});
}

void Database::registerComponent(const QString& component, int knownVersion)
{
    QMutexLocker lock(&g_pathMutex);
    g_knownVersions.insert(component, knownVersion);
}

Result<QList<Database::ComponentVersion>> Database::versions()
{
    QSqlDatabase db = connection();
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT component, version FROM %1 ORDER BY component")
                    .arg(table(QStringLiteral("schema_versions")))))
        return sqlFailure(QCoreApplication::translate("Database", "Cannot read the schema versions"),
                          q.lastError());
    QHash<QString, int> known;
    {
        QMutexLocker lock(&g_pathMutex);
        known = g_knownVersions;
    }
    QList<ComponentVersion> list;
    while (q.next()) {
        const QString component = q.value(0).toString();
        list.append({component, q.value(1).toInt(), known.take(component)});
    }
    for (auto it = known.cbegin(); it != known.cend(); ++it)
        list.append({it.key(), 0, it.value()});
    std::sort(list.begin(), list.end(),
              [](const ComponentVersion& a, const ComponentVersion& b) { return a.component < b.component; });
    return list;
}

Status Database::migrate(const QString& component, const SchemaSteps& schema)
{
    const SqlDialect flavour = dialect();
    const bool server = flavour != SqlDialect::Sqlite;
    const QList<QStringList>& steps = server ? schema.server : schema.sqlite;
    Q_ASSERT(schema.server.isEmpty() || schema.server.size() == schema.sqlite.size());
    QSqlDatabase db = connection();
    const int known = static_cast<int>(steps.size());
    registerComponent(component, known);
    // Cheap look first: an up-to-date database needs no write lock.
    auto current = schemaVersion(db, component);
    if (!current)
        return current.error();
    if (current.value() > known)
        return newerSchema(component, current.value(), known);
    if (current.value() == known)
        return success();
    bool allowed = !server;
    {
        QMutexLocker lock(&g_pathMutex);
        allowed = allowed || g_serverMigrationsAllowed;
    }
    if (!allowed) {
        return Failure{
            current.value() == 0
                ? QCoreApplication::translate("Database", "The database %1 has no %2 tables yet: run "
                                                          "`outbound-cli db init --db %1`.")
                      .arg(path(), component)
                : QCoreApplication::translate("Database", "The database %1 holds %2 schema %3; this Outbound "
                                                          "needs %4: run `outbound-cli db migrate --db %1`.")
                      .arg(path(), component)
                      .arg(current.value())
                      .arg(known),
            QStringLiteral("db")};
    }

    // Several processes may set up a new database at once; exactly one of them runs each step.
    // SQLite: BEGIN IMMEDIATE takes the write lock before anything is read. PostgreSQL: an
    // advisory lock for the transaction (its DDL is transactional). MariaDB: a named lock (its DDL
    // commits by itself, so a step that fails halfway is reported and `db migrate` resumes it).
    QSqlQuery q(db);
    QString lockSql = QStringLiteral("BEGIN IMMEDIATE");
    if (flavour == SqlDialect::PostgreSql)
        lockSql = QStringLiteral("BEGIN");
    else if (flavour == SqlDialect::MariaDb)
        lockSql = QStringLiteral("SELECT GET_LOCK('outbound_schema', 60)");
    if (!q.exec(lockSql) ||
        (flavour == SqlDialect::PostgreSql && !q.exec(QStringLiteral("SELECT pg_advisory_xact_lock(7711)"))))
        return sqlFailure(
            QCoreApplication::translate("Database", "Cannot lock the database to set up %1").arg(component),
            q.lastError());
    auto rollback = [&db, flavour] {
        QSqlQuery r(db);
        r.exec(flavour == SqlDialect::MariaDb ? QStringLiteral("SELECT RELEASE_LOCK('outbound_schema')")
                                              : QStringLiteral("ROLLBACK"));
    };
    current = schemaVersion(db, component);
    if (!current) {
        rollback();
        return current.error();
    }
    int version = current.value();
    if (version > known) {
        rollback();
        return newerSchema(component, version, known);
    }
    auto recordVersion = [&](int reached) -> std::optional<QSqlError> {
        QSqlQuery bump(db);
        bump.prepare(upsertSql(table(QStringLiteral("schema_versions")),
                               {QStringLiteral("component"), QStringLiteral("version")},
                               QStringLiteral("component")));
        bump.addBindValue(component);
        bump.addBindValue(reached);
        if (!bump.exec())
            return bump.lastError();
        return std::nullopt;
    };
    for (; version < known; ++version) {
        for (const QString& raw : steps[version]) {
            const QString sql = server ? ddl(raw, flavour) : raw;
            QSqlQuery step(db);
            if (!step.exec(sql)) {
                const QSqlError error = step.lastError();
                step.finish();
                rollback();
                return sqlFailure(
                    QCoreApplication::translate("Database", "Cannot set up %1 (schema step %2 of %3)")
                        .arg(component)
                        .arg(version + 1)
                        .arg(known),
                    error);
            }
        }
        // MariaDB cannot undo DDL: record each finished step so a failed run resumes after it.
        if (flavour == SqlDialect::MariaDb) {
            if (auto error = recordVersion(version + 1)) {
                rollback();
                return sqlFailure(
                    QCoreApplication::translate("Database", "Cannot record the schema version of %1")
                        .arg(component),
                    *error);
            }
        }
    }
    if (auto error = recordVersion(known)) {
        rollback();
        return sqlFailure(
            QCoreApplication::translate("Database", "Cannot record the schema version of %1").arg(component),
            *error);
    }
    if (!q.exec(flavour == SqlDialect::MariaDb ? QStringLiteral("SELECT RELEASE_LOCK('outbound_schema')")
                                               : QStringLiteral("COMMIT"))) {
        const QSqlError error = q.lastError();
        rollback();
        return sqlFailure(
            QCoreApplication::translate("Database", "Cannot save the set-up of %1").arg(component), error);
    }
    return success();
}

QString Database::beginWriteSql()
{
    switch (dialect()) {
    case SqlDialect::Sqlite:
        return QStringLiteral("BEGIN IMMEDIATE");
    case SqlDialect::PostgreSql:
        return QStringLiteral("BEGIN");
    case SqlDialect::MariaDb:
        return QStringLiteral("START TRANSACTION");
    }
    return QStringLiteral("BEGIN");
}

QString Database::placeholders(qsizetype count)
{
    QString list;
    for (qsizetype i = 0; i < count; ++i)
        list += i == 0 ? QStringLiteral("?") : QStringLiteral(",?");
    return list;
}

QString Database::upsertSql(const QString& table, const QStringList& columns, const QString& key)
{
    QStringList updates;
    const bool mariaDb = dialect() == SqlDialect::MariaDb;
    for (const QString& c : columns) {
        if (c != key)
            updates.append(mariaDb ? QStringLiteral("\"%1\" = VALUES(\"%1\")").arg(c)
                                   : QStringLiteral("\"%1\" = excluded.\"%1\"").arg(c));
    }
    QStringList quoted;
    for (const QString& c : columns)
        quoted.append(QLatin1Char('"') + c + QLatin1Char('"'));
    QString sql = QStringLiteral("INSERT INTO %1 (%2) VALUES (%3) ")
                      .arg(table, quoted.join(QStringLiteral(", ")), placeholders(columns.size()));
    if (mariaDb)
        return sql + QStringLiteral("ON DUPLICATE KEY UPDATE ") + updates.join(QStringLiteral(", "));
    return sql + QStringLiteral("ON CONFLICT (\"%1\") DO UPDATE SET ").arg(key) +
           updates.join(QStringLiteral(", "));
}

QString Database::insertIgnoreSql(const QString& table, const QStringList& columns)
{
    QStringList quoted;
    for (const QString& c : columns)
        quoted.append(QLatin1Char('"') + c + QLatin1Char('"'));
    const QString list = quoted.join(QStringLiteral(", "));
    const QString marks = placeholders(columns.size());
    switch (dialect()) {
    case SqlDialect::Sqlite:
        return QStringLiteral("INSERT OR IGNORE INTO %1 (%2) VALUES (%3)").arg(table, list, marks);
    case SqlDialect::MariaDb:
        return QStringLiteral("INSERT IGNORE INTO %1 (%2) VALUES (%3)").arg(table, list, marks);
    case SqlDialect::PostgreSql:
        break;
    }
    return QStringLiteral("INSERT INTO %1 (%2) VALUES (%3) ON CONFLICT DO NOTHING").arg(table, list, marks);
}

QString Database::greatestSql(const QString& a, const QString& b)
{
    return QStringLiteral("%1(%2, %3)")
        .arg(isServer() ? QStringLiteral("GREATEST") : QStringLiteral("max"), a, b);
}

QString Database::serverNowMsSql()
{
    switch (dialect()) {
    case SqlDialect::PostgreSql:
        // An epoch of a timestamptz is absolute: the session's time zone does not enter.
        return QStringLiteral("CAST(FLOOR(EXTRACT(EPOCH FROM statement_timestamp()) * 1000) AS BIGINT)");
    case SqlDialect::MariaDb:
        // Arithmetic on UTC_TIMESTAMP only: UNIX_TIMESTAMP(NOW()) would go through the session's
        // time zone, which is ambiguous for an hour when daylight saving time ends.
        return QStringLiteral(
            "(TIMESTAMPDIFF(MICROSECOND, '1970-01-01 00:00:00', UTC_TIMESTAMP(6)) DIV 1000)");
    case SqlDialect::Sqlite:
        break;
    }
    return {};
}

QString Database::ddl(QString sql, SqlDialect dialect)
{
    const bool pg = dialect == SqlDialect::PostgreSql;
    const bool sqlite = dialect == SqlDialect::Sqlite;
    sql.replace(QLatin1String("{ID}"), sqlite ? QLatin1String("INTEGER PRIMARY KEY AUTOINCREMENT")
                                       : pg   ? QLatin1String("BIGSERIAL PRIMARY KEY")
                                              : QLatin1String("BIGINT AUTO_INCREMENT PRIMARY KEY"));
    sql.replace(QLatin1String("{BIGINT}"), sqlite ? QLatin1String("INTEGER") : QLatin1String("BIGINT"));
    sql.replace(QLatin1String("{TEXT}"), pg || sqlite ? QLatin1String("TEXT") : QLatin1String("LONGTEXT"));
    sql.replace(QLatin1String("{KEY}"), sqlite ? QLatin1String("TEXT") : QLatin1String("VARCHAR(255)"));
    sql.replace(QLatin1String("{EXACT}"), dialect == SqlDialect::MariaDb
                                              ? QLatin1String(" CHARACTER SET utf8mb4 COLLATE utf8mb4_bin")
                                              : QLatin1String(""));
    sql.replace(QLatin1String("{BLOB}"), sqlite ? QLatin1String("BLOB")
                                         : pg   ? QLatin1String("BYTEA")
                                                : QLatin1String("LONGBLOB"));
    return sql;
}

Failure Database::sqlFailure(const QString& what, const QSqlError& error)
{
    // Wherever a lost server connection is reported, this thread's next connection() opens anew.
    dropIfConnectionLost(error);
    // Drivers report in several lines (libpq adds a tab-indented second one): one line here.
    return Failure{QCoreApplication::translate("Database", "%1: database error: %2")
                       .arg(what, error.text().simplified())};
}

} // namespace outbound
