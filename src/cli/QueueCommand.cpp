#include "cli/CliContext.h"
#include "queue/QueueStore.h"
#include "settings/SettingsStore.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace outbound::cli {

namespace {

QString tr(const char* text, const char* disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("cli", text, disambiguation, n);
}

QJsonValue isoOrNull(const QDateTime& t)
{
    return t.isValid() ? QJsonValue(t.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue(QJsonValue::Null);
}

QString shortTime(const QDateTime& t)
{
    return t.isValid() ? t.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) : QStringLiteral("-");
}

// Every time the CLI prints is UTC (one machine's local time means nothing on another sharing the
// queue); where no column header says so, the value does.
QString utcTime(const QDateTime& t)
{
    return t.isValid() ? shortTime(t) + QStringLiteral(" UTC") : QString();
}

QJsonObject summaryJson(const MessageSummary& s)
{
    return QJsonObject{{QStringLiteral("id"), s.id},
                       {QStringLiteral("status"), toString(s.status)},
                       {QStringLiteral("category"), toString(s.category)},
                       {QStringLiteral("from"), s.fromEmail},
                       {QStringLiteral("from_name"), s.fromName},
                       {QStringLiteral("to"), s.to},
                       {QStringLiteral("subject"), s.subject},
                       {QStringLiteral("queued_at"), isoOrNull(s.queuedAt)},
                       {QStringLiteral("not_before"), isoOrNull(s.notBefore)},
                       {QStringLiteral("attempts"), s.attempts},
                       {QStringLiteral("next_attempt_at"), isoOrNull(s.nextAttemptAt)},
                       {QStringLiteral("last_attempt_at"), isoOrNull(s.lastAttemptAt)},
                       {QStringLiteral("sent_at"), isoOrNull(s.sentAt)},
                       {QStringLiteral("last_error"), s.lastError},
                       {QStringLiteral("size"), s.sizeBytes}};
}

// IDs from the command line; any non-number is bad usage.
std::optional<QList<qint64>> parseIds(CliContext& ctx, const QStringList& args, const QString& command)
{
    QList<qint64> ids;
    for (const QString& a : args) {
        bool ok = false;
        const qint64 id = a.toLongLong(&ok);
        if (!ok || id <= 0) {
            printError(ctx, tr("queue %1: \"%2\" is not a message id").arg(command, a));
            return std::nullopt;
        }
        ids.append(id);
    }
    if (ids.isEmpty()) {
        printError(ctx, tr("queue %1 needs one or more message ids").arg(command),
                   tr("`outbound-cli queue list` shows them"));
        return std::nullopt;
    }
    return ids;
}

int reportChanged(CliContext& ctx, const Result<int>& changed, qsizetype asked, const QString& verb,
                  const QString& allowed)
{
    if (!changed) {
        printError(ctx, changed.error().message);
        return ExitFailed;
    }
    ctx.out << tr("%1: %2 of %3").arg(verb).arg(changed.value()).arg(asked) << u'\n';
    if (changed.value() < asked) {
        printError(ctx, tr("%n message(s) were not changed: they do not exist or are not %1", nullptr,
                           static_cast<int>(asked - changed.value()))
                            .arg(allowed));
        return ExitFailed;
    }
    return ExitOk;
}

int list(CliContext& ctx, QueueStore& store)
{
    MessageQuery query;
    query.limit = 100;
    const bool json = ctx.isSet(QStringLiteral("json"));
    for (const QString& name : ctx.value(QStringLiteral("status")).split(u',', Qt::SkipEmptyParts)) {
        const auto status = messageStatusFromString(name.trimmed());
        if (!status) {
            printError(ctx, tr("unknown status \"%1\"").arg(name),
                       tr("statuses: queued, sending, sent, deferred, failed, cancelled, interrupted"));
            return ExitUsage;
        }
        query.statuses.append(*status);
    }
    if (ctx.isSet(QStringLiteral("limit"))) {
        bool ok = false;
        query.limit = ctx.value(QStringLiteral("limit")).toInt(&ok);
        if (!ok || query.limit < 0) {
            printError(ctx, tr("--limit needs a number (0 = no limit)"));
            return ExitUsage;
        }
    }
    auto rows = store.list(query);
    if (!rows) {
        printError(ctx, rows.error().message);
        return ExitFailed;
    }
    if (json) {
        QJsonArray a;
        for (const MessageSummary& s : rows.value())
            a.append(summaryJson(s));
        ctx.out << QJsonDocument(a).toJson(QJsonDocument::Indented);
        return ExitOk;
    }
    ctx.out << QStringLiteral("%1  %2  %3  %4  %5  %6\n")
                   .arg(tr("ID"), 8)
                   .arg(tr("STATUS"), -11)
                   .arg(tr("TRIES"), 5)
                   .arg(tr("QUEUED (UTC)"), -19)
                   .arg(tr("TO"), -30)
                   .arg(tr("SUBJECT / LAST ERROR"));
    for (const MessageSummary& s : rows.value()) {
        QString to = s.to;
        if (to.size() > 30)
            to = to.left(29) + u'…';
        ctx.out << QStringLiteral("%1  %2  %3  %4  %5  %6\n")
                       .arg(s.id, 8)
                       .arg(toString(s.status), -11)
                       .arg(s.attempts, 5)
                       .arg(shortTime(s.queuedAt), -19)
                       .arg(to, -30)
                       .arg(s.lastError.isEmpty() ? s.subject
                                                  : s.subject + QStringLiteral("  [") + s.lastError + u']');
    }
    return ExitOk;
}

int stats(CliContext& ctx, QueueStore& store)
{
    const bool json = ctx.isSet(QStringLiteral("json"));
    auto s = store.stats();
    if (!s) {
        printError(ctx, s.error().message);
        return ExitFailed;
    }
    const QList<MessageStatus> order = {
        MessageStatus::Queued, MessageStatus::Sending,   MessageStatus::Sent,       MessageStatus::Deferred,
        MessageStatus::Failed, MessageStatus::Cancelled, MessageStatus::Interrupted};
    if (json) {
        QJsonObject o;
        for (MessageStatus st : order)
            o.insert(toString(st), s->count(st));
        o.insert(QStringLiteral("total"), s->total());
        ctx.out << QJsonDocument(o).toJson(QJsonDocument::Indented);
        return ExitOk;
    }
    for (MessageStatus st : order)
        ctx.out << QStringLiteral("%1 %2\n").arg(toString(st), -12).arg(s->count(st));
    ctx.out << QStringLiteral("%1 %2\n").arg(QStringLiteral("total"), -12).arg(s->total());
    return ExitOk;
}

int show(CliContext& ctx, QueueStore& store, const QStringList& args)
{
    const bool json = ctx.isSet(QStringLiteral("json"));
    const auto ids = parseIds(ctx, args, QStringLiteral("show"));
    if (!ids)
        return ExitUsage;
    if (ids->size() != 1) {
        printError(ctx, tr("queue show takes one message id"));
        return ExitUsage;
    }
    auto d = store.detail(ids->first());
    if (!d) {
        printError(ctx, d.error().message);
        return ExitFailed;
    }
    const MessageDetail& m = d.value();
    if (json) {
        QJsonObject o = summaryJson(m.summary);
        o.insert(QStringLiteral("message_id"), QString::fromUtf8(m.messageId));
        o.insert(QStringLiteral("to_list"), m.toList);
        o.insert(QStringLiteral("cc_list"), m.ccList);
        o.insert(QStringLiteral("bcc_list"), m.bccList);
        QJsonArray attachments;
        for (const AttachmentInfo& a : m.attachmentInfo)
            attachments.append(QJsonObject{{QStringLiteral("name"), a.fileName},
                                           {QStringLiteral("type"), QString::fromUtf8(a.contentType)},
                                           {QStringLiteral("size"), a.size}});
        o.insert(QStringLiteral("attachments"), attachments);
        if (m.lastError) {
            o.insert(QStringLiteral("error"),
                     QJsonObject{{QStringLiteral("phase"), toString(m.lastError->phase)},
                                 {QStringLiteral("kind"), toString(m.lastError->kind)},
                                 {QStringLiteral("code"), m.lastError->code},
                                 {QStringLiteral("enhanced_code"), m.lastError->enhancedCode},
                                 {QStringLiteral("text"), m.lastError->serverText},
                                 {QStringLiteral("transient"), m.lastError->transient},
                                 {QStringLiteral("summary"), m.lastError->summary()}});
        } else {
            o.insert(QStringLiteral("error"), QJsonValue::Null);
        }
        o.insert(QStringLiteral("acceptance"), m.acceptanceLine);
        QJsonArray refused;
        for (const RecipientRefusal& r : m.refusedRecipients)
            refused.append(QJsonObject{{QStringLiteral("address"), QString::fromUtf8(r.address)},
                                       {QStringLiteral("code"), r.code},
                                       {QStringLiteral("enhanced_code"), r.enhancedCode},
                                       {QStringLiteral("text"), r.text}});
        o.insert(QStringLiteral("refused_recipients"), refused);
        o.insert(QStringLiteral("transcript"), m.transcript);
        ctx.out << QJsonDocument(o).toJson(QJsonDocument::Indented);
        return ExitOk;
    }
    const MessageSummary& s = m.summary;
    auto line = [&](const QString& label, const QString& value) {
        if (!value.isEmpty())
            ctx.out << QStringLiteral("%1 %2\n").arg(label + u':', -16).arg(value);
    };
    line(tr("ID"), QString::number(s.id));
    line(tr("Status"), toString(s.status));
    line(tr("Category"), toString(s.category));
    line(tr("From"),
         s.fromName.isEmpty() ? s.fromEmail : s.fromName + QStringLiteral(" <") + s.fromEmail + u'>');
    line(tr("To"), m.toList);
    line(tr("Cc"), m.ccList);
    line(tr("Bcc"), m.bccList);
    line(tr("Subject"), s.subject);
    line(tr("Message-ID"), QString::fromUtf8(m.messageId));
    line(tr("Size"), QString::number(s.sizeBytes));
    line(tr("Queued"), utcTime(s.queuedAt));
    line(tr("Not before"), utcTime(s.notBefore));
    line(tr("Attempts"), QString::number(s.attempts));
    if (s.lastAttemptAt.isValid())
        line(tr("Last attempt"), utcTime(s.lastAttemptAt));
    if (s.nextAttemptAt.isValid())
        line(tr("Next attempt"), utcTime(s.nextAttemptAt));
    if (s.sentAt.isValid())
        line(tr("Sent"), utcTime(s.sentAt));
    for (const AttachmentInfo& a : m.attachmentInfo)
        line(tr("Attachment"), QStringLiteral("%1 (%2, %3 bytes)")
                                   .arg(a.fileName, QString::fromUtf8(a.contentType))
                                   .arg(a.size));
    line(tr("Accepted"), m.acceptanceLine);
    for (const RecipientRefusal& r : m.refusedRecipients)
        line(tr("Refused"), QStringLiteral("%1: %2 %3 %4")
                                .arg(QString::fromUtf8(r.address))
                                .arg(r.code)
                                .arg(r.enhancedCode, r.text));
    if (m.lastError)
        line(tr("Last error"),
             m.lastError->summary() + (m.lastError->outcomeUnknown ? tr(" (never retried automatically)")
                                       : m.lastError->transient    ? tr(" (transient)")
                                                                   : tr(" (permanent)")));
    else
        line(tr("Last error"), s.lastError);
    if (!m.transcript.isEmpty())
        ctx.out << u'\n' << tr("Transcript of the last attempt:") << u'\n' << m.transcript << u'\n';
    return ExitOk;
}

} // namespace

