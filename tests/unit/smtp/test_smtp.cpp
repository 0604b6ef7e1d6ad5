// The SMTP engine against plain bytes (reply parser, dot-stuffing) and against the scripted fake
// server (SmtpSession end to end on loopback, TLS included).

#include "FakeSmtpServer.h"
#include "ProtocolScript.h"
#include "TestCertificates.h"
#include "diagnosis/Diagnosis.h"
#include "smtp/SmtpCapabilities.h"
#include "smtp/SmtpProtocol.h"
#include "smtp/SmtpReply.h"
#include "smtp/SmtpSasl.h"
#include "smtp/SmtpSession.h"
#include "smtp/TestSendJob.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <functional>
#include <memory>

using namespace outbound;
using namespace outbound::test;
using namespace std::chrono_literals;

namespace {

const QString kUser = QStringLiteral("alice@example.org");
const QString kSecret = QStringLiteral("s3cret-P\u00e4ss!");

QByteArray b64(const QByteArray& raw)
{
    return raw.toBase64();
}

QByteArray plainPayload()
{
    return b64(QByteArray("\0", 1) + kUser.toUtf8() + QByteArray("\0", 1) + kSecret.toUtf8());
}

// Every form in which the password could leak into a transcript.
QList<QByteArray> secretForms()
{
    return {kSecret.toUtf8(), b64(kSecret.toUtf8()), plainPayload(), b64(kUser.toUtf8()),
            b64("user=" + kUser.toUtf8() + "\x01" + "auth=Bearer " + kSecret.toUtf8() + "\x01\x01")};
}

QString greet()
{
    return QStringLiteral("S: 220 fake.test ESMTP ready\n");
}

QString ehlo(const QStringList& caps)
{
    return QStringLiteral("C: EHLO client.test\n") + ehloReplyScript(caps);
}

QString oneMessage(const QString& mailParams = {}, const QString& rcpt = QStringLiteral("rcpt@example.org"),
                   const QString& finalReply = QStringLiteral("250 2.0.0 Ok: queued as 4XYZ"))
{
    return QStringLiteral("C: MAIL FROM:<sender@example.org>%1\n"
                          "S: 250 2.1.0 Ok\n"
                          "C: RCPT TO:<%2>\n"
                          "S: 250 2.1.5 Ok\n"
                          "C: DATA\n"
                          "S: 354 End data with <CR><LF>.<CR><LF>\n"
                          "D:\n"
                          "S: %3\n")
        .arg(mailParams, rcpt, finalReply);
}

QString quit()
{
    return QStringLiteral("C: QUIT\nS: 221 2.0.0 Bye\n");
}

OutgoingMessage message(qint64 id, const QList<QByteArray>& rcpts = {"rcpt@example.org"},
                        QByteArray data = "Subject: hi\r\n\r\nHello.\r\n")
{
    OutgoingMessage m;
    m.id = id;
    m.mailFrom = "sender@example.org";
    m.recipients = rcpts;
    m.data = std::move(data);
    return m;
}

struct Run
{
    QList<SendOutcome> outcomes;
    std::optional<SmtpError> failure;
    int failedCount = 0;
    int closedCount = 0;
    bool ready = false;
    ServerInfo info;
    QList<TranscriptLine> transcript;
    QList<SmtpPhase> phases;
    bool done() const { return failedCount > 0 || closedCount > 0; }
    QString transcriptText() const
    {
        QString all;
        for (const TranscriptLine& l : transcript)
            all += l.text + u'\n';
        return all;
    }
};

// Options as "key=value" words: enc, auth, user (1 = kUser), clear, budget, unit.
SmtpConfig makeConfig(quint16 port, const QString& options)
{
    SmtpConfig c;
    c.host = QStringLiteral("127.0.0.1");
    c.port = port;
    c.encryption = Encryption::None;
    c.auth = AuthMethod::None;
    c.heloName = QStringLiteral("client.test");
    c.timeouts = PhaseTimeouts::uniform(30);
    for (const QString& word : options.split(u' ', Qt::SkipEmptyParts)) {
        const QString key = word.section(u'=', 0, 0);
        const QString value = word.section(u'=', 1);
        if (key == u"enc")
            c.encryption = *encryptionFromString(value);
        else if (key == u"auth")
            c.auth = *authMethodFromString(value);
        else if (key == u"user") {
            c.username = kUser;
            c.secret = kSecret;
        } else if (key == u"clear")
            c.allowAuthWithoutTls = true;
        else if (key == u"budget")
            c.timeouts = PhaseTimeouts::uniform(value.toInt());
    }
    return c;
}

Run runSession(const SmtpConfig& config, const QList<OutgoingMessage>& messages, bool closeWhenDone = true,
               const std::function<void(SmtpSession&)>& onReady = {}, int limitMs = 10000)
{
    Run run;
    SmtpSession session(config);
    session.setWatchdogUnit(100ms); // budgets are in tenths of a second here
    QObject::connect(&session, &SmtpSession::transcript, &session,
                     [&run](const TranscriptLine& l) { run.transcript.append(l); });
    QObject::connect(&session, &SmtpSession::phaseChanged, &session,
                     [&run](SmtpPhase p) { run.phases.append(p); });
    QObject::connect(&session, &SmtpSession::ready, &session, [&](const ServerInfo& info) {
        run.ready = true;
        run.info = info;
        if (onReady)
            onReady(session);
    });
    QObject::connect(&session, &SmtpSession::messageDone, &session,
                     [&run](const SendOutcome& o) { run.outcomes.append(o); });
    QObject::connect(&session, &SmtpSession::failed, &session, [&run](const SmtpError& e) {
        run.failure = e;
        ++run.failedCount;
    });
    QObject::connect(&session, &SmtpSession::closed, &session, [&run] { ++run.closedCount; });
    session.open();
    for (const OutgoingMessage& m : messages)
        session.send(m);
    if (closeWhenDone)
        session.close();
    (void)QTest::qWaitFor([&run] { return run.done(); }, limitMs);
    // A late second failed()/closed() would show up here: wait for it, not for a fixed time.
    (void)QTest::qWaitFor([&run] { return run.failedCount + run.closedCount > 1; }, 20);
    return run;
}

struct Expectation
{
    QString where; // "ok", "session", "message"
    QString phase;
    QString kind;
    int code = 0;
    QString enhanced;
    bool transient = false;
};

Expectation parseExpectation(const QString& text)
{
    const QStringList p = text.split(u':');
    Expectation e;
    e.where = p.value(0);
    if (e.where == u"ok")
        return e;
    e.phase = p.value(1);
    e.kind = p.value(2);
    e.code = p.value(3).toInt();
    e.enhanced = p.value(4);
    e.transient = p.value(5) == u"transient";
    return e;
}

bool checkError(const SmtpError& actual, const Expectation& e, QString* why)
{
    QStringList problems;
    if (toString(actual.phase) != e.phase)
        problems << QStringLiteral("phase %1 != %2").arg(toString(actual.phase), e.phase);
    if (toString(actual.kind) != e.kind)
        problems << QStringLiteral("kind %1 != %2").arg(toString(actual.kind), e.kind);
    if (actual.code != e.code)
        problems << QStringLiteral("code %1 != %2").arg(actual.code).arg(e.code);
    if (actual.enhancedCode != e.enhanced)
        problems << QStringLiteral("enhanced %1 != %2").arg(actual.enhancedCode, e.enhanced);
    if (actual.transient != e.transient)
        problems << QStringLiteral("transient %1 != %2").arg(actual.transient).arg(e.transient);
    if (actual.detail.isEmpty())
        problems << QStringLiteral("no detail sentence");
    *why = problems.join(QStringLiteral("; ")) + QStringLiteral(" [summary: ") + actual.summary() + u']';
    return problems.isEmpty();
}

// Reference stuffing: what the server must see for raw CRLF data.
QByteArray referenceStuffed(QByteArray data)
{
    if (data.startsWith('.'))
        data.prepend('.');
    data.replace("\r\n.", "\r\n..");
    if (!data.endsWith("\r\n"))
        data += "\r\n";
    return data;
}

} // namespace

class TestSmtp : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void parser_data();
    void parser();
    void parserOverlongLine();

    void dotStuffing_data();
    void dotStuffing();
    void protocolWithoutIo();
    void messageQueuedAfterQuitGetsAnOutcome();
    void capabilities_data();
    void capabilities();
    void fatal421KeepsQueuedMessagesUnattempted();

    void session_data();
    void session();
    void oauthBearerAndTokenRefusals_data();
    void oauthBearerAndTokenRefusals();

    void severalMessagesOneConnection_data();
    void severalMessagesOneConnection();
    void dotStuffingSeenByServer();
    void cancelMidSession();
    void idnHostSentAsPunycode();
    void dataIdleTimeout();
    void slowReaderDoesNotTimeOut();
    void finalDotBudgetWaitsForTheBodyToLeave_data();
    void finalDotBudgetWaitsForTheBodyToLeave();
    void watchdogNeverFiresEarly();
    void slowSignInRefusalIsAnAuthPenalty();
    void drippingGreetingTimesOutOnce();
    void drippingRepliesDoNotExtendCommandBudget();
    void pipelinedMessageWithoutDataIsNotAttempted();
    void protocolRandomReplyScripts();
    void rsetNeverLandsInsideTheNextMessage();
    void nextEnvelopeWaitsForTheFinalReplyByDefault();
    void outcomeAfterTheFinalDot_data();
    void outcomeAfterTheFinalDot();
    void transcriptLinesCarryTheirMessage();
    void tooManyRecipientsGoInFurtherTransactions();
    void startTlsWithInjectedReplyIsRefused();
    void startTlsInjectionOverTheWire();
    void deleteSessionFromSlot_data();
    void deleteSessionFromSlot();
    void sendAgainAfterFailureDoesNotRecurse();
    void takeUnstartedHandsBackQueuedMessages_data();
    void takeUnstartedHandsBackQueuedMessages();

    void tls_data();
    void tls();

    void testSendJob();
    void testSendJobCancel();

private:
    QTemporaryDir m_dir;
    std::optional<TestCertificates> m_certs;
};

void TestSmtp::initTestCase()
{
    qRegisterMetaType<SmtpPhase>();
    QVERIFY(m_dir.isValid());
    QString error;
    m_certs = TestCertificates::create(m_dir.path(), &error);
    QVERIFY2(m_certs.has_value(), qPrintable(error));
}

// ---- reply parser -------------------------------------------------------------------------------

void TestSmtp::parser_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("splitEvery"); // feed in pieces of this size; 0 = all at once
    QTest::addColumn<bool>("enhancedAdvertised");
    QTest::addColumn<int>("replies");
    QTest::addColumn<int>("firstCode");
    QTest::addColumn<int>("firstLines");
    QTest::addColumn<QString>("firstEnhanced");
    QTest::addColumn<QString>("firstText");
    QTest::addColumn<bool>("error");

    const QByteArray ehloReply =
        "250-mail.example.com Hello\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n250 8BITMIME\r\n";
    QTest::newRow("single line") << QByteArray("220 hello there\r\n") << 0 << false << 1 << 220 << 1
                                 << QString() << QStringLiteral("hello there") << false;
    QTest::newRow("multi line") << ehloReply << 0 << false << 1 << 250 << 4 << QString()
                                << QStringLiteral("mail.example.com Hello PIPELINING SIZE 10240000 8BITMIME")
                                << false;
    for (int split : {1, 2, 3, 5, 7}) {
        QTest::addRow("multi line split every %d", split)
            << ehloReply << split << false << 1 << 250 << 4 << QString()
            << QStringLiteral("mail.example.com Hello PIPELINING SIZE 10240000 8BITMIME") << false;
    }
    QTest::newRow("220- greeting") << QByteArray("220-first\r\n220-second\r\n220 third\r\n") << 2 << false
                                   << 1 << 220 << 3 << QString() << QStringLiteral("first second third")
                                   << false;
    QTest::newRow("bare LF") << QByteArray("250-a\n250 b\n") << 1 << false << 1 << 250 << 2 << QString()
                             << QStringLiteral("a b") << false;
    QTest::newRow("two replies in one read") << QByteArray("250 ok\r\n354 go ahead\r\n") << 0 << false << 2
                                             << 250 << 1 << QString() << QStringLiteral("ok") << false;
    QTest::newRow("code only") << QByteArray("250\r\n") << 0 << false << 1 << 250 << 1 << QString()
                               << QString() << false;
    QTest::newRow("enhanced") << QByteArray("550 5.1.1 <x@y>: Recipient address rejected\r\n") << 0 << true
                              << 1 << 550 << 1 << QStringLiteral("5.1.1")
                              << QStringLiteral("5.1.1 <x@y>: Recipient address rejected") << false;
    QTest::newRow("enhanced unannounced")
        << QByteArray("535 5.7.139 Authentication unsuccessful\r\n") << 4 << false << 1 << 535 << 1
        << QStringLiteral("5.7.139") << QStringLiteral("5.7.139 Authentication unsuccessful") << false;
    QTest::newRow("enhanced class must match") << QByteArray("250 5.0.0 odd\r\n") << 0 << true << 1 << 250
                                               << 1 << QString() << QStringLiteral("5.0.0 odd") << false;
    QTest::newRow("version number is not enhanced")
        << QByteArray("220 2.6.4 Postfix\r\n") << 0 << false << 1 << 220 << 1 << QStringLiteral("2.6.4")
        << QStringLiteral("2.6.4 Postfix") << false;
    QTest::newRow("incomplete") << QByteArray("250-a\r\n250 b") << 0 << false << 0 << 0 << 0 << QString()
                                << QString() << false;
    QTest::newRow("junk") << QByteArray("HTTP/1.1 400 Bad Request\r\n") << 0 << false << 0 << 0 << 0
                          << QString() << QString() << true;
    QTest::newRow("junk after code") << QByteArray("250x\r\n") << 0 << false << 0 << 0 << 0 << QString()
                                     << QString() << true;
    // Control characters in otherwise valid reply text never reach a terminal or the database.
    QTest::newRow("escape sequences replaced")
        << QByteArray("550 5.7.1 no\x1b]0;owned\x07 way\x1b[2J\r\n") << 0 << true << 1 << 550 << 1
        << QStringLiteral("5.7.1") << QStringLiteral("5.7.1 no\uFFFD]0;owned\uFFFD way\uFFFD[2J") << false;
    QTest::newRow("C1 control, DEL and SOH replaced, tab kept") << QByteArray("250-a\xc2\x9b"
                                                                              "31m\x7f\r\n250 b\tc\x01"
                                                                              "d\r\n")
                                                                << 3 << false << 1 << 250 << 2 << QString()
                                                                << QStringLiteral("a\uFFFD"
                                                                                  "31m\uFFFD b\tc\uFFFDd")
                                                                << false;
    QTest::newRow("other non-ASCII text kept")
        << QByteArray("250 gr\xc3\xbc\xc3\x9f dich \xc2\xa0ok\r\n") << 0 << false << 1 << 250 << 1
        << QString() << QStringLiteral("gr\u00fc\u00df dich \u00a0ok") << false;
    QTest::newRow("code changes mid reply")
        << QByteArray("250-a\r\n251 b\r\n") << 0 << false << 0 << 0 << 0 << QString() << QString() << true;
}

