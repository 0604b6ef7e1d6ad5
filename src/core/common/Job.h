#pragma once

#include <QObject>
#include <QString>
#include <functional>
#include <memory>

namespace outbound {

class Job;

// The half of a job that does the work, on the job's own worker thread (KSmtp's Session/Job split:
// the Job is what callers hold, the worker is what talks to the network). It is created on that
// thread, lives there, and is destroyed there by the runner when the thread ends, whatever happened
// before: nothing else ever deletes it, so it cannot leak or be deleted twice.
class JobWorker : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JobWorker)

public:
    JobWorker();
    ~JobWorker() override;

    // Begin the work; called once, on the worker thread. Must end in finish() eventually (at once
    // when cancelRequested() is already true).
    virtual void start() = 0;
    // Stop as soon as possible; finish() must still follow. Called on the worker thread, at most
    // once, and never before start().
    virtual void cancel() = 0;

    // Live workers in this process (for tests proving that no teardown leaks one).
    static int liveCount();

protected:
    // True once the job asked to cancel (also before start()).
    bool cancelRequested() const;
    // Runs fn on the job's thread (queued). Dropped when the job is gone by then.
    void post(std::function<void()> fn);
    // The one result: fn runs on the job's thread, stores the result and emits the job's own
    // signal; then the job emits result(). Later calls do nothing. Ends this worker's thread.
    void finish(std::function<void()> fn);
    bool isFinishing() const { return m_finishing; }

private:
    friend class JobRunner;
    Job* m_job = nullptr;
    bool m_finishing = false;
    bool m_cancelRequested = false;
    bool m_cancelCalled = false;
};

class JobRunner;

// What every long network task offers its caller (test send, sender check, settings probe):
// start(), cancel() at any moment, exactly one result() after start() (also when cancelled, also
// when cancelled before start), errorText(). The destructor cancels and joins; the worker and
// everything it made are gone when it returns. Results and progress arrive on the job's thread.
class Job : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Job)

public:
    explicit Job(QObject* parent = nullptr);
    ~Job() override;

    void start();
    // Returns at once. Before start() the job finishes (cancelled) without doing anything.
    void cancel();
    bool isRunning() const { return m_state == State::Running; }
    bool isFinished() const { return m_state == State::Finished; }
    bool wasCancelled() const { return m_cancelled; }
    // Empty on success; a readable sentence otherwise (set by the job's result).
    QString errorText() const { return m_errorText; }

Q_SIGNALS:
    // Exactly once per job, after the job's own typed signal.
    void result(outbound::Job* job);

protected:
    // Called on this thread by start(); returns the factory that makes the worker on its thread.
    // The factory must capture copies, never this object's members by reference.
    virtual std::function<std::unique_ptr<JobWorker>()> workerFactory() = 0;
    void setErrorText(const QString& text) { m_errorText = text; }

private:
    friend class JobWorker;
    enum class State
    {
        Idle,
        Running,
        Finished
    };
    void complete(const std::function<void()>& fn);
    void launch();

    State m_state = State::Idle;
    bool m_cancelled = false;
    QString m_errorText;
    std::unique_ptr<JobRunner> m_runner;
};

} // namespace outbound
