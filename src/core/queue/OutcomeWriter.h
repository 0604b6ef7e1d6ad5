#pragma once

#include "common/Result.h"
#include "queue/QueueStore.h"

#include <QElapsedTimer>
#include <QObject>

class QTimer;

namespace outbound {

class StoreLane;

// Writes the worker's outcomes to the store in groups (after kFlushCount of them, or kFlushDelayMs
// after the first one waiting), together with the next claim in one transaction; every write is
// fenced by the worker's claims in the store. A failed write keeps every outcome in memory and is
// tried again with backoff: on a database server for as long as it takes (a restart, a network
// drop), on SQLite a few times before the worker must give up (full disk, corrupt page).
class OutcomeWriter : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OutcomeWriter)

public:
    static constexpr int kFlushCount = 100;
    static constexpr int kFlushDelayMs = 200;
    static constexpr int kFlushAttempts = 3; // failed writes in a row before an SQLite worker gives up

    // serverDatabase: keep retrying (with a growing pause, at most 30 s) instead of giving up.
    OutcomeWriter(WorkerStore& store, bool serverDatabase, QObject* parent = nullptr);

    void add(const AttemptRecord& record) { m_pending.append(record); }
    const QList<AttemptRecord>& pending() const { return m_pending; }
    bool isEmpty() const { return m_pending.isEmpty(); }
    // Waiting outcomes and those being written on the lane.
    qsizetype size() const { return m_pending.size() + m_writing.size(); }

    // A database server: writes go to `lane` (its own thread and connection) and their results come
    // back through written() (see writeOnLane()). Without one, write() writes at once.
    void useLane(StoreLane* lane);
    bool hasLane() const { return m_lane != nullptr; }
    // Stops using the lane: waits for the write on it (its outcomes wait again if it failed; rows
    // it claimed stay this worker's `sending` rows, for recovery).
    void detachLane();
    // A write is on the lane and its result has not come back.
    bool busy() const;

    // Enough outcomes wait to write them now rather than after the group delay.
    bool full() const { return m_pending.size() >= kFlushCount; }
    // Asks for a write within kFlushDelayMs (writeDue()) unless one is asked for already.
    void schedule();

    struct Written
    {
        QList<qint64> recorded;        // the rows whose outcomes were written
        QList<ClaimedMessage> claimed; // the rows claimed in the same transaction
        int claimLimit = 0;            // as asked
    };
    // Writes the waiting outcomes and claims up to claimLimit rows in the same transaction. On
    // failure the outcomes stay and writeDue() comes again after a pause (unless exhausted()).
    Result<Written> write(int claimLimit);
    // The same on the lane, not while busy(): returns the rows whose outcomes it is writing. Then
    // written() on success; on failure the outcomes wait again (before newer ones) and writeDue()
    // comes after the pause, as for write().
    QList<qint64> writeOnLane(int claimLimit);
    // Writes what waits once, with no retry (a worker going away), after the write on the lane.
    Status writeFinal();
    // Forgets every waiting outcome and the timer (a worker that gave up on its store).
    void discard();
    void stop();

    // Consecutive failed writes, and the latest failure's text.
    int failures() const { return m_failures; }
    QString lastFailure() const { return m_lastFailure; }
    // True when an SQLite worker should give up: kFlushAttempts writes in a row failed.
    bool exhausted() const { return !m_server && m_failures >= kFlushAttempts; }
    // Milliseconds before the next try when writes have been failing for `failingForMs`.
    int retryDelayMs(qint64 failingForMs) const;
    // The same for the failures so far (the pause armed after the latest one).
    int currentRetryDelayMs() const;

Q_SIGNALS:
    // Time to write (the group delay passed, or a failed write's pause is over).
    void writeDue();
    // The lane's write is done (writeOnLane()); when it failed its outcomes wait again instead.
    void written(const outbound::OutcomeWriter::Written& written);

private:
    void failed(const QString& reason);

    WorkerStore& m_store;
    StoreLane* m_lane = nullptr;
    QList<AttemptRecord> m_writing; // on the lane
    int m_laneClaimLimit = 0;
    bool m_server = false;
    QList<AttemptRecord> m_pending;
    QTimer* m_timer = nullptr;
    int m_failures = 0;
    QElapsedTimer m_failingSince; // the first failure of the current run of them
    QString m_lastFailure;
};

} // namespace outbound
