#pragma once

#include "common/Result.h"
#include "queue/MailStore.h"
#include "smtp/SmtpTypes.h"

#include <QHash>
#include <QSet>
#include <memory>
#include <optional>

namespace outbound {

class Clock;

// A message validated and built, ready to insert (enqueue = prepare + insert).
struct PreparedMessage
{
    NewMessage source; // attachment bytes dropped after building (they live in built.data)
    QList<AttachmentInfo> attachments;
    BuiltMessage built;
    QDateTime queuedAt;
    QDateTime notBefore;
    // Idempotency key (`enqueue --jsonl` "key"): a message whose key was ever queued before is
    // skipped. Keys are remembered after the message is sent, deleted or purged.
    QString key;
};

// One row handed to the worker: what the transport needs plus the counters the policy needs.
struct ClaimedMessage
{
    // Envelope only: outgoing.data stays empty. The worker reads the bytes with messageBody() just
    // before it hands the message to a session, so a claimed window costs no memory per byte.
    OutgoingMessage outgoing;
    qint64 size = 0; // of the message bytes
    int attempts = 0;
    int roundAttempts = 0;                                // automatic attempts since the last manual retry
    MessageStatus previousStatus = MessageStatus::Queued; // before the claim (queued or deferred)
};

// What the worker learnt about one message; recorded in groups.
struct AttemptRecord
{
    qint64 id = 0;
    MessageStatus status = MessageStatus::Queued;
    int attempts = 0;
    bool countsAsAttempt = true;
    QDateTime attemptedAt;
    QDateTime nextAttemptAt;
    std::optional<SmtpError> error;
    QString acceptanceLine;
    QList<RecipientRefusal> refusedRecipients;
    QList<QByteArray> acceptedRecipients; // added to the row's delivered recipients
    QString transcript;
    // Handed back untried (pause, stop, shutdown): status becomes `status` again, attempts, times,
    // error and transcript stay as they were before the claim; only the other fields are ignored.
    bool handBack = false;
};

// The worker's side of the queue. Kept apart from MailStore so a shared SQL server can offer
// row-level claiming later without touching the GUI's interface.
// What recovery did with `sending` rows whose worker is gone.
struct Recovery
{
    QList<qint64> requeued;    // never handed to a server: waiting again as before the claim
    QList<qint64> sent;        // the server had accepted them; the outcome is now recorded
    QList<qint64> interrupted; // their data may have reached the server: an operator decides
    QList<qint64> all() const { return requeued + sent + interrupted; }
};

class WorkerStore
{
public:
    virtual ~WorkerStore() = default;
    // Claims made from here on are this worker's (`workerId`) and last `leaseMs` unless renewed by
    // heartbeat(). Outcomes are written only for rows this worker still holds (a fence).
    virtual void setClaimant(const QString& workerId, qint64 leaseMs) = 0;
    // `sending` rows whose worker is gone: all of them (`all`, SQLite at start, when this process
    // holds the one-worker lock) or only those whose lease has expired (a shared database).
    virtual Result<Recovery> recoverAbandoned(bool all) = 0;
    // recoverAbandoned(true); returns the ids it changed.
    virtual Result<QList<qint64>> recoverInterrupted() = 0;
    // Records outcomes and claims up to `limit` due rows (→ sending), in one transaction.
    virtual Result<QList<ClaimedMessage>> recordAndClaim(const QList<AttemptRecord>& outcomes, int limit) = 0;
    // Just before a claimed row's transaction starts on a connection: marks it as possibly handed
    // to the server, and `accepted` (rows the server took since the last call, outcome not yet
    // recorded) as accepted, so a crash leaves `interrupted` only what was really on the wire.
    // False when this worker no longer holds `id` (its lease expired and another took it), or when
    // `id` was handed over already under the same claim (a row is started once per claim).
    virtual Result<bool> markHandedOver(qint64 id, const QList<qint64>& accepted) = 0;
    // The same for several rows at once (connections that wait for their marks together, on a
    // StoreLane): returns those of `ids` that may start. One worker never holds two copies of a row
    // (a claim of a row it holds refreshes the held copy), so "marked now and this worker's" after
    // the statement tells which of them this statement marked. The default marks them one by one.
    virtual Result<QSet<qint64>> markHandedOverGroup(const QList<qint64>& ids, const QList<qint64>& accepted)
    {
        QSet<qint64> held;
        for (qsizetype i = 0; i < ids.size(); ++i) {
            auto one = markOneOfGroup(ids.at(i), i == 0 ? accepted : QList<qint64>{});
            if (!one)
                return one.error();
            held += one.value();
        }
        return held;
    }
    // Worker registration and liveness; heartbeat() also renews the leases of every row it holds.
    virtual Status registerWorker(const WorkerInfo& info) = 0;
    virtual Status heartbeat(const WorkerInfo& info) = 0;
    virtual Status unregisterWorker(const WorkerInfo& info) = 0; // its final counts
    // Up to `wanted` sends allowed now by a rate of `perMinute` shared by every worker on the
    // database (a fixed window per minute, accounted in the database).
    virtual Result<int> takeSendSlots(int wanted, int perMinute) = 0;
    // The built message bytes of one row; an empty result when the row is gone (deleted).
    virtual Result<QByteArray> messageBody(qint64 id) = 0;
    // The bytes of several rows at once, by id; a row that is gone has no entry.
    virtual Result<QHash<qint64, QByteArray>> messageBodies(const QList<qint64>& ids)
    {
        QHash<qint64, QByteArray> bodies;
        for (const qint64 id : ids) {
            auto body = messageBody(id);
            if (!body)
                return body.error();
            if (!body->isEmpty())
                bodies.insert(id, std::move(body).value());
        }
        return bodies;
    }
    // Messages sent since a moment plus those being sent now by any worker (the daily cap).
    virtual Result<qint64> sentSince(const QDateTime& since) = 0;
    // Rows due now (progress) and the earliest future due time (invalid when none waits).
    virtual Result<qint64> dueCount() = 0;
    virtual Result<QDateTime> nextDueAt() = 0;
    // Queued rows held back only by a pause after failed connections become due now (new
    // settings were saved, so the reason for the pause is gone); returns their ids.
    virtual Result<QList<qint64>> wakeQueued() = 0;
    // One worker, two stores (StoreLane: one claims on its own thread, this one reads the claimed
    // messages): `sibling`, of the same kind, shares from now on what this one keeps between a claim
    // and the read of its messages. Called while neither is in use on another thread.
    virtual void shareWorkWith(WorkerStore& /*sibling*/) {}
    // A worker that will stop once nothing is due (a drain) asks that its next look for due rows
    // miss nothing, however that store narrows its looks otherwise (ITFlow's table, struct Look).
    virtual void lookEverywhereNext() {}

protected:
    // One row's mark as a group's answer (a group of one uses the single mark's kept statement).
    Result<QSet<qint64>> markOneOfGroup(qint64 id, const QList<qint64>& accepted)
    {
        auto one = markHandedOver(id, accepted);
        if (!one)
            return one.error();
        return one.value() ? QSet<qint64>{id} : QSet<qint64>{};
    }
};

// The whole queue as the CLI and the worker see it: the window's MailStore, the worker's side, and
// enqueue in two steps (validate and build first, then insert a batch). The only door to the
// queue's tables; openQueueStore() picks the implementation for the open database.
class QueueStore : public MailStore, public WorkerStore
{
public:
    // Validation and MIME building without touching the database (the CLI reports bad JSONL
    // lines with this before inserting a batch).
    virtual Result<PreparedMessage> prepare(const NewMessage& message) const = 0;
    // Inserts all or nothing, in one transaction. A message whose key is already known is skipped:
    // its id in the result is 0.
    virtual Result<QList<qint64>> insertPrepared(const QList<PreparedMessage>& messages) = 0;
};

// The queue on the database this thread's Database::connection() opens (SQLite, PostgreSQL or
// MariaDB); create and use it on one thread. clock: nullptr = the system clock.
std::unique_ptr<QueueStore> openQueueStore(const MailSettings& settings, const Clock* clock = nullptr);
// Creates or upgrades the queue's tables where allowed (see Database::migrate), else checks them.
Status ensureQueueSchema();

} // namespace outbound
