#include "settings/MailSettings.h"

#include "mime/MailAddress.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QHostAddress>
#include <QHostInfo>
#include <QRegularExpression>
#include <QUrl>
#include <limits>

namespace outbound {

namespace {} // namespace

QString toString(Category c)
{
    switch (c) {
    case Category::System:
        return QStringLiteral("system");
    case Category::Invoice:
        return QStringLiteral("invoice");
    case Category::Quote:
        return QStringLiteral("quote");
    case Category::Ticket:
        return QStringLiteral("ticket");
    case Category::Test:
        return QStringLiteral("test");
    }
    return {};
}

std::optional<Category> categoryFromString(const QString& s)
{
    for (Category c :
         {Category::System, Category::Invoice, Category::Quote, Category::Ticket, Category::Test}) {
        if (toString(c) == s.trimmed().toLower())
            return c;
    }
    return std::nullopt;
}

const QList<SettingInfo>& allSettings()
{
    static const QList<SettingInfo> table = {
        {SettingKey::SmtpHost, "smtp.host", QString()},
        {SettingKey::SmtpPort, "smtp.port", 587},
        {SettingKey::SmtpEncryption, "smtp.encryption", QStringLiteral("starttls")},
        {SettingKey::SmtpAuth, "smtp.auth", QStringLiteral("auto")},
        {SettingKey::SmtpUsername, "smtp.username", QString()},
        {SettingKey::SmtpCaFile, "smtp.ca_file", QString()},
        {SettingKey::SmtpPinnedSha256, "smtp.pinned_sha256", QString()},
        {SettingKey::SmtpHeloName, "smtp.helo_name", QString()},
        {SettingKey::SmtpAllowAuthWithoutTls, "smtp.allow_auth_without_tls", false},
        {SettingKey::SmtpPipelineAcrossMessages, "smtp.pipeline_across_messages", false},
        {SettingKey::TimeoutConnect, "timeout.connect", 15},
        {SettingKey::TimeoutGreeting, "timeout.greeting", 30},
        {SettingKey::TimeoutCommand, "timeout.command", 60},
        {SettingKey::TimeoutDataIdle, "timeout.data_idle", 60},
        {SettingKey::TimeoutFinalDot, "timeout.final_dot", 600},
        {SettingKey::FromDefaultEmail, "from.default.email", QString()},
        {SettingKey::FromDefaultName, "from.default.name", QString()},
        {SettingKey::FromInvoiceEmail, "from.invoice.email", QString()},
        {SettingKey::FromInvoiceName, "from.invoice.name", QString()},
        {SettingKey::FromQuoteEmail, "from.quote.email", QString()},
        {SettingKey::FromQuoteName, "from.quote.name", QString()},
        {SettingKey::FromTicketEmail, "from.ticket.email", QString()},
        {SettingKey::FromTicketName, "from.ticket.name", QString()},
        {SettingKey::QueueMaxAttempts, "queue.max_attempts", 6},
        {SettingKey::QueueBackoffInitial, "queue.backoff_initial", 60},
        {SettingKey::QueueBackoffMax, "queue.backoff_max", 3600},
        {SettingKey::QueueConnections, "queue.connections", 1},
        {SettingKey::QueueRatePerMinute, "queue.rate_per_minute", 0},
        {SettingKey::QueueDailyCap, "queue.daily_cap", 0},
        {SettingKey::QueueKeepSentDays, "queue.keep_sent_days", 90},
        {SettingKey::QueueMaxMessageBytes, "queue.max_message_bytes", 25 * 1024 * 1024},
        {SettingKey::OAuthProvider, "oauth.provider", QStringLiteral("microsoft")},
        {SettingKey::OAuthFlow, "oauth.flow", QStringLiteral("browser")},
        {SettingKey::OAuthClientId, "oauth.client_id", QString()},
        {SettingKey::OAuthTenant, "oauth.tenant", QStringLiteral("organizations")},
        {SettingKey::OAuthAuthorizeUrl, "oauth.authorize_url", QString()},
        {SettingKey::OAuthTokenUrl, "oauth.token_url", QString()},
        {SettingKey::OAuthDeviceUrl, "oauth.device_url", QString()},
        {SettingKey::OAuthScope, "oauth.scope", QString()},
        {SettingKey::OAuthMechanism, "oauth.mechanism", QStringLiteral("auto")},
        {SettingKey::OAuthClientCertificate, "oauth.client_certificate", QString()},
    };
    return table;
}

std::optional<SettingKey> settingKeyFromName(const QString& name)
{
    for (const SettingInfo& info : allSettings()) {
        if (QLatin1String(info.name) == name.trimmed())
            return info.key;
    }
    return std::nullopt;
}

QString settingName(SettingKey key)
{
    for (const SettingInfo& info : allSettings()) {
        if (info.key == key)
            return QLatin1String(info.name);
    }
    return {};
}

Sender MailSettings::senderFor(Category category) const
{
    const Sender* override = nullptr;
    switch (category) {
    case Category::Invoice:
        override = &invoiceSender;
        break;
    case Category::Quote:
        override = &quoteSender;
        break;
    case Category::Ticket:
        override = &ticketSender;
        break;
    case Category::System:
    case Category::Test:
        break;
    }
    Sender base = defaultSender;
    if (base.isEmpty() && isValidEmail(username.trimmed()))
        base.email = username.trimmed();
    if (override == nullptr)
        return base;
    Sender result = *override;
    if (result.email.trimmed().isEmpty())
        result.email = base.email;
    if (result.name.trimmed().isEmpty())
        result.name = base.name;
    return result;
}

QString toString(OAuthProvider p)
{
    switch (p) {
    case OAuthProvider::Microsoft:
        return QStringLiteral("microsoft");
    case OAuthProvider::Google:
        return QStringLiteral("google");
    case OAuthProvider::Custom:
        return QStringLiteral("custom");
    }
    return {};
}

QString toString(OAuthFlow f)
{
    switch (f) {
    case OAuthFlow::Browser:
        return QStringLiteral("browser");
    case OAuthFlow::Device:
        return QStringLiteral("device");
    case OAuthFlow::App:
        return QStringLiteral("app");
    }
    return {};
}

QString toString(OAuthMechanism m)
{
    switch (m) {
    case OAuthMechanism::Auto:
        return QStringLiteral("auto");
    case OAuthMechanism::XOAuth2:
        return QStringLiteral("xoauth2");
    case OAuthMechanism::OAuthBearer:
        return QStringLiteral("oauthbearer");
    }
    return {};
}

std::optional<OAuthProvider> oauthProviderFromString(const QString& s)
{
    for (auto v : {OAuthProvider::Microsoft, OAuthProvider::Google, OAuthProvider::Custom}) {
        if (toString(v) == s.trimmed().toLower())
            return v;
    }
    return std::nullopt;
}

std::optional<OAuthFlow> oauthFlowFromString(const QString& s)
{
    for (auto v : {OAuthFlow::Browser, OAuthFlow::Device, OAuthFlow::App}) {
        if (toString(v) == s.trimmed().toLower())
            return v;
    }
    return std::nullopt;
}

std::optional<OAuthMechanism> oauthMechanismFromString(const QString& s)
{
    for (auto v : {OAuthMechanism::Auto, OAuthMechanism::XOAuth2, OAuthMechanism::OAuthBearer}) {
        if (toString(v) == s.trimmed().toLower())
            return v;
    }
    return std::nullopt;
}

namespace {
QString microsoftBase(const QString& tenant)
{
    const QString t = tenant.trimmed().isEmpty() ? QStringLiteral("organizations") : tenant.trimmed();
    return QStringLiteral("https://login.microsoftonline.com/%1/oauth2/v2.0/").arg(t);
}
} // namespace

QString OAuthSettings::effectiveAuthorizeUrl() const
{
    if (!authorizeUrl.trimmed().isEmpty())
        return authorizeUrl.trimmed();
    switch (provider) {
    case OAuthProvider::Microsoft:
        return microsoftBase(tenant) + QStringLiteral("authorize");
    case OAuthProvider::Google:
        return QStringLiteral("https://accounts.google.com/o/oauth2/v2/auth");
    case OAuthProvider::Custom:
        break;
    }
    return {};
}

QString OAuthSettings::effectiveTokenUrl() const
{
    if (!tokenUrl.trimmed().isEmpty())
        return tokenUrl.trimmed();
    switch (provider) {
    case OAuthProvider::Microsoft:
        return microsoftBase(tenant) + QStringLiteral("token");
    case OAuthProvider::Google:
        return QStringLiteral("https://oauth2.googleapis.com/token");
    case OAuthProvider::Custom:
        break;
    }
    return {};
}

QString OAuthSettings::effectiveDeviceUrl() const
{
    if (!deviceUrl.trimmed().isEmpty())
        return deviceUrl.trimmed();
    switch (provider) {
    case OAuthProvider::Microsoft:
        return microsoftBase(tenant) + QStringLiteral("devicecode");
    case OAuthProvider::Google:
        return QStringLiteral("https://oauth2.googleapis.com/device/code");
    case OAuthProvider::Custom:
        break;
    }
    return {};
}

QString OAuthSettings::effectiveScope() const
{
    if (!scope.trimmed().isEmpty())
        return scope.simplified();
    switch (provider) {
    case OAuthProvider::Microsoft:
        // The app flow asks for the application permissions granted to the app (SMTP.SendAsApp).
        return flow == OAuthFlow::App ? QStringLiteral("https://outlook.office365.com/.default")
                                      : QStringLiteral("https://outlook.office.com/SMTP.Send offline_access");
    case OAuthProvider::Google:
        return QStringLiteral("https://mail.google.com/");
    case OAuthProvider::Custom:
        break;
    }
    return {};
}

SmtpConfig MailSettings::toSmtpConfig(const QString& secret) const
{
    SmtpConfig c;
    c.host = host.trimmed();
    c.port = static_cast<quint16>(port);
    c.encryption = encryption;
    c.auth = auth;
    if (auth == AuthMethod::OAuth2) {
        // Microsoft accepts only XOAUTH2; elsewhere auto prefers OAUTHBEARER when offered.
        if (oauth.mechanism == OAuthMechanism::XOAuth2)
            c.auth = AuthMethod::XOAuth2;
        else if (oauth.mechanism == OAuthMechanism::OAuthBearer)
            c.auth = AuthMethod::OAuthBearer;
        c.oauthBearerAllowed = oauth.provider != OAuthProvider::Microsoft;
    }
    c.username = username.trimmed();
    c.secret = secret;
    c.caFile = caFile.trimmed();
    c.pinnedSha256 = pinnedSha256.trimmed();
    c.heloName = heloName.trimmed().isEmpty() ? QHostInfo::localHostName() : heloName.trimmed();
    if (c.heloName.isEmpty())
        c.heloName = QStringLiteral("localhost");
    c.allowAuthWithoutTls = allowAuthWithoutTls;
    c.pipelineAcrossMessages = pipelineAcrossMessages;
    c.timeouts = timeouts;
    return c;
}

QVariant MailSettings::value(SettingKey key) const
{
    switch (key) {
    case SettingKey::SmtpHost:
        return host;
    case SettingKey::SmtpPort:
        return port;
    case SettingKey::SmtpEncryption:
        return toString(encryption);
    case SettingKey::SmtpAuth:
        return toString(auth);
    case SettingKey::SmtpUsername:
        return username;
    case SettingKey::SmtpCaFile:
        return caFile;
    case SettingKey::SmtpPinnedSha256:
        return pinnedSha256;
    case SettingKey::SmtpHeloName:
        return heloName;
    case SettingKey::SmtpAllowAuthWithoutTls:
        return allowAuthWithoutTls;
    case SettingKey::SmtpPipelineAcrossMessages:
        return pipelineAcrossMessages;
    case SettingKey::TimeoutConnect:
        return timeouts.connect;
    case SettingKey::TimeoutGreeting:
        return timeouts.greeting;
    case SettingKey::TimeoutCommand:
        return timeouts.command;
    case SettingKey::TimeoutDataIdle:
        return timeouts.dataIdle;
    case SettingKey::TimeoutFinalDot:
        return timeouts.finalDot;
    case SettingKey::FromDefaultEmail:
        return defaultSender.email;
    case SettingKey::FromDefaultName:
        return defaultSender.name;
    case SettingKey::FromInvoiceEmail:
        return invoiceSender.email;
    case SettingKey::FromInvoiceName:
        return invoiceSender.name;
    case SettingKey::FromQuoteEmail:
        return quoteSender.email;
    case SettingKey::FromQuoteName:
        return quoteSender.name;
    case SettingKey::FromTicketEmail:
        return ticketSender.email;
    case SettingKey::FromTicketName:
        return ticketSender.name;
    case SettingKey::QueueMaxAttempts:
        return queue.maxAttempts;
    case SettingKey::QueueBackoffInitial:
        return queue.backoffInitial;
    case SettingKey::QueueBackoffMax:
        return queue.backoffMax;
    case SettingKey::QueueConnections:
        return queue.connections;
    case SettingKey::QueueRatePerMinute:
        return queue.ratePerMinute;
    case SettingKey::QueueDailyCap:
        return queue.dailyCap;
    case SettingKey::QueueKeepSentDays:
        return queue.keepSentDays;
    case SettingKey::QueueMaxMessageBytes:
        return queue.maxMessageBytes;
    case SettingKey::OAuthProvider:
        return toString(oauth.provider);
    case SettingKey::OAuthFlow:
        return toString(oauth.flow);
    case SettingKey::OAuthClientId:
        return oauth.clientId;
    case SettingKey::OAuthTenant:
        return oauth.tenant;
    case SettingKey::OAuthAuthorizeUrl:
        return oauth.authorizeUrl;
    case SettingKey::OAuthTokenUrl:
        return oauth.tokenUrl;
    case SettingKey::OAuthDeviceUrl:
        return oauth.deviceUrl;
    case SettingKey::OAuthScope:
        return oauth.scope;
    case SettingKey::OAuthMechanism:
        return toString(oauth.mechanism);
    case SettingKey::OAuthClientCertificate:
        return oauth.clientCertificate;
    }
    return {};
}

Status MailSettings::setValue(SettingKey key, const QString& text)
{
    const QString name = settingName(key);
    // The whole value is parsed as a 64-bit decimal number and only stored when it fits the field:
    // 4294967883 must not become 587 by wrapping into an int.
    auto toInt = [&](auto& field) -> Status {
        using Field = std::remove_reference_t<decltype(field)>;
        const QString trimmed = text.trimmed();
        static const QRegularExpression decimal(QStringLiteral("^[+-]?[0-9]+$"));
        if (!decimal.match(trimmed).hasMatch())
            return Failure{
                QCoreApplication::translate("MailSettings", "%1 must be a whole number, not \"%2\".")
                    .arg(name, text),
                name};
        bool ok = false;
        const qlonglong v = trimmed.toLongLong(&ok, 10);
        if (!ok || v < std::numeric_limits<Field>::min() || v > std::numeric_limits<Field>::max())
            return Failure{
                QCoreApplication::translate("MailSettings", "%1: %2 is out of range.").arg(name, trimmed),
                name};
        field = static_cast<Field>(v);
        return success();
    };
    switch (key) {
    case SettingKey::SmtpHost:
        host = text.trimmed();
        return success();
    case SettingKey::SmtpPort:
        return toInt(port);
    case SettingKey::SmtpEncryption: {
        const auto e = encryptionFromString(text);
        if (!e)
            return Failure{QCoreApplication::translate(
                               "MailSettings", "smtp.encryption must be none, starttls or tls, not \"%1\".")
                               .arg(text),
                           name};
        encryption = *e;
        return success();
    }
    case SettingKey::SmtpAuth: {
        const auto a = authMethodFromString(text);
        if (!a)
            return Failure{QCoreApplication::translate(
                               "MailSettings",
                               "smtp.auth must be auto, plain, login, xoauth2, oauth2 or none, not \"%1\".")
                               .arg(text),
                           name};
        auth = *a;
        return success();
    }
    case SettingKey::SmtpUsername:
        username = text.trimmed();
        return success();
    case SettingKey::SmtpCaFile:
        // Stored absolute: a worker started from another folder must find the same file.
        caFile = text.trimmed().isEmpty() ? QString() : QFileInfo(text.trimmed()).absoluteFilePath();
        return success();
    case SettingKey::SmtpPinnedSha256:
        pinnedSha256 = text.trimmed();
        return success();
    case SettingKey::SmtpHeloName:
        heloName = text.trimmed();
        return success();
    case SettingKey::SmtpAllowAuthWithoutTls:
    case SettingKey::SmtpPipelineAcrossMessages: {
        bool& flag =
            key == SettingKey::SmtpAllowAuthWithoutTls ? allowAuthWithoutTls : pipelineAcrossMessages;
        const QString v = text.trimmed().toLower();
        if (v == u"true" || v == u"1" || v == u"yes")
            flag = true;
        else if (v == u"false" || v == u"0" || v == u"no" || v.isEmpty())
            flag = false;
        else
            return Failure{
                QCoreApplication::translate("MailSettings", "%1 must be true or false, not \"%2\".")
                    .arg(name, text),
                name};
        return success();
    }
    case SettingKey::TimeoutConnect:
        return toInt(timeouts.connect);
    case SettingKey::TimeoutGreeting:
        return toInt(timeouts.greeting);
    case SettingKey::TimeoutCommand:
        return toInt(timeouts.command);
    case SettingKey::TimeoutDataIdle:
        return toInt(timeouts.dataIdle);
    case SettingKey::TimeoutFinalDot:
        return toInt(timeouts.finalDot);
    case SettingKey::FromDefaultEmail:
        defaultSender.email = text.trimmed();
        return success();
    case SettingKey::FromDefaultName:
        defaultSender.name = text.trimmed();
        return success();
    case SettingKey::FromInvoiceEmail:
        invoiceSender.email = text.trimmed();
        return success();
    case SettingKey::FromInvoiceName:
        invoiceSender.name = text.trimmed();
        return success();
    case SettingKey::FromQuoteEmail:
        quoteSender.email = text.trimmed();
        return success();
    case SettingKey::FromQuoteName:
        quoteSender.name = text.trimmed();
        return success();
    case SettingKey::FromTicketEmail:
        ticketSender.email = text.trimmed();
        return success();
    case SettingKey::FromTicketName:
        ticketSender.name = text.trimmed();
        return success();
    case SettingKey::QueueMaxAttempts:
        return toInt(queue.maxAttempts);
    case SettingKey::QueueBackoffInitial:
        return toInt(queue.backoffInitial);
    case SettingKey::QueueBackoffMax:
        return toInt(queue.backoffMax);
    case SettingKey::QueueConnections:
        return toInt(queue.connections);
    case SettingKey::QueueRatePerMinute:
        return toInt(queue.ratePerMinute);
    case SettingKey::QueueDailyCap:
        return toInt(queue.dailyCap);
    case SettingKey::QueueKeepSentDays:
        return toInt(queue.keepSentDays);
    case SettingKey::QueueMaxMessageBytes:
        return toInt(queue.maxMessageBytes);
    case SettingKey::OAuthProvider: {
        const auto v = oauthProviderFromString(text);
        if (!v)
            return Failure{
                QCoreApplication::translate("MailSettings",
                                            "oauth.provider must be microsoft, google or custom, not \"%1\".")
                    .arg(text),
                name};
        oauth.provider = *v;
        return success();
    }
    case SettingKey::OAuthFlow: {
        const auto v = oauthFlowFromString(text);
        if (!v)
            return Failure{QCoreApplication::translate(
                               "MailSettings", "oauth.flow must be browser, device or app, not \"%1\".")
                               .arg(text),
                           name};
        oauth.flow = *v;
        return success();
    }
    case SettingKey::OAuthMechanism: {
        const auto v = oauthMechanismFromString(text);
        if (!v)
            return Failure{
                QCoreApplication::translate(
                    "MailSettings", "oauth.mechanism must be auto, xoauth2 or oauthbearer, not \"%1\".")
                    .arg(text),
                name};
        oauth.mechanism = *v;
        return success();
    }
    case SettingKey::OAuthClientId:
        oauth.clientId = text.trimmed();
        return success();
    case SettingKey::OAuthTenant:
        oauth.tenant = text.trimmed().isEmpty() ? QStringLiteral("organizations") : text.trimmed();
        return success();
    case SettingKey::OAuthAuthorizeUrl:
        oauth.authorizeUrl = text.trimmed();
        return success();
    case SettingKey::OAuthTokenUrl:
        oauth.tokenUrl = text.trimmed();
        return success();
    case SettingKey::OAuthDeviceUrl:
        oauth.deviceUrl = text.trimmed();
        return success();
    case SettingKey::OAuthScope:
        oauth.scope = text.simplified();
        return success();
    case SettingKey::OAuthClientCertificate:
        oauth.clientCertificate = text.trimmed();
        return success();
    }
    return success();
}

namespace {

bool isValidHostName(const QString& host, QString* reason)
{
    // QHostAddress reads "4214967\0junk" as the IPv4 address 0.64.80.183 and ignores the rest, so
    // control characters are refused before anything parses the name (found by fuzz_settings).
    for (QChar c : host) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7F) {
            *reason = QCoreApplication::translate(
                "MailSettings",
                "The host name contains a control character; enter only the server name, such as "
                "smtp.example.com.");
            return false;
        }
    }
    if (host.contains(QRegularExpression(QStringLiteral("[\\s/@:]")))) {
        // IPv6 literals contain ':'; accept them in brackets or bare.
        if (!QHostAddress(host.mid(host.startsWith(u'[') ? 1 : 0).chopped(host.endsWith(u']') ? 1 : 0))
                 .isNull())
            return true;
        *reason = QCoreApplication::translate(
            "MailSettings",
            "The host name cannot contain spaces, \"/\", \"@\" or \":\"; enter only the server name, "
            "such as smtp.example.com (the port has its own field).");
        return false;
    }
    if (!QHostAddress(host).isNull())
        return true;
    const QByteArray ace = QUrl::toAce(host);
    if (ace.isEmpty()) {
        *reason = QCoreApplication::translate("MailSettings", "\"%1\" is not a valid host name.").arg(host);
        return false;
    }
    if (ace.size() > 253) {
        *reason = QCoreApplication::translate("MailSettings", "The host name is longer than 253 characters.");
        return false;
    }
    const QList<QByteArray> labels = ace.split('.');
    for (const QByteArray& label : labels) {
        if (label.isEmpty() || label.size() > 63 || label.startsWith('-') || label.endsWith('-')) {
            *reason = QCoreApplication::translate(
                          "MailSettings",
                          "\"%1\" is not a valid host name: each part between dots must be 1 to 63 letters, "
                          "digits or hyphens.")
                          .arg(host);
            return false;
        }
    }
    return true;
}

