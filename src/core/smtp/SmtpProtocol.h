#pragma once

#include "smtp/SmtpReply.h"
#include "smtp/SmtpTypes.h"

#include <QByteArray>
#include <QList>
#include <deque>
#include <memory>

namespace outbound {

// Dot-stuffing and CRLF normalisation of a DATA body, fed in chunks of any size: a '.' at the
// start of a line gets a second '.', also on the first line and when a line is split between
// chunks; bare LF and bare CR become CRLF.
class DotStuffer
{
public:
    void reset();
    void feed(QByteArrayView chunk, QByteArray& out);
    // Ends the body: CRLF when the data did not end with one, then ".\r\n".
    void finish(QByteArray& out);

private:
    bool m_lineStart = true;
    bool m_pendingCr = false;
};

// The SMTP client protocol without I/O. The session feeds it what the socket received and writes
// out what it hands back (output()); everything else comes out as calls on the Listener.
// A state table drives the handshake (greeting, EHLO/HELO, STARTTLS, AUTH); the mail
// transactions run from a FIFO of expected replies so PIPELINING and one-at-a-time share the code.
class SmtpProtocol
{
public:
    class Listener
    {
    public:
        virtual ~Listener() = default;
        virtual void protocolPhaseChanged(SmtpPhase phase) = 0;
        virtual void protocolTranscript(const TranscriptLine& line) = 0;
        // Output so far must be written in clear, then the TLS handshake started; on success
        // call tlsEstablished().
        virtual void protocolStartTls() = 0;
        virtual void protocolReady(const ServerInfo& info) = 0;
        virtual void protocolMessageDone(const SendOutcome& outcome) = 0;
        // Fatal: the connection must be dropped. Sent after every open message got its outcome.
        virtual void protocolFailed(const SmtpError& error) = 0;
        // QUIT answered (or the server closed after QUIT): drop the connection politely.
        virtual void protocolClosed() = 0;
        // Just before a message's first MAIL FROM is written: Closed withdraws it untried (its
        // messageDone says withdrawn); Later holds it, and every message behind it, until
        // startGateAnswered(). The queue marks the row as possibly handed over here.
        virtual StartGate protocolMayStart(qint64 messageId)
        {
            Q_UNUSED(messageId)
            return StartGate::Open;
        }
    };

    // What the watchdog should time right now.
    enum class Budget
    {
        None,
        Greeting,
        Command,
        DataIdle,
        FinalDot
    };

    enum class State
    {
        Connecting,
        Greeting,
        Ehlo,
        Helo,
        StartTls,
        TlsHandshake,
        AuthPlain,
        AuthLoginUser,
        AuthLoginPassword,
        AuthXOAuth2,
        AuthXOAuth2Error,
        AuthOAuthBearer,
        AuthOAuthBearerError,
        AuthResult,
        Ready,
        Quit,
        Closed,
        Failed
    };

    SmtpProtocol(const SmtpConfig& config, Listener& listener);
    ~SmtpProtocol();
    Q_DISABLE_COPY_MOVE(SmtpProtocol)

    // The connection is up (after the TLS handshake for implicit TLS): wait for the greeting.
    void connectionEstablished(bool tlsActive);
    void receive(QByteArrayView bytes);
    // STARTTLS handshake done: EHLO again, capabilities from scratch.
    void tlsEstablished();
    void enqueue(OutgoingMessage message);
    // QUIT once every queued message is done.
    void requestClose();
    // The answer to a start gate that said Later for `messageId`; ignored when that message is no
    // longer waiting for it (the session failed).
    void startGateAnswered(qint64 messageId, bool open);
    // A start gate said Later for `messageId` and has not been answered.
    bool waitsForStartGate(qint64 messageId) const { return m_gateWaitingFor == messageId; }
    // Removes every queued message whose MAIL FROM has not been produced yet and returns their
    // ids in queue order; no outcome is reported for them. A started transaction (with
    // PIPELINING, one whose envelope is already out) stays, and so does a message whose start gate
    // was asked (it starts or is withdrawn when the answer comes). A pending close goes ahead if
    // nothing else is left.
    QList<qint64> takeUnstarted();
    // Fatal error found outside the protocol (socket, watchdog, cancel): every open message gets
    // its outcome, then protocolFailed(error). Does nothing when already finished.
    void abort(SmtpError error);
    // The connection went away: closed politely after QUIT, otherwise a ConnectionClosed failure.
    void connectionLost();

