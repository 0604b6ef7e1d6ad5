// The MIME builder, header encoding, address parsing and htmlToPlainText.
// An independent parse-back with Python's email package lives in parse_back.py.

#include "itflow/ItflowMessage.h"
#include "mime/HeaderEncoding.h"
#include "mime/MailAddress.h"
#include "mime/MimeBuilder.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>
#include <QStringDecoder>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace outbound;
using namespace outbound::mime;

namespace {

const QRegularExpression kEncodedWord(QStringLiteral(R"(=\?UTF-8\?([BQ])\?([^?\s]*)\?=)"));

MailContent basicContent()
{
    MailContent c;
    c.from = {QStringLiteral("Billing"), QStringLiteral("billing@msp.example")};
    c.to = {{QStringLiteral("Client"), QStringLiteral("client@customer.example")}};
    c.subject = QStringLiteral("Hello");
    c.text = QStringLiteral("Hello there.\n");
    c.date = QDateTime(QDate(2026, 3, 3), QTime(9, 30, 5), QTimeZone(3600));
    return c;
}

BuiltMessage build(const MailContent& content)
{
    auto result = buildMessage(content);
    if (!result) {
        qWarning("buildMessage failed: %s", qPrintable(result.error().message));
        return {};
    }
    return result.value();
}

QByteArray headerBlock(const QByteArray& message)
{
    return message.left(message.indexOf("\r\n\r\n"));
}

// The unfolded value of the first header field `name` in a header block.
QByteArray headerValue(const QByteArray& headers, const QByteArray& name)
{
    const QByteArray unfolded = QByteArray(headers).replace("\r\n ", " ").replace("\r\n\t", "\t");
    for (const QByteArray& line : unfolded.split('\n')) {
        const QByteArray trimmed = line.endsWith('\r') ? line.chopped(1) : line;
        if (trimmed.toLower().startsWith(name.toLower() + ':'))
            return trimmed.mid(name.size() + 1).trimmed();
    }
    return {};
}

// The folded text of a header field, from its name up to the next field.
QByteArray foldedField(const QByteArray& headers, const QByteArray& name)
{
    const qsizetype start = headers.indexOf(name + ':');
    if (start < 0)
        return {};
    qsizetype end = start;
    while (true) {
        end = headers.indexOf("\r\n", end);
        if (end < 0 || end + 2 >= headers.size() || (headers[end + 2] != ' ' && headers[end + 2] != '\t'))
            break;
        end += 2;
    }
    return end < 0 ? headers.mid(start) : headers.mid(start, end - start);
}

QList<QByteArray> lines(const QByteArray& data)
{
    return data.split('\n');
}

// Checks the wire rules on a whole message: CRLF only, lines <= 998 bytes.
void verifyWireRules(const QByteArray& data)
{
    QVERIFY(data.endsWith("\r\n"));
    const QByteArray withoutCrlf = QByteArray(data).replace("\r\n", "");
    QVERIFY2(!withoutCrlf.contains('\r'), "bare CR");
    QVERIFY2(!withoutCrlf.contains('\n'), "bare LF");
    for (const QByteArray& line : data.split('\n'))
        QVERIFY2(line.size() <= 999, qPrintable(QStringLiteral("line of %1 bytes").arg(line.size())));
}

QByteArray decodeQuotedPrintable(const QByteArray& encoded)
{
    QByteArray out;
    for (qsizetype i = 0; i < encoded.size(); ++i) {
        if (encoded[i] != '=') {
            out += encoded[i];
        } else if (encoded.mid(i + 1, 2) == "\r\n") {
            i += 2; // soft line break
        } else {
            out += char(encoded.mid(i + 1, 2).toInt(nullptr, 16));
            i += 2;
        }
    }
    return out;
}

QString decodeRfc2231(const QByteArray& contentDisposition, const QByteArray& param)
{
    // Collect param*=..., or param*0*=, param*1*=... in order, then percent-decode.
    const QByteArray value = QByteArray(contentDisposition).replace("\r\n ", " ");
    QByteArray joined;
    const QRegularExpression single(
        QStringLiteral("%1\\*=UTF-8''([^;\\s]+)").arg(QString::fromLatin1(param)));
    const auto singleMatch = single.match(QString::fromLatin1(value));
    if (singleMatch.hasMatch()) {
        joined = singleMatch.captured(1).toLatin1();
    } else {
        for (int section = 0;; ++section) {
            const QRegularExpression part(QStringLiteral("%1\\*%2\\*=(?:UTF-8'')?([^;\\s]+)")
                                              .arg(QString::fromLatin1(param))
                                              .arg(section));
            const auto match = part.match(QString::fromLatin1(value));
            if (!match.hasMatch() || section > 50)
                break;
            joined += match.captured(1).toLatin1();
        }
    }
    return QString::fromUtf8(QByteArray::fromPercentEncoding(joined));
}

} // namespace

class TestMime : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void encodedWords_data();
    void encodedWords();
    void encodedWordChoosesShorterEncoding();
    void plainAsciiSubjectStaysReadable();
    void addressHeaderFoldsAndDecodes();
    void displayNames_data();
    void displayNames();
    void randomHeadersRoundTrip();
    void idnDomainIsPunycode();
    void nonAsciiLocalPartNeedsSmtpUtf8();
    void headerInjectionRefused_data();
    void headerInjectionRefused();
    void otherRefusals_data();
    void otherRefusals();
    void structureTextOnly();
    void structureHtmlAlternative();
    void structureAttachmentsAndCalendar();
    void bccNeverInHeaders();
    void envelopeRecipientsDeduplicated();
    void transferEncodingChoice_data();
    void transferEncodingChoice();
    void attachmentEncodingChoice_data();
    void attachmentEncodingChoice();
    void quotedPrintableRoundTrip_data();
    void quotedPrintableRoundTrip();
    void base64LinesOf76_data();
    void base64LinesOf76();
    void longLinesStayWithin998();
    void fileNamesRfc2231_data();
    void fileNamesRfc2231();
    void contentTypeGuess_data();
    void contentTypeGuess();
    void messageIds();
    void givenMessageIdKept();
    void dateFormat();
    void boundaryNotInContent();
    void addressParsing_data();
    void addressParsing();
    void addressLists_data();
    void addressLists();
    void htmlToPlainText_data();
    void htmlToPlainText();
    // ITFlow's queue rows (src/core/itflow/ItflowMessage)
    void itflowRowAsItflowSendsIt();
    void itflowRowWithoutCalendarOrAttachments();
    void itflowAttachmentRefused_data();
    void itflowAttachmentRefused();
    void itflowSizeLimitCountsAttachments();
};

void TestMime::encodedWords_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("german") << QStringLiteral(
        "Rechnung für März – Ihre Bestellung über 1.234,56 € ist fällig, "
        "bitte überweisen Sie bis Ende des Monats an die Bankverbindung");
    QTest::newRow("chinese") << QStringLiteral(
        "您的发票已准备好，请在附件中查看详细信息和付款说明，如有问题请随时联系我们");
    QTest::newRow("emoji") << QStringLiteral("Build ✅ passed 🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉 deploy 🚀 "
                                             "👩‍💻");
    QTest::newRow("emoji only") << QString(40, QChar(0)).replace(QChar(0), QStringLiteral("😀"));
    QTest::newRow("mixed start") << QStringLiteral("Über uns: die Firma");
    QTest::newRow("long ascii word") << QStringLiteral("x").repeated(300);
    QTest::newRow("looks encoded") << QStringLiteral("=?UTF-8?Q?fake?= stays literal");
    QTest::newRow("control char") << QStringLiteral("bell\x07here");
    QTest::newRow("spaces kept") << QStringLiteral("ä  two  spaces  ö");
    QTest::newRow("short") << QStringLiteral("ß");
}

