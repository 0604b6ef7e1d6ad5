#include "settings/SettingsStore.h"

#include "common/Database.h"

#include <QSqlError>
#include <QSqlQuery>

namespace outbound {

Status SettingsStore::ensureSchema()
{
    return Database::migrate(
        QStringLiteral("settings"),
        {
            {QStringLiteral("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)"),
             QStringLiteral("CREATE TABLE secrets (name TEXT PRIMARY KEY, value TEXT NOT NULL)")},
        });
}

Result<MailSettings> SettingsStore::load()
{
    QSqlQuery q(Database::connection());
    if (!q.exec(QStringLiteral("SELECT key, value FROM settings")))
        return Database::sqlFailure(QStringLiteral("load settings"), q.lastError());
    MailSettings settings;
    while (q.next()) {
        const auto key = settingKeyFromName(q.value(0).toString());
        if (!key)
            continue; // internal keys such as secret.backend
        // A value stored by an older version that no longer parses keeps the default.
        (void)settings.setValue(*key, q.value(1).toString());
    }
    return settings;
}

Status SettingsStore::save(const MailSettings& settings)
{
    QSqlDatabase db = Database::connection();
    if (!db.transaction())
        return Database::sqlFailure(QStringLiteral("save settings"), db.lastError());
    const MailSettings defaults;
    for (const SettingInfo& info : allSettings()) {
        const QVariant value = settings.value(info.key);
        QSqlQuery q(db);
        if (value == defaults.value(info.key)) {
            q.prepare(QStringLiteral("DELETE FROM settings WHERE key = ?"));
            q.addBindValue(QLatin1String(info.name));
        } else {
            q.prepare(QStringLiteral("INSERT INTO settings(key, value) VALUES(?, ?) "
                                     "ON CONFLICT(key) DO UPDATE SET value = excluded.value"));
            q.addBindValue(QLatin1String(info.name));
            q.addBindValue(value.toString());
        }
        if (!q.exec()) {
            db.rollback();
            return Database::sqlFailure(QStringLiteral("save settings"), q.lastError());
        }
    }
    if (!db.commit())
        return Database::sqlFailure(QStringLiteral("save settings"), db.lastError());
    return success();
}

Result<QString> SettingsStore::rawValue(const QString& key, const QString& fallback)
{
    QSqlQuery q(Database::connection());
    q.prepare(QStringLiteral("SELECT value FROM settings WHERE key = ?"));
    q.addBindValue(key);
    if (!q.exec())
        return Database::sqlFailure(QStringLiteral("read setting"), q.lastError());
    return q.next() ? q.value(0).toString() : fallback;
}

Status SettingsStore::setRawValue(const QString& key, const QString& value)
{
    QSqlQuery q(Database::connection());
    q.prepare(QStringLiteral("INSERT INTO settings(key, value) VALUES(?, ?) "
                             "ON CONFLICT(key) DO UPDATE SET value = excluded.value"));
    q.addBindValue(key);
    q.addBindValue(value);
    if (!q.exec())
        return Database::sqlFailure(QStringLiteral("write setting"), q.lastError());
    return success();
}

Status SettingsStore::removeRawValue(const QString& key)
{
    QSqlQuery q(Database::connection());
    q.prepare(QStringLiteral("DELETE FROM settings WHERE key = ?"));
    q.addBindValue(key);
    if (!q.exec())
        return Database::sqlFailure(QStringLiteral("remove setting"), q.lastError());
    return success();
}

} // namespace outbound
