#pragma once

#include "common/Job.h"
#include "smtp/SmtpTypes.h"

#include <optional>

namespace outbound {

namespace detail {
class TestSendWorker;
}

// Sends one message through a fresh SmtpSession on the job's worker thread and reports back on
// the caller's thread. Used by `outbound-cli test-send` and the GUI's test-send dialog. The
// caller's thread never waits on the network. start(), cancel() and the teardown are Job's.
class TestSendJob : public Job
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TestSendJob)

public:
    TestSendJob(SmtpConfig config, OutgoingMessage message, QObject* parent = nullptr);
    ~TestSendJob() override;

    // Set once finished() was emitted.
    const std::optional<SendOutcome>& outcome() const { return m_outcome; }

Q_SIGNALS:
    void phaseChanged(outbound::SmtpPhase phase);
    void transcript(const outbound::TranscriptLine& line);
    void serverReady(const outbound::ServerInfo& info);
    // Exactly once after start() or cancel(). outcome.accepted tells success; otherwise
    // outcome.error is set (kind Cancelled when cancelled before the server could take it).
    void finished(const outbound::SendOutcome& outcome);

protected:
    std::function<std::unique_ptr<JobWorker>()> workerFactory() override;

private:
    friend class detail::TestSendWorker;
    void deliver(const SendOutcome& outcome);

    SmtpConfig m_config;
    OutgoingMessage m_message;
    std::optional<SendOutcome> m_outcome;
};

} // namespace outbound
