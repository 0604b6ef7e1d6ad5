// Fuzz target: address parsing. Whatever the parser accepts must be safe to put in a header and an
// envelope (no CR, LF, NUL, angle brackets or spaces in the address), must pass isValidEmail, and
// must survive being written as a header and parsed again.

#include "FuzzSupport.h"
#include "mime/HeaderEncoding.h"
#include "mime/MailAddress.h"

using namespace outbound;
using namespace outbound::fuzz;

namespace {

void checkAccepted(const MailAddress& address)
{
    if (address.email.contains(u'[') && knownDefectAllowed("address-literal"))
        return;
    const QByteArray shown = address.email.toUtf8();
    check(address.email.contains(u'@'), "accepted an address without @", shown);
    for (QChar c : address.email) {
        check(c != u'\r' && c != u'\n' && c != QChar(0), "accepted an address with CR, LF or NUL", shown);
        check(!c.isSpace(), "accepted an address with a space", shown);
    }
    // (A NUL in a display name passes here; buildMessage refuses it with a reason.)
    check(!address.name.contains(u'\r') && !address.name.contains(u'\n'),
          "accepted a display name with CR or LF", address.name.toUtf8());
    QString reason;
    check(isValidEmail(address.email, &reason), "parse accepted what isValidEmail refuses", shown);

    const QByteArray envelope = address.envelope();
    for (char c : envelope)
        check(c != '\r' && c != '\n' && c != '\0' && c != '<' && c != '>' && c != ' ',
              "envelope address holds a character that breaks MAIL FROM / RCPT TO", envelope);
    check(address.needsSmtpUtf8() == !mime::isAscii(envelope), "needsSmtpUtf8 disagrees with the envelope",
          envelope);

    // Written as a header: no line break except folding (CRLF + space), lines within 998.
    const QByteArray header = mime::addressHeader("To", {address});
    const QList<QByteArray> lines = header.split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QByteArray line = lines.at(i);
        if (i + 1 < lines.size()) {
            check(line.endsWith('\r'), "bare LF in an address header", header);
            line.chop(1);
        }
        check(!line.contains('\r'), "bare CR in an address header", header);
        check(line.size() <= mime::kHardLineLimit, "address header line over 998 bytes", header);
        if (i > 0)
            check(line.startsWith(' ') || line.startsWith('\t'), "address header continues without folding",
                  header);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    FuzzInput in(data, size);
    const bool asList = in.flag();
    const QString text = QString::fromUtf8(in.rest());
    if (asList) {
        const auto list = parseMailAddressList(text);
        if (list) {
            for (const MailAddress& address : list.value())
                checkAccepted(address);
        }
    } else {
        const auto address = parseMailAddress(text);
        if (address)
            checkAccepted(address.value());
        // Anything holding a line break must be refused, whatever else it holds.
        if (text.contains(u'\r') || text.contains(u'\n'))
            check(!address, "an address with a line break was accepted", text.toUtf8());
    }
    (void)isValidEmail(text);
    return 0;
}
