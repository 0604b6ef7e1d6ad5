// The fault matrix: every phase of a session (connect, TLS, greeting, EHLO, STARTTLS, AUTH, MAIL,
// RCPT, DATA, body, final dot, QUIT) times every way a server can misbehave there (close, stall,
// 4xx, 5xx, garbage), each run through the real QueueWorker against the scripted fake server.
// The test asserts the promises of SPEC section 2 for every cell and writes the table of what
// each fault becomes to fault-matrix.md in the build directory (or $OUTBOUND_FAULT_MATRIX_OUT);
// the CTest entry fault_matrix_doc fails when docs/fault-matrix.md differs from it, and
// scripts/update-fault-matrix.sh regenerates the file in the source tree.

#include "FakeSmtpServer.h"
#include "TestCertificates.h"
#include "common/Clock.h"
#include "common/Database.h"
#include "diagnosis/Diagnosis.h"
#include "queue/QueueWorker.h"
#include "queue/SqlMailStore.h"
#include "settings/SecretStore.h"
#include "settings/SettingsStore.h"

#include <QFile>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace outbound;

namespace {

const QDateTime kStart = QDateTime(QDate(2026, 3, 1), QTime(12, 0), Qt::UTC);
const QString kPassword = QStringLiteral("matrix-Pa55word");

const QStringList kPhases = {
    QStringLiteral("connect"),  QStringLiteral("TLS"),  QStringLiteral("greeting"),  QStringLiteral("EHLO"),
    QStringLiteral("STARTTLS"), QStringLiteral("AUTH"), QStringLiteral("MAIL"),      QStringLiteral("RCPT"),
    QStringLiteral("DATA"),     QStringLiteral("body"), QStringLiteral("final dot"), QStringLiteral("QUIT")};
const QStringList kFaults = {QStringLiteral("close"), QStringLiteral("stall"), QStringLiteral("4xx"),
                             QStringLiteral("5xx"), QStringLiteral("garbage")};

// One cell of the matrix.
struct Cell
{
    QString phase;
    QString fault;
    QString notApplicable; // the reason, when the combination cannot happen
    QString script;
    Encryption encryption = Encryption::None;
    bool auth = false;
    bool refusedPort = false;    // connect: nothing listens
    bool bigMessage = false;     // body: large enough that a server that stops reading stalls the client
    bool serverAccepted = false; // the script answers the final dot with 250
    bool outcomeUnknown = false; // the whole message and its dot went out, no final reply came
};

QString greet()
{
    return QStringLiteral("S: 220 fake.test ESMTP ready\n");
}

QString ehlo(const QStringList& caps = {})
{
    return QStringLiteral("C~ EHLO .*\n") +
           test::ehloReplyScript(QStringList{QStringLiteral("ENHANCEDSTATUSCODES")} + caps);
}

const QString kMail = QStringLiteral("C~ MAIL FROM:<.*>.*\nS: 250 2.1.0 Ok\n");
const QString kRcpt = QStringLiteral("C~ RCPT TO:<.*>.*\nS: 250 2.1.5 Ok\n");
const QString kData = QStringLiteral("C: DATA\nS: 354 go ahead\n");
const QString kAccept = QStringLiteral("D:\nS: 250 2.0.0 Ok: queued as M1\n");
const QString kQuit = QStringLiteral("C: QUIT\nS: 221 2.0.0 Bye\n");
// After a refusal inside a transaction the client resets, then ends the session politely.
const QString kRsetQuit = QStringLiteral("C: RSET\nS: 250 2.0.0 Ok\n") + kQuit;

// The script steps for one fault, followed by what a polite server does next.
QString fault(const QString& kind, const QString& transient, const QString& permanent, const QString& after)
{
    if (kind == u"close")
        return QStringLiteral("X:\n");
    if (kind == u"stall")
        return QStringLiteral("N:\n");
    if (kind == u"4xx")
        return QStringLiteral("S: %1\n").arg(transient) + after;
    if (kind == u"5xx")
        return QStringLiteral("S: %1\n").arg(permanent) + after;
    return QStringLiteral("S: hello, this is not SMTP\n") + after;
}

QList<Cell> matrix()
{
    QList<Cell> cells;
    for (const QString& phase : kPhases) {
        for (const QString& kind : kFaults) {
            Cell c;
            c.phase = phase;
            c.fault = kind;
            const bool reply = kind == u"4xx" || kind == u"5xx" || kind == u"garbage";
            if (phase == u"connect") {
                if (kind == u"close")
                    c.refusedPort = true;
                else if (kind == u"stall")
                    c.notApplicable =
                        QStringLiteral("on loopback a connection is accepted or refused at once; "
                                       "the connect budget only runs out across a network");
                else
                    c.notApplicable = QStringLiteral("no SMTP is spoken before the connection is up");
            } else if (phase == u"TLS") {
                c.encryption = Encryption::Tls;
                if (kind == u"close")
                    c.script = QStringLiteral("X:\n");
                else if (kind == u"stall")
                    c.script = QStringLiteral("N:\n");
                else if (kind == u"garbage")
                    c.script = QStringLiteral("S: 220 fake.test plain SMTP on a TLS port\nN:\n");
                else
                    c.notApplicable = QStringLiteral("no SMTP reply is possible inside the TLS handshake");
            } else if (phase == u"greeting") {
                c.script = fault(kind, QStringLiteral("421 4.3.2 Service not available"),
                                 QStringLiteral("554 5.7.1 Connections from you are not accepted"),
                                 QStringLiteral("X:\n"));
            } else if (phase == u"EHLO") {
                // A 5xx to EHLO is an old server: the client says HELO, and the message goes.
                const QString after = kind == u"5xx" ? QStringLiteral("C~ HELO .*\nS: 250 fake.test\n") +
                                                           kMail + kRcpt + kData + kAccept + kQuit
                                                     : QStringLiteral("X:\n");
                c.serverAccepted = kind == u"5xx";
                c.script = greet() + QStringLiteral("C~ EHLO .*\n") +
                           fault(kind, QStringLiteral("421 4.3.2 Shutting down"),
                                 QStringLiteral("502 5.5.1 EHLO not implemented"), after);
            } else if (phase == u"STARTTLS") {
                c.encryption = Encryption::StartTls;
                c.script = greet() + ehlo({QStringLiteral("STARTTLS")}) + QStringLiteral("C: STARTTLS\n") +
                           fault(kind, QStringLiteral("454 4.7.0 TLS not available right now"),
                                 QStringLiteral("501 5.5.4 Syntax error"), QStringLiteral("X:\n"));
            } else if (phase == u"AUTH") {
                c.auth = true;
                c.script = greet() + ehlo({QStringLiteral("AUTH PLAIN LOGIN")}) +
                           QStringLiteral("C~ AUTH PLAIN .*\n") +
                           fault(kind, QStringLiteral("454 4.7.0 Temporary authentication failure"),
                                 QStringLiteral("535 5.7.8 Authentication credentials invalid"),
                                 QStringLiteral("X:\n"));
            } else if (phase == u"MAIL") {
                c.script = greet() + ehlo() + QStringLiteral("C~ MAIL FROM:<.*>.*\n") +
                           fault(kind, QStringLiteral("451 4.3.0 Sender check failed, try later"),
                                 QStringLiteral("550 5.7.1 Sender not allowed"), kRsetQuit);
            } else if (phase == u"RCPT") {
                c.script = greet() + ehlo() + kMail + QStringLiteral("C~ RCPT TO:<.*>.*\n") +
                           fault(kind, QStringLiteral("450 4.2.1 Mailbox busy"),
                                 QStringLiteral("550 5.1.1 No such user"), kRsetQuit);
            } else if (phase == u"DATA") {
                c.script = greet() + ehlo() + kMail + kRcpt + QStringLiteral("C: DATA\n") +
                           fault(kind, QStringLiteral("451 4.3.0 Local error"),
                                 QStringLiteral("554 5.5.1 Transaction failed"), kRsetQuit);
            } else if (phase == u"body") {
                if (reply) {
                    c.notApplicable = QStringLiteral("the server answers only after the final dot; what it "
                                                     "sends during the body is read as the dot's reply");
                } else if (kind == u"close") {
                    c.bigMessage = true;
                    c.script = greet() + ehlo() + kMail + kRcpt + kData + QStringLiteral("X:\n");
                } else {
                    c.bigMessage = true; // the server stops reading: the client's writes back up
                    c.script = greet() + ehlo() + kMail + kRcpt + kData + QStringLiteral("H:\n");
                }
            } else if (phase == u"final dot") {
                c.outcomeUnknown = kind == u"close" || kind == u"stall" || kind == u"garbage";
                c.script = greet() + ehlo() + kMail + kRcpt + kData + QStringLiteral("D:\n") +
                           fault(kind, QStringLiteral("451 4.3.0 Queue file write error"),
                                 QStringLiteral("554 5.7.1 Message rejected as spam"),
                                 kind == u"garbage" ? QStringLiteral("X:\n") : kQuit);
            } else if (phase == u"QUIT") {
                c.serverAccepted = true;
                c.script = greet() + ehlo() + kMail + kRcpt + kData + kAccept + QStringLiteral("C: QUIT\n") +
                           fault(kind, QStringLiteral("421 4.3.2 Bye anyway"),
                                 QStringLiteral("500 5.5.2 What"), QStringLiteral("X:\n"));
            }
            cells.append(c);
        }
    }
    return cells;
}

QString tableText(QString text)
{
    text.replace(u'|', QStringLiteral("\\|"));
    text.replace(u'\n', u' ');
    return text;
}

} // namespace

