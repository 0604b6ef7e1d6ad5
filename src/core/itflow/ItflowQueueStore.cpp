#include "itflow/ItflowQueueStore.h"

#include "common/Clock.h"
#include "common/Database.h"
#include "itflow/ItflowDatabase.h"
#include "itflow/ItflowMessage.h"
#include "queue/StoreCodec.h"
#include "queue/WorkerRegistry.h"
#include "settings/SettingsStore.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlField>
#include <QSqlQuery>
#include <QThreadPool>
#include <QUuid>
#include <algorithm>
#include <chrono>
#include <functional>
#include <limits>

namespace outbound {

namespace {

// ITFlow's own retry pass takes failed rows with fewer attempts than this, 30 minutes after
// email_failed_at. Rows Outbound leaves failed or interrupted carry at least this many attempts so
// that pass never re-sends them; cancelled rows carry ITFlow's own 99.
constexpr int kItflowRetryLimit = 4;
constexpr int kItflowCancelled = 99;
constexpr int kItflowRetryMinutes = 30;

QString side()
{
    return Database::table(QStringLiteral("email"));
}

// Leases, their renewal, recovery's "lease ran out" and the hand-over mark's fence run on the
// database server's clock, as in the shared store: every worker machine has its own clock, and one
// minutes fast would take over rows whose holder is alive, one minutes slow would write leases that
// have run out already. An ITFlow database is always a server (MariaDB), so the term is SQL.
QString serverNow()
{
    return Database::serverNowMsSql();
}

// A value as an SQL literal of the open connection (its driver escapes), for statements sent as
// text: one round trip, where a statement whose text changes with every call would take two
// (prepare, execute) and a server-side statement each time.
QString literal(const QSqlDatabase& db, const QVariant& value)
{
    QSqlField field(QString(), value.metaType());
    field.setValue(value);
    return db.driver()->formatValue(field);
}

// Rows built ahead of time by ItflowQueueStore::startBuilding(): no attachment files (their bytes
// are read when the message is handed over) and at most 256 KB of content.
QString prebuildCondition()
{
    return QStringLiteral("(COALESCE(e.email_attachments, '') IN ('', '[]') AND LENGTH(e.email_content) + "
                          "COALESCE(LENGTH(e.email_cal_str), 0) <= 262144)");
}

// ITFlow's row plus Outbound's side row (a LEFT JOIN: rows Outbound never touched have none).
QString fromClause()
{
    return QStringLiteral(" FROM email_queue e LEFT JOIN %1 s ON s.email_id = e.email_id ").arg(side());
}

// The side row speaks for the row only while ITFlow's status and attempts are what Outbound wrote.
const QString kTrusted = QStringLiteral("(s.email_id IS NOT NULL AND s.written_status = e.email_status AND "
                                        "s.written_attempts = e.email_attempts)");

// The row's status in Outbound's terms (see the class comment and docs/itflow.md).
QString stateSql()
{
    return QStringLiteral(
               "(CASE WHEN %1 THEN s.state WHEN e.email_status = 0 THEN 'queued' "
               "WHEN e.email_status = 1 THEN 'sending' WHEN e.email_status = 3 THEN 'sent' "
               "WHEN e.email_attempts >= %2 THEN 'cancelled' WHEN e.email_attempts >= %3 THEN 'failed' "
               "ELSE 'deferred' END)")
        .arg(kTrusted)
        .arg(kItflowCancelled)
        .arg(kItflowRetryLimit);
}

const QString kSummaryColumns =
    QStringLiteral("e.email_id, %1, e.email_from, e.email_from_name, e.email_recipient, "
                   "e.email_recipient_name, e.email_subject, "
                   "e.email_queued_at, e.email_attempts, %2, s.attempts, s.next_attempt_at, "
                   "s.last_attempt_at, e.email_sent_at, "
                   "e.email_failed_at, s.last_error, s.error_json, LENGTH(e.email_content)");

QString summaryColumns()
{
    return kSummaryColumns.arg(stateSql(), kTrusted);
}

int itflowAttempts(int attempts)
{
    return attempts >= kItflowCancelled ? 0 : attempts;
}

QString formatted(const QString& email, const QString& name)
{
    return name.isEmpty() ? email : QStringLiteral("%1 <%2>").arg(name, email);
}

QString idList(const QList<qint64>& ids)
{
    QStringList parts;
    parts.reserve(ids.size());
    for (qint64 id : ids)
        parts.append(QString::number(id));
    return parts.join(u',');
}

QString sortSql(MessageQuery::SortColumn column)
{
    switch (column) {
    case MessageQuery::SortColumn::Id:
        return QStringLiteral("e.email_id");
    case MessageQuery::SortColumn::QueuedAt:
        return QStringLiteral("e.email_queued_at");
    case MessageQuery::SortColumn::Category:
    case MessageQuery::SortColumn::From:
        return QStringLiteral("e.email_from");
    case MessageQuery::SortColumn::To:
        return QStringLiteral("e.email_recipient");
    case MessageQuery::SortColumn::Subject:
        return QStringLiteral("e.email_subject");
    case MessageQuery::SortColumn::State:
        return stateSql();
    case MessageQuery::SortColumn::Attempts:
        return QStringLiteral("e.email_attempts");
    case MessageQuery::SortColumn::NextAttempt:
        return QStringLiteral("s.next_attempt_at");
    case MessageQuery::SortColumn::LastError:
        return QStringLiteral("s.last_error");
    }
    return QStringLiteral("e.email_id");
}

// The statements that run for every batch or message are prepared on their first use and kept for
// the connection. `sql` builds the text only then; one that fails to prepare is not kept.
template <typename MakeSql>
std::optional<QSqlError> prepareOnce(std::unique_ptr<QSqlQuery>& slot, const QSqlDatabase& db, MakeSql&& sql,
                                     bool forwardOnly = false)
{
    if (slot)
        return std::nullopt;
    slot = std::make_unique<QSqlQuery>(db);
    slot->setForwardOnly(forwardOnly);
    if (slot->prepare(sql()))
        return std::nullopt;
    QSqlError error = slot->lastError();
    slot.reset();
    return error;
}

} // namespace

ItflowQueueStore::ItflowQueueStore(MailSettings settings, const Clock* clock)
    : m_settings(std::move(settings)), m_clock(clock ? *clock : Clock::system()), m_db(Database::connection())
{
    if (auto s = ensureSchema(); !s)
        m_schemaFailure = s.error();
    m_zone = itflow::timeZone(m_db);
    auto root = SettingsStore::rawValue(QLatin1String(kRootKey));
    m_root = root ? root.value() : QString();
    auto keepValue = SettingsStore::rawValue(QLatin1String(kKeepContentKey));
    const QString keep = keepValue ? keepValue.value() : QString();
    m_keepContent = keep == u"true" || keep == u"1" || keep == u"yes";
}

ItflowQueueStore::~ItflowQueueStore() = default;

ItflowQueueStore::Prebuilds::~Prebuilds()
{
    if (builder)
        builder->waitForDone();
}

void ItflowQueueStore::shareWorkWith(WorkerStore& sibling)
{
    if (auto* other = dynamic_cast<ItflowQueueStore*>(&sibling)) {
        other->m_prebuilds = m_prebuilds;
        other->m_look = m_look;
    }
}

Status ItflowQueueStore::ensureSchema()
{
    const QString state = Database::table(QStringLiteral("queue_state"));
    SchemaSteps steps;
    steps.server = {{
        QStringLiteral("CREATE TABLE %1 (id INTEGER PRIMARY KEY CHECK (id = 1), revision {BIGINT} NOT NULL)")
            .arg(state),
        QStringLiteral("INSERT INTO %1(id, revision) VALUES (1, 0)").arg(state),
        // written_status/written_attempts: ITFlow's two columns as Outbound last wrote them.
        // claimed_*: the row as it was before this worker's claim (handed back on a pause).
        QStringLiteral("CREATE TABLE %1 (email_id {BIGINT} PRIMARY KEY, state {KEY} NOT NULL, "
                       "written_status INTEGER NOT NULL, written_attempts INTEGER NOT NULL, "
                       "attempts INTEGER NOT NULL DEFAULT 0, retry_base INTEGER NOT NULL DEFAULT 0, "
                       "next_attempt_at {BIGINT}, last_attempt_at {BIGINT}, sent_at {BIGINT}, "
                       "last_error {TEXT} NOT NULL, error_json {TEXT} NOT NULL, acceptance {TEXT} NOT NULL, "
                       "refused {TEXT} NOT NULL, transcript {TEXT} NOT NULL, delivered {TEXT} NOT NULL, "
                       "message_id {KEY}, claimed_by {KEY}, claimed_status INTEGER, claimed_state {KEY}, "
                       "lease_until {BIGINT}, handed_over INTEGER NOT NULL DEFAULT 0, "
                       "revision {BIGINT} NOT NULL DEFAULT 0)")
            .arg(side()),
        QStringLiteral("CREATE INDEX %1_claimed ON %1 (claimed_by)").arg(side()),
        QStringLiteral("CREATE INDEX %1_revision ON %1 (revision)").arg(side()),
    }};
    steps.server.first() += workerregistry::tableDdl();
    steps.sqlite = QList<QStringList>(steps.server.size());
    return Database::migrate(QStringLiteral("itflow_queue"), steps);
}

void ItflowQueueStore::ensureOpen()
{
    if (!m_db.isOpen()) {
        m_markQueries.clear();
        m_claimQuery.reset();
        m_outcomeQueries[0].reset();
        m_outcomeQueries[1].reset();
        m_db = Database::connection();
    }
}

namespace {
MessageSummary readSummary(const QSqlQuery& q, const QTimeZone& zone, const MailSettings& settings)
{
    MessageSummary s;
    s.id = q.value(0).toLongLong();
    s.status = messageStatusFromString(q.value(1).toString()).value_or(MessageStatus::Queued);
    s.fromEmail = q.value(2).toString();
    s.fromName = q.value(3).toString();
    s.to = q.value(4).toString();
    s.subject = q.value(6).toString();
    s.queuedAt = itflow::fromItflowTime(q.value(7), zone);
    s.notBefore = s.queuedAt;
    const bool trusted = q.value(9).toInt() == 1;
    const QDateTime failedAt = itflow::fromItflowTime(q.value(14), zone);
    s.attempts = trusted ? q.value(10).toInt() : itflowAttempts(q.value(8).toInt());
    if (trusted)
        s.nextAttemptAt = fromMs(q.value(11));
    else if (s.status == MessageStatus::Deferred && failedAt.isValid())
        s.nextAttemptAt = failedAt.addSecs(kItflowRetryMinutes * 60);
    s.lastAttemptAt = trusted ? fromMs(q.value(12)) : failedAt;
    s.sentAt = itflow::fromItflowTime(q.value(13), zone);
    s.lastError = q.value(15).toString();
    s.error = errorFromJson(q.value(16).toString());
    s.sizeBytes = q.value(17).toLongLong();
    // ITFlow keeps no category; its per-category senders tell it.
    for (Category c : {Category::Invoice, Category::Quote, Category::Ticket}) {
        const Sender sender = settings.senderFor(c);
        if (!sender.isEmpty() && sender != settings.defaultSender &&
            sender.email.compare(s.fromEmail, Qt::CaseInsensitive) == 0)
            s.category = c;
    }
    return s;
}
} // namespace

// Rows the worker may take now: waiting in ITFlow's sense (status 0 and its send-later time
// reached) unless Outbound holds it for a later attempt, and ITFlow's own failures below its retry
// limit once its 30 minutes passed (what ITFlow's retry pass would have sent), also when one was
// claimed and handed back untried (its side row then says `deferred`).
QString ItflowQueueStore::dueCondition(QVariantList& binds) const
{
    const QDateTime now = m_clock.now();
    binds << itflow::toItflowTime(now, m_zone) << now.toMSecsSinceEpoch()
          << itflow::toItflowTime(now.addSecs(-kItflowRetryMinutes * 60), m_zone);
    return QStringLiteral(
               "((e.email_status = 0 AND e.email_queued_at <= ? AND NOT (%1 AND s.next_attempt_at IS NOT "
               "NULL AND s.next_attempt_at > ?)) OR (e.email_status = 2 AND (NOT %1 OR s.state = 'deferred') "
               "AND "
               "e.email_attempts < %2 AND e.email_failed_at <= ?))")
        .arg(kTrusted)
        .arg(kItflowRetryLimit);
}

qint64 ItflowQueueStore::fullLookMs() const
{
    // Tests shorten it to see a resend on ITFlow's page found (OUTBOUND_TEST_ITFLOW_FULL_LOOK_MS).
    static const int test = qEnvironmentVariableIntValue("OUTBOUND_TEST_ITFLOW_FULL_LOOK_MS");
    return test > 0 ? test : kFullLookMs;
}

namespace {

// The minute between walks runs on a clock that a change of the system time does not move.
qint64 steadyMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

} // namespace

bool ItflowQueueStore::walkDue(const Look& look) const
{
    return look.cursor == 0 || look.fullLookAtMs == 0 || steadyMs() - look.fullLookAtMs >= fullLookMs();
}

void ItflowQueueStore::lookEverywhereNext()
{
    std::lock_guard lock(m_look->mutex);
    m_look->fullLookAtMs = 0;
}

// nowMs (the store's clock, as the rows' retry times) says which retries are due.
qint64 ItflowQueueStore::lookStart(const Look& look, qint64 changedFrom, qint64 nowMs) const
{
    return walkDue(look) ? 0 : startShortOfWalk(look, changedFrom, nowMs);
}

// The cursor, lowered to rows another process changed (changedFrom, 0: none) and to this
// worker's own rows whose retry time came.
qint64 ItflowQueueStore::startShortOfWalk(const Look& look, qint64 changedFrom, qint64 nowMs)
{
    qint64 from = look.cursor;
    if (changedFrom > 0)
        from = std::min(from, changedFrom);
    for (auto it = look.retries.begin(); it != look.retries.end() && it->first <= nowMs; ++it)
        from = std::min(from, it->second);
    return from;
}

// The lowest row whose side row was written after `revision` (a retry asked in a window, rows
// another worker handed back or recovered): 0 if none. The side table's revision index answers it.
Result<qint64> ItflowQueueStore::lowestChangedSince(qint64 revision, const QString& what)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT COALESCE(MIN(email_id), 0) FROM %1 WHERE revision > ?").arg(side()));
    q.addBindValue(revision);
    if (!q.exec() || !q.next())
        return Database::sqlFailure(what, q.lastError());
    return q.value(0).toLongLong();
}

