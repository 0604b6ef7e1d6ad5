#include "queue/SqlMailStore.h"

#include "common/Clock.h"
#include "common/Database.h"
#include "itflow/ItflowQueueStore.h"
#include "mime/MailAddress.h"
#include "queue/StoreCodec.h"
#include "queue/WorkerRegistry.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMimeDatabase>
#include <QSqlError>
#include <QSqlRecord>
#include <QTimeZone>
#include <QVariant>
#include <algorithm>

namespace outbound {

namespace {

QString formatAddress(const MailAddress& a)
{
    if (a.name.isEmpty())
        return a.email;
    return a.name + QStringLiteral(" <") + a.email + u'>';
}

QString formatList(const QList<MailAddress>& list)
{
    QStringList parts;
    parts.reserve(list.size());
    for (const MailAddress& a : list)
        parts.append(formatAddress(a));
    return parts.join(QStringLiteral(", "));
}

QString displayRecipients(const MailContent& c)
{
    QStringList parts;
    for (const auto* list : {&c.to, &c.cc, &c.bcc}) {
        for (const MailAddress& a : *list)
            parts.append(a.email);
    }
    return parts.join(QStringLiteral(", "));
}

QString joinEnvelope(const QList<QByteArray>& rcpts)
{
    QByteArray joined;
    for (const QByteArray& r : rcpts) {
        if (!joined.isEmpty())
            joined += '\n';
        joined += r;
    }
    return QString::fromUtf8(joined);
}

QString attachmentsJson(const QList<AttachmentInfo>& list)
{
    QJsonArray a;
    for (const AttachmentInfo& info : list) {
        a.append(QJsonObject{{QStringLiteral("name"), info.fileName},
                             {QStringLiteral("type"), QString::fromUtf8(info.contentType)},
                             {QStringLiteral("size"), info.size}});
    }
    return QString::fromUtf8(QJsonDocument(a).toJson(QJsonDocument::Compact));
}

QList<AttachmentInfo> attachmentsFromJson(const QString& text)
{
    QList<AttachmentInfo> list;
    const QJsonArray a = QJsonDocument::fromJson(text.toUtf8()).array();
    for (const QJsonValue& v : a) {
        const QJsonObject o = v.toObject();
        list.append({o.value(QStringLiteral("name")).toString(),
                     o.value(QStringLiteral("type")).toString().toUtf8(),
                     o.value(QStringLiteral("size")).toInteger()});
    }
    return list;
}

const QString kSummaryColumns =
    QStringLiteral("m.id, m.status, m.category, m.from_email, m.from_name, m.recipients, m.subject, "
                   "m.queued_at, m.not_before, m.attempts, m.next_attempt_at, m.last_attempt_at, m.sent_at, "
                   "m.last_error, m.size");
// Lists add the typed error after the summary columns, so a window can tell it in its language.
const QString kSummaryWithError = kSummaryColumns + QStringLiteral(", m.error_json");
constexpr int kErrorColumn = 15;

MessageSummary readSummary(const QSqlQuery& q, int base = 0, int errorColumn = -1)
{
    MessageSummary s;
    s.id = q.value(base + 0).toLongLong();
    s.status = messageStatusFromString(q.value(base + 1).toString()).value_or(MessageStatus::Queued);
    s.category = categoryFromString(q.value(base + 2).toString()).value_or(Category::System);
    s.fromEmail = q.value(base + 3).toString();
    s.fromName = q.value(base + 4).toString();
    s.to = q.value(base + 5).toString();
    s.subject = q.value(base + 6).toString();
    s.queuedAt = fromMs(q.value(base + 7));
    s.notBefore = fromMs(q.value(base + 8));
    s.attempts = q.value(base + 9).toInt();
    s.nextAttemptAt = fromMs(q.value(base + 10));
    s.lastAttemptAt = fromMs(q.value(base + 11));
    s.sentAt = fromMs(q.value(base + 12));
    s.lastError = q.value(base + 13).toString();
    s.sizeBytes = q.value(base + 14).toLongLong();
    if (errorColumn >= 0)
        s.error = errorFromJson(q.value(errorColumn).toString());
    return s;
}

// The categories in the order of their names (invoice, quote, system, test, ticket) as small
// numbers: the sort key of the category index on SQLite (schema step 7). Integers 0 and 1 take no
// bytes in an index entry and the others one, against up to 7 for the name.
const QString kCategoryRank = QStringLiteral(
    "(CASE m.category WHEN 'invoice' THEN 0 WHEN 'quote' THEN 1 WHEN 'system' THEN 2 WHEN 'test' THEN 3 "
    "WHEN 'ticket' THEN 4 ELSE 5 END)");

// Text sorts ignore case: SQLite's NOCASE, PostgreSQL's lower(), MariaDB's default collation.
QString caseless(const QString& column)
{
    switch (Database::dialect()) {
    case SqlDialect::Sqlite:
        return column + QStringLiteral(" COLLATE NOCASE");
    case SqlDialect::PostgreSql:
        return QStringLiteral("lower(%1)").arg(column);
    case SqlDialect::MariaDb:
        break;
    }
    return column;
}

QString sortExpression(MessageQuery::SortColumn column)
{
    switch (column) {
    case MessageQuery::SortColumn::Id:
        return {};
    case MessageQuery::SortColumn::QueuedAt:
        return QStringLiteral("m.queued_at");
    case MessageQuery::SortColumn::Category:
        // SQLite: the key of the compact index of schema step 7 (the categories in the order of
        // their names, as one small number each instead of the name in every index entry).
        return Database::dialect() == SqlDialect::Sqlite ? kCategoryRank : QStringLiteral("m.category");
    case MessageQuery::SortColumn::From:
        return caseless(QStringLiteral("m.from_email"));
    case MessageQuery::SortColumn::To:
        // SQLite: the index of schema step 7 holds the first 16 characters; rows that share them
        // are put in order by the whole text (SQLite sorts only each such group).
        if (Database::dialect() == SqlDialect::Sqlite)
            return QStringLiteral(
                "substr(m.recipients, 1, 16) COLLATE NOCASE {DIR}, m.recipients COLLATE NOCASE");
        return caseless(QStringLiteral("m.recipients"));
    case MessageQuery::SortColumn::Subject:
        return caseless(QStringLiteral("m.subject"));
    case MessageQuery::SortColumn::State:
        return QStringLiteral("m.status");
    case MessageQuery::SortColumn::Attempts:
        return QStringLiteral("m.attempts");
    case MessageQuery::SortColumn::NextAttempt:
        return QStringLiteral("m.next_attempt_at");
    case MessageQuery::SortColumn::LastError:
        return QStringLiteral("m.last_error");
    }
    return {};
}

// The columns whose SQLite index holds only the rows with a value (schema step 7): the result
// column the split query orders by, or empty for the others.
QString splitSortColumn(MessageQuery::SortColumn column)
{
    switch (column) {
    case MessageQuery::SortColumn::LastError:
        return QStringLiteral("last_error");
    case MessageQuery::SortColumn::NextAttempt:
        return QStringLiteral("next_attempt_at");
    default:
        return {};
    }
}

QString likePattern(const QString& search)
{
    QString escaped = search;
    escaped.replace(u'\\', QStringLiteral("\\\\"))
        .replace(u'%', QStringLiteral("\\%"))
        .replace(u'_', QStringLiteral("\\_"));
    return u'%' + escaped + u'%';
}

// LIKE ignores ASCII case in SQLite and under MariaDB's default collation; PostgreSQL needs ILIKE.
QString searchLike()
{
    QString sql = QStringLiteral("(m.from_email LIKE ? ESCAPE '\\' OR m.from_name LIKE ? ESCAPE '\\' "
                                 "OR m.recipients LIKE ? ESCAPE '\\' OR m.subject LIKE ? ESCAPE '\\')");
    if (Database::dialect() == SqlDialect::PostgreSql)
        sql.replace(QLatin1String(" LIKE "), QLatin1String(" ILIKE "));
    return sql;
}

// An FTS5 query for a trigram index without positions (detail=none): every trigram of the text
// must be there. It finds candidates; the LIKE terms then keep exact substring matches only. A
// dozen trigrams spread over a long text narrow enough and keep the query quick.
QString trigramQuery(const QString& search)
{
    const QString text = search.toLower();
    QStringList trigrams;
    for (qsizetype i = 0; i + 3 <= text.size(); ++i)
        trigrams.append(text.mid(i, 3));
    constexpr qsizetype kMaxTrigrams = 12;
    QStringList picked;
    if (trigrams.size() <= kMaxTrigrams) {
        picked = trigrams;
    } else {
        for (qsizetype i = 0; i < kMaxTrigrams; ++i)
            picked.append(trigrams.at(i * (trigrams.size() - 1) / (kMaxTrigrams - 1)));
    }
    QStringList quoted;
    for (QString t : std::as_const(picked))
        quoted.append(u'"' + t.replace(u'"', QStringLiteral("\"\"")) + u'"');
    return quoted.join(QStringLiteral(" AND "));
}

// WHERE clause and its bound values for a query's filters. `search` is the text's own clause
// (see SqlMailStore::searchClause()), empty when there is no search.
QString whereClause(const MessageQuery& query, const QString& search, const QVariantList& searchBinds,
                    QVariantList& binds)
{
    QStringList terms;
    if (!query.statuses.isEmpty()) {
        QStringList marks;
        for (MessageStatus s : query.statuses) {
            marks.append(QStringLiteral("?"));
            binds.append(toString(s));
        }
        terms.append(QStringLiteral("m.status IN (%1)").arg(marks.join(u',')));
    }
    if (!search.isEmpty()) {
        terms.append(search);
        binds.append(searchBinds);
    }
    return terms.isEmpty() ? QString() : QStringLiteral(" WHERE ") + terms.join(QStringLiteral(" AND "));
}

// FTS5 with the trigram tokenizer needs SQLite 3.34 or later built with FTS5 (Debian 12 ships
// 3.40). Without it, search stays a LIKE scan; everything else works the same.
bool trigramSearchAvailable()
{
    QSqlQuery q(Database::connection());
    if (!q.exec(
            QStringLiteral("CREATE VIRTUAL TABLE temp.outbound_fts_check USING fts5(x, tokenize='trigram', "
                           "detail=none)")))
        return false;
    q.exec(QStringLiteral("DROP TABLE temp.outbound_fts_check"));
    return true;
}

// Schema 3: first rows of any sort and of a search quickly over a million rows. One index per
// sortable column (the id breaks ties, and every index ends in the rowid), a trigram index over
// recipients and subject (without positions or sizes, to keep the file small), and the few
// distinct senders in a table of their own, so a search for a sender never scans the queue.
QStringList searchAndSortStep()
{
    QStringList step = {
        QStringLiteral("CREATE INDEX messages_sort_subject ON messages(subject COLLATE NOCASE)"),
        QStringLiteral("CREATE INDEX messages_sort_recipients ON messages(recipients COLLATE NOCASE)"),
        QStringLiteral("CREATE INDEX messages_sort_from ON messages(from_email COLLATE NOCASE)"),
        QStringLiteral("CREATE INDEX messages_sort_category ON messages(category)"),
        QStringLiteral("CREATE INDEX messages_sort_attempts ON messages(attempts)"),
        QStringLiteral("CREATE INDEX messages_sort_last_error ON messages(last_error)"),
        // Sorting by next attempt needs the rows without one too (they sort first).
        QStringLiteral("DROP INDEX messages_next_attempt"),
        QStringLiteral("CREATE INDEX messages_next_attempt ON messages(next_attempt_at)"),
        QStringLiteral("CREATE TABLE message_senders (email TEXT NOT NULL, name TEXT NOT NULL, "
                       "PRIMARY KEY (email, name)) WITHOUT ROWID"),
        QStringLiteral(
            "INSERT OR IGNORE INTO message_senders SELECT DISTINCT from_email, from_name FROM messages"),
        QStringLiteral("CREATE TRIGGER messages_sender_ai AFTER INSERT ON messages BEGIN "
                       "INSERT OR IGNORE INTO message_senders VALUES (new.from_email, new.from_name); END"),
    };
    if (trigramSearchAvailable()) {
        step += {
            QStringLiteral(
                "CREATE VIRTUAL TABLE messages_fts USING fts5(recipients, subject, content='messages', "
                "content_rowid='id', tokenize='trigram', detail=none, columnsize=0)"),
            QStringLiteral("INSERT INTO messages_fts(messages_fts) VALUES('rebuild')"),
            QStringLiteral("CREATE TRIGGER messages_fts_ai AFTER INSERT ON messages BEGIN "
                           "INSERT INTO messages_fts(rowid, recipients, subject) "
                           "VALUES (new.id, new.recipients, new.subject); END"),
            QStringLiteral("CREATE TRIGGER messages_fts_ad AFTER DELETE ON messages BEGIN "
                           "INSERT INTO messages_fts(messages_fts, rowid, recipients, subject) "
                           "VALUES ('delete', old.id, old.recipients, old.subject); END"),
            QStringLiteral(
                "CREATE TRIGGER messages_fts_au AFTER UPDATE OF recipients, subject ON messages BEGIN "
                "INSERT INTO messages_fts(messages_fts, rowid, recipients, subject) "
                "VALUES ('delete', old.id, old.recipients, old.subject); "
                "INSERT INTO messages_fts(rowid, recipients, subject) "
                "VALUES (new.id, new.recipients, new.subject); END"),
        };
    }
    return step;
}

// The workers that share the database (one row per run) and the send-rate accounting that all
// of them draw from. Written for both dialects ({KEY}, {BIGINT} are replaced on a server).
// Schema 5 on SQLite: who holds a `sending` row and until when, the status it had before the
// claim, and whether its data may have reached the server (0 no, 1 maybe, 2 accepted but not yet
// recorded). After a crash, only rows marked 1 become `interrupted`.
QStringList leaseStep()
{
    QStringList step = {
        QStringLiteral("ALTER TABLE messages ADD COLUMN claimed_by TEXT"),
        QStringLiteral("ALTER TABLE messages ADD COLUMN claimed_from TEXT"),
        QStringLiteral("ALTER TABLE messages ADD COLUMN lease_until INTEGER"),
        QStringLiteral("ALTER TABLE messages ADD COLUMN handed_over INTEGER NOT NULL DEFAULT 0"),
        QStringLiteral(
            "CREATE INDEX messages_claimed_by ON messages(claimed_by) WHERE claimed_by IS NOT NULL"),
        // Rows an older version left in `sending` may have been on the wire.
        QStringLiteral("UPDATE messages SET handed_over = 1 WHERE status = 'sending'"),
    };
    for (const QString& sql : workerregistry::tableDdl())
        step.append(Database::ddl(sql, SqlDialect::Sqlite));
    return step;
}

QList<QStringList> schemaSteps()
{
    return {
        {
            QStringLiteral("CREATE TABLE queue_state (id INTEGER PRIMARY KEY CHECK (id = 1), "
                           "revision INTEGER NOT NULL)"),
            QStringLiteral("INSERT INTO queue_state(id, revision) VALUES (1, 0)"),
            // due_at is set only while a row waits (queued/deferred): max(not_before, next_attempt_at).
            // One partial index on it makes "next due" a range scan even with a million rows.
            QStringLiteral("CREATE TABLE messages ("
                           "id INTEGER PRIMARY KEY AUTOINCREMENT,"
                           "status TEXT NOT NULL,"
                           "category TEXT NOT NULL,"
                           "from_email TEXT NOT NULL,"
                           "from_name TEXT NOT NULL DEFAULT '',"
                           "to_addrs TEXT NOT NULL DEFAULT '',"
                           "cc_addrs TEXT NOT NULL DEFAULT '',"
                           "bcc_addrs TEXT NOT NULL DEFAULT '',"
                           "recipients TEXT NOT NULL DEFAULT '',"
                           "subject TEXT NOT NULL DEFAULT '',"
                           "message_id TEXT NOT NULL,"
                           "envelope_from TEXT NOT NULL,"
                           "envelope_rcpts TEXT NOT NULL,"
                           "needs_8bitmime INTEGER NOT NULL DEFAULT 0,"
                           "needs_smtputf8 INTEGER NOT NULL DEFAULT 0,"
                           "size INTEGER NOT NULL,"
                           "attachments TEXT NOT NULL DEFAULT '[]',"
                           "queued_at INTEGER NOT NULL,"
                           "not_before INTEGER NOT NULL,"
                           "attempts INTEGER NOT NULL DEFAULT 0,"
                           "retry_base INTEGER NOT NULL DEFAULT 0,"
                           "next_attempt_at INTEGER,"
                           "last_attempt_at INTEGER,"
                           "sent_at INTEGER,"
                           "due_at INTEGER,"
                           "error_phase TEXT,"
                           "error_code INTEGER,"
                           "error_enhanced TEXT,"
                           "error_text TEXT,"
                           "error_transient INTEGER,"
                           "error_json TEXT NOT NULL DEFAULT '',"
                           "last_error TEXT NOT NULL DEFAULT '',"
                           "acceptance TEXT NOT NULL DEFAULT '',"
                           "refused_recipients TEXT NOT NULL DEFAULT '[]',"
                           "transcript TEXT NOT NULL DEFAULT '',"
                           "revision INTEGER NOT NULL)"),
            // The bytes live apart so list queries and searches scan small rows.
            QStringLiteral("CREATE TABLE message_bodies ("
                           "id INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,"
                           "raw BLOB NOT NULL,"
                           "text_body TEXT NOT NULL DEFAULT '',"
                           "html_body TEXT NOT NULL DEFAULT '')"),
            // Deleted rows, so changedSince() can tell a live view to drop them.
            QStringLiteral(
                "CREATE TABLE removed_messages (id INTEGER PRIMARY KEY, revision INTEGER NOT NULL, "
                "removed_at INTEGER NOT NULL)"),
            QStringLiteral("CREATE INDEX messages_due ON messages(due_at) WHERE due_at IS NOT NULL"),
            QStringLiteral("CREATE INDEX messages_status ON messages(status)"),
            QStringLiteral("CREATE INDEX messages_revision ON messages(revision)"),
            QStringLiteral("CREATE INDEX messages_queued_at ON messages(queued_at)"),
            QStringLiteral("CREATE INDEX messages_next_attempt ON messages(next_attempt_at) "
                           "WHERE next_attempt_at IS NOT NULL"),
            QStringLiteral("CREATE INDEX messages_sent_at ON messages(sent_at) WHERE sent_at IS NOT NULL"),
            QStringLiteral("CREATE INDEX removed_revision ON removed_messages(revision)"),
        },
        // 2: the history of attempts per message (each outcome the worker records), not only the
        // last one; deleting a message deletes its history.
        {
            QStringLiteral("CREATE TABLE attempts ("
                           "id INTEGER PRIMARY KEY AUTOINCREMENT,"
                           "message INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,"
                           "attempted_at INTEGER NOT NULL,"
                           "status TEXT NOT NULL,"
                           "outcome TEXT NOT NULL DEFAULT '',"
                           "transcript TEXT NOT NULL DEFAULT '')"),
            QStringLiteral("CREATE INDEX attempts_message ON attempts(message, id)"),
        },
        // 3: recipients that already have the message (one address per line). A message
        // partly delivered (some recipients refused, or past the server's recipient limit) is
        // tried again for the others only.
        {
            QStringLiteral("ALTER TABLE messages ADD COLUMN delivered_rcpts TEXT NOT NULL DEFAULT ''"),
        },
        // 4: search and sort over a million rows.
        searchAndSortStep(),
        // 5: claims with a lease (many workers on one database) and exact crash accounting.
        leaseStep(),
        // 6: new rows enter the search index once per enqueued batch (insertPrepared()), not through
        // a trigger per row. FTS5 does its bookkeeping per statement that writes to it, and enqueue
        // runs one INSERT per message: the trigger doubled the time of `enqueue --jsonl` (20,000
        // messages: 0.5 s of 2.6 s CPU); one INSERT ... SELECT per batch costs a few milliseconds.
        {
            QStringLiteral("DROP TRIGGER IF EXISTS messages_fts_ai"),
        },
    };
}

// SQLite only: smaller sort indexes (issue 10: the search and sort indexes made a bare
// million-row database 64 % larger). Last error and next attempt: only the rows that have one (most
// have neither; list() merges the rest in id order). Category: a small number per row instead of
// the name. Recipients: the first 16 characters (list() sorts each group of rows that share them).
// A component of its own ("queue_indexes", after "queue"), so a server database, which has none
// of these indexes, needs no `db migrate` for it.
QList<QStringList> compactIndexSteps()
{
    return {{
        QStringLiteral("DROP INDEX messages_sort_last_error"),
        QStringLiteral(
            "CREATE INDEX messages_sort_last_error ON messages(last_error) WHERE last_error <> ''"),
        QStringLiteral("DROP INDEX messages_next_attempt"),
        QStringLiteral("CREATE INDEX messages_next_attempt ON messages(next_attempt_at) "
                       "WHERE next_attempt_at IS NOT NULL"),
        QStringLiteral("DROP INDEX messages_sort_category"),
        QStringLiteral("CREATE INDEX messages_sort_category ON messages(") +
            QString(kCategoryRank).replace(QStringLiteral("m.category"), QStringLiteral("category")) +
            QStringLiteral(")"),
        QStringLiteral("DROP INDEX messages_sort_recipients"),
        QStringLiteral(
            "CREATE INDEX messages_sort_recipients ON messages(substr(recipients, 1, 16) COLLATE NOCASE)"),
    }};
}

// A server database starts at the current shape in its first step (see SchemaSteps). No FTS:
// searching there is a LIKE scan (PostgreSQL: ILIKE), and sorting by text columns is unindexed.
QList<QStringList> serverSchemaSteps()
{
    QStringList first = {
        QStringLiteral(
            "CREATE TABLE queue_state (id INTEGER PRIMARY KEY CHECK (id = 1), revision {BIGINT} NOT NULL)"),
        QStringLiteral("INSERT INTO queue_state(id, revision) VALUES (1, 0)"),
        QStringLiteral("CREATE TABLE messages ("
                       "id {ID},"
                       "status {KEY} NOT NULL,"
                       "category {KEY} NOT NULL,"
                       "from_email {KEY} NOT NULL,"
                       "from_name {TEXT} NOT NULL DEFAULT '',"
                       "to_addrs {TEXT} NOT NULL DEFAULT '',"
                       "cc_addrs {TEXT} NOT NULL DEFAULT '',"
                       "bcc_addrs {TEXT} NOT NULL DEFAULT '',"
                       "recipients {TEXT} NOT NULL DEFAULT '',"
                       "subject {TEXT} NOT NULL DEFAULT '',"
                       "message_id {TEXT} NOT NULL,"
                       "envelope_from {TEXT} NOT NULL,"
                       "envelope_rcpts {TEXT} NOT NULL,"
                       "needs_8bitmime INTEGER NOT NULL DEFAULT 0,"
                       "needs_smtputf8 INTEGER NOT NULL DEFAULT 0,"
                       "size {BIGINT} NOT NULL,"
                       "attachments {TEXT} NOT NULL DEFAULT '[]',"
                       "queued_at {BIGINT} NOT NULL,"
                       "not_before {BIGINT} NOT NULL,"
                       "attempts INTEGER NOT NULL DEFAULT 0,"
                       "retry_base INTEGER NOT NULL DEFAULT 0,"
                       "next_attempt_at {BIGINT},"
                       "last_attempt_at {BIGINT},"
                       "sent_at {BIGINT},"
                       "due_at {BIGINT},"
                       "error_phase {KEY},"
                       "error_code INTEGER,"
                       "error_enhanced {KEY},"
                       "error_text {TEXT},"
                       "error_transient INTEGER,"
                       "error_json {TEXT} NOT NULL DEFAULT '',"
                       "last_error {TEXT} NOT NULL DEFAULT '',"
                       "acceptance {TEXT} NOT NULL DEFAULT '',"
                       "refused_recipients {TEXT} NOT NULL DEFAULT '[]',"
                       "transcript {TEXT} NOT NULL DEFAULT '',"
                       "revision {BIGINT} NOT NULL,"
                       "delivered_rcpts {TEXT} NOT NULL DEFAULT '',"
                       "claimed_by {KEY},"
                       "claimed_from {KEY},"
                       "lease_until {BIGINT},"
                       "handed_over INTEGER NOT NULL DEFAULT 0)"),
        QStringLiteral("CREATE TABLE message_bodies ("
                       "id {BIGINT} PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,"
                       "raw {BLOB} NOT NULL,"
                       "text_body {TEXT} NOT NULL DEFAULT '',"
                       "html_body {TEXT} NOT NULL DEFAULT '')"),
        QStringLiteral("CREATE TABLE removed_messages (id {BIGINT} PRIMARY KEY, revision {BIGINT} NOT NULL, "
                       "removed_at {BIGINT} NOT NULL)"),
        QStringLiteral("CREATE INDEX messages_due ON messages(due_at)"),
        QStringLiteral("CREATE INDEX messages_status ON messages(status)"),
        QStringLiteral("CREATE INDEX messages_revision ON messages(revision)"),
        QStringLiteral("CREATE INDEX messages_queued_at ON messages(queued_at)"),
        QStringLiteral("CREATE INDEX messages_next_attempt ON messages(next_attempt_at)"),
        QStringLiteral("CREATE INDEX messages_sent_at ON messages(sent_at)"),
        QStringLiteral("CREATE INDEX messages_claimed_by ON messages(claimed_by)"),
        QStringLiteral("CREATE INDEX removed_revision ON removed_messages(revision)"),
        QStringLiteral("CREATE TABLE attempts ("
                       "id {ID},"
                       "message {BIGINT} NOT NULL REFERENCES messages(id) ON DELETE CASCADE,"
                       "attempted_at {BIGINT} NOT NULL,"
                       "status {KEY} NOT NULL,"
                       "outcome {TEXT} NOT NULL DEFAULT '',"
                       "transcript {TEXT} NOT NULL DEFAULT '')"),
        QStringLiteral("CREATE INDEX attempts_message ON attempts(message, id)"),
    };
    first += workerregistry::tableDdl();
    return {first, {}, {}, {}, {}, {}};
}

// A bound integer where PostgreSQL cannot tell its type from the context (a SELECT list).
QString intParam()
{
    return Database::dialect() == SqlDialect::PostgreSql ? QStringLiteral("CAST(? AS BIGINT)")
                                                         : QStringLiteral("?");
}

// Tombstones for the rows `where` selects (binds: revision, removed_at, then those of `where`).
QString tombstoneSql(const QString& where)
{
    const QString select = QStringLiteral("SELECT id, %1, %1 FROM messages WHERE ").arg(intParam()) + where;
    switch (Database::dialect()) {
    case SqlDialect::Sqlite:
        return QStringLiteral("INSERT OR REPLACE INTO removed_messages (id, revision, removed_at) ") + select;
    case SqlDialect::MariaDb:
        return QStringLiteral("REPLACE INTO removed_messages (id, revision, removed_at) ") + select;
    case SqlDialect::PostgreSql:
        break;
    }
    return QStringLiteral("INSERT INTO removed_messages (id, revision, removed_at) ") + select +
           QStringLiteral(" ON CONFLICT (id) DO UPDATE SET revision = excluded.revision, "
                          "removed_at = excluded.removed_at");
}

enum CachedQuery
{
    InsertMessage,
    InsertBody,
    InsertKey,
    UpdateKey,
    IndexNewRows,
    ClaimSelect,
    ReadBody,
    ReadBodies,
    RecordOutcome,
    RecordSent,
    HandBack,
    RecordAttempt,
    RecordOnServer,
    ClaimOnServer,
    CachedQueryCount
};

} // namespace

SqlMailStore::SqlMailStore(MailSettings settings, const Clock* clock)
    : m_settings(std::move(settings)), m_clock(clock ? *clock : Clock::system()), m_db(Database::connection())
{
    if (auto s = ensureSchema(); !s)
        m_schemaFailure = s.error();
    m_cache.resize(CachedQueryCount, nullptr);
}

SqlMailStore::~SqlMailStore()
{
    qDeleteAll(m_cache);
    qDeleteAll(m_markQueries);
    qDeleteAll(m_claimQueries);
}

// Who owns a row and whether a worker is alive are decided on one clock. On a server database that
// is the server's (many machines, each with its own clock; a fast one would take over rows whose
// holder is alive, a slow one would keep a dead worker's rows): the term is SQL and nothing is
// bound. On SQLite (one machine) it is this store's clock, bound as a value, so tests can move it.
QString SqlMailStore::leaseNow() const
{
    return Database::isServer() ? Database::serverNowMsSql() : QStringLiteral("?");
}

// "The row is still `sending`" for a statement that already names its rows by id. On PostgreSQL
// the status index keeps an entry for every version a row had while it was sending until vacuum
// removes them: in a busy drain the planner, expecting a handful of sending rows, walked thousands
// of dead entries for each batch of outcomes (6 ms at 20,000 rows, under the queue's write lock).
// Written so no index can serve it, the rows are found by their keys and the status is checked on
// each row.
QString SqlMailStore::sendingByKey(const QString& alias)
{
    return Database::dialect() == SqlDialect::PostgreSql
               ? QStringLiteral("(%1status = 'sending') IS TRUE").arg(alias)
               : QStringLiteral("%1status = 'sending'").arg(alias);
}

void SqlMailStore::bindLeaseNow(QSqlQuery& q) const
{
    if (!Database::isServer())
        q.addBindValue(m_clock.now().toMSecsSinceEpoch());
}

Status SqlMailStore::ensureSchema()
{
    SchemaSteps queue;
    queue.server = serverSchemaSteps();
    // Building SQLite's steps probes for FTS5; a server never needs them.
    queue.sqlite = Database::isServer() ? QList<QStringList>(queue.server.size()) : schemaSteps();
    if (auto s = Database::migrate(QStringLiteral("queue"), queue); !s)
        return s;
    // SQLite only (compactIndexSteps()): a server database has none of these indexes.
    if (!Database::isServer()) {
        if (auto s = Database::migrate(QStringLiteral("queue_indexes"), compactIndexSteps()); !s)
            return s;
    }
    // Idempotency keys of `enqueue --jsonl`, a component of their own so the queue's schema steps
    // stay the engine's. No foreign key: a key outlives its message (deleted or purged), so an
    // old file run again still queues nothing twice.
    SchemaSteps keys;
    keys.sqlite = {{QStringLiteral("CREATE TABLE enqueue_keys (key TEXT PRIMARY KEY NOT NULL, "
                                   "message_id INTEGER NOT NULL, created_at INTEGER NOT NULL)")}};
    // {EXACT}: a key is compared byte for byte (MariaDB's default collation ignores case).
    keys.server = {{QStringLiteral("CREATE TABLE enqueue_keys (\"key\" {KEY}{EXACT} PRIMARY KEY NOT NULL, "
                                   "message_id {BIGINT} NOT NULL, created_at {BIGINT} NOT NULL)")}};
    return Database::migrate(QStringLiteral("enqueue_keys"), keys);
}

QSqlQuery& SqlMailStore::cached(int slot, const QString& sql)
{
    if (!m_cache[slot]) {
        m_cache[slot] = new QSqlQuery(m_db);
        m_cache[slot]->prepare(sql);
    }
    return *m_cache[slot];
}

qint64 SqlMailStore::currentRevision()
{
    QSqlQuery q(m_db);
    if (q.exec(QStringLiteral("SELECT revision FROM queue_state WHERE id = 1")) && q.next())
        return q.value(0).toLongLong();
    return 0;
}

Result<PreparedMessage> SqlMailStore::prepare(const NewMessage& message) const
{
    PreparedMessage p;
    p.source = message;
    MailContent& c = p.source.content;
    if (c.from.email.trimmed().isEmpty()) {
        const Sender sender = m_settings.senderFor(message.category);
        if (sender.isEmpty())
            return Failure{
                QCoreApplication::translate(
                    "MailStore", "No sender address for category \"%1\": set from.default.email first.")
                    .arg(toString(message.category)),
                QStringLiteral("from.default.email")};
        c.from.email = sender.email.trimmed();
        if (c.from.name.isEmpty())
            c.from.name = sender.name.trimmed();
    }
    QString reason;
    if (!isValidEmail(c.from.email, &reason))
        return Failure{QCoreApplication::translate("MailStore", "The sender %1 is not a valid address: %2")
                           .arg(c.from.email, reason),
                       QStringLiteral("from")};
    if (c.to.isEmpty() && c.cc.isEmpty() && c.bcc.isEmpty())
        return Failure{QCoreApplication::translate("MailStore", "The message has no recipient."),
                       QStringLiteral("to")};
    if (c.text.isEmpty() && c.html.isEmpty() && c.attachments.isEmpty() && c.icalendar.isEmpty())
        return Failure{QCoreApplication::translate("MailStore", "The message has no body and no attachment."),
                       QStringLiteral("text")};

    const QDateTime now = m_clock.now().toUTC();
    if (!c.date.isValid())
        c.date = now;
    auto built = buildMessage(c);
    if (!built)
        return built.error();
    p.built = std::move(built).value();
    const qint64 limit = m_settings.queue.maxMessageBytes;
    if (limit > 0 && p.built.data.size() > limit)
        return Failure{QCoreApplication::translate(
                           "MailStore", "The message is %1 bytes, more than queue.max_message_bytes (%2).")
                           .arg(p.built.data.size())
                           .arg(limit),
                       QStringLiteral("queue.max_message_bytes")};
    static const QMimeDatabase mimeTypes;
    for (const MailAttachment& a : c.attachments) {
        const QByteArray type =
            !a.contentType.isEmpty()
                ? a.contentType
                : mimeTypes.mimeTypeForFile(a.fileName, QMimeDatabase::MatchExtension).name().toUtf8();
        p.attachments.append({a.fileName, type, a.data.size()});
    }
    c.attachments.clear(); // the bytes are inside built.data; do not hold them twice
    c.icalendar.clear();
    p.queuedAt = now;
    p.notBefore = message.notBefore.isValid() ? message.notBefore.toUTC() : now;
    return p;
}

Result<QList<qint64>> SqlMailStore::insertPrepared(const QList<PreparedMessage>& messages)
{
    ensureOpen();
    if (m_schemaFailure)
        return *m_schemaFailure;
    const QString what = QCoreApplication::translate("MailStore", "enqueue");
    QueueWrite w(m_db);
    if (auto f = w.begin(what))
        return *f;
    QSqlQuery& ins = cached(
        InsertMessage,
        QStringLiteral(
            "INSERT INTO messages (status, category, from_email, from_name, to_addrs, cc_addrs, "
            "bcc_addrs, recipients, subject, message_id, envelope_from, envelope_rcpts, "
            "needs_8bitmime, needs_smtputf8, size, attachments, queued_at, not_before, due_at, "
            "revision) VALUES ('queued', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)") +
            // QPSQL's lastInsertId() is an OID, which tables no longer have.
            (Database::dialect() == SqlDialect::PostgreSql ? QStringLiteral(" RETURNING id") : QString()));
    QSqlQuery& body = cached(
        InsertBody,
        QStringLiteral("INSERT INTO message_bodies (id, raw, text_body, html_body) VALUES (?, ?, ?, ?)"));
    QList<qint64> ids;
    ids.reserve(messages.size());
    for (const PreparedMessage& p : messages) {
        const MailContent& c = p.source.content;
        if (!p.key.isEmpty()) {
            QSqlQuery& key = cached(
                InsertKey, Database::insertIgnoreSql(QStringLiteral("enqueue_keys"),
                                                     {QStringLiteral("key"), QStringLiteral("message_id"),
                                                      QStringLiteral("created_at")}));
            key.addBindValue(p.key);
            key.addBindValue(0);
            key.addBindValue(p.queuedAt.toMSecsSinceEpoch());
            if (!key.exec())
                return Database::sqlFailure(what, key.lastError());
            const bool known = key.numRowsAffected() == 0;
            key.finish();
            if (known) {
                ids.append(0);
                continue;
            }
        }
        ins.addBindValue(toString(p.source.category));
        ins.addBindValue(nonNull(c.from.email));
        ins.addBindValue(nonNull(c.from.name));
        ins.addBindValue(nonNull(formatList(c.to)));
        ins.addBindValue(nonNull(formatList(c.cc)));
        ins.addBindValue(nonNull(formatList(c.bcc)));
        ins.addBindValue(nonNull(displayRecipients(c)));
        ins.addBindValue(nonNull(c.subject));
        ins.addBindValue(QString::fromUtf8(p.built.messageId));
        ins.addBindValue(QString::fromUtf8(p.built.envelopeFrom));
        ins.addBindValue(joinEnvelope(p.built.envelopeRecipients));
        ins.addBindValue(p.built.needs8BitMime ? 1 : 0);
        ins.addBindValue(p.built.needsSmtpUtf8 ? 1 : 0);
        ins.addBindValue(p.built.data.size());
        ins.addBindValue(attachmentsJson(p.attachments));
        ins.addBindValue(p.queuedAt.toMSecsSinceEpoch());
        ins.addBindValue(p.notBefore.toMSecsSinceEpoch());
        ins.addBindValue(p.notBefore.toMSecsSinceEpoch());
        ins.addBindValue(w.revision);
        if (!ins.exec())
            return Database::sqlFailure(what, ins.lastError());
        const qint64 id = Database::dialect() == SqlDialect::PostgreSql
                              ? (ins.next() ? ins.value(0).toLongLong() : 0)
                              : ins.lastInsertId().toLongLong();
        ins.finish();
        body.addBindValue(id);
        body.addBindValue(p.built.data);
        body.addBindValue(nonNull(c.text));
        body.addBindValue(nonNull(c.html));
        if (!body.exec())
            return Database::sqlFailure(what, body.lastError());
        if (!p.key.isEmpty()) {
            QSqlQuery& key =
                cached(UpdateKey, QStringLiteral("UPDATE enqueue_keys SET message_id = ? WHERE \"key\" = ?"));
            key.addBindValue(id);
            key.addBindValue(p.key);
            if (!key.exec())
                return Database::sqlFailure(what, key.lastError());
            key.finish();
        }
        ids.append(id);
    }
    ins.finish();
    body.finish();
    // The rows of this batch into the search index, in one statement (see schema step 5). Ids only
    // grow (AUTOINCREMENT) and the write lock is held, so every row from the first id on is new.
    const auto firstNew = std::find_if(ids.cbegin(), ids.cend(), [](qint64 id) { return id > 0; });
    if (firstNew != ids.cend() && hasSearchIndex()) {
        QSqlQuery& index =
            cached(IndexNewRows, QStringLiteral("INSERT INTO messages_fts(rowid, recipients, subject) "
                                                "SELECT id, recipients, subject FROM messages "
                                                "WHERE id >= ?"));
        index.addBindValue(*firstNew);
        if (!index.exec())
            return Database::sqlFailure(what, index.lastError());
        index.finish();
    }
    if (auto f = w.commit(what))
        return *f;
    return ids;
}

Result<qint64> SqlMailStore::enqueue(const NewMessage& message)
{
    auto prepared = prepare(message);
    if (!prepared)
        return prepared.error();
    auto ids = insertPrepared({std::move(prepared).value()});
    if (!ids)
        return ids.error();
    return ids.value().first();
}

Result<QList<qint64>> SqlMailStore::enqueueBatch(const QList<NewMessage>& messages)
{
    QList<PreparedMessage> prepared;
    prepared.reserve(messages.size());
    for (int i = 0; i < messages.size(); ++i) {
        auto p = prepare(messages[i]);
        if (!p)
            return Failure{QCoreApplication::translate("MailStore", "Message %1 of the batch: %2")
                               .arg(i + 1)
                               .arg(p.error().message),
                           QString::number(i)};
        prepared.append(std::move(p).value());
    }
    return insertPrepared(prepared);
}

Result<QList<MessageSummary>> SqlMailStore::list(const MessageQuery& query)
{
    ensureOpen();
    if (m_schemaFailure)
        return *m_schemaFailure;
    QVariantList searchBinds;
    const QString search = searchClause(query.search, searchBinds);
    QVariantList binds;
    const QString where = whereClause(query, search, searchBinds, binds);
    const QString direction = query.descending ? QStringLiteral(" DESC") : QStringLiteral(" ASC");
    QString sql;
    const QString split =
        Database::dialect() == SqlDialect::Sqlite ? splitSortColumn(query.sortColumn) : QString();
    if (!split.isEmpty()) {
        // SQLite keeps only the rows that have a last error / a next attempt in the index of
        // that column (schema step 7): most rows have none. The rows without one all share the
        // smallest value, so they are in id order, which the table itself gives; the two halves
        // are merged in the wanted order (SQLite's MERGE of a compound ORDER BY, both halves
        // already sorted, so no row is sorted and the first page costs no more than before).
        const QString select = QStringLiteral("SELECT ") + kSummaryWithError +
                               QStringLiteral(" FROM messages m") + where +
                               (where.isEmpty() ? QStringLiteral(" WHERE ") : QStringLiteral(" AND "));
        const QString none = split == u"last_error" ? QStringLiteral("m.last_error = ''")
                                                    : QStringLiteral("m.next_attempt_at IS NULL");
        const QString some = split == u"last_error" ? QStringLiteral("m.last_error <> ''")
                                                    : QStringLiteral("m.next_attempt_at IS NOT NULL");
        sql = select + none + QStringLiteral(" UNION ALL ") + select + some + QStringLiteral(" ORDER BY ") +
              split + direction + QStringLiteral(", id") + direction;
        binds += QVariantList(binds); // the filter's values once for each half
    } else {
        sql = QStringLiteral("SELECT ") + kSummaryWithError + QStringLiteral(" FROM messages m") + where;
        QString sort = sortExpression(query.sortColumn);
        sort.replace(QStringLiteral(" {DIR}"), direction);
        sql += QStringLiteral(" ORDER BY ");
        if (!sort.isEmpty())
            sql += sort + direction + QStringLiteral(", ");
        sql += QStringLiteral("m.id") + direction;
    }
    sql += QStringLiteral(" LIMIT ? OFFSET ?");
    // SQLite reads -1 as "no limit"; the servers want a number.
    binds.append(query.limit > 0 ? qint64(query.limit)
                                 : (Database::isServer() ? qint64(1) << 62 : qint64(-1)));
    binds.append(std::max(0, query.offset));
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(sql);
    for (const QVariant& v : binds)
        q.addBindValue(v);
    if (!q.exec())
        return Database::sqlFailure(QCoreApplication::translate("MailStore", "list messages"), q.lastError());
    QList<MessageSummary> rows;
    while (q.next())
        rows.append(readSummary(q, 0, kErrorColumn));
    return rows;
}

// The search as SQL. A text found in many rows is quickest as a plain LIKE scan in the wanted
// order (the first page fills after a few thousand rows); a rare one through the trigram index,
// which finds its few rows without reading the queue. Which one is decided by a look at the
// newest rows and kept for the same text.
bool SqlMailStore::hasSearchIndex()
{
    if (!m_ftsChecked && Database::isServer()) {
        m_hasFts = false;
        m_ftsChecked = true;
    } else if (!m_ftsChecked) {
        QSqlQuery q(m_db);
        m_hasFts =
            q.exec(QStringLiteral("SELECT 1 FROM sqlite_master WHERE name = 'messages_fts'")) && q.next();
        m_ftsChecked = true;
    }
    return m_hasFts;
}

QString SqlMailStore::searchClause(const QString& rawSearch, QVariantList& binds)
{
    const QString search = rawSearch.trimmed();
    if (search.isEmpty())
        return {};
    const QString pattern = likePattern(search);
    const QVariantList likeBinds = {pattern, pattern, pattern, pattern};
    if (!hasSearchIndex() || search.size() < 3) {
        binds += likeBinds;
        return searchLike();
    }
    if (m_searchPlan.first != search) {
        // 50 hits in the newest 5,000 rows: dense enough that scanning in order fills a page fast.
        constexpr int kSample = 5000;
        constexpr int kDense = 50;
        QSqlQuery q(m_db);
        q.prepare(QStringLiteral("SELECT count(*) FROM (SELECT 1 FROM messages m WHERE m.id > "
                                 "(SELECT COALESCE(max(id), 0) FROM messages) - ? AND ") +
                  searchLike() + QStringLiteral(" LIMIT ?)"));
        q.addBindValue(kSample);
        for (const QVariant& v : likeBinds)
            q.addBindValue(v);
        q.addBindValue(kDense);
        const bool dense = q.exec() && q.next() && q.value(0).toInt() >= kDense;
        m_searchPlan = {search, dense};
    }
    if (m_searchPlan.second) {
        binds += likeBinds;
        return searchLike();
    }
    // Rare: candidates from the index (recipients, subject) and from the matching senders, then
    // the LIKE terms keep exact matches.
    QStringList senders;
    {
        QSqlQuery q(m_db);
        q.prepare(QStringLiteral("SELECT DISTINCT email FROM message_senders WHERE email LIKE ? ESCAPE '\\' "
                                 "OR name LIKE ? ESCAPE '\\'"));
        q.addBindValue(pattern);
        q.addBindValue(pattern);
        if (q.exec()) {
            while (q.next())
                senders.append(q.value(0).toString());
        }
    }
    QString candidates =
        QStringLiteral("m.id IN (SELECT rowid FROM messages_fts WHERE messages_fts MATCH ?)");
    binds.append(trigramQuery(search));
    if (!senders.isEmpty()) {
        QStringList marks;
        for (const QString& sender : std::as_const(senders)) {
            marks.append(QStringLiteral("?"));
            binds.append(sender);
        }
        candidates =
            QStringLiteral("(%1 OR m.from_email COLLATE NOCASE IN (%2))").arg(candidates, marks.join(u','));
    }
    binds += likeBinds;
    return candidates + QStringLiteral(" AND ") + searchLike();
}

Result<qint64> SqlMailStore::count(const MessageQuery& query)
{
    ensureOpen();
    if (m_schemaFailure)
        return *m_schemaFailure;
    QVariantList searchBinds;
    const QString search = searchClause(query.search, searchBinds);
    QVariantList binds;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT count(*) FROM messages m") +
              whereClause(query, search, searchBinds, binds));
    for (const QVariant& v : binds)
        q.addBindValue(v);
    if (!q.exec() || !q.next())
        return Database::sqlFailure(QCoreApplication::translate("MailStore", "count messages"),
                                    q.lastError());
    return q.value(0).toLongLong();
}