class TestFaultMatrix : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void everyPhaseTimesEveryFault();

private:
    QTemporaryDir m_dir;
    std::optional<test::TestCertificates> m_certs;
};

void TestFaultMatrix::initTestCase()
{
    qputenv("OUTBOUND_NO_KEYCHAIN", "1");
    QVERIFY(m_dir.isValid());
    QString error;
    m_certs = test::TestCertificates::create(m_dir.path(), &error);
    QVERIFY2(m_certs.has_value(), qPrintable(error));
}

void TestFaultMatrix::everyPhaseTimesEveryFault()
{
    QStringList rows;
    QStringList broken; // promises not kept, all listed before the test fails
    int run = 0;
    for (const Cell& c : matrix()) {
        const QString name = c.phase + QStringLiteral(" × ") + c.fault;
        if (!c.notApplicable.isEmpty()) {
            rows.append(QStringLiteral("| %1 | %2 | n/a | | | %3 | |")
                            .arg(c.phase, c.fault, tableText(c.notApplicable)));
            continue;
        }
        ++run;
        // A fresh database per cell.
        QVERIFY(Database::initialize(m_dir.filePath(QStringLiteral("m%1.sqlite").arg(run))).ok());
        QVERIFY(SettingsStore::ensureSchema().ok());
        QVERIFY(SqlMailStore::ensureSchema().ok());

        test::FakeSmtpServer server;
        QVERIFY(server.start());
        server.setTlsIdentity(m_certs->serverCertificate, m_certs->serverKey);
        quint16 port = server.port();
        if (c.refusedPort) {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost));
            port = probe.serverPort();
            probe.close(); // nothing listens there now
        }
        // (The TLS cells never start TLS on the server side: it closes, stays silent or talks plain SMTP.)
        server.setScript(c.script);

        MailSettings settings;
        settings.host = QStringLiteral("127.0.0.1");
        settings.port = port;
        settings.encryption = c.encryption;
        settings.caFile = m_certs->caCertPath;
        settings.auth = c.auth ? AuthMethod::Plain : AuthMethod::None;
        settings.username = c.auth ? QStringLiteral("ops@example.com") : QString();
        settings.allowAuthWithoutTls = c.auth;
        settings.heloName = QStringLiteral("client.test");
        settings.defaultSender = {QStringLiteral("office@example.com"), QStringLiteral("Office")};
        settings.timeouts = PhaseTimeouts::uniform(5);
        settings.queue.maxAttempts = 3;
        settings.queue.maxMessageBytes = 64 * 1024 * 1024;
        QVERIFY(SettingsStore::save(settings).ok());
        if (c.auth)
            QVERIFY(SecretStore::writePassword(kPassword).ok());

        ManualClock clock(kStart);
        SqlMailStore store(settings, &clock);
        NewMessage m;
        m.content.to = {MailAddress{{}, QStringLiteral("rcpt@example.org")}};
        m.content.subject = QStringLiteral("fault matrix: %1").arg(name);
        m.content.text = QStringLiteral("One message per cell.");
        if (c.bigMessage) // larger than the loopback socket buffers, so a server that stops reading stalls it
            m.content.attachments.append({QStringLiteral("big.bin"), QByteArray("application/octet-stream"),
                                          QByteArray(24 * 1024 * 1024, 'z')});
        const auto id = store.enqueue(m);
        QVERIFY2(id.ok(), qPrintable(id.ok() ? QString() : id.error().message));

        QueueWorker::Options options;
        options.drain = true;
        options.clock = &clock;
        options.random = [] {
            return 0.5;
        };
        options.watchdogUnitMs =
            100; // a budget of 5 "seconds" is 500 ms, ample for loopback on a busy machine
        QueueWorker worker(options);
        QSignalSpy stopped(&worker, &QueueWorker::stopped);
        QVERIFY2(worker.start().ok(), qPrintable(name));
        QVERIFY2(stopped.wait(30000), qPrintable(name + QStringLiteral(": the worker did not finish")));
        if (c.auth)
            QVERIFY(SecretStore::erasePassword().ok());

        const MessageDetail d = store.detail(id.value()).value();
        const MessageStatus status = d.summary.status;
        const bool retried = status == MessageStatus::Queued || status == MessageStatus::Deferred;
        QString errorText = d.summary.lastError;
        QString hintText;
        if (d.lastError)
            hintText = diagnose(*d.lastError, settings.toSmtpConfig({}), QStringLiteral("system")).text();
        // Ports are picked at run time; the table shows them as PORT so it is the same every run.
        const QString portText = QString::number(port);
        errorText.replace(portText, QStringLiteral("PORT"));
        hintText.replace(portText, QStringLiteral("PORT"));
        QVERIFY2(!errorText.contains(kPassword) && !hintText.contains(kPassword), qPrintable(name));

        rows.append(QStringLiteral("| %1 | %2 | %3 | %4 | %5 | %6 | %7 |")
                        .arg(c.phase, c.fault, toString(status),
                             retried ? QStringLiteral("yes") : QStringLiteral("no"))
                        .arg(d.summary.attempts)
                        .arg(tableText(errorText), tableText(hintText)));

        // The promises.
        auto promise = [&](bool kept, const QString& what) {
            if (!kept)
                broken.append(QStringLiteral("%1: %2 (status %3, error \"%4\")")
                                  .arg(name, what, toString(status), errorText));
        };
        promise(status != MessageStatus::Sending, QStringLiteral("the row was left in sending"));
        promise(status != MessageStatus::Sent || c.serverAccepted,
                QStringLiteral("sent without a 250 after the final dot"));
        promise(
            !c.serverAccepted || status == MessageStatus::Sent,
            QStringLiteral("the server accepted the message (250 after the dot) but the row is not sent"));
        promise(status == MessageStatus::Sent || !errorText.isEmpty(),
                QStringLiteral("not sent and no error on the row"));
        if (c.outcomeUnknown) {
            promise(!retried,
                    QStringLiteral(
                        "the outcome after the final dot is unknown, yet it is retried automatically"));
            promise(status != MessageStatus::Failed && status != MessageStatus::Sent,
                    QStringLiteral(
                        "an unknown outcome after the final dot must be interrupted, not sent or failed"));
        }
    }

    QString doc;
    doc += QStringLiteral(
        "# Fault matrix\n\n"
        "Generated by `test_fault_matrix` (tests/unit/faults); do not edit by hand. "
        "`scripts/update-fault-matrix.sh` regenerates it, and the CTest entry "
        "`fault_matrix_doc` fails while this file differs from what the test run produced.\n\n"
        "Each row is one message sent by the real queue worker (`worker --drain`) to the scripted "
        "fake SMTP server, which misbehaves once at the given phase: **close** drops the "
        "connection, **stall** goes silent (or, for the body, stops reading), **4xx** and "
        "**5xx** answer with a temporary or permanent refusal, **garbage** answers with a line "
        "that is not SMTP. Every phase budget is 5 s (scaled down in the test). "
        "*Retried* means the worker will try the message again by itself; *attempts* counts "
        "the tries charged to it (a connection that fails before the message is tried "
        "charges none). The hint is what the window and `outbound-cli` show next to the error.\n\n"
        "| phase | fault | status | retried | attempts | error | hint |\n"
        "|---|---|---|---|---|---|---|\n");
    doc += rows.join(u'\n') + u'\n';

    QString out = qEnvironmentVariable("OUTBOUND_FAULT_MATRIX_OUT");
    if (out.isEmpty())
        out = QStringLiteral(OUTBOUND_FAULT_MATRIX_DEFAULT_OUT);
    QFile file(out);
    QVERIFY2(file.open(QIODevice::WriteOnly | QIODevice::Truncate), qPrintable(out));
    file.write(doc.toUtf8());
    file.close();
    qInfo("%d cells run, table written to %s", run, qPrintable(out));

    QVERIFY2(broken.isEmpty(), qPrintable(QStringLiteral("promises broken:\n") + broken.join(u'\n')));
}

QTEST_GUILESS_MAIN(TestFaultMatrix)
#include "test_fault_matrix.moc"
