#include "ProtocolScript.h"

#include "smtp/SmtpProtocol.h"

#include <QHash>
#include <QRandomGenerator>
#include <QSet>
#include <algorithm>
#include <deque>
#include <functional>
#include <optional>

namespace outbound::testing {

namespace {

// Where decisions come from: a PRNG or a fuzzer's bytes.
class Choices
{
public:
    explicit Choices(quint32 seed) : m_random(seed), m_useRandom(true) {}
    explicit Choices(QByteArrayView bytes) : m_bytes(bytes) {}

    // A number in [0, n).
    int pick(int n)
    {
        if (n <= 1)
            return 0;
        if (m_useRandom)
            return static_cast<int>(m_random.bounded(static_cast<quint32>(n)));
        if (m_pos >= m_bytes.size())
            return 0;
        return static_cast<unsigned char>(m_bytes[m_pos++]) % n;
    }
    bool chance(int percent) { return pick(100) < percent; }

    // Index into weights, chosen in proportion to them.
    int weighted(std::initializer_list<int> weights)
    {
        int total = 0;
        for (int w : weights)
            total += w;
        int r = pick(total);
        int i = 0;
        for (int w : weights) {
            if (r < w)
                return i;
            r -= w;
            ++i;
        }
        return 0;
    }

private:
    QRandomGenerator m_random;
    bool m_useRandom = false;
    QByteArrayView m_bytes;
    qsizetype m_pos = 0;
};

// One thing the server sends: reply bytes, or the close of the connection.
struct ServerItem
{
    QByteArray bytes;
    bool close = false;
    qint64 dotReplyFor = 0; // the message whose final dot this answers (0: another reply)
    int dotCode = 0;        // a definite code for that dot, 0 when the reply is not one (garbage)
};

struct Listener final : SmtpProtocol::Listener
{
    QHash<qint64, int> outcomes; // id -> number of outcomes
    QHash<qint64, SendOutcome> last;
    bool failed = false;
    bool closed = false;
    int startTls = 0;
    QStringList* log = nullptr;
    void protocolPhaseChanged(SmtpPhase) override {}
    void protocolTranscript(const TranscriptLine&) override {}
    void protocolStartTls() override { ++startTls; }
    void protocolReady(const ServerInfo&) override {}
    void protocolMessageDone(const SendOutcome& o) override
    {
        outcomes[o.id] += 1;
        last.insert(o.id, o);
        log->append(QStringLiteral("   outcome %1: %2")
                        .arg(o.id)
                        .arg(o.accepted           ? QStringLiteral("accepted")
                             : o.outcomeUnknown() ? QStringLiteral("unknown")
                             : o.error            ? o.error->summary()
                                                  : QStringLiteral("?")));
    }
    void protocolFailed(const SmtpError& e) override
    {
        failed = true;
        log->append(QStringLiteral("   failed: %1").arg(e.summary()));
    }
    void protocolClosed() override { closed = true; }
    StartGate protocolMayStart(qint64 id) override { return gate ? gate(id) : StartGate::Open; }
    std::function<StartGate(qint64)> gate;
};

class Runner
{
public:
    explicit Runner(Choices& choices) : c(choices) {}
    ProtocolScriptResult run();

private:
    void violation(const QString& text)
    {
        if (result.ok) {
            result.ok = false;
            result.violation = text;
        }
    }
    void serverSays(ServerItem item) { pendingItems.push_back(std::move(item)); }
    void reply(const QByteArray& line) { serverSays({line + "\r\n", false, 0, 0}); }
    // A reply chosen for a command: 0 positive, otherwise a fault.
    void faultOrPositive(const QByteArray& positive, qint64 dotFor = 0);
    void readClient(const QByteArray& bytes);
    void handleLine(const QByteArray& line);
    void endOfBody();
    bool deliver();
    QByteArray messageData(qint64 id) const;

    Choices& c;
    ProtocolScriptResult result;
    Listener listener;
    std::optional<SmtpProtocol> protocol;
    SmtpConfig config;

    // Server model.
    std::deque<ServerItem> pendingItems;
    QByteArray clientBuffer;
    bool serverClosed = false; // decided to close: it answers nothing more
    bool inBody = false;
    QByteArray body;
    qint64 currentSender = 0;
    int unansweredData = 0; // DATA commands whose reply has not reached the client
    bool ehloDone = false;
    bool quitSeen = false;

