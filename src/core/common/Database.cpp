#include "common/Database.h"

#include <QCoreApplication>
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
                       QStringLiteral("db")};
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
    }
    QSqlDatabase db = connection();
    if (!db.isOpen())
        return sqlFailure(QCoreApplication::translate("Database", "Cannot open the database %1").arg(path),
                          db.lastError());
    if (auto s = exec(db, QStringLiteral("PRAGMA journal_mode=WAL"),
                      QCoreApplication::translate("Database", "Cannot switch the database to WAL mode"));
        !s)
        return s;
    return exec(db,
                QStringLiteral("CREATE TABLE IF NOT EXISTS schema_versions ("
                               "component TEXT PRIMARY KEY, version INTEGER NOT NULL)"),
                QCoreApplication::translate("Database", "Cannot create the schema version table"));
}

namespace {
// path -> descriptor used for the worker lock. Never closed: closing any descriptor of a file drops
// every POSIX lock this process holds on it, SQLite's own included (see fcntl(2)).
QHash<QString, int> g_lockDescriptors;
} // namespace

Result<bool> Database::tryLockWorker()
{
    QMutexLocker lock(&g_pathMutex);
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
    const int fd = g_lockDescriptors.value(g_path, -1);
    if (fd >= 0)
        ::flock(fd, LOCK_UN);
}

QString Database::path()
{
    QMutexLocker lock(&g_pathMutex);
    return g_path;
}

QSqlDatabase Database::connection()
{
    const QString name = connectionName();
    if (QSqlDatabase::contains(name)) {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        if (db.isOpen() && db.databaseName() == path())
            return db;
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(name);
    }
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    db.setDatabaseName(path());
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
    if (db.open()) {
        QSqlQuery q(db);
        q.exec(QStringLiteral("PRAGMA foreign_keys=ON"));
        q.exec(QStringLiteral("PRAGMA synchronous=NORMAL"));
    }
    return db;
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
    q.prepare(QStringLiteral("SELECT version FROM schema_versions WHERE component = ?"));
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
    QSqlDatabase db = connection();
    const int known = static_cast<int>(steps.size());
    // Cheap look first: an up-to-date database needs no write lock.
    auto current = schemaVersion(db, component);
    if (!current)
        return current.error();
    if (current.value() > known)
        return newerSchema(component, current.value(), known);
    if (current.value() == known)
        return success();

    // Several processes may open a new database at once. BEGIN IMMEDIATE takes the write lock
    // before anything is read (waiting on the busy timeout), and the version is read again under
    // it, so exactly one of them runs each step.
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return sqlFailure(
            QCoreApplication::translate("Database", "Cannot lock the database to set up %1").arg(component),
            q.lastError());
    auto rollback = [&db] {
        QSqlQuery r(db);
        r.exec(QStringLiteral("ROLLBACK"));
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
    for (; version < known; ++version) {
        for (const QString& sql : steps[version]) {
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
    }
    QSqlQuery bump(db);
    bump.prepare(QStringLiteral("INSERT INTO schema_versions(component, version) VALUES(?, ?) "
                                "ON CONFLICT(component) DO UPDATE SET version = excluded.version"));
    bump.addBindValue(component);
    bump.addBindValue(known);
    if (!bump.exec()) {
        const QSqlError error = bump.lastError();
        bump.finish();
        rollback();
        return sqlFailure(
            QCoreApplication::translate("Database", "Cannot record the schema version of %1").arg(component),
            error);
    }
    bump.finish();
    if (!q.exec(QStringLiteral("COMMIT"))) {
        const QSqlError error = q.lastError();
        rollback();
        return sqlFailure(
            QCoreApplication::translate("Database", "Cannot save the set-up of %1").arg(component), error);
    }
    return success();
}

Failure Database::sqlFailure(const QString& what, const QSqlError& error)
{
    return Failure{QCoreApplication::translate("Database", "%1: database error: %2").arg(what, error.text())};
}

} // namespace outbound
