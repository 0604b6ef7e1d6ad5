#pragma once

#include "common/Result.h"
#include "mime/MailAddress.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

namespace outbound {

struct MailAttachment
{
    QString fileName;       // shown to the recipient (RFC 2231 encoded when needed)
    QByteArray contentType; // e.g. "application/pdf"; guessed from the name when empty
    QByteArray data;
};

struct MailContent
{
    MailAddress from;
    QList<MailAddress> to;
    QList<MailAddress> cc;
    QList<MailAddress> bcc; // envelope only, never a header
    MailAddress replyTo;    // optional (empty email = none)
    QString subject;
    QString text; // plain text body; generated from html when empty
    QString html; // optional HTML body
    QList<MailAttachment> attachments;
    QByteArray icalendar;    // optional text/calendar part
    QString icalendarMethod; // e.g. "REQUEST"
    QByteArray messageId;    // "<...@...>"; generated when empty
    QDateTime date;          // generated (now) when invalid
};

// The message ready for the transport.
struct BuiltMessage
{
    QByteArray data; // CRLF line ends, every line <= 998 bytes, not dot-stuffed
    QByteArray messageId;
    QByteArray envelopeFrom;
    QList<QByteArray> envelopeRecipients; // to + cc + bcc, de-duplicated
    bool needs8BitMime = false;
    bool needsSmtpUtf8 = false;
};

// Builds RFC 5322 / MIME messages: multipart/mixed + alternative, RFC 2047 encoded words
// (<= 75 chars, folded), RFC 2231 file names, transfer encoding chosen from the content.
// Refuses CR/LF in any header value or address with a clear error.
Result<BuiltMessage> buildMessage(const MailContent& content);

// Helpers exposed for tests and for the queue.
QByteArray generateMessageId(const QString& senderDomain);
QString htmlToPlainText(const QString& html);

} // namespace outbound