Result<MessageDetail> SqlMailStore::detail(qint64 id)
{
    ensureOpen();
    if (m_schemaFailure)
        return *m_schemaFailure;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(
        QStringLiteral("SELECT ") + kSummaryColumns +
        QStringLiteral(", m.message_id, m.attachments, m.error_json, m.acceptance, m.refused_recipients, "
                       "m.transcript, m.to_addrs, m.cc_addrs, m.bcc_addrs, b.raw, b.text_body, "
                       "b.html_body FROM messages m LEFT JOIN message_bodies b ON b.id = m.id "
                       "WHERE m.id = ?"));
    q.addBindValue(id);
    if (!q.exec())
        return Database::sqlFailure(QCoreApplication::translate("MailStore", "read message"), q.lastError());
    if (!q.next())
        return Failure{
            QCoreApplication::translate("MailStore", "There is no message %1 in the queue.").arg(id)};
    MessageDetail d;
    d.summary = readSummary(q);
    d.messageId = q.value(15).toString().toUtf8();
    d.attachmentInfo = attachmentsFromJson(q.value(16).toString());
    for (const AttachmentInfo& a : d.attachmentInfo)
        d.attachments.append({a.fileName, a.contentType, {}});
    d.lastError = errorFromJson(q.value(17).toString());
    d.summary.error = d.lastError;
    d.acceptanceLine = q.value(18).toString();
    d.refusedRecipients = refusalsFromJson(q.value(19).toString());
    d.transcript = q.value(20).toString();
    d.toList = q.value(21).toString();
    d.ccList = q.value(22).toString();
    d.bccList = q.value(23).toString();
    d.rawMessage = q.value(24).toByteArray();
    d.textBody = q.value(25).toString();
    d.htmlBody = q.value(26).toString();
    QSqlQuery h(m_db);
    h.setForwardOnly(true);
    h.prepare(
        QStringLiteral("SELECT attempted_at, status, outcome, transcript FROM attempts WHERE message = ? "
                       "ORDER BY id"));
    h.addBindValue(id);
    if (!h.exec())
        return Database::sqlFailure(QCoreApplication::translate("MailStore", "read message"), h.lastError());
    while (h.next()) {
        MessageAttempt a;
        a.attemptedAt = fromMs(h.value(0));
        a.status = messageStatusFromString(h.value(1).toString()).value_or(MessageStatus::Queued);
        a.outcome = h.value(2).toString();
        a.transcript = h.value(3).toString();
        d.attempts.append(a);
    }
    return d;
}

