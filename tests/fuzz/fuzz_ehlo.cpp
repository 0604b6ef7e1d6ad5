// Fuzz target: the EHLO capability parser. Lines come from the fuzzer; the parsed capabilities
// must be tokens (no spaces, upper-case mechanisms, no duplicates), parsing must be repeatable,
// and clearing must forget everything.

#include "FuzzSupport.h"
#include "smtp/SmtpCapabilities.h"

using namespace outbound;
using namespace outbound::fuzz;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    FuzzInput in(data, size);
    SmtpReply reply;
    reply.code = 250;
    // The lines as the reply parser would hand them over: no CR or LF inside a line.
    const QByteArray rest = in.rest();
    for (const QByteArray& line : rest.split('\n')) {
        QByteArray clean = line;
        clean.replace('\r', ' ');
        reply.lines.append(clean);
    }

    ServerInfo info;
    info.tlsActive = true;
    info.greeting = QStringLiteral("kept");
    parseEhloCapabilities(reply, info);
    check(info.tlsActive && info.greeting == QStringLiteral("kept"),
          "the capability parser touched TLS fields");
    check(info.sizeLimit >= 0, "negative SIZE limit");
    for (qsizetype i = 0; i < info.authMechanisms.size(); ++i) {
        const QString& mechanism = info.authMechanisms.at(i);
        check(!mechanism.isEmpty(), "empty AUTH mechanism");
        // Mechanism names are ASCII (RFC 4422); the parser upper-cases the ASCII letters.
        for (QChar c : mechanism)
            check(c < u'a' || c > u'z', "AUTH mechanism not upper-case", mechanism.toUtf8());
        check(!mechanism.contains(u' ') && !mechanism.contains(u'\t'), "AUTH mechanism holds a space",
              mechanism.toUtf8());
        check(info.authMechanisms.indexOf(mechanism) == i, "AUTH mechanism listed twice", mechanism.toUtf8());
    }
    // Without any line after the greeting there is nothing to offer.
    if (reply.lines.size() <= 1)
        check(info.authMechanisms.isEmpty() && !info.startTls && !info.pipelining && info.sizeLimit == 0,
              "capabilities from the greeting line alone");

    ServerInfo again;
    parseEhloCapabilities(reply, again);
    check(again.authMechanisms == info.authMechanisms && again.startTls == info.startTls &&
              again.pipelining == info.pipelining && again.sizeLimit == info.sizeLimit &&
              again.eightBitMime == info.eightBitMime && again.smtpUtf8 == info.smtpUtf8 &&
              again.enhancedStatusCodes == info.enhancedStatusCodes,
          "parsing the same reply twice gave different capabilities");

    clearCapabilities(info);
    check(info.authMechanisms.isEmpty() && !info.startTls && !info.pipelining && !info.eightBitMime &&
              !info.smtpUtf8 && !info.enhancedStatusCodes && info.sizeLimit == 0,
          "clearCapabilities left something behind");
    return 0;
}
