// Writes built sample messages (NAME.eml) and manifest.json (what each message should decode
// to) into a folder, for parse_back.py and for transport tests that need real messages.
// dots.eml has body lines starting with "." (the very first body line too) for dot-stuffing tests.
//
// usage: mime_sample OUTPUT_DIR

#include "mime/MimeBuilder.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTextStream>
#include <QTimeZone>

using namespace outbound;

namespace {

struct Sample
{
    QString name;
    MailContent content;
    QStringList textContains; // for generated text alternatives
    QJsonObject extra;        // expectations beyond the content itself
};

MailAddress address(const QString& name, const QString& email)
{
    return MailAddress{name, email};
}

QJsonObject toJson(const MailAddress& a, const QString& headerAddress = {})
{
    return QJsonObject{{QStringLiteral("name"), a.name},
                       {QStringLiteral("addr"), headerAddress.isEmpty() ? a.email : headerAddress}};
}

QByteArray binaryBytes(int size, int seed)
{
    QByteArray data(size, Qt::Uninitialized);
    quint32 state = quint32(seed) * 2654435761u + 1;
    for (int i = 0; i < size; ++i) {
        state = state * 1103515245u + 12345u;
        data[i] = char(state >> 16);
    }
    return data;
}

QDateTime fixedDate()
{
    return QDateTime(QDate(2026, 3, 3), QTime(9, 30, 5), QTimeZone(3600));
}

// Random text from a pool that mixes ASCII, specials, umlauts, CJK, emoji (surrogate pairs),
// a combining accent and a ZWJ sequence. Seeded, so every run writes the same messages.
QString randomText(QRandomGenerator& random, int minLength, int maxLength, bool allowSpaces)
{
    static const QStringList pool = {
        QStringLiteral("a"),           QStringLiteral("Z"),  QStringLiteral("7"), QStringLiteral("."),
        QStringLiteral(","),           QStringLiteral("\""), QStringLiteral("("), QStringLiteral(")"),
        QStringLiteral(":"),           QStringLiteral(";"),  QStringLiteral("<"), QStringLiteral(">"),
        QStringLiteral("@"),           QStringLiteral("\\"), QStringLiteral("="), QStringLiteral("?"),
        QStringLiteral("_"),           QStringLiteral("%"),  QStringLiteral("'"), QStringLiteral("ä"),
        QStringLiteral("ß"),           QStringLiteral("é"),  QStringLiteral("€"), QStringLiteral("发"),
        QStringLiteral("票"),          QStringLiteral("😀"),  QStringLiteral("🚀"), QStringLiteral("e\u0301"),
        QStringLiteral("👩‍💻"), QStringLiteral("x"),  QStringLiteral("Q"), QStringLiteral("-"),
    };
    const int length = minLength + int(random.bounded(maxLength - minLength + 1));
    QString text;
    for (int i = 0; i < length; ++i) {
        if (allowSpaces && i > 0 && i + 1 < length && random.bounded(5) == 0 && !text.endsWith(u' '))
            text += u' ';
        else
            text += pool[random.bounded(int(pool.size()))];
    }
    return text;
}

void appendRandomSamples(QList<Sample>& list)
{
    QRandomGenerator random(20261124);
    for (int n = 0; n < 30; ++n) {
        Sample s{QStringLiteral("random_%1").arg(n, 2, 10, QLatin1Char('0')), {}, {}, {}};
        // Display names stay short: longer ones need several encoded words, which Python's
        // phrase parser joins with a space (it keeps whitespace between encoded words).
        s.content.from =
            address(randomText(random, 1, 8, true), QStringLiteral("sender%1@msp.example").arg(n));
        s.content.to = {
            address(randomText(random, 1, 8, true), QStringLiteral("to%1@customer.example").arg(n))};
        s.content.subject = randomText(random, 0, 160, true);
        QString text;
        const int lines = int(random.bounded(12));
        for (int i = 0; i < lines; ++i)
            text += randomText(random, 0, random.bounded(10) == 0 ? 1500 : 60, true) + u'\n';
        s.content.text = text;
        if (random.bounded(2) == 0)
            s.content.html = QStringLiteral("<p>") + randomText(random, 1, 400, true).toHtmlEscaped() +
                             QStringLiteral("</p>");
        const int attachments = int(random.bounded(3));
        for (int i = 0; i < attachments; ++i)
            s.content.attachments.append({randomText(random, 1, 60, true) + QStringLiteral(".bin"),
                                          {},
                                          binaryBytes(int(random.bounded(3000)), n * 10 + i)});
        list.append(s);
    }
}

QList<Sample> samples()
{
    QList<Sample> list;
    const MailAddress sender = address(QStringLiteral("Billing"), QStringLiteral("billing@msp.example"));

    {
        Sample s{QStringLiteral("plain_ascii"), {}, {}, {}};
        s.content.from = sender;
        s.content.to = {address({}, QStringLiteral("client@customer.example"))};
        s.content.subject = QStringLiteral("Your ticket #1042 was updated");
        s.content.text = QStringLiteral("Hello,\n\nthe ticket was updated.\n\nRegards\nThe help desk\n");
        s.content.date = fixedDate();
        list.append(s);
    }
    {
        Sample s{QStringLiteral("german"), {}, {}, {}};
        s.content.from = address(QStringLiteral("Jürgen Müller"), QStringLiteral("juergen@msp.example"));
        s.content.to = {address(QStringLiteral("Zoë Straßberger"), QStringLiteral("zoe@kunde.example")),
                        address(QStringLiteral("Buchhaltung"), QStringLiteral("buchhaltung@kunde.example"))};
        s.content.subject = QStringLiteral("Rechnung für März – Ihre Bestellung Nr. 4711 über 1.234,56 € ist "
                                           "fällig, bitte überweisen Sie bis Ende des Monats");
        s.content.text = QStringLiteral("Sehr geehrte Frau Straßberger,\n\nanbei Ihre Rechnung für März.\n"
                                        "Grüße aus Köln\n");
        s.content.html = QStringLiteral("<p>Sehr geehrte Frau Straßberger,</p><p>anbei Ihre <b>Rechnung</b> "
                                        "für März.</p><p>Grüße aus Köln</p>");
        s.content.attachments = {{QStringLiteral("Rechnung März 2026.pdf"), {}, binaryBytes(5000, 1)}};
        list.append(s);
    }
    {
        Sample s{QStringLiteral("chinese"), {}, {}, {}};
        s.content.from = address(QStringLiteral("王小明"), QStringLiteral("wang@msp.example"));
        s.content.to = {address(QStringLiteral("李华"), QStringLiteral("li@customer.example"))};
        s.content.subject = QStringLiteral(
            "您的发票已准备好，请在附件中查看详细信息和付款说明，如有问题请随时联系我们的客服团队");
        s.content.text = QStringLiteral("您好，\n\n附件是您本月的发票。请在月底前付款。\n\n谢谢！\n");
        s.content.attachments = {
            {QStringLiteral("发票-2026年3月-非常长的文件名用于测试续行参数的编码是否正确-第二部分.pdf"),
             {},
             binaryBytes(3000, 2)},
            {QStringLiteral("明细.xlsx"), {}, binaryBytes(700, 3)}};
        list.append(s);
    }
    {
        Sample s{QStringLiteral("emoji"), {}, {}, {}};
        s.content.from = address(QStringLiteral("Ops 🤖 Bot"), QStringLiteral("ops@msp.example"));
        s.content.to = {address(QStringLiteral("Dev Team 🚀"), QStringLiteral("dev@customer.example"))};
        s.content.subject =
            QStringLiteral("Build ✅ passed 🎉🎉 — deploy 🚀 ready for 👩‍💻 review");
        s.content.html = QStringLiteral(
            "<html><head><title>x</title><style>p{color:red}</style></head><body><h1>Build passed 🎉</h1>"
            "<p>All <b>42</b> checks are green &amp; the release is ready.</p><ul><li>Unit tests</li>"
            "<li>Integration tests</li></ul><p>Details: <a href=\"https://ci.example/run/7\">run 7</a></p>"
            "<script>alert('no')</script></body></html>");
        s.textContains = {QStringLiteral("Build passed 🎉"), QStringLiteral("checks are green & the release"),
                          QStringLiteral("- Unit tests"), QStringLiteral("run 7 (https://ci.example/run/7)")};
        s.content.attachments = {
            {QStringLiteral("report 📊.csv"), {}, QStringLiteral("name;status\r\nbuild;✅\r\n").toUtf8()}};
        list.append(s);
    }
    {
        Sample s{QStringLiteral("calendar"), {}, {}, {}};
        s.content.from = sender;
        s.content.to = {address(QStringLiteral("Client"), QStringLiteral("client@customer.example"))};
        s.content.subject = QStringLiteral("Invitation: server maintenance window");
        s.content.text = QStringLiteral("You are invited to the maintenance window on Saturday.\n");
        s.content.html =
            QStringLiteral("<p>You are invited to the <b>maintenance window</b> on Saturday.</p>");
        s.content.icalendar = QByteArrayLiteral(
            "BEGIN:VCALENDAR\nPRODID:-//Outbound//Samples//EN\nVERSION:2.0\nMETHOD:REQUEST\nBEGIN:VEVENT\n"
            "UID:maint-2026-03-07@msp.example\nDTSTAMP:20260303T093000Z\nDTSTART:20260307T080000Z\n"
            "DTEND:20260307T100000Z\nSUMMARY:Server maintenance\n"
            "ORGANIZER;CN=Billing:mailto:billing@msp.example\n"
            "ATTENDEE;RSVP=TRUE:mailto:client@customer.example\nEND:VEVENT\nEND:VCALENDAR\n");
        s.content.icalendarMethod = QStringLiteral("REQUEST");
        s.extra.insert(QStringLiteral("calendar_method"), QStringLiteral("REQUEST"));
        list.append(s);
    }
    {
        Sample s{QStringLiteral("long_lines"), {}, {}, {}};
        s.content.from = sender;
        s.content.to = {address({}, QStringLiteral("client@customer.example"))};
        s.content.subject =
            QStringLiteral("A_subject_with_one_very_long_word_that_cannot_be_folded_at_any_space_"
                           "so_it_has_to_be_encoded_into_several_words_instead");
        QString longLine;
        for (int i = 0; i < 600; ++i)
            longLine += QStringLiteral("word%1 ").arg(i);
        s.content.text = QStringLiteral("Short first line.\n") + longLine + QStringLiteral("\nend\n");
        s.content.html = QStringLiteral("<p>") + longLine + QStringLiteral("</p>");
        QByteArray asciiText;
        for (int i = 0; i < 50; ++i)
            asciiText += "line " + QByteArray::number(i) + "\r\n";
        QByteArray allBytes;
        for (int i = 0; i < 256; ++i)
            allBytes += char(i);
        s.content.attachments = {{QStringLiteral("notes.txt"), {}, asciiText},
                                 {QStringLiteral("all-bytes.bin"), {}, allBytes + allBytes},
                                 {QStringLiteral("unix.txt"), {}, QByteArrayLiteral("lf only\nsecond\n")},
                                 {QStringLiteral("no-newline.txt"), {}, QByteArrayLiteral("no final break")}};
        list.append(s);
    }
    {
        Sample s{QStringLiteral("dots"), {}, {}, {}};
        s.content.from = sender;
        s.content.to = {address({}, QStringLiteral("client@customer.example"))};
        s.content.subject = QStringLiteral("Lines starting with dots");
        s.content.text =
            QStringLiteral(".first line starts with a dot\n.\n..\nmiddle\n. dot space\n...three\n.");
        s.extra.insert(QStringLiteral("first_body_line"), QStringLiteral(".first line starts with a dot"));
        list.append(s);
    }
    {
        Sample s{QStringLiteral("specials"), {}, {}, {}};
        s.content.from = address(QStringLiteral("Doe, John (IT)"), QStringLiteral("john@msp.example"));
        s.content.to = {
            address(QStringLiteral("The \"Boss\" \\ Chief"), QStringLiteral("boss@customer.example")),
            address(QStringLiteral("Bücher Info"), QStringLiteral("info@bücher.example"))};
        s.content.cc = {address(QStringLiteral("Accounts"), QStringLiteral("accounts@customer.example"))};
        s.content.bcc = {address(QStringLiteral("Hidden Archive"), QStringLiteral("archive@msp.example"))};
        s.content.replyTo = address(QStringLiteral("Help Desk"), QStringLiteral("help@msp.example"));
        s.content.subject = QStringLiteral("Literal =?UTF-8?Q?not_encoded?= text and a tab\there");
        s.content.text = QStringLiteral("Body with =?UTF-8?Q?x?= and =3D and trailing space \nend");
        s.extra.insert(QStringLiteral("to_addrs"), QJsonArray{QStringLiteral("boss@customer.example"),
                                                              QStringLiteral("info@xn--bcher-kva.example")});
        s.extra.insert(QStringLiteral("absent"),
                       QJsonArray{QStringLiteral("archive@msp.example"), QStringLiteral("Hidden Archive")});
        list.append(s);
    }
    {
        Sample s{QStringLiteral("smtputf8"), {}, {}, {}};
        s.content.from = sender;
        s.content.to = {address(QStringLiteral("Δοκιμή"), QStringLiteral("δοκιμή@παράδειγμα.example"))};
        s.content.subject = QStringLiteral("Γεια σου κόσμε");
        s.content.text = QStringLiteral("Καλημέρα\n");
        s.extra.insert(QStringLiteral("smtputf8"), true);
        list.append(s);
    }
    appendRandomSamples(list);
    return list;
}

QJsonArray addressesJson(const QList<MailAddress>& list, const QJsonArray& headerAddresses = {})
{
    QJsonArray out;
    for (qsizetype i = 0; i < list.size(); ++i)
        out.append(toJson(list[i], i < headerAddresses.size() ? headerAddresses[i].toString() : QString()));
    return out;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 2) {
        QTextStream(stderr) << "usage: mime_sample OUTPUT_DIR\n";
        return 2;
    }
    const QDir dir(args[1]);
    if (!dir.mkpath(QStringLiteral("."))) {
        QTextStream(stderr) << "cannot create " << args[1] << '\n';
        return 1;
    }
    QJsonArray manifest;
    for (const Sample& sample : samples()) {
        const auto built = buildMessage(sample.content);
        if (!built) {
            QTextStream(stderr) << sample.name << ": " << built.error().message << '\n';
            return 1;
        }
        QFile file(dir.filePath(sample.name + QStringLiteral(".eml")));
        if (!file.open(QIODevice::WriteOnly) || file.write(built->data) != built->data.size()) {
            QTextStream(stderr) << "cannot write " << file.fileName() << '\n';
            return 1;
        }
        const MailContent& c = sample.content;
        QJsonObject entry = sample.extra;
        entry.insert(QStringLiteral("file"), sample.name + QStringLiteral(".eml"));
        entry.insert(QStringLiteral("subject"), c.subject);
        entry.insert(QStringLiteral("from"), toJson(c.from));
        entry.insert(QStringLiteral("to"),
                     addressesJson(c.to, sample.extra.value(QStringLiteral("to_addrs")).toArray()));
        entry.insert(QStringLiteral("cc"), addressesJson(c.cc));
        entry.insert(QStringLiteral("text"), c.text);
        entry.insert(QStringLiteral("html"), c.html);
        entry.insert(QStringLiteral("text_contains"), QJsonArray::fromStringList(sample.textContains));
        entry.insert(QStringLiteral("calendar"), !c.icalendar.isEmpty());
        entry.insert(QStringLiteral("message_id"), QString::fromLatin1(built->messageId));
        entry.insert(QStringLiteral("needs_smtputf8"), built->needsSmtpUtf8);
        QJsonArray attachments;
        for (const MailAttachment& a : c.attachments) {
            attachments.append(QJsonObject{{QStringLiteral("name"), a.fileName},
                                           {QStringLiteral("data"), QString::fromLatin1(a.data.toBase64())}});
        }
        entry.insert(QStringLiteral("attachments"), attachments);
        manifest.append(entry);
    }
    QFile manifestFile(dir.filePath(QStringLiteral("manifest.json")));
    if (!manifestFile.open(QIODevice::WriteOnly) ||
        manifestFile.write(QJsonDocument(manifest).toJson()) < 0) {
        QTextStream(stderr) << "cannot write manifest.json\n";
        return 1;
    }
    QTextStream(stdout) << "wrote " << manifest.size() << " messages to " << dir.absolutePath() << '\n';
    return 0;
}
