#pragma once

#include "settings/MailSettings.h"
#include "smtp/SmtpTypes.h"

#include <QString>
#include <optional>

namespace outbound {

// A failure turned into something a person can act on.
struct Hint
{
    QString cause;                     // one sentence: what is wrong
    QString fix;                       // one sentence: what to do
    std::optional<SettingKey> setting; // the setting to change, when one applies
    QString suggestedValue;            // e.g. "tls" or a port number, when known
};

// From a typed engine error and what was configured to a hint (translated sentences).
Hint diagnose(const SmtpError& error, const SmtpConfig& config, const QString& senderCategory = {});

} // namespace outbound