void TestSmtp::parser()
{
    QFETCH(QByteArray, input);
    QFETCH(int, splitEvery);
    QFETCH(bool, enhancedAdvertised);
    QFETCH(int, replies);
    QFETCH(int, firstCode);
    QFETCH(int, firstLines);
    QFETCH(QString, firstEnhanced);
    QFETCH(QString, firstText);
    QFETCH(bool, error);

    SmtpReplyParser parser;
    parser.setEnhancedStatusCodes(enhancedAdvertised);
    QList<SmtpReply> got;
    bool sawError = false;
    const qsizetype step = splitEvery > 0 ? splitEvery : input.size();
    for (qsizetype pos = 0; pos < input.size() && !sawError; pos += step) {
        parser.feed(QByteArrayView(input).sliced(pos, qMin(step, input.size() - pos)));
        SmtpReply reply;
        for (;;) {
            const auto status = parser.next(reply);
            if (status == SmtpReplyParser::Status::Reply) {
                got.append(reply);
                continue;
            }
            sawError = status == SmtpReplyParser::Status::Error;
            break;
        }
    }
    QCOMPARE(sawError, error);
    if (error) {
        QVERIFY(!parser.errorText().isEmpty());
        return;
    }
    QCOMPARE(got.size(), replies);
    if (replies == 0)
        return;
    QCOMPARE(got.first().code, firstCode);
    QCOMPARE(got.first().lines.size(), firstLines);
    QCOMPARE(got.first().enhancedCode, firstEnhanced);
    QCOMPARE(got.first().text(), firstText);
}

void TestSmtp::parserOverlongLine()
{
    // An overlong line is cut, not an error: a 250 with a long text after the final dot is still
    // the acceptance (an error here turned accepted messages into failed ones). Fed in pieces so
    // the cut happens while the line is still incomplete.
    SmtpReplyParser parser;
    SmtpReply reply;
    parser.feed("250 2.0.0 ");
    for (int i = 0; i < 10; ++i) {
        parser.feed(QByteArray(SmtpReplyParser::kMaxLineLength, 'x'));
        QCOMPARE(parser.next(reply), SmtpReplyParser::Status::NeedMore);
    }
    parser.feed("\r\n251 next\r\n");
    QCOMPARE(parser.next(reply), SmtpReplyParser::Status::Reply);
    QCOMPARE(reply.code, 250);
    QCOMPARE(reply.enhancedCode, QStringLiteral("2.0.0"));
    QCOMPARE(reply.lines.first().size(), SmtpReplyParser::kMaxLineLength - 4);
    QCOMPARE(parser.next(reply), SmtpReplyParser::Status::Reply);
    QCOMPARE(reply.code, 251);

    // More continuation lines than kept: the reply still completes, with the lines it kept.
    SmtpReplyParser many;
    QByteArray text;
    for (int i = 0; i < SmtpReplyParser::kMaxLinesPerReply + 100; ++i)
        text += "250-line\r\n";
    many.feed(text + "250 done\r\n");
    QCOMPARE(many.next(reply), SmtpReplyParser::Status::Reply);
    QCOMPARE(reply.code, 250);
    QCOMPARE(reply.lines.size(), SmtpReplyParser::kMaxLinesPerReply);

    // Garbage is still garbage.
    SmtpReplyParser garbage;
    garbage.feed("hello there\r\n");
    QCOMPARE(garbage.next(reply), SmtpReplyParser::Status::Error);

    SmtpReplyParser bounded;
    bounded.feed(QByteArray("250 ") + QByteArray(100, 'x') + "\r\n");
    QCOMPARE(bounded.next(reply), SmtpReplyParser::Status::Reply);
}

// ---- dot-stuffing -------------------------------------------------------------------------------

void TestSmtp::dotStuffing_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("first line") << QByteArray(".hidden\r\nx\r\n") << QByteArray("..hidden\r\nx\r\n.\r\n");
    QTest::newRow("middle line") << QByteArray("a\r\n.b\r\n") << QByteArray("a\r\n..b\r\n.\r\n");
    QTest::newRow("lone dot line") << QByteArray("a\r\n.\r\nb\r\n") << QByteArray("a\r\n..\r\nb\r\n.\r\n");
    QTest::newRow("no final CRLF") << QByteArray("a\r\nb") << QByteArray("a\r\nb\r\n.\r\n");
    QTest::newRow("empty") << QByteArray() << QByteArray(".\r\n");
    QTest::newRow("bare LF") << QByteArray("a\n.b\n") << QByteArray("a\r\n..b\r\n.\r\n");
    QTest::newRow("bare CR") << QByteArray("a\r.b\r") << QByteArray("a\r\n..b\r\n.\r\n");
    QTest::newRow("dot inside line") << QByteArray("a.b\r\n") << QByteArray("a.b\r\n.\r\n");
    QTest::newRow("ends with dot line") << QByteArray("a\r\n.") << QByteArray("a\r\n..\r\n.\r\n");
}

void TestSmtp::dotStuffing()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, expected);
    // Every way of cutting the input into two chunks, and byte by byte, gives the same result.
    for (qsizetype cut = 0; cut <= input.size(); ++cut) {
        DotStuffer stuffer;
        QByteArray out;
        stuffer.feed(QByteArrayView(input).first(cut), out);
        stuffer.feed(QByteArrayView(input).sliced(cut), out);
        stuffer.finish(out);
        QCOMPARE(out, expected);
    }
    DotStuffer stuffer;
    QByteArray out;
    for (char c : input)
        stuffer.feed(QByteArrayView(&c, 1), out);
    stuffer.finish(out);
    QCOMPARE(out, expected);
}

// ---- the protocol alone: bytes in, bytes and events out -------------------------------------------

namespace {

struct RecordingListener : SmtpProtocol::Listener
{
    QList<SmtpPhase> phases;
    QStringList transcript;
    int startTls = 0;
    int ready = 0;
    QList<SendOutcome> outcomes;
    std::optional<SmtpError> failure;
    int closed = 0;
    void protocolPhaseChanged(SmtpPhase p) override { phases.append(p); }
    void protocolTranscript(const TranscriptLine& l) override { transcript.append(l.text); }
    void protocolStartTls() override { ++startTls; }
    void protocolReady(const ServerInfo&) override { ++ready; }
    void protocolMessageDone(const SendOutcome& o) override { outcomes.append(o); }
    void protocolFailed(const SmtpError& e) override { failure = e; }
    void protocolClosed() override { ++closed; }
};

QByteArray takeOutput(SmtpProtocol& p)
{
    const QByteArray out = p.output();
    p.clearOutput();
    return out;
}

// Every reply is fed one byte at a time.
void feedSlowly(SmtpProtocol& p, const QByteArray& bytes)
{
    for (char c : bytes)
        p.receive(QByteArrayView(&c, 1));
}

} // namespace

void TestSmtp::protocolWithoutIo()
{
    SmtpConfig config = makeConfig(25, QStringLiteral("enc=starttls auth=auto user"));
    config.pipelineAcrossMessages = true; // the opt-in: the next envelope follows the final dot
    RecordingListener events;
    SmtpProtocol p(config, events);
    p.enqueue(message(1, {"a@example.org", "b@example.org"}));
    p.enqueue(message(2));
    p.connectionEstablished(false);
    QCOMPARE(p.budget(), SmtpProtocol::Budget::Greeting);
    feedSlowly(p, "220-mx.example.org ESMTP\r\n220 hello\r\n");
    QCOMPARE(takeOutput(p), QByteArray("EHLO client.test\r\n"));
    feedSlowly(p, "250-mx.example.org\r\n250-STARTTLS\r\n250 AUTH PLAIN\r\n");
    QCOMPARE(takeOutput(p), QByteArray("STARTTLS\r\n"));
    feedSlowly(p, "220 2.0.0 go ahead\r\n");
    QCOMPARE(events.startTls, 1);
    QCOMPARE(toString(p.phase()), toString(SmtpPhase::StartTls));
    p.tlsEstablished();
    QCOMPARE(takeOutput(p), QByteArray("EHLO client.test\r\n"));
    // After TLS the capabilities are read again: now PIPELINING, SIZE and AUTH LOGIN PLAIN.
    feedSlowly(p, "250-mx.example.org\r\n250-PIPELINING\r\n250-SIZE 1000000\r\n250-ENHANCEDSTATUSCODES\r\n"
                  "250 AUTH LOGIN PLAIN\r\n");
    QCOMPARE(takeOutput(p), QByteArray("AUTH PLAIN ") + plainPayload() + "\r\n");
    feedSlowly(p, "235 2.7.0 ok\r\n");
    QCOMPARE(events.ready, 1);
    QCOMPARE(takeOutput(p), QByteArray("MAIL FROM:<sender@example.org> SIZE=23\r\nRCPT TO:<a@example.org>\r\n"
                                       "RCPT TO:<b@example.org>\r\nDATA\r\n"));
    feedSlowly(p, "250 2.1.0 ok\r\n250 2.1.5 ok\r\n451 4.3.0 try later\r\n354 go\r\n");
    QVERIFY(p.isStreaming());
    QCOMPARE(p.budget(), SmtpProtocol::Budget::DataIdle);
    p.streamData(5);
    QCOMPARE(takeOutput(p), QByteArray("Subje"));
    p.streamData(1 << 20);
    // The rest, the final dot, and the next message's envelope in the same write.
    QCOMPARE(takeOutput(p),
             QByteArray("ct: hi\r\n\r\nHello.\r\n.\r\nMAIL FROM:<sender@example.org> SIZE=23\r\n"
                        "RCPT TO:<rcpt@example.org>\r\nDATA\r\n"));
    QCOMPARE(p.budget(), SmtpProtocol::Budget::FinalDot);
    feedSlowly(
        p, "250 2.0.0 queued as A\r\n250 ok\r\n550 5.1.1 no such user\r\n554 5.5.1 no valid recipients\r\n");
    QCOMPARE(events.outcomes.size(), 2);
    QVERIFY(events.outcomes.at(0).accepted);
    QCOMPARE(events.outcomes.at(0).acceptanceLine, QStringLiteral("250 2.0.0 queued as A"));
    QCOMPARE(events.outcomes.at(0).refusedRecipients.size(), 1);
    QCOMPARE(events.outcomes.at(0).refusedRecipients.first().code, 451);
    QCOMPARE(toString(events.outcomes.at(1).error->kind), toString(SmtpErrorKind::AllRecipientsRefused));
    QCOMPARE(takeOutput(p), QByteArray("RSET\r\n"));
    p.requestClose();
    QCOMPARE(takeOutput(p), QByteArray()); // QUIT waits for the RSET reply
    feedSlowly(p, "250 ok\r\n");
    QCOMPARE(takeOutput(p), QByteArray("QUIT\r\n"));
    feedSlowly(p, "221 bye\r\n");
    QCOMPARE(events.closed, 1);
    QVERIFY(!events.failure);
    QVERIFY(events.transcript.contains(QStringLiteral("AUTH PLAIN ***")));
    QVERIFY(events.transcript.contains(QStringLiteral("<message 23 bytes>")));
    QVERIFY(events.phases.contains(SmtpPhase::Auth));
}

// Found by tests/fuzz/fuzz_protocol: a message handed to the protocol after QUIT went out was
// never sent and never got an outcome, so its queue row would wait for ever.
void TestSmtp::messageQueuedAfterQuitGetsAnOutcome()
{
    SmtpConfig config = makeConfig(25, QStringLiteral("enc=none auth=none"));
    RecordingListener events;
    SmtpProtocol p(config, events);
    p.connectionEstablished(false);
    feedSlowly(p, "220 mx.example.org ESMTP\r\n");
    QCOMPARE(takeOutput(p), QByteArray("EHLO client.test\r\n"));
    feedSlowly(p, "250 mx.example.org\r\n");
    QCOMPARE(events.ready, 1);
    p.requestClose();
    QCOMPARE(takeOutput(p), QByteArray("QUIT\r\n"));
    p.enqueue(message(7));
    QCOMPARE(takeOutput(p), QByteArray()); // nothing more goes out after QUIT
    QCOMPARE(events.outcomes.size(), 1);
    QCOMPARE(events.outcomes.first().id, qint64(7));
    QVERIFY(!events.outcomes.first().accepted);
    QVERIFY(!events.outcomes.first().attempted);
    QCOMPARE(toString(events.outcomes.first().error->kind), toString(SmtpErrorKind::ConnectionClosed));
    feedSlowly(p, "221 bye\r\n");
    QCOMPARE(events.closed, 1);
    QCOMPARE(events.outcomes.size(), 1);
}

void TestSmtp::capabilities_data()
{
    QTest::addColumn<QByteArray>("ehloReply");
    QTest::addColumn<QString>("auto_"); // mechanism chosen for auth=auto, "" = none
    QTest::addColumn<QStringList>("mechanisms");
    QTest::addColumn<QString>("flags"); // letters: t=STARTTLS p=PIPELINING 8=8BITMIME u=SMTPUTF8 e=ENHANCED
    QTest::addColumn<qint64>("size");

    QTest::newRow("postfix") << QByteArray(
                                    "250-mx\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n250-STARTTLS\r\n"
                                    "250-AUTH PLAIN LOGIN\r\n250-ENHANCEDSTATUSCODES\r\n250-8BITMIME\r\n"
                                    "250-SMTPUTF8\r\n250 CHUNKING\r\n")
                             << "plain" << QStringList{QStringLiteral("PLAIN"), QStringLiteral("LOGIN")}
                             << "tpeu8" << qint64(10240000);
    QTest::newRow("lower case, extra spaces")
        << QByteArray("250-mx\r\n250-auth   login   xoauth2\r\n250-size\r\n"
                      "250 starttls\r\n")
        << "login" << QStringList{QStringLiteral("LOGIN"), QStringLiteral("XOAUTH2")} << "t" << qint64(0);
    QTest::newRow("legacy AUTH= line")
        << QByteArray("250-mx\r\n250-AUTH=LOGIN PLAIN\r\n250 AUTH LOGIN\r\n") << "plain"
        << QStringList{QStringLiteral("LOGIN"), QStringLiteral("PLAIN")} << "" << qint64(0);
    QTest::newRow("only xoauth2: auto finds nothing")
        << QByteArray("250-mx\r\n250 AUTH XOAUTH2 OAUTHBEARER\r\n") << ""
        << QStringList{QStringLiteral("XOAUTH2"), QStringLiteral("OAUTHBEARER")} << "" << qint64(0);
    QTest::newRow("keyword prefixes are not keywords")
        << QByteArray("250-mx\r\n250-STARTTLSX\r\n250-XPIPELINING\r\n"
                      "250 SIZE abc\r\n")
        << "" << QStringList{} << "" << qint64(0);
    QTest::newRow("greeting line is not a keyword")
        << QByteArray("250 STARTTLS\r\n") << "" << QStringList{} << "" << qint64(0);
}

