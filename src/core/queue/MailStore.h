#pragma once

#include "common/Result.h"
#include "queue/QueueTypes.h"

#include <QList>
#include <memory>

namespace outbound {

// The queue's storage, narrow enough that a shared SQL server can implement it later.
// Implementations are used from one thread each (SQLite: one named connection per thread), so
// the GUI and the worker each make their own instance on their own thread.
class MailStore
{
public:
    virtual ~MailStore() = default;

    // Enqueue: validates, builds MIME, fixes Message-ID/Date. All or nothing for a batch.
    virtual Result<qint64> enqueue(const NewMessage& message) = 0;
    virtual Result<QList<qint64>> enqueueBatch(const QList<NewMessage>& messages) = 0;

    // Reading
    virtual Result<QList<MessageSummary>> list(const MessageQuery& query) = 0;
    virtual Result<qint64> count(const MessageQuery& query) = 0;
    virtual Result<MessageDetail> detail(qint64 id) = 0;
    virtual Result<QueueStats> stats() = 0;
    // Rows changed since a revision (for live updates without a full reload). Deleted and purged
    // rows come back as summaries with removed = true and only the id set. Every write bumps one
    // global revision; *newRevision is the value to pass next time.
    virtual Result<QList<MessageSummary>> changedSince(qint64 revision, qint64* newRevision) = 0;

    // Manual control; each returns how many rows changed.
    virtual Result<int> retry(const QList<qint64>& ids) = 0;
    virtual Result<int> retryAllFailed() = 0;
    virtual Result<int> cancel(const QList<qint64>& ids) = 0;
    virtual Result<int> remove(const QList<qint64>& ids) = 0;
    virtual Result<int> markSent(const QList<qint64>& ids) = 0;
    virtual Result<int> purgeSent(int olderThanDays) = 0;

    // The workers that drained this queue recently (running ones, and those stopped within a day).
    virtual Result<QList<WorkerInfo>> workers() = 0;
};

// The queue on the open database, for the window (Database::initialize first); see QueueStore.
std::unique_ptr<MailStore> openMailStore(const MailSettings& settings);

} // namespace outbound