// Where a look starts when the queue's revision is `revision`: lower than the cursor at rows
// another process wrote since the last look (unless the whole table is walked anyway).
Result<qint64> ItflowQueueStore::lookStartAfter(qint64 revision, qint64 nowMs, const QString& what)
{
    bool walk = false;
    qint64 seen = 0;
    {
        std::lock_guard lock(m_look->mutex);
        walk = walkDue(*m_look);
        seen = m_look->seenRevision;
    }
    qint64 changedFrom = 0;
    if (!walk && seen != revision) {
        auto changed = lowestChangedSince(seen, what);
        if (!changed)
            return changed.error();
        changedFrom = changed.value();
    }
    std::lock_guard lock(m_look->mutex);
    return lookStart(*m_look, changedFrom, nowMs);
}

void ItflowQueueStore::lookedFrom(Look& look, qint64 from, qint64 revision, qint64 nowMs, qint64 coveredUpTo,
                                  qint64 nextCursor) const
{
    // The look went from `from` (at or below every retry whose time had come) up to coveredUpTo:
    // those retries below it are settled, taken by this claim or no longer due.
    for (auto it = look.retries.begin(); it != look.retries.end() && it->first <= nowMs;)
        it = it->second < coveredUpTo ? look.retries.erase(it) : std::next(it);
    if (from == 0)
        look.fullLookAtMs = steadyMs();
    look.seenRevision = revision;
    look.cursor = nextCursor;
}

Result<qint64> ItflowQueueStore::queueRevision(const QString& what)
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT revision FROM %1 WHERE id = 1")
                    .arg(Database::table(QStringLiteral("queue_state")))) ||
        !q.next())
        return Database::sqlFailure(what, q.lastError());
    return q.value(0).toLongLong();
}

// The lowest due row from `from` on (a walk in key order that stops at the first), 0 if none.
Result<qint64> ItflowQueueStore::firstDueFrom(qint64 from, const QString& what)
{
    QVariantList binds;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT e.email_id") + fromClause() + QStringLiteral("WHERE ") +
              dueCondition(binds) + QStringLiteral(" AND e.email_id >= ? ORDER BY e.email_id LIMIT 1"));
    for (const QVariant& v : std::as_const(binds))
        q.addBindValue(v);
    q.addBindValue(from);
    if (!q.exec())
        return Database::sqlFailure(what, q.lastError());
    return q.next() ? q.value(0).toLongLong() : qint64(0);
}

Result<qint64> ItflowQueueStore::cursorNearNewest(const QString& what)
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT COALESCE(MAX(email_id), 0) FROM email_queue")) || !q.next())
        return Database::sqlFailure(what, q.lastError());
    return std::max<qint64>(1, q.value(0).toLongLong() - kCursorMargin);
}

Result<qint64> ItflowQueueStore::enqueue(const NewMessage&)
{
    return prepare(NewMessage{}).error();
}

Result<QList<qint64>> ItflowQueueStore::enqueueBatch(const QList<NewMessage>&)
{
    return prepare(NewMessage{}).error();
}

Result<PreparedMessage> ItflowQueueStore::prepare(const NewMessage&) const
{
    return Failure{QCoreApplication::translate(
                       "MailStore",
                       "ITFlow's queue is filled by ITFlow itself; Outbound sends what ITFlow queues and "
                       "does not add messages to it."),
                   QStringLiteral("usage")};
}

Result<QList<qint64>> ItflowQueueStore::insertPrepared(const QList<PreparedMessage>&)
{
    return prepare(NewMessage{}).error();
}