void TestMime::encodedWords()
{
    QFETCH(QString, text);
    const QByteArray header = unstructuredHeader("Subject", text);
    for (const QByteArray& line : header.split('\n')) {
        const QByteArray clean = line.endsWith('\r') ? line.chopped(1) : line;
        QVERIFY2(clean.size() <= kSoftLineLimit, clean.constData());
    }
    QVERIFY(isAscii(header));
    for (auto it = kEncodedWord.globalMatch(QString::fromLatin1(header)); it.hasNext();) {
        const auto match = it.next();
        QVERIFY2(match.capturedLength() <= kMaxEncodedWordLength, qPrintable(match.captured()));
        // Each word decodes on its own: no UTF-8 sequence is split between words.
        const QByteArray payload = match.captured(2).toLatin1();
        const QByteArray bytes = match.captured(1) == u"B"
                                     ? QByteArray::fromBase64(payload)
                                     : decodeQuotedPrintable(QByteArray(payload).replace('_', ' '));
        QStringDecoder decoder(QStringDecoder::Utf8);
        const QString decoded = decoder(bytes);
        QVERIFY2(!decoder.hasError(), qPrintable(match.captured()));
    }
    const QByteArray value = header.mid(QByteArrayLiteral("Subject: ").size());
    QCOMPARE(decodeHeaderValue(value), text);
}

void TestMime::encodedWordChoosesShorterEncoding()
{
    // Mostly ASCII: Q is shorter. All CJK: B is shorter.
    QVERIFY(encodeWord(QStringLiteral("Rechnung für")).startsWith("=?UTF-8?Q?"));
    QVERIFY(encodeWord(QStringLiteral("Grüße")).startsWith("=?UTF-8?B?"));
    QVERIFY(encodeWord(QStringLiteral("发票发票")).startsWith("=?UTF-8?B?"));
    QCOMPARE(encodeWord(QStringLiteral("a b")), QByteArray("=?UTF-8?Q?a_b?="));
    QCOMPARE(decodeHeaderValue(encodeWord(QStringLiteral("a_b=c?d"))), QStringLiteral("a_b=c?d"));
}

void TestMime::plainAsciiSubjectStaysReadable()
{
    const QByteArray header = unstructuredHeader("Subject", QStringLiteral("Your ticket #1042 was updated"));
    QCOMPARE(header, QByteArray("Subject: Your ticket #1042 was updated"));
    QCOMPARE(unstructuredHeader("Subject", QString()), QByteArray("Subject:"));
    const QString longSubject = QStringLiteral("word ").repeated(40).trimmed();
    const QByteArray folded = unstructuredHeader("Subject", longSubject);
    QVERIFY(folded.contains("\r\n "));
    QVERIFY(!folded.contains("=?"));
    QCOMPARE(QString::fromLatin1(QByteArray(folded).replace("\r\n", "").mid(9)), longSubject);
}

void TestMime::addressHeaderFoldsAndDecodes()
{
    QList<MailAddress> list;
    for (int i = 0; i < 20; ++i)
        list.append(
            {QStringLiteral("Empfänger Nummer %1").arg(i), QStringLiteral("user%1@example.com").arg(i)});
    const QByteArray header = addressHeader("To", list);
    for (const QByteArray& line : header.split('\n'))
        QVERIFY2(line.size() <= kSoftLineLimit + 1, line.constData());
    const QString decoded = decodeHeaderValue(header.mid(4));
    for (int i = 0; i < 20; ++i)
        QVERIFY(decoded.contains(QStringLiteral("Empfänger Nummer %1 <user%1@example.com>").arg(i)));
}

void TestMime::displayNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("expected"); // the To value; empty: only check the round trip
    QTest::newRow("atoms") << QStringLiteral("John Doe") << QByteArray("John Doe <a@example.com>");
    QTest::newRow("comma") << QStringLiteral("Doe, John") << QByteArray("\"Doe, John\" <a@example.com>");
    QTest::newRow("dot") << QStringLiteral("John Q. Public")
                         << QByteArray("\"John Q. Public\" <a@example.com>");
    QTest::newRow("quotes and backslash") << QStringLiteral("The \"Boss\" \\ Chief")
                                          << QByteArray("\"The \\\"Boss\\\" \\\\ Chief\" <a@example.com>");
    QTest::newRow("german") << QStringLiteral("Jürgen Müller") << QByteArray();
    QTest::newRow("mixed") << QStringLiteral("Bücher Info")
                           << QByteArray("=?UTF-8?Q?B=C3=BCcher?= Info <a@example.com>");
    QTest::newRow("chinese") << QStringLiteral("王小明")
                             << QByteArray("=?UTF-8?B?546L5bCP5piO?= <a@example.com>");
    QTest::newRow("emoji") << QStringLiteral("Ops 🤖 Bot") << QByteArray();
    QTest::newRow("long non-ascii") << QStringLiteral(
                                           "Ein sehr langer Name für eine Abteilung mit Umlauten äöü und "
                                           "noch mehr Text")
                                    << QByteArray();
}

void TestMime::displayNames()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, expected);
    MailContent c = basicContent();
    c.to = {{name, QStringLiteral("a@example.com")}};
    const BuiltMessage built = build(c);
    QVERIFY(!built.data.isEmpty());
    const QByteArray headers = headerBlock(built.data);
    QVERIFY(isAscii(headers));
    const QByteArray to = headerValue(headers, "To");
    if (!expected.isEmpty())
        QCOMPARE(to, expected);
    const QString decoded = decodeHeaderValue(to);
    QVERIFY2(decoded.startsWith(name) || decoded.startsWith(u'"'), qPrintable(decoded));
    QVERIFY(decoded.endsWith(QStringLiteral(" <a@example.com>")));
    if (!decoded.startsWith(u'"'))
        QCOMPARE(decoded, name + QStringLiteral(" <a@example.com>"));
    for (auto it = kEncodedWord.globalMatch(QString::fromLatin1(headers)); it.hasNext();)
        QVERIFY(it.next().capturedLength() <= kMaxEncodedWordLength);
}

void TestMime::randomHeadersRoundTrip()
{
    // Long random names and subjects (parse_back.py covers short names with Python's parser).
    static const QStringList pool = {
        QStringLiteral("a"),           QStringLiteral("Z"),  QStringLiteral(" "), QStringLiteral(","),
        QStringLiteral("\""),          QStringLiteral("\\"), QStringLiteral("("), QStringLiteral("<"),
        QStringLiteral("="),           QStringLiteral("?"),  QStringLiteral("_"), QStringLiteral("ä"),
        QStringLiteral("ß"),           QStringLiteral("发"), QStringLiteral("😀"), QStringLiteral("e\u0301"),
        QStringLiteral("👩‍💻"), QStringLiteral("\t"), QStringLiteral("x")};
    QRandomGenerator random(4711);
    auto randomText = [&](int length) {
        QString text;
        for (int i = 0; i < length; ++i)
            text += pool[random.bounded(int(pool.size()))];
        return text.trimmed();
    };
    for (int round = 0; round < 300; ++round) {
        MailContent c = basicContent();
        c.to = {{randomText(int(random.bounded(80))), QStringLiteral("a@example.com")}};
        c.subject = randomText(int(random.bounded(300)));
        const BuiltMessage built = build(c);
        QVERIFY(!built.data.isEmpty());
        const QByteArray headers = headerBlock(built.data);
        QVERIFY(isAscii(headers));
        for (const QByteArray& line : headers.split('\n'))
            QVERIFY2(line.size() <= kSoftLineLimit + 1, line.constData());
        for (auto it = kEncodedWord.globalMatch(QString::fromLatin1(headers)); it.hasNext();)
            QVERIFY(it.next().capturedLength() <= kMaxEncodedWordLength);
        QCOMPARE(decodeHeaderValue(headerValue(headers, "Subject")), c.subject);
        const QString to = decodeHeaderValue(headerValue(headers, "To"));
        const QString name = c.to[0].name;
        if (name.isEmpty()) {
            QCOMPARE(to, QStringLiteral("a@example.com"));
        } else if (to.startsWith(u'"') && isAscii(name)) {
            QString quoted = name;
            quoted.replace(u'\\', QStringLiteral("\\\\")).replace(u'"', QStringLiteral("\\\""));
            QCOMPARE(to, u'"' + quoted + QStringLiteral("\" <a@example.com>"));
        } else {
            QCOMPARE(to, name + QStringLiteral(" <a@example.com>"));
        }
    }
}

