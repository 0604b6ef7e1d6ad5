#pragma once

#include "smtp/SmtpTypes.h"

#include <QList>
#include <QObject>
#include <chrono>
#include <functional>
#include <memory>

namespace outbound {

// One SMTP connection on a QSslSocket. Create and use it on the thread it lives on (a worker
// thread); it never blocks and never runs a nested event loop. The protocol decisions are made by
// SmtpProtocol (no I/O); this class moves bytes, runs TLS and the per-phase watchdog.
//
// Life: open() -> ready(info) -> send()* (queued FIFO, each ends in messageDone) -> close() -> closed().
// Any fatal problem ends in exactly one failed(error); before it, every message still open gets
// its messageDone: attempted=false for those never started (still queued, or pipelined behind the
// one in flight with no DATA begun), attempted=true with the error for the one in flight. The
// error is set on both.
//
// Re-entrancy: slots connected directly to any signal may delete the session (plain delete),
// call send(), close() or cancel(); the session stops emitting once deleted and keeps its
// internal state alive until the emitting code has unwound. send() on a finished session
// reports its messageDone (attempted=false) from the event loop, never from inside send(), so
// a slot that sends again on messageDone cannot recurse.
//
// Watchdog: each expected reply gets one budget, started when it becomes the one awaited (bytes
// that do not complete a reply do not extend it). While the body is written, the data-idle
// budget restarts on every write progress; the final-dot budget starts once the socket has
// passed the whole body on.
class SmtpSession : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SmtpSession)

public:
    explicit SmtpSession(SmtpConfig config, QObject* parent = nullptr);
    ~SmtpSession() override;

    void open();
    // Queue a message; may be called before ready() and while others are in flight.
    void send(OutgoingMessage message);
    // QUIT politely after queued messages are done; ends in closed().
    void close();
    // Stop at once, from any state; ends in failed(Cancelled) unless already finished.
    void cancel();
    // Hands back the queued messages not started yet: those whose MAIL FROM has not been written
    // to the socket (still waiting for ready(), or queued behind the transactions in flight).
    // They leave the session without a messageDone; their ids come back in send() order. A
    // started message stays and ends in its messageDone as usual: with PIPELINING that includes
    // one whose envelope is already written behind the message in flight. Safe in any state
    // (empty list when nothing is waiting, e.g. after closed()/failed()). After a close(), the
    // QUIT follows as soon as the started messages are done.
    QList<qint64> takeUnstarted();

    bool isReady() const;
    int pendingMessages() const;
    const ServerInfo& serverInfo() const;
    // How long one second of the configured phase budgets lasts on the watchdog. Tests shrink it
    // (e.g. 100 ms) to exercise every phase's timeout quickly; errors still report the budget.
    void setWatchdogUnit(std::chrono::milliseconds unit);
    // The phase the session is in now (dns, connect, tls, greeting, ...).
    SmtpPhase phase() const;
    // Asked just before each message's transaction starts (its MAIL FROM is written): Open starts
    // it, Closed withdraws it untried (messageDone with withdrawn = true), Later holds it (and the
    // messages behind it) until answerStartGate().
    void setStartGate(std::function<StartGate(qint64 messageId)> gate);
    // The answer to a gate that said Later: `open` starts the message, otherwise it is withdrawn.
    void answerStartGate(qint64 messageId, bool open);
    // Its start gate said Later for `messageId` and waits for the answer (false once the message
    // was withdrawn otherwise, or the session ended).
    bool waitsForStartGate(qint64 messageId) const;

Q_SIGNALS:
    void phaseChanged(outbound::SmtpPhase phase);
    void transcript(const outbound::TranscriptLine& line);
    void ready(const outbound::ServerInfo& info);
    void messageDone(const outbound::SendOutcome& outcome);
    void failed(const outbound::SmtpError& error);
    void closed();

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace outbound
