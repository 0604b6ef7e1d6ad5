#include "TestCertificates.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QProcess>

namespace outbound::test {

namespace {

bool runOpenssl(const QStringList& args, const QString& directory, QString* error)
{
    QProcess p;
    p.setWorkingDirectory(directory);
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(QStringLiteral("openssl"), args);
    // Test support only: a short blocking wait is fine here (never in the engine).
    if (!p.waitForFinished(30000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        if (error)
            *error = QStringLiteral("openssl %1 failed: %2")
                         .arg(args.join(u' '), QString::fromLocal8Bit(p.readAll()));
        return false;
    }
    return true;
}

QByteArray readFile(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

std::optional<TestCertificates> TestCertificates::create(const QString& directory, QString* error)
{
    const QDir dir(directory);
    const auto path = [&dir](const char* name) {
        return dir.filePath(QLatin1String(name));
    };
    {
        QFile ext(path("server.ext"));
        if (!ext.open(QIODevice::WriteOnly))
            return std::nullopt;
        QFile other(path("other.ext"));
        if (!other.open(QIODevice::WriteOnly))
            return std::nullopt;
        other.write("subjectAltName=DNS:mail.other.test\nbasicConstraints=CA:FALSE\n");
        // `openssl ca` is the one that takes explicit validity dates (for the expired certificate).
        QFile caConfig(path("ca.cnf"));
        QFile index(path("index.txt"));
        QFile serial(path("serial"));
        if (!caConfig.open(QIODevice::WriteOnly) || !index.open(QIODevice::WriteOnly) ||
            !serial.open(QIODevice::WriteOnly))
            return std::nullopt;
        caConfig.write("[ ca ]\ndefault_ca = CA_default\n[ CA_default ]\ndir = .\ndatabase = index.txt\n"
                       "new_certs_dir = .\nserial = serial\ndefault_md = sha256\npolicy = policy_any\n"
                       "unique_subject = no\n[ policy_any ]\ncommonName = supplied\n");
        serial.write("1000\n");
        ext.write("subjectAltName=DNS:localhost,IP:127.0.0.1\n"
                  "basicConstraints=CA:FALSE\n"
                  "keyUsage=digitalSignature,keyEncipherment\n"
                  "extendedKeyUsage=serverAuth\n");
    }
    const QStringList ec{QStringLiteral("-newkey"), QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                         QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes")};
    const bool ok =
        runOpenssl(
            QStringList{QStringLiteral("req"), QStringLiteral("-x509")} + ec +
                QStringList{QStringLiteral("-keyout"), path("ca.key"), QStringLiteral("-out"), path("ca.pem"),
                            QStringLiteral("-days"), QStringLiteral("3"), QStringLiteral("-subj"),
                            QStringLiteral("/CN=Outbound Test CA"), QStringLiteral("-addext"),
                            QStringLiteral("basicConstraints=critical,CA:TRUE"), QStringLiteral("-addext"),
                            QStringLiteral("keyUsage=critical,keyCertSign,cRLSign")},
            directory, error) &&
        runOpenssl(QStringList{QStringLiteral("req")} + ec +
                       QStringList{QStringLiteral("-keyout"), path("server.key"), QStringLiteral("-out"),
                                   path("server.csr"), QStringLiteral("-subj"),
                                   QStringLiteral("/CN=localhost")},
                   directory, error) &&
        runOpenssl({QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"), path("server.csr"),
                    QStringLiteral("-CA"), path("ca.pem"), QStringLiteral("-CAkey"), path("ca.key"),
                    QStringLiteral("-CAcreateserial"), QStringLiteral("-out"), path("server.pem"),
                    QStringLiteral("-days"), QStringLiteral("3"), QStringLiteral("-extfile"),
                    path("server.ext")},
                   directory, error) &&
        runOpenssl(QStringList{QStringLiteral("req")} + ec +
                       QStringList{QStringLiteral("-keyout"), path("other.key"), QStringLiteral("-out"),
                                   path("other.csr"), QStringLiteral("-subj"),
                                   QStringLiteral("/CN=mail.other.test")},
                   directory, error) &&
        runOpenssl({QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"), path("other.csr"),
                    QStringLiteral("-CA"), path("ca.pem"), QStringLiteral("-CAkey"), path("ca.key"),
                    QStringLiteral("-CAcreateserial"), QStringLiteral("-out"), path("other.pem"),
                    QStringLiteral("-days"), QStringLiteral("3"), QStringLiteral("-extfile"),
                    path("other.ext")},
                   directory, error) &&
        runOpenssl(QStringList{QStringLiteral("req")} + ec +
                       QStringList{QStringLiteral("-keyout"), path("expired.key"), QStringLiteral("-out"),
                                   path("expired.csr"), QStringLiteral("-subj"),
                                   QStringLiteral("/CN=localhost")},
                   directory, error) &&
        runOpenssl({QStringLiteral("ca"), QStringLiteral("-batch"), QStringLiteral("-config"), path("ca.cnf"),
                    QStringLiteral("-cert"), path("ca.pem"), QStringLiteral("-keyfile"), path("ca.key"),
                    QStringLiteral("-in"), path("expired.csr"), QStringLiteral("-out"), path("expired.pem"),
                    QStringLiteral("-startdate"), QStringLiteral("20200101000000Z"),
                    QStringLiteral("-enddate"), QStringLiteral("20200102000000Z"), QStringLiteral("-extfile"),
                    path("server.ext")},
                   directory, error) &&
        runOpenssl(QStringList{QStringLiteral("req"), QStringLiteral("-x509")} + ec +
                       QStringList{QStringLiteral("-keyout"), path("self.key"), QStringLiteral("-out"),
                                   path("self.pem"), QStringLiteral("-days"), QStringLiteral("3"),
                                   QStringLiteral("-subj"), QStringLiteral("/CN=localhost"),
                                   QStringLiteral("-addext"),
                                   QStringLiteral("subjectAltName=DNS:localhost,IP:127.0.0.1")},
                   directory, error);
    if (!ok)
        return std::nullopt;

    TestCertificates c;
    c.caCertPath = path("ca.pem");
    c.serverCertPath = path("server.pem");
    c.serverKeyPath = path("server.key");
    c.serverCertificate = QSslCertificate(readFile(c.serverCertPath), QSsl::Pem);
    c.serverKey = QSslKey(readFile(c.serverKeyPath), QSsl::Ec, QSsl::Pem);
    c.serverSha256 = QString::fromLatin1(
        QCryptographicHash::hash(c.serverCertificate.toDer(), QCryptographicHash::Sha256).toHex());
    c.selfSignedCertPath = path("self.pem");
    c.selfSignedKeyPath = path("self.key");
    c.selfSignedCertificate = QSslCertificate(readFile(c.selfSignedCertPath), QSsl::Pem);
    c.selfSignedKey = QSslKey(readFile(c.selfSignedKeyPath), QSsl::Ec, QSsl::Pem);
    c.wrongNameCertificate = QSslCertificate(readFile(path("other.pem")), QSsl::Pem);
    c.wrongNameKey = QSslKey(readFile(path("other.key")), QSsl::Ec, QSsl::Pem);
    c.expiredCertificate = QSslCertificate(readFile(path("expired.pem")), QSsl::Pem);
    c.expiredKey = QSslKey(readFile(path("expired.key")), QSsl::Ec, QSsl::Pem);
    if (c.expiredCertificate.isNull() || c.expiredKey.isNull() || c.wrongNameCertificate.isNull() ||
        c.wrongNameKey.isNull() || c.serverCertificate.isNull() || c.serverKey.isNull() ||
        c.selfSignedCertificate.isNull() || c.selfSignedKey.isNull()) {
        if (error)
            *error = QStringLiteral("could not load the generated certificates");
        return std::nullopt;
    }
    return c;
}

} // namespace outbound::test