void TestMime::idnDomainIsPunycode()
{
    MailContent c = basicContent();
    c.to = {{QString(), QStringLiteral("info@bücher.example")}};
    const BuiltMessage built = build(c);
    QCOMPARE(headerValue(headerBlock(built.data), "To"), QByteArray("info@xn--bcher-kva.example"));
    QCOMPARE(built.envelopeRecipients, QList<QByteArray>{"info@xn--bcher-kva.example"});
    QVERIFY(!built.needsSmtpUtf8);
    QVERIFY(!built.needs8BitMime);
}

void TestMime::nonAsciiLocalPartNeedsSmtpUtf8()
{
    MailContent c = basicContent();
    c.to = {{QStringLiteral("Δοκιμή"), QStringLiteral("δοκιμή@παράδειγμα.example")}};
    const BuiltMessage built = build(c);
    QVERIFY(built.needsSmtpUtf8);
    QCOMPARE(built.envelopeRecipients,
             QList<QByteArray>{QStringLiteral("δοκιμή@παράδειγμα.example").toUtf8()});
    QVERIFY(headerValue(headerBlock(built.data), "To")
                .endsWith(QStringLiteral("<δοκιμή@παράδειγμα.example>").toUtf8()));
    QVERIFY(!build(basicContent()).needsSmtpUtf8);
}

void TestMime::headerInjectionRefused_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("bad");
    QTest::addColumn<QString>("mentioned"); // a word the error must contain
    const QStringList breaks{QStringLiteral("\r\n"), QStringLiteral("\n"), QStringLiteral("\r")};
    const QStringList breakNames{QStringLiteral("CRLF"), QStringLiteral("LF"), QStringLiteral("CR")};
    const QList<std::pair<QString, QString>> fields{
        {QStringLiteral("subject"), QStringLiteral("subject")},
        {QStringLiteral("fromName"), QStringLiteral("From")},
        {QStringLiteral("fromEmail"), QStringLiteral("From")},
        {QStringLiteral("toName"), QStringLiteral("To")},
        {QStringLiteral("toEmail"), QStringLiteral("To")},
        {QStringLiteral("ccName"), QStringLiteral("Cc")},
        {QStringLiteral("ccEmail"), QStringLiteral("Cc")},
        {QStringLiteral("bccEmail"), QStringLiteral("Bcc")},
        {QStringLiteral("replyToName"), QStringLiteral("Reply-To")},
        {QStringLiteral("replyToEmail"), QStringLiteral("Reply-To")},
        {QStringLiteral("messageId"), QStringLiteral("Message-ID")},
        {QStringLiteral("fileName"), QStringLiteral("attachment")},
        {QStringLiteral("contentType"), QStringLiteral("content type")},
        {QStringLiteral("icalMethod"), QStringLiteral("iCalendar")},
    };
    for (const auto& [field, mentioned] : fields) {
        for (qsizetype i = 0; i < breaks.size(); ++i) {
            QTest::addRow("%s %s", qPrintable(field), qPrintable(breakNames[i]))
                << field << (QStringLiteral("x") + breaks[i] + QStringLiteral("Bcc: victim@evil.example"))
                << mentioned;
        }
    }
    QTest::newRow("subject NUL") << QStringLiteral("subject")
                                 << QStringLiteral("a") + QChar(0) + QStringLiteral("b")
                                 << QStringLiteral("NUL");
    QTest::newRow("toName NUL") << QStringLiteral("toName") << QStringLiteral("a") + QChar(0)
                                << QStringLiteral("NUL");
}

void TestMime::headerInjectionRefused()
{
    QFETCH(QString, field);
    QFETCH(QString, bad);
    QFETCH(QString, mentioned);
    MailContent c = basicContent();
    c.cc = {{QStringLiteral("Cc Person"), QStringLiteral("cc@customer.example")}};
    c.replyTo = {QStringLiteral("Desk"), QStringLiteral("desk@msp.example")};
    c.attachments = {{QStringLiteral("a.pdf"), "application/pdf", "data"}};
    c.icalendar = "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n";
    c.icalendarMethod = QStringLiteral("REQUEST");
    QVERIFY(buildMessage(c).ok()); // the baseline is fine
    const QString badEmail = QStringLiteral("user@example.com") + bad;
    if (field == u"subject")
        c.subject = bad;
    else if (field == u"fromName")
        c.from.name = bad;
    else if (field == u"fromEmail")
        c.from.email = badEmail;
    else if (field == u"toName")
        c.to[0].name = bad;
    else if (field == u"toEmail")
        c.to[0].email = badEmail;
    else if (field == u"ccName")
        c.cc[0].name = bad;
    else if (field == u"ccEmail")
        c.cc[0].email = badEmail;
    else if (field == u"bccEmail")
        c.bcc = {{QString(), badEmail}};
    else if (field == u"replyToName")
        c.replyTo.name = bad;
    else if (field == u"replyToEmail")
        c.replyTo.email = badEmail;
    else if (field == u"messageId")
        c.messageId = "<id@example.com>" + bad.toLatin1();
    else if (field == u"fileName")
        c.attachments[0].fileName = bad;
    else if (field == u"contentType")
        c.attachments[0].contentType = "application/pdf" + bad.toLatin1();
    else if (field == u"icalMethod")
        c.icalendarMethod = bad;
    else
        QFAIL("unknown field in the test table");
    const auto result = buildMessage(c);
    QVERIFY(!result.ok());
    QVERIFY2(result.error().message.contains(mentioned, Qt::CaseInsensitive),
             qPrintable(result.error().message));
    QVERIFY2(result.error().message.contains(QStringLiteral("line break")) ||
                 result.error().message.contains(QStringLiteral("NUL")),
             qPrintable(result.error().message));
}

void TestMime::otherRefusals_data()
{
    QTest::addColumn<QString>("what");
    QTest::addColumn<QString>("mentioned");
    QTest::newRow("no from") << QStringLiteral("noFrom") << QStringLiteral("sender");
    QTest::newRow("no recipients") << QStringLiteral("noRecipients") << QStringLiteral("recipients");
    QTest::newRow("invalid to") << QStringLiteral("invalidTo") << QStringLiteral("not valid");
    QTest::newRow("invalid from") << QStringLiteral("invalidFrom") << QStringLiteral("From");
    QTest::newRow("bad message id") << QStringLiteral("badMessageId") << QStringLiteral("Message-ID");
    QTest::newRow("bad content type") << QStringLiteral("badContentType") << QStringLiteral("MIME type");
    QTest::newRow("long file name") << QStringLiteral("longFileName") << QStringLiteral("longer");
    QTest::newRow("long content type") << QStringLiteral("longContentType") << QStringLiteral("MIME type");
    QTest::newRow("bad ical method") << QStringLiteral("badIcalMethod") << QStringLiteral("iCalendar method");
}

void TestMime::otherRefusals()
{
    QFETCH(QString, what);
    QFETCH(QString, mentioned);
    MailContent c = basicContent();
    if (what == u"noFrom")
        c.from = {};
    else if (what == u"noRecipients")
        c.to.clear();
    else if (what == u"invalidTo")
        c.to.append({QString(), QStringLiteral("not an address")});
    else if (what == u"invalidFrom")
        c.from.email = QStringLiteral("billing@");
    else if (what == u"badMessageId")
        c.messageId = "<no at sign>";
    else if (what == u"badContentType")
        c.attachments = {{QStringLiteral("a.bin"), "not a type", "x"}};
    else if (what == u"longFileName")
        c.attachments = {{QStringLiteral("a").repeated(300), {}, "x"}};
    else if (what == u"longContentType")
        c.attachments = {{QStringLiteral("a.bin"), "application/x; p=" + QByteArray(1000, 'v'), "x"}};
    else if (what == u"badIcalMethod")
        c.icalendarMethod = QStringLiteral("REQUEST; x=1");
    else
        QFAIL("unknown case in the test table");
    const auto result = buildMessage(c);
    QVERIFY(!result.ok());
    QVERIFY2(result.error().message.contains(mentioned), qPrintable(result.error().message));
}

