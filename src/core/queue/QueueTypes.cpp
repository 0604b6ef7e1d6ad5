#include "queue/QueueTypes.h"

#include <QCoreApplication>

namespace outbound {

QString toString(MessageStatus s)
{
    switch (s) {
    case MessageStatus::Queued:
        return QStringLiteral("queued");
    case MessageStatus::Sending:
        return QStringLiteral("sending");
    case MessageStatus::Sent:
        return QStringLiteral("sent");
    case MessageStatus::Deferred:
        return QStringLiteral("deferred");
    case MessageStatus::Failed:
        return QStringLiteral("failed");
    case MessageStatus::Cancelled:
        return QStringLiteral("cancelled");
    case MessageStatus::Interrupted:
        return QStringLiteral("interrupted");
    }
    return {};
}

std::optional<MessageStatus> messageStatusFromString(const QString& s)
{
    const QString v = s.trimmed().toLower();
    for (MessageStatus st :
         {MessageStatus::Queued, MessageStatus::Sending, MessageStatus::Sent, MessageStatus::Deferred,
          MessageStatus::Failed, MessageStatus::Cancelled, MessageStatus::Interrupted}) {
        if (toString(st) == v)
            return st;
    }
    return std::nullopt;
}

QString statusDisplayName(MessageStatus s)
{
    switch (s) {
    case MessageStatus::Queued:
        return QCoreApplication::translate("MessageStatus", "Queued");
    case MessageStatus::Sending:
        return QCoreApplication::translate("MessageStatus", "Sending");
    case MessageStatus::Sent:
        return QCoreApplication::translate("MessageStatus", "Sent");
    case MessageStatus::Deferred:
        return QCoreApplication::translate("MessageStatus", "Deferred");
    case MessageStatus::Failed:
        return QCoreApplication::translate("MessageStatus", "Failed");
    case MessageStatus::Cancelled:
        return QCoreApplication::translate("MessageStatus", "Cancelled");
    case MessageStatus::Interrupted:
        return QCoreApplication::translate("MessageStatus", "Interrupted");
    }
    return {};
}

namespace {

// The counter of one status, for reading (const) and for adding alike.
template <typename Stats> auto& counterOf(Stats& stats, MessageStatus s)
{
    switch (s) {
    case MessageStatus::Queued:
        break;
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
    return stats.queued;
}

} // namespace

qint64 QueueStats::count(MessageStatus s) const
{
    return counterOf(*this, s);
}

void QueueStats::add(MessageStatus s, qint64 n)
{
    counterOf(*this, s) += n;
}

} // namespace outbound
