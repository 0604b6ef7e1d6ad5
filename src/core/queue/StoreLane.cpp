#include "queue/StoreLane.h"

#include "common/Database.h"

#include <QThread>

namespace outbound {

StoreLane::StoreLane(MailSettings settings, const Clock* clock, QString workerId, qint64 leaseMs,
                     QObject* parent)
    : QObject(parent), m_settings(std::move(settings)), m_clock(clock), m_workerId(std::move(workerId)),
      m_leaseMs(leaseMs)
{}

StoreLane::~StoreLane()
{
    if (!m_thread)
        return;
    if (m_busy)
        (void)waitForResult();
    // The store and the thread's connection go on the thread that made them.
    QMetaObject::invokeMethod(
        m_context,
        [this] {
            m_store.reset();
            Database::closeThreadConnection();
        },
        Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    delete m_context; // its thread has ended: nothing runs on it any more
    delete m_thread;
}

Status StoreLane::open(WorkerStore& sibling)
{
    m_thread = new QThread;
    m_thread->setObjectName(QStringLiteral("outbound-store"));
    m_context = new QObject;
    m_context->moveToThread(m_thread);
    m_thread->start();
    std::optional<Failure> failure;
    QMetaObject::invokeMethod(
        m_context,
        [this, &failure] {
            if (!Database::connection().isOpen()) {
                failure = Failure{
                    tr("Cannot open a second connection to the queue database %1.").arg(Database::path())};
                return;
            }
            m_store = openQueueStore(m_settings, m_clock);
            m_store->setClaimant(m_workerId, m_leaseMs);
        },
        Qt::BlockingQueuedConnection);
    if (failure)
        return *failure;
    // The lane is idle until the first write: nothing runs on its store meanwhile.
    sibling.shareWorkWith(*m_store);
    return success();
}

void StoreLane::write(QList<AttemptRecord> outcomes, int claimLimit)
{
    Q_ASSERT(!m_busy && m_store);
    m_busy = true;
    QMetaObject::invokeMethod(
        m_context,
        [this, outcomes = std::move(outcomes), claimLimit] {
            ClaimResult result = m_store->recordAndClaim(outcomes, claimLimit);
            {
                std::lock_guard lock(m_mutex);
                m_result.emplace(std::move(result));
            }
            m_resultReady.notify_all();
            // Dropped if the lane is gone by then (its context is this object).
            QMetaObject::invokeMethod(this, &StoreLane::deliver, Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

void StoreLane::markHandedOver(qint64 id, QList<qint64> accepted, std::function<void(Result<bool>)> done)
{
    Q_ASSERT(m_store);
    {
        std::lock_guard lock(m_mutex);
        m_marks.append({id, std::move(accepted), std::move(done)});
        if (m_marksPosted)
            return; // the writeMarks() on its way takes this one too
        m_marksPosted = true;
    }
    QMetaObject::invokeMethod(
        m_context, [this] { writeMarks(); }, Qt::QueuedConnection);
}

void StoreLane::writeMarks()
{
    QList<MarkRequest> marks;
    {
        std::lock_guard lock(m_mutex);
        marks = std::exchange(m_marks, {});
        m_marksPosted = false;
    }
    if (marks.isEmpty())
        return;
    QList<qint64> ids, accepted;
    for (const MarkRequest& m : std::as_const(marks)) {
        ids.append(m.id);
        for (const qint64 a : m.accepted) {
            if (!accepted.contains(a)) // several waiting marks may carry the same accepted row
                accepted.append(a);
        }
    }
    const Result<QSet<qint64>> held = m_store->markHandedOverGroup(ids, accepted);
    for (MarkRequest& m : marks) {
        Result<bool> answer = held ? Result<bool>(held->contains(m.id)) : Result<bool>(held.error());
        // Dropped if the lane is gone by then (its context is this object).
        QMetaObject::invokeMethod(
            this, [done = std::move(m.done), answer = std::move(answer)] { done(answer); },
            Qt::QueuedConnection);
    }
}

StoreLane::ClaimResult StoreLane::waitForResult()
{
    Q_ASSERT(m_busy);
    std::unique_lock lock(m_mutex);
    m_resultReady.wait(lock, [this] { return m_result.has_value(); });
    ClaimResult result = std::move(*m_result);
    m_result.reset();
    m_busy = false;
    return result;
}

void StoreLane::deliver()
{
    std::optional<ClaimResult> result;
    {
        std::lock_guard lock(m_mutex);
        if (!m_busy || !m_result)
            return; // taken by waitForResult() already
        result = std::move(m_result);
        m_result.reset();
    }
    m_busy = false;
    // Last: the handler may end the run and destroy this lane (nothing here is touched after it).
    if (const auto handler = m_handler)
        handler(std::move(*result));
}

} // namespace outbound