    // Bookkeeping for the invariants.
    QSet<qint64> enqueued;
    QSet<qint64> takenBack;
    // Start gates (result.gated): asked and not yet answered, opened, closed.
    std::deque<qint64> gatesWaiting;
    QSet<qint64> gateOpened;
    QSet<qint64> gateClosed;
    // Per message (a message may take several transactions when recipients exceed the limit):
    QHash<qint64, int> bodiesReceived; // whole (non-empty) bodies with their dot the server got
    QHash<qint64, int> dotsWritten;    // whole bodies with their dot the client wrote
    QHash<qint64, int> definiteDots;   // definite replies to those dots that reached the client
    QSet<qint64> acceptedDot;          // a 2xx to one of its dots reached the client
};

QByteArray Runner::messageData(qint64 id) const
{
    // Lines that look like commands or dots, so stuffing and DATA boundaries are exercised.
    QByteArray data = "Subject: m" + QByteArray::number(id) + "\r\n\r\n";
    const int lines = static_cast<int>(id % 5);
    for (int i = 0; i < lines; ++i) {
        switch ((id + i) % 4) {
        case 0:
            data += ".\r\n";
            break;
        case 1:
            data += "RSET\r\n";
            break;
        case 2:
            data += "..dots " + QByteArray::number(i) + "\r\n";
            break;
        default:
            data += "body line " + QByteArray::number(i) + "\r\n";
            break;
        }
    }
    return data;
}

void Runner::faultOrPositive(const QByteArray& positive, qint64 dotFor)
{
    const bool isDot = dotFor != 0;
    switch (c.weighted({isDot ? 40 : 60, 8, 8, 3, 3, 3, 3, 2, isDot ? 4 : 0, isDot ? 4 : 0, isDot ? 3 : 0})) {
    case 0:
        serverSays({positive + "\r\n", false, dotFor, positive.left(3).toInt()});
        return;
    case 1:
        serverSays({"451 4.3.0 try later\r\n", false, dotFor, 451});
        return;
    case 2:
        serverSays({"550 5.7.1 refused\r\n", false, dotFor, 550});
        return;
    case 3:
        serverSays({"421 4.3.2 closing\r\n", false, dotFor, 421});
        serverSays({{}, true, 0, 0});
        serverClosed = true;
        return;
    case 4: // close without a word
        serverSays({{}, true, 0, 0});
        serverClosed = true;
        return;
    case 5: // stall: never answer
        serverClosed = true;
        return;
    case 6: // garbage instead of a reply
        serverSays({"this is not smtp\r\n", false, dotFor, 0});
        serverClosed = true; // the client must give up on this connection
        return;
    case 7: // a continuation that never ends, then silence
        serverSays({positive.left(3) + "-partial\r\n", false, 0, 0});
        serverClosed = true;
        return;
    case 8: // an acceptance with an overlong text
        serverSays({positive.left(3) + " " + QByteArray(6000, 'x') + "\r\n", false, dotFor, 250});
        return;
    case 9: // an acceptance of more lines than the parser keeps
    {
        QByteArray many;
        for (int i = 0; i < 1100; ++i)
            many += positive.left(3) + "-line\r\n";
        many += positive + "\r\n";
        serverSays({many, false, dotFor, 250});
        return;
    }
    case 10: // an acceptance followed by junk
        serverSays({positive + "\r\n", false, dotFor, 250});
        serverSays({"\x01\x02junk\r\n", false, 0, 0});
        serverClosed = true;
        return;
    }
}

void Runner::readClient(const QByteArray& bytes)
{
    clientBuffer += bytes;
    for (;;) {
        const qsizetype nl = clientBuffer.indexOf("\r\n");
        if (nl < 0)
            break;
        const QByteArray line = clientBuffer.left(nl);
        clientBuffer.remove(0, nl + 2);
        handleLine(line);
    }
}

void Runner::endOfBody()
{
    inBody = false;
    const QByteArray expected = messageData(currentSender);
    if (!body.isEmpty() && body != expected)
        violation(QStringLiteral("the DATA body of message %1 is not its message: \"%2\"")
                      .arg(currentSender)
                      .arg(QString::fromLatin1(body.left(200))));
    if (!body.isEmpty())
        dotsWritten[currentSender] += 1;
    const bool hadBody = !body.isEmpty();
    body.clear();
    if (serverClosed)
        return;
    if (hadBody)
        bodiesReceived[currentSender] += 1;
    // The reply to an empty body (the client ending a DATA nothing can be delivered by) is no
    // acceptance of the message.
    faultOrPositive("250 2.0.0 queued", hadBody ? currentSender : 0);
}

void Runner::handleLine(const QByteArray& line)
{
    if (inBody) {
        if (line == ".") {
            endOfBody();
            return;
        }
        // Undo dot-stuffing as a server does.
        body += (line.startsWith('.') ? line.mid(1) : line) + "\r\n";
        return;
    }
    result.log.append(QStringLiteral("C: ") + QString::fromLatin1(line.left(80)));
    if (unansweredData > 0)
        violation(QStringLiteral("\"%1\" was written while a DATA command was unanswered")
                      .arg(QString::fromLatin1(line.left(80))));
    if (line.startsWith("EHLO ")) {
        if (serverClosed)
            return;
        if (c.chance(3)) {
            faultOrPositive("250 ok");
            return;
        }
        ehloDone = true;
        QByteArray r = "250-model.test\r\n";
        if (result.pipelining)
            r += "250-PIPELINING\r\n";
        r += "250 8BITMIME\r\n";
        serverSays({r, false, 0, 0});
    } else if (line.startsWith("HELO ")) {
        if (!serverClosed)
            reply("250 hello");
    } else if (line.startsWith("MAIL FROM:<s")) {
        const qsizetype at = line.indexOf('@');
        currentSender = line.mid(12, at - 12).toLongLong();
        if (!enqueued.contains(currentSender))
            violation(QStringLiteral("MAIL for a message never enqueued: %1").arg(QString::fromLatin1(line)));
        if (result.gated && !gateOpened.contains(currentSender))
            violation(QStringLiteral("MAIL for message %1 before its start gate opened").arg(currentSender));
        if (!serverClosed)
            faultOrPositive("250 2.1.0 ok");
    } else if (line.startsWith("RCPT TO:<")) {
        if (serverClosed)
            return;
        if (c.chance(10))
            reply("452 4.5.3 too many recipients");
        else
            faultOrPositive("250 2.1.5 ok");
    } else if (line == "DATA") {
        if (serverClosed)
            return;
        ++unansweredData;
        // 354 whatever the recipients got: the case where a refused transaction still opens DATA.
        const int pick = c.weighted({70, 10, 10, 3, 3, 4});
        ServerItem item;
        switch (pick) {
        case 0:
            item.bytes = "354 go ahead\r\n";
            inBody = true;
            body.clear();
            break;
        case 1:
            item.bytes = "554 5.5.1 no valid recipients\r\n";
            break;
        case 2:
            item.bytes = "451 4.3.0 not now\r\n";
            break;
        case 3:
            serverSays({{}, true, 0, 0});
            serverClosed = true;
            return;
        case 4:
            serverClosed = true; // stall
            return;
        case 5:
            item.bytes = "garbage\r\n";
            serverClosed = true;
            break;
        }
        item.dotCode = -1; // marks a DATA reply (clears unansweredData when delivered)
        serverSays(item);
    } else if (line == "RSET") {
        if (!serverClosed)
            faultOrPositive("250 2.0.0 ok");
    } else if (line == "QUIT") {
        quitSeen = true;
        if (!serverClosed) {
            reply("221 bye");
            serverSays({{}, true, 0, 0});
            serverClosed = true;
        }
    } else if (line == ".") {
        violation(QStringLiteral("a final dot outside DATA"));
    } else {
        violation(
            QStringLiteral("an unknown line outside DATA: \"%1\"").arg(QString::fromLatin1(line.left(80))));
    }
}

// Sends the client some of what the server has to say. Returns false when the connection closed.
bool Runner::deliver()
{
    const int count = 1 + c.pick(static_cast<int>(std::min<size_t>(pendingItems.size(), 4)));
    QByteArray bytes;
    bool close = false;
    for (int i = 0; i < count && !pendingItems.empty(); ++i) {
        ServerItem item = std::move(pendingItems.front());
        pendingItems.pop_front();
        if (item.close) {
            close = true;
            break;
        }
        if (item.dotCode == -1) {
            --unansweredData;
        } else if (item.dotReplyFor != 0 && item.dotCode > 0) {
            definiteDots[item.dotReplyFor] += 1;
            if (item.dotCode >= 200 && item.dotCode < 300)
                acceptedDot.insert(item.dotReplyFor);
        }
        bytes += item.bytes;
    }
    result.log.append(
        QStringLiteral("S: ") +
        QString::fromLatin1(bytes.left(120)).replace(QStringLiteral("\r\n"), QStringLiteral("|")));
    // Cut into chunks anywhere.
    qsizetype pos = 0;
    while (pos < bytes.size() && !protocol->isFinished()) {
        const qsizetype n = std::min<qsizetype>(bytes.size() - pos, 1 + c.pick(64));
        protocol->receive(QByteArrayView(bytes).sliced(pos, n));
        pos += n;
    }
    if (close) {
        result.log.append(QStringLiteral("S: <close>"));
        protocol->connectionLost();
        return false;
    }
    return true;
}

ProtocolScriptResult Runner::run()
{
    listener.log = &result.log;
    result.pipelining = c.chance(70);
    result.acrossMessages = c.chance(50);
    config.host = QStringLiteral("model.test");
    config.port = 25;
    config.encryption = Encryption::None;
    config.auth = AuthMethod::None;
    config.heloName = QStringLiteral("client.test");
    config.pipelineAcrossMessages = result.acrossMessages;
    result.gated = c.chance(40);
    if (result.gated) {
        // The worker's hand-over mark: mostly answered later (written on another thread), at once
        // now and then; a closed gate withdraws the message untried.
        listener.gate = [this](qint64 id) {
            const int pick = c.pick(10);
            if (pick < 6) {
                gatesWaiting.push_back(id);
                result.log.append(QStringLiteral("   gate %1: later").arg(id));
                return StartGate::Later;
            }
            if (pick < 9) {
                gateOpened.insert(id);
                return StartGate::Open;
            }
            gateClosed.insert(id);
            result.log.append(QStringLiteral("   gate %1: closed").arg(id));
            return StartGate::Closed;
        };
    }
    // Answers the oldest gate that said Later (one that was taken back or whose session ended
    // meanwhile must be ignored).
    auto answerGate = [&] {
        const qint64 id = gatesWaiting.front();
        gatesWaiting.pop_front();
        ++result.gateWaits;
        const bool open = !c.chance(20);
        (open ? gateOpened : gateClosed).insert(id);
        result.log.append(QStringLiteral("   gate %1 answered: %2")
                              .arg(id)
                              .arg(open ? QStringLiteral("open") : QStringLiteral("closed")));
        protocol->startGateAnswered(id, open);
    };
    protocol.emplace(config, listener);

    const int total = 1 + c.pick(6);
    result.messages = total;
    qint64 nextId = 1;
    auto enqueueOne = [&] {
        OutgoingMessage m;
        m.id = nextId++;
        m.mailFrom = "s" + QByteArray::number(m.id) + "@example.org";
        const int rcpts = c.pick(20) == 0 ? 0 : 1 + c.pick(4);
        for (int r = 0; r < rcpts; ++r)
            m.recipients.append("r" + QByteArray::number(r) + "@example.org");
        m.data = messageData(m.id);
        enqueued.insert(m.id);
        protocol->enqueue(std::move(m));
    };
    const int early = c.pick(total + 1);
    for (int i = 0; i < early; ++i)
        enqueueOne();
    protocol->connectionEstablished(false);
    if (c.chance(3))
        serverSays({"554 5.7.1 go away\r\n", false, 0, 0});
    else
        reply("220 model.test ESMTP");

    bool closeRequested = false;
    for (int step = 0; step < 20000 && !protocol->isFinished(); ++step) {
        if (nextId <= total && c.chance(30))
            enqueueOne();
        if (nextId > total && !closeRequested && c.chance(20)) {
            closeRequested = true;
            protocol->requestClose();
        }
        if (c.chance(2)) {
            for (qint64 id : protocol->takeUnstarted()) {
                // Its mark may be on its way: taken back, the row could be claimed again before a
                // stale mark lands on the new claim.
                if (std::find(gatesWaiting.begin(), gatesWaiting.end(), id) != gatesWaiting.end())
                    violation(
                        QStringLiteral("message %1 was taken back while its start gate waited").arg(id));
                takenBack.insert(id);
                result.log.append(QStringLiteral("   taken back %1").arg(id));
            }
        }
        if (!gatesWaiting.empty() && c.chance(30)) {
            answerGate();
            continue;
        }
        if (!protocol->output().isEmpty()) {
            const QByteArray out = protocol->output();
            protocol->clearOutput();
            readClient(out);
            continue;
        }
        if (protocol->isStreaming() && (pendingItems.empty() || c.chance(50))) {
            protocol->streamData(1 + c.pick(40));
            continue;
        }
        if (!pendingItems.empty()) {
            if (!deliver())
                break;
            continue;
        }
        if (protocol->isStreaming())
            continue;
        if (!gatesWaiting.empty()) {
            answerGate(); // the client waits for its gate, not for the server
            continue;
        }
        // Nothing to say and nothing to write: the client waits. Only a watchdog ends that.
        const bool work = protocol->pendingMessages() > 0 || closeRequested || nextId <= total;
        if (protocol->budget() == SmtpProtocol::Budget::None) {
            if (nextId <= total) {
                enqueueOne();
                continue;
            }
            if (!closeRequested) {
                closeRequested = true;
                protocol->requestClose();
                continue;
            }
            if (work)
                violation(QStringLiteral("the client waits with no watchdog budget (%1 messages open)")
                              .arg(protocol->pendingMessages()));
            break;
        }
        SmtpError timeout;
        timeout.kind = SmtpErrorKind::Timeout;
        timeout.phase = protocol->phase();
        timeout.timeoutSeconds = 1;
        timeout.detail = QStringLiteral("no answer within 1 s");
        result.log.append(QStringLiteral("   watchdog"));
        protocol->abort(timeout);
    }
    if (!protocol->isFinished()) {
        // A server that answers forever (never happens with this model) or the step limit.
        SmtpError e;
        e.kind = SmtpErrorKind::Cancelled;
        protocol->abort(e);
    }
    // Anything the client wrote last (QUIT) still reaches the model's checks.
    if (!protocol->output().isEmpty())
        readClient(protocol->output());

    for (qint64 id : std::as_const(enqueued)) {
        const int n = listener.outcomes.value(id);
        if (takenBack.contains(id)) {
            ++result.takenBack;
            if (n != 0)
                violation(QStringLiteral("message %1 was taken back and also got an outcome").arg(id));
            continue;
        }
        if (n != 1) {
            violation(QStringLiteral("message %1 got %2 outcomes").arg(id).arg(n));
            continue;
        }
        const SendOutcome& o = listener.last[id];
        if (o.withdrawn || gateClosed.contains(id)) {
            ++result.withdrawn;
            if (!o.withdrawn || o.attempted || !gateClosed.contains(id))
                violation(QStringLiteral("message %1: gate closed %2, outcome withdrawn %3, attempted %4")
                              .arg(id)
                              .arg(gateClosed.contains(id))
                              .arg(o.withdrawn)
                              .arg(o.attempted));
            if (bodiesReceived.value(id) > 0)
                violation(QStringLiteral("message %1 was withdrawn but its body reached the server").arg(id));
            continue;
        }
        const bool unanswered = bodiesReceived.value(id) > definiteDots.value(id);
        if (unanswered && !o.outcomeUnknown())
            violation(QStringLiteral("message %1 reached the server whole and got no definite reply, but "
                                     "did not end as 'outcome unknown' (%2)")
                          .arg(id)
                          .arg(o.accepted ? QStringLiteral("accepted")
                               : o.error  ? o.error->summary()
                                          : QString()));
        if (o.outcomeUnknown()) {
            ++result.outcomeUnknown;
            if (dotsWritten.value(id) <= definiteDots.value(id))
                violation(QStringLiteral(
                              "message %1 is 'outcome unknown' but every final dot it wrote was answered")
                              .arg(id));
            if (o.accepted)
                violation(QStringLiteral("message %1 is both accepted and 'outcome unknown'").arg(id));
        } else if (o.accepted) {
            ++result.accepted;
            if (!acceptedDot.contains(id))
                violation(QStringLiteral("message %1 is accepted but no 250 to its data reached the client")
                              .arg(id));
            if (o.acceptedRecipients.isEmpty())
                violation(QStringLiteral("message %1 is accepted for nobody").arg(id));
        } else {
            ++result.refused;
            if (acceptedDot.contains(id))
                violation(QStringLiteral("message %1 got a 250 for its data but is not accepted").arg(id));
            if (!o.error)
                violation(QStringLiteral("message %1 is neither accepted nor has an error").arg(id));
        }
    }
    return result;
}

} // namespace

QString ProtocolScriptResult::describe() const
{
    return violation + QStringLiteral("\npipelining=%1 across=%2\n").arg(pipelining).arg(acrossMessages) +
           log.join(u'\n');
}

ProtocolScriptResult runProtocolScript(quint32 seed)
{
    Choices choices(seed);
    return Runner(choices).run();
}

ProtocolScriptResult runProtocolScript(QByteArrayView bytes)
{
    Choices choices(bytes);
    return Runner(choices).run();
}

} // namespace outbound::testing
