#pragma once

#include "common/Result.h"
#include "queue/QueueTypes.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QDateTime>
#include <QList>
#include <QString>

namespace outbound {

// An attachment named by a JSONL line; the caller reads the file (with its size limit).
struct JsonlAttachment
{
    QString path;           // as written on the line (relative paths are the caller's business)
    QString name;           // shown to the recipient; empty = the file's own name
    QByteArray contentType; // empty = guessed from the name
};

// One JSONL line, parsed and checked, before any file is read.
struct JsonlLine
{
    NewMessage message; // content.attachments empty; see attachments
    QList<JsonlAttachment> attachments;
    QString key; // optional idempotency key ("key"); empty when the line has none
};

// The keys a line may hold. Anything else is an error, so a misspelt "attachment" cannot queue an
// invoice without its PDF.
QStringList jsonlKeys();

// Parses one line (without its line break) of `enqueue --jsonl`. Pure: reads no file and no
// setting, so it can be fuzzed. Unknown keys, wrong types, bad addresses, dates and categories
// are errors whose message names the key; the caller adds the line number.
Result<JsonlLine> parseJsonlLine(QByteArrayView line);

// An ISO 8601 date and time ("2026-05-01T08:00:00Z"), as UTC; also used by `enqueue --not-before`.
Result<QDateTime> parseIsoDateTime(const QString& text);

} // namespace outbound
