// Fuzz target: the SMTP reply parser. The same bytes are parsed in one piece and split at
// fuzzer-chosen points; both must give the same replies (a reply never depends on how TCP cut the
// stream), and every reply must be well formed.

#include "FuzzSupport.h"
#include "smtp/SmtpReply.h"

#include <QList>

using namespace outbound;
using namespace outbound::fuzz;

namespace {

struct Parsed
{
    QList<SmtpReply> replies;
    bool error = false;
};

void checkReply(const SmtpReply& reply)
{
    check(reply.code >= 100 && reply.code <= 599, "reply code outside 100..599");
    check(!reply.lines.isEmpty(), "a reply without lines");
    check(reply.lines.size() <= SmtpReplyParser::kMaxLinesPerReply, "more lines than the parser allows");
    for (const QByteArray& line : reply.lines) {
        check(line.size() <= SmtpReplyParser::kMaxLineLength, "a line longer than the limit", line);
        for (char c : line) {
            const auto u = static_cast<unsigned char>(c);
            // Control characters must not reach terminals, logs or the database.
            check(u >= 0x20 || c == '\t', "a control character in reply text", line);
            check(u != 0x7F, "DEL in reply text", line);
        }
    }
    if (!reply.enhancedCode.isEmpty()) {
        check(reply.enhancedCode.at(0).digitValue() == reply.code / 100,
              "enhanced status class differs from the reply class", reply.enhancedCode.toUtf8());
        check(reply.enhancedCode.count(u'.') == 2, "enhanced status code is not X.Y.Z",
              reply.enhancedCode.toUtf8());
    }
    // The accessors must not trip over anything the parser accepted.
    (void)reply.text();
    (void)reply.textWithoutEnhancedCode();
    (void)reply.lastLine();
}

Parsed parse(const QByteArray& stream, const QList<qsizetype>& cuts, bool enhanced)
{
    Parsed result;
    SmtpReplyParser parser;
    parser.setEnhancedStatusCodes(enhanced);
    qsizetype from = 0;
    auto drain = [&] {
        for (;;) {
            SmtpReply reply;
            const auto status = parser.next(reply);
            if (status == SmtpReplyParser::Status::Reply) {
                checkReply(reply);
                result.replies.append(reply);
                continue;
            }
            if (status == SmtpReplyParser::Status::Error) {
                check(!parser.errorText().isEmpty(), "an error without a reason");
                result.error = true;
            }
            return;
        }
    };
    for (qsizetype cut : cuts) {
        if (result.error)
            break;
        parser.feed(QByteArrayView(stream).sliced(from, cut - from));
        from = cut;
        drain();
    }
    if (!result.error) {
        parser.feed(QByteArrayView(stream).sliced(from));
        drain();
    }
    return result;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    FuzzInput in(data, size);
    const bool enhanced = in.flag();
    const unsigned cutCount = in.pick(8);
    QList<quint16> cutWords;
    for (unsigned i = 0; i < cutCount; ++i)
        cutWords.append(in.word());
    const QByteArray stream = in.rest();

    QList<qsizetype> cuts;
    for (quint16 w : cutWords) {
        if (!stream.isEmpty())
            cuts.append(qsizetype(w) % (stream.size() + 1));
    }
    std::sort(cuts.begin(), cuts.end());

    const Parsed whole = parse(stream, {}, enhanced);
    const Parsed split = parse(stream, cuts, enhanced);
    check(whole.error == split.error, "splitting the stream changed whether it is an error");
    check(whole.replies.size() == split.replies.size(), "splitting the stream changed the number of replies");
    for (qsizetype i = 0; i < whole.replies.size(); ++i) {
        check(whole.replies[i].code == split.replies[i].code, "splitting changed a reply code");
        check(whole.replies[i].lines == split.replies[i].lines, "splitting changed a reply's lines");
        check(whole.replies[i].enhancedCode == split.replies[i].enhancedCode,
              "splitting changed an enhanced code");
    }

    // The enhanced status code reader on its own, against every class.
    for (int code : {0, 250, 450, 550})
        (void)parseEnhancedStatusCode(QByteArrayView(stream).first(qMin<qsizetype>(stream.size(), 64)), code);
    return 0;
}
