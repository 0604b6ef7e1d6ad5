#pragma once

#include "common/Result.h"
#include "settings/MailSettings.h"

namespace outbound {

// Reads and writes MailSettings in the `settings` table of the app database (Database must be
// initialized). Only keys that differ from the default are stored.
//
// Every write of a setting or a secret bumps one settings revision in the same transaction, so a
// running worker (in this process, another one, or later on another machine sharing the
// database) sees that something changed by reading one integer (SettingsWatcher).
class SettingsStore
{
public:
    static Status ensureSchema();
    static Result<MailSettings> load();
    // The settings and the revision they belong to, read in one transaction.
    struct Snapshot
    {
        MailSettings settings;
        qint64 revision = 0;
    };
    static Result<Snapshot> loadSnapshot();
    // Writes every key (a key at its default is removed). Returns the new revision.
    static Result<qint64> save(const MailSettings& settings);
    // Writes only `keys`, leaving every other stored value as it is (changes made elsewhere
    // survive). Returns the new revision.
    static Result<qint64> save(const MailSettings& settings, const QList<SettingKey>& keys);
    // The keys whose values differ between two settings.
    static QList<SettingKey> changedKeys(const MailSettings& before, const MailSettings& after);

    // The current settings revision: one integer, cheap to poll.
    static Result<qint64> revision();
    // Bumps the revision on Database::connection(); call inside the transaction of the write it
    // announces (SecretStore does for the password).
    static Status bumpRevision();
    // Raw key/value access for things that are not part of MailSettings (e.g. secret backend).
    static Result<QString> rawValue(const QString& key, const QString& fallback = {});
    static Status setRawValue(const QString& key, const QString& value);
    static Status removeRawValue(const QString& key);
};

} // namespace outbound
