#include "diagnosis/SettingsProbe.h"

#include "smtp/SmtpProtocol.h"
#include "smtp/TlsDetails.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QHostInfo>
#include <QJsonArray>
#include <QPointer>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTimer>
#include <functional>

namespace outbound {

namespace {

// What one connection attempt learnt.
struct Attempt
{
    bool connected = false;
    bool refused = false;
    bool hostNotFound = false;
    bool timedOut = false;
    bool tlsBytesAsGreeting = false;
    QString problem;
    int greetingCode = 0;
    QString greeting;
    ServerInfo clearCapabilities; // EHLO answer before TLS (clear mode)
    ServerInfo tlsCapabilities;   // EHLO answer inside TLS
    bool startTlsOffered = false;
    PortProbeResult::StartTlsFailure startTlsFailure = PortProbeResult::StartTlsFailure::None;
    int startTlsReplyCode = 0;
    bool tlsDone = false; // handshake finished and EHLO answered inside TLS
    bool tlsHandshakeDone = false;
    QStringList certificateErrors;
    QList<QSslError::SslError> certificateErrorCodes;
    QList<QSslCertificate> certificateChain; // as the server sent it, leaf first
    QString tlsProtocol;
};

// One light SMTP conversation on its own QSslSocket: greeting, EHLO, optional STARTTLS, EHLO, QUIT.
// The conversation itself is SmtpProtocol's (probe mode), so replies, capabilities, the STARTTLS
// injection check and the TLS-bytes-as-greeting sniff are the engine's; this class only moves
// bytes, runs the per-step timer, and continues past certificate errors to see more. That is safe
// because a probe never sends credentials or mail.
class ProbeConnection : public QObject, private SmtpProtocol::Listener
{
public:
    enum class Mode
    {
        Clear,   // plain greeting, then STARTTLS when offered
        Implicit // TLS from the first byte
    };

    ProbeConnection(Mode mode, QString host, quint16 port, QSslConfiguration tls, QString heloName,
                    int stepBudgetMs, std::function<void()> onDone, QObject* parent)
        : QObject(parent), m_mode(mode), m_config(makeConfig(mode, host, port, heloName)),
          m_protocol(m_config, *this), m_stepBudgetMs(stepBudgetMs), m_onDone(std::move(onDone))
    {
        m_protocol.setProbeMode(true);
        m_socket = new QSslSocket(this);
        m_socket->setSslConfiguration(tls);
        m_socket->setPeerVerifyName(m_config.host);
        m_timer.setSingleShot(true);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            m_attempt.timedOut = true;
            fail(QCoreApplication::translate("SettingsProbe", "no answer within %1 s at %2")
                     .arg(m_stepBudgetMs / 1000.0, 0, 'f', 1)
                     .arg(stepName()));
        });
        connect(m_socket, &QSslSocket::connected, this, [this] {
            m_attempt.connected = true;
            m_timer.start(m_stepBudgetMs); // the greeting, or the handshake for implicit TLS
            if (m_mode == Mode::Clear) {
                m_protocol.connectionEstablished(false);
                afterProtocol();
            }
        });
        connect(m_socket, &QSslSocket::encrypted, this, [this] { onEncrypted(); });
        connect(m_socket, &QSslSocket::sslErrors, this, [this](const QList<QSslError>& errors) {
            for (const QSslError& e : errors) {
                if (!m_attempt.certificateErrorCodes.contains(e.error())) {
                    m_attempt.certificateErrorCodes.append(e.error()); // same index as its text
                    m_attempt.certificateErrors.append(e.errorString());
                }
            }
            // Recorded above and reported; the probe sends nothing secret, so it goes on to see more.
            m_socket->ignoreSslErrors(errors);
        });
        connect(m_socket, &QSslSocket::readyRead, this, [this] {
            if (m_done)
                return;
            const quint64 replies = m_protocol.repliesHandled();
            m_protocol.receive(m_socket->readAll());
            if (m_protocol.repliesHandled() != replies)
                m_timer.start(m_stepBudgetMs); // a fresh budget for the next step
            afterProtocol();
        });
        connect(m_socket, &QAbstractSocket::errorOccurred, this,
                [this](QAbstractSocket::SocketError error) { onError(error); });
    }

    void start()
    {
        m_timer.start(m_stepBudgetMs);
        if (m_mode == Mode::Implicit)
            m_socket->connectToHostEncrypted(m_config.host, m_config.port);
        else
            m_socket->connectToHost(m_config.host, m_config.port);
    }

    void abort(const QString& why)
    {
        if (m_done)
            return;
        m_attempt.timedOut = true;
        fail(why);
    }

