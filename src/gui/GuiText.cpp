#include "GuiText.h"

#include <QCoreApplication>

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

QColor statusColor(MessageStatus status)
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
