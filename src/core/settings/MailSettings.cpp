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
        {SettingKey::TimeoutConnect, "timeout.connect", 15},
        {SettingKey::TimeoutGreeting, "timeout.greeting", 30},
        {SettingKey::TimeoutCommand, "timeout.command", 60},
        {SettingKey::TimeoutDataIdle, "timeout.data_idle", 60},
        {SettingKey::TimeoutFinalDot, "timeout.final_dot", 120},
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

SmtpConfig MailSettings::toSmtpConfig(const QString& secret) const
{
    SmtpConfig c;
    c.host = host.trimmed();
    c.port = static_cast<quint16>(port);
    c.encryption = encryption;
    c.auth = auth;
    c.username = username.trimmed();
    c.secret = secret;
    c.caFile = caFile.trimmed();
    c.pinnedSha256 = pinnedSha256.trimmed();
    c.heloName = heloName.trimmed().isEmpty() ? QHostInfo::localHostName() : heloName.trimmed();
    if (c.heloName.isEmpty())
        c.heloName = QStringLiteral("localhost");
    c.allowAuthWithoutTls = allowAuthWithoutTls;
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
            return Failure{
                QCoreApplication::translate(
                    "MailSettings", "smtp.auth must be auto, plain, login, xoauth2 or none, not \"%1\".")
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
    case SettingKey::SmtpAllowAuthWithoutTls: {
        const QString v = text.trimmed().toLower();
        if (v == u"true" || v == u"1" || v == u"yes")
            allowAuthWithoutTls = true;
        else if (v == u"false" || v == u"0" || v == u"no" || v.isEmpty())
            allowAuthWithoutTls = false;
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
    }
    return success();
}

namespace {

bool isValidHostName(const QString& host, QString* reason)
{
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
                        "<p>Sign in with the full mailbox address as user name.</p>"
                        "<ol><li>An administrator must allow <b>Authenticated SMTP</b> for this mailbox: "
                        "Microsoft 365 admin center → Users → Active users → the user → Mail → Manage "
                        "email apps.</li>"
                        "<li>If the account uses multi-factor sign-in, create an <b>app password</b> and "
                        "enter it here instead of the normal password.</li></ol>"
                        "<p>Microsoft allows about 30 messages a minute and 10,000 recipients a day; the "
                        "queue limits are set to match. If sending fails with <b>535 5.7.139</b>, SMTP "
                        "sign-in is still switched off for the mailbox or by security defaults.</p>")};
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
                          "<p>Sign in with the full Google address as user name.</p>"
                          "<ol><li>Accounts with 2-Step Verification need an <b>app password</b>: Google "
                          "Account → Security → App passwords. Enter its 16 characters here.</li>"
                          "<li>Google accepts at most 100 recipients per message over SMTP.</li></ol>"
                          "<p>Google allows about 2,000 messages a day; the daily cap is set to match. "
                          "<b>534 5.7.9</b> means an app password is required.</p>")};
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
    settings.auth = AuthMethod::Auto;
    settings.queue.ratePerMinute = preset.ratePerMinute;
    settings.queue.dailyCap = preset.dailyCap;
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
