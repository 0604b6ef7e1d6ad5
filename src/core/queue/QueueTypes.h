#pragma once

#include "mime/MimeBuilder.h"
#include "settings/MailSettings.h"
#include "smtp/SmtpTypes.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <optional>

namespace outbound {

enum class MessageStatus
{
    Queued,
    Sending,
    Sent,
    Deferred,
    Failed,
    Cancelled,
    Interrupted
};
QString toString(MessageStatus s); // "queued", "sending", ...
std::optional<MessageStatus> messageStatusFromString(const QString& s);
QString statusDisplayName(MessageStatus s); // translated

// What a caller hands to the queue. The store resolves the sender from the category when
// from is empty, validates, builds the MIME bytes and fixes Message-ID and Date.
struct NewMessage
{
    Category category = Category::System;
    MailContent content; // content.from may be empty -> resolved from settings
    QDateTime notBefore; // invalid = now
};

// A queue row without its (possibly large) body: what lists and tables show.
struct MessageSummary
{
    qint64 id = 0;
    MessageStatus status = MessageStatus::Queued;
    Category category = Category::System;
    QString fromEmail;
    QString fromName;
    QString to; // comma-joined To/Cc/Bcc for display
    QString subject;
    QDateTime queuedAt;
    QDateTime notBefore;
    int attempts = 0;
    QDateTime nextAttemptAt;
    QDateTime lastAttemptAt;
    QDateTime sentAt;
    QString lastError; // one-line summary, empty when none (in the language of whoever recorded it)
    std::optional<SmtpError> error; // the same failure in its typed form, when one was recorded
    qint64 sizeBytes = 0;
    bool removed = false; // changedSince(): the row was deleted (only id is meaningful)
};

// An attachment as listed (its bytes stay inside the raw message).
struct AttachmentInfo
{
    QString fileName;
    QByteArray contentType;
    qint64 size = 0;
};

// One attempt at sending a message, as the worker recorded it (newest last).
struct MessageAttempt
{
    QDateTime attemptedAt;
    MessageStatus status = MessageStatus::Queued; // what the attempt left the message as
    QString outcome;                              // the acceptance line or the error summary
    QString transcript;                           // redacted, bounded
};

// Everything about one row, for the detail pane and `queue show`.
struct MessageDetail
{
    MessageSummary summary;
    QByteArray messageId;
    QByteArray rawMessage;             // the built RFC 5322 bytes
    QList<MailAttachment> attachments; // names/types/sizes (data may be empty when listing)
    std::optional<SmtpError> lastError;
    QString acceptanceLine;
    QList<RecipientRefusal> refusedRecipients;
    QString transcript; // redacted, bounded
    // For the detail view, without parsing the MIME again.
    QString toList, ccList, bccList; // comma-joined formatted addresses
    QString textBody;
    QString htmlBody;
    QList<AttachmentInfo> attachmentInfo;
    QList<MessageAttempt> attempts; // every recorded attempt, oldest first
};

struct QueueStats
{
    qint64 queued = 0, sending = 0, sent = 0, deferred = 0, failed = 0, cancelled = 0, interrupted = 0;
    qint64 total() const { return queued + sending + sent + deferred + failed + cancelled + interrupted; }
    qint64 count(MessageStatus s) const;
    void add(MessageStatus s, qint64 n);
};

// One worker process draining the queue (a row of the workers table; many share a server database).
struct WorkerInfo
{
    QString id;   // unique per run
    QString host; // the machine's host name
    qint64 pid = 0;
    QDateTime startedAt;
    QDateTime heartbeatAt;
    QDateTime stoppedAt; // invalid while it runs
    QString state;       // idle, sending, paused, stopping, stopped
    qint64 sent = 0;
    qint64 failed = 0;
    int connections = 0;
    qint64 settingsRevision = 0; // the settings it sends with
    qint64 leaseMs = 0;          // its claims last this long without a heartbeat
    // The database's clock when this row was read (MailStore::workers() reads it in the same
    // query). On a shared database the times above are the server's, so the heartbeat's age is
    // measured against this, never against the clock of the machine that shows it.
    QDateTime readAt;
    // No heartbeat for longer than its lease: it died or lost the database; others take its rows.
    bool unresponsive(const QDateTime& now) const
    {
        return !stoppedAt.isValid() && leaseMs > 0 && heartbeatAt.msecsTo(now) > leaseMs;
    }
    // When to measure the heartbeat's age: readAt, or `fallback` (this machine's clock) for a row
    // from a store that cannot say.
    QDateTime observedAt(const QDateTime& fallback) const { return readAt.isValid() ? readAt : fallback; }
};

// Filter and order for lists (the GUI model pushes these into SQL).
struct MessageQuery
{
    QList<MessageStatus> statuses; // empty = all
    QString search;                // matches from, to, subject (case-insensitive substring)
    enum class SortColumn
    {
        Id,
        QueuedAt,
        Category,
        From,
        To,
        Subject,
        State,
        Attempts,
        NextAttempt,
        LastError
    };
    SortColumn sortColumn = SortColumn::Id;
    bool descending = true;
    int offset = 0;
    int limit = 200;
};

} // namespace outbound