void TestSmtp::capabilities()
{
    QFETCH(QByteArray, ehloReply);
    QFETCH(QString, auto_);
    QFETCH(QStringList, mechanisms);
    QFETCH(QString, flags);
    QFETCH(qint64, size);
    SmtpReplyParser parser;
    parser.feed(ehloReply);
    SmtpReply reply;
    QCOMPARE(parser.next(reply), SmtpReplyParser::Status::Reply);
    ServerInfo info;
    parseEhloCapabilities(reply, info);
    QCOMPARE(info.authMechanisms, mechanisms);
    QCOMPARE(info.startTls, flags.contains(u't'));
    QCOMPARE(info.pipelining, flags.contains(u'p'));
    QCOMPARE(info.eightBitMime, flags.contains(u'8'));
    QCOMPARE(info.smtpUtf8, flags.contains(u'u'));
    QCOMPARE(info.enhancedStatusCodes, flags.contains(u'e'));
    QCOMPARE(info.sizeLimit, size);
    const auto chosen = sasl::chooseMechanism(AuthMethod::Auto, info.authMechanisms);
    QCOMPARE(chosen ? toString(*chosen) : QString(), auto_);
}

void TestSmtp::fatal421KeepsQueuedMessagesUnattempted()
{
    FakeSmtpServer server;
    server.setScript(
        greet() + ehlo({QStringLiteral("PIPELINING")}) +
        QStringLiteral("C: MAIL FROM:<sender@example.org>\nC: RCPT TO:<rcpt@example.org>\nC: DATA\n"
                       "S: 421 4.4.2 Idle timeout, closing\nX:\n"));
    QVERIFY(server.start());
    const Run run = runSession(makeConfig(server.port(), {}), {message(1), message(2), message(3)});
    QCOMPARE(run.failedCount, 1);
    QCOMPARE(run.failure->code, 421);
    QCOMPARE(run.failure->enhancedCode, QStringLiteral("4.4.2"));
    QVERIFY(run.failure->transient);
    QCOMPARE(toString(run.failure->phase), toString(SmtpPhase::Mail));
    QCOMPARE(run.outcomes.size(), 3);
    QVERIFY(run.outcomes.at(0).attempted);
    QVERIFY(!run.outcomes.at(1).attempted);
    QVERIFY(!run.outcomes.at(2).attempted);
    for (const SendOutcome& o : run.outcomes) {
        QVERIFY(!o.accepted);
        QCOMPARE(o.error->code, 421);
    }
    QVERIFY2(server.errors().isEmpty(), qPrintable(server.errors().join(u'\n')));
}

// ---- OAuth 2.0 (issue 9) ----------------------------------------------------------------------------

// Managed OAuth picks OAUTHBEARER (RFC 7628, with host and port) when offered unless the provider is
// Microsoft; a refused token is flagged for one forced refresh whether the server says 535 5.7.3
// (Microsoft) or sends a 334 JSON challenge first (Google: XOAUTH2 answers an empty line,
// OAUTHBEARER answers AQ==); the token never reaches the transcript.
void TestSmtp::oauthBearerAndTokenRefusals_data()
{
    QTest::addColumn<bool>("bearerAllowed");
    QTest::addColumn<QString>("mechanism"); // expected on the wire
    QTest::addColumn<QString>("refusal");   // "" = accepted, "535-5.7.3", "challenge"
    QTest::newRow("bearer ok") << true << "OAUTHBEARER"
                               << "";
    QTest::newRow("microsoft: xoauth2 even when bearer offered") << false << "XOAUTH2"
                                                                 << "";
    QTest::newRow("microsoft 535 5.7.3") << false << "XOAUTH2"
                                         << "535-5.7.3";
    QTest::newRow("google xoauth2 challenge, empty answer") << false << "XOAUTH2"
                                                            << "challenge";
    QTest::newRow("bearer challenge, AQ== answer") << true << "OAUTHBEARER"
                                                   << "challenge";
}

void TestSmtp::oauthBearerAndTokenRefusals()
{
    QFETCH(bool, bearerAllowed);
    QFETCH(QString, mechanism);
    QFETCH(QString, refusal);
    FakeSmtpServer server;
    QVERIFY(server.start());
    SmtpConfig config = makeConfig(server.port(), QStringLiteral("user clear"));
    config.auth = AuthMethod::OAuth2;
    config.oauthBearerAllowed = bearerAllowed;
    const QByteArray payload =
        mechanism == u"OAUTHBEARER"
            ? b64("n,a=" + kUser.toUtf8() + ",\x01host=127.0.0.1\x01port=" +
                  QByteArray::number(server.port()) + "\x01" + "auth=Bearer " + kSecret.toUtf8() + "\x01\x01")
            : b64("user=" + kUser.toUtf8() + "\x01" + "auth=Bearer " + kSecret.toUtf8() + "\x01\x01");
    QString script =
        greet() + ehlo({QStringLiteral("AUTH XOAUTH2 OAUTHBEARER"), QStringLiteral("ENHANCEDSTATUSCODES")}) +
        QStringLiteral("C: AUTH %1 %2\n").arg(mechanism, QString::fromLatin1(payload));
    if (refusal.isEmpty())
        script += QStringLiteral("S: 235 2.7.0 Accepted\n") + oneMessage() + quit();
    else if (refusal == u"535-5.7.3")
        script += QStringLiteral("S: 535 5.7.3 Authentication unsuccessful\n");
    else
        script += QStringLiteral("S: 334 eyJzdGF0dXMiOiI0MDEiLCJzY2hlbWVzIjoiYmVhcmVyIn0=\nC:%1\n"
                                 "S: 535 5.7.8 Username and Password not accepted\n")
                      .arg(mechanism == u"OAUTHBEARER" ? QStringLiteral(" AQ==") : QString());
    server.setScript(script);
    const Run run = runSession(config, {message(1)});
    QVERIFY2(server.errors().isEmpty(), qPrintable(server.errors().join(u'\n')));
    if (refusal.isEmpty()) {
        QVERIFY(!run.failure);
        QCOMPARE(run.outcomes.size(), 1);
        QVERIFY(run.outcomes.first().accepted);
    } else {
        QVERIFY(run.failure);
        QCOMPARE(toString(run.failure->phase), QStringLiteral("auth"));
        QVERIFY(run.failure->tokenRejected);
        QCOMPARE(run.outcomes.size(), 1);
        QVERIFY(!run.outcomes.first().attempted);
    }
    bool sawRedacted = false;
    for (const TranscriptLine& line : run.transcript) {
        QVERIFY2(!line.text.contains(kSecret) && !line.text.contains(QString::fromLatin1(payload)),
                 qPrintable(line.text));
        sawRedacted = sawRedacted || line.text == QStringLiteral("AUTH %1 ***").arg(mechanism);
    }
    QVERIFY(sawRedacted);
}

// ---- sessions against the fake server -------------------------------------------------------------

