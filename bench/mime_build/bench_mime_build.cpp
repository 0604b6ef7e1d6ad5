// Times buildMessage() for a text + HTML message with one binary attachment of growing size, and
// prints Python's email package (reference.py) building the same message beside it.

#include "mime/MimeBuilder.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QTextStream>

using namespace outbound;

namespace {

MailContent sampleContent(qsizetype attachmentSize)
{
    MailContent c;
    c.from = {QStringLiteral("Billing"), QStringLiteral("billing@msp.example")};
    c.to = {{QStringLiteral("Zoë Straßberger"), QStringLiteral("zoe@kunde.example")}};
    c.subject = QStringLiteral("Rechnung für März – Ihre Bestellung Nr. 4711");
    c.text = QStringLiteral("Sehr geehrte Frau Straßberger,\n\nanbei Ihre Rechnung.\n");
    c.html = QStringLiteral("<p>Sehr geehrte Frau Straßberger,</p><p>anbei Ihre Rechnung.</p>");
    QByteArray payload(attachmentSize, Qt::Uninitialized);
    for (qsizetype i = 0; i < attachmentSize; ++i)
        payload[i] = char((i * 7919 + 13) & 0xff);
    c.attachments = {{QStringLiteral("Rechnung März.pdf"), {}, payload}};
    return c;
}

QString pythonReference(qsizetype size, int repeat)
{
    QProcess python;
    python.start(QStringLiteral(OUTBOUND_SYSTEM_PYTHON),
                 {QStringLiteral(OUTBOUND_MIME_REFERENCE), QString::number(size), QString::number(repeat)});
    if (!python.waitForFinished(600000) || python.exitCode() != 0) // a command-line tool, not the engine
        return QStringLiteral("n/a");
    const QStringList fields = QString::fromLatin1(python.readAllStandardOutput()).split(u' ');
    return fields.isEmpty() ? QStringLiteral("n/a") : fields.first().trimmed();
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    out << "attachment   outbound ms/msg   python email ms/msg   message bytes\n";
    for (const qsizetype size : {qsizetype(10'000), qsizetype(1'000'000), qsizetype(10'000'000)}) {
        const int repeat = size >= 10'000'000 ? 3 : (size >= 1'000'000 ? 10 : 500);
        const MailContent content = sampleContent(size);
        QElapsedTimer timer;
        timer.start();
        qsizetype bytes = 0;
        for (int i = 0; i < repeat; ++i) {
            const auto built = buildMessage(content);
            if (!built) {
                out << "build failed: " << built.error().message << '\n';
                return 1;
            }
            bytes = built->data.size();
        }
        const double perMessage = double(timer.nsecsElapsed()) / 1e6 / repeat;
        out << qSetFieldWidth(10) << Qt::right << size << qSetFieldWidth(0) << "   " << qSetFieldWidth(15)
            << QString::number(perMessage, 'f', 2) << qSetFieldWidth(0) << "   " << qSetFieldWidth(19)
            << pythonReference(size, repeat) << qSetFieldWidth(0) << "   " << qSetFieldWidth(13) << bytes
            << qSetFieldWidth(0) << '\n';
        out.flush();
    }
    return 0;
}
