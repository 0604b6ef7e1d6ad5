#include "common/Database.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMutex>
#include <QProcessEnvironment>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QThread>

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

Status Database::initialize(const QString& path)
{
    const QFileInfo info(path);
    QDir dir = info.absoluteDir();
    if (!dir.exists()) {
        if (!QDir().mkpath(dir.absolutePath()))
            return Failure{QCoreApplication::translate("Database", "Cannot create the folder %1.")
                               .arg(dir.absolutePath())};
        QFile::setPermissions(dir.absolutePath(),
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    }
    if (!info.exists()) {
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return Failure{QCoreApplication::translate("Database", "Cannot create the database %1: %2")
                               .arg(path, f.errorString())};
        f.close();
    }
    // The file holds secrets when no keychain answers: owner only, always.
    QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
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
