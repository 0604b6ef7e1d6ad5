#include "smtp/TlsDetails.h"

#include <QCryptographicHash>

namespace outbound {

QString certificateSha256Hex(const QSslCertificate& certificate)
{
    if (certificate.isNull())
        return {};
    return QString::fromLatin1(
        QCryptographicHash::hash(certificate.toDer(), QCryptographicHash::Sha256).toHex());
}

QStringList certificateNames(const QSslCertificate& certificate)
{
    QStringList names = certificate.subjectInfo(QSslCertificate::CommonName);
    const auto alternatives = certificate.subjectAlternativeNames();
    for (auto it = alternatives.constBegin(); it != alternatives.constEnd(); ++it) {
        if (!names.contains(it.value()))
            names.append(it.value());
    }
    return names;
}

QString tlsProtocolName(QSsl::SslProtocol protocol)
{
    switch (protocol) {
    case QSsl::TlsV1_3:
        return QStringLiteral("TLSv1.3");
    case QSsl::TlsV1_2:
        return QStringLiteral("TLSv1.2");
    default:
        return QStringLiteral("TLS");
    }
}

} // namespace outbound