std::optional<QString> checkRange(int value, int low, int high, const QString& what)
{
    if (value < low || value > high)
        return QCoreApplication::translate("MailSettings", "%1 must be between %2 and %3.")
            .arg(what)
            .arg(low)
            .arg(high);
    return std::nullopt;
}

std::optional<QString> checkSender(const Sender& sender, bool required, const QString& what)
{
    if (sender.email.trimmed().isEmpty()) {
        if (required)
            return QCoreApplication::translate(
                       "MailSettings",
                       "Enter the %1 address (or an SMTP user name that is an email address).")
                .arg(what);
        return std::nullopt;
    }
    QString reason;
    if (!isValidEmail(sender.email.trimmed(), &reason))
        return QCoreApplication::translate("MailSettings", "The %1 address is not valid: %2")
            .arg(what, reason);
    return std::nullopt;
}

// Names go into mail headers and terminals: no line breaks, tabs aside no control characters.
bool hasControlCharacters(const QString& text)
{
    for (QChar c : text) {
        if ((c.category() == QChar::Other_Control && c != u'\t') || c == QChar::LineSeparator ||
            c == QChar::ParagraphSeparator)
            return true;
    }
    return false;
}

std::optional<QString> checkSenderName(const Sender& sender, const QString& what)
{
    if (hasControlCharacters(sender.name))
        return QCoreApplication::translate("MailSettings",
                                           "The %1 name cannot contain line breaks or control characters.")
            .arg(what);
    if (sender.name.size() > 200)
        return QCoreApplication::translate("MailSettings", "The %1 name is longer than 200 characters.")
            .arg(what);
    return std::nullopt;
}