void TestSmtp::session_data()
{
    QTest::addColumn<QString>("script");
    QTest::addColumn<QString>("options");
    QTest::addColumn<QStringList>("recipients");
    QTest::addColumn<int>("messageSize"); // 0 = the short default body
    QTest::addColumn<QString>("expect"); // ok | session:PHASE:KIND:CODE:ENH:transient|permanent | message:...
    QTest::addColumn<int>("refused");    // refusals reported on the first outcome

    const QStringList one{QStringLiteral("rcpt@example.org")};
    const QStringList two{QStringLiteral("a@example.org"), QStringLiteral("b@example.org")};
    const QString basicEhlo = ehlo({QStringLiteral("ENHANCEDSTATUSCODES")});

    QTest::newRow("plain send") << greet() + basicEhlo + oneMessage() + quit() << QString() << one << 0
                                << "ok" << 0;
    QTest::newRow("220- greeting") << QStringLiteral(
                                          "S: 220-fake.test ESMTP\nS: 220-no spam here\nS: 220 ready\n") +
                                          basicEhlo + oneMessage() + quit()
                                   << QString() << one << 0 << "ok" << 0;
    QTest::newRow("ehlo 502 falls back to helo")
        << greet() +
               QStringLiteral("C: EHLO client.test\nS: 502 5.5.2 Error: command not recognized\n"
                              "C: HELO client.test\nS: 250 fake.test\n") +
               oneMessage() + quit()
        << QString() << one << 0 << "ok" << 0;
    QTest::newRow("ehlo 500 falls back to helo")
        << greet() +
               QStringLiteral("C: EHLO client.test\nS: 500 what?\nC: HELO client.test\nS: 250 fake.test\n") +
               oneMessage() + quit()
        << QString() << one << 0 << "ok" << 0;
    QTest::newRow("size param and 8bitmime offered")
        << greet() + ehlo({QStringLiteral("SIZE 100000"), QStringLiteral("8BITMIME")}) +
               oneMessage(QStringLiteral(" SIZE=23")) + quit()
        << QString() << one << 0 << "ok" << 0;

    // Sign-in.
    const QString authCaps = QStringLiteral("AUTH PLAIN LOGIN XOAUTH2");
    const QString plainOk = QStringLiteral("C: AUTH PLAIN %1\nS: 235 2.7.0 Authentication successful\n")
                                .arg(QString::fromLatin1(plainPayload()));
    const QString plainBad = QStringLiteral("C: AUTH PLAIN %1\nS: 535 5.7.8 Error: authentication failed\n")
                                 .arg(QString::fromLatin1(plainPayload()));
    const QString loginSteps =
        QStringLiteral("C: AUTH LOGIN\nS: 334 VXNlcm5hbWU6\nC: %1\nS: 334 UGFzc3dvcmQ6\nC: %2\n")
            .arg(QString::fromLatin1(b64(kUser.toUtf8())), QString::fromLatin1(b64(kSecret.toUtf8())));
    const QString xoauth = QStringLiteral("C: AUTH XOAUTH2 %1\n")
                               .arg(QString::fromLatin1(b64("user=" + kUser.toUtf8() + "\x01" +
                                                            "auth=Bearer " + kSecret.toUtf8() + "\x01\x01")));
    QTest::newRow("auth plain ok") << greet() + ehlo({authCaps}) + plainOk + oneMessage() + quit()
                                   << "auth=plain user clear" << one << 0 << "ok" << 0;
    QTest::newRow("auth plain 535") << greet() + ehlo({authCaps}) + plainBad << "auth=plain user clear" << one
                                    << 0 << "session:auth:server-reply:535:5.7.8:permanent" << 0;
    // smtp-sink answers AUTH with 250: not a sign-in, and not worth retrying as if it were a 4xx.
    QTest::newRow("auth plain answered 250")
        << greet() + ehlo({authCaps}) +
               QStringLiteral("C: AUTH PLAIN %1\nS: 250 2.0.0 Ok\n").arg(QString::fromLatin1(plainPayload()))
        << "auth=plain user clear" << one << 0 << "session:auth:server-reply:250:2.0.0:permanent" << 0;
    QTest::newRow("auth login ok") << greet() + ehlo({authCaps}) + loginSteps +
                                          QStringLiteral("S: 235 2.7.0 ok\n") + oneMessage() + quit()
                                   << "auth=login user clear" << one << 0 << "ok" << 0;
    QTest::newRow("auth login 535") << greet() + ehlo({authCaps}) + loginSteps +
                                           QStringLiteral("S: 535 5.7.8 Error: authentication failed\n")
                                    << "auth=login user clear" << one << 0
                                    << "session:auth:server-reply:535:5.7.8:permanent" << 0;
    QTest::newRow("auth xoauth2 ok") << greet() + ehlo({authCaps}) + xoauth +
                                            QStringLiteral("S: 235 2.7.0 Accepted\n") + oneMessage() + quit()
                                     << "auth=xoauth2 user clear" << one << 0 << "ok" << 0;
    QTest::newRow("auth xoauth2 535 after error json")
        << greet() + ehlo({authCaps}) + xoauth +
               QStringLiteral("S: 334 eyJzdGF0dXMiOiI0MDEiLCJzY2hlbWVzIjoiYmVhcmVyIn0=\nC:\n"
                              "S: 535 5.7.8 Username and Password not accepted\n")
        << "auth=xoauth2 user clear" << one << 0 << "session:auth:server-reply:535:5.7.8:permanent" << 0;
    QTest::newRow("auth auto prefers plain")
        << greet() + ehlo({QStringLiteral("AUTH LOGIN CRAM-MD5 PLAIN")}) + plainOk + oneMessage() + quit()
        << "auth=auto user clear" << one << 0 << "ok" << 0;
    QTest::newRow("auth auto legacy AUTH= login")
        << greet() + ehlo({QStringLiteral("AUTH=LOGIN")}) + loginSteps + QStringLiteral("S: 235 ok\n") +
               oneMessage() + quit()
        << "auth=auto user clear" << one << 0 << "ok" << 0;
    QTest::newRow("auth not offered")
        << greet() + ehlo({QStringLiteral("PIPELINING")}) << "auth=auto user clear" << one << 0
        << "session:auth:auth-not-offered:0::permanent" << 0;
    QTest::newRow("auth mechanism not offered")
        << greet() + ehlo({QStringLiteral("AUTH LOGIN")}) << "auth=xoauth2 user clear" << one << 0
        << "session:auth:auth-not-offered:0::permanent" << 0;
    QTest::newRow("auth refused without tls") << greet() + ehlo({authCaps}) << "auth=plain user" << one << 0
                                              << "session:auth:auth-without-tls:0::permanent" << 0;
    QTest::newRow("auth none skips sign-in")
        << greet() + ehlo({authCaps}) + oneMessage() + quit() << "auth=none user" << one << 0 << "ok" << 0;
    QTest::newRow("starttls required not offered")
        << greet() + ehlo({authCaps}) << "enc=starttls auth=plain user" << one << 0
        << "session:starttls:starttls-not-offered:0::permanent" << 0;
    QTest::newRow("starttls refused")
        << greet() + ehlo({QStringLiteral("STARTTLS")}) +
               QStringLiteral("C: STARTTLS\nS: 454 4.7.0 TLS not available\n")
        << "enc=starttls" << one << 0 << "session:starttls:server-reply:454:4.7.0:transient" << 0;

    // Pipelining.
    QTest::newRow("pipelined one rcpt refused")
        << greet() + ehlo({QStringLiteral("PIPELINING"), QStringLiteral("ENHANCEDSTATUSCODES")}) +
               QStringLiteral(
                   "C: MAIL FROM:<sender@example.org>\nC: RCPT TO:<a@example.org>\nC: RCPT "
                   "TO:<b@example.org>\n"
                   "C: DATA\nS: 250 2.1.0 Ok\nS: 550 5.1.1 <a@example.org>: Recipient address rejected\n"
                   "S: 250 2.1.5 Ok\nS: 354 End data\nD:\nS: 250 2.0.0 Ok: queued as 77\n") +
               quit()
        << QString() << two << 0 << "ok" << 1;
    QTest::newRow("pipelined all rcpts refused")
        << greet() + ehlo({QStringLiteral("PIPELINING"), QStringLiteral("ENHANCEDSTATUSCODES")}) +
               QStringLiteral(
                   "C: MAIL FROM:<sender@example.org>\nC: RCPT TO:<a@example.org>\nC: RCPT "
                   "TO:<b@example.org>\n"
                   "C: DATA\nS: 250 2.1.0 Ok\nS: 550 5.1.1 <a@example.org>: Recipient address rejected\n"
                   "S: 550 5.1.1 <b@example.org>: Recipient address rejected\n"
                   "S: 554 5.5.1 Error: no valid recipients\nC: RSET\nS: 250 2.0.0 Ok\n") +
               quit()
        << QString() << two << 0 << "message:rcpt:all-recipients-refused:550:5.1.1:permanent" << 2;
    QTest::newRow("one at a time all rcpts refused 4xx")
        << greet() + basicEhlo +
               QStringLiteral(
                   "C: MAIL FROM:<sender@example.org>\nS: 250 2.1.0 Ok\nC: RCPT TO:<a@example.org>\n"
                   "S: 450 4.2.0 <a@example.org>: greylisted\nC: RCPT TO:<b@example.org>\n"
                   "S: 450 4.2.0 <b@example.org>: greylisted\nC: RSET\nS: 250 Ok\n") +
               quit()
        << QString() << two << 0 << "message:rcpt:all-recipients-refused:450:4.2.0:transient" << 2;
    QTest::newRow("sender refused then rset")
        << greet() + basicEhlo +
               QStringLiteral(
                   "C: MAIL FROM:<sender@example.org>\nS: 553 5.7.1 Sender address rejected: not owned\n"
                   "C: RSET\nS: 250 Ok\n") +
               quit()
        << QString() << one << 0 << "message:mail:server-reply:553:5.7.1:permanent" << 0;
    QTest::newRow("message refused after data")
        << greet() + basicEhlo +
               QStringLiteral(
                   "C: MAIL FROM:<sender@example.org>\nS: 250 Ok\nC: RCPT TO:<rcpt@example.org>\nS: 250 Ok\n"
                   "C: DATA\nS: 354 go\nD:\nS: 554 5.7.1 Spam detected\n") +
               quit()
        << QString() << one << 0 << "message:data:server-reply:554:5.7.1:permanent" << 0;
    QTest::newRow("8bitmime and smtputf8 when needed and offered")
        << greet() + ehlo({QStringLiteral("8BITMIME"), QStringLiteral("SMTPUTF8")}) +
               oneMessage(QStringLiteral(" BODY=8BITMIME SMTPUTF8")) + quit()
        << "needs8bit needsutf8" << one << 0 << "ok" << 0;
    QTest::newRow("smtputf8 needed not offered")
        << greet() + ehlo({QStringLiteral("8BITMIME")}) + quit() << "needsutf8" << one << 0
        << "message:mail:invalid-input:0::permanent" << 0;
    QTest::newRow("size too big refused before sending")
        << greet() + ehlo({QStringLiteral("SIZE 1000")}) + quit() << QString() << one << 2000
        << "message:mail:message-too-large:0::permanent" << 0;
    QTest::newRow("421 at greeting") << QStringLiteral("S: 421 4.3.2 Service not available, closing\nX:\n")
                                     << QString() << one << 0
                                     << "session:greeting:server-reply:421:4.3.2:transient" << 0;
    QTest::newRow("421 at rcpt")
        << greet() + basicEhlo +
               QStringLiteral("C: MAIL FROM:<sender@example.org>\nS: 250 Ok\n"
                              "C: RCPT TO:<rcpt@example.org>\nS: 421 4.7.0 Too many errors\nX:\n")
        << QString() << one << 0 << "session:rcpt:server-reply:421:4.7.0:transient" << 0;
    QTest::newRow("garbage greeting") << QStringLiteral("S: HTTP/1.1 400 Bad Request\n") << QString() << one
                                      << 0 << "session:greeting:protocol-error:0::permanent" << 0;
    QTest::newRow("tls record instead of greeting")
        << QStringLiteral("B: 15030300020246\n") << QString() << one << 0
        << "session:greeting:protocol-error:0::permanent" << 0;

    // The server hangs up in each phase.
    const QString mailCmd = QStringLiteral("C: MAIL FROM:<sender@example.org>\n");
    QTest::newRow("closed at greeting") << QStringLiteral("X:\n") << QString() << one << 0
                                        << "session:greeting:connection-closed:0::transient" << 0;
    QTest::newRow("closed at ehlo") << greet() + QStringLiteral("C: EHLO client.test\nX:\n") << QString()
                                    << one << 0 << "session:ehlo:connection-closed:0::transient" << 0;
    QTest::newRow("closed at auth") << greet() + ehlo({authCaps}) + QStringLiteral("C~ AUTH PLAIN .*\nX:\n")
                                    << "auth=plain user clear" << one << 0
                                    << "session:auth:connection-closed:0::transient" << 0;
    QTest::newRow("closed at mail") << greet() + basicEhlo + mailCmd + QStringLiteral("X:\n") << QString()
                                    << one << 0 << "session:mail:connection-closed:0::transient" << 0;
    QTest::newRow("closed at rcpt") << greet() + basicEhlo + mailCmd +
                                           QStringLiteral("S: 250 Ok\nC: RCPT TO:<rcpt@example.org>\nX:\n")
                                    << QString() << one << 0 << "session:rcpt:connection-closed:0::transient"
                                    << 0;
    QTest::newRow("closed at data")
        << greet() + basicEhlo + mailCmd +
               QStringLiteral("S: 250 Ok\nC: RCPT TO:<rcpt@example.org>\nS: 250 Ok\nC: DATA\nX:\n")
        << QString() << one << 0 << "session:data:connection-closed:0::transient" << 0;
    QTest::newRow("closed at final dot")
        << greet() + basicEhlo + mailCmd +
               QStringLiteral("S: 250 Ok\nC: RCPT TO:<rcpt@example.org>\nS: 250 Ok\n"
                              "C: DATA\nS: 354 go\nD:\nX:\n")
        << QString() << one << 0 << "session:data:connection-closed:0::transient" << 0;

    // The server goes silent in each phase: the watchdog names the phase (budget 3 x 100 ms).
    QTest::newRow("stall at greeting")
        << QStringLiteral("N:\n") << "budget=3" << one << 0 << "session:greeting:timeout:0::transient" << 0;
    QTest::newRow("stall at ehlo") << greet() + QStringLiteral("N:\n") << "budget=3" << one << 0
                                   << "session:ehlo:timeout:0::transient" << 0;
    QTest::newRow("stall at starttls")
        << greet() + ehlo({QStringLiteral("STARTTLS")}) + QStringLiteral("N:\n") << "budget=3 enc=starttls"
        << one << 0 << "session:starttls:timeout:0::transient" << 0;
    QTest::newRow("stall at auth") << greet() + ehlo({authCaps}) + QStringLiteral("N:\n")
                                   << "budget=3 auth=login user clear" << one << 0
                                   << "session:auth:timeout:0::transient" << 0;
    QTest::newRow("stall at mail") << greet() + basicEhlo + QStringLiteral("N:\n") << "budget=3" << one << 0
                                   << "session:mail:timeout:0::transient" << 0;
    QTest::newRow("stall at rcpt") << greet() + basicEhlo + mailCmd + QStringLiteral("S: 250 Ok\nN:\n")
                                   << "budget=3" << one << 0 << "session:rcpt:timeout:0::transient" << 0;
    QTest::newRow("stall at data") << greet() + basicEhlo + mailCmd +
                                          QStringLiteral(
                                              "S: 250 Ok\nC: RCPT TO:<rcpt@example.org>\nS: 250 Ok\nN:\n")
                                   << "budget=3" << one << 0 << "session:data:timeout:0::transient" << 0;
    QTest::newRow("stall at final dot")
        << greet() + basicEhlo + mailCmd +
               QStringLiteral("S: 250 Ok\nC: RCPT TO:<rcpt@example.org>\nS: 250 Ok\n"
                              "C: DATA\nS: 354 go\nD:\nN:\n")
        << "budget=3" << one << 0 << "session:data:timeout:0::transient" << 0;
    QTest::newRow("stall at quit") << greet() + basicEhlo + oneMessage() + QStringLiteral("C: QUIT\nN:\n")
                                   << "budget=3" << one << 0 << "session:quit:timeout:0::transient" << 0;
}

void TestSmtp::session()
{
    QFETCH(QString, script);
    QFETCH(QString, options);
    QFETCH(QStringList, recipients);
    QFETCH(int, messageSize);
    QFETCH(QString, expect);
    QFETCH(int, refused);

    FakeSmtpServer server;
    server.setScript(script);
    QVERIFY(server.start());
    const SmtpConfig config = makeConfig(server.port(), options);
    QList<QByteArray> rcpts;
    for (const QString& r : recipients)
        rcpts.append(r.toUtf8());
    OutgoingMessage msg = message(1, rcpts);
    msg.needs8BitMime = options.contains(u"needs8bit");
    msg.needsSmtpUtf8 = options.contains(u"needsutf8");
    if (messageSize > 0)
        msg.data = QByteArray(messageSize - 2, 'x') + "\r\n";

    QElapsedTimer clock;
    clock.start();
    const Run run = runSession(config, {msg});
    QVERIFY2(run.done(), "the session neither failed nor closed");
    QVERIFY2(run.failedCount + run.closedCount == 1, "the session must end exactly once");
    (void)QTest::qWaitFor([&server] { return server.scriptFinished(); }, 2000);
    QVERIFY2(server.errors().isEmpty(), qPrintable(server.errors().join(u'\n')));
    QVERIFY2(server.scriptFinished(), "the client stopped before the script's end");

    const Expectation e = parseExpectation(expect);
    QCOMPARE(run.outcomes.size(), 1);
    const SendOutcome& outcome = run.outcomes.first();
    QCOMPARE(outcome.id, 1);
    QCOMPARE(outcome.refusedRecipients.size(), refused);
    QString why;
    if (e.where == u"ok") {
        QVERIFY2(!run.failure, run.failure ? qPrintable(run.failure->summary()) : "");
        QCOMPARE(run.closedCount, 1);
        QVERIFY2(outcome.accepted, outcome.error ? qPrintable(outcome.error->summary()) : "not accepted");
        QVERIFY(outcome.acceptanceLine.startsWith(QStringLiteral("250 ")));
        QVERIFY(!outcome.error);
    } else if (e.where == u"message") {
        QVERIFY2(!run.failure, run.failure ? qPrintable(run.failure->summary()) : "");
        QCOMPARE(run.closedCount, 1);
        QVERIFY(!outcome.accepted);
        QVERIFY(outcome.attempted);
        QVERIFY(outcome.error.has_value());
        QVERIFY2(checkError(*outcome.error, e, &why), qPrintable(why));
    } else {
        QCOMPARE(run.failedCount, 1);
        QCOMPARE(run.closedCount, 0);
        QVERIFY2(checkError(*run.failure, e, &why), qPrintable(why));
        // A stall at QUIT comes after the message was accepted.
        QCOMPARE(outcome.accepted, e.phase == u"quit");
        QCOMPARE(outcome.error.has_value(), e.phase != u"quit");
        if (e.kind == u"timeout") {
            QCOMPARE(run.failure->timeoutSeconds, 3);
            // 3 budget units of 100 ms: well under a second, and not before the budget.
            QVERIFY2(clock.elapsed() >= 290 && clock.elapsed() < 2500,
                     qPrintable(QString::number(clock.elapsed())));
        }
        // The message was only in flight once the session was ready.
        QCOMPARE(outcome.attempted, run.ready);
    }
    if (e.kind == u"protocol-error" && expect.contains(u"greeting") && script.startsWith(u"B:"))
        QVERIFY(run.failure->receivedTlsBytesAsGreeting);

    // Whatever happened: no secret in the transcript, in any encoding.
    const QByteArray transcript = run.transcriptText().toUtf8();
    for (const QByteArray& form : secretForms())
        QVERIFY2(!transcript.contains(form),
                 qPrintable(QStringLiteral("secret leaked: ") + QString::fromUtf8(form)));
    if (options.contains(u"user") && run.ready && options.contains(u"auth=plain"))
        QVERIFY(transcript.contains("AUTH PLAIN ***"));
    // Message content is logged as one line, never line by line.
    QVERIFY(!transcript.contains("Hello."));
}

void TestSmtp::severalMessagesOneConnection_data()
{
    QTest::addColumn<bool>("pipelining");
    QTest::newRow("one command at a time") << false;
    QTest::newRow("pipelined") << true;
}

