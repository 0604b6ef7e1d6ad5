#pragma once

#include "itflow/ItflowMessage.h"
#include "queue/QueueStore.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QThreadPool>
#include <QTimeZone>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <unordered_map>

namespace outbound {

class Clock;

// The queue of an ITFlow installation: ITFlow's own `email_queue`, with the state ITFlow has no
// column for (next attempt, typed last error, transcript, per-recipient outcomes, the claim and
// its lease, the row's Message-ID) in Outbound's side table `outbound_email`, keyed by
// `email_id`. ITFlow's tables keep ITFlow's meaning, so its Mail Queue page and its cron job read
// every row correctly (docs/itflow.md has the mapping):
//   queued → 0; sending → 1; sent → 3; failed → 2 with attempts of at least 4; cancelled → 2 with
//   attempts 99; deferred → 0 (Outbound holds it until its next attempt); interrupted → 2 with
//   attempts of at least 4 (ITFlow's retry pass only takes rows below 4, so it never re-sends it).
// The side row is trusted only while ITFlow's status and attempts are still those Outbound wrote;
// once ITFlow changed the row (its page cancels or re-sends), ITFlow's columns decide alone.
//
// The MIME of a row is built when the worker reads it (messageBody), from the row, the files of
// its attachment manifest under the ITFlow root (`itflow.root`) and the Message-ID kept in the side
// row, so a retry carries the same Message-ID. Enqueueing stays ITFlow's job: prepare() and
// insertPrepared() refuse.
//
// openQueueStore() / openMailStore() return this class when Database::isItflow().
class ItflowQueueStore final : public QueueStore
{
public:
    explicit ItflowQueueStore(MailSettings settings, const Clock* clock = nullptr);
    ~ItflowQueueStore() override;

    // Outbound's tables in the ITFlow database (component "itflow_queue"), where allowed.
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
    Result<PreparedMessage> prepare(const NewMessage& message) const override;
    Result<QList<qint64>> insertPrepared(const QList<PreparedMessage>& messages) override;

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
    void shareWorkWith(WorkerStore& sibling) override;
    void lookEverywhereNext() override;

    // The ITFlow folder attachments are read under (setting `itflow.root`) and whether sent rows
    // keep their content (`itflow.keep_content`, default: blanked as ITFlow does).
    static constexpr const char* kRootKey = "itflow.root";
    static constexpr const char* kKeepContentKey = "itflow.keep_content";

private:
    void ensureOpen();
    QString dueCondition(QVariantList& binds) const;
    std::optional<Failure> recordOutcomes(const QList<AttemptRecord>& records, qint64 revision);
    std::optional<Failure> failUnbuildable(qint64 id, const Failure& why);
    Result<int> changeRows(const QList<qint64>& ids, const QString& allowedStates,
                           std::optional<MessageStatus> to);
    void startBuilding(QList<std::pair<itflow::QueueRow, itflow::MessageOptions>>& rows);
    void dropPrebuilt(qint64 id);

    // A message built ahead of time (startBuilding()), or why it cannot be built.
    struct Built
    {
        QByteArray data;
        std::optional<Failure> error;
    };
    struct Prebuilt
    {
        std::shared_future<Built> built;
        qint64 size = 0; // of its content, counted against kPrebuildBytes
    };
    static constexpr qint64 kPrebuildBytes = 4 * 1024 * 1024;
    // What was built ahead, by email_id. Shared by the stores of one worker (shareWorkWith()): the
    // one that claims (on the StoreLane's thread) starts the builds, the worker's own takes them.
    struct Prebuilds
    {
        ~Prebuilds();
        std::mutex mutex; // guards rows and bytes
        std::unordered_map<qint64, Prebuilt> rows;
        qint64 bytes = 0;
        std::unique_ptr<QThreadPool> builder; // one thread, made at the first claim
    };
    std::optional<std::shared_future<Built>> takePrebuilt(qint64 id);

    MailSettings m_settings;
    const Clock& m_clock;
    QString m_workerId;
    qint64 m_leaseMs = 60000;
    QSqlDatabase m_db;
    QTimeZone m_zone;
    QString m_root;
    bool m_keepContent = false;
    std::optional<Failure> m_schemaFailure;
    qint64 m_highestSeenId = -1; // changedSince(): rows ITFlow added since
    // Where the claim looks for due rows. ITFlow's table has no index but its key, so a look at the
    // whole of it walks every row ITFlow ever sent. A look starts at `cursor` (above the rows of the
    // last claim, or near the newest row once nothing more was due), or lower: at a row of this
    // worker's own whose retry time came, or at the lowest row whose side row another process
    // wrote since the last look (a retry asked in a window, rows another worker handed back; the
    // side table's revision index finds it). It walks the whole table at most once per kFullLookMs,
    // for what only ITFlow changes (a resend on ITFlow's page): ITFlow's own job looks once a minute
    // too. Shared by the stores of one worker (shareWorkWith()): the lane's store claims, the
    // worker's own counts what is due from the same cursor and asks for the next due time.
    struct Look
    {
        std::mutex mutex;
        qint64 cursor = 0;        // 0: the next look walks the whole table
        qint64 fullLookAtMs = 0;  // when the whole table was last walked (steadyMs(); 0: not yet)
        qint64 seenRevision = -1; // the queue's revision then, moved on by this worker's own writes
        std::multimap<qint64, qint64> retries; // rows this worker wrote that may be due again: when, id
        qint64 nextDueAskedAtMs = 0;           // nextDueAt(): its last walk (steadyMs()), what it found
        QDateTime nextDue;
    };
    static constexpr qint64 kFullLookMs = 60000;
    // After a walk that found nothing, the look starts this many ids below the newest row: ITFlow's
    // inserts may commit out of id order.
    static constexpr qint64 kCursorMargin = 256;
    qint64 fullLookMs() const;
    // Where the next look starts (0: the whole table), and what a look from there that found
    // nothing more leaves (`nextCursor`); both with look.mutex held.
    bool walkDue(const Look& look) const;
    qint64 lookStart(const Look& look, qint64 changedFrom, qint64 nowMs) const;
    static qint64 startShortOfWalk(const Look& look, qint64 changedFrom, qint64 nowMs);
    void lookedFrom(Look& look, qint64 from, qint64 revision, qint64 nowMs, qint64 coveredUpTo,
                    qint64 nextCursor) const;
    Result<qint64> queueRevision(const QString& what);
    Result<qint64> firstDueFrom(qint64 from, const QString& what);
    Result<qint64> cursorNearNewest(const QString& what);
    Result<qint64> lowestChangedSince(qint64 revision, const QString& what);
    Result<qint64> lookStartAfter(qint64 revision, qint64 nowMs, const QString& what);
    std::shared_ptr<Look> m_look = std::make_shared<Look>();
    std::unordered_map<qsizetype, std::unique_ptr<QSqlQuery>> m_markQueries; // by accepted rows
    std::unique_ptr<QSqlQuery> m_claimQuery;        // the claim's SELECT, from where the look starts
    std::unique_ptr<QSqlQuery> m_outcomeQueries[2]; // recordOutcomes(): this worker's claims, any claim
    std::shared_ptr<Prebuilds> m_prebuilds = std::make_shared<Prebuilds>();
};

} // namespace outbound