    bool isDone() const { return m_done; }
    const Attempt& attempt() const { return m_attempt; }

private:
    static SmtpConfig makeConfig(Mode mode, const QString& host, quint16 port, const QString& heloName)
    {
        SmtpConfig c;
        c.host = host;
        c.port = port;
        c.encryption = mode == Mode::Clear ? Encryption::StartTls : Encryption::Tls;
        c.auth = AuthMethod::None;
        c.heloName = heloName;
        return c;
    }

    QString stepName() const
    {
        if (m_socket->state() != QAbstractSocket::ConnectedState)
            return QStringLiteral("connect");
        if (m_mode == Mode::Implicit && !m_attempt.tlsHandshakeDone)
            return QStringLiteral("tls");
        return toString(m_protocol.phase());
    }

    // Writes what the protocol produced; after QUIT went out, the attempt is complete.
    void afterProtocol()
    {
        if (m_done)
            return;
        if (!m_protocol.output().isEmpty()) {
            m_socket->write(m_protocol.output());
            m_protocol.clearOutput();
        }
        if (m_quitting)
            finish();
    }

    void onEncrypted()
    {
        m_attempt.tlsHandshakeDone = true;
        m_attempt.certificateChain = m_socket->peerCertificateChain();
        if (m_attempt.certificateChain.isEmpty() && !m_socket->peerCertificate().isNull())
            m_attempt.certificateChain = {m_socket->peerCertificate()};
        m_attempt.tlsProtocol = tlsProtocolName(m_socket->sessionProtocol());
        m_timer.start(m_stepBudgetMs);
        if (m_mode == Mode::Implicit && m_protocol.state() == SmtpProtocol::State::Connecting)
            m_protocol.connectionEstablished(true);
        else
            m_protocol.tlsEstablished();
        afterProtocol();
    }

    // ---- SmtpProtocol::Listener
    void protocolPhaseChanged(SmtpPhase phase) override
    {
        if (phase != SmtpPhase::Greeting && phase != SmtpPhase::Connect && m_attempt.greetingCode == 0)
            m_attempt.greetingCode = 220; // the protocol only moves on after a 220 greeting
        if (phase == SmtpPhase::StartTls && !m_protocol.serverInfo().tlsActive) {
            // STARTTLS is on its way: what EHLO offered in clear is known now.
            m_attempt.clearCapabilities = m_protocol.serverInfo();
            m_attempt.startTlsOffered = true;
        }
    }

    void protocolTranscript(const TranscriptLine& line) override
    {
        if (line.direction == TranscriptLine::Direction::Server && m_attempt.greeting.isEmpty())
            m_attempt.greeting = line.text; // the first line the server sent, with its code
    }

    void protocolStartTls() override
    {
        afterProtocol();
        m_timer.start(m_stepBudgetMs);
        m_socket->startClientEncryption();
    }

    void protocolReady(const ServerInfo& info) override
    {
        if (info.tlsActive) {
            m_attempt.tlsCapabilities = info;
            m_attempt.tlsDone = true;
        } else {
            m_attempt.clearCapabilities = info;
        }
        m_protocol.requestClose(); // QUIT, written by afterProtocol() once the protocol returns
        m_quitting = true;
    }

    void protocolMessageDone(const SendOutcome&) override {}

    void protocolFailed(const SmtpError& error) override
    {
        if (error.phase == SmtpPhase::Greeting) {
            m_attempt.greetingCode = error.code;
            m_attempt.tlsBytesAsGreeting = error.receivedTlsBytesAsGreeting;
        }
        if (m_attempt.startTlsOffered && !m_attempt.tlsHandshakeDone && error.phase == SmtpPhase::StartTls) {
            if (error.kind == SmtpErrorKind::ServerReply) {
                m_attempt.startTlsFailure = PortProbeResult::StartTlsFailure::Refused;
                m_attempt.startTlsReplyCode = error.code;
            } else if (error.kind == SmtpErrorKind::ProtocolError) {
                // The engine refuses bytes after "220" as an injection (CVE-2011-0411 pattern).
                m_attempt.startTlsFailure = PortProbeResult::StartTlsFailure::InjectedData;
            } else {
                m_attempt.startTlsFailure = PortProbeResult::StartTlsFailure::Other;
            }
        }
        fail(error.summary());
    }

    void protocolClosed() override {}

    void onError(QAbstractSocket::SocketError error)
    {
        if (m_done)
            return;
        if (m_attempt.startTlsOffered && m_protocol.state() == SmtpProtocol::State::TlsHandshake &&
            m_attempt.startTlsFailure == PortProbeResult::StartTlsFailure::None)
            m_attempt.startTlsFailure = PortProbeResult::StartTlsFailure::Handshake;
        switch (error) {
        case QAbstractSocket::ConnectionRefusedError:
            m_attempt.refused = true;
            fail(QCoreApplication::translate("SettingsProbe", "connection refused"));
            return;
        case QAbstractSocket::HostNotFoundError:
            m_attempt.hostNotFound = true;
            fail(QCoreApplication::translate("SettingsProbe", "host name not found"));
            return;
        case QAbstractSocket::RemoteHostClosedError:
            fail(QCoreApplication::translate("SettingsProbe", "the server closed the connection at %1")
                     .arg(stepName()));
            return;
        default:
            fail(QStringLiteral("%1: %2").arg(stepName(), m_socket->errorString()));
            return;
        }
    }