void TestSmtp::severalMessagesOneConnection()
{
    QFETCH(bool, pipelining);
    const int count = 4;
    QString script = greet() + ehlo(pipelining ? QStringList{QStringLiteral("PIPELINING")} : QStringList{});
    for (int i = 0; i < count; ++i) {
        const QString rcpt = QStringLiteral("r%1@example.org").arg(i);
        // The second message is refused after its data; the connection goes on.
        const QString finalReply = i == 1 ? QStringLiteral("550 5.7.1 Rejected for policy reasons")
                                          : QStringLiteral("250 2.0.0 Ok: queued as Q%1").arg(i);
        if (pipelining) {
            script += QStringLiteral("C: MAIL FROM:<sender@example.org>\nC: RCPT TO:<%1>\nC: DATA\n"
                                     "S: 250 Ok\nS: 250 Ok\nS: 354 go\nD:\nS: %2\n")
                          .arg(rcpt, finalReply);
        } else {
            script += oneMessage({}, rcpt, finalReply);
        }
    }
    script += quit();
    FakeSmtpServer server;
    server.setScript(script);
    QVERIFY(server.start());
    QList<OutgoingMessage> messages;
    for (int i = 0; i < count; ++i)
        messages.append(message(100 + i, {QStringLiteral("r%1@example.org").arg(i).toUtf8()},
                                QStringLiteral("Subject: %1\r\n\r\nbody %1\r\n").arg(i).toUtf8()));
    const Run run = runSession(makeConfig(server.port(), {}), messages);
    QVERIFY2(server.errors().isEmpty(), qPrintable(server.errors().join(u'\n')));
    QVERIFY(!run.failure);
    QCOMPARE(run.closedCount, 1);
    QCOMPARE(server.connectionCount(), 1);
    QCOMPARE(run.outcomes.size(), count);
    for (int i = 0; i < count; ++i) {
        QCOMPARE(run.outcomes.at(i).id, 100 + i); // FIFO
        QCOMPARE(run.outcomes.at(i).accepted, i != 1);
    }
    QCOMPARE(run.outcomes.at(1).error->code, 550);
    QCOMPARE(run.outcomes.at(3).acceptanceLine, QStringLiteral("250 2.0.0 Ok: queued as Q3"));
    QCOMPARE(server.dataBodies().size(), count);
    QCOMPARE(server.dataBodies().at(2), QByteArray("Subject: 2\r\n\r\nbody 2\r\n"));
}

void TestSmtp::dotStuffingSeenByServer()
{
    // A dot at the start of the first line; one at the start of the second 64 KiB chunk; a CR/LF
    // pair split by the chunk boundary followed by a dot.
    QByteArray first = ".starts with a dot\r\n.\r\nmiddle\r\n";
    QByteArray second = QByteArray(65536 - 2, 'a') + "\r\n" + ".after the boundary\r\nend";
    QByteArray third = QByteArray(65535 - 1, 'b') + "\r" + "\n.split pair\r\n..two\r\n";
    QCOMPARE(second.indexOf(".after"), 65536);
    QCOMPARE(third.indexOf('\n'), 65535);

    QString script = greet() + ehlo({QStringLiteral("PIPELINING")});
    for (int i = 0; i < 3; ++i)
        script += QStringLiteral(
            "C~ MAIL FROM:.*\nC~ RCPT TO:.*\nC: DATA\nS: 250 Ok\nS: 250 Ok\nS: 354 go\nD:\nS: 250 Ok\n");
    script += quit();
    FakeSmtpServer server;
    server.setScript(script);
    QVERIFY(server.start());
    const Run run = runSession(makeConfig(server.port(), {}),
                               {message(1, {"a@example.org"}, first), message(2, {"a@example.org"}, second),
                                message(3, {"a@example.org"}, third)});
    QVERIFY2(server.errors().isEmpty(), qPrintable(server.errors().join(u'\n')));
    QVERIFY(!run.failure);
    QCOMPARE(server.dataBodies().size(), 3);
    QCOMPARE(server.dataBodies().at(0), QByteArray("..starts with a dot\r\n..\r\nmiddle\r\n"));
    QCOMPARE(server.dataBodies().at(1), referenceStuffed(second));
    QCOMPARE(server.dataBodies().at(2), referenceStuffed(third));
    QVERIFY(server.dataBodies().at(2).contains("\r\n..split pair\r\n...two\r\n"));
}

void TestSmtp::cancelMidSession()
{
    FakeSmtpServer server;
    server.setScript(greet() + ehlo({}) + QStringLiteral("C: MAIL FROM:<sender@example.org>\nN:\n"));
    QVERIFY(server.start());
    QElapsedTimer clock;
    clock.start();
    const Run run = runSession(makeConfig(server.port(), {}), {message(1), message(2)}, false,
                               [](SmtpSession& s) { QTimer::singleShot(150, &s, [&s] { s.cancel(); }); });
    QCOMPARE(run.failedCount, 1);
    QCOMPARE(toString(run.failure->kind), toString(SmtpErrorKind::Cancelled));
    QCOMPARE(toString(run.failure->phase), toString(SmtpPhase::Mail));
    QVERIFY(clock.elapsed() < 2000);
    QCOMPARE(run.outcomes.size(), 2);
    QVERIFY(run.outcomes.at(0).attempted);
    QCOMPARE(toString(run.outcomes.at(0).error->kind), toString(SmtpErrorKind::Cancelled));
    QVERIFY(!run.outcomes.at(1).attempted);

    // Cancel before anything happened: still exactly one failed().
    SmtpSession idle(makeConfig(server.port(), {}));
    QSignalSpy failed(&idle, &SmtpSession::failed);
    idle.open();
    idle.cancel();
    idle.cancel();
    QVERIFY(!QTest::qWaitFor([&failed] { return failed.size() > 1; }, 50)); // no second failed()
    QCOMPARE(failed.size(), 1);
}

void TestSmtp::idnHostSentAsPunycode()
{
    // The host is looked up (and shown) in its punycode form; cancelled before any lookup result.
    SmtpConfig config = makeConfig(25, {});
    config.host = QStringLiteral("b\u00fccher.invalid");
    SmtpSession session(config);
    QStringList lines;
    connect(&session, &SmtpSession::transcript, this,
            [&lines](const TranscriptLine& l) { lines.append(l.text); });
    QSignalSpy failed(&session, &SmtpSession::failed);
    session.open();
    QCOMPARE(toString(session.phase()), toString(SmtpPhase::Dns));
    session.cancel();
    QCOMPARE(failed.size(), 1);
    QVERIFY2(!lines.isEmpty() && lines.first().contains(u"xn--bcher-kva.invalid"),
             qPrintable(lines.join(u'\n')));
}

void TestSmtp::dataIdleTimeout()
{
    // The server takes DATA, then stops reading: the body backs up and the data-idle budget runs out.
    FakeSmtpServer server;
    server.setScript(
        greet() + ehlo({}) +
        QStringLiteral("C: MAIL FROM:<sender@example.org>\nS: 250 Ok\nC: RCPT TO:<rcpt@example.org>\n"
                       "S: 250 Ok\nC: DATA\nS: 354 go\nH:\n"));
    QVERIFY(server.start());
    QByteArray big;
    const QByteArray line = QByteArray(76, 'z') + "\r\n";
    big.reserve(24 * 1024 * 1024);
    while (big.size() < 24 * 1024 * 1024)
        big += line;
    const Run run = runSession(makeConfig(server.port(), QStringLiteral("budget=3")),
                               {message(1, {"rcpt@example.org"}, big)});
    QCOMPARE(run.failedCount, 1);
    QCOMPARE(toString(run.failure->kind), toString(SmtpErrorKind::Timeout));
    QCOMPARE(toString(run.failure->phase), toString(SmtpPhase::Data));
    QCOMPARE(run.failure->timeoutSeconds, 3);
    QVERIFY2(run.failure->detail.contains(u"message data"), qPrintable(run.failure->detail));
    QVERIFY(run.outcomes.first().attempted);
}

void TestSmtp::slowReaderDoesNotTimeOut()
{
    // The same kind of body as dataIdleTimeout, but the server keeps reading, slowly: 1 MB every
    // 100 ms, so the whole body takes seconds while no gap reaches the 300 ms data-idle budget.
    // The budget restarts on every bit of write progress, and the final-dot budget only starts
    // once the body has left the socket: a slow link must not fail, a dead one (above) must.
    FakeSmtpServer server;
    server.setScript(
        greet() + ehlo({}) +
        QStringLiteral("C: MAIL FROM:<sender@example.org>\nS: 250 Ok\nC: RCPT TO:<rcpt@example.org>\n"
                       "S: 250 Ok\nC: DATA\nS: 354 go\nR: 1048576 100\nD:\nS: 250 2.0.0 taken\n") +
        quit());
    QVERIFY(server.start());
    QByteArray big;
    const QByteArray line = QByteArray(76, 'z') + "\r\n";
    big.reserve(24 * 1024 * 1024);
    while (big.size() < 24 * 1024 * 1024)
        big += line;
    SmtpConfig config = makeConfig(server.port(), {});
    config.timeouts.dataIdle = 3;  // 300 ms
    config.timeouts.finalDot = 30; // 3 s: what the kernel still buffers drains within it
    QElapsedTimer elapsed;
    elapsed.start();
    const Run run = runSession(config, {message(1, {"rcpt@example.org"}, big)}, true, {}, 60000);
    QVERIFY2(!run.failure, run.failure ? qPrintable(run.failure->summary()) : "");
    QCOMPARE(run.closedCount, 1);
    QVERIFY(run.outcomes.first().accepted);
    QCOMPARE(server.dataBodies().size(), 1);
    QCOMPARE(server.dataBodies().first().size(), big.size());
    QVERIFY2(elapsed.elapsed() > 1500, qPrintable(QString::number(elapsed.elapsed()))); // it really was slow
}

void TestSmtp::finalDotBudgetWaitsForTheBodyToLeave_data()
{
    QTest::addColumn<int>("pauseMs"); // 0: the server never reads again
    QTest::newRow("pause shorter than the data-idle budget") << 800;
    QTest::newRow("server stops reading for good") << 0;
}

void TestSmtp::finalDotBudgetWaitsForTheBodyToLeave()
{
    // The server stops reading when the last 256 KB of a 1 MB body are still to come. With the
    // socket buffers on both sides kept small, that tail (final dot included) waits in the
    // client's socket: the dot has been written but has not left. Until it has, the 300 ms
    // final-dot budget must not run; the 1.5 s data-idle budget covers the pause. A pause of
    // 0.8 s is a slow link and must not fail; a server that never reads again is a dead link and
    // fails on the data-idle budget, with a dot that never left (so no unknown outcome).
    QFETCH(int, pauseMs);
    constexpr qsizetype kBody = 1024 * 1024;
    constexpr qsizetype kTail = 256 * 1024;
    QByteArray big;
    const QByteArray line = QByteArray(76, 'z') + "\r\n";
    big.reserve(kBody + line.size());
    while (big.size() < kBody)
        big += line;
    FakeSmtpServer server;
    server.setScript(
        greet() + ehlo({}) +
        QStringLiteral("C: MAIL FROM:<sender@example.org>\nS: 250 Ok\nC: RCPT TO:<rcpt@example.org>\n"
                       "S: 250 Ok\nL: 16384\nC: DATA\nS: 354 go\nP: %1 %2\nD:\nS: 250 2.0.0 taken\n")
            .arg(big.size() - kTail)
            .arg(pauseMs) +
        quit());
    QVERIFY(server.start());
    SmtpConfig config = makeConfig(server.port(), {});
    config.timeouts.dataIdle = 15; // 1.5 s with the 100 ms unit
    config.timeouts.finalDot = 3;  // 300 ms: far less than the pause
    QElapsedTimer elapsed;
    elapsed.start();
    const Run run =
        runSession(config, {message(1, {"rcpt@example.org"}, big)}, true, [](SmtpSession& session) {
            // The client's kernel buffer stays small too, so the tail waits in the session's socket.
            auto* socket = session.findChild<QSslSocket*>();
            QVERIFY(socket);
            socket->setSocketOption(QAbstractSocket::SendBufferSizeSocketOption, 16384);
        });
    QVERIFY2(server.errors().isEmpty(), qPrintable(server.errors().join(u'\n')));
    QCOMPARE(run.outcomes.size(), 1);
    if (pauseMs > 0) {
        QVERIFY2(!run.failure, run.failure ? qPrintable(run.failure->summary()) : "");
        QCOMPARE(run.closedCount, 1);
        QVERIFY(run.outcomes.first().accepted);
        QCOMPARE(server.dataBodies().size(), 1);
        QCOMPARE(server.dataBodies().first().size(), big.size());
        QVERIFY2(elapsed.elapsed() >= pauseMs, qPrintable(QString::number(elapsed.elapsed())));
    } else {
        QCOMPARE(run.failedCount, 1);
        QCOMPARE(toString(run.failure->kind), toString(SmtpErrorKind::Timeout));
        QCOMPARE(run.failure->timeoutSeconds, 15);
        QVERIFY2(run.failure->detail.contains(u"message data"), qPrintable(run.failure->detail));
        QVERIFY(run.outcomes.first().attempted);
        QVERIFY(!run.outcomes.first().outcomeUnknown()); // the dot never left the client
        QVERIFY(server.dataBodies().isEmpty());
        QVERIFY2(elapsed.elapsed() >= 1500, qPrintable(QString::number(elapsed.elapsed())));
    }
}

void TestSmtp::watchdogNeverFiresEarly()
{
    // A coarse timer may fire up to 5 % early ("no answer within 5 s" after 4.77 s); the
    // watchdog's precise timer never does. A silent server, a 500 ms greeting budget, three times.
    for (int i = 0; i < 3; ++i) {
        FakeSmtpServer server;
        server.setScript(QStringLiteral("N:\n"));
        QVERIFY(server.start());
        QElapsedTimer elapsed;
        elapsed.start();
        const Run run = runSession(makeConfig(server.port(), QStringLiteral("budget=5")), {message(1)});
        QVERIFY(run.failure.has_value());
        QCOMPARE(toString(run.failure->kind), toString(SmtpErrorKind::Timeout));
        QCOMPARE(run.failure->timeoutSeconds, 5);
        QVERIFY2(elapsed.elapsed() >= 500, qPrintable(QString::number(elapsed.elapsed())));
    }
}

void TestSmtp::slowSignInRefusalIsAnAuthPenalty()
{
    // Dovecot answers a failed sign-in only after a delay; the session measures how long the
    // refusal took, and the hint says what that means instead of only "wrong password".
    FakeSmtpServer server;
    server.setScript(greet() + ehlo({QStringLiteral("AUTH PLAIN")}) +
                     QStringLiteral("C: AUTH PLAIN %1\nW: 1700\nS: 535 5.7.8 Authentication failed\n")
                         .arg(QString::fromLatin1(plainPayload())));
    QVERIFY(server.start());
    const SmtpConfig config = makeConfig(server.port(), QStringLiteral("auth=plain user clear"));
    const Run run = runSession(config, {message(1)});
    QVERIFY(run.failure.has_value());
    QCOMPARE(run.failure->code, 535);
    QVERIFY2(run.failure->replyLatencyMs >= 1500, qPrintable(QString::number(run.failure->replyLatencyMs)));
    QCOMPARE(toString(diagnose(*run.failure, config).id), QStringLiteral("auth-penalty"));
}