Result<QueueStats> SqlMailStore::stats()
{
    ensureOpen();
    if (m_schemaFailure)
        return *m_schemaFailure;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT status, count(*) FROM messages GROUP BY status")))
        return Database::sqlFailure(QCoreApplication::translate("MailStore", "queue statistics"),
                                    q.lastError());
    QueueStats s;
    while (q.next()) {
        s.add(messageStatusFromString(q.value(0).toString()).value_or(MessageStatus::Queued),
              q.value(1).toLongLong());
    }
    return s;
}

Result<QList<MessageSummary>> SqlMailStore::changedSince(qint64 revision, qint64* newRevision)
{
    ensureOpen();
    if (m_schemaFailure)
        return *m_schemaFailure;
    // One read transaction: the rows and the revision come from the same snapshot.
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("BEGIN")))
        return Database::sqlFailure(QCoreApplication::translate("MailStore", "read changes"), q.lastError());
    auto fail = [&](const QSqlError& e) {
        QSqlQuery rollback(m_db);
        rollback.exec(QStringLiteral("ROLLBACK"));
        return Database::sqlFailure(QCoreApplication::translate("MailStore", "read changes"), e);
    };
    if (!q.exec(QStringLiteral("SELECT revision FROM queue_state WHERE id = 1")) || !q.next())
        return fail(q.lastError());
    const qint64 current = q.value(0).toLongLong();
    q.finish();
    QList<MessageSummary> rows;
    if (current > revision) {
        q.prepare(QStringLiteral("SELECT ") + kSummaryWithError +
                  QStringLiteral(" FROM messages m WHERE m.revision > ? AND m.revision <= ? ORDER BY m.id"));
        q.addBindValue(revision);
        q.addBindValue(current);
        if (!q.exec())
            return fail(q.lastError());
        while (q.next())
            rows.append(readSummary(q, 0, kErrorColumn));
        q.finish();
        q.prepare(QStringLiteral("SELECT id FROM removed_messages WHERE revision > ? AND revision <= ?"));
        q.addBindValue(revision);
        q.addBindValue(current);
        if (!q.exec())
            return fail(q.lastError());
        while (q.next()) {
            MessageSummary s;
            s.id = q.value(0).toLongLong();
            s.removed = true;
            rows.append(s);
        }
        q.finish();
    }
    QSqlQuery end(m_db);
    end.exec(QStringLiteral("COMMIT"));
    if (newRevision)
        *newRevision = current;
    return rows;
}