Result<QList<MessageSummary>> ItflowQueueStore::list(const MessageQuery& query)
{
    ensureOpen();
    QVariantList binds;
    QStringList where;
    if (!query.statuses.isEmpty()) {
        QStringList names;
        for (MessageStatus st : query.statuses)
            names.append(QLatin1Char('\'') + toString(st) + QLatin1Char('\''));
        where.append(stateSql() + QStringLiteral(" IN (%1)").arg(names.join(u',')));
    }
    if (!query.search.isEmpty()) {
        QString pattern = query.search;
        pattern.replace(u'\\', QStringLiteral("\\\\"))
            .replace(u'%', QStringLiteral("\\%"))
            .replace(u'_', QStringLiteral("\\_"));
        pattern = u'%' + pattern + u'%';
        where.append(
            QStringLiteral("(e.email_from LIKE ? ESCAPE '\\' OR e.email_recipient LIKE ? ESCAPE '\\' OR "
                           "e.email_subject LIKE ? ESCAPE '\\')"));
        binds << pattern << pattern << pattern;
    }
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(
        QStringLiteral("SELECT ") + summaryColumns() + fromClause() +
        (where.isEmpty() ? QString() : QStringLiteral("WHERE ") + where.join(QStringLiteral(" AND "))) +
        QStringLiteral(" ORDER BY %1 %2, e.email_id %2 LIMIT %3 OFFSET %4")
            .arg(sortSql(query.sortColumn), query.descending ? QStringLiteral("DESC") : QStringLiteral("ASC"))
            .arg(std::max(0, query.limit))
            .arg(std::max(0, query.offset)));
    for (const QVariant& v : std::as_const(binds))
        q.addBindValue(v);
    if (!q.exec())
        return Database::sqlFailure(QCoreApplication::translate("MailStore", "list messages"), q.lastError());
    QList<MessageSummary> rows;
    while (q.next())
        rows.append(readSummary(q, m_zone, m_settings));
    return rows;
}

Result<qint64> ItflowQueueStore::count(const MessageQuery& query)
{
    MessageQuery all = query;
    all.offset = 0;
    all.limit = 0;
    ensureOpen();
    QStringList names;
    for (MessageStatus st : query.statuses)
        names.append(QLatin1Char('\'') + toString(st) + QLatin1Char('\''));
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT count(*)") + fromClause() +
              (names.isEmpty() ? QString()
                               : QStringLiteral("WHERE ") + stateSql() +
                                     QStringLiteral(" IN (%1)").arg(names.join(u','))));
    if (!q.exec() || !q.next())
        return Database::sqlFailure(QCoreApplication::translate("MailStore", "count messages"),
                                    q.lastError());
    return q.value(0).toLongLong();
}

Result<MessageDetail> ItflowQueueStore::detail(qint64 id)
{
    ensureOpen();
    QSqlQuery q(m_db);
    q.prepare(
        QStringLiteral("SELECT ") + summaryColumns() +
        QStringLiteral(", e.email_content, e.email_cal_str, e.email_attachments, s.message_id, s.acceptance, "
                       "s.refused, s.transcript") +
        fromClause() + QStringLiteral("WHERE e.email_id = ?"));
    q.addBindValue(id);
    if (!q.exec())
        return Database::sqlFailure(QCoreApplication::translate("MailStore", "read message"), q.lastError());
    if (!q.next())
        return Failure{QCoreApplication::translate("MailStore", "No message %1 in ITFlow's queue.").arg(id),
                       QStringLiteral("not-found")};
    MessageDetail d;
    d.summary = readSummary(q, m_zone, m_settings);
    d.htmlBody = q.value(18).toString();
    d.toList = formatted(q.value(4).toString(), q.value(5).toString());
    d.messageId = q.value(21).toString().toUtf8();
    d.acceptanceLine = q.value(22).toString();
    d.refusedRecipients = refusalsFromJson(q.value(23).toString());
    d.transcript = q.value(24).toString();
    d.lastError = d.summary.error;
    const QJsonArray manifest = QJsonDocument::fromJson(q.value(20).toString().toUtf8()).array();
    for (const QJsonValue& v : manifest)
        d.attachmentInfo.append({v.toObject().value(QStringLiteral("name")).toString(), QByteArray(), 0});
    if (!q.value(19).toString().isEmpty())
        d.attachmentInfo.append({QStringLiteral("Scheduled_ticket.ics"), QByteArrayLiteral("text/calendar"),
                                 q.value(19).toString().size()});
    itflow::QueueRow row;
    row.emailId = id;
    row.from = d.summary.fromEmail;
    row.fromName = d.summary.fromName;
    row.recipient = q.value(4).toString();
    row.recipientName = q.value(5).toString();
    row.subject = d.summary.subject;
    row.htmlContent = d.htmlBody;
    row.calendar = q.value(19).toString().toUtf8();
    row.attachmentsJson = q.value(20).toString();
    // The message as it would leave now; a row that cannot be built shows why in its error.
    if (auto built = itflow::buildQueueMessage(row, {m_root, d.messageId, d.summary.queuedAt, 0}))
        d.rawMessage = built->data;
    return d;
}

Result<QueueStats> ItflowQueueStore::stats()
{
    ensureOpen();
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT st, count(*) FROM (SELECT %1 AS st").arg(stateSql()) + fromClause() +
                QStringLiteral(") AS t GROUP BY st")))
        return Database::sqlFailure(QCoreApplication::translate("MailStore", "count messages"),
                                    q.lastError());
    QueueStats stats;
    while (q.next()) {
        stats.add(messageStatusFromString(q.value(0).toString()).value_or(MessageStatus::Queued),
                  q.value(1).toLongLong());
    }
    return stats;
}

// Rows whose side row changed since `revision`, and rows ITFlow added since the last call. Changes
// ITFlow's own pages make to older rows show up on the next full reload.
Result<QList<MessageSummary>> ItflowQueueStore::changedSince(qint64 revision, qint64* newRevision)
{
    ensureOpen();
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT revision FROM %1 WHERE id = 1")
                    .arg(Database::table(QStringLiteral("queue_state")))) ||
        !q.next())
        return Database::sqlFailure(QCoreApplication::translate("MailStore", "read changes"), q.lastError());
    if (newRevision)
        *newRevision = q.value(0).toLongLong();
    if (m_highestSeenId < 0) {
        if (q.exec(QStringLiteral("SELECT COALESCE(max(email_id), 0) FROM email_queue")) && q.next())
            m_highestSeenId = q.value(0).toLongLong();
    }
    q.prepare(QStringLiteral("SELECT ") + summaryColumns() + fromClause() +
              QStringLiteral("WHERE s.revision > ? OR e.email_id > ? ORDER BY e.email_id"));
    q.addBindValue(revision);
    q.addBindValue(m_highestSeenId);
    if (!q.exec())
        return Database::sqlFailure(QCoreApplication::translate("MailStore", "read changes"), q.lastError());
    QList<MessageSummary> rows;
    while (q.next()) {
        rows.append(readSummary(q, m_zone, m_settings));
        m_highestSeenId = std::max(m_highestSeenId, rows.last().id);
    }
    return rows;
}

// Manual actions on rows in one of `allowedStates`: to `to`, or deleted (nullopt).
Result<int> ItflowQueueStore::changeRows(const QList<qint64>& ids, const QString& allowedStates,
                                         std::optional<MessageStatus> to)
{
    ensureOpen();
    if (ids.isEmpty())
        return 0;
    const QString what = to ? QCoreApplication::translate("MailStore", "change messages")
                            : QCoreApplication::translate("MailStore", "delete messages");
    QueueWrite w(m_db);
    if (auto f = w.begin(what))
        return *f;
    QSqlQuery q(m_db);
    if (!to) {
        // ITFlow's page deletes rows the same way; the side row goes with it.
        if (!q.exec(QStringLiteral("DELETE e, s") + fromClause() +
                    QStringLiteral("WHERE e.email_id IN (%1) AND %2 IN (%3)")
                        .arg(idList(ids), stateSql(), allowedStates)))
            return Database::sqlFailure(what, q.lastError());
        const int removed = static_cast<int>(std::min<qint64>(q.numRowsAffected(), ids.size()));
        if (auto f = w.commit(what))
            return *f;
        return removed;
    }
    // Rows Outbound never touched get their side row first, describing them as ITFlow does.
    if (!q.exec(QStringLiteral(
                    "INSERT IGNORE INTO %1 (email_id, state, written_status, written_attempts, attempts, "
                    "retry_base, last_error, error_json, acceptance, refused, transcript, delivered) "
                    "SELECT e.email_id, %2, e.email_status, e.email_attempts, "
                    "IF(e.email_attempts >= %3, 0, e.email_attempts), 0, '', '', '', '[]', '', ''")
                    .arg(side(), stateSql())
                    .arg(kItflowCancelled) +
                fromClause() + QStringLiteral("WHERE e.email_id IN (%1)").arg(idList(ids))))
        return Database::sqlFailure(what, q.lastError());
    const QString now = itflow::toItflowTime(m_clock.now(), m_zone);
    QString set;
    switch (*to) {
    case MessageStatus::Queued: // retry: a new round of automatic attempts
        set = QStringLiteral(
                  "e.email_status = 0, e.email_attempts = LEAST(e.email_attempts, %1), s.state = 'queued', "
                  "s.written_status = 0, s.written_attempts = LEAST(e.email_attempts, %1), "
                  "s.retry_base = s.attempts, s.next_attempt_at = NULL")
                  .arg(kItflowCancelled - 1);
        break;
    case MessageStatus::Cancelled:
        set = QStringLiteral("e.email_status = 2, e.email_attempts = %1, e.email_failed_at = '%2', "
                             "s.state = 'cancelled', s.written_status = 2, s.written_attempts = %1, "
                             "s.next_attempt_at = NULL")
                  .arg(kItflowCancelled)
                  .arg(now);
        break;
    case MessageStatus::Sent:
        set = QStringLiteral(
                  "e.email_status = 3, e.email_sent_at = '%1', s.state = 'sent', s.written_status = 3, "
                  "s.written_attempts = e.email_attempts, s.sent_at = %2, s.next_attempt_at = NULL, "
                  "s.acceptance = '%3'")
                  .arg(now)
                  .arg(m_clock.now().toMSecsSinceEpoch())
                  .arg(QCoreApplication::translate("MailStore", "marked sent by an operator")
                           .replace(u'\'', QStringLiteral("''")));
        break;
    default:
        return Failure{what};
    }
    q.prepare(QStringLiteral("UPDATE email_queue e JOIN %1 s ON s.email_id = e.email_id SET ").arg(side()) +
              set +
              QStringLiteral(", s.revision = ? WHERE e.email_id IN (%1) AND %2 IN (%3)")
                  .arg(idList(ids), stateSql(), allowedStates));
    q.addBindValue(w.revision);
    if (!q.exec())
        return Database::sqlFailure(what, q.lastError());
    const int changed = q.numRowsAffected();
    if (auto f = w.commit(what))
        return *f;
    return changed;
}

