#include "GuiText.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSslError>
#include <cmath>

namespace outbound::gui {

const QList<MessageStatus>& allStatuses()
{
    static const QList<MessageStatus> statuses = {
        MessageStatus::Queued, MessageStatus::Sending,   MessageStatus::Sent,        MessageStatus::Deferred,
        MessageStatus::Failed, MessageStatus::Cancelled, MessageStatus::Interrupted,
    };
    return statuses;
}

qint64 statusCount(const QueueStats& stats, MessageStatus status)
{
    switch (status) {
    case MessageStatus::Queued:
        return stats.queued;
    case MessageStatus::Sending:
        return stats.sending;
    case MessageStatus::Sent:
        return stats.sent;
    case MessageStatus::Deferred:
        return stats.deferred;
    case MessageStatus::Failed:
        return stats.failed;
    case MessageStatus::Cancelled:
        return stats.cancelled;
    case MessageStatus::Interrupted:
        return stats.interrupted;
    }
    return 0;
}

QString statusName(MessageStatus status)
{
    switch (status) {
    case MessageStatus::Queued:
        return QCoreApplication::translate("GuiText", "Queued");
    case MessageStatus::Sending:
        return QCoreApplication::translate("GuiText", "Sending");
    case MessageStatus::Sent:
        return QCoreApplication::translate("GuiText", "Sent");
    case MessageStatus::Deferred:
        return QCoreApplication::translate("GuiText", "Deferred");
    case MessageStatus::Failed:
        return QCoreApplication::translate("GuiText", "Failed");
    case MessageStatus::Cancelled:
        return QCoreApplication::translate("GuiText", "Cancelled");
    case MessageStatus::Interrupted:
        return QCoreApplication::translate("GuiText", "Interrupted");
    }
    return {};
}

QString statusDescription(MessageStatus status)
{
    switch (status) {
    case MessageStatus::Queued:
        return QCoreApplication::translate("GuiText", "Waiting to be sent.");
    case MessageStatus::Sending:
        return QCoreApplication::translate("GuiText", "Being sent right now.");
    case MessageStatus::Sent:
        return QCoreApplication::translate("GuiText", "The server accepted the message.");
    case MessageStatus::Deferred:
        return QCoreApplication::translate("GuiText", "A temporary failure; it is retried automatically.");
    case MessageStatus::Failed:
        return QCoreApplication::translate(
            "GuiText", "A permanent failure or no attempts left; retry it after fixing the cause.");
    case MessageStatus::Cancelled:
        return QCoreApplication::translate("GuiText", "Stopped by an operator; it will not be sent.");
    case MessageStatus::Interrupted:
        return QCoreApplication::translate(
            "GuiText", "Sending was cut off; the server may have it. Retry it or mark it as sent.");
    }
    return {};
}

QIcon statusIcon(MessageStatus status)
{
    switch (status) {
    case MessageStatus::Queued:
        return QIcon(QStringLiteral(":/icons/status-queued.svg"));
    case MessageStatus::Sending:
        return QIcon(QStringLiteral(":/icons/status-sending.svg"));
    case MessageStatus::Sent:
        return QIcon(QStringLiteral(":/icons/status-sent.svg"));
    case MessageStatus::Deferred:
        return QIcon(QStringLiteral(":/icons/status-deferred.svg"));
    case MessageStatus::Failed:
        return QIcon(QStringLiteral(":/icons/status-failed.svg"));
    case MessageStatus::Cancelled:
        return QIcon(QStringLiteral(":/icons/status-cancelled.svg"));
    case MessageStatus::Interrupted:
        return QIcon(QStringLiteral(":/icons/status-interrupted.svg"));
    }
    return {};
}

namespace {

double luminance(const QColor& c)
{
    auto channel = [](double v) {
        return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}

QColor statusHue(MessageStatus status)
{
    switch (status) {
    case MessageStatus::Queued:
        return QColor(0x2d, 0x64, 0xa6);
    case MessageStatus::Sending:
        return QColor(0x1f, 0x7a, 0x90);
    case MessageStatus::Sent:
        return QColor(0x24, 0x7f, 0x46);
    case MessageStatus::Deferred:
        return QColor(0xa8, 0x6b, 0x00);
    case MessageStatus::Failed:
        return QColor(0xb3, 0x26, 0x1e);
    case MessageStatus::Cancelled:
        return QColor(0x6b, 0x72, 0x7a);
    case MessageStatus::Interrupted:
        return QColor(0xc0, 0x5a, 0x00);
    }
    return {};
}

QColor mixed(const QColor& a, const QColor& b, double bShare)
{
    return QColor::fromRgbF(float(a.redF() * (1 - bShare) + b.redF() * bShare),
                            float(a.greenF() * (1 - bShare) + b.greenF() * bShare),
                            float(a.blueF() * (1 - bShare) + b.blueF() * bShare));
}

} // namespace

double contrastRatio(const QColor& a, const QColor& b)
{
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QColor readableOn(const QColor& hue, const QColor& background)
{
    const bool darkBackground = luminance(background) < 0.18;
    QColor c = hue.toHsl();
    float h = 0, s = 0, l = 0, a = 1;
    c.getHslF(&h, &s, &l, &a);
    // Step the lightness away from the background until the text reads well.
    for (int i = 0; i < 40 && contrastRatio(c, background) < 4.5; ++i) {
        l = darkBackground ? std::min(1.0f, l + 0.025f) : std::max(0.0f, l - 0.025f);
        c = QColor::fromHslF(h, s, l, a);
    }
    return c.toRgb();
}

QColor statusColor(MessageStatus status, const QPalette& palette)
{
    return readableOn(statusHue(status), palette.color(QPalette::Base));
}

QColor errorColor(const QPalette& palette)
{
    return readableOn(QColor(0xb3, 0x26, 0x1e), palette.color(QPalette::Window));
}

QColor warningColor(const QPalette& palette)
{
    return readableOn(QColor(0x8a, 0x5a, 0x00), palette.color(QPalette::Window));
}

namespace {
// A banner tinted towards `tint`: the window colour with a share of it behind the text and a
// larger share in the border, the text made readable on that background.
QString bannerStyle(const QPalette& palette, const QColor& tint, double backgroundShare, double borderShare)
{
    const QColor window = palette.color(QPalette::Window);
    const QColor background = mixed(window, tint, backgroundShare);
    const QColor border = mixed(window, tint, borderShare);
    const QColor text = readableOn(palette.color(QPalette::WindowText), background);
    return QStringLiteral("QLabel { background: %1; color: %2; border: 1px solid %3; border-radius: 4px; "
                          "padding: 6px; }")
        .arg(background.name(), text.name(), border.name());
}
} // namespace

QString warningBannerStyle(const QPalette& palette)
{
    return bannerStyle(palette, QColor(0xe0, 0x9b, 0x1a), 0.16, 0.6);
}

QString infoBannerStyle(const QPalette& palette)
{
    return bannerStyle(palette, palette.color(QPalette::Highlight), 0.10, 0.45);
}

QString settingLabel(SettingKey key)
{
    const char* text = nullptr;
    switch (key) {
    case SettingKey::SmtpHost:
        text = QT_TRANSLATE_NOOP("GuiText", "Host");
        break;
    case SettingKey::SmtpPort:
        text = QT_TRANSLATE_NOOP("GuiText", "Port");
        break;
    case SettingKey::SmtpEncryption:
        text = QT_TRANSLATE_NOOP("GuiText", "Encryption");
        break;
    case SettingKey::SmtpAuth:
        text = QT_TRANSLATE_NOOP("GuiText", "Sign-in method");
        break;
    case SettingKey::SmtpUsername:
        text = QT_TRANSLATE_NOOP("GuiText", "User name");
        break;
    case SettingKey::SmtpCaFile:
        text = QT_TRANSLATE_NOOP("GuiText", "CA file");
        break;
    case SettingKey::SmtpPinnedSha256:
        text = QT_TRANSLATE_NOOP("GuiText", "Pinned certificate");
        break;
    case SettingKey::SmtpHeloName:
        text = QT_TRANSLATE_NOOP("GuiText", "EHLO name");
        break;
    case SettingKey::SmtpAllowAuthWithoutTls:
        text = QT_TRANSLATE_NOOP("GuiText", "Allow sign-in over an unencrypted connection");
        break;
    case SettingKey::SmtpPipelineAcrossMessages:
        text = QT_TRANSLATE_NOOP("GuiText", "Pipeline across messages");
        break;
    case SettingKey::TimeoutConnect:
        text = QT_TRANSLATE_NOOP("GuiText", "Connect timeout");
        break;
    case SettingKey::TimeoutGreeting:
        text = QT_TRANSLATE_NOOP("GuiText", "Greeting timeout");
        break;
    case SettingKey::TimeoutCommand:
        text = QT_TRANSLATE_NOOP("GuiText", "Command timeout");
        break;
    case SettingKey::TimeoutDataIdle:
        text = QT_TRANSLATE_NOOP("GuiText", "Data timeout");
        break;
    case SettingKey::TimeoutFinalDot:
        text = QT_TRANSLATE_NOOP("GuiText", "Final reply timeout");
        break;
    case SettingKey::FromDefaultEmail:
        text = QT_TRANSLATE_NOOP("GuiText", "Default sender");
        break;
    case SettingKey::FromDefaultName:
        text = QT_TRANSLATE_NOOP("GuiText", "Default sender name");
        break;
    case SettingKey::FromInvoiceEmail:
        text = QT_TRANSLATE_NOOP("GuiText", "Invoices address");
        break;
    case SettingKey::FromInvoiceName:
        text = QT_TRANSLATE_NOOP("GuiText", "Invoices name");
        break;
    case SettingKey::FromQuoteEmail:
        text = QT_TRANSLATE_NOOP("GuiText", "Quotes address");
        break;
    case SettingKey::FromQuoteName:
        text = QT_TRANSLATE_NOOP("GuiText", "Quotes name");
        break;
    case SettingKey::FromTicketEmail:
        text = QT_TRANSLATE_NOOP("GuiText", "Tickets address");
        break;
    case SettingKey::FromTicketName:
        text = QT_TRANSLATE_NOOP("GuiText", "Tickets name");
        break;
    case SettingKey::QueueMaxAttempts:
        text = QT_TRANSLATE_NOOP("GuiText", "Attempts");
        break;
    case SettingKey::QueueBackoffInitial:
        text = QT_TRANSLATE_NOOP("GuiText", "First retry after");
        break;
    case SettingKey::QueueBackoffMax:
        text = QT_TRANSLATE_NOOP("GuiText", "Longest retry delay");
        break;
    case SettingKey::QueueConnections:
        text = QT_TRANSLATE_NOOP("GuiText", "Connections");
        break;
    case SettingKey::QueueRatePerMinute:
        text = QT_TRANSLATE_NOOP("GuiText", "Messages per minute");
        break;
    case SettingKey::QueueDailyCap:
        text = QT_TRANSLATE_NOOP("GuiText", "Messages per day");
        break;
    case SettingKey::QueueKeepSentDays:
        text = QT_TRANSLATE_NOOP("GuiText", "Keep sent messages");
        break;
    case SettingKey::QueueMaxMessageBytes:
        text = QT_TRANSLATE_NOOP("GuiText", "Largest message");
        break;
    case SettingKey::OAuthProvider:
        text = QT_TRANSLATE_NOOP("GuiText", "OAuth provider");
        break;
    case SettingKey::OAuthFlow:
        text = QT_TRANSLATE_NOOP("GuiText", "OAuth flow");
        break;
    case SettingKey::OAuthClientId:
        text = QT_TRANSLATE_NOOP("GuiText", "Client ID");
        break;
    case SettingKey::OAuthTenant:
        text = QT_TRANSLATE_NOOP("GuiText", "Tenant");
        break;
    case SettingKey::OAuthAuthorizeUrl:
        text = QT_TRANSLATE_NOOP("GuiText", "Authorization address");
        break;
    case SettingKey::OAuthTokenUrl:
        text = QT_TRANSLATE_NOOP("GuiText", "Token address");
        break;
    case SettingKey::OAuthDeviceUrl:
        text = QT_TRANSLATE_NOOP("GuiText", "Device authorization address");
        break;
    case SettingKey::OAuthScope:
        text = QT_TRANSLATE_NOOP("GuiText", "OAuth scope");
        break;
    case SettingKey::OAuthMechanism:
        text = QT_TRANSLATE_NOOP("GuiText", "OAuth mechanism");
        break;
    case SettingKey::OAuthClientCertificate:
        text = QT_TRANSLATE_NOOP("GuiText", "Client certificate");
        break;
    }
    return text != nullptr ? QCoreApplication::translate("GuiText", text) : QString();
}

QString windowWording(const QString& text)
{
    QString out = text;
    // Longest names first so "smtp.auth" does not eat the start of a longer key.
    QList<SettingInfo> settings = allSettings();
    std::sort(settings.begin(), settings.end(),
              [](const SettingInfo& a, const SettingInfo& b) { return qstrlen(a.name) > qstrlen(b.name); });
    for (const SettingInfo& info : std::as_const(settings)) {
        const QString name = QString::fromLatin1(info.name);
        const QString label = settingLabel(info.key);
        if (info.key == SettingKey::SmtpEncryption) {
            // "smtp.encryption to tls" / "smtp.encryption=starttls": the value gets its window name.
            static const QRegularExpression withValue(
                QStringLiteral("smtp\\.encryption(\\s+\\S+\\s+|\\s*=\\s*)(none|starttls|tls)\\b"));
            QRegularExpressionMatch m;
            while ((m = withValue.match(out)).hasMatch()) {
                const auto value = encryptionFromString(m.captured(2));
                const QString shown = value ? encryptionName(*value) : m.captured(2);
                const QString joiner = m.captured(1).contains(u'=') ? QStringLiteral(" = ") : m.captured(1);
                out.replace(m.capturedStart(), m.capturedLength(), label + joiner + shown);
            }
        }
        out.replace(name, label);
    }
    static const QRegularExpression fromGroup(QStringLiteral("\\bfrom\\.\\*"));
    out.replace(fromGroup, QCoreApplication::translate("GuiText", "Senders"));
    return out;
}

QString categoryName(Category category)
{
    switch (category) {
    case Category::System:
        return QCoreApplication::translate("GuiText", "System");
    case Category::Invoice:
        return QCoreApplication::translate("GuiText", "Invoice");
    case Category::Quote:
        return QCoreApplication::translate("GuiText", "Quote");
    case Category::Ticket:
        return QCoreApplication::translate("GuiText", "Ticket");
    case Category::Test:
        return QCoreApplication::translate("GuiText", "Test");
    }
    return {};
}

QString encryptionName(Encryption encryption)
{
    switch (encryption) {
    case Encryption::None:
        return QCoreApplication::translate("GuiText", "None (plain text)");
    case Encryption::StartTls:
        return QCoreApplication::translate("GuiText", "STARTTLS");
    case Encryption::Tls:
        return QCoreApplication::translate("GuiText", "TLS (SSL)");
    }
    return {};
}

QString authMethodName(AuthMethod method)
{
    switch (method) {
    case AuthMethod::Auto:
        return QCoreApplication::translate("GuiText", "Automatic");
    case AuthMethod::Plain:
        return QCoreApplication::translate("GuiText", "PLAIN");
    case AuthMethod::Login:
        return QCoreApplication::translate("GuiText", "LOGIN");
    case AuthMethod::XOAuth2:
        return QCoreApplication::translate("GuiText", "XOAUTH2 (access token)");
    case AuthMethod::None:
        return QCoreApplication::translate("GuiText", "No sign-in");
    case AuthMethod::OAuth2:
        return QCoreApplication::translate("GuiText", "OAuth 2.0 (sign in with the provider)");
    case AuthMethod::OAuthBearer:
        return QCoreApplication::translate("GuiText", "OAUTHBEARER (access token)");
    }
    return {};
}

QString phaseName(SmtpPhase phase)
{
    switch (phase) {
    case SmtpPhase::Dns:
        return QCoreApplication::translate("GuiText", "Look up the server");
    case SmtpPhase::Connect:
        return QCoreApplication::translate("GuiText", "Connect");
    case SmtpPhase::Tls:
        return QCoreApplication::translate("GuiText", "TLS handshake");
    case SmtpPhase::Greeting:
        return QCoreApplication::translate("GuiText", "Server greeting");
    case SmtpPhase::Ehlo:
        return QCoreApplication::translate("GuiText", "Introduce (EHLO)");
    case SmtpPhase::StartTls:
        return QCoreApplication::translate("GuiText", "Switch to TLS (STARTTLS)");
    case SmtpPhase::Auth:
        return QCoreApplication::translate("GuiText", "Sign in");
    case SmtpPhase::Mail:
        return QCoreApplication::translate("GuiText", "Sender (MAIL FROM)");
    case SmtpPhase::Rcpt:
        return QCoreApplication::translate("GuiText", "Recipient (RCPT TO)");
    case SmtpPhase::Data:
        return QCoreApplication::translate("GuiText", "Message data");
    case SmtpPhase::Quit:
        return QCoreApplication::translate("GuiText", "Close (QUIT)");
    }
    return {};
}

QString errorSentence(const SmtpError& e)
{
    if (e.outcomeUnknown)
        return QCoreApplication::translate(
            "GuiText", "sending was cut off before the server confirmed the message; it may have been "
                       "delivered, so it is not sent again automatically");
    switch (e.kind) {
    case SmtpErrorKind::HostNotFound:
        return QCoreApplication::translate("GuiText", "the server's host name was not found");
    case SmtpErrorKind::ConnectionRefused:
        return QCoreApplication::translate("GuiText", "nothing accepts connections on the server's port");
    case SmtpErrorKind::Timeout:
        return QCoreApplication::translate("GuiText", "no answer within %1 s").arg(e.timeoutSeconds);
    case SmtpErrorKind::ConnectionClosed:
        return QCoreApplication::translate("GuiText", "the server closed the connection");
    case SmtpErrorKind::NetworkError:
        return QCoreApplication::translate("GuiText", "the network connection to the server failed");
    case SmtpErrorKind::TlsHandshakeFailed:
        return e.handshakeSawPlainSmtp
                   ? QCoreApplication::translate(
                         "GuiText", "the TLS handshake failed because the server answered in plain text")
                   : QCoreApplication::translate("GuiText", "the TLS handshake failed");
    case SmtpErrorKind::CertificateRejected: {
        // Qt names each verification error (in its own translation where one is installed).
        QStringList reasons;
        for (int code : e.certificateErrorCodes) {
            const QString reason = QSslError(QSslError::SslError(code)).errorString();
            if (!reasons.contains(reason))
                reasons.append(reason);
        }
        return reasons.isEmpty()
                   ? QCoreApplication::translate("GuiText", "the server's certificate was not accepted")
                   : QCoreApplication::translate("GuiText", "the server's certificate was not accepted: %1")
                         .arg(reasons.join(QStringLiteral("; ")));
    }
    case SmtpErrorKind::StartTlsNotOffered:
        return QCoreApplication::translate("GuiText", "the server does not offer STARTTLS");
    case SmtpErrorKind::AuthNotOffered:
        return QCoreApplication::translate("GuiText",
                                           "the server offers no sign-in method that can be used here");
    case SmtpErrorKind::AuthWithoutTls:
        return QCoreApplication::translate(
            "GuiText", "the password would travel unencrypted, which is not allowed for this account");
    case SmtpErrorKind::ServerReply:
        return QCoreApplication::translate("GuiText", "the server refused the command");
    case SmtpErrorKind::ProtocolError:
        return e.receivedTlsBytesAsGreeting
                   ? QCoreApplication::translate("GuiText",
                                                 "the server answered with TLS instead of an SMTP greeting")
                   : QCoreApplication::translate("GuiText", "the server's reply could not be understood");
    case SmtpErrorKind::MessageTooLarge:
        return QCoreApplication::translate("GuiText", "the message is larger than the server accepts");
    case SmtpErrorKind::AllRecipientsRefused:
        return QCoreApplication::translate("GuiText", "the server refused every recipient");
    case SmtpErrorKind::Cancelled:
        return QCoreApplication::translate("GuiText", "sending was cancelled");
    case SmtpErrorKind::PinMismatch:
        return QCoreApplication::translate("GuiText", "the server's certificate is not the pinned one");
    case SmtpErrorKind::SomeRecipientsRefused:
        return QCoreApplication::translate("GuiText", "the server refused some of the recipients");
    case SmtpErrorKind::InvalidInput:
        break; // the stored text names what was wrong with the message or the sign-in
    }
    return {};
}

QString errorLine(const SmtpError& e, const QString& stored)
{
    const QString sentence = errorSentence(e);
    if (sentence.isEmpty())
        return stored.isEmpty() ? e.summary() : stored;
    QString what;
    if (e.code > 0 && !e.outcomeUnknown) {
        // The reply as the server sent it; a sentence only where the reply alone is not the story.
        what = QString::number(e.code);
        if (!e.enhancedCode.isEmpty())
            what += u' ' + e.enhancedCode;
        if (!e.serverText.isEmpty())
            what += u' ' + e.serverText;
        if (e.kind == SmtpErrorKind::SomeRecipientsRefused || e.kind == SmtpErrorKind::AllRecipientsRefused ||
            e.serverText.isEmpty())
            what = QCoreApplication::translate("GuiText", "%1 (%2)").arg(sentence, what);
    } else {
        what = sentence;
    }
    return QCoreApplication::translate("GuiText", "%1: %2").arg(phaseName(e.phase), what);
}

} // namespace outbound::gui

// Q_INIT_RESOURCE must be used outside any namespace; the resources live in a static library,
// so the linker would otherwise drop their registration.
static void initOutboundResources()
{
    Q_INIT_RESOURCE(outbound);
}

void outbound::gui::initResources()
{
    static const bool done = [] {
        initOutboundResources();
        return true;
    }();
    Q_UNUSED(done)
}