// Runs `sql` (with placeholders: extra values, then the revision, then the id) for each id in one
// transaction; returns how many rows it changed.
Result<int> SqlMailStore::updateIds(const QString& sql, const QList<qint64>& ids, const QVariantList& extra)
{
    ensureOpen();
    if (m_schemaFailure)
        return *m_schemaFailure;
    if (ids.isEmpty())
        return 0;
    const QString what = QCoreApplication::translate("MailStore", "update messages");
    QueueWrite w(m_db);
    if (auto f = w.begin(what))
        return *f;
    QSqlQuery q(m_db);
    q.prepare(sql);
    int changed = 0;
    for (qint64 id : ids) {
        for (const QVariant& v : extra)
            q.addBindValue(v);
        q.addBindValue(w.revision);
        q.addBindValue(id);
        if (!q.exec())
            return Database::sqlFailure(what, q.lastError());
        changed += q.numRowsAffected();
    }
    q.finish();
    if (auto f = w.commit(what))
        return *f;
    return changed;
}

Result<int> SqlMailStore::retry(const QList<qint64>& ids)
{
    // A manual retry starts a fresh round of automatic attempts; the count itself is kept.
    return updateIds(QStringLiteral("UPDATE messages SET status = 'queued', next_attempt_at = NULL, "
                                    "due_at = not_before, retry_base = attempts, revision = ? "
                                    "WHERE id = ? AND status IN ('queued','deferred','failed','interrupted',"
                                    "'cancelled')"),
                     ids);
}