    void fail(const QString& problem)
    {
        if (m_done)
            return;
        if (m_attempt.problem.isEmpty())
            m_attempt.problem = problem;
        if (m_attempt.startTlsOffered && !m_attempt.tlsDone &&
            m_attempt.startTlsFailure == PortProbeResult::StartTlsFailure::None)
            m_attempt.startTlsFailure = PortProbeResult::StartTlsFailure::Other;
        finish();
    }

    void finish()
    {
        if (m_done)
            return;
        m_done = true;
        m_timer.stop();
        m_socket->disconnectFromHost();
        if (m_socket->state() != QAbstractSocket::UnconnectedState)
            QTimer::singleShot(1000, m_socket, [socket = QPointer<QSslSocket>(m_socket)] {
                if (socket)
                    socket->abort();
            });
        // Report after this handler returns, so the owner may delete us then.
        QTimer::singleShot(0, this, [this] { m_onDone(); });
    }

    Mode m_mode;
    SmtpConfig m_config; // before m_protocol, which keeps a reference to it
    SmtpProtocol m_protocol;
    int m_stepBudgetMs;
    std::function<void()> m_onDone;
    QSslSocket* m_socket = nullptr;
    QTimer m_timer;
    bool m_done = false;
    bool m_quitting = false;
    Attempt m_attempt;
};

// Self-signed in the strict sense: issued by itself (issuer and subject the same name, and the
// key identifiers and key usage of an issuer of itself, which isSelfSigned() checks with
// OpenSSL's X509_check_issued). A certificate a private CA issued is not; it wants smtp.ca_file.
bool issuedByItself(const QSslCertificate& certificate)
{
    return !certificate.isNull() && certificate.isSelfSigned() &&
           certificate.issuerDisplayName() == certificate.subjectDisplayName();
}

// Errors that say "nobody this machine trusts vouches for the certificate".
bool isTrustError(QSslError::SslError code)
{
    switch (code) {
    case QSslError::SelfSignedCertificate:
    case QSslError::SelfSignedCertificateInChain:
    case QSslError::UnableToGetLocalIssuerCertificate:
    case QSslError::UnableToGetIssuerCertificate:
    case QSslError::UnableToVerifyFirstCertificate:
    case QSslError::CertificateUntrusted:
    case QSslError::CertificateRejected:
    case QSslError::InvalidCaCertificate:
        return true;
    default:
        return false;
    }
}

PortProbeResult::CertificateProblem classifyCertificate(const QList<QSslError::SslError>& errors,
                                                        const QList<QSslCertificate>& chain)
{
    using P = PortProbeResult::CertificateProblem;
    if (errors.isEmpty())
        return P::None;
    const bool selfSigned = !chain.isEmpty() && issuedByItself(chain.first());
    const bool untrusted = std::any_of(errors.cbegin(), errors.cend(), isTrustError);
    // Who vouches for the certificate decides the advice, so that comes first.
    if (untrusted)
        return selfSigned ? P::SelfSigned : P::UntrustedIssuer;
    if (errors.contains(QSslError::CertificateExpired))
        return P::Expired;
    if (errors.contains(QSslError::CertificateNotYetValid))
        return P::NotYetValid;
    if (errors.contains(QSslError::HostNameMismatch))
        return P::NameMismatch;
    return P::Other;
}

