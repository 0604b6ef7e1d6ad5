#include "smtp/TestSendJob.h"

#include "smtp/SmtpSession.h"

#include <QCoreApplication>
#include <QThread>
#include <functional>

namespace outbound {

namespace {

// The outcome of a test send cancelled before the session could try it.
SendOutcome cancelledOutcome(qint64 id)
{
    SendOutcome outcome;
    outcome.id = id;
    outcome.attempted = false;
    SmtpError e;
    e.kind = SmtpErrorKind::Cancelled;
    e.phase = SmtpPhase::Connect;
    e.detail = QCoreApplication::translate("TestSendJob", "cancelled");
    outcome.error = e;
    return outcome;
}

// Lives on the job's worker thread; owns the session there and decides the one outcome.
class TestSendWorker : public QObject
{
public:
    using Deliver = std::function<void(const SendOutcome&)>;
    TestSendWorker(SmtpConfig config, OutgoingMessage message, TestSendJob* job, Deliver deliver)
        : m_config(std::move(config)), m_message(std::move(message)), m_job(job),
          m_deliver(std::move(deliver))
    {}

    void run()
    {
        if (m_cancelled) {
            complete(cancelledOutcome(m_message.id));
            return;
        }
        m_session = new SmtpSession(m_config, this);
        // Relayed to the job's thread; Qt drops them if the job is gone.
        connect(m_session, &SmtpSession::phaseChanged, m_job, &TestSendJob::phaseChanged,
                Qt::QueuedConnection);
        connect(m_session, &SmtpSession::transcript, m_job, &TestSendJob::transcript, Qt::QueuedConnection);
        connect(m_session, &SmtpSession::ready, m_job, &TestSendJob::serverReady, Qt::QueuedConnection);
        connect(m_session, &SmtpSession::messageDone, this, [this](const SendOutcome& outcome) {
            if (!m_outcome)
                m_outcome = outcome;
        });
        connect(m_session, &SmtpSession::failed, this, [this](const SmtpError& error) {
            if (m_outcome && (m_outcome->accepted || m_outcome->error)) {
                complete(*m_outcome); // e.g. QUIT went wrong after the message was accepted
                return;
            }
            SendOutcome outcome;
            outcome.id = m_message.id;
            outcome.attempted = false;
            outcome.error = error;
            complete(outcome);
        });
        connect(m_session, &SmtpSession::closed, this, [this] {
            if (m_outcome) {
                complete(*m_outcome);
                return;
            }
            SendOutcome outcome;
            outcome.id = m_message.id;
            SmtpError e;
            e.kind = SmtpErrorKind::ConnectionClosed;
            e.phase = SmtpPhase::Quit;
            e.detail = QCoreApplication::translate("TestSendJob", "the session ended without a result");
            outcome.error = e;
            complete(outcome);
        });
        m_session->open();
        m_session->send(m_message);
        m_session->close();
    }

    void cancel()
    {
        m_cancelled = true;
        if (m_session)
            m_session->cancel();
    }

private:
    void complete(const SendOutcome& outcome)
    {
        if (m_completed)
            return;
        m_completed = true;
        m_deliver(outcome);
    }

    SmtpConfig m_config;
    OutgoingMessage m_message;
    TestSendJob* m_job;
    Deliver m_deliver;
    SmtpSession* m_session = nullptr;
    std::optional<SendOutcome> m_outcome;
    bool m_cancelled = false;
    bool m_completed = false;
};

} // namespace

struct TestSendJob::Private
{
    SmtpConfig config;
    OutgoingMessage message;
    std::unique_ptr<QThread> thread;
    TestSendWorker* worker = nullptr;
    bool started = false;
    bool finishedEmitted = false;

    void deliver(TestSendJob* q, const SendOutcome& outcome)
    {
        if (finishedEmitted)
            return;
        finishedEmitted = true;
        if (thread)
            thread->quit(); // nothing more to do there; the destructor joins
        Q_EMIT q->finished(outcome);
    }
};

TestSendJob::TestSendJob(SmtpConfig config, OutgoingMessage message, QObject* parent)
    : QObject(parent), d(std::make_unique<Private>())
{
    qRegisterMetaType<SmtpPhase>("outbound::SmtpPhase");
    qRegisterMetaType<TranscriptLine>("outbound::TranscriptLine");
    qRegisterMetaType<ServerInfo>("outbound::ServerInfo");
    qRegisterMetaType<SendOutcome>("outbound::SendOutcome");
    qRegisterMetaType<SmtpError>("outbound::SmtpError");
    d->config = std::move(config);
    d->message = std::move(message);
}

TestSendJob::~TestSendJob()
{
    if (d->thread) {
        cancel();
        d->thread->quit();
        d->thread->wait(); // the worker only runs the event loop; cancel makes it stop at once
    }
}

void TestSendJob::start()
{
    if (d->started)
        return;
    d->started = true;
    d->thread = std::make_unique<QThread>();
    d->thread->setObjectName(QStringLiteral("outbound-test-send"));
    // Called on the worker thread; the outcome travels to this object's thread as a queued call,
    // which Qt discards if the job is destroyed first (the destructor joins the thread before that).
    const auto deliver = [this](const SendOutcome& outcome) {
        QMetaObject::invokeMethod(
            this, [this, outcome] { d->deliver(this, outcome); }, Qt::QueuedConnection);
    };
    d->worker = new TestSendWorker(d->config, d->message, this, deliver);
    d->worker->moveToThread(d->thread.get());
    connect(d->thread.get(), &QThread::finished, d->worker, &QObject::deleteLater);
    d->thread->start();
    TestSendWorker* worker = d->worker;
    QMetaObject::invokeMethod(
        worker, [worker] { worker->run(); }, Qt::QueuedConnection);
}

void TestSendJob::cancel()
{
    if (d->finishedEmitted)
        return;
    if (!d->started) {
        d->started = true; // a later start() does nothing
        const SendOutcome outcome = cancelledOutcome(d->message.id);
        QMetaObject::invokeMethod(
            this, [this, outcome] { d->deliver(this, outcome); }, Qt::QueuedConnection);
        return;
    }
    TestSendWorker* worker = d->worker;
    QMetaObject::invokeMethod(
        worker, [worker] { worker->cancel(); }, Qt::QueuedConnection);
}

} // namespace outbound

#include "moc_TestSendJob.cpp"