Result<int> SqlMailStore::retryAllFailed()
{
    if (m_schemaFailure)
        return *m_schemaFailure;
    const QString what = QCoreApplication::translate("MailStore", "retry failed messages");
    QueueWrite w(m_db);
    if (auto f = w.begin(what))
        return *f;
    QSqlQuery q(m_db);
    q.prepare(
        QStringLiteral("UPDATE messages SET status = 'queued', next_attempt_at = NULL, due_at = not_before, "
                       "retry_base = attempts, revision = ? WHERE status = 'failed'"));
    q.addBindValue(w.revision);
    if (!q.exec())
        return Database::sqlFailure(what, q.lastError());
    const int changed = q.numRowsAffected();
    q.finish();
    if (auto f = w.commit(what))
        return *f;
    return changed;
}

Result<int> SqlMailStore::cancel(const QList<qint64>& ids)
{
    return updateIds(
        QStringLiteral("UPDATE messages SET status = 'cancelled', due_at = NULL, "
                       "next_attempt_at = NULL, revision = ? "
                       "WHERE id = ? AND status IN ('queued','deferred','failed','interrupted')"),
        ids);
}

Result<int> SqlMailStore::markSent(const QList<qint64>& ids)
{
    return updateIds(
        QStringLiteral("UPDATE messages SET status = 'sent', sent_at = ?, due_at = NULL, "
                       "next_attempt_at = NULL, revision = ? WHERE id = ? AND status = 'interrupted'"),
        ids, {m_clock.now().toMSecsSinceEpoch()});
}

Result<int> SqlMailStore::remove(const QList<qint64>& ids)
{
    ensureOpen();
    if (m_schemaFailure)
        return *m_schemaFailure;
    if (ids.isEmpty())
        return 0;
    const QString what = QCoreApplication::translate("MailStore", "delete messages");
    QueueWrite w(m_db);
    if (auto f = w.begin(what))
        return *f;
    // A row being sent belongs to the worker until its outcome is recorded.
    QSqlQuery tomb(m_db);
    tomb.prepare(tombstoneSql(QStringLiteral("id = ? AND status <> 'sending'")));
    QSqlQuery del(m_db);
    del.prepare(QStringLiteral("DELETE FROM messages WHERE id = ? AND status <> 'sending'"));
    int changed = 0;
    const qint64 now = m_clock.now().toMSecsSinceEpoch();
    for (qint64 id : ids) {
        tomb.addBindValue(w.revision);
        tomb.addBindValue(now);
        tomb.addBindValue(id);
        if (!tomb.exec())
            return Database::sqlFailure(what, tomb.lastError());
        del.addBindValue(id);
        if (!del.exec())
            return Database::sqlFailure(what, del.lastError());
        changed += del.numRowsAffected();
    }
    tomb.finish();
    del.finish();
    if (auto f = w.commit(what))
        return *f;
    return changed;
}

Result<int> SqlMailStore::purgeSent(int olderThanDays)
{
    ensureOpen();
    if (m_schemaFailure)
        return *m_schemaFailure;
    const QString what = QCoreApplication::translate("MailStore", "purge sent messages");
    QueueWrite w(m_db);
    if (auto f = w.begin(what))
        return *f;
    const QDateTime now = m_clock.now();
    const qint64 cutoff = now.addDays(-std::max(0, olderThanDays)).toMSecsSinceEpoch();
    QSqlQuery q(m_db);
    q.prepare(tombstoneSql(QStringLiteral("status = 'sent' AND sent_at < ?")));
    q.addBindValue(w.revision);
    q.addBindValue(now.toMSecsSinceEpoch());
    q.addBindValue(cutoff);
    if (!q.exec())
        return Database::sqlFailure(what, q.lastError());
    q.prepare(QStringLiteral("DELETE FROM messages WHERE status = 'sent' AND sent_at < ?"));
    q.addBindValue(cutoff);
    if (!q.exec())
        return Database::sqlFailure(what, q.lastError());
    const int changed = q.numRowsAffected();
    // Views older than a week are reloaded anyway; keep the tombstone table small.
    q.prepare(QStringLiteral("DELETE FROM removed_messages WHERE removed_at < ?"));
    q.addBindValue(now.addDays(-7).toMSecsSinceEpoch());
    if (!q.exec())
        return Database::sqlFailure(what, q.lastError());
    q.finish();
    if (auto f = w.commit(what))
        return *f;
    return changed;
}

void SqlMailStore::setClaimant(const QString& workerId, qint64 leaseMs)
{
    m_workerId = workerId;
    m_leaseMs = std::max<qint64>(1000, leaseMs);
}

Result<Recovery> SqlMailStore::recoverAbandoned(bool all)
{
    ensureOpen();
    if (m_schemaFailure)
        return *m_schemaFailure;
    const QString what = QCoreApplication::translate("MailStore", "recover interrupted messages");
    const qint64 now = m_clock.now().toMSecsSinceEpoch(); // only the time a recovered sent row gets
    QString which = QStringLiteral("status = 'sending'");
    if (!all)
        which += QStringLiteral(" AND (lease_until IS NULL OR lease_until < %1)").arg(leaseNow());
    if (!all) {
        // Look before taking the write lock: most of the time no lease has expired.
        QSqlQuery probe(m_db);
        probe.prepare(QStringLiteral("SELECT 1 FROM messages WHERE ") + which + QStringLiteral(" LIMIT 1"));
        bindLeaseNow(probe);
        if (!probe.exec()) {
            Database::dropIfConnectionLost(probe.lastError());
            return Database::sqlFailure(what, probe.lastError());
        }
        if (!probe.next())
            return Recovery{};
    }
    QueueWrite w(m_db);
    if (auto f = w.begin(what))
        return *f;
    Recovery recovery;
    {
        QSqlQuery q(m_db);
        // FOR UPDATE on a server: a hand-over mark running at this moment either finishes first
        // (and this reads its mark, after waiting for it) or finds the row no longer held.
        q.prepare(QStringLiteral("SELECT id, handed_over FROM messages WHERE ") + which +
                  (Database::isServer() ? QStringLiteral(" ORDER BY id FOR UPDATE") : QString()));
        if (!all)
            bindLeaseNow(q);
        if (!q.exec())
            return Database::sqlFailure(what, q.lastError());
        while (q.next()) {
            const qint64 id = q.value(0).toLongLong();
            switch (q.value(1).toInt()) {
            case 0:
                recovery.requeued.append(id);
                break;
            case 2:
                recovery.sent.append(id);
                break;
            default:
                recovery.interrupted.append(id);
                break;
            }
        }
    }
    const QString released =
        QStringLiteral("claimed_by = NULL, claimed_from = NULL, lease_until = NULL, "
                       "handed_over = 0, revision = ? WHERE id = ? AND status = 'sending'");
    auto apply = [&](const QList<qint64>& ids, const QString& set,
                     const QVariantList& binds) -> std::optional<Failure> {
        if (ids.isEmpty())
            return std::nullopt;
        QSqlQuery q(m_db);
        q.prepare(QStringLiteral("UPDATE messages SET ") + set + released);
        for (qint64 id : ids) {
            for (const QVariant& v : binds)
                q.addBindValue(v);
            q.addBindValue(w.revision);
            q.addBindValue(id);
            if (!q.exec())
                return Database::sqlFailure(what, q.lastError());
        }
        return std::nullopt;
    };
    // Never handed over: waiting again exactly as before the claim (its status, due time, attempts).
    if (auto f = apply(recovery.requeued,
                       QStringLiteral("due_at = ") +
                           Database::greatestSql(QStringLiteral("not_before"),
                                                 QStringLiteral("COALESCE(next_attempt_at, 0)")) +
                           QStringLiteral(", status = COALESCE(claimed_from, 'queued'), "),
                       {}))
        return *f;
    // Accepted by the server before the worker stopped: sent, and the row says how it was learnt.
    if (auto f = apply(recovery.sent,
                       QStringLiteral("status = 'sent', sent_at = ?, due_at = NULL, next_attempt_at = NULL, "
                                      "last_error = '', error_json = '', acceptance = ?, "),
                       {now, QCoreApplication::translate(
                                 "MailStore", "accepted by the server; recorded after its worker stopped")}))
        return *f;
    if (!recovery.interrupted.isEmpty()) {
        // The structured error says the same as the text, so the detail pane's hint explains this
        // row's state (outcome unknown), not the error of an earlier attempt.
        SmtpError e;
        e.kind = SmtpErrorKind::ConnectionClosed;
        e.phase = SmtpPhase::Data;
        e.transient = true;
        e.outcomeUnknown = true;
        e.detail = QCoreApplication::translate(
            "MailStore", "the worker stopped while this message was being sent; it may or may not have "
                         "been delivered");
        if (auto f =
                apply(recovery.interrupted,
                      QStringLiteral("status = 'interrupted', due_at = NULL, last_error = ?, error_json = ?, "
                                     "error_phase = 'data', error_code = NULL, error_enhanced = NULL, "
                                     "error_text = NULL, error_transient = 1, "),
                      {e.detail, errorJson(e)}))
            return *f;
    }
    if (auto f = w.commit(what))
        return *f;
    return recovery;
}

