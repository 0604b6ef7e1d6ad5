#include "queue/WorkerConnection.h"

#include "queue/StoreLane.h"
#include "smtp/SmtpSession.h"

#include <QPointer>

namespace outbound {

namespace {

QString transcriptLine(const TranscriptLine& line)
{
    switch (line.direction) {
    case TranscriptLine::Direction::Client:
        return QStringLiteral("C: ") + line.text;
    case TranscriptLine::Direction::Server:
        return QStringLiteral("S: ") + line.text;
    case TranscriptLine::Direction::Info:
        break;
    }
    return QStringLiteral("*  ") + line.text;
}

void appendBounded(QString& target, const QString& line, int limit)
{
    if (target.size() + line.size() + 1 > limit)
        return;
    target += line;
    target += u'\n';
}

} // namespace

StartGate HandOverMarks::requestStart(qint64 id, std::function<bool()> waiting,
                                      std::function<void(bool)> answer)
{
    if (!m_store)
        return StartGate::Closed;
    if (!m_lane)
        return mayStart(id) ? StartGate::Open : StartGate::Closed;
    m_lane->markHandedOver(id, m_accepted,
                           [this, id, accepted = m_accepted, waiting = std::move(waiting),
                            answer = std::move(answer)](const Result<bool>& held) {
                               if (held) {
                                   for (const qint64 a : accepted)
                                       m_accepted.removeOne(a);
                               }
                               // The message was withdrawn otherwise meanwhile (its session ended).
                               if (!waiting())
                                   return;
                               answer(verdict(id, held));
                           });
    return StartGate::Later;
}

bool HandOverMarks::mayStart(qint64 id)
{
    if (!m_store)
        return false;
    const Result<bool> held = m_store->markHandedOver(id, m_accepted);
    if (held)
        m_accepted.clear();
    return verdict(id, held);
}

bool HandOverMarks::verdict(qint64 id, const Result<bool>& held)
{
    if (!held) {
        // Unrecorded, a crash would put the row back as never sent: do not send it now.
        qWarning("outbound worker: %s", qUtf8Printable(held.error().message));
        return false;
    }
    if (!held.value()) {
        qWarning(
            "outbound worker: message %lld is no longer this worker's (its claim expired); not sending it",
            static_cast<long long>(id));
        m_leaseLost.insert(id);
        return false;
    }
    return true;
}

WorkerConnection::WorkerConnection(const SmtpConfig& config, HandOverMarks& marks, int watchdogUnitMs,
                                   const QDateTime& tokenExpiresAt, QObject* parent)
    : QObject(parent), m_session(new SmtpSession(config, this)), m_tokenExpiresAt(tokenExpiresAt)
{
    if (watchdogUnitMs > 0)
        m_session->setWatchdogUnit(std::chrono::milliseconds(watchdogUnitMs));
    m_session->setStartGate([&marks, session = QPointer<SmtpSession>(m_session)](qint64 id) {
        return marks.requestStart(
            id, [session, id] { return session && session->waitsForStartGate(id); },
            [session, id](bool mayStart) {
                if (session)
                    session->answerStartGate(id, mayStart);
            });
    });
    connect(m_session, &SmtpSession::transcript, this, &WorkerConnection::onTranscript);
    connect(m_session, &SmtpSession::ready, this, [this](const ServerInfo&) {
        m_ready = true;
        Q_EMIT ready(this);
    });
    connect(m_session, &SmtpSession::messageDone, this, &WorkerConnection::onMessageDone);
    connect(m_session, &SmtpSession::failed, this, [this](const SmtpError& error) { onEnded(error); });
    connect(m_session, &SmtpSession::closed, this, [this] { onEnded(std::nullopt); });
}

WorkerConnection::~WorkerConnection()
{
    detach();
}

void WorkerConnection::open()
{
    m_session->open();
}

void WorkerConnection::detach()
{
    m_ended = true;
    disconnect(m_session, nullptr, this, nullptr);
}

void WorkerConnection::close()
{
    m_closing = true;
    m_session->close();
}

void WorkerConnection::cancel()
{
    m_closing = true;
    m_session->cancel();
}

bool WorkerConnection::hasRoomFor(qint64 size, int window) const
{
    // Memory is bounded by message size, not by the window: a connection takes another message
    // only while the bytes it holds stay under kMaxBytes (always at least one).
    return !m_closing && m_order.size() < window && (m_order.isEmpty() || m_bytes + size <= kMaxBytes);
}

void WorkerConnection::send(ClaimedMessage claimed, QByteArray body)
{
    const qint64 id = claimed.outgoing.id;
    OutgoingMessage outgoing = std::move(claimed.outgoing);
    outgoing.data = std::move(body);
    claimed.outgoing = OutgoingMessage{};
    claimed.outgoing.id = id;
    m_order.append(id);
    m_bytes += claimed.size;
    m_inFlight.insert(id, InFlight{std::move(claimed), {}});
    m_session->send(std::move(outgoing));
}

QList<ClaimedMessage> WorkerConnection::takeUnstarted()
{
    QList<ClaimedMessage> taken;
    const QList<qint64> ids = m_session->takeUnstarted();
    for (qint64 id : ids) {
        const auto it = m_inFlight.find(id);
        if (it == m_inFlight.end())
            continue;
        m_order.removeOne(id);
        m_bytes -= it->claimed.size;
        taken.append(std::move(it->claimed));
        m_inFlight.erase(it);
    }
    return taken;
}

QList<WorkerConnection::InFlight> WorkerConnection::takeAll()
{
    QList<InFlight> all;
    for (qint64 id : std::as_const(m_order)) {
        InFlight f = m_inFlight.take(id);
        f.transcript = m_preamble + m_currentLines + f.transcript;
        all.append(std::move(f));
    }
    m_order.clear();
    m_inFlight.clear();
    m_bytes = 0;
    return all;
}

ClaimedMessage* WorkerConnection::find(qint64 id)
{
    const auto it = m_inFlight.find(id);
    return it == m_inFlight.end() ? nullptr : &it->claimed;
}

void WorkerConnection::onTranscript(const TranscriptLine& line)
{
    // A transaction's lines go to its own message: with pipelining the next message's envelope
    // may be written before this one's final reply.
    const auto own = line.messageId != 0 ? m_inFlight.find(line.messageId) : m_inFlight.end();
    if (own != m_inFlight.end())
        appendBounded(own->transcript, transcriptLine(line), kTranscriptMessageLimit);
    else if (m_ready)
        appendBounded(m_currentLines, transcriptLine(line), kTranscriptMessageLimit);
    else
        appendBounded(m_preamble, transcriptLine(line), kTranscriptPreambleLimit);
}

void WorkerConnection::onMessageDone(const SendOutcome& outcome)
{
    if (m_ended)
        return;
    const auto it = m_inFlight.find(outcome.id);
    if (it == m_inFlight.end())
        return;
    InFlight f = std::move(*it);
    m_inFlight.erase(it);
    m_bytes -= f.claimed.size;
    m_order.removeOne(outcome.id);
    QString transcript;
    if (outcome.attempted && !outcome.withdrawn) {
        transcript = m_preamble + m_currentLines + f.transcript;
        m_currentLines.clear();
    }
    Q_EMIT messageDone(this, outcome, f.claimed, transcript);
}

void WorkerConnection::onEnded(const std::optional<SmtpError>& error)
{
    if (m_ended)
        return;
    m_ended = true;
    Q_EMIT gone(this, error);
}

} // namespace outbound
