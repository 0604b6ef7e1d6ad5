#include "settings/SettingsStore.h"

#include "common/Database.h"
#include "itflow/ItflowSettings.h"

#include <QSqlError>
#include <QSqlQuery>

namespace outbound {

namespace {

// A write transaction that takes SQLite's write lock before reading anything (BEGIN IMMEDIATE),
// so it waits on the busy timeout instead of failing halfway when another writer is active.
class WriteTransaction
{
public:
    explicit WriteTransaction(QSqlDatabase db) : m_db(std::move(db)) {}
    ~WriteTransaction()
    {
        if (m_open) {
            QSqlQuery q(m_db);
            q.exec(QStringLiteral("ROLLBACK"));
        }
    }
    Q_DISABLE_COPY_MOVE(WriteTransaction)

    Status begin(const QString& what)
    {
        QSqlQuery q(m_db);
        if (!q.exec(Database::beginWriteSql()))
            return Database::sqlFailure(what, q.lastError());
        m_open = true;
        return success();
    }
    Status commit(const QString& what)
    {
        QSqlQuery q(m_db);
        if (!q.exec(QStringLiteral("COMMIT")))
            return Database::sqlFailure(what, q.lastError());
        m_open = false;
        return success();
    }

private:
    QSqlDatabase m_db;
    bool m_open = false;
};

Result<qint64> readRevision(QSqlDatabase& db)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT revision FROM %1 WHERE id = 1")
                    .arg(Database::table(QStringLiteral("settings_revision")))))
        return Database::sqlFailure(QStringLiteral("read the settings revision"), q.lastError());
    return q.next() ? q.value(0).toLongLong() : qint64(0);
}

} // namespace

Status SettingsStore::ensureSchema()
{
    SchemaSteps steps;
    steps.sqlite = {
        {QStringLiteral("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)"),
         QStringLiteral("CREATE TABLE secrets (name TEXT PRIMARY KEY, value TEXT NOT NULL)")},
        // One integer that every settings or secret write bumps; workers poll it.
        {QStringLiteral("CREATE TABLE settings_revision (id INTEGER PRIMARY KEY CHECK (id = 1), "
                        "revision INTEGER NOT NULL)"),
         QStringLiteral("INSERT INTO settings_revision(id, revision) VALUES(1, 1)")},
    };
    // A server database starts at the current shape. Its secrets table holds the SMTP password and
    // the OAuth token set for every worker on every machine (a machine's keychain cannot be shared):
    // docs/shared-database.md says which roles may read it.
    const QString settings = Database::table(QStringLiteral("settings"));
    const QString secrets = Database::table(QStringLiteral("secrets"));
    const QString revision = Database::table(QStringLiteral("settings_revision"));
    steps.server = {
        {QStringLiteral("CREATE TABLE %1 (\"key\" {KEY} PRIMARY KEY, value {TEXT} NOT NULL)").arg(settings),
         QStringLiteral("CREATE TABLE %1 (name {KEY} PRIMARY KEY, value {TEXT} NOT NULL)").arg(secrets),
         QStringLiteral("CREATE TABLE %1 (id INTEGER PRIMARY KEY CHECK (id = 1), "
                        "revision {BIGINT} NOT NULL)")
             .arg(revision),
         QStringLiteral("INSERT INTO %1(id, revision) VALUES(1, 1)").arg(revision)},
        {},
    };
    return Database::migrate(QStringLiteral("settings"), steps);
}

namespace {
Result<MailSettings> readSettings(QSqlDatabase& db)
{
    QSqlQuery q(db);
    if (!q.exec(
            QStringLiteral("SELECT \"key\", value FROM %1").arg(Database::table(QStringLiteral("settings")))))
        return Database::sqlFailure(QStringLiteral("load settings"), q.lastError());
    MailSettings settings;
    while (q.next()) {
        const auto key = settingKeyFromName(q.value(0).toString());
        if (!key)
            continue; // internal keys such as secret.backend
        // A value stored by an older version that no longer parses keeps the default.
        (void)settings.setValue(*key, q.value(1).toString());
    }
    // An ITFlow database: Settings › Mail lives in ITFlow's own settings row.
    if (Database::isItflow()) {
        if (auto s = itflow::readInto(db, settings); !s)
            return s.error();
    }
    return settings;
}
} // namespace

Result<MailSettings> SettingsStore::load()
{
    QSqlDatabase db = Database::connection();
    return readSettings(db);
}

Result<SettingsStore::Snapshot> SettingsStore::loadSnapshot()
{
    QSqlDatabase db = Database::connection();
    // One read transaction: the revision belongs to exactly these values.
    if (!db.transaction())
        return Database::sqlFailure(QStringLiteral("load settings"), db.lastError());
    auto revision = readRevision(db);
    auto settings = revision ? readSettings(db) : Result<MailSettings>(revision.error());
    db.commit();
    if (!settings)
        return settings.error();
    return Snapshot{settings.value(), revision.value()};
}

