#pragma once

#include <QSsl>
#include <QSslCertificate>
#include <QString>
#include <QStringList>

namespace outbound {

// SHA-256 of the certificate's DER bytes as lower-case hex; empty for a null certificate.
QString certificateSha256Hex(const QSslCertificate& certificate);
// The subject common name(s) followed by the subject alternative names, without duplicates.
QStringList certificateNames(const QSslCertificate& certificate);
// "TLSv1.3", "TLSv1.2", or "TLS" for anything else.
QString tlsProtocolName(QSsl::SslProtocol protocol);

} // namespace outbound
