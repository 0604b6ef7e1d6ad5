#include "diagnosis/SettingsProbe.h"

#include "smtp/SmtpCapabilities.h"
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
#include <QUrl>
#include <functional>

namespace outbound {

namespace {

constexpr qsizetype kMaxReplyBytes = 64 * 1024;

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
    bool tlsDone = false; // handshake finished and EHLO answered inside TLS
    bool tlsHandshakeDone = false;
    QStringList certificateErrors;
    QSslCertificate certificate;
    QString tlsProtocol;
};

// One light SMTP conversation on its own QSslSocket: greeting, EHLO, optional STARTTLS, EHLO, QUIT.
// Never sends credentials, so continuing past a certificate error is safe and tells us more.
class ProbeConnection : public QObject
{
public:
    enum class Mode
    {
        Clear,   // plain greeting, then STARTTLS when offered
        Implicit // TLS from the first byte
    };
    enum class Step
    {
        Connecting,
        Handshake,
        Greeting,
        Ehlo,
        StartTls,
        Upgrade,
        EhloAfterTls,
        Done
    };

    ProbeConnection(Mode mode, QString host, quint16 port, QSslConfiguration tls, QString heloName,
                    int stepBudgetMs, std::function<void()> onDone, QObject* parent)
        : QObject(parent), m_mode(mode), m_host(std::move(host)), m_port(port), m_helo(std::move(heloName)),
          m_stepBudgetMs(stepBudgetMs), m_onDone(std::move(onDone))
    {
        m_socket = new QSslSocket(this);
        m_socket->setSslConfiguration(tls);
        m_socket->setPeerVerifyName(m_host);
        m_timer.setSingleShot(true);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            m_attempt.timedOut = true;
            fail(QCoreApplication::translate("SettingsProbe", "no answer within %1 s at %2")
                     .arg(m_stepBudgetMs / 1000.0, 0, 'f', 1)
                     .arg(stepName()));
        });
        connect(m_socket, &QSslSocket::connected, this, [this] {
            m_attempt.connected = true;
            if (m_mode == Mode::Clear)
                enter(Step::Greeting);
            else
                enter(Step::Handshake);
        });
        connect(m_socket, &QSslSocket::encrypted, this, [this] { onEncrypted(); });
        connect(m_socket, &QSslSocket::sslErrors, this, [this](const QList<QSslError>& errors) {
            for (const QSslError& e : errors) {
                if (!m_attempt.certificateErrors.contains(e.errorString()))
                    m_attempt.certificateErrors.append(e.errorString());
            }
            // Recorded above and reported; the probe sends nothing secret, so it goes on to see more.
            m_socket->ignoreSslErrors(errors);
        });
        connect(m_socket, &QSslSocket::readyRead, this, [this] { onReadyRead(); });
        connect(m_socket, &QAbstractSocket::errorOccurred, this,
                [this](QAbstractSocket::SocketError error) { onError(error); });
    }

    void start()
    {
        enter(Step::Connecting);
        if (m_mode == Mode::Implicit)
            m_socket->connectToHostEncrypted(m_host, m_port);
        else
            m_socket->connectToHost(m_host, m_port);
    }

    void abort(const QString& why)
    {
        if (m_step == Step::Done)
            return;
        m_attempt.timedOut = true;
        fail(why);
    }

    bool isDone() const { return m_step == Step::Done; }
    const Attempt& attempt() const { return m_attempt; }