// The two attempts on one port folded into what a person wants to know.
PortProbeResult combine(quint16 port, const Attempt& clear, const Attempt& implicit, qint64 elapsedMs)
{
    PortProbeResult r;
    r.port = port;
    r.elapsedMs = elapsedMs;
    r.reachable = clear.connected || implicit.connected;
    r.refused = !r.reachable && (clear.refused || implicit.refused);
    r.hostNotFound = !r.reachable && (clear.hostNotFound || implicit.hostNotFound);
    r.plainWorks = clear.greetingCode == 220 && !clear.tlsBytesAsGreeting;
    r.startTlsOffered = clear.startTlsOffered;
    r.startTlsWorks = clear.tlsDone;
    r.implicitTlsWorks = implicit.tlsDone;
    r.silent =
        r.reachable && clear.greetingCode == 0 && !implicit.tlsHandshakeDone && !clear.tlsBytesAsGreeting;
    r.greeting = !clear.greeting.isEmpty() ? clear.greeting : implicit.greeting;
    if (r.startTlsOffered && !r.startTlsWorks) {
        r.startTlsProblem = clear.problem;
        r.startTlsFailure = clear.startTlsFailure == PortProbeResult::StartTlsFailure::None
                                ? PortProbeResult::StartTlsFailure::Other
                                : clear.startTlsFailure;
        r.startTlsReplyCode = clear.startTlsReplyCode;
    }
    if (!r.implicitTlsWorks) {
        r.implicitTlsProblem = implicit.problem;
        if (r.plainWorks && implicit.connected)
            r.implicitTlsProblem =
                r.startTlsOffered
                    ? QCoreApplication::translate("SettingsProbe",
                                                  "the port speaks plain SMTP first (use starttls here)")
                    : QCoreApplication::translate(
                          "SettingsProbe", "the port speaks plain SMTP first (use starttls or none here)");
    }

    const Attempt* tls = implicit.tlsHandshakeDone ? &implicit : (clear.tlsHandshakeDone ? &clear : nullptr);
    if (tls != nullptr && !tls->certificateChain.isEmpty()) {
        const QSslCertificate& leaf = tls->certificateChain.first();
        r.certificateSeen = true;
        r.certificateErrors = tls->certificateErrors;
        r.certificateValid = tls->certificateErrors.isEmpty();
        r.certificateProblem = classifyCertificate(tls->certificateErrorCodes, tls->certificateChain);
        r.certificateIssuer = leaf.issuerDisplayName();
        for (qsizetype i = 0; i < tls->certificateErrorCodes.size(); ++i) {
            if (!isTrustError(tls->certificateErrorCodes.at(i)))
                r.certificateNotes << tls->certificateErrors.value(i);
        }
        if (r.certificateProblem == PortProbeResult::CertificateProblem::SelfSigned)
            r.certificateNotes.prepend(QCoreApplication::translate(
                "SettingsProbe",
                "self-signed: the certificate was issued by itself, no authority vouches for it"));
        else if (std::any_of(tls->certificateErrorCodes.cbegin(), tls->certificateErrorCodes.cend(),
                             isTrustError))
            r.certificateNotes.prepend(
                QCoreApplication::translate(
                    "SettingsProbe", "issued by \"%1\", a certificate authority this computer does not trust")
                    .arg(r.certificateIssuer));
        r.certificateSha256 = certificateSha256Hex(leaf);
        r.certificateNames = certificateNames(leaf);
        r.certificateExpiry = leaf.expiryDate();
        r.tlsProtocol = tls->tlsProtocol;
    }
    r.authMechanismsInClear = clear.clearCapabilities.authMechanisms;
    const Attempt* best = implicit.tlsDone ? &implicit : (clear.tlsDone ? &clear : nullptr);
    const ServerInfo& caps = best != nullptr ? best->tlsCapabilities : clear.clearCapabilities;
    r.authMechanisms = caps.authMechanisms;
    r.sizeLimit = caps.sizeLimit;
    return r;
}

QJsonArray toJsonArray(const QStringList& list)
{
    return QJsonArray::fromStringList(list);
}

} // namespace

std::optional<Encryption> PortProbeResult::bestEncryption() const
{
    if (implicitTlsWorks)
        return Encryption::Tls;
    if (startTlsWorks)
        return Encryption::StartTls;
    if (plainWorks && !startTlsBroken())
        return Encryption::None;
    return std::nullopt;
}

QString PortProbeResult::certificateStatusText() const
{
    if (!certificateSeen)
        return QStringLiteral("-");
    switch (certificateProblem) {
    case CertificateProblem::None:
        return certificateValid ? QCoreApplication::translate("SettingsProbe", "valid")
                                : QCoreApplication::translate("SettingsProbe", "untrusted");
    case CertificateProblem::SelfSigned:
        return QCoreApplication::translate("SettingsProbe", "self-signed");
    case CertificateProblem::UntrustedIssuer:
        return QCoreApplication::translate("SettingsProbe", "untrusted CA");
    case CertificateProblem::Expired:
        return QCoreApplication::translate("SettingsProbe", "expired");
    case CertificateProblem::NotYetValid:
        return QCoreApplication::translate("SettingsProbe", "not yet valid");
    case CertificateProblem::NameMismatch:
        return QCoreApplication::translate("SettingsProbe", "name mismatch");
    case CertificateProblem::Other:
        break;
    }
    return QCoreApplication::translate("SettingsProbe", "untrusted");
}

