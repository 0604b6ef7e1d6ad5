#pragma once

#include "common/Result.h"

#include <QDateTime>
#include <QSslCertificate>
#include <QString>

namespace outbound {

// The app flow's certificate credential: a PEM file with the certificate and its private key.
struct ClientCertificate
{
    QSslCertificate certificate;
    QByteArray privateKeyPem;

    QString subject() const;     // CN (or the whole subject) for the window
    QDateTime expiresAt() const; // notAfter
    QByteArray x5tS256() const;  // base64url SHA-256 of the DER certificate

    static Result<ClientCertificate> load(const QString& pemPath);
};

// A signed client-assertion JWT (RFC 7523, Microsoft's certificate credential): header
// {"alg":"RS256","typ":"JWT","x5t#S256":...}, claims aud = token URL, iss = sub = client id, a
// random jti, nbf/iat now and exp ten minutes later. Signed with OpenSSL's EVP (no RSA by hand).
Result<QByteArray> makeClientAssertion(const ClientCertificate& credential, const QString& clientId,
                                       const QString& tokenUrl, const QDateTime& now);

} // namespace outbound
