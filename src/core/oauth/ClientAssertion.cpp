#include "oauth/ClientAssertion.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <memory>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

namespace outbound {

namespace {
QByteArray base64Url(const QByteArray& data)
{
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

struct BioFree
{
    void operator()(BIO* b) const { BIO_free(b); }
};
struct PkeyFree
{
    void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
struct MdCtxFree
{
    void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};

std::unique_ptr<EVP_PKEY, PkeyFree> readKey(const QByteArray& pem)
{
    std::unique_ptr<BIO, BioFree> bio(BIO_new_mem_buf(pem.constData(), static_cast<int>(pem.size())));
    if (!bio)
        return nullptr;
    return std::unique_ptr<EVP_PKEY, PkeyFree>(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
}
} // namespace

QString ClientCertificate::subject() const
{
    const QStringList cn = certificate.subjectInfo(QSslCertificate::CommonName);
    if (!cn.isEmpty())
        return cn.join(QStringLiteral(", "));
    return certificate.subjectDisplayName();
}

QDateTime ClientCertificate::expiresAt() const
{
    return certificate.expiryDate();
}

QByteArray ClientCertificate::x5tS256() const
{
    return base64Url(certificate.digest(QCryptographicHash::Sha256));
}

Result<ClientCertificate> ClientCertificate::load(const QString& pemPath)
{
    QFile file(pemPath);
    if (!file.open(QIODevice::ReadOnly))
        return Failure(QCoreApplication::translate("OAuth", "Cannot read the certificate file %1: %2")
                           .arg(pemPath, file.errorString()),
                       QStringLiteral("oauth.client_certificate"));
    const QByteArray pem = file.readAll();
    const QList<QSslCertificate> certs = QSslCertificate::fromData(pem, QSsl::Pem);
    if (certs.isEmpty())
        return Failure(QCoreApplication::translate("OAuth", "%1 holds no PEM certificate.").arg(pemPath),
                       QStringLiteral("oauth.client_certificate"));
    static const QRegularExpression keyBlock(
        QStringLiteral("-----BEGIN ((?:RSA |EC |ENCRYPTED )?PRIVATE KEY)-----.*?-----END \\1-----"),
        QRegularExpression::DotMatchesEverythingOption);
    const auto m = keyBlock.match(QString::fromLatin1(pem));
    if (!m.hasMatch())
        return Failure(
            QCoreApplication::translate(
                "OAuth", "%1 holds no private key; put the certificate and its key in one PEM file.")
                .arg(pemPath),
            QStringLiteral("oauth.client_certificate"));
    ClientCertificate c;
    c.certificate = certs.first();
    c.privateKeyPem = m.captured(0).toLatin1();
    if (!readKey(c.privateKeyPem))
        return Failure(
            QCoreApplication::translate(
                "OAuth", "The private key in %1 cannot be read (a key with a pass phrase is not supported).")
                .arg(pemPath),
            QStringLiteral("oauth.client_certificate"));
    return c;
}

Result<QByteArray> makeClientAssertion(const ClientCertificate& credential, const QString& clientId,
                                       const QString& tokenUrl, const QDateTime& now)
{
    auto key = readKey(credential.privateKeyPem);
    if (!key || EVP_PKEY_base_id(key.get()) != EVP_PKEY_RSA)
        return Failure(
            QCoreApplication::translate("OAuth", "The client certificate's key must be an RSA key (RS256)."),
            QStringLiteral("oauth.client_certificate"));
    QJsonObject header{{QStringLiteral("alg"), QStringLiteral("RS256")},
                       {QStringLiteral("typ"), QStringLiteral("JWT")},
                       {QStringLiteral("x5t#S256"), QString::fromLatin1(credential.x5tS256())}};
    QByteArray jti(16, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32*>(jti.data()), jti.size() / 4);
    const qint64 t = now.toSecsSinceEpoch();
    QJsonObject claims{
        {QStringLiteral("aud"), tokenUrl}, {QStringLiteral("iss"), clientId},
        {QStringLiteral("sub"), clientId}, {QStringLiteral("jti"), QString::fromLatin1(jti.toHex())},
        {QStringLiteral("nbf"), t},        {QStringLiteral("iat"), t},
        {QStringLiteral("exp"), t + 600}};
    const QByteArray signingInput = base64Url(QJsonDocument(header).toJson(QJsonDocument::Compact)) + '.' +
                                    base64Url(QJsonDocument(claims).toJson(QJsonDocument::Compact));

    std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
    size_t length = 0;
    if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()) != 1 ||
        EVP_DigestSign(ctx.get(), nullptr, &length,
                       reinterpret_cast<const unsigned char*>(signingInput.constData()),
                       static_cast<size_t>(signingInput.size())) != 1)
        return Failure(QCoreApplication::translate("OAuth", "Signing the client assertion failed."));
    QByteArray signature(static_cast<qsizetype>(length), Qt::Uninitialized);
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &length,
                       reinterpret_cast<const unsigned char*>(signingInput.constData()),
                       static_cast<size_t>(signingInput.size())) != 1)
        return Failure(QCoreApplication::translate("OAuth", "Signing the client assertion failed."));
    signature.resize(static_cast<qsizetype>(length));
    return signingInput + '.' + base64Url(signature);
}

} // namespace outbound