QString PortProbeResult::statusText() const
{
    if (hostNotFound)
        return QCoreApplication::translate("SettingsProbe", "host not found");
    if (refused)
        return QCoreApplication::translate("SettingsProbe", "refused (nothing listens)");
    if (!reachable)
        return QCoreApplication::translate("SettingsProbe", "no connection (filtered or timed out)");
    if (silent)
        return QCoreApplication::translate("SettingsProbe", "silent (no greeting, no TLS)");
    QStringList works;
    if (implicitTlsWorks)
        works << QCoreApplication::translate("SettingsProbe", "implicit TLS works");
    if (startTlsWorks) {
        works << QCoreApplication::translate("SettingsProbe", "STARTTLS works");
    } else if (startTlsOffered) {
        switch (startTlsFailure) {
        case StartTlsFailure::Refused:
            works << QCoreApplication::translate("SettingsProbe", "STARTTLS offered but refused (%1)")
                         .arg(startTlsReplyCode);
            break;
        case StartTlsFailure::InjectedData:
            works << QCoreApplication::translate("SettingsProbe", "STARTTLS tampered with (data injected)");
            break;
        case StartTlsFailure::Handshake:
            works << QCoreApplication::translate("SettingsProbe", "STARTTLS handshake failed");
            break;
        case StartTlsFailure::None:
        case StartTlsFailure::Other:
            works << QCoreApplication::translate("SettingsProbe", "STARTTLS offered but failed");
            break;
        }
    }
    if (plainWorks && !startTlsOffered)
        works << QCoreApplication::translate("SettingsProbe", "plain only (no STARTTLS)");
    if (works.isEmpty())
        return QCoreApplication::translate("SettingsProbe", "connected, but no usable SMTP");
    return works.join(QStringLiteral(", "));
}

QJsonObject PortProbeResult::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("port"), port);
    o.insert(QStringLiteral("reachable"), reachable);
    o.insert(QStringLiteral("refused"), refused);
    o.insert(QStringLiteral("host_not_found"), hostNotFound);
    o.insert(QStringLiteral("silent"), silent);
    o.insert(QStringLiteral("greeting"), greeting);
    o.insert(QStringLiteral("plain"), plainWorks);
    o.insert(QStringLiteral("starttls_offered"), startTlsOffered);
    o.insert(QStringLiteral("starttls"), startTlsWorks);
    o.insert(QStringLiteral("implicit_tls"), implicitTlsWorks);
    if (!startTlsProblem.isEmpty())
        o.insert(QStringLiteral("starttls_problem"), startTlsProblem);
    if (startTlsBroken()) {
        static const char* const names[] = {"", "refused", "injected_data", "handshake", "other"};
        o.insert(QStringLiteral("starttls_failure"),
                 QString::fromLatin1(names[static_cast<int>(startTlsFailure)]));
        if (startTlsReplyCode > 0)
            o.insert(QStringLiteral("starttls_code"), startTlsReplyCode);
    }
    if (!implicitTlsProblem.isEmpty())
        o.insert(QStringLiteral("implicit_tls_problem"), implicitTlsProblem);
    const auto best = bestEncryption();
    o.insert(QStringLiteral("encryption"), best ? toString(*best) : QString());
    QJsonObject cert;
    cert.insert(QStringLiteral("seen"), certificateSeen);
    if (certificateSeen) {
        cert.insert(QStringLiteral("valid"), certificateValid);
        cert.insert(QStringLiteral("errors"), toJsonArray(certificateErrors));
        static const char* const problems[] = {
            "", "self_signed", "untrusted_issuer", "expired", "not_yet_valid", "name_mismatch", "other"};
        cert.insert(QStringLiteral("problem"),
                    QString::fromLatin1(problems[static_cast<int>(certificateProblem)]));
        cert.insert(QStringLiteral("issuer"), certificateIssuer);
        cert.insert(QStringLiteral("sha256"), certificateSha256);
        cert.insert(QStringLiteral("names"), toJsonArray(certificateNames));
        cert.insert(QStringLiteral("expires"), certificateExpiry.toUTC().toString(Qt::ISODate));
        cert.insert(QStringLiteral("protocol"), tlsProtocol);
    }
    o.insert(QStringLiteral("certificate"), cert);
    o.insert(QStringLiteral("auth"), toJsonArray(authMechanisms));
    o.insert(QStringLiteral("auth_in_clear"), toJsonArray(authMechanismsInClear));
    o.insert(QStringLiteral("size"), sizeLimit);
    o.insert(QStringLiteral("elapsed_ms"), elapsedMs);
    o.insert(QStringLiteral("status"), statusText());
    return o;
}

QStringList ProbeRecommendation::settingsArguments() const
{
    if (!found)
        return {};
    QStringList args{QStringLiteral("settings"),        QStringLiteral("set"),
                     QStringLiteral("smtp.host"),       host,
                     QStringLiteral("smtp.port"),       QString::number(port),
                     QStringLiteral("smtp.encryption"), toString(encryption)};
    if (!authOffered)
        args << QStringLiteral("smtp.auth") << QStringLiteral("none");
    if (!pinnedSha256.isEmpty())
        args << QStringLiteral("smtp.pinned_sha256") << pinnedSha256;
    return args;
}