void TestSmtp::drippingGreetingTimesOutOnce()
{
    // One "220-" line every 100 ms for 4 s: each line is progress on the wire but not a reply, so
    // the greeting budget (3 units of 100 ms) runs out once, in the greeting phase.
    QString script;
    for (int i = 0; i < 40; ++i)
        script += QStringLiteral("S: 220-fake.test still greeting %1\nW: 100\n").arg(i);
    script += QStringLiteral("X:\n");
    FakeSmtpServer server;
    server.setScript(script);
    QVERIFY(server.start());
    QElapsedTimer clock;
    clock.start();
    const Run run = runSession(makeConfig(server.port(), QStringLiteral("budget=3")), {message(1)});
    const qint64 elapsed = clock.elapsed();
    QCOMPARE(run.failedCount, 1);
    QVERIFY2(run.failure, "no failure");
    QCOMPARE(toString(run.failure->kind), toString(SmtpErrorKind::Timeout));
    QCOMPARE(toString(run.failure->phase), toString(SmtpPhase::Greeting));
    QCOMPARE(run.failure->timeoutSeconds, 3);
    QVERIFY2(elapsed >= 290 && elapsed < 1500, qPrintable(QString::number(elapsed)));
    QCOMPARE(run.outcomes.size(), 1);
    QVERIFY(!run.outcomes.first().attempted);
}

void TestSmtp::drippingRepliesDoNotExtendCommandBudget()
{
    // The EHLO reply arrives one continuation line at a time: the command budget started with EHLO
    // is not renewed by them.
    QString script = greet() + QStringLiteral("C: EHLO client.test\n");
    for (int i = 0; i < 40; ++i)
        script += QStringLiteral("S: 250-CAPABILITY%1\nW: 100\n").arg(i);
    script += QStringLiteral("X:\n");
    FakeSmtpServer server;
    server.setScript(script);
    QVERIFY(server.start());
    QElapsedTimer clock;
    clock.start();
    const Run run = runSession(makeConfig(server.port(), QStringLiteral("budget=3")), {});
    const qint64 elapsed = clock.elapsed();
    QCOMPARE(run.failedCount, 1);
    QCOMPARE(toString(run.failure->kind), toString(SmtpErrorKind::Timeout));
    QCOMPARE(toString(run.failure->phase), toString(SmtpPhase::Ehlo));
    QVERIFY2(elapsed >= 290 && elapsed < 1500, qPrintable(QString::number(elapsed)));
}

void TestSmtp::pipelinedMessageWithoutDataIsNotAttempted()
{
    // The first message's body and final dot go out with the second message's envelope; the
    // connection dies before either is answered. The first is charged, the second could not have
    // been accepted (its DATA never began), the third never left the queue.
    FakeSmtpServer server;
    server.setScript(
        greet() + ehlo({QStringLiteral("PIPELINING")}) +
        QStringLiteral("C: MAIL FROM:<sender@example.org>\nC: RCPT TO:<rcpt@example.org>\nC: DATA\n"
                       "S: 250 Ok\nS: 250 Ok\nS: 354 go\nD:\n"
                       "C: MAIL FROM:<sender@example.org>\nC: RCPT TO:<rcpt@example.org>\n"
                       "C: DATA\nX:\n"));
    QVERIFY(server.start());
    SmtpConfig config = makeConfig(server.port(), {});
    config.pipelineAcrossMessages = true;
    const Run run = runSession(config, {message(1), message(2), message(3)});
    QVERIFY2(server.errors().isEmpty(), qPrintable(server.errors().join(u'\n')));
    QCOMPARE(run.failedCount, 1);
    QCOMPARE(toString(run.failure->kind), toString(SmtpErrorKind::ConnectionClosed));
    QCOMPARE(run.outcomes.size(), 3);
    QCOMPARE(run.outcomes.at(0).id, 1);
    QCOMPARE(run.outcomes.at(1).id, 2);
    QCOMPARE(run.outcomes.at(2).id, 3);
    QVERIFY(run.outcomes.at(0).attempted);
    QVERIFY(run.outcomes.at(0).outcomeUnknown()); // its final dot went out: the server may have it
    QVERIFY(!run.outcomes.at(1).attempted);
    QVERIFY(!run.outcomes.at(1).outcomeUnknown());
    QVERIFY(!run.outcomes.at(2).attempted);
    for (const SendOutcome& o : run.outcomes) {
        QVERIFY(!o.accepted);
        QVERIFY(o.error.has_value());
        QCOMPARE(toString(o.error->kind), toString(SmtpErrorKind::ConnectionClosed));
    }
}

void TestSmtp::protocolRandomReplyScripts()
{
    // A property test over thousands of random reply scripts (tests/support/ProtocolScript.h): no
    // command ever lands inside DATA, every message ends in exactly one outcome, a message whose
    // whole body reached the server without a definite reply is "outcome unknown", an accepted
    // one is accepted. Seeded, so a failure names the seed that reproduces it.
    int accepted = 0, unknown = 0, refused = 0, takenBack = 0, acrossRuns = 0, gateWaits = 0, withdrawn = 0;
    for (quint32 seed = 1; seed <= 10000; ++seed) {
        const testing::ProtocolScriptResult r = testing::runProtocolScript(seed);
        QVERIFY2(r.ok, qPrintable(QStringLiteral("seed %1: ").arg(seed) + r.describe()));
        accepted += r.accepted;
        unknown += r.outcomeUnknown;
        refused += r.refused;
        takenBack += r.takenBack;
        acrossRuns += r.pipelining && r.acrossMessages ? 1 : 0;
        gateWaits += r.gateWaits;
        withdrawn += r.withdrawn;
    }
    // The scripts reach every ending, so the invariants were put to work.
    qInfo(
        "random scripts: %d accepted, %d outcome unknown, %d refused, %d taken back, %d cross-message runs, "
        "%d start gates answered later, %d withdrawn",
        accepted, unknown, refused, takenBack, acrossRuns, gateWaits, withdrawn);
    QVERIFY2(accepted > 1500, qPrintable(QString::number(accepted)));
    QVERIFY2(unknown > 300, qPrintable(QString::number(unknown)));
    QVERIFY2(refused > 5000, qPrintable(QString::number(refused)));
    QVERIFY(takenBack > 0);
    QVERIFY(acrossRuns > 1500);
    QVERIFY2(gateWaits > 3000, qPrintable(QString::number(gateWaits)));
    QVERIFY2(withdrawn > 300, qPrintable(QString::number(withdrawn)));
    // Bytes as choices (what a fuzzer feeds): empty and short inputs end cleanly too.
    QVERIFY(testing::runProtocolScript(QByteArrayView()).ok);
    QVERIFY(testing::runProtocolScript(QByteArrayView("\xff\x01\x07\x33\x80\x10", 6)).ok);
}

void TestSmtp::rsetNeverLandsInsideTheNextMessage()
{
    // The issue's case: with cross-message pipelining the server answers 354 to DATA although
    // every recipient was refused. The client ends the empty body and the next message's envelope
    // follows it; the reply to the empty body must not be followed by an RSET, which would be
    // written behind the next message's DATA and land inside its body.
    SmtpConfig config = makeConfig(25, {});
    config.pipelineAcrossMessages = true;
    RecordingListener events;
    SmtpProtocol p(config, events);
    p.enqueue(message(1));
    p.enqueue(message(2));
    p.connectionEstablished(false);
    p.receive("220 hi\r\n");
    QCOMPARE(takeOutput(p), QByteArray("EHLO client.test\r\n"));
    p.receive("250-fake.test\r\n250 PIPELINING\r\n");
    QCOMPARE(takeOutput(p),
             QByteArray("MAIL FROM:<sender@example.org>\r\nRCPT TO:<rcpt@example.org>\r\nDATA\r\n"));
    p.receive("250 ok\r\n550 5.1.1 unknown user\r\n354 go ahead\r\n");
    QCOMPARE(takeOutput(p),
             QByteArray(".\r\nMAIL FROM:<sender@example.org>\r\nRCPT TO:<rcpt@example.org>\r\nDATA\r\n"));
    p.receive("554 5.5.1 no valid recipients\r\n");
    QCOMPARE(takeOutput(p), QByteArray()); // DATA of message 2 is unanswered: nothing may be written
    QCOMPARE(events.outcomes.size(), 1);
    QCOMPARE(toString(events.outcomes.at(0).error->kind), toString(SmtpErrorKind::AllRecipientsRefused));
    p.receive("250 ok\r\n250 ok\r\n354 go ahead\r\n");
    p.streamData(1 << 20);
    QCOMPARE(takeOutput(p), QByteArray("Subject: hi\r\n\r\nHello.\r\n.\r\n"));
    p.receive("250 2.0.0 queued\r\n");
    QCOMPARE(events.outcomes.size(), 2);
    QVERIFY(events.outcomes.at(1).accepted);
    QVERIFY(!events.failure);
}

void TestSmtp::nextEnvelopeWaitsForTheFinalReplyByDefault()
{
    // Dovecot submission 2.3 relays a message and then breaks when the next envelope came in the
    // same write as the final dot. By default the next MAIL waits for the final reply (MAIL, RCPT
    // and DATA of one message still go in one write); smtp.pipeline_across_messages opts back in.
    for (const bool across : {false, true}) {
        SmtpConfig config = makeConfig(25, {});
        config.pipelineAcrossMessages = across;
        RecordingListener events;
        SmtpProtocol p(config, events);
        p.enqueue(message(1, {"a@example.org", "b@example.org"}));
        p.enqueue(message(2));
        p.connectionEstablished(false);
        p.receive("220 hi\r\n");
        takeOutput(p);
        p.receive("250-fake.test\r\n250 PIPELINING\r\n");
        QCOMPARE(takeOutput(p), QByteArray("MAIL FROM:<sender@example.org>\r\nRCPT TO:<a@example.org>\r\n"
                                           "RCPT TO:<b@example.org>\r\nDATA\r\n"));
        p.receive("250 ok\r\n250 ok\r\n250 ok\r\n354 go ahead\r\n");
        p.streamData(1 << 20);
        const QByteArray body("Subject: hi\r\n\r\nHello.\r\n.\r\n");
        const QByteArray envelope("MAIL FROM:<sender@example.org>\r\nRCPT TO:<rcpt@example.org>\r\nDATA\r\n");
        QCOMPARE(takeOutput(p), across ? body + envelope : body);
        QCOMPARE(p.budget(), SmtpProtocol::Budget::FinalDot);
        p.receive("250 2.0.0 queued\r\n");
        QCOMPARE(takeOutput(p), across ? QByteArray() : envelope);
        QCOMPARE(events.outcomes.size(), 1);
        QVERIFY(events.outcomes.at(0).accepted);
    }
}

void TestSmtp::outcomeAfterTheFinalDot_data()
{
    QTest::addColumn<QString>("afterDot"); // script lines after the body was read
    QTest::addColumn<QString>("expect");   // accepted | unknown:<kind> | refused:<code>

    QTest::newRow("closed") << "X:"
                            << "unknown:connection-closed";
    QTest::newRow("never answers") << "N:"
                                   << "unknown:timeout";
    QTest::newRow("garbage") << "S: !!garbled reply"
                             << "unknown:protocol-error";
    QTest::newRow("continuation, then closed") << "S: 250-queued\nX:"
                                               << "unknown:connection-closed";
    QTest::newRow("421 is a definite answer") << "S: 421 4.3.2 shutting down\nX:"
                                              << "refused:421";
    QTest::newRow("overlong acceptance")
        << QStringLiteral("S: 250 2.0.0 Ok: queued as ") + QString(6000, u'Q') + QStringLiteral("\n") + quit()
        << "accepted";
    QTest::newRow("acceptance followed by junk") << "S: 250 2.0.0 Ok\nS: \u0001\u0002 junk\nX:"
                                                 << "accepted";
}

void TestSmtp::outcomeAfterTheFinalDot()
{
    // The whole message and its final dot were sent. Without a definite reply the server may
    // have taken it: "outcome unknown", never a plain transient failure that is sent again.
    QFETCH(QString, afterDot);
    QFETCH(QString, expect);
    FakeSmtpServer server;
    server.setScript(
        greet() + ehlo({}) +
        QStringLiteral("C: MAIL FROM:<sender@example.org>\nS: 250 Ok\nC: RCPT TO:<rcpt@example.org>\n"
                       "S: 250 Ok\nC: DATA\nS: 354 go\nD:\n") +
        afterDot + u'\n');
    QVERIFY(server.start());
    const Run run = runSession(makeConfig(server.port(), QStringLiteral("budget=3")), {message(1)});
    QCOMPARE(server.dataBodies().size(), 1);
    QCOMPARE(run.outcomes.size(), 1);
    const SendOutcome& o = run.outcomes.first();
    QVERIFY(o.attempted);
    if (expect == u"accepted") {
        QVERIFY2(o.accepted, o.error ? qPrintable(o.error->summary()) : "");
        QVERIFY(o.acceptanceLine.startsWith(QStringLiteral("250 2.0.0 Ok")));
        return;
    }
    QVERIFY(!o.accepted);
    QVERIFY(o.error.has_value());
    if (expect.startsWith(u"refused:")) {
        QVERIFY(!o.outcomeUnknown());
        QCOMPARE(o.error->code, expect.section(u':', 1).toInt());
        QVERIFY(o.error->transient);
        return;
    }
    QVERIFY2(o.outcomeUnknown(), qPrintable(o.error->summary()));
    QCOMPARE(toString(o.error->kind), expect.section(u':', 1));
    QCOMPARE(toString(o.error->phase), QStringLiteral("data"));
    QVERIFY2(
        o.error->summary().startsWith(QStringLiteral("outcome unknown: data: the whole message was sent")),
        qPrintable(o.error->summary()));
    QVERIFY(run.failure.has_value());
}

void TestSmtp::transcriptLinesCarryTheirMessage()
{
    // With cross-message pipelining the next message's MAIL/RCPT are written before this one's
    // final reply; each transaction line says which message it belongs to, so a per-message
    // transcript shows that message's own recipients.
    SmtpConfig config = makeConfig(25, {});
    config.pipelineAcrossMessages = true;
    struct Lines : RecordingListener
    {
        QList<TranscriptLine> lines;
        void protocolTranscript(const TranscriptLine& l) override { lines.append(l); }
    } events;
    SmtpProtocol p(config, events);
    p.enqueue(message(1, {"one@example.org"}));
    p.enqueue(message(2, {"two@example.org"}));
    p.connectionEstablished(false);
    p.receive("220 hi\r\n250-fake.test\r\n250 PIPELINING\r\n");
    p.receive("250 ok\r\n250 ok\r\n354 go\r\n");
    p.streamData(1 << 20);
    p.receive("250 queued 1\r\n250 ok\r\n250 ok\r\n354 go\r\n");
    p.streamData(1 << 20);
    p.receive("250 queued 2\r\n");
    QCOMPARE(events.outcomes.size(), 2);
    QStringList first, second;
    for (const TranscriptLine& l : events.lines) {
        if (l.messageId == 1)
            first.append(l.text);
        else if (l.messageId == 2)
            second.append(l.text);
    }
    QVERIFY2(first.contains(QStringLiteral("RCPT TO:<one@example.org>")), qPrintable(first.join(u'|')));
    QVERIFY(!first.join(u'|').contains(QStringLiteral("two@example.org")));
    QVERIFY(first.contains(QStringLiteral("250 queued 1")));
    QVERIFY(second.contains(QStringLiteral("RCPT TO:<two@example.org>")));
    QVERIFY(!second.join(u'|').contains(QStringLiteral("one@example.org")));
    QVERIFY(second.contains(QStringLiteral("250 queued 2")));
}