Result<int> ItflowQueueStore::retry(const QList<qint64>& ids)
{
    return changeRows(ids, QStringLiteral("'failed','interrupted','cancelled','deferred'"),
                      MessageStatus::Queued);
}

Result<int> ItflowQueueStore::retryAllFailed()
{
    ensureOpen();
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT e.email_id") + fromClause() + QStringLiteral("WHERE ") + stateSql() +
                QStringLiteral(" = 'failed'")))
        return Database::sqlFailure(QCoreApplication::translate("MailStore", "retry messages"),
                                    q.lastError());
    QList<qint64> ids;
    while (q.next())
        ids.append(q.value(0).toLongLong());
    return retry(ids);
}

Result<int> ItflowQueueStore::cancel(const QList<qint64>& ids)
{
    return changeRows(ids, QStringLiteral("'queued','deferred','failed','interrupted'"),
                      MessageStatus::Cancelled);
}

Result<int> ItflowQueueStore::markSent(const QList<qint64>& ids)
{
    return changeRows(ids, QStringLiteral("'interrupted','failed'"), MessageStatus::Sent);
}

Result<int> ItflowQueueStore::remove(const QList<qint64>& ids)
{
    return changeRows(ids, QStringLiteral("'queued','deferred','sent','failed','cancelled','interrupted'"),
                      std::nullopt);
}

// ITFlow keeps its sent rows (its own clean-up decides); Outbound never purges them.
Result<int> ItflowQueueStore::purgeSent(int)
{
    return 0;
}

Result<QList<WorkerInfo>> ItflowQueueStore::workers()
{
    ensureOpen();
    return workerregistry::list(m_db, m_clock.now());
}

void ItflowQueueStore::setClaimant(const QString& workerId, qint64 leaseMs)
{
    m_workerId = workerId;
    m_leaseMs = std::max<qint64>(1000, leaseMs);
}

// Writes one outcome into ITFlow's row and the side row, fenced by this worker's claim (or, for
// recovery, by any claim: `anyClaim`).
std::optional<Failure> ItflowQueueStore::recordOutcomes(const QList<AttemptRecord>& records, qint64 revision)
{
    const QString what = QCoreApplication::translate("MailStore", "record send results");
    const bool anyClaim = m_workerId.isEmpty();
    const QString claim =
        anyClaim ? QStringLiteral("s.claimed_by IS NOT NULL") : QStringLiteral("s.claimed_by = ?");
    QJsonArray rows;
    for (const AttemptRecord& r : records) {
        if (r.handBack) {
            // Untried: the row is exactly as before the claim again.
            QSqlQuery q(m_db);
            q.prepare(QStringLiteral(
                          "UPDATE email_queue e JOIN %1 s ON s.email_id = e.email_id SET "
                          "e.email_status = s.claimed_status, s.written_status = s.claimed_status, "
                          "s.state = s.claimed_state, s.claimed_by = NULL, s.lease_until = NULL, "
                          "s.handed_over = 0, s.revision = ? WHERE e.email_id = ? AND e.email_status = 1 "
                          "AND %2")
                          .arg(side(), claim));
            q.addBindValue(revision);
            q.addBindValue(r.id);
            if (!anyClaim)
                q.addBindValue(m_workerId);
            if (!q.exec())
                return Database::sqlFailure(what, q.lastError());
            continue;
        }
        const QDateTime at = r.attemptedAt.isValid() ? r.attemptedAt : m_clock.now();
        int status = 0;
        int attempts = std::clamp(r.attempts, 0, kItflowCancelled - 1);
        QJsonValue failedAt, sentAt;
        bool blank = false;
        switch (r.status) {
        case MessageStatus::Sent:
            status = 3;
            sentAt = itflow::toItflowTime(at, m_zone);
            blank = !m_keepContent;
            break;
        case MessageStatus::Failed:
        case MessageStatus::Interrupted:
            status = 2;
            failedAt = itflow::toItflowTime(at, m_zone);
            // A message that cannot be built (bad address, missing attachment) is what ITFlow marks
            // with 99; everything else keeps its count, raised to ITFlow's retry limit.
            attempts = r.error && r.error->kind == SmtpErrorKind::InvalidInput
                           ? kItflowCancelled
                           : std::max(attempts, kItflowRetryLimit);
            break;
        case MessageStatus::Cancelled:
            status = 2;
            failedAt = itflow::toItflowTime(at, m_zone);
            attempts = kItflowCancelled;
            break;
        default: // queued, deferred: waiting again (ITFlow's page says Queued)
            status = 0;
            break;
        }
        QByteArray delivered;
        for (const QByteArray& address : r.acceptedRecipients)
            delivered += address + '\n';
        auto msOrNull = [](const QDateTime& t) {
            return t.isValid() ? QJsonValue(t.toMSecsSinceEpoch()) : QJsonValue();
        };
        rows.append(QJsonObject{
            {QStringLiteral("id"), r.id},
            {QStringLiteral("st"), status},
            {QStringLiteral("iatt"), attempts},
            {QStringLiteral("failed"), failedAt},
            {QStringLiteral("sent"), sentAt},
            {QStringLiteral("blank"), blank ? 1 : 0},
            {QStringLiteral("state"), toString(r.status)},
            {QStringLiteral("att"), r.attempts},
            {QStringLiteral("next"), msOrNull(r.nextAttemptAt)},
            {QStringLiteral("last"), r.countsAsAttempt ? msOrNull(at) : QJsonValue()},
            {QStringLiteral("sentms"), r.status == MessageStatus::Sent ? msOrNull(at) : QJsonValue()},
            {QStringLiteral("lerr"),
             r.error ? r.error->summary() : temporaryRefusalSummary(r.refusedRecipients)},
            {QStringLiteral("ejson"), r.error ? errorJson(*r.error) : QString()},
            {QStringLiteral("acc"), r.acceptanceLine},
            {QStringLiteral("refused"), refusalsJson(r.refusedRecipients)},
            {QStringLiteral("hast"), r.transcript.isEmpty() ? 0 : 1},
            {QStringLiteral("tr"), boundedTranscript(r.transcript)},
            {QStringLiteral("deliv"), QString::fromUtf8(delivered)},
        });
    }
    if (rows.isEmpty())
        return std::nullopt;
    // Every outcome of the batch in one statement: the rows as a table (JSON_TABLE, read first and
    // once; each of its rows finds ITFlow's row and the side row by their keys), fenced by the
    // claim. The text never changes, so it is prepared once per connection.
    std::unique_ptr<QSqlQuery>& cached = m_outcomeQueries[anyClaim ? 1 : 0];
    const auto prepareError = prepareOnce(cached, m_db, [&] {
        return QStringLiteral(
                   "UPDATE email_queue e JOIN %1 s ON s.email_id = e.email_id JOIN JSON_TABLE(?, '$[*]' "
                   "COLUMNS("
                   "id BIGINT PATH '$.id', st INT PATH '$.st', iatt INT PATH '$.iatt', failed VARCHAR(32) "
                   "PATH "
                   "'$.failed', "
                   "sent VARCHAR(32) PATH '$.sent', blank INT PATH '$.blank', state VARCHAR(32) PATH "
                   "'$.state', "
                   "att INT PATH '$.att', nxt BIGINT PATH '$.next', lst BIGINT PATH '$.last', sentms BIGINT "
                   "PATH "
                   "'$.sentms', lerr LONGTEXT PATH '$.lerr', ejson LONGTEXT PATH '$.ejson', acc LONGTEXT "
                   "PATH "
                   "'$.acc', "
                   "refused LONGTEXT PATH '$.refused', hast INT PATH '$.hast', tr LONGTEXT PATH '$.tr', "
                   "deliv "
                   "LONGTEXT "
                   "PATH '$.deliv')) AS v ON v.id = e.email_id SET "
                   "e.email_status = v.st, e.email_attempts = v.iatt, e.email_failed_at = "
                   "COALESCE(v.failed, "
                   "e.email_failed_at), e.email_sent_at = COALESCE(v.sent, e.email_sent_at), "
                   "e.email_content = IF(v.blank = 1, '', e.email_content), e.email_cal_str = IF(v.blank = "
                   "1, '', "
                   "e.email_cal_str), e.email_attachments = IF(v.blank = 1, '', e.email_attachments), "
                   "s.state = v.state, s.written_status = v.st, s.written_attempts = v.iatt, s.attempts = "
                   "v.att, "
                   "s.next_attempt_at = v.nxt, s.last_attempt_at = COALESCE(v.lst, s.last_attempt_at), "
                   "s.sent_at = v.sentms, s.last_error = COALESCE(v.lerr, ''), s.error_json = "
                   "COALESCE(v.ejson, "
                   "''), "
                   "s.acceptance = COALESCE(v.acc, ''), s.refused = COALESCE(v.refused, '[]'), "
                   "s.transcript = IF(v.hast = 1, v.tr, s.transcript), s.delivered = CONCAT(s.delivered, "
                   "COALESCE(v.deliv, '')), s.claimed_by = NULL, s.lease_until = NULL, s.handed_over = 0, "
                   "s.revision = ? WHERE e.email_status = 1 AND %2")
            .arg(side(), claim);
    });
    if (prepareError)
        return Database::sqlFailure(what, *prepareError);
    QSqlQuery& q = *cached;
    q.addBindValue(QString::fromUtf8(QJsonDocument(rows).toJson(QJsonDocument::Compact)));
    q.addBindValue(revision);
    if (!anyClaim)
        q.addBindValue(m_workerId);
    if (!q.exec())
        return Database::sqlFailure(what, q.lastError());
    q.finish();
    return std::nullopt;
}