QJsonObject ProbeRecommendation::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("found"), found);
    if (found) {
        o.insert(QStringLiteral("host"), host);
        o.insert(QStringLiteral("port"), port);
        o.insert(QStringLiteral("encryption"), toString(encryption));
        o.insert(QStringLiteral("auth_offered"), authOffered);
        if (!pinnedSha256.isEmpty())
            o.insert(QStringLiteral("pinned_sha256"), pinnedSha256);
        o.insert(QStringLiteral("settings_command"),
                 QStringLiteral("outbound-cli ") + settingsArguments().join(u' '));
    }
    QJsonArray broken;
    for (quint16 p : startTlsBrokenPorts)
        broken.append(p);
    o.insert(QStringLiteral("starttls_broken_ports"), broken);
    o.insert(QStringLiteral("reason"), reason);
    o.insert(QStringLiteral("warning"), warning);
    return o;
}

QJsonObject ProbeReport::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("host"), host);
    QJsonArray list;
    for (const PortProbeResult& p : ports)
        list.append(p.toJson());
    o.insert(QStringLiteral("ports"), list);
    o.insert(QStringLiteral("recommendation"), recommendation.toJson());
    o.insert(QStringLiteral("elapsed_ms"), elapsedMs);
    o.insert(QStringLiteral("cancelled"), cancelled);
    return o;
}

namespace detail {

// On the job's worker thread: two connections per port (clear with STARTTLS, and implicit TLS),
// all ports in parallel, one deadline for everything.
class ProbeWorker final : public JobWorker
{
public:
    struct Options
    {
        QString host;
        QList<quint16> ports;
        int overallMs = 10000;
        QString caFile;
        QString heloName;
    };

    ProbeWorker(SettingsProbe* job, Options options) : m_job(job), m_options(std::move(options))
    {
        m_deadline.setSingleShot(true);
        connect(&m_deadline, &QTimer::timeout, this, [this] {
            abortAll(QCoreApplication::translate("SettingsProbe", "the overall time bound was reached"));
        });
    }

    void start() override
    {
        m_clock.start();
        if (cancelRequested() || m_options.ports.isEmpty()) {
            m_cancelled = cancelRequested();
            report();
            return;
        }
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
        if (!m_options.caFile.isEmpty())
            tls.addCaCertificates(QSslCertificate::fromPath(m_options.caFile, QSsl::Pem));
        QString helo = m_options.heloName.isEmpty() ? QHostInfo::localHostName() : m_options.heloName;
        if (helo.isEmpty())
            helo = QStringLiteral("localhost");

        // Steps get half the bound, so a silent port still ends well inside it; the deadline catches
        // the rest.
        const int stepMs = qMax(250, m_options.overallMs / 2);
        m_states.resize(m_options.ports.size());
        for (qsizetype i = 0; i < m_states.size(); ++i) {
            PortState& s = m_states[i];
            s.port = m_options.ports.at(i);
            auto onDone = [this, i] {
                connectionDone(i);
            };
            s.clear = new ProbeConnection(ProbeConnection::Mode::Clear, m_options.host, s.port, tls, helo,
                                          stepMs, onDone, this);
            s.implicit = new ProbeConnection(ProbeConnection::Mode::Implicit, m_options.host, s.port, tls,
                                             helo, stepMs, onDone, this);
        }
        m_deadline.start(qMax(100, m_options.overallMs - 150));
        for (PortState& s : m_states) {
            s.clear->start();
            s.implicit->start();
        }
    }

    void cancel() override
    {
        m_cancelled = true;
        abortAll(QCoreApplication::translate("SettingsProbe", "cancelled"));
    }

private:
    struct PortState
    {
        quint16 port = 0;
        ProbeConnection* clear = nullptr;
        ProbeConnection* implicit = nullptr;
        bool reported = false;
        PortProbeResult result;
    };

    void abortAll(const QString& why)
    {
        for (PortState& s : m_states) {
            for (ProbeConnection* c : {s.clear, s.implicit}) {
                if (c != nullptr)
                    c->abort(why);
            }
        }
    }

    void connectionDone(qsizetype i)
    {
        PortState& state = m_states[i];
        // A port that completed TLS from the first byte will never greet in clear: stop waiting.
        if (state.implicit->isDone() && state.implicit->attempt().tlsDone && !state.clear->isDone() &&
            state.clear->attempt().greetingCode == 0)
            state.clear->abort(
                QCoreApplication::translate("SettingsProbe", "the port expects TLS from the first byte"));
        if (state.reported || !state.clear->isDone() || !state.implicit->isDone())
            return;
        state.reported = true;
        state.result =
            combine(state.port, state.clear->attempt(), state.implicit->attempt(), m_clock.elapsed());
        SettingsProbe* job = m_job;
        post([job, result = state.result] { Q_EMIT job->portFinished(result); });
        for (const PortState& other : std::as_const(m_states)) {
            if (!other.reported)
                return;
        }
        report();
    }