void TestMime::structureTextOnly()
{
    const BuiltMessage built = build(basicContent());
    const QByteArray headers = headerBlock(built.data);
    QCOMPARE(headerValue(headers, "Content-Type"), QByteArray("text/plain; charset=UTF-8"));
    QCOMPARE(headerValue(headers, "Content-Transfer-Encoding"), QByteArray("7bit"));
    QCOMPARE(headerValue(headers, "MIME-Version"), QByteArray("1.0"));
    QCOMPARE(headerValue(headers, "Subject"), QByteArray("Hello"));
    QCOMPARE(headerValue(headers, "From"), QByteArray("Billing <billing@msp.example>"));
    QVERIFY(!built.data.contains("multipart"));
    QVERIFY(built.data.endsWith("\r\n\r\nHello there.\r\n"));
    QCOMPARE(built.envelopeFrom, QByteArray("billing@msp.example"));
    QCOMPARE(headerValue(headers, "Message-ID"), built.messageId);
    verifyWireRules(built.data);
}

void TestMime::structureHtmlAlternative()
{
    MailContent c = basicContent();
    c.text.clear();
    c.html = QStringLiteral("<p>Hello <b>world</b></p><p>Second &amp; last</p>");
    const BuiltMessage built = build(c);
    QVERIFY(headerValue(headerBlock(built.data), "Content-Type").startsWith("multipart/alternative;"));
    const qsizetype plain = built.data.indexOf("Content-Type: text/plain");
    const qsizetype html = built.data.indexOf("Content-Type: text/html");
    QVERIFY(plain > 0 && html > plain); // plain first, the preferred form last
    QVERIFY(built.data.contains("Hello world\r\n\r\nSecond & last\r\n"));
    verifyWireRules(built.data);
}

void TestMime::structureAttachmentsAndCalendar()
{
    MailContent c = basicContent();
    c.html = QStringLiteral("<p>Invitation</p>");
    c.icalendar = "BEGIN:VCALENDAR\nMETHOD:REQUEST\nEND:VCALENDAR\n";
    c.attachments = {{QStringLiteral("a.pdf"), {}, QByteArray(100, '\xff')}};
    const BuiltMessage built = build(c);
    const QByteArray& d = built.data;
    QVERIFY(headerValue(headerBlock(d), "Content-Type").startsWith("multipart/mixed;"));
    const qsizetype alternative = d.indexOf("Content-Type: multipart/alternative");
    const qsizetype plain = d.indexOf("Content-Type: text/plain");
    const qsizetype html = d.indexOf("Content-Type: text/html");
    const qsizetype calendar = d.indexOf("Content-Type: text/calendar; charset=UTF-8; method=REQUEST");
    const qsizetype pdf = d.indexOf("Content-Type: application/pdf");
    QVERIFY(alternative > 0 && plain > alternative && html > plain && calendar > html && pdf > calendar);
    // The method comes from the calendar data when not given; line ends become CRLF.
    QVERIFY(d.contains("BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n"));
    verifyWireRules(d);
}

void TestMime::bccNeverInHeaders()
{
    MailContent c = basicContent();
    c.cc = {{QStringLiteral("Accounts"), QStringLiteral("accounts@customer.example")}};
    c.bcc = {{QStringLiteral("Secret Archive"), QStringLiteral("archive@msp.example")}};
    const BuiltMessage built = build(c);
    QCOMPARE(headerValue(headerBlock(built.data), "Cc"), QByteArray("Accounts <accounts@customer.example>"));
    QVERIFY(!built.data.contains("archive@msp.example"));
    QVERIFY(!built.data.contains("Secret"));
    QVERIFY(!built.data.contains("Bcc"));
    QVERIFY(built.envelopeRecipients.contains("archive@msp.example"));

    MailContent onlyBcc = basicContent();
    onlyBcc.to.clear();
    onlyBcc.bcc = c.bcc;
    const BuiltMessage hidden = build(onlyBcc);
    QCOMPARE(headerValue(headerBlock(hidden.data), "To"), QByteArray("undisclosed-recipients:;"));
    QVERIFY(!hidden.data.contains("archive@msp.example"));
}

void TestMime::envelopeRecipientsDeduplicated()
{
    MailContent c = basicContent();
    c.to = {{QString(), QStringLiteral("Anna@Customer.Example")},
            {QString(), QStringLiteral("bob@customer.example")}};
    c.cc = {{QString(), QStringLiteral("Anna@customer.example")},
            {QString(), QStringLiteral("anna@customer.example")}};
    c.bcc = {{QString(), QStringLiteral("bob@CUSTOMER.example")},
             {QString(), QStringLiteral("carol@customer.example")}};
    const BuiltMessage built = build(c);
    // Domains compare without case; local parts keep theirs.
    QCOMPARE(built.envelopeRecipients,
             (QList<QByteArray>{"Anna@customer.example", "bob@customer.example", "anna@customer.example",
                                "carol@customer.example"}));
}

void TestMime::transferEncodingChoice_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("encoding");
    QTest::newRow("ascii") << QStringLiteral("Plain ASCII text.\nTwo lines.") << QByteArray("7bit");
    QTest::newRow("ascii 998") << QStringLiteral("y").repeated(998) << QByteArray("7bit");
    QTest::newRow("ascii 999") << QStringLiteral("y").repeated(999) << QByteArray("quoted-printable");
    QTest::newRow("german") << QStringLiteral("Grüße aus Köln, schöne Woche!")
                            << QByteArray("quoted-printable");
    QTest::newRow("chinese") << QStringLiteral("附件是您本月的发票。请在月底前付款。")
                             << QByteArray("base64");
    QTest::newRow("emoji heavy") << QStringLiteral("🎉🎉🎉🎉🎉 ok") << QByteArray("base64");
    QTest::newRow("mostly ascii with emoji")
        << QStringLiteral("The build passed and everything is green, ship it 🚀")
        << QByteArray("quoted-printable");
}

void TestMime::transferEncodingChoice()
{
    QFETCH(QString, text);
    QFETCH(QByteArray, encoding);
    MailContent c = basicContent();
    c.text = text;
    const BuiltMessage built = build(c);
    QCOMPARE(headerValue(headerBlock(built.data), "Content-Transfer-Encoding"), encoding);
    verifyWireRules(built.data);
    const QByteArray body = built.data.mid(built.data.indexOf("\r\n\r\n") + 4);
    QByteArray decoded;
    if (encoding == "base64")
        decoded = QByteArray::fromBase64(body);
    else if (encoding == "quoted-printable")
        decoded = decodeQuotedPrintable(body);
    else
        decoded = body;
    QCOMPARE(QString::fromUtf8(decoded),
             QString(text).replace(u'\n', QStringLiteral("\r\n")) + QStringLiteral("\r\n"));
}

void TestMime::attachmentEncodingChoice_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<int>("expected");
    const int sevenBit = int(TransferEncoding::SevenBit);
    const int base64 = int(TransferEncoding::Base64);
    QTest::newRow("crlf text") << QByteArray("a\r\nb\r\n") << QByteArray("text/plain") << sevenBit;
    QTest::newRow("no final break") << QByteArray("a\r\nb") << QByteArray("text/csv") << sevenBit;
    QTest::newRow("lf only") << QByteArray("a\nb\n") << QByteArray("text/plain") << base64;
    QTest::newRow("lone cr") << QByteArray("a\rb") << QByteArray("text/plain") << base64;
    QTest::newRow("utf8 text") << QStringLiteral("ä\r\n").toUtf8() << QByteArray("text/plain") << base64;
    QTest::newRow("nul") << QByteArray("a\0b", 3) << QByteArray("text/plain") << base64;
    QTest::newRow("long line") << QByteArray(1000, 'x') << QByteArray("text/plain") << base64;
    QTest::newRow("pdf") << QByteArray("%PDF-1.4\r\n") << QByteArray("application/pdf") << base64;
}

void TestMime::attachmentEncodingChoice()
{
    QFETCH(QByteArray, data);
    QFETCH(QByteArray, contentType);
    QFETCH(int, expected);
    QCOMPARE(int(chooseBinaryEncoding(data, contentType)), expected);
}