Result<Recovery> ItflowQueueStore::recoverAbandoned(bool all)
{
    ensureOpen();
    if (m_schemaFailure)
        return *m_schemaFailure;
    const QString what = QCoreApplication::translate("MailStore", "recover interrupted messages");
    const QString expired =
        all ? QString()
            : QStringLiteral(" AND (s.lease_until IS NULL OR s.lease_until < %1)").arg(serverNow());
    if (!all) {
        // Every third of a lease on every worker: look before taking the queue's write lock (and
        // moving its revision on); most of the time no lease has run out and no claim is void.
        QSqlQuery probe(m_db);
        if (!probe.exec(
                QStringLiteral("SELECT 1 FROM %1 s JOIN email_queue e ON e.email_id = s.email_id WHERE "
                               "s.claimed_by IS NOT NULL AND (e.email_status <> 1 OR s.lease_until IS NULL "
                               "OR s.lease_until < %2) LIMIT 1")
                    .arg(side(), serverNow())))
            return Database::sqlFailure(what, probe.lastError());
        if (!probe.next())
            return Recovery{};
    }
    QueueWrite w(m_db);
    if (auto f = w.begin(what))
        return *f;
    Recovery recovery;
    QSqlQuery q(m_db);
    // Claims on rows ITFlow has taken back meanwhile (its page or its cron changed the status) are void.
    q.prepare(
        QStringLiteral("UPDATE %1 s JOIN email_queue e ON e.email_id = s.email_id SET s.claimed_by = NULL, "
                       "s.lease_until = NULL, s.handed_over = 0 WHERE s.claimed_by IS NOT NULL AND "
                       "e.email_status <> 1")
            .arg(side()));
    if (!q.exec())
        return Database::sqlFailure(what, q.lastError());
    // FOR UPDATE: a hand-over mark running at this moment either finishes first (and its mark is
    // read here, after waiting for it) or finds the row no longer held.
    q.prepare(QStringLiteral("SELECT s.email_id, s.handed_over, s.attempts FROM %1 s JOIN email_queue e ON "
                             "e.email_id = s.email_id WHERE s.claimed_by IS NOT NULL AND e.email_status = 1")
                  .arg(side()) +
              expired + QStringLiteral(" ORDER BY s.email_id FOR UPDATE"));
    if (!q.exec())
        return Database::sqlFailure(what, q.lastError());
    QList<AttemptRecord> records;
    while (q.next()) {
        AttemptRecord r;
        r.id = q.value(0).toLongLong();
        r.attempts = q.value(2).toInt();
        r.countsAsAttempt = false;
        switch (q.value(1).toInt()) {
        case 0:
            r.handBack = true;
            recovery.requeued.append(r.id);
            break;
        case 2:
            r.status = MessageStatus::Sent;
            r.acceptanceLine = QCoreApplication::translate(
                "MailStore", "accepted by the server; recorded after its worker stopped");
            recovery.sent.append(r.id);
            break;
        default: {
            r.status = MessageStatus::Interrupted;
            SmtpError e;
            e.kind = SmtpErrorKind::ConnectionClosed;
            e.phase = SmtpPhase::Data;
            e.outcomeUnknown = true;
            e.detail = QCoreApplication::translate(
                "MailStore",
                "the worker stopped while this message was being sent; it may or may not have been "
                "delivered");
            r.error = e;
            recovery.interrupted.append(r.id);
            break;
        }
        }
        records.append(r);
    }
    q.finish();
    const QString self = m_workerId;
    m_workerId.clear(); // any claim: the rows belong to workers that are gone
    const auto failed = recordOutcomes(records, w.revision);
    m_workerId = self;
    if (failed)
        return *failed;
    if (auto f = w.commit(what))
        return *f;
    return recovery;
}

Result<QList<qint64>> ItflowQueueStore::recoverInterrupted()
{
    auto recovery = recoverAbandoned(true);
    if (!recovery)
        return recovery.error();
    return recovery->all();
}

