#pragma once

#include "queue/QueueStore.h"

#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <optional>

namespace outbound {

class Clock;

// The queue on SQL: SQLite, PostgreSQL or MariaDB, whichever Database has open (the dialect's
// differences come from Database). Only openQueueStore() and the tests name this class; everything
// else goes through the QueueStore interface.
class SqlMailStore final : public QueueStore
{
public:
    // Uses this thread's Database::connection(); create and use it on one thread.
    explicit SqlMailStore(MailSettings settings, const Clock* clock = nullptr);
    ~SqlMailStore() override;

    // Creates or upgrades the queue tables (idempotent, cheap once done).
    static Status ensureSchema();

    // MailStore
    Result<qint64> enqueue(const NewMessage& message) override;
    Result<QList<qint64>> enqueueBatch(const QList<NewMessage>& messages) override;
    Result<QList<MessageSummary>> list(const MessageQuery& query) override;
    Result<qint64> count(const MessageQuery& query) override;
    Result<MessageDetail> detail(qint64 id) override;
    Result<QueueStats> stats() override;
    Result<QList<MessageSummary>> changedSince(qint64 revision, qint64* newRevision) override;
    Result<int> retry(const QList<qint64>& ids) override;
    Result<int> retryAllFailed() override;
    Result<int> cancel(const QList<qint64>& ids) override;
    Result<int> remove(const QList<qint64>& ids) override;
    Result<int> markSent(const QList<qint64>& ids) override;
    Result<int> purgeSent(int olderThanDays) override;
    Result<QList<WorkerInfo>> workers() override;

    // Validation and MIME building without touching the database (the CLI reports bad JSONL
    // lines with this before inserting a batch).
    Result<PreparedMessage> prepare(const NewMessage& message) const override;
    // Inserts all or nothing, in one transaction. A message whose key is already known is skipped:
    // its id in the result is 0.
    Result<QList<qint64>> insertPrepared(const QList<PreparedMessage>& messages) override;
    qint64 currentRevision();

    // WorkerStore
    void setClaimant(const QString& workerId, qint64 leaseMs) override;
    Result<Recovery> recoverAbandoned(bool all) override;
    Result<QList<qint64>> recoverInterrupted() override;
    Result<QList<ClaimedMessage>> recordAndClaim(const QList<AttemptRecord>& outcomes, int limit) override;
    Result<bool> markHandedOver(qint64 id, const QList<qint64>& accepted) override;
    Result<QSet<qint64>> markHandedOverGroup(const QList<qint64>& ids,
                                             const QList<qint64>& accepted) override;
    Status registerWorker(const WorkerInfo& info) override;
    Status heartbeat(const WorkerInfo& info) override;
    Status unregisterWorker(const WorkerInfo& info) override;
    Result<int> takeSendSlots(int wanted, int perMinute) override;
    Result<QByteArray> messageBody(qint64 id) override;
    Result<QHash<qint64, QByteArray>> messageBodies(const QList<qint64>& ids) override;
    Result<qint64> sentSince(const QDateTime& since) override;
    Result<qint64> dueCount() override;
    Result<QDateTime> nextDueAt() override;
    Result<QList<qint64>> wakeQueued() override;

private:
    Result<int> updateIds(const QString& sql, const QList<qint64>& ids, const QVariantList& extra = {});
    QSqlQuery& cached(int slot, const QString& sql);
    void ensureOpen();
    static QString sendingByKey(const QString& alias);
    std::optional<Failure> recordOnServer(const QList<AttemptRecord>& outcomes, qint64 revision);
    void resetConnection();
    QString searchClause(const QString& search, QVariantList& binds);
    bool hasSearchIndex(); // the trigram table exists (SQLite with FTS5 3.34+)
    // "Now" for leases and heartbeats: the server's clock (SQL, nothing bound) or, on SQLite, this
    // store's clock (a `?` that bindLeaseNow() fills in its place among the bound values).
    QString leaseNow() const;
    void bindLeaseNow(QSqlQuery& q) const;

    MailSettings m_settings;
    const Clock& m_clock;
    QString m_workerId;       // claims are made for this worker ('' when no worker registered)
    qint64 m_leaseMs = 60000; // how long a claim lasts without a heartbeat
    QSqlDatabase m_db;
    std::optional<Failure> m_schemaFailure;
    bool m_ftsChecked = false;
    bool m_hasFts = false;
    std::pair<QString, bool> m_searchPlan; // the last search text and whether it is dense
    QList<QSqlQuery*> m_cache;
    QHash<qsizetype, QSqlQuery*> m_markQueries;  // marks by accepted rows; groups also by their size
    QHash<qsizetype, QSqlQuery*> m_claimQueries; // a claim's UPDATE by its number of rows
};

} // namespace outbound
