#pragma once

#include "common/Job.h"
#include "smtp/SmtpTypes.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <memory>

namespace outbound {

// What one port of a host answered. Probes never send credentials or mail: greeting, EHLO,
// STARTTLS, EHLO again, QUIT.
struct PortProbeResult
{
    // Why STARTTLS did not work although offered. Typed, so decisions never read sentences.
    enum class StartTlsFailure
    {
        None,
        Refused,      // answered with an error (e.g. 454)
        InjectedData, // bytes right after "220" before the handshake: the pattern of an attack
        Handshake,    // the TLS handshake after "220" failed
        Other         // no answer, closed, garbled
    };
    // The main reason a certificate did not verify, for people and for the advice.
    enum class CertificateProblem
    {
        None,
        SelfSigned,      // issued by itself: only pinning (or a ca_file with it) makes it trusted
        UntrustedIssuer, // issued by an authority this machine does not trust: smtp.ca_file
        Expired,
        NotYetValid,
        NameMismatch,
        Other
    };

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
    StartTlsFailure startTlsFailure = StartTlsFailure::None;
    int startTlsReplyCode = 0;  // the refusal's code (Refused)
    QString implicitTlsProblem; // why implicit TLS did not work
    // Certificate seen on this port (either TLS mode); valid = verified for the host name.
    bool certificateSeen = false;
    bool certificateValid = false;
    QStringList certificateErrors;
    CertificateProblem certificateProblem = CertificateProblem::None;
    QString certificateIssuer; // the issuer's name as shown to people
    // The verification problems as people should read them: trust problems in one typed sentence
    // (OpenSSL calls a private CA's root "self-signed"), the others as OpenSSL words them.
    QStringList certificateNotes;
    QString certificateSha256;
    QStringList certificateNames;
    QDateTime certificateExpiry;
    QString tlsProtocol;
    QStringList authMechanisms;        // offered inside TLS when TLS works, else in clear
    QStringList authMechanismsInClear; // offered before TLS
    qint64 sizeLimit = 0;
    qint64 elapsedMs = 0;

    // The best mode that works on this port: Tls, StartTls, None; nullopt when none works. Never
    // None when STARTTLS was offered and the upgrade failed: that is not a safe fallback.
    std::optional<Encryption> bestEncryption() const;
    // STARTTLS offered but the upgrade failed: the server's TLS is broken or under attack.
    bool startTlsBroken() const { return startTlsOffered && !startTlsWorks; }
    // "valid", "self-signed", "untrusted CA", "expired", ... ("-" when no certificate was seen).
    QString certificateStatusText() const;
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
    QString pinnedSha256;               // set when the certificate did not verify and pinning it would help
    QList<quint16> startTlsBrokenPorts; // offered STARTTLS but the upgrade failed: plain is never suggested
    QString reason;                     // translated sentence: why this one
    QString warning; // translated sentence, empty when none (plain only, bad certificate, no AUTH)

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

namespace detail {
class ProbeWorker;
}

// Probes ports of one host in parallel, every port with STARTTLS, implicit TLS and plain, and
// recommends a setting. Each connection drives SmtpProtocol in its probe mode. A Job: the sockets
// live on the job's worker thread, results arrive on the caller's; everything ends within the
// overall bound; cancel() at any moment, and the destructor cancels and joins.
class SettingsProbe : public Job
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsProbe)

public:
    static QList<quint16> defaultPorts(); // 587, 465, 25, 2525

    explicit SettingsProbe(QString host, QList<quint16> ports = defaultPorts(), QObject* parent = nullptr);
    ~SettingsProbe() override;

    // Before start():
    void setOverallTimeoutMs(int ms); // default 10000; each step gets half of it
    void setCaFile(const QString& pemPath);
    void setHeloName(const QString& name);

    // From finished results; exposed for tests and for combining reports of several hosts.
    static ProbeRecommendation recommend(const QString& host, const QList<PortProbeResult>& ports);

Q_SIGNALS:
    void portFinished(const outbound::PortProbeResult& result);
    // Exactly once after start() or cancel() (then report.cancelled is true).
    void finished(const outbound::ProbeReport& report);

protected:
    std::function<std::unique_ptr<JobWorker>()> workerFactory() override;

private:
    friend class detail::ProbeWorker;
    void deliver(const ProbeReport& report);

    QString m_host;
    QList<quint16> m_ports;
    int m_overallMs = 10000;
    QString m_caFile;
    QString m_heloName;
};

// Hosts worth probing for an address: the provider preset for Microsoft 365 and Google domains,
// then smtp.DOMAIN and mail.DOMAIN.
QStringList candidateHosts(const QString& emailAddress);

} // namespace outbound

Q_DECLARE_METATYPE(outbound::PortProbeResult)
Q_DECLARE_METATYPE(outbound::ProbeReport)