// One transaction per claim, in seven round trips: begin, move the revision on, the outcomes (one
// statement), the claim's SELECT, ITFlow's status, the side rows, commit. Statements whose text
// stays the same are prepared once per connection; those whose text changes with the claim go as
// text (one round trip, no server-side statement left behind).
Result<QList<ClaimedMessage>> ItflowQueueStore::recordAndClaim(const QList<AttemptRecord>& outcomes,
                                                               int limit)
{
    if (m_schemaFailure)
        return *m_schemaFailure;
    ensureOpen();
    const QString what = QCoreApplication::translate("MailStore", "record send results");
    if (outcomes.isEmpty()) {
        if (limit <= 0)
            return QList<ClaimedMessage>{};
        // An idle worker polls: look before taking the write lock, which moves the revision (and
        // with it every window's view).
        auto revision = queueRevision(what);
        if (!revision)
            return revision.error();
        const qint64 nowMs = m_clock.now().toMSecsSinceEpoch();
        auto start = lookStartAfter(revision.value(), nowMs, what);
        if (!start)
            return start.error();
        const qint64 from = start.value();
        // Read before the look: a row ITFlow commits meanwhile is above it.
        auto near = cursorNearNewest(what);
        if (!near)
            return near.error();
        auto first = firstDueFrom(from, what);
        if (!first)
            return first.error();
        const qint64 nextCursor = first.value() == 0 ? near.value() : first.value(); // the claim starts there
        {
            std::lock_guard lock(m_look->mutex);
            lookedFrom(*m_look, from, revision.value(), nowMs,
                       first.value() == 0 ? std::numeric_limits<qint64>::max() : first.value(), nextCursor);
        }
        if (first.value() == 0)
            return QList<ClaimedMessage>{};
    }
    QueueWrite w(m_db); // the revision in one round trip (LAST_INSERT_ID)
    if (auto f = w.begin(what))
        return *f;
    if (auto f = recordOutcomes(outcomes, w.revision))
        return *f;
    for (const AttemptRecord& r : outcomes)
        dropPrebuilt(r.id);
    QList<ClaimedMessage> claimed;
    QList<std::pair<itflow::QueueRow, itflow::MessageOptions>> toPrebuild;
    std::function<void(Look&)> looked; // what this claim's look leaves, for after the commit
    if (limit > 0) {
        const qint64 nowMs = m_clock.now().toMSecsSinceEpoch(); // before the due condition's own time
        QVariantList binds;
        const QString due = dueCondition(binds);
        // ITFlow's table has no index but its key, so a look at what is due walks the rows in id
        // order: it starts where struct Look says (above the last claim, lower where rows may be due
        // again, from the first row once per kFullLookMs).
        auto start = lookStartAfter(w.revision - 1, nowMs, what); // this write's own revision aside
        if (!start)
            return start.error();
        qint64 from = start.value();
        // Rows this write hands back untried are due again at once: the look takes them too.
        for (const AttemptRecord& r : outcomes) {
            if (from > 0 && (r.handBack || (r.status == MessageStatus::Queued && !r.nextAttemptAt.isValid())))
                from = std::min(from, r.id);
        }
        // Read before the look: a row ITFlow commits meanwhile is above it.
        auto newest = cursorNearNewest(what);
        if (!newest)
            return newest.error();
        // While ITFlow's own mail job is enabled (someone switched it on again) nothing is claimed,
        // so the two never send the same row; outcomes of what is in flight are still recorded.
        // ITFlow's dispatcher seeds a missing job row enabled: no row claims nothing either.
        QSqlError selectError;
        auto select = [&](int wanted) -> QSqlQuery* {
            std::unique_ptr<QSqlQuery>& sel = m_claimQuery;
            const auto prepareError = prepareOnce(
                sel, m_db,
                [&] {
                    return QStringLiteral(
                               "SELECT e.email_id, e.email_from, e.email_recipient, e.email_status, "
                               "e.email_attempts, %1, s.attempts, s.retry_base, %2, "
                               "LENGTH(e.email_content) + COALESCE(LENGTH(e.email_cal_str), 0), "
                               "s.email_id IS NOT NULL, s.delivered, %3, %4, e.email_recipient_name, "
                               "e.email_from_name, e.email_subject, IF(%4, e.email_content, NULL), "
                               "IF(%4, e.email_cal_str, NULL), e.email_queued_at, s.message_id")
                               .arg(kTrusted, stateSql(), serverNow(), prebuildCondition()) +
                           fromClause() + QStringLiteral("WHERE ") + due +
                           QStringLiteral(" AND e.email_id >= ?") +
                           QStringLiteral(
                               " AND (SELECT cron_job_enabled FROM cron_jobs WHERE cron_job_name = "
                               "'mail_queue' LIMIT 1) = 0 ORDER BY e.email_id LIMIT ? FOR UPDATE "
                               "SKIP LOCKED");
                },
                true);
            if (prepareError) {
                selectError = *prepareError;
                return nullptr;
            }
            for (const QVariant& v : std::as_const(binds))
                sel->addBindValue(v);
            sel->addBindValue(from);
            sel->addBindValue(wanted);
            if (!sel->exec()) {
                selectError = sel->lastError();
                return nullptr;
            }
            return sel.get();
        };
        struct Row
        {
            qint64 id;
            int status, itflowAttempts, attempts, retryBase;
            QString state;
        };
        // What a row needs to be built ahead (itflowRow.emailId 0: built when asked for).
        struct Prebuild
        {
            itflow::QueueRow row;
            QVariant queuedAt, messageId;
        };
        QList<Prebuild> prebuilds;
        QList<Row> rows;
        qint64 serverNowMs = 0; // the lease starts on the server's clock
        auto readRows = [&](QSqlQuery& sel) {
            while (sel.next()) {
                serverNowMs = sel.value(12).toLongLong();
                Prebuild prebuild;
                if (sel.value(13).toInt() == 1) {
                    prebuild.row.emailId = sel.value(0).toLongLong();
                    prebuild.row.recipient = sel.value(2).toString().trimmed();
                    prebuild.row.recipientName = sel.value(14).toString();
                    prebuild.row.from = sel.value(1).toString().trimmed();
                    prebuild.row.fromName = sel.value(15).toString();
                    prebuild.row.subject = sel.value(16).toString();
                    prebuild.row.htmlContent = sel.value(17).toString();
                    prebuild.row.calendar = sel.value(18).toString().toUtf8();
                    prebuild.queuedAt = sel.value(19);
                    prebuild.messageId = sel.value(20);
                }
                prebuilds.append(std::move(prebuild));
                ClaimedMessage c;
                c.outgoing.id = sel.value(0).toLongLong();
                c.outgoing.mailFrom = sel.value(1).toString().trimmed().toUtf8();
                const QByteArray rcpt = sel.value(2).toString().trimmed().toUtf8();
                if (!sel.value(11).toString().toUtf8().split('\n').contains(rcpt))
                    c.outgoing.recipients.append(rcpt);
                const bool trusted = sel.value(5).toInt() == 1;
                Row row{c.outgoing.id,          sel.value(3).toInt(), sel.value(4).toInt(), 0, 0,
                        sel.value(8).toString()};
                row.attempts = trusted ? sel.value(6).toInt() : itflowAttempts(row.itflowAttempts);
                row.retryBase = trusted ? sel.value(7).toInt() : row.attempts;
                c.attempts = row.attempts;
                c.roundAttempts = std::max(0, row.attempts - row.retryBase);
                c.size = sel.value(9).toLongLong();
                c.previousStatus = messageStatusFromString(row.state).value_or(MessageStatus::Queued);
                const QString text = sel.value(1).toString() + sel.value(2).toString();
                c.outgoing.needsSmtpUtf8 =
                    std::any_of(text.cbegin(), text.cend(), [](QChar ch) { return ch.unicode() > 127; });
                claimed.append(std::move(c));
                rows.append(row);
            }
            sel.finish();
        };
        QSqlQuery* sel = select(limit);
        if (!sel)
            return Database::sqlFailure(what, selectError);
        readRows(*sel);
        if (rows.size() < limit) {
            // Fewer than asked: say so when ITFlow's job is the reason (a look only at the queue's end).
            auto enabled = itflow::itflowCronEnabled(m_db);
            if (!enabled)
                return enabled.error();
            if (enabled.value())
                qWarning(
                    "outbound worker: ITFlow's mail_queue cron job is enabled; not claiming ITFlow's rows");
        }
        // The rows claimed were the lowest due ones from `from` on: the next look starts above
        // them, or near the newest row when there were fewer than asked (nothing more was due).
        {
            qint64 coveredUpTo = from;
            for (const Row& r : std::as_const(rows))
                coveredUpTo = std::max(coveredUpTo, r.id + 1);
            qint64 nextCursor = coveredUpTo;
            if (rows.size() < limit) {
                coveredUpTo = std::numeric_limits<qint64>::max();
                nextCursor = newest.value();
            }
            // Applied once the claim is committed: rolled back, its rows are still due where they were.
            looked = [this, from, revision = w.revision - 1, nowMs, coveredUpTo, nextCursor](Look& look) {
                lookedFrom(look, from, revision, nowMs, coveredUpTo, nextCursor);
            };
        }
        if (!rows.isEmpty()) {
            QList<qint64> ids;
            for (const Row& r : std::as_const(rows))
                ids.append(r.id);
            QSqlQuery upd(m_db);
            if (!upd.exec(QStringLiteral("UPDATE email_queue SET email_status = 1 WHERE email_id IN (%1)")
                              .arg(idList(ids))))
                return Database::sqlFailure(what, upd.lastError());
            // The side rows of the whole claim in one statement.
            const qint64 leaseUntil = serverNowMs + m_leaseMs;
            toPrebuild.clear();
            const QString worker = literal(m_db, m_workerId);
            QStringList values;
            values.reserve(rows.size());
            for (qsizetype i = 0; i < rows.size(); ++i) {
                const Row& r = rows.at(i);
                const QByteArray sender = claimed.at(i).outgoing.mailFrom;
                const QByteArray domain =
                    sender.contains('@') ? sender.mid(sender.lastIndexOf('@') + 1) : QByteArray("itflow");
                const QString messageId = QStringLiteral("<%1@%2>").arg(
                    QUuid::createUuid().toString(QUuid::WithoutBraces), QString::fromUtf8(domain));
                if (prebuilds.at(i).row.emailId != 0) {
                    // The Message-ID the INSERT below keeps: the row's own, else this new one.
                    Prebuild& p = prebuilds[i];
                    itflow::MessageOptions options{
                        m_root, (p.messageId.isNull() ? messageId : p.messageId.toString()).toUtf8(),
                        itflow::fromItflowTime(p.queuedAt, m_zone), m_settings.queue.maxMessageBytes};
                    toPrebuild.append({std::move(p.row), std::move(options)});
                }
                // Joined, not arg()-ed: an address may hold a '%'.
                values.append(QStringLiteral("(") +
                              QStringList{QString::number(r.id), QStringLiteral("'sending'"),
                                          QStringLiteral("1"), QString::number(r.itflowAttempts),
                                          QString::number(r.attempts), QString::number(r.retryBase),
                                          QStringLiteral("'', '', '', '[]', '', ''"),
                                          literal(m_db, messageId), worker, QString::number(r.status),
                                          literal(m_db, r.state), QString::number(leaseUntil),
                                          QStringLiteral("0"), QString::number(w.revision)}
                                  .join(QStringLiteral(", ")) +
                              QStringLiteral(")"));
            }
            if (!upd.exec(QStringLiteral(
                              "INSERT INTO %1 (email_id, state, written_status, written_attempts, attempts, "
                              "retry_base, last_error, error_json, acceptance, refused, transcript, "
                              "delivered, message_id, claimed_by, claimed_status, claimed_state, "
                              "lease_until, handed_over, revision) VALUES %2 "
                              "ON DUPLICATE KEY UPDATE state = 'sending', written_status = 1, "
                              "written_attempts = VALUES(written_attempts), attempts = VALUES(attempts), "
                              "retry_base = VALUES(retry_base), "
                              "message_id = COALESCE(message_id, VALUES(message_id)), "
                              "claimed_by = VALUES(claimed_by), claimed_status = VALUES(claimed_status), "
                              "claimed_state = VALUES(claimed_state), lease_until = VALUES(lease_until), "
                              "handed_over = 0, revision = VALUES(revision)")
                              .arg(side(), values.join(u','))))
                return Database::sqlFailure(what, upd.lastError());
        }
    }
    if (auto f = w.commit(what))
        return *f;
    {
        std::lock_guard lock(m_look->mutex);
        if (looked)
            looked(*m_look);
        // Only this write moved the revision since the last walk: nothing new below the cursor.
        if (m_look->seenRevision == w.revision - 1)
            m_look->seenRevision = w.revision;
        // Rows written back to wait (a retry later, handed back untried) are due again below the
        // cursor: the look starts at them when their time comes.
        const qint64 nowMs = m_clock.now().toMSecsSinceEpoch();
        for (const AttemptRecord& r : outcomes) {
            if (r.handBack || r.status == MessageStatus::Queued || r.status == MessageStatus::Deferred) {
                const bool later = !r.handBack && r.nextAttemptAt.isValid();
                m_look->retries.emplace(later ? r.nextAttemptAt.toMSecsSinceEpoch() : nowMs, r.id);
            }
        }
    }
    startBuilding(toPrebuild);
    return claimed;
}

