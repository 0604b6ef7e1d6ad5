// Sends COUNT messages of about SIZE bytes through ONE SmtpSession and reports how long it took.
// Used by bench/engine/run.sh (against Postfix smtp-sink) and by the engine integration test.
//
//   engine_bench --host 127.0.0.1 --port PORT [--count 20000] [--size 2000] [--json]

#include "smtp/SmtpSession.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTextStream>
#include <cstdio>

using namespace outbound;

namespace {

QByteArray makeMessage(int size)
{
    QByteArray data = "From: Bench <bench@example.org>\r\n"
                      "To: <sink@example.org>\r\n"
                      "Subject: engine benchmark\r\n"
                      "Message-ID: <bench@example.org>\r\n"
                      "MIME-Version: 1.0\r\n"
                      "Content-Type: text/plain; charset=us-ascii\r\n"
                      "\r\n";
    int line = 0;
    while (data.size() < size) {
        QByteArray text = QByteArray::number(line++) + ' ';
        text += QByteArray(
            qMax(1, qMin<int>(76, size - static_cast<int>(data.size()) - 2) - static_cast<int>(text.size())),
            'x');
        data += text + "\r\n";
    }
    return data;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QString host = QStringLiteral("127.0.0.1");
    int port = 0;
    int count = 20000;
    int size = 2000;
    bool json = false;
    bool across = false;
    const QStringList args = app.arguments();
    for (qsizetype i = 1; i < args.size(); ++i) {
        const QString& a = args.at(i);
        const QString next = i + 1 < args.size() ? args.at(i + 1) : QString();
        if (a == u"--host")
            host = next, ++i;
        else if (a == u"--port")
            port = next.toInt(), ++i;
        else if (a == u"--count")
            count = next.toInt(), ++i;
        else if (a == u"--size")
            size = next.toInt(), ++i;
        else if (a == u"--json")
            json = true;
        else if (a == u"--pipeline-across-messages")
            across = true; // smtp.pipeline_across_messages: next envelope behind the final dot
    }
    QTextStream out(stdout);
    if (port <= 0 || count <= 0 || size <= 0) {
        QTextStream(stderr) << "usage: engine_bench --host H --port P [--count N] [--size BYTES] [--json] "
                               "[--pipeline-across-messages]\n";
        return 2;
    }

    SmtpConfig config;
    config.host = host;
    config.port = static_cast<quint16>(port);
    config.encryption = Encryption::None;
    config.auth = AuthMethod::None;
    config.heloName = QStringLiteral("bench.example.org");
    config.pipelineAcrossMessages = across;

    const QByteArray data = makeMessage(size);
    int accepted = 0;
    int refused = 0;
    QString failure;
    QElapsedTimer clock;

    SmtpSession session(config);
    QObject::connect(&session, &SmtpSession::messageDone, &session, [&](const SendOutcome& o) {
        if (o.accepted)
            ++accepted;
        else
            ++refused;
    });
    QObject::connect(&session, &SmtpSession::failed, &session, [&](const SmtpError& e) {
        failure = e.summary();
        QCoreApplication::quit();
    });
    QObject::connect(&session, &SmtpSession::closed, &session, [] { QCoreApplication::quit(); });

    clock.start();
    session.open();
    OutgoingMessage message;
    message.mailFrom = "bench@example.org";
    message.recipients = {"sink@example.org"};
    message.data = data; // shared, not copied
    for (int i = 0; i < count; ++i) {
        message.id = i;
        session.send(message);
    }
    session.close();
    app.exec();
    const qint64 elapsed = clock.elapsed();

    if (json) {
        out << QStringLiteral("{\"sent\": %1, \"refused\": %2, \"elapsed_ms\": %3, \"message_bytes\": %4, "
                              "\"error\": %5}\n")
                   .arg(accepted)
                   .arg(refused)
                   .arg(elapsed)
                   .arg(data.size())
                   .arg(failure.isEmpty() ? QStringLiteral("null")
                                          : u'"' + QString(failure).replace(u'"', u'\'') + u'"');
    } else {
        out << QStringLiteral("engine: %1 accepted, %2 refused, %3 ms, %4 bytes each%5\n")
                   .arg(accepted)
                   .arg(refused)
                   .arg(elapsed)
                   .arg(data.size())
                   .arg(failure.isEmpty() ? QString() : QStringLiteral(", failed: ") + failure);
    }
    return failure.isEmpty() && accepted == count ? 0 : 1;
}
