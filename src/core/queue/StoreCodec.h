#pragma once

#include "common/Database.h"
#include "smtp/SmtpTypes.h"

#include <QDateTime>
#include <QList>
#include <QSqlError>
#include <QSqlQuery>
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

// One write transaction on the queue (both SQL stores). BEGIN IMMEDIATE takes the write lock up front, so a
// concurrent writer waits on the busy timeout instead of failing later when a read upgrades to a write. Every
// write bumps the global revision once; rows changed in it carry that number.
class QueueWrite
{
public:
    explicit QueueWrite(QSqlDatabase& db) : m_db(db) {}
    ~QueueWrite()
    {
        if (m_open) {
            QSqlQuery q(m_db);
            q.exec(QStringLiteral("ROLLBACK"));
        }
    }
    Q_DISABLE_COPY_MOVE(QueueWrite)

    std::optional<Failure> begin(const QString& what)
    {
        QSqlQuery q(m_db);
        if (!q.exec(Database::beginWriteSql())) {
            Database::dropIfConnectionLost(q.lastError());
            return Database::sqlFailure(what, q.lastError());
        }
        m_open = true;
        // From here to COMMIT every other writer waits on this row: one round trip takes it and
        // reads the new number. PostgreSQL also queues the windows' notification here (delivered
        // at commit, dropped on rollback); MariaDB hands the number back as the statement's
        // LAST_INSERT_ID, which the client library reports without asking again.
        const QString state = Database::table(QStringLiteral("queue_state"));
        switch (Database::dialect()) {
        case SqlDialect::PostgreSql:
            if (!q.exec(QStringLiteral("UPDATE %1 SET revision = revision + 1 WHERE id = 1 "
                                       "RETURNING revision, pg_notify('outbound_queue', '')")
                            .arg(state)) ||
                !q.next())
                return Database::sqlFailure(what, q.lastError());
            revision = q.value(0).toLongLong();
            return std::nullopt;
        case SqlDialect::MariaDb:
            if (!q.exec(QStringLiteral("UPDATE %1 SET revision = LAST_INSERT_ID(revision + 1) WHERE id = 1")
                            .arg(state)))
                return Database::sqlFailure(what, q.lastError());
            revision = q.lastInsertId().toLongLong();
            if (revision > 0)
                return std::nullopt;
            break;
        case SqlDialect::Sqlite:
            if (!q.exec(QStringLiteral("UPDATE %1 SET revision = revision + 1 WHERE id = 1").arg(state)))
                return Database::sqlFailure(what, q.lastError());
            break;
        }
        if (!q.exec(QStringLiteral("SELECT revision FROM %1 WHERE id = 1").arg(state)) || !q.next())
            return Database::sqlFailure(what, q.lastError());
        revision = q.value(0).toLongLong();
        return std::nullopt;
    }

    std::optional<Failure> commit(const QString& what)
    {
        QSqlQuery q(m_db);
        // PostgreSQL: windows LISTEN on the channel begin() notified (live updates without
        // polling); commits already queue on the queue_state row, so the notification queue's
        // commit lock costs no extra concurrency. MariaDB and SQLite readers poll the revision.
        if (!q.exec(QStringLiteral("COMMIT")))
            return Database::sqlFailure(what, q.lastError());
        m_open = false;
        return std::nullopt;
    }

    qint64 revision = 0;

private:
    QSqlDatabase& m_db;
    bool m_open = false;
};

} // namespace outbound
