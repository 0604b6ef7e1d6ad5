#pragma once

#include "common/Result.h"
#include "queue/QueueStore.h"

#include <QObject>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>

class QThread;

namespace outbound {

class Clock;

// The worker's grouped writes (a batch of outcomes and the next claim, one transaction) on a
// thread of their own, with that thread's own connection and store. On a database server such a
// write is several round trips and may wait for another worker's hold on the queue's revision;
// made on the worker's thread it stalled every SMTP connection of the worker meanwhile (on an ITFlow
// database, the worker's thread spent half of each message's time waiting for MariaDB). SQLite
// does not use it: there a write is the process's own CPU, one writer at a time, and a second
// thread only adds hand-overs.
//
// One write at a time. Its result comes back on the owner's thread (setResultHandler()), or at
// once through waitForResult() when the owner cannot wait for its event loop (going away).
class StoreLane : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StoreLane)

public:
    using ClaimResult = Result<QList<ClaimedMessage>>;

    // clock: used from the lane's thread too (the system clock, or a test clock that is only read).
    StoreLane(MailSettings settings, const Clock* clock, QString workerId, qint64 leaseMs,
              QObject* parent = nullptr);
    ~StoreLane() override; // waits for the write in flight (its result is dropped)

    // Starts the thread and opens its store; `sibling` (the owner's store) then shares with it what
    // one worker's stores share (WorkerStore::shareWorkWith). Blocks the caller until it is open.
    Status open(WorkerStore& sibling);

    void setResultHandler(std::function<void(ClaimResult)> handler) { m_handler = std::move(handler); }
    // Records `outcomes` and claims up to claimLimit rows on the lane's thread. Not while busy().
    void write(QList<AttemptRecord> outcomes, int claimLimit);
    // A write was started and its result not yet handed to the owner.
    bool busy() const { return m_busy; }
    // Waits for the write in flight and returns its result (the handler is not called for it).
    ClaimResult waitForResult();

    // WorkerStore::markHandedOver() on the lane's thread; `done` gets the answer on the owner's
    // thread, unless the lane is gone by then. Marks asked for while the lane is busy are written
    // together in one statement (markHandedOverGroup()).
    void markHandedOver(qint64 id, QList<qint64> accepted, std::function<void(Result<bool>)> done);

private:
    void deliver();
    void writeMarks(); // on the lane's thread

    struct MarkRequest
    {
        qint64 id = 0;
        QList<qint64> accepted;
        std::function<void(Result<bool>)> done;
    };

    MailSettings m_settings;
    const Clock* m_clock;
    QString m_workerId;
    qint64 m_leaseMs;
    QThread* m_thread = nullptr;
    QObject* m_context = nullptr;        // lives on m_thread: the lane's jobs run in its event loop
    std::unique_ptr<QueueStore> m_store; // made, used and destroyed on m_thread only
    std::function<void(ClaimResult)> m_handler;
    bool m_busy = false; // owner's thread only

    std::mutex m_mutex; // guards m_result between the two threads
    std::condition_variable m_resultReady;
    std::optional<ClaimResult> m_result;
    QList<MarkRequest> m_marks; // asked for, not yet written (guarded by m_mutex)
    bool m_marksPosted = false; // a writeMarks() is on its way to the lane (guarded by m_mutex)
};

} // namespace outbound
