#pragma once

#include "mime/MailAddress.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringView>

// Low-level pieces of MIME: RFC 2047 encoded words and folding, RFC 2231 parameters, transfer
// encodings, dates. Everything returns ASCII (or UTF-8 where SMTPUTF8 allows it) with CRLF.
namespace outbound::mime {

// Folding targets: lines should stay within 78 characters, and must stay within 998 bytes.
inline constexpr int kSoftLineLimit = 78;
inline constexpr int kHardLineLimit = 998;
inline constexpr int kMaxEncodedWordLength = 75;

bool isAscii(QByteArrayView bytes);
bool isAscii(QStringView text);

// Collects the tokens of one header field and folds between them (CRLF + space) so lines stay
// within 78 characters where possible. A token is never split; the caller keeps tokens short.
class FoldedHeader
{
public:
    explicit FoldedHeader(QByteArrayView name);

    // Appends a token after one space; folds first when the line would grow past 78.
    void append(QByteArrayView token);
    // Characters left on the current line after a separating space.
    int room() const;
    bool lineHasToken() const { return m_lineHasToken; }
    QByteArray result() const { return m_out; }

private:
    QByteArray m_out;
    qsizetype m_lineLength = 0;
    bool m_lineHasToken = false;
};

// Appends `text` as a chain of RFC 2047 encoded words (UTF-8, B or Q, whichever is shorter for
// each word), each at most 75 characters, split only between whole code points. Whitespace inside
// `text` is carried inside the words, so the chain decodes back to exactly `text`.
void appendEncodedWords(FoldedHeader& header, QStringView text);

// One encoded word for `text` (no length limit): for tests and small uses.
QByteArray encodeWord(QStringView text);

// "Subject: ..." style unstructured header, folded, without the final CRLF. Plain ASCII words stay
// readable; the stretch from the first to the last word that needs encoding becomes encoded words.
QByteArray unstructuredHeader(QByteArrayView name, const QString& value);

// "To: Name <a@b>, ..." folded, without the final CRLF. Display names are left as atoms, quoted when
// they hold specials, or encoded words when not ASCII. Addresses use MailAddress::envelope()
// (punycode domain) and raw UTF-8 only for a non-ASCII local part (SMTPUTF8).
QByteArray addressHeader(QByteArrayView name, const QList<MailAddress>& addresses);

// Decodes RFC 2047 encoded words in an (unfolded or folded) header value. For viewers and tests.
QString decodeHeaderValue(QByteArrayView value);

// File name parameters for Content-Type (name) / Content-Disposition (filename): RFC 2231
// `param*=UTF-8''...` (continued as `param*0*=`, `param*1*=` when long) first, then a plain
// ASCII fallback `param="..."`. Each returned entry is one `key=value` for its own folded line.
QList<QByteArray> fileNameParameters(QByteArrayView param, const QString& fileName);
// The ASCII stand-in for a file name: accents dropped, other characters replaced by '_'.
QByteArray asciiFallbackFileName(const QString& fileName);
// A MIME type from the file extension; application/octet-stream when unknown.
QByteArray guessContentType(const QString& fileName);

enum class TransferEncoding
{
    SevenBit,
    QuotedPrintable,
    Base64
};
QByteArray toHeaderValue(TransferEncoding encoding); // "7bit", "quoted-printable", "base64"

// For text whose line ends are CRLF already: 7bit when ASCII with lines <= 998, otherwise
// quoted-printable for mostly ASCII text (unless base64 is over a quarter shorter), base64 for
// mostly non-ASCII text such as Chinese.
TransferEncoding chooseTextEncoding(QByteArrayView crlfText);
// For bytes that must survive exactly (attachments): 7bit only for ASCII text whose line breaks
// are all CRLF and short enough; base64 otherwise.
TransferEncoding chooseBinaryEncoding(QByteArrayView data, QByteArrayView contentType);

// Line ends to CRLF (lone CR, lone LF, CRLF all become CRLF).
QByteArray normalizeLineEnds(QByteArrayView text);
// RFC 2045 quoted-printable of CRLF text: hard line breaks kept, encoded lines <= 76 characters.
QByteArray encodeQuotedPrintable(QByteArrayView crlfText);
// Base64 in lines of 76 characters joined by CRLF (no final CRLF).
QByteArray encodeBase64Lines(QByteArrayView data);
QByteArray encodeBody(QByteArrayView data, TransferEncoding encoding);

// RFC 5322 date: "Tue, 24 Nov 2026 00:44:41 +0100", in the date's own offset.
QByteArray formatDate(const QDateTime& date);

} // namespace outbound::mime
