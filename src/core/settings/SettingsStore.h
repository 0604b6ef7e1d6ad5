#pragma once

#include "common/Result.h"
#include "settings/MailSettings.h"

namespace outbound {

// Reads and writes MailSettings in the `settings` table of the app database (Database must be
// initialized). Only keys that differ from the default are stored.
class SettingsStore
{
public:
    static Status ensureSchema();
    static Result<MailSettings> load();
    static Status save(const MailSettings& settings);
    // Raw key/value access for things that are not part of MailSettings (e.g. secret backend).
    static Result<QString> rawValue(const QString& key, const QString& fallback = {});
    static Status setRawValue(const QString& key, const QString& value);
    static Status removeRawValue(const QString& key);
};

} // namespace outbound