QList<SettingKey> SettingsStore::changedKeys(const MailSettings& before, const MailSettings& after)
{
    QList<SettingKey> keys;
    for (const SettingInfo& info : allSettings()) {
        if (before.value(info.key) != after.value(info.key))
            keys.append(info.key);
    }
    return keys;
}

Result<qint64> SettingsStore::save(const MailSettings& settings)
{
    QList<SettingKey> keys;
    for (const SettingInfo& info : allSettings())
        keys.append(info.key);
    return save(settings, keys);
}

Result<qint64> SettingsStore::save(const MailSettings& settings, const QList<SettingKey>& keys)
{
    QSqlDatabase db = Database::connection();
    const QString what = QStringLiteral("save settings");
    WriteTransaction transaction(db);
    if (auto s = transaction.begin(what); !s)
        return s.error();
    const MailSettings defaults;
    if (Database::isItflow()) {
        if (auto s = itflow::write(db, settings, keys); !s)
            return s.error();
    }
    for (SettingKey key : keys) {
        if (Database::isItflow() && itflow::storedInItflow(key))
            continue;
        const QString name = settingName(key);
        const QVariant value = settings.value(key);
        QSqlQuery q(db);
        if (value == defaults.value(key)) {
            q.prepare(QStringLiteral("DELETE FROM %1 WHERE \"key\" = ?")
                          .arg(Database::table(QStringLiteral("settings"))));
            q.addBindValue(name);
        } else {
            q.prepare(Database::upsertSql(Database::table(QStringLiteral("settings")),
                                          {QStringLiteral("key"), QStringLiteral("value")},
                                          QStringLiteral("key")));
            q.addBindValue(name);
            q.addBindValue(value.toString());
        }
        if (!q.exec())
            return Database::sqlFailure(what, q.lastError());
    }
    if (auto s = bumpRevision(); !s)
        return s.error();
    auto revision = readRevision(db);
    if (!revision)
        return revision.error();
    if (auto s = transaction.commit(what); !s)
        return s.error();
    return revision.value();
}

Result<qint64> SettingsStore::revision()
{
    QSqlDatabase db = Database::connection();
    if (Database::isItflow()) {
        if (auto s = itflow::noticeItflowChanges(db); !s)
            return s.error();
    }
    return readRevision(db);
}

Status SettingsStore::bumpRevision()
{
    if (Database::isItflow()) {
        // This write changes ITFlow's columns itself: remember them, so the change is not noticed a
        // second time as one made on ITFlow's page.
        QSqlDatabase db = Database::connection();
        if (auto s = itflow::noticeItflowChanges(db, false); !s)
            return s;
    }
    QSqlQuery q(Database::connection());
    if (!q.exec(QStringLiteral("UPDATE %1 SET revision = revision + 1 WHERE id = 1")
                    .arg(Database::table(QStringLiteral("settings_revision")))))
        return Database::sqlFailure(QStringLiteral("bump the settings revision"), q.lastError());
    // PostgreSQL: windows LISTEN on this channel and read the revision at once
    // (SettingsWatcher::checkNow) instead of at their next poll. Inside a transaction it is
    // delivered at the commit, and not at all on a rollback.
    if (Database::dialect() == SqlDialect::PostgreSql && !q.exec(QStringLiteral("NOTIFY outbound_settings")))
        return Database::sqlFailure(QStringLiteral("bump the settings revision"), q.lastError());
    return success();
}

Result<QString> SettingsStore::rawValue(const QString& key, const QString& fallback)
{
    QSqlQuery q(Database::connection());
    q.prepare(QStringLiteral("SELECT value FROM %1 WHERE \"key\" = ?")
                  .arg(Database::table(QStringLiteral("settings"))));
    q.addBindValue(key);
    if (!q.exec())
        return Database::sqlFailure(QStringLiteral("read setting"), q.lastError());
    return q.next() ? q.value(0).toString() : fallback;
}

Status SettingsStore::setRawValue(const QString& key, const QString& value)
{
    QSqlQuery q(Database::connection());
    q.prepare(Database::upsertSql(Database::table(QStringLiteral("settings")),
                                  {QStringLiteral("key"), QStringLiteral("value")}, QStringLiteral("key")));
    q.addBindValue(key);
    q.addBindValue(value);
    if (!q.exec())
        return Database::sqlFailure(QStringLiteral("write setting"), q.lastError());
    return success();
}

Status SettingsStore::removeRawValue(const QString& key)
{
    QSqlQuery q(Database::connection());
    q.prepare(
        QStringLiteral("DELETE FROM %1 WHERE \"key\" = ?").arg(Database::table(QStringLiteral("settings"))));
    q.addBindValue(key);
    if (!q.exec())
        return Database::sqlFailure(QStringLiteral("remove setting"), q.lastError());
    return success();
}

} // namespace outbound