Result<QList<qint64>> SqlMailStore::recoverInterrupted()
{
    auto recovery = recoverAbandoned(true);
    if (!recovery)
        return recovery.error();
    return recovery->all();
}

Result<bool> SqlMailStore::markHandedOver(qint64 id, const QList<qint64>& accepted)
{
    ensureOpen();
    const QString what = QCoreApplication::translate("MailStore", "record send results");
    // One statement per message (it runs once for every message sent): the accepted rows become
    // 2, this one 1, all fenced by this worker's claim. PostgreSQL says which rows it changed
    // (RETURNING); SQLite and MariaDB only how many, which tells the same unless an accepted row
    // was taken by another worker meanwhile, when one more look settles it. (On SQLite, RETURNING
    // cost a temporary table and a row read per mark: a fifth of the worker's CPU per message.)
    const bool countOnly = Database::dialect() != SqlDialect::PostgreSql;
    QSqlQuery*& q = m_markQueries[accepted.size()];
    if (!q) {
        QString acceptedTerm;
        if (!accepted.isEmpty()) {
            acceptedTerm = QStringLiteral(" OR id IN (%1)").arg(Database::placeholders(accepted.size()));
        }
        q = new QSqlQuery(m_db);
        // handed_over = 0: a row is handed over once per claim, so a second copy of the same claim
        // (a worker that paused past its lease and claimed the row again) cannot start it.
        q->prepare(QStringLiteral("UPDATE messages SET handed_over = CASE WHEN id = ? THEN 1 ELSE 2 END "
                                  "WHERE %4 AND COALESCE(claimed_by, '') = ? AND "
                                  "((id = ? AND lease_until >= %3 AND handed_over = 0)%1)%2")
                       .arg(acceptedTerm, countOnly ? QString() : QStringLiteral(" RETURNING id"), leaseNow(),
                            sendingByKey(QString())));
    }
    q->addBindValue(id);
    q->addBindValue(nonNull(m_workerId));
    q->addBindValue(id);
    bindLeaseNow(*q);
    for (qint64 a : accepted)
        q->addBindValue(a);
    if (!q->exec()) {
        const QSqlError error = q->lastError();
        return Database::sqlFailure(what, error);
    }
    bool held = false;
    if (countOnly) {
        held = q->numRowsAffected() == accepted.size() + 1;
        if (!held && q->numRowsAffected() > 0) {
            // Fewer rows than asked: this one, or an accepted one, was not ours. The accepted rows
            // still ours were all changed (to 2); whatever else changed is this one. (Reading this
            // row's mark would not do: it may have been 1 already, from another copy of the claim.)
            QSqlQuery check(m_db);
            check.prepare(
                QStringLiteral("SELECT count(*) FROM messages WHERE id IN (%1) AND status = 'sending' "
                               "AND COALESCE(claimed_by, '') = ?")
                    .arg(Database::placeholders(accepted.size())));
            for (qint64 a : accepted)
                check.addBindValue(a);
            check.addBindValue(nonNull(m_workerId));
            if (!check.exec() || !check.next())
                return Database::sqlFailure(what, check.lastError());
            held = q->numRowsAffected() - check.value(0).toLongLong() == 1;
        }
    } else {
        while (q->next())
            held = held || q->value(0).toLongLong() == id;
        if (q->lastError().isValid()) {
            const QSqlError error = q->lastError();
            q->finish();
            return Database::sqlFailure(what, error);
        }
    }
    q->finish();
    return held;
}

Result<QSet<qint64>> SqlMailStore::markHandedOverGroup(const QList<qint64>& ids,
                                                       const QList<qint64>& accepted)
{
    if (ids.size() == 1)
        return markOneOfGroup(ids.first(), accepted);
    ensureOpen();
    const QString what = QCoreApplication::translate("MailStore", "record send results");
    const bool returning = Database::dialect() == SqlDialect::PostgreSql;
    // Prepared once per shape and kept, beside the single marks (a group has at least two rows):
    // prepared anew for every group, PostgreSQL planned each one and the server's CPU per message
    // rose by a third.
    QSqlQuery*& cached = m_markQueries[(ids.size() << 20) | accepted.size()];
    if (!cached) {
        cached = new QSqlQuery(m_db);
        if (!cached->prepare(
                QStringLiteral("UPDATE messages SET handed_over = CASE WHEN id IN (%1) THEN 1 ELSE 2 END "
                               "WHERE %2 AND COALESCE(claimed_by, '') = ? AND "
                               "((id IN (%1) AND lease_until >= %3 AND handed_over = 0)%4)%5")
                    .arg(Database::placeholders(ids.size()), sendingByKey(QString()), leaseNow(),
                         accepted.isEmpty()
                             ? QString()
                             : QStringLiteral(" OR id IN (%1)").arg(Database::placeholders(accepted.size())),
                         returning ? QStringLiteral(" RETURNING id, handed_over") : QString()))) {
            const QSqlError error = cached->lastError();
            delete cached;
            cached = nullptr;
            return Database::sqlFailure(what, error);
        }
    }
    QSqlQuery& q = *cached;
    for (qint64 id : ids)
        q.addBindValue(id);
    q.addBindValue(nonNull(m_workerId));
    for (qint64 id : ids)
        q.addBindValue(id);
    bindLeaseNow(q);
    for (qint64 a : accepted)
        q.addBindValue(a);
    if (!q.exec())
        return Database::sqlFailure(what, q.lastError());
    QSet<qint64> held;
    if (returning) {
        while (q.next()) {
            if (q.value(1).toInt() == 1)
                held.insert(q.value(0).toLongLong());
        }
        const QSqlError error = q.lastError();
        q.finish();
        if (error.isValid())
            return Database::sqlFailure(what, error);
        return held;
    }
    if (q.numRowsAffected() == ids.size() + accepted.size()) {
        for (qint64 id : ids)
            held.insert(id);
        return held;
    }
    // Fewer rows than asked: read which of the group are marked and still this worker's.
    QSqlQuery check(m_db);
    check.prepare(QStringLiteral("SELECT id FROM messages WHERE id IN (%1) AND status = 'sending' AND "
                                 "COALESCE(claimed_by, '') = ? AND handed_over = 1 AND lease_until >= %2")
                      .arg(Database::placeholders(ids.size()), leaseNow()));
    for (qint64 id : ids)
        check.addBindValue(id);
    check.addBindValue(nonNull(m_workerId));
    bindLeaseNow(check);
    if (!check.exec())
        return Database::sqlFailure(what, check.lastError());
    while (check.next())
        held.insert(check.value(0).toLongLong());
    return held;
}

Status SqlMailStore::registerWorker(const WorkerInfo& info)
{
    ensureOpen();
    return workerregistry::registerWorker(m_db, info, m_clock.now());
}

Status SqlMailStore::heartbeat(const WorkerInfo& info)
{
    ensureOpen();
    const QString what = QCoreApplication::translate("MailStore", "renew the worker's claims");
    const qint64 now = m_clock.now().toMSecsSinceEpoch();
    if (auto s = workerregistry::heartbeat(m_db, info, now); !s) {
        if (!m_db.isOpen())
            resetConnection();
        return s;
    }
    // Renew only rows still held: a row another worker recovered stays theirs, and a lease that
    // ran out stays out (another worker may be recovering it right now).
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE messages SET lease_until = %1 + ? WHERE status = 'sending' AND "
                             "claimed_by = ? AND lease_until >= %1")
                  .arg(leaseNow()));
    bindLeaseNow(q);
    q.addBindValue(m_leaseMs);
    q.addBindValue(info.id);
    bindLeaseNow(q);
    if (!q.exec())
        return Database::sqlFailure(what, q.lastError());
    return success();
}

Status SqlMailStore::unregisterWorker(const WorkerInfo& info)
{
    ensureOpen();
    return workerregistry::unregisterWorker(m_db, info, m_clock.now().toMSecsSinceEpoch());
}

Result<QList<WorkerInfo>> SqlMailStore::workers()
{
    ensureOpen();
    return workerregistry::list(m_db, m_clock.now());
}

Result<int> SqlMailStore::takeSendSlots(int wanted, int perMinute)
{
    ensureOpen();
    return workerregistry::takeSendSlots(m_db, wanted, perMinute, m_clock.now().toMSecsSinceEpoch());
}

