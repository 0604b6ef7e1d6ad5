#pragma once

#include "common/Result.h"
#include "smtp/SmtpTypes.h"

#include <QList>
#include <QString>
#include <QVariant>
#include <optional>

namespace outbound {

enum class Category
{
    System,
    Invoice,
    Quote,
    Ticket,
    Test
};
QString toString(Category c); // "system", "invoice", ...
std::optional<Category> categoryFromString(const QString& s);

// Every setting of SPEC section 1, keyed by one enum with one table of names and defaults.
enum class SettingKey
{
    SmtpHost,
    SmtpPort,
    SmtpEncryption,
    SmtpAuth,
    SmtpUsername,
    SmtpCaFile,
    SmtpPinnedSha256,
    SmtpHeloName,
    SmtpAllowAuthWithoutTls,
    TimeoutConnect,
    TimeoutGreeting,
    TimeoutCommand,
    TimeoutDataIdle,
    TimeoutFinalDot,
    FromDefaultEmail,
    FromDefaultName,
    FromInvoiceEmail,
    FromInvoiceName,
    FromQuoteEmail,
    FromQuoteName,
    FromTicketEmail,
    FromTicketName,
    QueueMaxAttempts,
    QueueBackoffInitial,
    QueueBackoffMax,
    QueueConnections,
    QueueRatePerMinute,
    QueueDailyCap,
    QueueKeepSentDays,
    QueueMaxMessageBytes,
    SmtpPipelineAcrossMessages,
};

struct SettingInfo
{
    SettingKey key;
    const char* name; // "smtp.host"
    QVariant defaultValue;
};
const QList<SettingInfo>& allSettings();
std::optional<SettingKey> settingKeyFromName(const QString& name);
QString settingName(SettingKey key);

struct Sender
{
    QString email;
    QString name;
    bool isEmpty() const { return email.trimmed().isEmpty(); }
    bool operator==(const Sender&) const = default;
};

struct QueueSettings
{
    int maxAttempts = 6;
    int backoffInitial = 60;
    int backoffMax = 3600;
    int connections = 1;
    int ratePerMinute = 0;
    int dailyCap = 0;
    int keepSentDays = 90;
    qint64 maxMessageBytes = 25 * 1024 * 1024;
    bool operator==(const QueueSettings&) const = default;
};

// The one sending account, as typed values.
struct MailSettings
{
    QString host;
    int port = 587;
    Encryption encryption = Encryption::StartTls;
    AuthMethod auth = AuthMethod::Auto;
    QString username;
    QString caFile;
    QString pinnedSha256;
    QString heloName; // empty = machine host name
    bool allowAuthWithoutTls = false;
    bool pipelineAcrossMessages = false; // smtp.pipeline_across_messages (see SmtpConfig)
    PhaseTimeouts timeouts;
    Sender defaultSender;
    Sender invoiceSender;
    Sender quoteSender;
    Sender ticketSender;
    QueueSettings queue;

    // The sender for a category: its override when set, else the default; the default's email
    // falls back to the SMTP user name when it is empty and looks like an address.
    Sender senderFor(Category category) const;
    // The engine configuration, with the secret supplied by the caller (SecretStore).
    SmtpConfig toSmtpConfig(const QString& secret) const;

    QVariant value(SettingKey key) const;
    // Sets from text as typed on the command line or in a form; no validation beyond the type.
    Status setValue(SettingKey key, const QString& text);

    bool operator==(const MailSettings&) const = default;
};

// One reason a setting is not acceptable, in a sentence a person understands.
struct ValidationIssue
{
    SettingKey key;
    QString message;
};
// Every problem at once (the form shows each next to its field). Empty = valid.
// requireHost: a blank host is an issue only when sending (not when saving drafts is allowed).
QList<ValidationIssue> validate(const MailSettings& settings, bool requireHost = true);
std::optional<QString> validateField(const MailSettings& settings, SettingKey key);

// Provider presets (SPEC 1.1).
enum class Preset
{
    Microsoft365,
    Google,
    Custom
};
struct PresetInfo
{
    Preset preset;
    QString id;    // "microsoft365", "google", "custom"
    QString title; // translated display name
    QString host;
    int port = 0;
    Encryption encryption = Encryption::StartTls;
    int ratePerMinute = 0;
    int dailyCap = 0;
    QString guidance; // translated, short setup steps in our own words (rich text allowed)
};
QList<PresetInfo> presets();
std::optional<PresetInfo> presetById(const QString& id);
// Fills host, port, encryption, auth and the throttles; keeps user name and senders.
void applyPreset(MailSettings& settings, const PresetInfo& preset);
// Which preset these settings match, Custom when none.
Preset detectPreset(const MailSettings& settings);

} // namespace outbound