void TestMime::quotedPrintableRoundTrip_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("umlauts") << QStringLiteral("Grüße\r\nKöln\r\n").toUtf8();
    QTest::newRow("trailing space") << QByteArray("trailing space \r\ntab\t\r\n");
    QTest::newRow("equals") << QByteArray("a=b ==\r\n");
    QTest::newRow("long line") << QStringLiteral("ä").repeated(500).toUtf8();
    QTest::newRow("long ascii") << QByteArray(3000, 'q') + "\r\n";
    QTest::newRow("dots") << QByteArray(".\r\n..\r\n.x\r\n");
}

void TestMime::quotedPrintableRoundTrip()
{
    QFETCH(QByteArray, text);
    const QByteArray encoded = encodeQuotedPrintable(text);
    for (const QByteArray& line : encoded.split('\n')) {
        const QByteArray clean = line.endsWith('\r') ? line.chopped(1) : line;
        QVERIFY2(clean.size() <= 76, clean.constData());
        QVERIFY2(!clean.endsWith(' ') && !clean.endsWith('\t'), "trailing whitespace would be lost");
    }
    QVERIFY(isAscii(encoded));
    QCOMPARE(decodeQuotedPrintable(encoded), text);
}

void TestMime::base64LinesOf76_data()
{
    QTest::addColumn<int>("size");
    for (int size : {0, 1, 2, 3, 4, 56, 57, 58, 59, 113, 114, 115, 1000, 100000})
        QTest::addRow("%d bytes", size) << size;
}

void TestMime::base64LinesOf76()
{
    QFETCH(int, size);
    QByteArray data(size, Qt::Uninitialized);
    for (int i = 0; i < size; ++i)
        data[i] = char((i * 131 + 7) & 0xff);
    const QByteArray encoded = encodeBase64Lines(data);
    const QList<QByteArray> parts = encoded.split('\n');
    for (qsizetype i = 0; i + 1 < parts.size(); ++i)
        QCOMPARE(parts[i].size(), 77); // 76 + CR
    QVERIFY(parts.last().size() <= 76 && !parts.last().endsWith('\r'));
    QCOMPARE(QByteArray(encoded).replace("\r\n", ""), data.toBase64());
}

void TestMime::longLinesStayWithin998()
{
    MailContent c = basicContent();
    c.text = QStringLiteral("a").repeated(5000) + QStringLiteral("\n") + QStringLiteral("ü").repeated(3000);
    c.html = QStringLiteral("<p>") + QStringLiteral("long ").repeated(2000) + QStringLiteral("</p>");
    c.subject = QStringLiteral("s").repeated(2000);
    c.attachments = {{QStringLiteral("big.bin"), {}, QByteArray(100000, '\x01')}};
    const BuiltMessage built = build(c);
    QVERIFY(!built.data.isEmpty());
    verifyWireRules(built.data);
    for (const QByteArray& line : lines(headerBlock(built.data) + "\r\n"))
        QVERIFY2(line.size() <= kSoftLineLimit + 1, line.constData());
    QCOMPARE(decodeHeaderValue(headerValue(headerBlock(built.data), "Subject")), c.subject);

    // Absurd header input still folds: a 2000-character atom as a display name, a long file name.
    MailContent odd = basicContent();
    odd.to = {
        {QStringLiteral("n").repeated(2000), QStringLiteral("a@example.com")},
        {QStringLiteral("Name ") + QStringLiteral("\\").repeated(500), QStringLiteral("b@example.com")}};
    odd.attachments = {{QStringLiteral("f").repeated(250) + QStringLiteral(".pdf"), {}, "x"}};
    const BuiltMessage oddBuilt = build(odd);
    QVERIFY(!oddBuilt.data.isEmpty());
    verifyWireRules(oddBuilt.data);
    // The long quoted name becomes encoded words (a quoted string could not fold).
    QCOMPARE(decodeHeaderValue(headerValue(headerBlock(oddBuilt.data), "To")),
             odd.to[0].name + QStringLiteral(" <a@example.com>, ") + odd.to[1].name +
                 QStringLiteral(" <b@example.com>"));
}

void TestMime::fileNamesRfc2231_data()
{
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<QByteArray>("fallback");
    QTest::addColumn<bool>("continued");
    QTest::newRow("ascii") << QStringLiteral("invoice 42.pdf") << QByteArray("invoice 42.pdf") << false;
    QTest::newRow("german") << QStringLiteral("Rechnung März.pdf") << QByteArray("Rechnung Maerz.pdf")
                            << false;
    QTest::newRow("french") << QStringLiteral("facture été.pdf") << QByteArray("facture ete.pdf") << false;
    QTest::newRow("chinese") << QStringLiteral("发票.pdf") << QByteArray("_.pdf") << false;
    QTest::newRow("emoji") << QStringLiteral("report 📊.csv") << QByteArray("report _.csv") << false;
    QTest::newRow("quote") << QStringLiteral("a\"b.txt") << QByteArray("a_b.txt") << false;
    QTest::newRow("long chinese") << QStringLiteral(
                                         "发票-2026年3月-非常长的文件名用于测试续行参数的编码是否正确.pdf")
                                  << QByteArray("_-2026_3_-_.pdf") << true;
    QTest::newRow("long german") << QStringLiteral(
                                        "Übersicht über alle Rechnungen des Jahres 2026 für Kunde Müller "
                                        "GmbH.xlsx")
                                 << QByteArray(
                                        "Uebersicht ueber alle Rechnungen des Jahres 2026 fuer Kunde Mueller "
                                        "GmbH.xlsx")
                                 << true;
}

void TestMime::fileNamesRfc2231()
{
    QFETCH(QString, fileName);
    QFETCH(QByteArray, fallback);
    QFETCH(bool, continued);
    MailContent c = basicContent();
    c.attachments = {{fileName, {}, "data"}};
    const BuiltMessage built = build(c);
    QVERIFY(!built.data.isEmpty());
    const QByteArray disposition = foldedField(built.data, "Content-Disposition");
    QVERIFY(!disposition.isEmpty());
    QVERIFY(isAscii(disposition));
    // Lines stay within 78; only a long ASCII fallback name may be longer (never split, so old
    // readers still see the whole name).
    for (const QByteArray& line : disposition.split('\n'))
        QVERIFY2(line.size() <= kSoftLineLimit + 1 || (line.startsWith(" filename=\"") && line.size() < 300),
                 line.constData());
    QVERIFY2(disposition.endsWith("filename=\"" + fallback + '"'), disposition.constData());
    QCOMPARE(asciiFallbackFileName(fileName), fallback);
    if (isAscii(fileName) && fileName.toLatin1() == fallback) {
        QVERIFY(!disposition.contains("filename*"));
        return;
    }
    QCOMPARE(disposition.contains("filename*0*=UTF-8''"), continued);
    QCOMPARE(decodeRfc2231(disposition, "filename"), fileName);
    // The same pair on Content-Type's name parameter, for older readers.
    const QByteArray attachmentPart =
        built.data.mid(built.data.lastIndexOf("Content-Type: " + guessContentType(fileName)));
    QCOMPARE(decodeRfc2231(foldedField(attachmentPart, "Content-Type"), "name"), fileName);
}

