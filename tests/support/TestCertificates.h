#pragma once

#include <QSslCertificate>
#include <QSslKey>
#include <QString>
#include <optional>

namespace outbound::test {

// A throw-away CA and a server certificate it signed (for 127.0.0.1 and localhost), made with the
// openssl command in a directory the caller owns (e.g. a QTemporaryDir). Nothing is committed.
struct TestCertificates
{
    QString caCertPath;     // PEM: what a client adds as ca_file
    QString serverCertPath; // PEM
    QString serverKeyPath;  // PEM, unencrypted
    QSslCertificate serverCertificate;
    QSslKey serverKey;
    QString serverSha256; // lower-case hex of the DER digest, as the engine pins it

    // Also a self-signed server certificate (no CA) for "untrusted" cases.
    QString selfSignedCertPath;
    QString selfSignedKeyPath;
    QSslCertificate selfSignedCertificate;
    QSslKey selfSignedKey;

    // Signed by the CA but issued for another name (mail.other.test): a name mismatch.
    QSslCertificate wrongNameCertificate;
    QSslKey wrongNameKey;
    // Signed by the CA, right names, expired on 2020-01-02.
    QSslCertificate expiredCertificate;
    QSslKey expiredKey;

    static std::optional<TestCertificates> create(const QString& directory, QString* error = nullptr);
};

} // namespace outbound::test