private:
    QString stepName() const
    {
        switch (m_step) {
        case Step::Connecting:
            return QStringLiteral("connect");
        case Step::Handshake:
        case Step::Upgrade:
            return QStringLiteral("tls");
        case Step::Greeting:
            return QStringLiteral("greeting");
        case Step::Ehlo:
        case Step::EhloAfterTls:
            return QStringLiteral("ehlo");
        case Step::StartTls:
            return QStringLiteral("starttls");
        case Step::Done:
            break;
        }
        return QStringLiteral("done");
    }

    void enter(Step step)
    {
        m_step = step;
        m_timer.start(m_stepBudgetMs);
        switch (step) {
        case Step::Ehlo:
        case Step::EhloAfterTls: {
            QByteArray helo = QUrl::toAce(m_helo);
            if (helo.isEmpty())
                helo = "localhost"; // a machine name that is not a valid host name
            write("EHLO " + helo + "\r\n");
        } break;
        case Step::StartTls:
            write("STARTTLS\r\n");
            break;
        case Step::Upgrade:
            m_socket->startClientEncryption();
            break;
        default:
            break;
        }
    }

    void write(const QByteArray& line) { m_socket->write(line); }

    void onEncrypted()
    {
        m_attempt.tlsHandshakeDone = true;
        m_attempt.certificate = m_socket->peerCertificate();
        m_attempt.tlsProtocol = tlsProtocolName(m_socket->sessionProtocol());
        if (m_step == Step::Handshake)
            enter(Step::Greeting);
        else if (m_step == Step::Upgrade)
            enter(Step::EhloAfterTls);
    }

    void onReadyRead()
    {
        if (m_step == Step::Done)
            return;
        m_buffer += m_socket->readAll();
        if (m_step == Step::Greeting && m_lines.isEmpty() && !m_buffer.isEmpty()) {
            const auto first = static_cast<unsigned char>(m_buffer.at(0));
            if (first == 0x16 || first == 0x15) {
                m_attempt.tlsBytesAsGreeting = true;
                fail(QCoreApplication::translate("SettingsProbe",
                                                 "the server sent TLS data instead of a greeting"));
                return;
            }
        }
        if (m_buffer.size() > kMaxReplyBytes) {
            fail(QCoreApplication::translate("SettingsProbe", "the server sent an overlong reply"));
            return;
        }
        qsizetype end;
        while ((end = m_buffer.indexOf('\n')) >= 0) {
            QByteArray line = m_buffer.left(end);
            m_buffer.remove(0, end + 1);
            if (line.endsWith('\r'))
                line.chop(1);
            m_lines.append(QString::fromUtf8(line));
            const bool last = line.size() < 4 || line.at(3) != '-';
            if (last) {
                bool ok = false;
                const int code = line.left(3).toInt(&ok);
                const QStringList lines = m_lines;
                m_lines.clear();
                onReply(ok ? code : 0, lines);
                if (m_step == Step::Done)
                    return;
            }
        }
    }

    void onReply(int code, const QStringList& lines)
    {
        switch (m_step) {
        case Step::Greeting:
            m_attempt.greetingCode = code;
            m_attempt.greeting = lines.value(0);
            if (code != 220) {
                fail(code == 0 ? QCoreApplication::translate("SettingsProbe", "the greeting is not SMTP")
                               : QCoreApplication::translate("SettingsProbe", "the server greeted with %1")
                                     .arg(code));
                return;
            }
            enter(Step::Ehlo);
            return;
        case Step::Ehlo:
        case Step::EhloAfterTls: {
            if (code != 250) {
                fail(QCoreApplication::translate("SettingsProbe", "EHLO was answered with %1").arg(code));
                return;
            }
            // The engine's parser reads the keywords, so AUTH, SIZE and STARTTLS mean the same here.
            SmtpReply reply;
            reply.code = code;
            for (const QString& line : lines)
                reply.lines.append(line.mid(4).toUtf8());
            ServerInfo caps;
            parseEhloCapabilities(reply, caps);
            if (m_step == Step::EhloAfterTls || m_mode == Mode::Implicit) {
                m_attempt.tlsCapabilities = caps;
                m_attempt.tlsDone = true;
                finish();
                return;
            }
            m_attempt.clearCapabilities = caps;
            m_attempt.startTlsOffered = caps.startTls;
            if (m_attempt.startTlsOffered)
                enter(Step::StartTls);
            else
                finish();
            return;
        }
        case Step::StartTls:
            if (code != 220) {
                fail(QCoreApplication::translate("SettingsProbe", "STARTTLS was answered with %1").arg(code));
                return;
            }
            enter(Step::Upgrade);
            return;
        default:
            return; // unexpected data while connecting or in a handshake: ignore
        }
    }

    void onError(QAbstractSocket::SocketError error)
    {
        if (m_step == Step::Done)
            return;
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
        if (m_step == Step::Done)
            return;
        if (m_attempt.problem.isEmpty())
            m_attempt.problem = problem;
        finish();
    }

    void finish()
    {
        if (m_step == Step::Done)
            return;
        m_step = Step::Done;
        m_timer.stop();
        if (m_socket->state() == QAbstractSocket::ConnectedState && m_attempt.problem.isEmpty())
            m_socket->write("QUIT\r\n");
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
    QString m_host;
    quint16 m_port;
    QString m_helo;
    int m_stepBudgetMs;
    std::function<void()> m_onDone;
    QSslSocket* m_socket = nullptr;
    QTimer m_timer;
    Step m_step = Step::Connecting;
    QByteArray m_buffer;
    QStringList m_lines;
    Attempt m_attempt;
};

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
    if (r.startTlsOffered && !r.startTlsWorks)
        r.startTlsProblem = clear.problem;
    if (!r.implicitTlsWorks) {
        r.implicitTlsProblem = implicit.problem;
        if (r.plainWorks && implicit.connected)
            r.implicitTlsProblem = QCoreApplication::translate(
                "SettingsProbe", "the port speaks plain SMTP first (use starttls or none here)");
    }

    const Attempt* tls = implicit.tlsHandshakeDone ? &implicit : (clear.tlsHandshakeDone ? &clear : nullptr);
    if (tls != nullptr && !tls->certificate.isNull()) {
        r.certificateSeen = true;
        r.certificateErrors = tls->certificateErrors;
        r.certificateValid = tls->certificateErrors.isEmpty();
        r.certificateSha256 = certificateSha256Hex(tls->certificate);
        r.certificateNames = certificateNames(tls->certificate);
        r.certificateExpiry = tls->certificate.expiryDate();
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
    if (plainWorks)
        return Encryption::None;
    return std::nullopt;
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
    if (startTlsWorks)
        works << QCoreApplication::translate("SettingsProbe", "STARTTLS works");
    else if (startTlsOffered)
        works << QCoreApplication::translate("SettingsProbe", "STARTTLS offered but failed");
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
    if (!implicitTlsProblem.isEmpty())
        o.insert(QStringLiteral("implicit_tls_problem"), implicitTlsProblem);
    const auto best = bestEncryption();
    o.insert(QStringLiteral("encryption"), best ? toString(*best) : QString());
    QJsonObject cert;
    cert.insert(QStringLiteral("seen"), certificateSeen);
    if (certificateSeen) {
        cert.insert(QStringLiteral("valid"), certificateValid);
        cert.insert(QStringLiteral("errors"), toJsonArray(certificateErrors));
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

struct SettingsProbe::Private
{
    struct PortState
    {
        quint16 port = 0;
        ProbeConnection* clear = nullptr;
        ProbeConnection* implicit = nullptr;
        bool reported = false;
        PortProbeResult result;
    };

    QString host;
    QList<quint16> ports;
    int overallMs = 10000;
    QString caFile;
    QString heloName;
    QList<PortState> states;
    QTimer deadline;
    QElapsedTimer clock;
    bool running = false;
    bool cancelled = false;
};

QList<quint16> SettingsProbe::defaultPorts()
{
    return {587, 465, 25, 2525};
}

SettingsProbe::SettingsProbe(QString host, QList<quint16> ports, QObject* parent)
    : QObject(parent), d(std::make_unique<Private>())
{
    d->host = host.trimmed();
    d->ports = std::move(ports);
    d->deadline.setSingleShot(true);
    connect(&d->deadline, &QTimer::timeout, this, [this] {
        for (Private::PortState& s : d->states) {
            for (ProbeConnection* c : {s.clear, s.implicit})
                c->abort(QCoreApplication::translate("SettingsProbe", "the overall time bound was reached"));
        }
    });
}

SettingsProbe::~SettingsProbe() = default;

void SettingsProbe::setOverallTimeoutMs(int ms)
{
    d->overallMs = qMax(500, ms);
}

void SettingsProbe::setCaFile(const QString& pemPath)
{
    d->caFile = pemPath;
}

void SettingsProbe::setHeloName(const QString& name)
{
    d->heloName = name;
}

bool SettingsProbe::isRunning() const
{
    return d->running;
}

void SettingsProbe::start()
{
    if (d->running)
        return;
    d->running = true;
    d->cancelled = false;
    d->clock.start();
    d->states.clear();

    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
    if (!d->caFile.isEmpty())
        tls.addCaCertificates(QSslCertificate::fromPath(d->caFile, QSsl::Pem));
    QString helo = d->heloName.isEmpty() ? QHostInfo::localHostName() : d->heloName;
    if (helo.isEmpty())
        helo = QStringLiteral("localhost");

    // Steps get half the bound, so a silent port still ends well inside it; the deadline catches the rest.
    const int stepMs = qMax(250, d->overallMs / 2);
    d->states.reserve(d->ports.size());
    for (quint16 port : std::as_const(d->ports)) {
        Private::PortState s;
        s.port = port;
        d->states.append(s);
    }
    for (qsizetype i = 0; i < d->states.size(); ++i) {
        Private::PortState& s = d->states[i];
        auto onDone = [this, i] {
            Private::PortState& state = d->states[i];
            // A port that completed TLS from the first byte will never greet in clear: stop waiting.
            if (state.implicit->isDone() && state.implicit->attempt().tlsDone && !state.clear->isDone() &&
                state.clear->attempt().greetingCode == 0)
                state.clear->abort(
                    QCoreApplication::translate("SettingsProbe", "the port expects TLS from the first byte"));
            if (state.reported || !state.clear->isDone() || !state.implicit->isDone())
                return;
            state.reported = true;
            state.result =
                combine(state.port, state.clear->attempt(), state.implicit->attempt(), d->clock.elapsed());
            state.clear->deleteLater();
            state.implicit->deleteLater();
            Q_EMIT portFinished(state.result);
            for (const Private::PortState& other : std::as_const(d->states)) {
                if (!other.reported)
                    return;
            }
            d->deadline.stop();
            d->running = false;
            ProbeReport report;
            report.host = d->host;
            for (const Private::PortState& done : std::as_const(d->states))
                report.ports.append(done.result);
            report.recommendation = recommend(d->host, report.ports);
            report.elapsedMs = d->clock.elapsed();
            report.cancelled = d->cancelled;
            Q_EMIT finished(report);
        };
        s.clear = new ProbeConnection(ProbeConnection::Mode::Clear, d->host, s.port, tls, helo, stepMs,
                                      onDone, this);
        s.implicit = new ProbeConnection(ProbeConnection::Mode::Implicit, d->host, s.port, tls, helo, stepMs,
                                         onDone, this);
    }
    d->deadline.start(qMax(100, d->overallMs - 150));
    if (d->states.isEmpty()) {
        QTimer::singleShot(0, this, [this] {
            d->running = false;
            ProbeReport report;
            report.host = d->host;
            report.recommendation = recommend(d->host, {});
            Q_EMIT finished(report);
        });
        return;
    }
    for (Private::PortState& s : d->states) {
        s.clear->start();
        s.implicit->start();
    }
}

void SettingsProbe::cancel()
{
    if (!d->running)
        return;
    d->cancelled = true;
    for (Private::PortState& s : d->states) {
        for (ProbeConnection* c : {s.clear, s.implicit})
            c->abort(QCoreApplication::translate("SettingsProbe", "cancelled"));
    }
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
        r.pinnedSha256 = best.port->certificateSha256;
        warnings << QCoreApplication::translate(
                        "SettingsProbe",
                        "The certificate did not verify (%1); pin it only if you trust this server.")
                        .arg(best.port->certificateErrors.join(QStringLiteral("; ")));
    }
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
