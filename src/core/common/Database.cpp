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

Status exec(QSqlDatabase& db, const QString& sql)
{
    QSqlQuery q(db);
    if (!q.exec(sql))
        return Database::sqlFailure(sql.left(60), q.lastError());
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
    if (auto s = exec(db, QStringLiteral("PRAGMA journal_mode=WAL")); !s)
        return s;
    return exec(db, QStringLiteral("CREATE TABLE IF NOT EXISTS schema_versions ("
                                   "component TEXT PRIMARY KEY, version INTEGER NOT NULL)"));
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

Status Database::migrate(const QString& component, const QList<QStringList>& steps)
{
    QSqlDatabase db = connection();
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT version FROM schema_versions WHERE component = ?"));
    q.addBindValue(component);
    if (!q.exec())
        return sqlFailure(QStringLiteral("schema version"), q.lastError());
    int version = q.next() ? q.value(0).toInt() : 0;
    if (version > steps.size())
        return Failure{QCoreApplication::translate(
                           "Database", "The database was written by a newer Outbound (%1 schema %2); "
                                       "this version knows up to %3.")
                           .arg(component)
                           .arg(version)
                           .arg(steps.size())};
    for (; version < steps.size(); ++version) {
        if (!db.transaction())
            return sqlFailure(QStringLiteral("begin migration"), db.lastError());
        for (const QString& sql : steps[version]) {
            if (auto s = exec(db, sql); !s) {
                db.rollback();
                return s;
            }
        }
        QSqlQuery bump(db);
        bump.prepare(QStringLiteral("INSERT INTO schema_versions(component, version) VALUES(?, ?) "
                                    "ON CONFLICT(component) DO UPDATE SET version = excluded.version"));
        bump.addBindValue(component);
        bump.addBindValue(version + 1);
        if (!bump.exec()) {
            db.rollback();
            return sqlFailure(QStringLiteral("schema version"), bump.lastError());
        }
        if (!db.commit())
            return sqlFailure(QStringLiteral("commit migration"), db.lastError());
    }
    return success();
}

Failure Database::sqlFailure(const QString& what, const QSqlError& error)
{
    return Failure{QCoreApplication::translate("Database", "%1: database error: %2").arg(what, error.text())};
}

} // namespace outbound