bool isHttpUrl(const QString& text)
{
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    return url.isValid() && (url.scheme() == u"https" || url.scheme() == u"http") && !url.host().isEmpty();
}

} // namespace

std::optional<QString> validateField(const MailSettings& s, SettingKey key)
{
    switch (key) {
    case SettingKey::SmtpHost: {
        if (s.host.trimmed().isEmpty())
            return QCoreApplication::translate(
                "MailSettings", "Enter the SMTP server's host name, for example smtp.office365.com.");
        QString reason;
        if (!isValidHostName(s.host.trimmed(), &reason))
            return reason;
        return std::nullopt;
    }
    case SettingKey::SmtpPort:
        return checkRange(s.port, 1, 65535, QCoreApplication::translate("MailSettings", "The port"));
    case SettingKey::SmtpUsername:
        if (s.auth != AuthMethod::None && s.username.trimmed().isEmpty())
            return QCoreApplication::translate(
                "MailSettings", "Enter the user name to sign in with, or set sign-in to \"none\".");
        if (hasControlCharacters(s.username))
            return QCoreApplication::translate(
                "MailSettings", "The user name cannot contain line breaks or control characters.");
        return std::nullopt;
    case SettingKey::SmtpCaFile:
        if (!s.caFile.trimmed().isEmpty() && !QFileInfo(s.caFile.trimmed()).isReadable())
            return QCoreApplication::translate("MailSettings",
                                               "The CA file %1 does not exist or cannot be read.")
                .arg(s.caFile.trimmed());
        return std::nullopt;
    case SettingKey::SmtpPinnedSha256: {
        QString hex = s.pinnedSha256.trimmed();
        hex.remove(u':');
        if (!hex.isEmpty() && !QRegularExpression(QStringLiteral("^[0-9A-Fa-f]{64}$")).match(hex).hasMatch())
            return QCoreApplication::translate(
                "MailSettings",
                "The pinned certificate must be a SHA-256 fingerprint: 64 hexadecimal digits, colons "
                "allowed.");
        return std::nullopt;
    }
    case SettingKey::SmtpHeloName:
        if (!s.heloName.trimmed().isEmpty()) {
            QString reason;
            if (!isValidHostName(s.heloName.trimmed(), &reason))
                return QCoreApplication::translate(
                    "MailSettings",
                    "The EHLO name must be a plain host name such as mail.example.com, with no spaces or "
                    "control characters.");
        }
        return std::nullopt;
    case SettingKey::TimeoutConnect:
        return checkRange(s.timeouts.connect, 1, 600,
                          QCoreApplication::translate("MailSettings", "The connect timeout"));
    case SettingKey::TimeoutGreeting:
        return checkRange(s.timeouts.greeting, 1, 600,
                          QCoreApplication::translate("MailSettings", "The greeting timeout"));
    case SettingKey::TimeoutCommand:
        return checkRange(s.timeouts.command, 1, 600,
                          QCoreApplication::translate("MailSettings", "The command timeout"));
    case SettingKey::TimeoutDataIdle:
        return checkRange(s.timeouts.dataIdle, 1, 600,
                          QCoreApplication::translate("MailSettings", "The data timeout"));
    case SettingKey::TimeoutFinalDot:
        return checkRange(s.timeouts.finalDot, 1, 1800,
                          QCoreApplication::translate("MailSettings", "The final reply timeout"));
    case SettingKey::FromDefaultEmail: {
        const bool usernameIsAddress = isValidEmail(s.username.trimmed());
        return checkSender(s.defaultSender, !usernameIsAddress,
                           QCoreApplication::translate("MailSettings", "default sender"));
    }
    case SettingKey::FromInvoiceEmail:
        return checkSender(s.invoiceSender, false,
                           QCoreApplication::translate("MailSettings", "invoice sender"));
    case SettingKey::FromQuoteEmail:
        return checkSender(s.quoteSender, false, QCoreApplication::translate("MailSettings", "quote sender"));
    case SettingKey::FromTicketEmail:
        return checkSender(s.ticketSender, false,
                           QCoreApplication::translate("MailSettings", "ticket sender"));
    case SettingKey::FromDefaultName:
        return checkSenderName(s.defaultSender,
                               QCoreApplication::translate("MailSettings", "default sender"));
    case SettingKey::FromInvoiceName:
        return checkSenderName(s.invoiceSender,
                               QCoreApplication::translate("MailSettings", "invoice sender"));
    case SettingKey::FromQuoteName:
        return checkSenderName(s.quoteSender, QCoreApplication::translate("MailSettings", "quote sender"));
    case SettingKey::FromTicketName:
        return checkSenderName(s.ticketSender, QCoreApplication::translate("MailSettings", "ticket sender"));
    case SettingKey::QueueMaxAttempts:
        return checkRange(s.queue.maxAttempts, 1, 100,
                          QCoreApplication::translate("MailSettings", "Attempts"));
    case SettingKey::QueueBackoffInitial:
        return checkRange(s.queue.backoffInitial, 1, 86400,
                          QCoreApplication::translate("MailSettings", "The first retry delay"));
    case SettingKey::QueueBackoffMax:
        if (s.queue.backoffMax < s.queue.backoffInitial)
            return QCoreApplication::translate(
                       "MailSettings", "The longest retry delay cannot be shorter than the first one (%1 s).")
                .arg(s.queue.backoffInitial);
        return checkRange(s.queue.backoffMax, 1, 7 * 86400,
                          QCoreApplication::translate("MailSettings", "The longest retry delay"));
    case SettingKey::QueueConnections:
        return checkRange(s.queue.connections, 1, 16,
                          QCoreApplication::translate("MailSettings", "Connections"));
    case SettingKey::QueueRatePerMinute:
        return checkRange(s.queue.ratePerMinute, 0, 100000,
                          QCoreApplication::translate("MailSettings", "The rate limit (0 for none)"));
    case SettingKey::QueueDailyCap:
        return checkRange(s.queue.dailyCap, 0, 10000000,
                          QCoreApplication::translate("MailSettings", "The daily cap (0 for none)"));
    case SettingKey::QueueKeepSentDays:
        return checkRange(s.queue.keepSentDays, 1, 3650,
                          QCoreApplication::translate("MailSettings", "Keep sent messages"));
    case SettingKey::QueueMaxMessageBytes:
        if (s.queue.maxMessageBytes < 1024 || s.queue.maxMessageBytes > 1024LL * 1024 * 1024)
            return QCoreApplication::translate("MailSettings",
                                               "The message size limit must be between 1 KB and 1 GB.");
        return std::nullopt;
    case SettingKey::OAuthClientId:
        if (s.auth == AuthMethod::OAuth2 && s.oauth.clientId.trimmed().isEmpty())
            return QCoreApplication::translate(
                "MailSettings", "Enter the application (client) ID of the app registered for Outbound.");
        return std::nullopt;
    case SettingKey::OAuthFlow:
        if (s.auth == AuthMethod::OAuth2 && s.oauth.flow == OAuthFlow::App &&
            s.oauth.provider == OAuthProvider::Google)
            return QCoreApplication::translate(
                "MailSettings", "Google has no app sign-in for SMTP; use the browser or device flow.");
        return std::nullopt;
    case SettingKey::OAuthTokenUrl:
        if (s.auth == AuthMethod::OAuth2 && s.oauth.effectiveTokenUrl().isEmpty())
            return QCoreApplication::translate("MailSettings",
                                               "Enter the token address of the custom provider.");
        if (!s.oauth.tokenUrl.isEmpty() && !isHttpUrl(s.oauth.tokenUrl))
            return QCoreApplication::translate("MailSettings",
                                               "The token address must be an http or https URL.");
        return std::nullopt;
    case SettingKey::OAuthAuthorizeUrl:
        if (s.auth == AuthMethod::OAuth2 && s.oauth.flow == OAuthFlow::Browser &&
            s.oauth.effectiveAuthorizeUrl().isEmpty())
            return QCoreApplication::translate("MailSettings",
                                               "Enter the authorization address of the custom provider.");
        if (!s.oauth.authorizeUrl.isEmpty() && !isHttpUrl(s.oauth.authorizeUrl))
            return QCoreApplication::translate("MailSettings",
                                               "The authorization address must be an http or https URL.");
        return std::nullopt;
    case SettingKey::OAuthDeviceUrl:
        if (s.auth == AuthMethod::OAuth2 && s.oauth.flow == OAuthFlow::Device &&
            s.oauth.effectiveDeviceUrl().isEmpty())
            return QCoreApplication::translate(
                "MailSettings", "Enter the device authorization address of the custom provider.");
        if (!s.oauth.deviceUrl.isEmpty() && !isHttpUrl(s.oauth.deviceUrl))
            return QCoreApplication::translate(
                "MailSettings", "The device authorization address must be an http or https URL.");
        return std::nullopt;
    case SettingKey::OAuthScope:
        if (s.auth == AuthMethod::OAuth2 && s.oauth.effectiveScope().isEmpty())
            return QCoreApplication::translate("MailSettings",
                                               "Enter the scope the custom provider grants for SMTP.");
        return std::nullopt;
    case SettingKey::OAuthClientCertificate:
        if (!s.oauth.clientCertificate.trimmed().isEmpty() &&
            !QFileInfo(s.oauth.clientCertificate.trimmed()).isReadable())
            return QCoreApplication::translate("MailSettings",
                                               "The certificate file %1 does not exist or cannot be read.")
                .arg(s.oauth.clientCertificate.trimmed());
        return std::nullopt;
    default:
        return std::nullopt;
    }
}