void TestSmtp::tooManyRecipientsGoInFurtherTransactions()
{
    // RCPT 3 of 5 gets "452 4.5.3 too many recipients" (and, pipelined, so do the rest): once
    // the first transaction's data is accepted, the held-back recipients go in another one. Every
    // recipient ends accepted or refused with its own reply; none is silently dropped.
    SmtpConfig config = makeConfig(25, {});
    config.pipelineAcrossMessages = true; // nothing may be pipelined behind a message with a round left
    RecordingListener events;
    SmtpProtocol p(config, events);
    p.enqueue(message(1, {"r0@x.test", "r1@x.test", "r2@x.test", "r3@x.test", "r4@x.test"}));
    p.enqueue(message(2));
    p.connectionEstablished(false);
    p.receive("220 hi\r\n250-fake.test\r\n250-ENHANCEDSTATUSCODES\r\n250 PIPELINING\r\n");
    takeOutput(p);
    p.receive(
        "250 ok\r\n250 ok\r\n250 ok\r\n452 4.5.3 too many recipients\r\n452 4.5.3 too many recipients\r\n"
        "452 4.5.3 too many recipients\r\n354 go\r\n");
    p.streamData(1 << 20);
    // Message 2 waits: message 1 still has a round to go.
    QCOMPARE(takeOutput(p), QByteArray("Subject: hi\r\n\r\nHello.\r\n.\r\n"));
    p.receive("250 2.0.0 queued as R1\r\n");
    QCOMPARE(takeOutput(p), QByteArray("MAIL FROM:<sender@example.org>\r\nRCPT TO:<r2@x.test>\r\n"
                                       "RCPT TO:<r3@x.test>\r\nRCPT TO:<r4@x.test>\r\nDATA\r\n"));
    QVERIFY(events.outcomes.isEmpty());
    p.receive("250 ok\r\n250 ok\r\n250 ok\r\n550 5.1.1 no such user\r\n354 go\r\n");
    p.streamData(1 << 20);
    const QByteArray afterRound2 = takeOutput(p);
    QVERIFY2(afterRound2.startsWith("Subject: hi\r\n\r\nHello.\r\n.\r\nMAIL FROM:"), afterRound2.constData());
    p.receive("250 2.0.0 queued as R2\r\n");
    QCOMPARE(events.outcomes.size(), 1);
    const SendOutcome& o = events.outcomes.first();
    QVERIFY(o.accepted);
    QCOMPARE(o.acceptedRecipients, (QList<QByteArray>{"r0@x.test", "r1@x.test", "r2@x.test", "r3@x.test"}));
    QCOMPARE(o.refusedRecipients.size(), 1);
    QCOMPARE(o.refusedRecipients.first().address, QByteArray("r4@x.test"));
    QCOMPARE(o.refusedRecipients.first().code, 550);

    // Without PIPELINING the client stops at the first 452 and carries the rest over.
    SmtpConfig serial = makeConfig(25, {});
    RecordingListener events2;
    SmtpProtocol q(serial, events2);
    q.enqueue(message(7, {"a@x.test", "b@x.test", "c@x.test"}));
    q.connectionEstablished(false);
    q.receive("220 hi\r\n250 fake.test\r\n");
    QCOMPARE(takeOutput(q), QByteArray("EHLO client.test\r\nMAIL FROM:<sender@example.org>\r\n"));
    q.receive("250 ok\r\n");
    QCOMPARE(takeOutput(q), QByteArray("RCPT TO:<a@x.test>\r\n"));
    q.receive("250 ok\r\n");
    QCOMPARE(takeOutput(q), QByteArray("RCPT TO:<b@x.test>\r\n"));
    q.receive("452 4.5.3 too many recipients\r\n");
    QCOMPARE(takeOutput(q), QByteArray("DATA\r\n"));
    q.receive("354 go\r\n");
    q.streamData(1 << 20);
    takeOutput(q);
    q.receive("250 ok\r\n");
    QCOMPARE(takeOutput(q), QByteArray("MAIL FROM:<sender@example.org>\r\n"));
    q.receive("250 ok\r\n");
    QCOMPARE(takeOutput(q), QByteArray("RCPT TO:<b@x.test>\r\n"));
    q.receive("250 ok\r\n");
    QCOMPARE(takeOutput(q), QByteArray("RCPT TO:<c@x.test>\r\n"));
    q.receive("250 ok\r\n354 go\r\n");
    q.streamData(1 << 20);
    q.receive("250 ok\r\n");
    QCOMPARE(events2.outcomes.size(), 1);
    QVERIFY(events2.outcomes.first().accepted);
    QVERIFY(events2.outcomes.first().refusedRecipients.isEmpty());
    QCOMPARE(events2.outcomes.first().acceptedRecipients.size(), 3);
}

void TestSmtp::startTlsWithInjectedReplyIsRefused()
{
    // "220" to STARTTLS and an injected "250" in the same packet: the injected line would be read
    // as if it came over TLS (CVE-2011-0411). Refused, no handshake, nothing more written.
    SmtpConfig config = makeConfig(25, QStringLiteral("enc=starttls auth=plain user"));
    RecordingListener events;
    SmtpProtocol p(config, events);
    p.enqueue(message(1));
    p.connectionEstablished(false);
    p.receive("220 mx.example.org ESMTP\r\n");
    QCOMPARE(takeOutput(p), QByteArray("EHLO client.test\r\n"));
    p.receive("250-mx.example.org\r\n250 STARTTLS\r\n");
    QCOMPARE(takeOutput(p), QByteArray("STARTTLS\r\n"));
    p.receive("220 2.0.0 Ready to start TLS\r\n250-mx.example.org\r\n250 AUTH PLAIN\r\n");
    QCOMPARE(events.startTls, 0);
    QVERIFY(events.failure.has_value());
    QCOMPARE(toString(events.failure->kind), toString(SmtpErrorKind::ProtocolError));
    QCOMPARE(toString(events.failure->phase), toString(SmtpPhase::StartTls));
    QVERIFY(!events.failure->transient);
    QCOMPARE(takeOutput(p), QByteArray());
    QVERIFY(p.isFinished());
    QCOMPARE(events.outcomes.size(), 1);
    QVERIFY(!events.outcomes.first().attempted);
}

void TestSmtp::startTlsInjectionOverTheWire()
{
    // The same attack through a socket: both lines in one write.
    FakeSmtpServer server;
    server.setScript(greet() + ehlo({QStringLiteral("STARTTLS")}) + QStringLiteral("C: STARTTLS\nB: ") +
                     QString::fromLatin1(QByteArray("220 2.0.0 Ready\r\n250 AUTH PLAIN\r\n").toHex()) +
                     QStringLiteral("\nN:\n"));
    QVERIFY(server.start());
    const Run run = runSession(
        makeConfig(server.port(), QStringLiteral("enc=starttls auth=plain user clear")), {message(1)});
    QCOMPARE(run.failedCount, 1);
    QCOMPARE(toString(run.failure->kind), toString(SmtpErrorKind::ProtocolError));
    QCOMPARE(toString(run.failure->phase), toString(SmtpPhase::StartTls));
    // Nothing after STARTTLS: no handshake bytes, no AUTH, no MAIL (a late line would end the wait).
    QVERIFY(
        !QTest::qWaitFor([&server] { return server.receivedLines().last() != QByteArray("STARTTLS"); }, 50));
    QCOMPARE(server.receivedLines().last(), QByteArray("STARTTLS"));
    QVERIFY(!server.allReceivedText().contains("AUTH"));
    QVERIFY(!server.allReceivedText().contains("MAIL"));
}

void TestSmtp::deleteSessionFromSlot_data()
{
    QTest::addColumn<QString>("signal"); // the signal whose slot deletes the session
    QTest::newRow("first messageDone") << QStringLiteral("messageDone");
    QTest::newRow("failed") << QStringLiteral("failed");
    QTest::newRow("phaseChanged to mail") << QStringLiteral("phaseChanged");
}

void TestSmtp::deleteSessionFromSlot()
{
    // 421 ends the connection while three messages are open: messageDone x3, then failed, all from
    // inside the receive loop. The slot deletes the session directly.
    QFETCH(QString, signal);
    FakeSmtpServer server;
    server.setScript(
        greet() + ehlo({QStringLiteral("PIPELINING")}) +
        QStringLiteral("C: MAIL FROM:<sender@example.org>\nC: RCPT TO:<rcpt@example.org>\nC: DATA\n"
                       "S: 421 4.4.2 closing\nX:\n"));
    QVERIFY(server.start());
    auto* session = new SmtpSession(makeConfig(server.port(), {}));
    QPointer<SmtpSession> guard(session);
    session->setWatchdogUnit(100ms);
    int outcomes = 0;
    int failures = 0;
    connect(session, &SmtpSession::messageDone, this, [&](const SendOutcome&) {
        ++outcomes;
        if (signal == u"messageDone")
            delete session;
    });
    connect(session, &SmtpSession::failed, this, [&](const SmtpError&) {
        ++failures;
        if (signal == u"failed")
            delete session;
    });
    connect(session, &SmtpSession::phaseChanged, this, [&](SmtpPhase phase) {
        if (signal == u"phaseChanged" && phase == SmtpPhase::Mail)
            delete session;
    });
    session->open();
    for (qint64 id = 1; id <= 3; ++id)
        session->send(message(id));
    QVERIFY(QTest::qWaitFor([&guard] { return guard.isNull(); }, 5000));
    // The deferred state goes, the socket goes; nothing may fire afterwards (a late signal ends the wait).
    const int outcomesBefore = outcomes, failuresBefore = failures;
    (void)QTest::qWaitFor([&] { return outcomes != outcomesBefore || failures != failuresBefore; }, 100);
    if (signal == u"messageDone") {
        QCOMPARE(outcomes, 1);
        QCOMPARE(failures, 0);
    } else if (signal == u"failed") {
        QCOMPARE(outcomes, 3);
        QCOMPARE(failures, 1);
    } else {
        QCOMPARE(failures, 0);
    }
}

void TestSmtp::sendAgainAfterFailureDoesNotRecurse()
{
    // A slot that sends again whenever a message fails: the retries on the dead session come back
    // from the event loop, one level deep, never from inside send().
    FakeSmtpServer server;
    server.setScript(QStringLiteral("S: 421 4.3.2 not now\nX:\n"));
    QVERIFY(server.start());
    SmtpSession session(makeConfig(server.port(), {}));
    session.setWatchdogUnit(100ms);
    int depth = 0;
    int maxDepth = 0;
    int resent = 0;
    QList<SendOutcome> outcomes;
    int failures = 0;
    connect(&session, &SmtpSession::messageDone, this, [&](const SendOutcome& o) {
        ++depth;
        maxDepth = qMax(maxDepth, depth);
        outcomes.append(o);
        if (o.error && resent < 5) {
            ++resent;
            session.send(message(100 + resent));
        }
        --depth;
    });
    connect(&session, &SmtpSession::failed, this, [&](const SmtpError&) { ++failures; });
    session.open();
    session.send(message(1));
    QVERIFY(QTest::qWaitFor([&] { return outcomes.size() == 6; }, 5000));
    QVERIFY(!QTest::qWaitFor([&] { return outcomes.size() > 6; }, 50)); // no late extra outcome
    QCOMPARE(outcomes.size(), 6);
    QCOMPARE(maxDepth, 1);
    QCOMPARE(failures, 1);
    QCOMPARE(outcomes.first().id, 1);
    for (qsizetype i = 0; i < outcomes.size(); ++i) {
        QVERIFY(!outcomes.at(i).attempted);
        QVERIFY(outcomes.at(i).error.has_value());
    }
    QCOMPARE(outcomes.last().id, 105);
    QCOMPARE(toString(outcomes.last().error->kind), toString(SmtpErrorKind::ConnectionClosed));
}

// ---- TLS against the fake server --------------------------------------------------------------

void TestSmtp::takeUnstartedHandsBackQueuedMessages_data()
{
    // mode: "serial" (no PIPELINING, take while the first DATA waits for 354), "pipelined" (take
    // while the first final dot waits, the second envelope already written), "before greeting"
    // (take before the server has said anything; nothing is started).
    QTest::addColumn<QString>("mode");
    QTest::addColumn<QList<qint64>>("expectTaken");
    QTest::addColumn<QList<qint64>>("expectDone");
    QTest::newRow("one command at a time")
        << QStringLiteral("serial") << QList<qint64>{2, 3, 4, 5} << QList<qint64>{1};
    QTest::newRow("pipelined") << QStringLiteral("pipelined") << QList<qint64>{3, 4, 5}
                               << QList<qint64>{1, 2};
    QTest::newRow("before greeting") << QStringLiteral("before greeting") << QList<qint64>{1, 2, 3, 4, 5}
                                     << QList<qint64>{};
}

