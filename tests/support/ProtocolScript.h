#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringList>

namespace outbound::testing {

// Runs SmtpProtocol (no I/O) against a model of a misbehaving server whose every decision comes
// from a source of choices: which reply each command gets (positive, 4xx, 5xx, 354 to a DATA
// whose recipients were all refused, garbage, an overlong reply, a 250 followed by junk, 421,
// closing, stalling), how replies are cut into chunks and delayed, how the body is streamed,
// PIPELINING on or off, cross-message pipelining on or off, and when messages are enqueued or
// taken back. The model checks, as it reads what the client wrote:
//   - no command is written while a DATA command is unanswered, and nothing but the message's
//     own body (or an empty one) ever sits inside a DATA body;
//   - every message handed to the protocol ends in exactly one outcome (or was taken back);
//   - a message whose final 250 reached the client is accepted; one whose whole body reached
//     the server without a definite reply coming back is "outcome unknown", never a plain
//     retryable failure; "outcome unknown" only after the client wrote the final dot;
//   - the protocol never waits with no watchdog budget while work is open;
//   - nothing crashes (run it under ASan/UBSan to make that mean something).
// Used by test_smtp (seeded, thousands of runs) and meant for a libFuzzer target (bytes).
struct ProtocolScriptResult
{
    bool ok = true;
    QString violation; // the first broken invariant, empty when ok
    QStringList log;   // what each side did, for a readable failure
    int messages = 0;
    int accepted = 0;
    int outcomeUnknown = 0;
    int refused = 0; // ended without acceptance (attempted or not)
    int takenBack = 0;
    int gateWaits = 0; // start gates that said Later and were answered
    int withdrawn = 0; // messages a start gate closed
    bool pipelining = false;
    bool gated = false; // the run's start gate may say Later or Closed
    bool acrossMessages = false;

    QString describe() const; // violation plus the log, for QVERIFY2
};

// Choices from a seeded QRandomGenerator.
ProtocolScriptResult runProtocolScript(quint32 seed);
// Choices read from bytes (a fuzzer's input); when they run out every choice is 0, which ends
// the run quickly with positive replies.
ProtocolScriptResult runProtocolScript(QByteArrayView choices);

} // namespace outbound::testing