QList<ValidationIssue> validate(const MailSettings& settings, bool requireHost)
{
    QList<ValidationIssue> issues;
    for (const SettingInfo& info : allSettings()) {
        if (info.key == SettingKey::SmtpHost && !requireHost && settings.host.trimmed().isEmpty())
            continue;
        if (auto message = validateField(settings, info.key))
            issues.append({info.key, *message});
    }
    return issues;
}

QList<PresetInfo> presets()
{
    PresetInfo m365{Preset::Microsoft365,
                    QStringLiteral("microsoft365"),
                    QCoreApplication::translate("MailSettings", "Microsoft 365"),
                    QStringLiteral("smtp.office365.com"),
                    587,
                    Encryption::StartTls,
                    30,
                    10000,
                    QCoreApplication::translate(
                        "MailSettings",
                        "<p>Sign-in uses <b>OAuth 2.0</b>: Microsoft turns off passwords for SMTP at the "
                        "end of December 2026.</p>"
                        "<ol><li>In Microsoft Entra, register an app for Outbound: platform <b>Mobile and "
                        "desktop applications</b>, redirect <b>http://localhost</b>, \"Allow public client "
                        "flows\" on (for the device code). Add the delegated permission <b>SMTP.Send</b> "
                        "(Office 365 Exchange Online) and enter the app's client ID here.</li>"
                        "<li>For an unattended worker use the <b>app</b> flow instead: the application "
                        "permission <b>SMTP.SendAsApp</b> with admin consent, the app's service principal "
                        "registered in Exchange Online, and mailbox permission for each sender address "
                        "(or RBAC for Applications limited to those mailboxes); sign in with a certificate "
                        "or a client secret.</li>"
                        "<li>An administrator must allow <b>Authenticated SMTP</b> for the mailbox; "
                        "<b>535 5.7.139</b> means it is still off (this blocks OAuth too).</li></ol>"
                        "<p>Microsoft allows about 30 messages a minute and 10,000 recipients a day. The "
                        "preset sets the queue to 30 messages a minute and at most 10,000 messages a day; a "
                        "message to several people counts once here but once per recipient at Microsoft, so "
                        "lower the daily cap if much of your mail has several recipients. <b>550 5.7.30</b> "
                        "means the tenant no longer accepts passwords.</p>")};
    PresetInfo google{Preset::Google,
                      QStringLiteral("google"),
                      QCoreApplication::translate("MailSettings", "Google Workspace"),
                      QStringLiteral("smtp.gmail.com"),
                      587,
                      Encryption::StartTls,
                      0,
                      2000,
                      QCoreApplication::translate(
                          "MailSettings",
                          "<p>Sign-in uses <b>OAuth 2.0</b> with the full Google address as user name.</p>"
                          "<ol><li>In the Google Cloud console, create an OAuth client of type <b>Desktop "
                          "app</b> (or <b>TVs and limited input devices</b> for the device code) and enter "
                          "its client ID here; store its secret with <code>outbound-cli settings set-secret "
                          "oauth.client_secret</code>. The scope is https://mail.google.com/.</li>"
                          "<li>Set the consent screen to <b>In production</b> (or Internal for Workspace): "
                          "apps left in Testing lose their sign-in after 7 days.</li>"
                          "<li>A password still works as an <b>app password</b> (2-Step Verification, "
                          "16 characters) if the Workspace administrator allows it; <b>534 5.7.9</b> means "
                          "an app password is required.</li></ol>"
                          "<p>Google allows about 2,000 messages a day and 100 recipients per message; the "
                          "daily cap is set to match.</p>")};
    PresetInfo custom{Preset::Custom,
                      QStringLiteral("custom"),
                      QCoreApplication::translate("MailSettings", "Custom server"),
                      QString(),
                      0,
                      Encryption::StartTls,
                      0,
                      0,
                      QCoreApplication::translate(
                          "MailSettings",
                          "<p>Enter your provider's SMTP server. Port 587 with STARTTLS or port 465 with "
                          "TLS is usual; use <b>Detect</b> to find what the server supports.</p>")};
    return {m365, google, custom};
}

