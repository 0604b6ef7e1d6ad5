#pragma once

#include "smtp/SmtpTypes.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>
#include <memory>

namespace outbound {

// What one port of a host answered. Probes never send credentials or mail: greeting, EHLO,
// STARTTLS, EHLO again, QUIT.
struct PortProbeResult
{
    quint16 port = 0;
    bool reachable = false; // a TCP connection was made
    bool refused = false;   // nothing listens
    bool hostNotFound = false;
    bool silent = false;     // connected, but neither a plain greeting nor a TLS handshake came back
    QString greeting;        // the first greeting line (clear or inside TLS)
    bool plainWorks = false; // greets in clear with 220
    bool startTlsOffered = false;
    bool startTlsWorks = false;    // STARTTLS handshake done and EHLO answered inside TLS
    bool implicitTlsWorks = false; // TLS from the first byte, then a 220 greeting
    QString startTlsProblem;       // why STARTTLS did not work, when offered
    QString implicitTlsProblem;    // why implicit TLS did not work
    // Certificate seen on this port (either TLS mode); valid = verified for the host name.
    bool certificateSeen = false;
    bool certificateValid = false;
    QStringList certificateErrors;
    QString certificateSha256;
    QStringList certificateNames;
    QDateTime certificateExpiry;
    QString tlsProtocol;
    QStringList authMechanisms;        // offered inside TLS when TLS works, else in clear
    QStringList authMechanismsInClear; // offered before TLS
    qint64 sizeLimit = 0;
    qint64 elapsedMs = 0;

    // The best mode that works on this port: Tls, StartTls, None; nullopt when none works.
    std::optional<Encryption> bestEncryption() const;
    // A short note for people: "refused", "no answer", "TLS works", ...
    QString statusText() const;
    QJsonObject toJson() const;
};

// The one setting the probe suggests.
struct ProbeRecommendation
{
    bool found = false;
    QString host;
    quint16 port = 0;
    Encryption encryption = Encryption::StartTls;
    bool authOffered = false;
    QString pinnedSha256; // set when the certificate did not verify and pinning it would help
    QString reason;       // translated sentence: why this one
    QString warning;      // translated sentence, empty when none (plain only, bad certificate, no AUTH)

    // The `outbound-cli settings set ...` arguments that apply it (without the program name).
    QStringList settingsArguments() const;
    QJsonObject toJson() const;
};

struct ProbeReport
{
    QString host;
    QList<PortProbeResult> ports; // in the order asked
    ProbeRecommendation recommendation;
    qint64 elapsedMs = 0;
    bool cancelled = false;
    QJsonObject toJson() const;
};

// Probes ports of one host in parallel, every port with STARTTLS, implicit TLS and plain, and
// recommends a setting. Fully asynchronous (signals); safe on the GUI thread: no waitFor*, no
// nested event loop. Everything ends within the overall bound.
class SettingsProbe : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsProbe)

public:
    static QList<quint16> defaultPorts(); // 587, 465, 25, 2525

    explicit SettingsProbe(QString host, QList<quint16> ports = defaultPorts(), QObject* parent = nullptr);
    ~SettingsProbe() override;

    void setOverallTimeoutMs(int ms); // default 10000; each step gets half of it
    void setCaFile(const QString& pemPath);
    void setHeloName(const QString& name);

    void start();
    void cancel(); // finished() follows with cancelled = true
    bool isRunning() const;

    // From finished results; exposed for tests and for combining reports of several hosts.
    static ProbeRecommendation recommend(const QString& host, const QList<PortProbeResult>& ports);

Q_SIGNALS:
    void portFinished(const outbound::PortProbeResult& result);
    void finished(const outbound::ProbeReport& report);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

// Hosts worth probing for an address: the provider preset for Microsoft 365 and Google domains,
// then smtp.DOMAIN and mail.DOMAIN.
QStringList candidateHosts(const QString& emailAddress);

} // namespace outbound

Q_DECLARE_METATYPE(outbound::PortProbeResult)
Q_DECLARE_METATYPE(outbound::ProbeReport)