    void report()
    {
        m_deadline.stop();
        ProbeReport report;
        report.host = m_options.host;
        for (const PortState& done : std::as_const(m_states))
            report.ports.append(done.result);
        report.recommendation = SettingsProbe::recommend(m_options.host, report.ports);
        report.elapsedMs = m_clock.elapsed();
        report.cancelled = m_cancelled;
        SettingsProbe* job = m_job;
        finish([job, report] { job->deliver(report); });
    }

    SettingsProbe* m_job; // outlives this worker (its destructor joins the thread)
    Options m_options;
    QList<PortState> m_states;
    QTimer m_deadline;
    QElapsedTimer m_clock;
    bool m_cancelled = false;
};

} // namespace detail

QList<quint16> SettingsProbe::defaultPorts()
{
    return {587, 465, 25, 2525};
}

SettingsProbe::SettingsProbe(QString host, QList<quint16> ports, QObject* parent)
    : Job(parent), m_host(host.trimmed()), m_ports(std::move(ports))
{
    qRegisterMetaType<PortProbeResult>("outbound::PortProbeResult");
    qRegisterMetaType<ProbeReport>("outbound::ProbeReport");
    setObjectName(QStringLiteral("settings-probe"));
}

SettingsProbe::~SettingsProbe() = default;

void SettingsProbe::setOverallTimeoutMs(int ms)
{
    m_overallMs = qMax(500, ms);
}

void SettingsProbe::setCaFile(const QString& pemPath)
{
    m_caFile = pemPath;
}

void SettingsProbe::setHeloName(const QString& name)
{
    m_heloName = name;
}

std::function<std::unique_ptr<JobWorker>()> SettingsProbe::workerFactory()
{
    detail::ProbeWorker::Options options{m_host, m_ports, m_overallMs, m_caFile, m_heloName};
    return [job = this, options] {
        return std::make_unique<detail::ProbeWorker>(job, options);
    };
}

void SettingsProbe::deliver(const ProbeReport& report)
{
    setErrorText(report.recommendation.found ? QString() : report.recommendation.reason);
    Q_EMIT finished(report);
}

