#include "common/Job.h"

#include <QPointer>
#include <QThread>
#include <atomic>
#include <mutex>

namespace outbound {

namespace {
std::atomic<int> g_liveWorkers{0};
} // namespace

// Owns the worker thread of one job. The worker is made, run and destroyed inside run(), so
// every way out of the thread (finished, cancelled, stopped before its event loop even started)
// passes through the same destruction. A stop that arrives before exec() makes exec() return at
// once; the worker is still destroyed on the next line.
class JobRunner final : public QThread
{
public:
    using Factory = std::function<std::unique_ptr<JobWorker>()>;

    JobRunner(Job* job, Factory factory, bool cancelled) : m_job(job), m_factory(std::move(factory))
    {
        m_cancel = cancelled;
    }
    ~JobRunner() override { stop(); }
    Q_DISABLE_COPY_MOVE(JobRunner)

    void requestCancel()
    {
        std::lock_guard lock(m_mutex);
        m_cancel = true;
        if (m_worker != nullptr) {
            JobWorker* worker = m_worker;
            QMetaObject::invokeMethod(
                worker, [worker] { cancelWorker(worker); }, Qt::QueuedConnection);
        }
    }

    // Cancel, end the event loop and join. The worker is gone when this returns.
    void stop()
    {
        requestCancel();
        quit();
        wait();
    }

protected:
    void run() override
    {
        std::unique_ptr<JobWorker> worker = m_factory();
        m_factory = nullptr; // what it captured is released here, on this thread
        worker->m_job = m_job;
        {
            std::lock_guard lock(m_mutex);
            m_worker = worker.get();
            worker->m_cancelRequested = m_cancel;
        }
        worker->start();
        if (worker->m_cancelRequested)
            cancelWorker(worker.get()); // cancelled before it started: it must finish now
        exec();                         // returns at once when finish() or stop() came first
        {
            std::lock_guard lock(m_mutex);
            m_worker = nullptr; // no cancel is posted to it from now on
        }
        worker.reset(); // on its own thread; pending calls posted to it die with it
    }

private:
    static void cancelWorker(JobWorker* worker)
    {
        worker->m_cancelRequested = true;
        if (worker->m_finishing || worker->m_cancelCalled)
            return;
        worker->m_cancelCalled = true;
        worker->cancel();
    }

    Job* const m_job;
    Factory m_factory;
    std::mutex m_mutex;
    JobWorker* m_worker = nullptr;
    bool m_cancel = false;
};

// ---- JobWorker -------------------------------------------------------------------------------

JobWorker::JobWorker()
{
    ++g_liveWorkers;
}

JobWorker::~JobWorker()
{
    --g_liveWorkers;
}

int JobWorker::liveCount()
{
    return g_liveWorkers.load();
}

bool JobWorker::cancelRequested() const
{
    return m_cancelRequested;
}

void JobWorker::post(std::function<void()> fn)
{
    // The job outlives this worker's thread (its destructor joins it), so the pointer is valid
    // here; a call still queued when the job is destroyed is discarded with it.
    QMetaObject::invokeMethod(m_job, std::move(fn), Qt::QueuedConnection);
}

void JobWorker::finish(std::function<void()> fn)
{
    if (m_finishing)
        return;
    m_finishing = true;
    Job* job = m_job;
    QMetaObject::invokeMethod(
        job, [job, fn = std::move(fn)] { job->complete(fn); }, Qt::QueuedConnection);
    thread()->quit(); // the runner destroys this worker once its event loop has returned
}

// ---- Job -------------------------------------------------------------------------------------

Job::Job(QObject* parent) : QObject(parent) {}

Job::~Job()
{
    if (m_runner)
        m_runner->stop();
}

void Job::start()
{
    if (m_state != State::Idle)
        return;
    launch();
}

void Job::cancel()
{
    if (m_state == State::Finished)
        return;
    m_cancelled = true;
    if (m_state == State::Idle) {
        // Same path as any other run: the worker sees the cancel first and finishes at once.
        launch();
        return;
    }
    m_runner->requestCancel();
}

void Job::launch()
{
    m_state = State::Running;
    m_runner = std::make_unique<JobRunner>(this, workerFactory(), m_cancelled);
    m_runner->setObjectName(objectName().isEmpty() ? QStringLiteral("outbound-job") : objectName());
    m_runner->start();
}

void Job::complete(const std::function<void()>& fn)
{
    if (m_state == State::Finished)
        return;
    m_state = State::Finished;
    const QPointer<Job> self(this);
    fn();
    if (self)
        Q_EMIT result(this);
}

} // namespace outbound

// Compiled here rather than in the shared mocs_compilation unit, so linking this class pulls in nothing else.
#include "moc_Job.cpp"