// The rows of a claim that have no attachment files and modest content are built on a thread of
// their own as soon as they are claimed, while the worker's thread waits for the database and
// talks SMTP: building a message (HTML to text, encodings) was a third of that thread's time per
// message. messageBodies() takes them from here. Rows with attachments, larger rows and rows beyond
// kPrebuildBytes are built when asked for, as before (memory stays bounded by a few MB, not by the
// claimed window).
void ItflowQueueStore::startBuilding(QList<std::pair<itflow::QueueRow, itflow::MessageOptions>>& rows)
{
    if (rows.isEmpty())
        return;
    Prebuilds& cache = *m_prebuilds;
    std::lock_guard lock(cache.mutex);
    if (!cache.builder) {
        cache.builder = std::make_unique<QThreadPool>();
        cache.builder->setMaxThreadCount(1);
        cache.builder->setExpiryTimeout(5000);
    }
    for (auto& [row, options] : rows) {
        const qint64 size = row.htmlContent.size() + row.calendar.size();
        if (const auto old = cache.rows.find(row.emailId); old != cache.rows.end()) {
            cache.bytes -= old->second.size;
            cache.rows.erase(old);
        }
        if (cache.bytes + size > kPrebuildBytes)
            break; // the rest are built when asked for
        cache.bytes += size;
        auto promise = std::make_shared<std::promise<Built>>();
        cache.rows[row.emailId] = {promise->get_future().share(), size};
        cache.builder->start([promise, row = std::move(row), options = std::move(options)] {
            Built built;
            auto message = itflow::buildQueueMessage(row, options);
            if (message)
                built.data = std::move(message->data);
            else
                built.error = message.error();
            promise->set_value(std::move(built));
        });
    }
    rows.clear();
}

// A row's outcome was written or it was claimed again: what was built ahead for it is stale.
void ItflowQueueStore::dropPrebuilt(qint64 id)
{
    (void)takePrebuilt(id);
}

// What was built ahead for `id`, no longer counted against kPrebuildBytes; nothing when it was not.
auto ItflowQueueStore::takePrebuilt(qint64 id) -> std::optional<std::shared_future<Built>>
{
    Prebuilds& cache = *m_prebuilds;
    std::lock_guard lock(cache.mutex);
    const auto it = cache.rows.find(id);
    if (it == cache.rows.end())
        return std::nullopt;
    cache.bytes -= it->second.size;
    std::shared_future<Built> built = std::move(it->second.built);
    cache.rows.erase(it);
    return built;
}

// Once per message sent, on the worker's own thread just before the message's transaction starts:
// the cheapest statement that keeps the fence. It changes only the side table (a multi-table
// UPDATE joined to email_queue cost the server about three times as much), and ITFlow's status is
// read for this row alone by a subquery of constants: a row ITFlow's page cancelled or re-sent
// since the claim is not started. Rows the server accepted need no such look: their outcome is
// fenced when it is recorded, and recovery voids claims on rows ITFlow took back.
Result<bool> ItflowQueueStore::markHandedOver(qint64 id, const QList<qint64>& accepted)
{
    ensureOpen();
    const QString what = QCoreApplication::translate("MailStore", "record send results");
    // Prepared once per number of accepted rows and kept.
    std::unique_ptr<QSqlQuery>& cached = m_markQueries[accepted.size()];
    const auto prepareError = prepareOnce(cached, m_db, [&] {
        return QStringLiteral("UPDATE %1 s SET s.handed_over = CASE WHEN s.email_id = ? THEN 1 ELSE 2 "
                              "END WHERE s.claimed_by = ? AND ((s.email_id = ? AND s.lease_until >= "
                              "%3 AND s.handed_over = 0 AND (SELECT e.email_status FROM email_queue e "
                              "WHERE e.email_id = ?) = 1)%2)")
            .arg(side(),
                 accepted.isEmpty()
                     ? QString()
                     : QStringLiteral(" OR s.email_id IN (%1)").arg(Database::placeholders(accepted.size())),
                 serverNow());
    });
    if (prepareError)
        return Database::sqlFailure(what, *prepareError);
    QSqlQuery& q = *cached;
    q.addBindValue(id);
    q.addBindValue(m_workerId);
    q.addBindValue(id);
    q.addBindValue(id);
    for (qint64 a : accepted)
        q.addBindValue(a);
    if (!q.exec())
        return Database::sqlFailure(what, q.lastError());
    const qint64 changed = q.numRowsAffected();
    if (changed == accepted.size() + 1)
        return true;
    if (changed == 0)
        return false;
    // Fewer rows than asked: this one or an accepted one was not ours. The accepted rows still ours
    // were all changed (to 2); whatever else changed is this one. (This row's own mark would not
    // tell: it may be 1 from another copy of the same claim.)
    QSqlQuery check(m_db);
    check.prepare(QStringLiteral("SELECT count(*) FROM %1 WHERE email_id IN (%2) AND claimed_by = ?")
                      .arg(side(), Database::placeholders(accepted.size())));
    for (qint64 a : accepted)
        check.addBindValue(a);
    check.addBindValue(m_workerId);
    if (!check.exec() || !check.next())
        return Database::sqlFailure(what, check.lastError());
    return changed - check.value(0).toLongLong() == 1;
}

Result<QSet<qint64>> ItflowQueueStore::markHandedOverGroup(const QList<qint64>& ids,
                                                           const QList<qint64>& accepted)
{
    if (ids.size() == 1)
        return markOneOfGroup(ids.first(), accepted);
    ensureOpen();
    const QString what = QCoreApplication::translate("MailStore", "record send results");
    // Prepared once per shape and kept, beside the single marks (a group has at least two rows).
    std::unique_ptr<QSqlQuery>& cached = m_markQueries[(ids.size() << 20) | accepted.size()];
    const auto prepareError = prepareOnce(cached, m_db, [&] {
        return QStringLiteral("UPDATE %1 s SET s.handed_over = CASE WHEN s.email_id IN (%2) THEN 1 ELSE 2 "
                              "END WHERE s.claimed_by = ? AND ((s.email_id IN (%2) AND s.lease_until >= "
                              "%3 AND s.handed_over = 0 AND (SELECT e.email_status FROM email_queue e "
                              "WHERE e.email_id = s.email_id) = 1)%4)")
            .arg(side(), Database::placeholders(ids.size()), serverNow(),
                 accepted.isEmpty()
                     ? QString()
                     : QStringLiteral(" OR s.email_id IN (%1)").arg(Database::placeholders(accepted.size())));
    });
    if (prepareError)
        return Database::sqlFailure(what, *prepareError);
    QSqlQuery& q = *cached;
    for (qint64 id : ids)
        q.addBindValue(id);
    q.addBindValue(m_workerId);
    for (qint64 id : ids)
        q.addBindValue(id);
    for (qint64 a : accepted)
        q.addBindValue(a);
    if (!q.exec())
        return Database::sqlFailure(what, q.lastError());
    QSet<qint64> held;
    if (q.numRowsAffected() == ids.size() + accepted.size()) {
        for (qint64 id : ids)
            held.insert(id);
        return held;
    }
    // Fewer rows than asked: read which of the group are marked and still this worker's.
    QSqlQuery check(m_db);
    check.prepare(QStringLiteral("SELECT s.email_id FROM %1 s JOIN email_queue e ON e.email_id = s.email_id "
                                 "WHERE s.email_id IN (%2) AND s.claimed_by = ? AND s.handed_over = 1 AND "
                                 "s.lease_until >= %3 AND e.email_status = 1")
                      .arg(side(), Database::placeholders(ids.size()), serverNow()));
    for (qint64 id : ids)
        check.addBindValue(id);
    check.addBindValue(m_workerId);
    if (!check.exec())
        return Database::sqlFailure(what, check.lastError());
    while (check.next())
        held.insert(check.value(0).toLongLong());
    return held;
}

Status ItflowQueueStore::registerWorker(const WorkerInfo& info)
{
    ensureOpen();
    return workerregistry::registerWorker(m_db, info, m_clock.now());
}

Status ItflowQueueStore::heartbeat(const WorkerInfo& info)
{
    ensureOpen();
    if (auto s = workerregistry::heartbeat(m_db, info, m_clock.now().toMSecsSinceEpoch()); !s)
        return s;
    // Only rows still held: a lease that ran out stays out (another worker may be recovering it).
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE %1 SET lease_until = %2 + ? WHERE claimed_by = ? AND lease_until >= %2")
                  .arg(side(), serverNow()));
    q.addBindValue(m_leaseMs);
    q.addBindValue(info.id);
    if (!q.exec())
        return Database::sqlFailure(QCoreApplication::translate("MailStore", "renew the worker's claims"),
                                    q.lastError());
    return success();
}

Status ItflowQueueStore::unregisterWorker(const WorkerInfo& info)
{
    ensureOpen();
    return workerregistry::unregisterWorker(m_db, info, m_clock.now().toMSecsSinceEpoch());
}

Result<int> ItflowQueueStore::takeSendSlots(int wanted, int perMinute)
{
    ensureOpen();
    return workerregistry::takeSendSlots(m_db, wanted, perMinute, m_clock.now().toMSecsSinceEpoch());
}

Result<QByteArray> ItflowQueueStore::messageBody(qint64 id)
{
    auto bodies = messageBodies({id});
    if (!bodies)
        return bodies.error();
    return bodies->value(id);
}

// A row that cannot be built fails here, with the reason, and its claim ends; the worker then
// finds no bytes for it and moves on (its hand-back is fenced out).
std::optional<Failure> ItflowQueueStore::failUnbuildable(qint64 id, const Failure& why)
{
    const QString what = QCoreApplication::translate("MailStore", "record send results");
    QueueWrite w(m_db);
    if (auto f = w.begin(what))
        return f;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT attempts FROM %1 WHERE email_id = ?").arg(side()));
    q.addBindValue(id);
    if (!q.exec())
        return Database::sqlFailure(what, q.lastError());
    AttemptRecord r;
    r.id = id;
    r.status = MessageStatus::Failed;
    r.attempts = q.next() ? q.value(0).toInt() : 0;
    r.countsAsAttempt = false;
    SmtpError e;
    e.kind = SmtpErrorKind::InvalidInput;
    e.phase = SmtpPhase::Mail;
    e.transient = false;
    e.detail = why.message;
    r.error = e;
    q.finish();
    if (auto f = recordOutcomes({r}, w.revision))
        return f;
    return w.commit(what);
}

