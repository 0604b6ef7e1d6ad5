#include "smtp/TestSendJob.h"

#include "smtp/SmtpSession.h"

#include <QCoreApplication>

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

} // namespace

namespace detail {

// On the job's worker thread: owns the session there and decides the one outcome.
class TestSendWorker final : public JobWorker
{
public:
    TestSendWorker(SmtpConfig config, OutgoingMessage message, TestSendJob* job)
        : m_config(std::move(config)), m_message(std::move(message)), m_job(job)
    {}

    void start() override
    {
        if (cancelRequested()) {
            complete(cancelledOutcome(m_message.id));
            return;
        }
        m_session = new SmtpSession(m_config, this);
        // Progress is relayed to the job's thread; the job is alive while this thread runs.
        TestSendJob* job = m_job;
        connect(m_session, &SmtpSession::phaseChanged, this,
                [this, job](SmtpPhase p) { post([job, p] { Q_EMIT job->phaseChanged(p); }); });
        connect(m_session, &SmtpSession::transcript, this, [this, job](const TranscriptLine& line) {
            post([job, line] { Q_EMIT job->transcript(line); });
        });
        connect(m_session, &SmtpSession::ready, this, [this, job](const ServerInfo& info) {
            post([job, info] { Q_EMIT job->serverReady(info); });
        });
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

    void cancel() override
    {
        if (m_session)
            m_session->cancel(); // failed(Cancelled) follows, which completes
        // A session that had already ended says nothing more: the outcome it gave stands.
        if (!isFinishing())
            complete(m_outcome ? *m_outcome : cancelledOutcome(m_message.id));
    }

private:
    void complete(const SendOutcome& outcome)
    {
        TestSendJob* job = m_job;
        finish([job, outcome] { job->deliver(outcome); });
    }

    SmtpConfig m_config;
    OutgoingMessage m_message;
    TestSendJob* m_job; // outlives this worker (its destructor joins the thread)
    SmtpSession* m_session = nullptr;
    std::optional<SendOutcome> m_outcome;
};

} // namespace detail

TestSendJob::TestSendJob(SmtpConfig config, OutgoingMessage message, QObject* parent)
    : Job(parent), m_config(std::move(config)), m_message(std::move(message))
{
    qRegisterMetaType<SmtpPhase>("outbound::SmtpPhase");
    qRegisterMetaType<TranscriptLine>("outbound::TranscriptLine");
    qRegisterMetaType<ServerInfo>("outbound::ServerInfo");
    qRegisterMetaType<SendOutcome>("outbound::SendOutcome");
    qRegisterMetaType<SmtpError>("outbound::SmtpError");
    setObjectName(QStringLiteral("outbound-test-send"));
}

TestSendJob::~TestSendJob() = default;

std::function<std::unique_ptr<JobWorker>()> TestSendJob::workerFactory()
{
    return [config = m_config, message = m_message, job = this] {
        return std::make_unique<detail::TestSendWorker>(config, message, job);
    };
}

void TestSendJob::deliver(const SendOutcome& outcome)
{
    m_outcome = outcome;
    setErrorText(outcome.accepted ? QString() : outcome.error.value_or(SmtpError{}).summary());
    Q_EMIT finished(outcome);
}

} // namespace outbound

#include "moc_TestSendJob.cpp"