std::optional<PresetInfo> presetById(const QString& id)
{
    for (const PresetInfo& p : presets()) {
        if (p.id == id.trimmed().toLower())
            return p;
    }
    return std::nullopt;
}

void applyPreset(MailSettings& settings, const PresetInfo& preset)
{
    if (preset.preset == Preset::Custom)
        return;
    settings.host = preset.host;
    settings.port = preset.port;
    settings.encryption = preset.encryption;
    // Both providers are moving away from passwords for SMTP: OAuth is the default. A password
    // stays possible (Google app passwords, tenants that turned Basic back on) by choosing it.
    settings.auth = AuthMethod::OAuth2;
    settings.oauth.provider =
        preset.preset == Preset::Microsoft365 ? OAuthProvider::Microsoft : OAuthProvider::Google;
    if (settings.oauth.provider == OAuthProvider::Google && settings.oauth.flow == OAuthFlow::App)
        settings.oauth.flow = OAuthFlow::Browser;
    settings.queue.ratePerMinute = preset.ratePerMinute;
    settings.queue.dailyCap = preset.dailyCap;
}

bool microsoftBasicAuthAtRisk(const MailSettings& settings)
{
    const QString host = settings.host.trimmed().toLower();
    const bool microsoft = host == u"smtp.office365.com" || host == u"smtp-mail.outlook.com";
    const bool password = settings.auth == AuthMethod::Auto || settings.auth == AuthMethod::Plain ||
                          settings.auth == AuthMethod::Login;
    return microsoft && password && !settings.username.trimmed().isEmpty();
}

QString microsoftBasicAuthWarning()
{
    return QCoreApplication::translate(
        "MailSettings",
        "Microsoft turns off password sign-in (Basic authentication) for SMTP at the end of December "
        "2026; after that the server answers 550 5.7.30. Switch sign-in to OAuth 2.0.");
}

Preset detectPreset(const MailSettings& settings)
{
    for (const PresetInfo& p : presets()) {
        if (p.preset != Preset::Custom && settings.host.trimmed().compare(p.host, Qt::CaseInsensitive) == 0)
            return p.preset;
    }
    return Preset::Custom;
}

} // namespace outbound
