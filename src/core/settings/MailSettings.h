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
    SmtpPipelineAcrossMessages,
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
    OAuthProvider,
    OAuthFlow,
    OAuthClientId,
    OAuthTenant,
    OAuthAuthorizeUrl,
    OAuthTokenUrl,
    OAuthDeviceUrl,
    OAuthScope,
    OAuthMechanism,
    OAuthClientCertificate,
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

enum class OAuthProvider
{
    Microsoft,
    Google,
    Custom
};
enum class OAuthFlow
{
    Browser, // authorization code + PKCE, loopback redirect
    Device,  // RFC 8628
    App      // client credentials (Microsoft), secret or certificate
};
enum class OAuthMechanism
{
    Auto, // OAUTHBEARER when offered and the provider is not Microsoft, else XOAUTH2
    XOAuth2,
    OAuthBearer
};
QString toString(OAuthProvider p);  // "microsoft", "google", "custom"
QString toString(OAuthFlow f);      // "browser", "device", "app"
QString toString(OAuthMechanism m); // "auto", "xoauth2", "oauthbearer"
std::optional<OAuthProvider> oauthProviderFromString(const QString& s);
std::optional<OAuthFlow> oauthFlowFromString(const QString& s);
std::optional<OAuthMechanism> oauthMechanismFromString(const QString& s);

// OAuth 2.0 sign-in (smtp.auth = oauth2). Empty URLs and scope mean "the provider's own";
// effective*() fill them in. The client secret is a named secret, never a setting.
struct OAuthSettings
{
    OAuthProvider provider = OAuthProvider::Microsoft;
    OAuthFlow flow = OAuthFlow::Browser;
    QString clientId;
    QString tenant = QStringLiteral("organizations");
    QString authorizeUrl;
    QString tokenUrl;
    QString deviceUrl;
    QString scope;
    OAuthMechanism mechanism = OAuthMechanism::Auto;
    QString clientCertificate; // PEM file with certificate and private key (app flow)

    QString effectiveAuthorizeUrl() const;
    QString effectiveTokenUrl() const;
    QString effectiveDeviceUrl() const;
    QString effectiveScope() const;
    bool operator==(const OAuthSettings&) const = default;
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
    OAuthSettings oauth;

    // The sender for a category: its override when set, else the default; the default's email
    // falls back to the SMTP user name when it is empty and looks like an address.
    Sender senderFor(Category category) const;
    // The engine configuration, with the secret supplied by the caller (SecretStore): the password,
    // or the access token for smtp.auth = oauth2 (the mechanism follows oauth.mechanism/provider).
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

// Microsoft turns Basic authentication for SMTP off at the end of December 2026: true when these
// settings sign in to Microsoft 365 with a password (the window and `diagnose` warn).
bool microsoftBasicAuthAtRisk(const MailSettings& settings);
// The warning text, with the date, in a sentence (translated).
QString microsoftBasicAuthWarning();
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