int runQueue(CliContext& ctx)
{
    const QStringList args = ctx.args;
    const QString sub = ctx.subcommand;
    auto settings = SettingsStore::load();
    if (!settings) {
        printError(ctx, settings.error().message);
        return ExitConfig;
    }
    const std::unique_ptr<QueueStore> opened = openQueueStore(settings.value());
    QueueStore& store = *opened;

    if (sub == u"list")
        return list(ctx, store);
    if (sub == u"stats")
        return stats(ctx, store);
    if (sub == u"show")
        return show(ctx, store, args);
    if (sub == u"retry") {
        if (ctx.isSet(QStringLiteral("all-failed"))) {
            if (!args.isEmpty()) {
                printError(ctx, tr("queue retry takes IDs or --all-failed, not both"));
                return ExitUsage;
            }
            auto changed = store.retryAllFailed();
            if (!changed) {
                printError(ctx, changed.error().message);
                return ExitFailed;
            }
            ctx.out << tr("queued again: %1").arg(changed.value()) << u'\n';
            return ExitOk;
        }
        const auto ids = parseIds(ctx, args, sub);
        if (!ids)
            return ExitUsage;
        return reportChanged(ctx, store.retry(*ids), ids->size(), tr("queued again"),
                             tr("queued, deferred, failed, cancelled or interrupted"));
    }
    if (sub == u"cancel") {
        const auto ids = parseIds(ctx, args, sub);
        if (!ids)
            return ExitUsage;
        return reportChanged(ctx, store.cancel(*ids), ids->size(), tr("cancelled"),
                             tr("queued, deferred, failed or interrupted"));
    }
    if (sub == u"delete") {
        const auto ids = parseIds(ctx, args, sub);
        if (!ids)
            return ExitUsage;
        return reportChanged(ctx, store.remove(*ids), ids->size(), tr("deleted"),
                             tr("in any state but sending"));
    }
    if (sub == u"mark-sent") {
        const auto ids = parseIds(ctx, args, sub);
        if (!ids)
            return ExitUsage;
        return reportChanged(ctx, store.markSent(*ids), ids->size(), tr("marked sent"), tr("interrupted"));
    }
    if (sub == u"purge") {
        int days = settings->queue.keepSentDays;
        if (ctx.isSet(QStringLiteral("days"))) {
            bool ok = false;
            days = ctx.value(QStringLiteral("days")).toInt(&ok);
            if (!ok || days < 0) {
                printError(ctx, tr("--days needs a number of days"));
                return ExitUsage;
            }
        }
        auto changed = store.purgeSent(days);
        if (!changed) {
            printError(ctx, changed.error().message);
            return ExitFailed;
        }
        ctx.out << tr("purged %1 sent messages older than %2 days").arg(changed.value()).arg(days) << u'\n';
        return ExitOk;
    }
    printError(ctx, tr("unknown queue subcommand \"%1\"").arg(sub),
               tr("use list, stats, show, retry, cancel, delete, mark-sent or purge"));
    return ExitUsage;
}

} // namespace outbound::cli