Result<QHash<qint64, QByteArray>> ItflowQueueStore::messageBodies(const QList<qint64>& ids)
{
    ensureOpen();
    QHash<qint64, QByteArray> bodies;
    QList<std::pair<qint64, Failure>> unbuildable;
    QList<qint64> rest; // not built ahead: read and built now
    for (const qint64 id : ids) {
        const auto prebuilt = takePrebuilt(id);
        if (!prebuilt) {
            rest.append(id);
            continue;
        }
        // Built from the row as it was claimed; a row ITFlow took back or deleted since is not
        // started (the hand-over mark reads ITFlow's status first).
        const Built& built = prebuilt->get();
        if (built.error)
            unbuildable.append({id, *built.error});
        else
            bodies.insert(id, built.data);
    }
    if (rest.isEmpty()) {
        for (const auto& [id, why] : std::as_const(unbuildable)) {
            if (auto f = failUnbuildable(id, why))
                return *f;
        }
        return bodies;
    }
    // Its text changes with every call (the ids): sent as text, one round trip.
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.exec(
            QStringLiteral(
                "SELECT e.email_id, e.email_recipient, e.email_recipient_name, e.email_from, "
                "e.email_from_name, e.email_subject, e.email_content, e.email_cal_str, e.email_attachments, "
                "s.message_id, e.email_queued_at FROM email_queue e JOIN %1 s ON s.email_id = e.email_id "
                "WHERE e.email_id IN (%2) AND e.email_status = 1 AND s.claimed_by = ")
                .arg(side(), idList(rest)) +
            literal(m_db, m_workerId)))
        return Database::sqlFailure(QCoreApplication::translate("MailStore", "read message"), q.lastError());
    while (q.next()) {
        itflow::QueueRow row;
        row.emailId = q.value(0).toLongLong();
        row.recipient = q.value(1).toString().trimmed();
        row.recipientName = q.value(2).toString();
        row.from = q.value(3).toString().trimmed();
        row.fromName = q.value(4).toString();
        row.subject = q.value(5).toString();
        row.htmlContent = q.value(6).toString();
        row.calendar = q.value(7).toString().toUtf8();
        row.attachmentsJson = q.value(8).toString();
        itflow::MessageOptions options{m_root, q.value(9).toString().toUtf8(),
                                       itflow::fromItflowTime(q.value(10), m_zone),
                                       m_settings.queue.maxMessageBytes};
        auto built = itflow::buildQueueMessage(row, options);
        if (!built)
            unbuildable.append({row.emailId, built.error()});
        else
            bodies.insert(row.emailId, std::move(built->data));
    }
    q.finish();
    for (const auto& [id, why] : std::as_const(unbuildable)) {
        if (auto f = failUnbuildable(id, why))
            return *f;
    }
    return bodies;
}

Result<qint64> ItflowQueueStore::sentSince(const QDateTime& since)
{
    ensureOpen();
    QSqlQuery q(m_db);
    q.prepare(
        QStringLiteral("SELECT count(*) FROM email_queue WHERE (email_status = 3 AND email_sent_at >= ?) OR "
                       "email_status = 1"));
    q.addBindValue(itflow::toItflowTime(since, m_zone));
    if (!q.exec() || !q.next())
        return Database::sqlFailure(QCoreApplication::translate("MailStore", "count sent messages"),
                                    q.lastError());
    return q.value(0).toLongLong();
}

Result<qint64> ItflowQueueStore::dueCount()
{
    ensureOpen();
    // The worker asks every half second (its progress). ITFlow keeps every message it ever sent in
    // email_queue, with no index but the key, so a count over the whole table grows with the
    // installation's history. While a drain runs, count from where the last claim began, as the
    // claim looks: rows before it that became due again (a retry, ITFlow's own resend) are counted,
    // and claimed, once the rows after it run short.
    QVariantList binds;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT count(*)") + fromClause() + QStringLiteral("WHERE ") +
              dueCondition(binds) + QStringLiteral(" AND e.email_id >= ?"));
    for (const QVariant& v : std::as_const(binds))
        q.addBindValue(v);
    {
        // From where the next look starts, short of a walk of the whole table (this is asked every
        // half second): rows this worker handed back or deferred are counted once due.
        std::lock_guard lock(m_look->mutex);
        q.addBindValue(startShortOfWalk(*m_look, 0, m_clock.now().toMSecsSinceEpoch()));
    }
    if (!q.exec() || !q.next())
        return Database::sqlFailure(QCoreApplication::translate("MailStore", "count due messages"),
                                    q.lastError());
    return q.value(0).toLongLong();
}

Result<QDateTime> ItflowQueueStore::nextDueAt()
{
    ensureOpen();
    // While ITFlow's own job runs nothing is claimed: no due time, so the worker looks again at its
    // poll interval instead of at once.
    auto cron = itflow::itflowCronEnabled(m_db);
    if (!cron)
        return cron.error();
    if (cron.value())
        return QDateTime();
    // The worker asks at every idle poll, and this walks the whole table: walk at most once per
    // Look interval. A time found then still wakes the worker; a row due since is found by the
    // claim's own look.
    const qint64 askedAtMs = steadyMs();
    {
        std::lock_guard lock(m_look->mutex);
        if (m_look->nextDueAskedAtMs != 0 && askedAtMs - m_look->nextDueAskedAtMs < fullLookMs())
            return m_look->nextDue.isValid() && m_look->nextDue > m_clock.now() ? m_look->nextDue
                                                                                : QDateTime();
    }
    QSqlQuery q(m_db);
    if (!q.exec(
            QStringLiteral(
                "SELECT min(CASE WHEN e.email_status = 0 AND NOT (%1 AND s.next_attempt_at IS NOT NULL) THEN "
                "e.email_queued_at END), min(CASE WHEN %1 AND e.email_status = 0 THEN s.next_attempt_at "
                "END), "
                "min(CASE WHEN (NOT %1 OR s.state = 'deferred') AND e.email_status = 2 AND "
                "e.email_attempts < %2 THEN "
                "e.email_failed_at END)")
                .arg(kTrusted)
                .arg(kItflowRetryLimit) +
            fromClause() + QStringLiteral("WHERE e.email_status IN (0, 2)")) ||
        !q.next())
        return Database::sqlFailure(QCoreApplication::translate("MailStore", "next due message"),
                                    q.lastError());
    QList<QDateTime> candidates{itflow::fromItflowTime(q.value(0), m_zone), fromMs(q.value(1))};
    if (const QDateTime failed = itflow::fromItflowTime(q.value(2), m_zone); failed.isValid())
        candidates.append(failed.addSecs(kItflowRetryMinutes * 60));
    QDateTime next;
    for (const QDateTime& t : std::as_const(candidates)) {
        if (t.isValid() && (!next.isValid() || t < next))
            next = t;
    }
    std::lock_guard lock(m_look->mutex);
    m_look->nextDueAskedAtMs = askedAtMs;
    m_look->nextDue = next;
    return next;
}

Result<QList<qint64>> ItflowQueueStore::wakeQueued()
{
    ensureOpen();
    const QString what = QCoreApplication::translate("MailStore", "release waiting messages");
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT e.email_id") + fromClause() +
              QStringLiteral("WHERE %1 AND s.state = 'queued' AND s.next_attempt_at > ?").arg(kTrusted));
    q.addBindValue(m_clock.now().toMSecsSinceEpoch());
    if (!q.exec())
        return Database::sqlFailure(what, q.lastError());
    QList<qint64> ids;
    while (q.next())
        ids.append(q.value(0).toLongLong());
    if (ids.isEmpty())
        return ids;
    QueueWrite w(m_db);
    if (auto f = w.begin(what))
        return *f;
    if (!q.exec(QStringLiteral("UPDATE %1 SET next_attempt_at = NULL, revision = %2 WHERE email_id IN (%3)")
                    .arg(side())
                    .arg(w.revision)
                    .arg(idList(ids))))
        return Database::sqlFailure(what, q.lastError());
    if (auto f = w.commit(what))
        return *f;
    return ids;
}

namespace itflow {

Result<int> release()
{
    // Outbound workers still running would keep sending: they must stop first.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QSqlDatabase db = Database::connection();
    auto running = workerregistry::list(db, now);
    if (!running)
        return running.error();
    // Heartbeat age on the database server's clock (WorkerInfo::readAt), as everywhere else.
    for (const WorkerInfo& w : running.value()) {
        if (!w.stoppedAt.isValid() && !w.unresponsive(w.observedAt(now)))
            return Failure{QCoreApplication::translate("Itflow", "An Outbound worker still drains this queue "
                                                                 "(%1, process %2); stop it first.")
                               .arg(w.host)
                               .arg(w.pid),
                           QStringLiteral("busy")};
    }
    ItflowQueueStore store{MailSettings{}};
    // Every row still held by a worker that is gone: back to waiting, sent, or interrupted (which
    // ITFlow then shows as failed and never re-sends by itself).
    auto recovered = store.recoverAbandoned(true);
    if (!recovered)
        return recovered.error();
    if (auto s = enableItflowCron(); !s)
        return s.error();
    return static_cast<int>(recovered->all().size());
}

} // namespace itflow

} // namespace outbound
