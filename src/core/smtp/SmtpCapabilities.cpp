#include "smtp/SmtpCapabilities.h"

namespace outbound {

void clearCapabilities(ServerInfo& info)
{
    info.esmtp = true;
    info.authMechanisms.clear();
    info.startTls = false;
    info.pipelining = false;
    info.eightBitMime = false;
    info.smtpUtf8 = false;
    info.enhancedStatusCodes = false;
    info.sizeLimit = 0;
}

void parseEhloCapabilities(const SmtpReply& reply, ServerInfo& info)
{
    clearCapabilities(info);
    // The first line is the server's greeting to us ("mail.example.com Hello ..."), not a keyword.
    for (qsizetype i = 1; i < reply.lines.size(); ++i) {
        const QList<QByteArray> tokens = reply.lines.at(i).simplified().split(' ');
        if (tokens.isEmpty() || tokens.first().isEmpty())
            continue;
        QByteArray keyword = tokens.first().toUpper();
        QList<QByteArray> params = tokens.mid(1);
        // Legacy "AUTH=PLAIN LOGIN": the first mechanism is glued to the keyword.
        if (keyword.startsWith("AUTH=")) {
            params.prepend(keyword.mid(5));
            keyword = "AUTH";
        }
        if (keyword == "AUTH") {
            for (const QByteArray& mechanism : std::as_const(params)) {
                const QString name = QString::fromLatin1(mechanism.toUpper());
                if (!name.isEmpty() && !info.authMechanisms.contains(name))
                    info.authMechanisms.append(name);
            }
        } else if (keyword == "STARTTLS") {
            info.startTls = true;
        } else if (keyword == "PIPELINING") {
            info.pipelining = true;
        } else if (keyword == "8BITMIME") {
            info.eightBitMime = true;
        } else if (keyword == "SMTPUTF8") {
            info.smtpUtf8 = true;
        } else if (keyword == "ENHANCEDSTATUSCODES") {
            info.enhancedStatusCodes = true;
        } else if (keyword == "SIZE") {
            bool ok = false;
            const qint64 limit = params.isEmpty() ? 0 : params.first().toLongLong(&ok);
            info.sizeLimit = ok && limit > 0 ? limit : 0;
        }
    }
}

} // namespace outbound