    // Bytes to write. The session writes them and calls clearOutput().
    const QByteArray& output() const { return m_out; }
    void clearOutput()
    {
        m_flushed += static_cast<quint64>(m_out.size());
        m_out.resize(0);
    }
    // Before reporting a failure: how many written bytes never left the socket (0 = all did). A
    // final dot among them was never sent, so that message's outcome is not unknown.
    void setUnsentBytes(quint64 unsent) { m_unsent = unsent; }
    // While true the session calls streamData() whenever the socket has room.
    bool isStreaming() const { return m_streaming != nullptr; }
    // Appends up to about maxBytes of the current body (stuffed) to output(); after the last
    // chunk the final dot, and with PIPELINING the next message's envelope.
    void streamData(qsizetype maxBytes);

    State state() const { return m_state; }
    SmtpPhase phase() const;
    Budget budget() const;
    // Complete replies handled so far; the watchdog starts a fresh budget when this changes, never
    // on bytes that do not finish a reply (a server dripping continuation lines gains nothing).
    quint64 repliesHandled() const { return m_repliesHandled; }
    bool isReady() const { return m_state == State::Ready; }
    bool isFinished() const { return m_state == State::Closed || m_state == State::Failed; }
    int pendingMessages() const;
    ServerInfo& serverInfo() { return m_info; }
    const ServerInfo& serverInfo() const { return m_info; }
    // Transcript lines cost strings; the session turns them off when nobody listens.
    void setTranscriptEnabled(bool enabled) { m_transcriptEnabled = enabled; }
    // Probe mode (the settings diagnosis): greeting, EHLO, STARTTLS when offered (unless the
    // config's encryption is none), EHLO again, then protocolReady() without signing in, whatever
    // the config says; the caller ends with requestClose(). Never sends credentials or mail.
    void setProbeMode(bool probe) { m_probeMode = probe; }

    static constexpr qsizetype kMaxTranscriptLine = 512;

private:
    struct Transaction;
    enum class Expect
    {
        Mail,
        Rcpt,
        Data,
        DataEnd,
        Rset
    };
    struct Expectation
    {
        Expect kind;
        Transaction* txn;
    };

    void handleReply(const SmtpReply& reply);
    void handleHandshakeReply(const SmtpReply& reply);
    void handleTransactionReply(const SmtpReply& reply);
    void afterEhlo();
    void startAuthOrReady();
    void becomeReady();
    void pump();
    bool startTransaction();
    void withdraw(qint64 messageId);
    void writeEnvelope(Transaction* txn);
    void settleOverflow(Transaction* txn);
    void startNextRound(Transaction* txn);
    void writeEnvelopeCommand(Expect kind, Transaction* txn, const QByteArray& recipient = {});
    void sendCommand(QByteArrayView line, const QString& shownAs = {}, qint64 messageId = 0);
    SmtpError outcomeUnknownError(const SmtpError& cause) const;
    void sendRset(qint64 messageId = 0);
    void finishTransaction(Transaction* txn);
    void fail(SmtpError error);
    void notePhase();
    void transcriptServer(const SmtpReply& reply);
    void transcriptLine(TranscriptLine::Direction direction, QString text, qint64 messageId = 0);
    void enterState(State state);

    SmtpError error(SmtpErrorKind kind, SmtpPhase phase, bool transient, QString detail) const;
    SmtpError allRefusedError(const Transaction& txn) const;
    void sendEhlo();
    SmtpError replyError(const SmtpReply& reply, SmtpPhase phase, QString detail) const;

    const SmtpConfig& m_config;
    Listener& m_listener;
    State m_state = State::Connecting;
    SmtpPhase m_lastPhase = SmtpPhase::Connect;
    SmtpReplyParser m_parser;
    ServerInfo m_info;
    QByteArray m_out;
    bool m_transcriptEnabled = true;
    bool m_closeRequested = false;
    std::optional<qint64> m_gateWaitingFor; // the queue's first message waits for its start gate
    std::optional<qint64> m_gateOpenedFor;  // its gate said yes: it starts without asking again
    bool m_greeted = false;
    bool m_sawEhlo = false;
    bool m_startTlsOffered = false;
    bool m_probeMode = false;
    int m_busy = 0; // re-entrancy depth of listener calls
    quint64 m_repliesHandled = 0;
    quint64 m_flushed = 0; // bytes handed out through output() so far
    quint64 m_unsent = 0;  // of those, still in the socket when it failed
    AuthMethod m_authMethod = AuthMethod::None;

    std::deque<OutgoingMessage> m_queue;
    std::deque<std::unique_ptr<Transaction>> m_txns;
    std::deque<Expectation> m_expect;
    Transaction* m_streaming = nullptr;
    QByteArray m_pendingHelo;
    QString m_xoauth2Challenge; // the decoded error JSON the server sent, for the failure text
};

} // namespace outbound