ProbeRecommendation SettingsProbe::recommend(const QString& host, const QList<PortProbeResult>& ports)
{
    struct Candidate
    {
        const PortProbeResult* port;
        Encryption encryption;
        int score;
    };
    QList<Candidate> candidates;
    for (qsizetype i = 0; i < ports.size(); ++i) {
        const PortProbeResult& p = ports.at(i);
        // Order of preference: encrypted, a verified certificate, AUTH offered, a submission port
        // (25 is often blocked elsewhere), implicit TLS (RFC 8314), then the order asked.
        auto score = [&](Encryption e) {
            int s = 0;
            if (e != Encryption::None)
                s += 10000;
            if (e == Encryption::None || p.certificateValid)
                s += 1000;
            if (!p.authMechanisms.isEmpty())
                s += 500;
            if (p.port != 25)
                s += 100;
            if (e == Encryption::Tls)
                s += 50;
            return s - static_cast<int>(i);
        };
        if (p.implicitTlsWorks)
            candidates.append({&p, Encryption::Tls, score(Encryption::Tls)});
        if (p.startTlsWorks)
            candidates.append({&p, Encryption::StartTls, score(Encryption::StartTls)});
        if (p.plainWorks)
            candidates.append({&p, Encryption::None, score(Encryption::None)});
    }
    ProbeRecommendation r;
    r.host = host;
    // A STARTTLS that is offered but cannot be completed (refused, data injected after "220", a
    // failed handshake) means the server's TLS is broken or someone in the path interferes with
    // it. Plain SMTP on this host is then never suggested, on that port or any other: that would
    // be the very downgrade an attacker wants.
    QStringList brokenWhy;
    for (const PortProbeResult& p : ports) {
        if (!p.startTlsBroken())
            continue;
        r.startTlsBrokenPorts.append(p.port);
        brokenWhy << (p.startTlsFailure == PortProbeResult::StartTlsFailure::InjectedData
                          ? QCoreApplication::translate(
                                "SettingsProbe",
                                "port %1: data was injected right after STARTTLS was accepted")
                                .arg(p.port)
                          : QCoreApplication::translate("SettingsProbe", "port %1: %2")
                                .arg(p.port)
                                .arg(p.statusText()));
    }
    if (!r.startTlsBrokenPorts.isEmpty()) {
        candidates.erase(std::remove_if(candidates.begin(), candidates.end(),
                                        [](const Candidate& c) { return c.encryption == Encryption::None; }),
                         candidates.end());
    }
    const QString brokenText =
        brokenWhy.isEmpty()
            ? QString()
            : QCoreApplication::translate(
                  "SettingsProbe",
                  "The server offers STARTTLS but the upgrade to TLS failed (%1): its TLS is broken, or "
                  "something between this computer and the server is interfering with it. Do not switch "
                  "encryption off; have the server's TLS repaired, or check the network path.")
                  .arg(brokenWhy.join(QStringLiteral("; ")));
    if (candidates.isEmpty() && !brokenText.isEmpty()) {
        r.reason = brokenText;
        return r;
    }
    if (candidates.isEmpty()) {
        const bool notFound = !ports.isEmpty() && std::all_of(ports.cbegin(), ports.cend(),
                                                              [](const auto& p) { return p.hostNotFound; });
        r.reason = notFound ? QCoreApplication::translate(
                                  "SettingsProbe", "The host name could not be found; check its spelling.")
                            : QCoreApplication::translate("SettingsProbe",
                                                          "No port answered with a usable SMTP service.");
        return r;
    }
    const Candidate best =
        *std::max_element(candidates.cbegin(), candidates.cend(),
                          [](const Candidate& a, const Candidate& b) { return a.score < b.score; });
    r.found = true;
    r.port = best.port->port;
    r.encryption = best.encryption;
    r.authOffered = !best.port->authMechanisms.isEmpty();
    QStringList warnings;
    switch (best.encryption) {
    case Encryption::Tls:
        r.reason = QCoreApplication::translate("SettingsProbe",
                                               "Port %1 accepts TLS from the first byte (implicit TLS).")
                       .arg(r.port);
        break;
    case Encryption::StartTls:
        r.reason = QCoreApplication::translate("SettingsProbe", "Port %1 upgrades to TLS with STARTTLS.")
                       .arg(r.port);
        break;
    case Encryption::None:
        r.reason = QCoreApplication::translate(
                       "SettingsProbe", "Only plain SMTP works: port %1 answers without any encryption.")
                       .arg(r.port);
        warnings << QCoreApplication::translate(
            "SettingsProbe",
            "Without encryption the password and every message cross the network readable; use "
            "this only inside a network you trust.");
        break;
    }
    if (best.encryption != Encryption::None && !best.port->certificateValid) {
        if (best.port->certificateProblem == PortProbeResult::CertificateProblem::UntrustedIssuer) {
            // A private CA: trusting that CA (smtp.ca_file) survives renewals; a pin would not.
            warnings << QCoreApplication::translate(
                            "SettingsProbe",
                            "The certificate was issued by \"%1\", an authority this computer does not "
                            "trust. If that is your organisation's own CA, save its certificate as a PEM "
                            "file and set smtp.ca_file to it (diagnose --ca-file checks it first).")
                            .arg(best.port->certificateIssuer);
        } else if (best.port->certificateProblem == PortProbeResult::CertificateProblem::SelfSigned) {
            r.pinnedSha256 = best.port->certificateSha256;
            warnings << QCoreApplication::translate(
                "SettingsProbe",
                "The certificate is self-signed (no authority vouches for it); pin it only if you have "
                "confirmed its fingerprint with the server's operator.");
        } else {
            r.pinnedSha256 = best.port->certificateSha256;
            warnings << QCoreApplication::translate(
                            "SettingsProbe",
                            "The certificate did not verify (%1); pin it only if you trust this server.")
                            .arg(best.port->certificateErrors.join(QStringLiteral("; ")));
        }
    }
    if (!brokenText.isEmpty())
        warnings << brokenText;
    if (!r.authOffered)
        warnings << QCoreApplication::translate(
            "SettingsProbe",
            "The server offers no sign-in there, so it must relay by address (smtp.auth none).");
    r.warning = warnings.join(u' ');
    return r;
}

QStringList candidateHosts(const QString& emailAddress)
{
    const QString address = emailAddress.trimmed();
    const qsizetype at = address.lastIndexOf(u'@');
    if (at < 0 || at == address.size() - 1)
        return {};
    const QString domain = address.mid(at + 1).toLower();
    QStringList hosts;
    const bool microsoft =
        domain == u"outlook.com" || domain == u"hotmail.com" || domain == u"live.com" ||
        domain == u"msn.com" || domain == u"office365.com" || domain.endsWith(u".onmicrosoft.com") ||
        domain.startsWith(QStringLiteral("outlook.")) || domain.startsWith(QStringLiteral("hotmail."));
    const bool google = domain == u"gmail.com" || domain == u"googlemail.com";
    if (microsoft)
        hosts << QStringLiteral("smtp.office365.com");
    if (google)
        hosts << QStringLiteral("smtp.gmail.com");
    hosts << QStringLiteral("smtp.") + domain << QStringLiteral("mail.") + domain;
    hosts.removeDuplicates();
    return hosts;
}

} // namespace outbound

// Compiled here rather than in the shared mocs_compilation unit, so linking this class pulls in nothing else.
#include "moc_SettingsProbe.cpp"
