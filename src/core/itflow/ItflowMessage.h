#pragma once

#include "common/Result.h"
#include "mime/MimeBuilder.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace outbound::itflow {

// One row of ITFlow's `email_queue`, as its columns hold it. ITFlow writes one recipient per
// row; `calendar` and `attachmentsJson` are NULL in the rows of its raw insert and '' in those of
// its queue helper, and both mean "none".
struct QueueRow
{
    qint64 emailId = 0;
    QString recipient;
    QString recipientName;
    QString from;
    QString fromName;
    QString subject;
    QString htmlContent;     // email_content: ITFlow always sends it as HTML
    QByteArray calendar;     // email_cal_str: an iCalendar object, attached as a .ics file
    QString attachmentsJson; // email_attachments: [{"path": "uploads/…", "name": "…"}, …]
};

struct MessageOptions
{
    // The ITFlow installation's folder (the one holding `uploads/`). Attachment paths are relative
    // to it and must resolve, symlinks followed, to a regular file inside its `uploads/` folder.
    QString itflowRoot;
    // Kept by Outbound per row so a retry carries the same Message-ID; generated when empty.
    QByteArray messageId;
    QDateTime date; // the Date header; now when invalid
    // Larger messages are refused before any file is read in full (queue.max_message_bytes).
    qint64 maxMessageBytes = 0; // 0 = no limit
};

// Builds the message ITFlow's own worker would send for `row`: the HTML body with a plain-text
// alternative generated from it, the calendar as a `text/calendar` attachment named like
// ITFlow's, and every attachment of the manifest under its given name. A manifest entry that is
// missing, outside `uploads/`, unreadable or not a regular file is an error naming it (code
// "attachment"): an invoice is never sent without its PDF. A malformed manifest is an error too
// (code "attachment"); bad addresses are errors with the builder's codes.
Result<BuiltMessage> buildQueueMessage(const QueueRow& row, const MessageOptions& options);

} // namespace outbound::itflow
