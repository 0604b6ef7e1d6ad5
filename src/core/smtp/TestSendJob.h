#pragma once

#include "smtp/SmtpTypes.h"

#include <QObject>
#include <memory>

namespace outbound {

// Sends one message through a fresh SmtpSession on its own worker thread and reports back on the
// caller's thread. Used by `outbound-cli test-send` and the GUI's test-send dialog. The caller's
// thread never waits on the network.
class TestSendJob : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TestSendJob)

public:
    TestSendJob(SmtpConfig config, OutgoingMessage message, QObject* parent = nullptr);
    ~TestSendJob() override; // cancels and joins the worker thread

    void start();
    void cancel(); // returns at once; finished() follows with a Cancelled error

Q_SIGNALS:
    void phaseChanged(outbound::SmtpPhase phase);
    void transcript(const outbound::TranscriptLine& line);
    void serverReady(const outbound::ServerInfo& info);
    // Exactly once. outcome.accepted tells success; otherwise outcome.error is set.
    void finished(const outbound::SendOutcome& outcome);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace outbound
