#pragma once

#include "queue/QueueStore.h"
#include "smtp/SmtpTypes.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QSet>
#include <optional>

namespace outbound {

class SmtpSession;
class StoreLane;

// The hand-over marks of one worker, shared by its connections: just before a message's
// transaction starts, its row is marked as possibly handed to the server (and the rows the server
// accepted since the last mark as accepted), fenced by this worker's claim. A crash then leaves
// `interrupted` only what was really on the wire.
class HandOverMarks
{
public:
    explicit HandOverMarks(WorkerStore& store) : m_store(&store) {}

    // A database server: marks are written on `lane` (a thread of its own), so the connections go
    // on while one waits for its mark.
    void useLane(StoreLane* lane) { m_lane = lane; }
    // The start gate: Closed when the mark could not be written (the message must not go then) or
    // the row is no longer this worker's (leaseLost() says which). With a lane: Later, and
    // `answer` gets the verdict when the mark is written.
    // `waiting` says whether the message still waits for this answer; a stale one is dropped.
    StartGate requestStart(qint64 id, std::function<bool()> waiting,
                           std::function<void(bool mayStart)> answer);
    void accepted(qint64 id) { m_accepted.append(id); }
    void recorded(qint64 id) { m_accepted.removeOne(id); }
    // True (once) when `id` was refused because another worker holds it now.
    bool takeLeaseLost(qint64 id) { return m_leaseLost.remove(id); }
    // The store is going away: every later start is refused.
    void detach()
    {
        m_store = nullptr;
        m_lane = nullptr;
    }

    // The same, written now on the caller's thread.
    bool mayStart(qint64 id);

private:
    bool verdict(qint64 id, const Result<bool>& held);

    WorkerStore* m_store;
    StoreLane* m_lane = nullptr;
    // Accepted by the server, outcome not yet recorded. An id stays here until a mark that carried
    // it succeeded (a failed one leaves it for the next) or its outcome is recorded.
    QList<qint64> m_accepted;
    QSet<qint64> m_leaseLost;
};

// One SMTP connection of the worker and the messages on it: opens the session, hands it messages
// (their bytes only for as long as they are on it), gates each start on its hand-over mark, keeps
// each message's transcript, and reports each message's end with its claim and transcript.
class WorkerConnection : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WorkerConnection)

public:
    // Bytes of messages one connection may hold at once (beyond the first); keeps a drain of large
    // messages at a few megabytes per connection.
    static constexpr qint64 kMaxBytes = 4 * 1024 * 1024;
    static constexpr int kTranscriptPreambleLimit = 4096;
    static constexpr int kTranscriptMessageLimit = 12 * 1024;

    struct InFlight
    {
        ClaimedMessage claimed;
        QString transcript; // the session's preamble and lines since the previous message, then its own
    };

    // tokenExpiresAt: OAuth, the access token this connection signs in with (invalid otherwise).
    WorkerConnection(const SmtpConfig& config, HandOverMarks& marks, int watchdogUnitMs,
                     const QDateTime& tokenExpiresAt, QObject* parent = nullptr);
    ~WorkerConnection() override;

    void open();
    // Hands a claimed message to the session; `body` is its built bytes.
    void send(ClaimedMessage claimed, QByteArray body);
    // QUIT after the started messages (takes nothing more) / stop at once.
    void close();
    void cancel();
    // Takes nothing more, but the session goes on with what it holds.
    void retire() { m_closing = true; }
    // No more signals from this connection (its session may still run down).
    void detach();

    bool isReady() const { return m_ready; }
    bool isClosing() const { return m_closing; }
    qsizetype count() const { return m_order.size(); }
    bool isEmpty() const { return m_order.isEmpty(); }
    QDateTime tokenExpiresAt() const { return m_tokenExpiresAt; }
    // May it take another message of `size` bytes with at most `window` held?
    bool hasRoomFor(qint64 size, int window) const;

    // Messages the session has not started, taken back (they never touched the wire).
    QList<ClaimedMessage> takeUnstarted();
    // Every message still on it, oldest first, with its transcript (the connection is done).
    QList<InFlight> takeAll();
    // The claim of a message on this connection, or nullptr.
    ClaimedMessage* find(qint64 id);

Q_SIGNALS:
    void ready(outbound::WorkerConnection* connection);
    // One message ended. `transcript` is its whole transcript when it was attempted, else empty.
    void messageDone(outbound::WorkerConnection* connection, const outbound::SendOutcome& outcome,
                     const outbound::ClaimedMessage& claimed, const QString& transcript);
    // The session ended (error: how; none after a polite QUIT). Emitted once.
    void gone(outbound::WorkerConnection* connection, const std::optional<outbound::SmtpError>& error);

private:
    void onTranscript(const TranscriptLine& line);
    void onMessageDone(const SendOutcome& outcome);
    void onEnded(const std::optional<SmtpError>& error);

    SmtpSession* m_session = nullptr;
    bool m_ready = false;
    bool m_closing = false;
    bool m_ended = false;
    QString m_preamble;     // greeting, EHLO, AUTH: shared by every message of the session
    QString m_currentLines; // since the previous message finished
    QList<qint64> m_order;  // in-flight ids, FIFO as handed to the session
    qint64 m_bytes = 0;     // message bytes handed to the session and not yet done
    QHash<qint64, InFlight> m_inFlight;
    QDateTime m_tokenExpiresAt;
};

} // namespace outbound
