#pragma once

#include "smtp/SmtpTypes.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QVariant>
#include <optional>

// How the SQL queue stores (SqlMailStore, ItflowQueueStore) write the worker's findings into
// columns: times as UTC epoch milliseconds, typed errors and refusals as compact JSON, bounded
// transcripts. One encoding, so a row reads the same whichever store wrote it.
namespace outbound {

QVariant ms(const QDateTime& t); // NULL for an invalid time
QDateTime fromMs(const QVariant& v);
QString nonNull(const QString& s); // Qt binds a null QString as SQL NULL; text columns are NOT NULL

QString refusalsJson(const QList<RecipientRefusal>& list);
QList<RecipientRefusal> refusalsFromJson(const QString& text);
QString errorJson(const SmtpError& e);
std::optional<SmtpError> errorFromJson(const QString& text);

constexpr int kTranscriptLimit = 16 * 1024;
QString boundedTranscript(const QString& text); // the start and the end of a long transcript
// "N recipient(s) refused temporarily: ..." for a message sent to the others; empty when none.
QString temporaryRefusalSummary(const QList<RecipientRefusal>& refusals);

} // namespace outbound
