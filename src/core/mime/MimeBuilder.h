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
//
// Structure (a multipart level is left out when it would hold a single part):
//   multipart/mixed                  when there are attachments
//     multipart/alternative          when there is HTML or an iCalendar part
//       text/plain; charset=UTF-8    always (from htmlToPlainText() when the text is empty)
//       text/html; charset=UTF-8     when HTML is given
//       text/calendar; charset=UTF-8; method=...   an invitation, last (the richest form)
//     attachments                    base64, or 7bit for plain CRLF ASCII text files
// Headers: Date, From, Reply-To, To (or "undisclosed-recipients:;" when there are only Bcc),
// Cc, Subject, Message-ID, MIME-Version. Bcc is never written. Bodies are 7bit,
// quoted-printable or base64 — never 8bit, so needs8BitMime is always false; needsSmtpUtf8 is
// set only when an address has a non-ASCII local part (that address is then raw UTF-8).
// The data is not dot-stuffed: that is the transport's job.
Result<BuiltMessage> buildMessage(const MailContent& content);

// Helpers exposed for tests and for the queue.
// "<time.random@domain>": unique per call (system random + time); the domain as punycode,
// "outbound.invalid" when it is empty or not a host name.
QByteArray generateMessageId(const QString& senderDomain);
// Readable text from HTML (no QtGui): script/style/head dropped, blocks and <br> as line breaks,
// list items as "- " or "1. ", links as "text (url)", entities decoded, whitespace collapsed.
QString htmlToPlainText(const QString& html);

} // namespace outbound