void TestMime::contentTypeGuess_data()
{
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<QByteArray>("type");
    QTest::newRow("pdf") << QStringLiteral("a.pdf") << QByteArray("application/pdf");
    QTest::newRow("PDF upper") << QStringLiteral("A.PDF") << QByteArray("application/pdf");
    QTest::newRow("png") << QStringLiteral("a.png") << QByteArray("image/png");
    QTest::newRow("jpg") << QStringLiteral("a.jpg") << QByteArray("image/jpeg");
    QTest::newRow("jpeg") << QStringLiteral("a.jpeg") << QByteArray("image/jpeg");
    QTest::newRow("txt") << QStringLiteral("a.txt") << QByteArray("text/plain");
    QTest::newRow("csv") << QStringLiteral("a.csv") << QByteArray("text/csv");
    QTest::newRow("ics") << QStringLiteral("invite.ics") << QByteArray("text/calendar");
    QTest::newRow("zip") << QStringLiteral("a.zip") << QByteArray("application/zip");
    QTest::newRow("docx") << QStringLiteral("a.docx")
                          << QByteArray(
                                 "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    QTest::newRow("xlsx") << QStringLiteral("a.xlsx")
                          << QByteArray("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    QTest::newRow("unknown") << QStringLiteral("a.xyz") << QByteArray("application/octet-stream");
    QTest::newRow("none") << QStringLiteral("README") << QByteArray("application/octet-stream");
}

void TestMime::contentTypeGuess()
{
    QFETCH(QString, fileName);
    QFETCH(QByteArray, type);
    QCOMPARE(guessContentType(fileName), type);
}

void TestMime::messageIds()
{
    const QRegularExpression form(QStringLiteral(R"(^<[A-Za-z0-9._-]+@([a-z0-9.-]+)>$)"));
    QSet<QByteArray> seen;
    for (int i = 0; i < 2000; ++i) {
        const QByteArray id = generateMessageId(QStringLiteral("msp.example"));
        const auto match = form.match(QString::fromLatin1(id));
        QVERIFY2(match.hasMatch(), id.constData());
        QCOMPARE(match.captured(1), QStringLiteral("msp.example"));
        QVERIFY2(!seen.contains(id), id.constData());
        seen.insert(id);
    }
    QVERIFY(generateMessageId(QStringLiteral("Bücher.Example")).endsWith("@xn--bcher-kva.example>"));
    QVERIFY(generateMessageId(QString()).endsWith("@outbound.invalid>"));
    QVERIFY(generateMessageId(QStringLiteral("bad domain!")).endsWith("@outbound.invalid>"));
    QVERIFY(generateMessageId(QStringLiteral("[192.0.2.1]")).endsWith("@outbound.invalid>"));

    MailContent c = basicContent();
    c.from.email = QStringLiteral("billing@Bücher.example");
    const BuiltMessage built = build(c);
    QVERIFY2(built.messageId.endsWith("@xn--bcher-kva.example>"), built.messageId.constData());
}

void TestMime::givenMessageIdKept()
{
    MailContent c = basicContent();
    c.messageId = "<fixed.123@msp.example>";
    QCOMPARE(build(c).messageId, QByteArray("<fixed.123@msp.example>"));
    c.messageId = "fixed.456@msp.example";
    const BuiltMessage built = build(c);
    QCOMPARE(built.messageId, QByteArray("<fixed.456@msp.example>"));
    QCOMPARE(headerValue(headerBlock(built.data), "Message-ID"), QByteArray("<fixed.456@msp.example>"));
}

void TestMime::dateFormat()
{
    QCOMPARE(formatDate(QDateTime(QDate(2026, 3, 3), QTime(9, 30, 5), QTimeZone(3600))),
             QByteArray("Tue, 3 Mar 2026 09:30:05 +0100"));
    QCOMPARE(formatDate(QDateTime(QDate(2026, 11, 24), QTime(23, 5, 0), QTimeZone(-(4 * 3600 + 30 * 60)))),
             QByteArray("Tue, 24 Nov 2026 23:05:00 -0430"));
    QCOMPARE(formatDate(QDateTime(QDate(2027, 1, 1), QTime(0, 0, 0), QTimeZone(0))),
             QByteArray("Fri, 1 Jan 2027 00:00:00 +0000"));
    QCOMPARE(headerValue(headerBlock(build(basicContent()).data), "Date"),
             QByteArray("Tue, 3 Mar 2026 09:30:05 +0100"));
    MailContent undated = basicContent();
    undated.date = {};
    const QByteArray now = headerValue(headerBlock(build(undated).data), "Date");
    QVERIFY2(QRegularExpression(
                 QStringLiteral(R"(^[A-Z][a-z]{2}, \d{1,2} [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d [+-]\d{4}$)"))
                 .match(QString::fromLatin1(now))
                 .hasMatch(),
             now.constData());
}

void TestMime::boundaryNotInContent()
{
    MailContent c = basicContent();
    c.text = QStringLiteral("--=_outbound_ looks like a boundary\n");
    c.html = QStringLiteral("<p>--=_outbound_</p>");
    c.attachments = {{QStringLiteral("b.txt"), {}, "--=_outbound_AAAA\r\n"}};
    const BuiltMessage built = build(c);
    const QRegularExpression boundaryParam(QStringLiteral(R"re(boundary="([^"]+)")re"));
    int boundaries = 0;
    for (auto it = boundaryParam.globalMatch(QString::fromLatin1(built.data)); it.hasNext();) {
        const QByteArray boundary = "--" + it.next().captured(1).toLatin1();
        ++boundaries;
        QVERIFY(boundary.size() >= 30);
        // Every occurrence is a delimiter line of its own.
        qsizetype pos = 0;
        int delimiters = 0;
        while ((pos = built.data.indexOf(boundary, pos)) >= 0) {
            QVERIFY(pos >= 2 && built.data.mid(pos - 2, 2) == "\r\n");
            const QByteArray rest = built.data.mid(pos + boundary.size(), 2);
            QVERIFY2(rest == "\r\n" || rest == "--", rest.constData());
            pos += boundary.size();
            ++delimiters;
        }
        QVERIFY(delimiters >= 3);
    }
    QCOMPARE(boundaries, 2);
}

void TestMime::addressParsing_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("email");
    QTest::newRow("bare") << QStringLiteral("a@b.example") << true << QString()
                          << QStringLiteral("a@b.example");
    QTest::newRow("spaces around") << QStringLiteral("  a@b.example ") << true << QString()
                                   << QStringLiteral("a@b.example");
    QTest::newRow("named") << QStringLiteral("Anna Smith <anna@b.example>") << true
                           << QStringLiteral("Anna Smith") << QStringLiteral("anna@b.example");
    QTest::newRow("quoted comma") << QStringLiteral("\"Smith, Anna\" <anna@b.example>") << true
                                  << QStringLiteral("Smith, Anna") << QStringLiteral("anna@b.example");
    QTest::newRow("escaped quote") << QStringLiteral(R"("The \"Boss\"" <boss@b.example>)") << true
                                   << QStringLiteral("The \"Boss\"") << QStringLiteral("boss@b.example");
    QTest::newRow("angle only") << QStringLiteral("<x@b.example>") << true << QString()
                                << QStringLiteral("x@b.example");
    QTest::newRow("plus tag") << QStringLiteral("billing+inv@b.example") << true << QString()
                              << QStringLiteral("billing+inv@b.example");
    QTest::newRow("idn") << QStringLiteral("Jörg <jörg@bücher.example>") << true << QStringLiteral("Jörg")
                         << QStringLiteral("jörg@bücher.example");
    QTest::newRow("literal") << QStringLiteral("root@[192.0.2.1]") << true << QString()
                             << QStringLiteral("root@[192.0.2.1]");
    QTest::newRow("no at") << QStringLiteral("nobody") << false << QString() << QString();
    QTest::newRow("empty local") << QStringLiteral("@b.example") << false << QString() << QString();
    QTest::newRow("empty domain") << QStringLiteral("a@") << false << QString() << QString();
    QTest::newRow("space") << QStringLiteral("a b@c.example") << false << QString() << QString();
    QTest::newRow("double dot") << QStringLiteral("a..b@c.example") << false << QString() << QString();
    QTest::newRow("leading dot") << QStringLiteral(".a@c.example") << false << QString() << QString();
    QTest::newRow("bad domain") << QStringLiteral("a@-c.example") << false << QString() << QString();
    QTest::newRow("empty label") << QStringLiteral("a@c..example") << false << QString() << QString();
    QTest::newRow("long local") << QStringLiteral("x").repeated(65) + QStringLiteral("@c.example") << false
                                << QString() << QString();
    QTest::newRow("unclosed") << QStringLiteral("Anna <anna@b.example") << false << QString() << QString();
    QTest::newRow("crlf") << QStringLiteral("a@b.example\r\nBcc: x@y.example") << false << QString()
                          << QString();
    QTest::newRow("lf in name") << QStringLiteral("Evil\nBcc: x@y.example <a@b.example>") << false
                                << QString() << QString();
    QTest::newRow("empty") << QString() << false << QString() << QString();
}

void TestMime::addressParsing()
{
    QFETCH(QString, input);
    QFETCH(bool, valid);
    QFETCH(QString, name);
    QFETCH(QString, email);
    const auto result = parseMailAddress(input);
    QCOMPARE(result.ok(), valid);
    if (!valid) {
        QVERIFY(!result.error().message.isEmpty());
        return;
    }
    QCOMPARE(result->name, name);
    QCOMPARE(result->email, email);
}

void TestMime::addressLists_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QStringList>("emails"); // empty: the list must be refused
    QTest::addColumn<QStringList>("names");
    QTest::newRow("commas") << QStringLiteral("a@x.example, b@x.example,c@x.example")
                            << QStringList{QStringLiteral("a@x.example"), QStringLiteral("b@x.example"),
                                           QStringLiteral("c@x.example")}
                            << QStringList{QString(), QString(), QString()};
    QTest::newRow("semicolons") << QStringLiteral("a@x.example; b@x.example;")
                                << QStringList{QStringLiteral("a@x.example"), QStringLiteral("b@x.example")}
                                << QStringList{QString(), QString()};
    QTest::newRow("quoted commas") << QStringLiteral(
                                          "\"Doe, John\" <j@x.example>, \"Roe; Jane\" <r@x.example>")
                                   << QStringList{QStringLiteral("j@x.example"),
                                                  QStringLiteral("r@x.example")}
                                   << QStringList{QStringLiteral("Doe, John"), QStringLiteral("Roe; Jane")};
    QTest::newRow("escaped quote and comma")
        << QStringLiteral(R"("A \"B, C\" D" <a@x.example>, e@x.example)")
        << QStringList{QStringLiteral("a@x.example"), QStringLiteral("e@x.example")}
        << QStringList{QStringLiteral("A \"B, C\" D"), QString()};
    QTest::newRow("one bad entry") << QStringLiteral("a@x.example, nonsense, c@x.example") << QStringList()
                                   << QStringList();
    QTest::newRow("empty") << QStringLiteral(" , ;") << QStringList() << QStringList();
}

void TestMime::addressLists()
{
    QFETCH(QString, input);
    QFETCH(QStringList, emails);
    QFETCH(QStringList, names);
    const auto result = parseMailAddressList(input);
    QCOMPARE(result.ok(), !emails.isEmpty());
    if (emails.isEmpty()) {
        QVERIFY(!result.error().message.isEmpty());
        return;
    }
    QStringList gotEmails, gotNames;
    for (const MailAddress& a : result.value()) {
        gotEmails.append(a.email);
        gotNames.append(a.name);
    }
    QCOMPARE(gotEmails, emails);
    QCOMPARE(gotNames, names);
}

void TestMime::htmlToPlainText_data()
{
    QTest::addColumn<QString>("html");
    QTest::addColumn<QString>("text");
    QTest::newRow("paragraphs") << QStringLiteral("<p>One</p><p>Two</p>") << QStringLiteral("One\n\nTwo");
    QTest::newRow("br") << QStringLiteral("a<br>b<br/>c") << QStringLiteral("a\nb\nc");
    QTest::newRow("whitespace") << QStringLiteral("<p>  many\n\n   spaces\there </p>")
                                << QStringLiteral("many spaces here");
    QTest::newRow("script style head")
        << QStringLiteral("<html><head><title>T</title><style>p{}</style></head><body>"
                          "<script>var a = '<p>x</p>';</script>Visible</body></html>")
        << QStringLiteral("Visible");
    QTest::newRow("list") << QStringLiteral("<p>Items:</p><ul><li>one</li><li>two</li></ul><p>End</p>")
                          << QStringLiteral("Items:\n\n- one\n- two\n\nEnd");
    QTest::newRow("ordered list") << QStringLiteral("<ol><li>first<li>second</ol>")
                                  << QStringLiteral("1. first\n2. second");
    QTest::newRow("link") << QStringLiteral(
                                 "See <a href=\"https://x.example/a?b=1&amp;c=2\">the invoice</a>.")
                          << QStringLiteral("See the invoice (https://x.example/a?b=1&c=2).");
    QTest::newRow("link same as text") << QStringLiteral("<a href='https://x.example'>https://x.example</a>")
                                       << QStringLiteral("https://x.example");
    QTest::newRow("mailto") << QStringLiteral("<a href=\"mailto:help@x.example\">help@x.example</a>")
                            << QStringLiteral("help@x.example");
    QTest::newRow("entities") << QStringLiteral(
                                     "&lt;tag&gt; &amp; &quot;q&quot; &euro;5 &#169; &#x1F600; &uuml;")
                              << QStringLiteral("<tag> & \"q\" €5 © 😀 ü");
    QTest::newRow("unknown entity") << QStringLiteral("a &bogus; b & c") << QStringLiteral("a &bogus; b & c");
    QTest::newRow("headings") << QStringLiteral("<h1>Title</h1>Text<h2>Sub</h2>More")
                              << QStringLiteral("Title\n\nText\n\nSub\n\nMore");
    QTest::newRow("divs") << QStringLiteral("<div>a</div><div>b</div>") << QStringLiteral("a\nb");
    QTest::newRow("table") << QStringLiteral(
                                  "<table><tr><td>Item</td><td>Price</td></tr><tr><td>A</td><td>5</td>"
                                  "</tr></table>")
                           << QStringLiteral("Item Price\nA 5");
    QTest::newRow("comment") << QStringLiteral("a<!-- <p>hidden</p> -->b") << QStringLiteral("ab");
    QTest::newRow("pre") << QStringLiteral("<pre>line 1\n  line 2</pre>")
                         << QStringLiteral("line 1\n  line 2");
    QTest::newRow("nbsp") << QStringLiteral("a&nbsp;b") << QStringLiteral("a b");
    QTest::newRow("inline tags") << QStringLiteral("<b>bold</b> and <i>it</i>al<span>ic</span>")
                                 << QStringLiteral("bold and italic");
    QTest::newRow("img alt") << QStringLiteral("Logo: <img src=\"x.png\" alt=\"ACME\">")
                             << QStringLiteral("Logo: ACME");
    QTest::newRow("less than") << QStringLiteral("if a < b and c<3 then")
                               << QStringLiteral("if a < b and c<3 then");
    QTest::newRow("unclosed head") << QStringLiteral("<html><head><meta charset=utf-8><body><p>Body text</p>")
                                   << QStringLiteral("Body text");
    QTest::newRow("uppercase tags") << QStringLiteral("<P>One<BR>Two</P><A HREF=\"https://x.example\">x</A>")
                                    << QStringLiteral("One\nTwo\n\nx (https://x.example)");
    QTest::newRow("empty") << QString() << QString();
}

void TestMime::htmlToPlainText()
{
    QFETCH(QString, html);
    QFETCH(QString, text);
    QCOMPARE(outbound::htmlToPlainText(html), text);
}

namespace {

// An ITFlow folder with an uploads folder and one PDF in it, plus a file beside uploads/.
struct ItflowFolder
{
    QTemporaryDir dir;
    QByteArray pdf = QByteArray("%PDF-1.4\n") + QByteArray(3000, '\x01') + QByteArray("\xff\xfe end");

    ItflowFolder()
    {
        QDir(dir.path()).mkpath(QStringLiteral("uploads/clients/7"));
        write(QStringLiteral("uploads/clients/7/invoice.pdf"), pdf);
        write(QStringLiteral("config.php"), "<?php $dbpassword = 'secret';");
    }
    void write(const QString& relative, const QByteArray& data) const
    {
        QFile f(dir.filePath(relative));
        if (f.open(QIODevice::WriteOnly))
            f.write(data);
    }
};

itflow::QueueRow itflowRow()
{
    itflow::QueueRow row;
    row.emailId = 42;
    row.recipient = QStringLiteral("client@customer.example");
    row.recipientName = QStringLiteral("Müller & Söhne");
    row.from = QStringLiteral("billing@msp.example");
    row.fromName = QStringLiteral("MSP Billing");
    row.subject = QStringLiteral("Invoice INV-7");
    row.htmlContent = QStringLiteral("<p>Hello,</p><p>please find <b>invoice INV-7</b> attached.</p>");
    return row;
}

// The decoded body of the MIME part whose headers mention `marker`.
QByteArray partBody(const QByteArray& message, const QByteArray& marker)
{
    const qsizetype at = message.indexOf(marker);
    if (at < 0)
        return {};
    const qsizetype start = message.indexOf("\r\n\r\n", at) + 4;
    const qsizetype end = message.indexOf("\r\n--", start);
    const QByteArray headers =
        message.mid(message.lastIndexOf("\r\n--", at), start - message.lastIndexOf("\r\n--", at));
    const QByteArray body = message.mid(start, end - start);
    if (headers.contains("base64"))
        return QByteArray::fromBase64(QByteArray(body).replace("\r\n", ""));
    if (headers.contains("quoted-printable"))
        return decodeQuotedPrintable(body);
    return body;
}

} // namespace

void TestMime::itflowRowAsItflowSendsIt()
{
    ItflowFolder folder;
    QVERIFY(folder.dir.isValid());
    itflow::QueueRow row = itflowRow();
    row.calendar =
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:Visit\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    row.attachmentsJson =
        QStringLiteral(R"([{"path":"uploads/clients/7/invoice.pdf","name":"Invoice-INV-7.pdf"}])");
    itflow::MessageOptions options;
    options.itflowRoot = folder.dir.path();
    options.messageId = "<kept.42@msp.example>";
    auto built = itflow::buildQueueMessage(row, options);
    QVERIFY2(built, built ? "" : qPrintable(built.error().message));
    const QByteArray& data = built->data;
    verifyWireRules(data);
    const QByteArray headers = headerBlock(data);
    QCOMPARE(decodeHeaderValue(headerValue(headers, "From")),
             QStringLiteral("MSP Billing <billing@msp.example>"));
    QCOMPARE(decodeHeaderValue(headerValue(headers, "To")),
             QStringLiteral("Müller & Söhne <client@customer.example>"));
    QCOMPARE(headerValue(headers, "Message-ID"), QByteArray("<kept.42@msp.example>"));
    QCOMPARE(built->envelopeFrom, QByteArray("billing@msp.example"));
    QCOMPARE(built->envelopeRecipients, QList<QByteArray>{"client@customer.example"});
    QVERIFY(headerValue(headers, "Content-Type").startsWith("multipart/mixed"));
    // The HTML as written, and a text alternative made from it.
    QVERIFY(partBody(data, "text/html").contains("<b>invoice INV-7</b>"));
    const QByteArray text = partBody(data, "text/plain");
    QVERIFY2(text.contains("please find invoice INV-7 attached."), text.constData());
    QVERIFY(!text.contains("<b>"));
    // The calendar as a file, and the PDF byte for byte under its given name.
    QVERIFY(data.contains("Scheduled_ticket.ics"));
    QCOMPARE(partBody(data, "Scheduled_ticket.ics"), row.calendar);
    QVERIFY(headerBlock(data.mid(data.lastIndexOf("\r\n--", data.indexOf("Scheduled_ticket.ics"))))
                .contains("text/calendar"));
    QCOMPARE(partBody(data, "Invoice-INV-7.pdf"), folder.pdf);
}

void TestMime::itflowRowWithoutCalendarOrAttachments()
{
    // ITFlow's raw insert leaves both columns NULL, its queue helper writes '': neither adds a part.
    itflow::QueueRow row = itflowRow();
    row.attachmentsJson = QString();
    row.calendar = QByteArray();
    auto built = itflow::buildQueueMessage(row, {});
    QVERIFY2(built, built ? "" : qPrintable(built.error().message));
    QVERIFY(headerValue(headerBlock(built->data), "Content-Type").startsWith("multipart/alternative"));
    QVERIFY(!built->data.contains("Content-Disposition: attachment"));
    row.attachmentsJson = QStringLiteral("");
    row.calendar = "";
    auto again = itflow::buildQueueMessage(row, {});
    QVERIFY(again);
    QVERIFY(!again->data.contains("Content-Disposition: attachment"));
}

void TestMime::itflowAttachmentRefused_data()
{
    QTest::addColumn<QString>("manifest");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("named"); // what the error must name
    QTest::newRow("missing file") << R"([{"path":"uploads/clients/7/gone.pdf","name":"Invoice.pdf"}])"
                                  << "attachment"
                                  << "Invoice.pdf";
    QTest::newRow("dot-dot out of uploads") << R"([{"path":"uploads/../config.php","name":"x.pdf"}])"
                                            << "attachment"
                                            << "uploads";
    QTest::newRow("beside uploads") << R"([{"path":"config.php","name":"x.pdf"}])"
                                    << "attachment"
                                    << "x.pdf";
    QTest::newRow("uploads sibling") << R"([{"path":"uploads2/a.pdf","name":"a.pdf"}])"
                                     << "attachment"
                                     << "a.pdf";
    QTest::newRow("symlink out") << R"([{"path":"uploads/link.pdf","name":"link.pdf"}])"
                                 << "attachment"
                                 << "outside";
    QTest::newRow("a folder") << R"([{"path":"uploads/clients","name":"c.pdf"}])"
                              << "attachment"
                              << "regular";
    QTest::newRow("not json") << R"([{"path":)"
                              << "attachment"
                              << "#42";
    QTest::newRow("an object") << R"({"path":"uploads/clients/7/invoice.pdf","name":"a.pdf"})"
                               << "attachment"
                               << "not a list";
    QTest::newRow("no name") << R"([{"path":"uploads/clients/7/invoice.pdf"}])"
                             << "attachment"
                             << "entry 1";
}

void TestMime::itflowAttachmentRefused()
{
    QFETCH(QString, manifest);
    QFETCH(QString, key);
    QFETCH(QString, named);
    ItflowFolder folder;
    QDir(folder.dir.path()).mkpath(QStringLiteral("uploads2"));
    folder.write(QStringLiteral("uploads2/a.pdf"), "pdf");
    QVERIFY(QFile::link(folder.dir.filePath(QStringLiteral("config.php")),
                        folder.dir.filePath(QStringLiteral("uploads/link.pdf"))));
    itflow::QueueRow row = itflowRow();
    row.attachmentsJson = manifest;
    itflow::MessageOptions options;
    options.itflowRoot = folder.dir.path();
    auto built = itflow::buildQueueMessage(row, options);
    QVERIFY(!built);
    QCOMPARE(built.error().key, key);
    QVERIFY2(built.error().message.contains(named), qPrintable(built.error().message));

    // Without the ITFlow folder set, attachments cannot be found: said, never sent without them.
    if (QTest::currentDataTag() == QByteArray("missing file")) {
        options.itflowRoot.clear();
        row.attachmentsJson = QStringLiteral(R"([{"path":"uploads/clients/7/invoice.pdf","name":"a.pdf"}])");
        auto unset = itflow::buildQueueMessage(row, options);
        QVERIFY(!unset);
        QCOMPARE(unset.error().key, QStringLiteral("itflow.root"));
    }
}

void TestMime::itflowSizeLimitCountsAttachments()
{
    ItflowFolder folder;
    itflow::QueueRow row = itflowRow();
    row.attachmentsJson = QStringLiteral(R"([{"path":"uploads/clients/7/invoice.pdf","name":"a.pdf"}])");
    itflow::MessageOptions options;
    options.itflowRoot = folder.dir.path();
    options.maxMessageBytes = 2000; // smaller than the PDF alone
    auto built = itflow::buildQueueMessage(row, options);
    QVERIFY(!built);
    QCOMPARE(built.error().key, QStringLiteral("attachment"));
    QVERIFY2(built.error().message.contains(QStringLiteral("queue.max_message_bytes")),
             qPrintable(built.error().message));
    options.maxMessageBytes = 1024 * 1024;
    QVERIFY(itflow::buildQueueMessage(row, options));
}

QTEST_GUILESS_MAIN(TestMime)
#include "test_mime.moc"