void TestSmtp::takeUnstartedHandsBackQueuedMessages()
{
    QFETCH(QString, mode);
    QFETCH(QList<qint64>, expectTaken);
    QFETCH(QList<qint64>, expectDone);

    const QString envelope = QStringLiteral("C: MAIL FROM:<sender@example.org>\n"
                                            "C: RCPT TO:<rcpt@example.org>\nC: DATA\n");
    QString script;
    if (mode == u"serial") {
        script = greet() + ehlo({}) +
                 QStringLiteral("C: MAIL FROM:<sender@example.org>\nS: 250 Ok\n"
                                "C: RCPT TO:<rcpt@example.org>\nS: 250 Ok\n"
                                "C: DATA\nW: 600\nS: 354 go\nD:\nS: 250 2.0.0 Ok: queued as A1\n") +
                 quit();
    } else if (mode == u"pipelined") {
        script = greet() + ehlo({QStringLiteral("PIPELINING")}) + envelope +
                 QStringLiteral("S: 250 Ok\nS: 250 Ok\nS: 354 go\nD:\n") + envelope +
                 QStringLiteral("W: 600\nS: 250 2.0.0 Ok: queued as A1\n"
                                "S: 250 Ok\nS: 250 Ok\nS: 354 go\nD:\nS: 250 2.0.0 Ok: queued as A2\n") +
                 quit();
    } else {
        script = QStringLiteral("W: 300\n") + greet() + ehlo({QStringLiteral("PIPELINING")}) + quit();
    }
    FakeSmtpServer server;
    server.setScript(script);
    QVERIFY(server.start());

    Run run;
    SmtpConfig config = makeConfig(server.port(), {});
    // "pipelined" is the opt-in where the second envelope follows the first final dot.
    config.pipelineAcrossMessages = mode == u"pipelined";
    auto session = std::make_unique<SmtpSession>(config);
    session->setWatchdogUnit(100ms);
    QVERIFY(session->takeUnstarted().isEmpty()); // not opened, nothing queued
    QObject::connect(session.get(), &SmtpSession::messageDone, session.get(),
                     [&run](const SendOutcome& o) { run.outcomes.append(o); });
    QObject::connect(session.get(), &SmtpSession::failed, session.get(), [&run](const SmtpError& e) {
        run.failure = e;
        ++run.failedCount;
    });
    QObject::connect(session.get(), &SmtpSession::closed, session.get(), [&run] { ++run.closedCount; });
    session->open();
    for (qint64 id = 1; id <= 5; ++id)
        session->send(message(id));

    const auto clientLines = [&server](const QByteArray& prefix) {
        int n = 0;
        for (const QByteArray& line : server.receivedLines())
            n += line.startsWith(prefix) ? 1 : 0;
        return n;
    };
    if (mode != u"before greeting") {
        // The message(s) expected to stay have their DATA command on the wire, and the server holds
        // its answer for 600 ms: take now.
        const int started = static_cast<int>(expectDone.size());
        QVERIFY(QTest::qWaitFor([&] { return clientLines("DATA") == started; }, 5000));
        QVERIFY(run.outcomes.isEmpty());
    }
    const QList<qint64> taken = session->takeUnstarted();
    QCOMPARE(taken, expectTaken);
    QVERIFY(session->takeUnstarted().isEmpty()); // nothing left to take
    QCOMPARE(session->pendingMessages(), static_cast<int>(expectDone.size()));
    session->close();

    QVERIFY(QTest::qWaitFor([&run] { return run.done(); }, 8000));
    // A late messageDone/failed would show up here.
    const qsizetype doneBefore = run.outcomes.size();
    (void)QTest::qWaitFor(
        [&] { return run.outcomes.size() != doneBefore || run.failedCount + run.closedCount > 1; }, 50);
    QVERIFY2(server.errors().isEmpty(), qPrintable(server.errors().join(u'\n')));
    QVERIFY(server.scriptFinished()); // QUIT was sent and answered
    QVERIFY(!run.failure);
    QCOMPARE(run.closedCount, 1);
    QCOMPARE(clientLines("MAIL FROM:"), static_cast<int>(expectDone.size()));
    QCOMPARE(clientLines("QUIT"), 1);
    QList<qint64> done;
    for (const SendOutcome& o : std::as_const(run.outcomes)) {
        done.append(o.id);
        QVERIFY(o.accepted);
        QVERIFY(o.attempted);
    }
    QCOMPARE(done, expectDone);
    QCOMPARE(server.dataBodies().size(), expectDone.size());
    QVERIFY(session->takeUnstarted().isEmpty()); // closed: still safe
    session.reset();
}

void TestSmtp::tls_data()
{
    QTest::addColumn<QString>("mode");     // starttls | tls
    QTest::addColumn<QString>("identity"); // ca-signed | self-signed | none (plain server)
    QTest::addColumn<bool>("useCaFile");
    QTest::addColumn<QString>("pin");    // "" | right | wrong
    QTest::addColumn<QString>("expect"); // ok | kind:phase
    QTest::addColumn<QString>("reason"); // a word the error must contain

    QTest::newRow("starttls with ca file") << "starttls"
                                           << "ca-signed" << true << ""
                                           << "ok"
                                           << "";
    QTest::newRow("starttls untrusted") << "starttls"
                                        << "ca-signed" << false << ""
                                        << "certificate-rejected:starttls"
                                        << "untrusted";
    QTest::newRow("starttls self-signed pinned") << "starttls"
                                                 << "self-signed" << false << "right"
                                                 << "ok"
                                                 << "";
    QTest::newRow("starttls valid but wrong pin") << "starttls"
                                                  << "ca-signed" << true << "wrong"
                                                  << "pin-mismatch:starttls"
                                                  << "not the pinned one";
    // A self-signed certificate that is not the pinned one is a pin mismatch, not "self-signed"
    // (whose advice, pin what the server shows, is what an attacker in the middle wants).
    QTest::newRow("implicit tls self-signed, other pin") << "tls"
                                                         << "self-signed" << false << "other"
                                                         << "pin-mismatch:tls"
                                                         << "not the pinned one";
    QTest::newRow("starttls name mismatch") << "starttls"
                                            << "wrong-name" << true << ""
                                            << "certificate-rejected:starttls"
                                            << "mail.other.test, not for 127.0.0.1";
    QTest::newRow("implicit tls expired") << "tls"
                                          << "expired" << true << ""
                                          << "certificate-rejected:tls"
                                          << "expired on 2020-01-02";
    QTest::newRow("implicit tls with ca file") << "tls"
                                               << "ca-signed" << true << ""
                                               << "ok"
                                               << "";
    QTest::newRow("implicit tls self-signed") << "tls"
                                              << "self-signed" << false << ""
                                              << "certificate-rejected:tls"
                                              << "self-signed";
    QTest::newRow("implicit tls on a plain port") << "tls"
                                                  << "none" << false << ""
                                                  << "tls-handshake-failed:tls"
                                                  << "plain text";
}

void TestSmtp::tls()
{
    QFETCH(QString, mode);
    QFETCH(QString, identity);
    QFETCH(bool, useCaFile);
    QFETCH(QString, pin);
    QFETCH(QString, expect);
    QFETCH(QString, reason);

    FakeSmtpServer server;
    if (identity == u"ca-signed")
        server.setTlsIdentity(m_certs->serverCertificate, m_certs->serverKey);
    else if (identity == u"self-signed")
        server.setTlsIdentity(m_certs->selfSignedCertificate, m_certs->selfSignedKey);
    else if (identity == u"expired")
        server.setTlsIdentity(m_certs->expiredCertificate, m_certs->expiredKey);
    else if (identity == u"wrong-name")
        server.setTlsIdentity(m_certs->wrongNameCertificate, m_certs->wrongNameKey);
    const QString afterTls =
        ehlo({QStringLiteral("AUTH PLAIN")}) +
        QStringLiteral("C: AUTH PLAIN %1\nS: 235 ok\n").arg(QString::fromLatin1(plainPayload())) +
        oneMessage() + quit();
    QString script;
    if (mode == u"tls")
        script = identity == u"none" ? greet() + QStringLiteral("N:\n")
                                     : QStringLiteral("T:\n") + greet() + afterTls;
    else
        script = greet() + ehlo({QStringLiteral("STARTTLS")}) +
                 QStringLiteral("C: STARTTLS\nS: 220 go ahead\nT:\n") +
                 (expect == u"ok" ? afterTls : QStringLiteral("N:\n"));
    server.setScript(script);
    QVERIFY(server.start());

    SmtpConfig config = makeConfig(server.port(), QStringLiteral("auth=plain user enc=") + mode);
    if (useCaFile)
        config.caFile = m_certs->caCertPath;
    const QString selfSha = QString::fromLatin1(
        QCryptographicHash::hash(m_certs->selfSignedCertificate.toDer(), QCryptographicHash::Sha256).toHex());
    if (pin == u"right") {
        // Colons and upper case are accepted.
        QString colons;
        for (qsizetype i = 0; i < selfSha.size(); i += 2)
            colons += (i ? QStringLiteral(":") : QString()) + selfSha.mid(i, 2).toUpper();
        config.pinnedSha256 = colons;
    } else if (pin == u"wrong") {
        config.pinnedSha256 = selfSha;
    } else if (pin == u"other") {
        config.pinnedSha256 = QString::fromLatin1(
            QCryptographicHash::hash(m_certs->serverCertificate.toDer(), QCryptographicHash::Sha256).toHex());
    }
    const Run run = runSession(config, {message(1)});
    QVERIFY2(server.errors().isEmpty() || expect != u"ok", qPrintable(server.errors().join(u'\n')));
    if (expect == u"ok") {
        QVERIFY2(!run.failure, run.failure ? qPrintable(run.failure->summary()) : "");
        QCOMPARE(run.closedCount, 1);
        QVERIFY(run.outcomes.first().accepted);
        QVERIFY(run.info.tlsActive);
        QVERIFY(!run.info.tlsProtocol.isEmpty());
        QCOMPARE(run.info.authenticatedAs, kUser);
        QVERIFY(!run.info.peerCertificateSha256.isEmpty());
        return;
    }
    QVERIFY(run.failure.has_value());
    QCOMPARE(toString(run.failure->kind) + u':' + toString(run.failure->phase), expect);
    QVERIFY(!run.failure->transient);
    QVERIFY2(run.failure->detail.contains(reason), qPrintable(run.failure->detail));
    if (run.failure->kind == SmtpErrorKind::PinMismatch) {
        QVERIFY(run.failure->certificateErrors.isEmpty());
        QVERIFY(!run.failure->detail.contains(QStringLiteral("self-signed")));
        QVERIFY(!run.failure->peerCertificateSha256.isEmpty());
    }
    if (run.failure->kind == SmtpErrorKind::CertificateRejected) {
        QVERIFY(!run.failure->certificateErrors.isEmpty());
        QVERIFY(!run.failure->peerCertificateSha256.isEmpty());
        QVERIFY(run.failure->peerCertificateNames.contains(
            identity == u"wrong-name" ? QStringLiteral("mail.other.test") : QStringLiteral("localhost")));
        if (identity == u"self-signed")
            QCOMPARE(run.failure->peerCertificateSha256, selfSha);
    }
    if (identity == u"none")
        QVERIFY(run.failure->handshakeSawPlainSmtp);
    // Nothing after the failed handshake: no AUTH, no mail.
    for (const QByteArray& line : server.receivedLines())
        QVERIFY2(!line.startsWith("AUTH") && !line.startsWith("MAIL"), line.constData());
}

// ---- TestSendJob: a worker thread, results on the caller's thread -----------------------------------

void TestSmtp::testSendJob()
{
    FakeSmtpServer server;
    server.setScript(greet() + ehlo({}) + oneMessage() + quit());
    QVERIFY(server.start());
    TestSendJob job(makeConfig(server.port(), {}), message(7));
    QList<SendOutcome> outcomes;
    QStringList lines;
    QList<SmtpPhase> phases;
    bool ready = false;
    QThread* const callerThread = QThread::currentThread();
    bool allOnCallerThread = true;
    connect(&job, &TestSendJob::finished, this, [&](const SendOutcome& o) {
        outcomes.append(o);
        allOnCallerThread = allOnCallerThread && QThread::currentThread() == callerThread;
    });
    connect(&job, &TestSendJob::transcript, this, [&](const TranscriptLine& l) {
        lines.append(l.text);
        allOnCallerThread = allOnCallerThread && QThread::currentThread() == callerThread;
    });
    connect(&job, &TestSendJob::phaseChanged, this, [&](SmtpPhase p) { phases.append(p); });
    connect(&job, &TestSendJob::serverReady, this, [&](const ServerInfo&) { ready = true; });
    job.start();
    QTRY_COMPARE_WITH_TIMEOUT(outcomes.size(), 1, 5000);
    QVERIFY(!QTest::qWaitFor([&] { return outcomes.size() > 1; }, 50)); // no second finished()
    QCOMPARE(outcomes.size(), 1);
    QVERIFY(outcomes.first().accepted);
    QCOMPARE(outcomes.first().id, 7);
    QVERIFY(ready);
    QVERIFY(allOnCallerThread);
    QVERIFY(phases.contains(SmtpPhase::Greeting));
    QVERIFY(phases.contains(SmtpPhase::Data));
    QVERIFY(lines.contains(QStringLiteral("C: MAIL FROM:<sender@example.org>").mid(3)));
    QVERIFY(lines.contains(QStringLiteral("221 2.0.0 Bye")));
    QVERIFY2(server.errors().isEmpty(), qPrintable(server.errors().join(u'\n')));
}

void TestSmtp::testSendJobCancel()
{
    FakeSmtpServer server;
    server.setScript(QStringLiteral("N:\n")); // accepts and never speaks
    QVERIFY(server.start());
    {
        TestSendJob job(makeConfig(server.port(), QStringLiteral("budget=600")), message(1));
        QList<SendOutcome> outcomes;
        connect(&job, &TestSendJob::finished, this, [&](const SendOutcome& o) { outcomes.append(o); });
        job.start();
        QTRY_VERIFY_WITH_TIMEOUT(server.connectionCount() >= 1, 5000); // connected, the server is silent
        QElapsedTimer clock;
        clock.start();
        job.cancel();
        QVERIFY(clock.elapsed() < 50); // returns at once
        QTRY_COMPARE_WITH_TIMEOUT(outcomes.size(), 1, 3000);
        QVERIFY(clock.elapsed() < 1000);
        QCOMPARE(toString(outcomes.first().error->kind), toString(SmtpErrorKind::Cancelled));
        job.cancel();
        QVERIFY(!QTest::qWaitFor([&] { return outcomes.size() > 1; }, 50)); // a second cancel adds nothing
        QCOMPARE(outcomes.size(), 1);
    }
    {
        // Destroyed while connected: the destructor cancels and joins without hanging.
        QElapsedTimer clock;
        clock.start();
        auto* job = new TestSendJob(makeConfig(server.port(), QStringLiteral("budget=600")), message(2));
        job->start();
        QTRY_VERIFY_WITH_TIMEOUT(server.connectionCount() >= 2, 5000); // connected
        delete job;
        QVERIFY(clock.elapsed() < 2000);
    }
    {
        // Cancelled before start: one finished(), nothing sent.
        TestSendJob job(makeConfig(server.port(), {}), message(3));
        QSignalSpy finished(&job, &TestSendJob::finished);
        job.cancel();
        job.start();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 1000);
        QVERIFY(!QTest::qWaitFor([&] { return finished.size() > 1; }, 50)); // exactly one finished()
        QCOMPARE(finished.size(), 1);
    }
}

QTEST_GUILESS_MAIN(TestSmtp)
#include "test_smtp.moc"