std::optional<Failure> SqlMailStore::recordOnServer(const QList<AttemptRecord>& outcomes, qint64 revision)
{
    const QString what = QCoreApplication::translate("MailStore", "record send results");
    QJsonArray rows;
    for (const AttemptRecord& r : outcomes) {
        if (r.handBack)
            continue;
        const bool waiting = r.status == MessageStatus::Queued || r.status == MessageStatus::Deferred;
        auto msOrNull = [](const QDateTime& t) {
            return t.isValid() ? QJsonValue(t.toMSecsSinceEpoch()) : QJsonValue();
        };
        QByteArray delivered;
        for (const QByteArray& address : r.acceptedRecipients)
            delivered += address + '\n';
        QJsonObject o{{QStringLiteral("id"), r.id},
                      {QStringLiteral("status"), toString(r.status)},
                      {QStringLiteral("attempts"), r.attempts},
                      {QStringLiteral("last"), r.countsAsAttempt ? msOrNull(r.attemptedAt) : QJsonValue()},
                      {QStringLiteral("next"), msOrNull(r.nextAttemptAt)},
                      {QStringLiteral("waiting"), waiting ? 1 : 0},
                      {QStringLiteral("sent"),
                       r.status == MessageStatus::Sent ? msOrNull(r.attemptedAt) : QJsonValue()},
                      {QStringLiteral("acc"), r.acceptanceLine},
                      {QStringLiteral("refused"), refusalsJson(r.refusedRecipients)},
                      {QStringLiteral("hast"), r.transcript.isEmpty() ? 0 : 1},
                      {QStringLiteral("tr"), boundedTranscript(r.transcript)},
                      {QStringLiteral("deliv"), QString::fromUtf8(delivered)},
                      {QStringLiteral("hist"), r.countsAsAttempt ? 1 : 0},
                      {QStringLiteral("hat"),
                       (r.attemptedAt.isValid() ? r.attemptedAt : m_clock.now()).toMSecsSinceEpoch()},
                      {QStringLiteral("hout"), r.error ? r.error->summary() : r.acceptanceLine}};
        if (r.error) {
            o.insert(QStringLiteral("phase"), toString(r.error->phase));
            o.insert(QStringLiteral("code"), r.error->code);
            o.insert(QStringLiteral("enhanced"), r.error->enhancedCode);
            o.insert(QStringLiteral("etext"), r.error->serverText);
            o.insert(QStringLiteral("transient"), r.error->transient ? 1 : 0);
            o.insert(QStringLiteral("ejson"), errorJson(*r.error));
            o.insert(QStringLiteral("lerr"), r.error->summary());
        } else {
            o.insert(QStringLiteral("ejson"), QString());
            o.insert(QStringLiteral("lerr"), temporaryRefusalSummary(r.refusedRecipients));
        }
        rows.append(o);
    }
    if (rows.isEmpty())
        return std::nullopt;
    const QString json = QString::fromUtf8(QJsonDocument(rows).toJson(QJsonDocument::Compact));
    const bool pg = Database::dialect() == SqlDialect::PostgreSql;
    // The rows as a table: PostgreSQL's json_to_recordset, MariaDB's JSON_TABLE.
    auto table = [pg](const QList<std::pair<const char*, const char*>>& columns) {
        QStringList parts;
        for (const auto& [name, type] : columns) {
            if (pg)
                parts.append(QStringLiteral("%1 %2").arg(QLatin1String(name), QLatin1String(type)));
            else
                parts.append(QStringLiteral("%1 %2 PATH '$.%1'")
                                 .arg(QLatin1String(name), QLatin1String(type) == QLatin1String("text")
                                                               ? QStringLiteral("LONGTEXT")
                                                               : QString::fromLatin1(type)));
        }
        return pg ? QStringLiteral("json_to_recordset(CAST(? AS json)) AS v(%1)").arg(parts.join(u','))
                  : QStringLiteral("JSON_TABLE(?, '$[*]' COLUMNS(%1)) AS v").arg(parts.join(u','));
    };
    QStringList idList;
    for (const QJsonValue& row : std::as_const(rows))
        idList.append(QString::number(row.toObject().value(QStringLiteral("id")).toInteger()));
    const QString set =
        QStringLiteral(
            "%1status = v.status, %1attempts = v.attempts, "
            "%1last_attempt_at = COALESCE(v.last, m.last_attempt_at), %1next_attempt_at = v.next, "
            "%1due_at = CASE WHEN v.waiting = 1 THEN GREATEST(m.not_before, COALESCE(v.next, 0)) ELSE NULL "
            "END, "
            "%1sent_at = v.sent, %1error_phase = v.phase, %1error_code = v.code, "
            "%1error_enhanced = v.enhanced, %1error_text = v.etext, %1error_transient = v.transient, "
            "%1error_json = v.ejson, %1last_error = v.lerr, %1acceptance = v.acc, "
            "%1refused_recipients = v.refused, "
            "%1transcript = CASE WHEN v.hast = 1 THEN v.tr ELSE m.transcript END, "
            "%1delivered_rcpts = m.delivered_rcpts || v.deliv, %1claimed_by = NULL, "
            "%1claimed_from = NULL, %1lease_until = NULL, %1handed_over = 0, %1revision = ?")
            .arg(pg ? QString() : QStringLiteral("m."));
    const QList<std::pair<const char*, const char*>> historyColumns{{"id", "bigint"},  {"hist", "int"},
                                                                    {"hat", "bigint"}, {"status", "text"},
                                                                    {"hout", "text"},  {"tr", "text"}};
    const QList<std::pair<const char*, const char*>> outcomeColumns{
        {"attempts", "int"}, {"last", "bigint"},   {"next", "bigint"}, {"waiting", "int"},
        {"sent", "bigint"},  {"phase", "text"},    {"code", "int"},    {"enhanced", "text"},
        {"etext", "text"},   {"transient", "int"}, {"ejson", "text"},  {"lerr", "text"},
        {"acc", "text"},     {"refused", "text"},  {"hast", "int"},    {"deliv", "text"}};
    if (pg) {
        // One statement, prepared once: the rows parsed once (MATERIALIZED; joined directly, the
        // planner re-ran the JSON function for every row it joined, a batch cost 16 parses of
        // itself), the ids as an array parameter (inlined, every batch was a new statement to plan)
        // and the history written by a CTE, which reads the rows as they were before the UPDATE.
        QSqlQuery& q = cached(
            RecordOnServer,
            QStringLiteral(
                "WITH v AS MATERIALIZED (SELECT * FROM %1), "
                "h AS (INSERT INTO attempts(message, attempted_at, status, outcome, transcript) "
                "SELECT m.id, v.hat, v.status, v.hout, v.tr FROM messages m JOIN v ON m.id = v.id "
                "WHERE v.hist = 1 AND m.id = ANY(CAST(? AS bigint[])) AND %3 "
                "AND COALESCE(m.claimed_by, '') = ?) "
                "UPDATE messages AS m SET %2 FROM v WHERE m.id = v.id AND m.id = ANY(CAST(? AS bigint[])) "
                "AND %3 AND COALESCE(m.claimed_by, '') = ?")
                .arg(table(historyColumns + outcomeColumns), set, sendingByKey(QStringLiteral("m."))));
        const QString ids = u'{' + idList.join(u',') + u'}';
        q.addBindValue(json);
        q.addBindValue(ids);
        q.addBindValue(nonNull(m_workerId));
        q.addBindValue(revision);
        q.addBindValue(ids);
        q.addBindValue(nonNull(m_workerId));
        const bool ok = q.exec();
        q.finish();
        if (!ok)
            return Database::sqlFailure(what, q.lastError());
        return std::nullopt;
    }
    // The ids once more as a plain list, so the planner looks the rows up by key instead of
    // scanning the queue to join it with a function's rows of unknown count.
    const QString fence =
        QStringLiteral("m.id IN (%1) AND m.status = 'sending' AND COALESCE(m.claimed_by, '') = ?")
            .arg(idList.join(u','));
    // The history first, while the rows are still `sending` (a fenced-out write records none).
    QSqlQuery history(m_db);
    // The JSON rows first (STRAIGHT_JOIN), each finding its row by key: joined the other way round,
    // MariaDB copied them into a temporary table on disk (text columns) and scanned it for every
    // row, 16 ms a batch of 32.
    history.prepare(QStringLiteral("INSERT INTO attempts(message, attempted_at, status, outcome, transcript) "
                                   "SELECT m.id, v.hat, v.status, v.hout, v.tr FROM ") +
                    table(historyColumns) +
                    QStringLiteral(" STRAIGHT_JOIN messages m ON m.id = v.id WHERE v.hist = 1 AND ") + fence);
    history.addBindValue(json);
    history.addBindValue(nonNull(m_workerId));
    if (!history.exec())
        return Database::sqlFailure(what, history.lastError());
    QSqlQuery update(m_db);
    update.prepare(QStringLiteral("UPDATE ") +
                   table(QList<std::pair<const char*, const char*>>{
                             {"id", "bigint"}, {"status", "text"}, {"tr", "text"}} +
                         outcomeColumns) +
                   QStringLiteral(" STRAIGHT_JOIN messages m ON m.id = v.id SET ") + set +
                   QStringLiteral(" WHERE ") + fence);
    update.addBindValue(json);
    update.addBindValue(revision);
    update.addBindValue(nonNull(m_workerId));
    if (!update.exec())
        return Database::sqlFailure(what, update.lastError());
    return std::nullopt;
}

void SqlMailStore::ensureOpen()
{
    // A lost server connection was closed where its error was reported; open a new one.
    if (!m_db.isOpen())
        resetConnection();
}

void SqlMailStore::resetConnection()
{
    qDeleteAll(m_cache);
    m_cache.fill(nullptr);
    qDeleteAll(m_markQueries);
    m_markQueries.clear();
    qDeleteAll(m_claimQueries);
    m_claimQueries.clear();
    m_db = Database::connection();
}

Result<QList<ClaimedMessage>> SqlMailStore::recordAndClaim(const QList<AttemptRecord>& outcomes, int limit)
{
    if (m_schemaFailure)
        return *m_schemaFailure;
    ensureOpen();
    const QString what = QCoreApplication::translate("MailStore", "record send results");
    if (outcomes.isEmpty()) {
        // An idle worker polls; look before taking the write lock (and bumping the revision).
        QSqlQuery probe(m_db);
        probe.prepare(
            QStringLiteral("SELECT 1 FROM messages WHERE due_at IS NOT NULL AND due_at <= ? LIMIT 1"));
        probe.addBindValue(m_clock.now().toMSecsSinceEpoch());
        if (!probe.exec())
            return Database::sqlFailure(what, probe.lastError());
        if (limit <= 0 || !probe.next())
            return QList<ClaimedMessage>{};
    }
    QueueWrite w(m_db);
    if (auto f = w.begin(what))
        return *f;
    QSqlQuery& rec =
        cached(RecordOutcome,
               QStringLiteral("UPDATE messages SET status = ?, attempts = ?, "
                              "last_attempt_at = COALESCE(?, last_attempt_at), next_attempt_at = ?, "
                              "due_at = CASE WHEN ? = 1 THEN ") +
                   // The bound time is milliseconds: PostgreSQL would type a bare ? here from the 0
                   // (a 32-bit integer) and refuse every deferred outcome as out of range.
                   Database::greatestSql(QStringLiteral("not_before"),
                                         QStringLiteral("COALESCE(%1, 0)").arg(intParam())) +
                   QStringLiteral(
                       " ELSE NULL END, "
                       "sent_at = ?, error_phase = ?, error_code = ?, error_enhanced = ?, error_text = ?, "
                       "error_transient = ?, error_json = ?, last_error = ?, acceptance = ?, "
                       "refused_recipients = ?, transcript = CASE WHEN ? = 1 THEN ? ELSE transcript END, "
                       "delivered_rcpts = delivered_rcpts || ?, claimed_by = NULL, claimed_from = NULL, "
                       "lease_until = NULL, handed_over = 0, "
                       "revision = ? WHERE id = ? AND status = 'sending' AND COALESCE(claimed_by, '') = ?"));
    QSqlQuery& back = cached(
        HandBack, QStringLiteral("UPDATE messages SET status = ?, due_at = ") +
                      Database::greatestSql(QStringLiteral("not_before"),
                                            QStringLiteral("COALESCE(next_attempt_at, 0)")) +
                      QStringLiteral(", claimed_by = NULL, claimed_from = NULL, lease_until = NULL, "
                                     "handed_over = 0, revision = ? WHERE id = ? AND status = 'sending' "
                                     "AND COALESCE(claimed_by, '') = ?"));
    // The common outcome (accepted by every recipient, nothing to carry over) with a third of the
    // bound values: binding costs more than the update itself when thousands are recorded a second.
    QSqlQuery& sent =
        cached(RecordSent,
               QStringLiteral("UPDATE messages SET status = 'sent', attempts = ?, last_attempt_at = ?, "
                              "next_attempt_at = NULL, due_at = NULL, sent_at = ?, error_phase = NULL, "
                              "error_code = NULL, error_enhanced = NULL, error_text = NULL, "
                              "error_transient = NULL, error_json = '', last_error = '', acceptance = ?, "
                              "refused_recipients = '[]', transcript = ?, claimed_by = NULL, "
                              "claimed_from = NULL, lease_until = NULL, handed_over = 0, revision = ? "
                              "WHERE id = ? AND status = 'sending' AND COALESCE(claimed_by, '') = ?"));
    QSqlQuery& history =
        cached(RecordAttempt,
               QStringLiteral("INSERT INTO attempts(message, attempted_at, status, outcome, transcript) "
                              "SELECT id, %1, ?, ?, ? FROM messages WHERE id = ? AND status = 'sending' "
                              "AND COALESCE(claimed_by, '') = ?")
                   .arg(intParam()));
    const QVariant nullText{QMetaType(QMetaType::QString)};
    const QVariant nullInt{QMetaType(QMetaType::Int)};
    // A server answers each statement over the network: the outcomes go in two statements for the
    // whole batch there (a JSON document of rows), instead of two per row.
    const bool batched = Database::isServer();
    if (batched) {
        if (auto f = recordOnServer(outcomes, w.revision))
            return *f;
    }
    for (const AttemptRecord& r : outcomes) {
        if (batched && !r.handBack)
            continue;
        if (!r.handBack && r.countsAsAttempt) {
            // Before the row leaves `sending`, so a fenced-out write records no history either.
            history.addBindValue(ms(r.attemptedAt.isValid() ? r.attemptedAt : m_clock.now()));
            history.addBindValue(toString(r.status));
            history.addBindValue(nonNull(r.error ? r.error->summary() : r.acceptanceLine));
            history.addBindValue(nonNull(boundedTranscript(r.transcript)));
            history.addBindValue(r.id);
            history.addBindValue(nonNull(m_workerId));
            if (!history.exec())
                return Database::sqlFailure(what, history.lastError());
        }
        if (r.handBack) {
            back.addBindValue(toString(r.status));
            back.addBindValue(w.revision);
            back.addBindValue(r.id);
            back.addBindValue(nonNull(m_workerId));
            if (!back.exec())
                return Database::sqlFailure(what, back.lastError());
            continue;
        }
        if (r.status == MessageStatus::Sent && r.countsAsAttempt && r.attemptedAt.isValid() && !r.error &&
            !r.nextAttemptAt.isValid() && r.refusedRecipients.isEmpty() && r.acceptedRecipients.isEmpty() &&
            !r.transcript.isEmpty()) {
            sent.addBindValue(r.attempts);
            sent.addBindValue(r.attemptedAt.toMSecsSinceEpoch());
            sent.addBindValue(r.attemptedAt.toMSecsSinceEpoch());
            sent.addBindValue(nonNull(r.acceptanceLine));
            sent.addBindValue(boundedTranscript(r.transcript));
            sent.addBindValue(w.revision);
            sent.addBindValue(r.id);
            sent.addBindValue(nonNull(m_workerId));
            if (!sent.exec())
                return Database::sqlFailure(what, sent.lastError());
            continue;
        }
        const bool waiting = r.status == MessageStatus::Queued || r.status == MessageStatus::Deferred;
        rec.addBindValue(toString(r.status));
        rec.addBindValue(r.attempts);
        rec.addBindValue(r.countsAsAttempt ? ms(r.attemptedAt) : ms({}));
        rec.addBindValue(ms(r.nextAttemptAt));
        rec.addBindValue(waiting ? 1 : 0);
        rec.addBindValue(ms(r.nextAttemptAt));
        rec.addBindValue(r.status == MessageStatus::Sent ? ms(r.attemptedAt) : ms({}));
        if (r.error) {
            rec.addBindValue(toString(r.error->phase));
            rec.addBindValue(r.error->code);
            rec.addBindValue(r.error->enhancedCode);
            rec.addBindValue(r.error->serverText);
            rec.addBindValue(r.error->transient ? 1 : 0);
            rec.addBindValue(errorJson(*r.error));
            rec.addBindValue(nonNull(r.error->summary()));
        } else {
            rec.addBindValue(nullText);
            rec.addBindValue(nullInt);
            rec.addBindValue(nullText);
            rec.addBindValue(nullText);
            rec.addBindValue(nullInt);
            rec.addBindValue(nonNull({}));
            rec.addBindValue(nonNull(temporaryRefusalSummary(r.refusedRecipients)));
        }
        rec.addBindValue(nonNull(r.acceptanceLine));
        rec.addBindValue(refusalsJson(r.refusedRecipients));
        rec.addBindValue(r.transcript.isEmpty() ? 0 : 1);
        rec.addBindValue(nonNull(boundedTranscript(r.transcript)));
        QByteArray delivered;
        for (const QByteArray& address : r.acceptedRecipients)
            delivered += address + '\n';
        rec.addBindValue(nonNull(QString::fromUtf8(delivered)));
        rec.addBindValue(w.revision);
        rec.addBindValue(r.id);
        rec.addBindValue(nonNull(m_workerId));
        if (!rec.exec())
            return Database::sqlFailure(what, rec.lastError());
    }
    rec.finish();
    sent.finish();
    back.finish();
    history.finish();

    QList<ClaimedMessage> claimed;
    // The columns a claim reads, in this order (readClaimed).
    const QString claimColumns =
        QStringLiteral("m.id, m.envelope_from, m.envelope_rcpts, m.needs_8bitmime, m.needs_smtputf8, "
                       "m.attempts, m.retry_base, m.size, %1, m.delivered_rcpts");
    auto readClaimed = [](const QSqlQuery& row) {
        ClaimedMessage c;
        c.outgoing.id = row.value(0).toLongLong();
        c.outgoing.mailFrom = row.value(1).toString().toUtf8();
        const QByteArray rcpts = row.value(2).toString().toUtf8();
        const QList<QByteArray> delivered = row.value(9).toString().toUtf8().split('\n');
        for (const QByteArray& r : rcpts.split('\n')) {
            // Recipients that already have it (an earlier, partly delivered attempt) are skipped.
            if (!r.isEmpty() && !delivered.contains(r))
                c.outgoing.recipients.append(r);
        }
        c.outgoing.needs8BitMime = row.value(3).toBool();
        c.outgoing.needsSmtpUtf8 = row.value(4).toBool();
        c.attempts = row.value(5).toInt();
        c.roundAttempts = std::max(0, c.attempts - row.value(6).toInt());
        c.size = row.value(7).toLongLong();
        c.previousStatus = messageStatusFromString(row.value(8).toString()).value_or(MessageStatus::Queued);
        return c;
    };
    if (limit > 0 && Database::dialect() == SqlDialect::PostgreSql) {
        // One statement, prepared once, for the whole claim: the due rows no other transaction
        // holds, taken and read back (their old status in claimed_from; the claim's order by the
        // old due time, which the UPDATE clears). MATERIALIZED: the locked rows are chosen once.
        QSqlQuery& take =
            cached(ClaimOnServer,
                   QStringLiteral(
                       "WITH c AS MATERIALIZED (SELECT id, due_at FROM messages WHERE due_at IS NOT NULL AND "
                       "due_at <= ? "
                       "ORDER BY due_at, id LIMIT ? FOR UPDATE SKIP LOCKED) "
                       "UPDATE messages AS m SET claimed_from = m.status, status = 'sending', due_at = NULL, "
                       "claimed_by = ?, lease_until = %1 + ?, handed_over = 0, revision = ? FROM c "
                       "WHERE m.id = c.id RETURNING %2, c.due_at")
                       .arg(leaseNow(), claimColumns.arg(QStringLiteral("m.claimed_from"))));
        take.addBindValue(m_clock.now().toMSecsSinceEpoch());
        take.addBindValue(limit);
        take.addBindValue(nonNull(m_workerId));
        take.addBindValue(m_leaseMs);
        take.addBindValue(w.revision);
        if (!take.exec())
            return Database::sqlFailure(what, take.lastError());
        QList<std::pair<qint64, ClaimedMessage>> due;
        while (take.next())
            due.append({take.value(10).toLongLong(), readClaimed(take)});
        take.finish();
        std::sort(due.begin(), due.end(), [](const auto& a, const auto& b) {
            return a.first != b.first ? a.first < b.first : a.second.outgoing.id < b.second.outgoing.id;
        });
        for (auto& [dueAt, c] : due)
            claimed.append(std::move(c));
    } else if (limit > 0) {
        QSqlQuery& sel = cached(
            ClaimSelect, QStringLiteral("SELECT ") + claimColumns.arg(QStringLiteral("m.status")) +
                             QStringLiteral(" FROM messages m WHERE m.due_at IS NOT NULL AND m.due_at <= ? "
                                            "ORDER BY m.due_at, m.id LIMIT ?") +
                             // Many workers: each takes rows no other transaction holds, without waiting.
                             (Database::isServer() ? QStringLiteral(" FOR UPDATE SKIP LOCKED") : QString()));
        sel.addBindValue(m_clock.now().toMSecsSinceEpoch());
        sel.addBindValue(limit);
        if (!sel.exec())
            return Database::sqlFailure(what, sel.lastError());
        while (sel.next())
            claimed.append(readClaimed(sel));
        sel.finish();
        if (!claimed.isEmpty()) {
            // One statement for the whole claim (on SQLite too: a statement per row cost more in
            // binding and stepping than the rows' own index updates), prepared once per claim size.
            QSqlQuery*& many = m_claimQueries[claimed.size()];
            if (!many) {
                many = new QSqlQuery(m_db);
                many->prepare(
                    QStringLiteral(
                        "UPDATE messages SET claimed_from = status, status = 'sending', due_at = NULL, "
                        "claimed_by = ?, lease_until = %2 + ?, handed_over = 0, revision = ? "
                        "WHERE id IN (%1)")
                        .arg(Database::placeholders(claimed.size()), leaseNow()));
            }
            many->addBindValue(nonNull(m_workerId));
            bindLeaseNow(*many);
            many->addBindValue(m_leaseMs);
            many->addBindValue(w.revision);
            for (const ClaimedMessage& c : std::as_const(claimed))
                many->addBindValue(c.outgoing.id);
            const bool ok = many->exec();
            many->finish();
            if (!ok)
                return Database::sqlFailure(what, many->lastError());
        }
    }
    if (auto f = w.commit(what))
        return *f;
    return claimed;
}

Result<QByteArray> SqlMailStore::messageBody(qint64 id)
{
    ensureOpen();
    QSqlQuery& q = cached(ReadBody, QStringLiteral("SELECT raw FROM message_bodies WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec())
        return Database::sqlFailure(QCoreApplication::translate("MailStore", "read message"), q.lastError());
    QByteArray raw = q.next() ? q.value(0).toByteArray() : QByteArray();
    q.finish();
    return raw;
}

// One statement for a batch: a query per message cost
// the worker more than the bytes it read.
Result<QHash<qint64, QByteArray>> SqlMailStore::messageBodies(const QList<qint64>& ids)
{
    ensureOpen();
    // The ids as one bound value, so the statement is prepared once whatever their number: a JSON
    // array (SQLite's json_each, MariaDB's JSON_TABLE) or PostgreSQL's array literal.
    const bool pg = Database::dialect() == SqlDialect::PostgreSql;
    QByteArray list = pg ? "{" : "[";
    for (const qint64 id : ids) {
        if (list.size() > 1)
            list += ',';
        list += QByteArray::number(id);
    }
    list += pg ? '}' : ']';
    QString idRows;
    switch (Database::dialect()) {
    case SqlDialect::Sqlite:
        idRows = QStringLiteral("IN (SELECT value FROM json_each(?))");
        break;
    case SqlDialect::PostgreSql:
        idRows = QStringLiteral("= ANY(CAST(? AS bigint[]))");
        break;
    case SqlDialect::MariaDb:
        idRows =
            QStringLiteral("IN (SELECT j.id FROM JSON_TABLE(?, '$[*]' COLUMNS(id BIGINT PATH '$')) AS j)");
        break;
    }
    QSqlQuery& q =
        cached(ReadBodies, QStringLiteral("SELECT id, raw FROM message_bodies WHERE id ") + idRows);
    q.addBindValue(QString::fromLatin1(list));
    if (!q.exec())
        return Database::sqlFailure(QCoreApplication::translate("MailStore", "read message"), q.lastError());
    QHash<qint64, QByteArray> bodies;
    bodies.reserve(ids.size());
    while (q.next())
        bodies.insert(q.value(0).toLongLong(), q.value(1).toByteArray());
    q.finish();
    return bodies;
}

Result<qint64> SqlMailStore::sentSince(const QDateTime& since)
{
    QSqlQuery q(m_db);
    ensureOpen();
    q.prepare(QStringLiteral("SELECT count(*) FROM messages WHERE (sent_at IS NOT NULL AND sent_at >= ?) "
                             "OR status = 'sending'"));
    q.addBindValue(since.toMSecsSinceEpoch());
    if (!q.exec() || !q.next())
        return Database::sqlFailure(QCoreApplication::translate("MailStore", "count sent messages"),
                                    q.lastError());
    return q.value(0).toLongLong();
}

Result<qint64> SqlMailStore::dueCount()
{
    ensureOpen();
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT count(*) FROM messages WHERE due_at IS NOT NULL AND due_at <= ?"));
    q.addBindValue(m_clock.now().toMSecsSinceEpoch());
    if (!q.exec() || !q.next())
        return Database::sqlFailure(QCoreApplication::translate("MailStore", "count due messages"),
                                    q.lastError());
    return q.value(0).toLongLong();
}

Result<QDateTime> SqlMailStore::nextDueAt()
{
    ensureOpen();
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT min(due_at) FROM messages WHERE due_at IS NOT NULL")) || !q.next())
        return Database::sqlFailure(QCoreApplication::translate("MailStore", "next due message"),
                                    q.lastError());
    return fromMs(q.value(0));
}

Result<QList<qint64>> SqlMailStore::wakeQueued()
{
    ensureOpen();
    if (m_schemaFailure)
        return *m_schemaFailure;
    const QString what = QCoreApplication::translate("MailStore", "release waiting messages");
    const qint64 now = m_clock.now().toMSecsSinceEpoch();
    QueueWrite w(m_db);
    if (auto f = w.begin(what))
        return *f;
    QList<qint64> ids;
    {
        QSqlQuery q(m_db);
        q.prepare(QStringLiteral("SELECT id FROM messages WHERE status = 'queued' AND due_at IS NOT NULL "
                                 "AND due_at > ? AND next_attempt_at IS NOT NULL AND next_attempt_at > ?"));
        q.addBindValue(now);
        q.addBindValue(now);
        if (!q.exec())
            return Database::sqlFailure(what, q.lastError());
        while (q.next())
            ids.append(q.value(0).toLongLong());
    }
    if (ids.isEmpty())
        return ids; // the Write rolls back: nothing changed, no revision used
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE messages SET next_attempt_at = NULL, due_at = not_before, revision = ? "
                             "WHERE id = ?"));
    for (qint64 id : std::as_const(ids)) {
        q.addBindValue(w.revision);
        q.addBindValue(id);
        if (!q.exec())
            return Database::sqlFailure(what, q.lastError());
    }
    q.finish();
    if (auto f = w.commit(what))
        return *f;
    return ids;
}

// The one place that picks the queue for the open database: ITFlow's own email_queue, or
// Outbound's tables (SQLite, PostgreSQL, MariaDB).
std::unique_ptr<QueueStore> openQueueStore(const MailSettings& settings, const Clock* clock)
{
    if (Database::isItflow())
        return std::make_unique<ItflowQueueStore>(settings, clock);
    return std::make_unique<SqlMailStore>(settings, clock);
}

std::unique_ptr<MailStore> openMailStore(const MailSettings& settings)
{
    return openQueueStore(settings);
}

Status ensureQueueSchema()
{
    if (Database::isItflow())
        return ItflowQueueStore::ensureSchema();
    return SqlMailStore::ensureSchema();
}

} // namespace outbound
