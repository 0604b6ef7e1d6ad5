#include "smtp/SmtpSession.h"

#include "smtp/SmtpProtocol.h"
#include "smtp/TlsDetails.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QMetaMethod>
#include <QPointer>
#include <QSslCipher>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTimer>
#include <QUrl>

namespace outbound {

namespace {

constexpr qsizetype kChunkSize = 64 * 1024; // body bytes stuffed per step
constexpr qint64 kHighWater = 256 * 1024;   // stop filling while the socket holds this much

QString normalizedFingerprint(const QString& text)
{
    QString out;
    for (QChar c : text) {
        if (c.isLetterOrNumber())
            out += c.toLower();
    }
    return out;
}

// OpenSSL's words when the peer answered a ClientHello with something that is not TLS.
bool looksLikePlainTextPeer(const QString& sslError)
{
    const QString e = sslError.toLower();
    return e.contains(u"wrong version number") || e.contains(u"packet length too long") ||
           e.contains(u"unknown protocol") || e.contains(u"record layer failure") ||
           e.contains(u"http request");
}

} // namespace

struct SmtpSession::Private final : SmtpProtocol::Listener
{
    Private(SmtpSession* owner, SmtpConfig cfg) : q(owner), config(std::move(cfg)), protocol(config, *this)
    {
        watchdog.setSingleShot(true);
        // A coarse timer may fire up to 5 % early ("no answer within 5 s" after 4.77 s).
        watchdog.setTimerType(Qt::PreciseTimer);
    }

    SmtpSession* q; // null once the session was deleted from one of its own signals
    SmtpConfig config;
    SmtpProtocol protocol;
    QSslSocket* socket = nullptr;
    QTimer watchdog;
    std::chrono::milliseconds unit{1000};
    int watchdogSeconds = 0;
    // What the running watchdog times; it restarts only when this changes (a new expected reply),
    // on connect-phase changes, and on write progress while the data-idle budget runs.
    struct WatchKey
    {
        SmtpProtocol::State state = SmtpProtocol::State::Connecting;
        SmtpProtocol::Budget budget = SmtpProtocol::Budget::None;
        quint64 replies = 0;
        bool operator==(const WatchKey&) const = default;
    };
    WatchKey watchKey;
    bool watchKeyValid = false;
    int emitting = 0; // depth of signals being emitted right now
    SmtpPhase connectPhase = SmtpPhase::Connect;
    bool opened = false;
    bool finished = false;
    bool transcriptEnabled = true;
    QString hostAce;
    QStringList certificateErrors;
    QList<int> certificateErrorCodes; // QSslError::SslError, beside the readable reasons
    QString peerSha256;
    QStringList peerNames;
    QByteArray readBuffer;
    QElapsedTimer sinceWrite;   // restarted whenever commands are written
    qint64 replyLatencyMs = -1; // time from the last write to the bytes just read

    SmtpPhase currentPhase() const
    {
        return protocol.state() == SmtpProtocol::State::Connecting ? connectPhase : protocol.phase();
    }

    // Every signal goes out through here. A slot may delete the session (see ~SmtpSession): then q is
    // null afterwards and nothing more is emitted.
    template <typename Emit> void emitOut(Emit&& emitSignal)
    {
        if (!q)
            return;
        ++emitting;
        emitSignal(q);
        --emitting;
    }

    void info(const QString& text)
    {
        if (transcriptEnabled)
            emitOut([&](SmtpSession* s) {
                Q_EMIT s->transcript(
                    TranscriptLine{TranscriptLine::Direction::Info, text, QDateTime::currentDateTimeUtc()});
            });
    }

    void setConnectPhase(SmtpPhase phase)
    {
        if (phase == connectPhase)
            return;
        connectPhase = phase;
        emitOut([&](SmtpSession* s) { Q_EMIT s->phaseChanged(phase); });
        armWatchdog(true);
    }

    // Bytes the socket still holds for the peer, in clear and (with TLS) encrypted.
    qint64 unsentBytes() const
    {
        if (!socket)
            return 0;
        return socket->bytesToWrite() + socket->encryptedBytesToWrite();
    }

    // The budget in force: the final-dot wait starts only once the body has left the socket; until
    // then the data-idle budget covers the tail of the body still being written.
    SmtpProtocol::Budget effectiveBudget() const
    {
        const SmtpProtocol::Budget budget = protocol.budget();
        if (budget == SmtpProtocol::Budget::FinalDot && unsentBytes() > 0)
            return SmtpProtocol::Budget::DataIdle;
        return budget;
    }

    // Starts the watchdog for what is awaited now, unless it already runs for exactly that.
    // restart: start afresh anyway (connect-phase change, data written while data-idle runs).
    void armWatchdog(bool restart = false)
    {
        if (finished)
            return;
        const WatchKey key{protocol.state(), effectiveBudget(), protocol.repliesHandled()};
        if (!restart && watchKeyValid && key == watchKey && watchdog.isActive())
            return;
        watchKey = key;
        watchKeyValid = true;
        int seconds = 0;
        if (protocol.state() == SmtpProtocol::State::Connecting) {
            seconds = config.timeouts.connect;
        } else {
            switch (key.budget) {
            case SmtpProtocol::Budget::None:
                watchdog.stop();
                return;
            case SmtpProtocol::Budget::Greeting:
                seconds = config.timeouts.greeting;
                break;
            case SmtpProtocol::Budget::Command:
                seconds = config.timeouts.command;
                break;
            case SmtpProtocol::Budget::DataIdle:
                seconds = config.timeouts.dataIdle;
                break;
            case SmtpProtocol::Budget::FinalDot:
                seconds = config.timeouts.finalDot;
                break;
            }
        }
        watchdogSeconds = qMax(1, seconds);
        watchdog.start(unit * watchdogSeconds);
    }

    void watchdogFired()
    {
        if (finished)
            return;
        SmtpError e;
        e.kind = SmtpErrorKind::Timeout;
        e.phase = currentPhase();
        e.transient = true;
        e.timeoutSeconds = watchdogSeconds;
        if (watchKey.budget == SmtpProtocol::Budget::DataIdle)
            e.detail = QCoreApplication::translate("SmtpError", "the server took no message data for %1 s")
                           .arg(watchdogSeconds);
        else
            e.detail = QCoreApplication::translate("SmtpError", "no answer within %1 s").arg(watchdogSeconds);
        fatal(std::move(e));
    }

    void fatal(SmtpError e)
    {
        if (finished)
            return;
        noteUnsent();
        protocol.abort(std::move(e)); // ends in protocolFailed()
    }

    // Bytes the protocol wrote that never left the socket: a final dot among them was not sent.
    // Encrypted bytes still queued mean at least the last plain byte (the dot) is among them.
    void noteUnsent()
    {
        if (!socket)
            return;
        const qint64 plain = socket->bytesToWrite() + (socket->encryptedBytesToWrite() > 0 ? 1 : 0);
        protocol.setUnsentBytes(static_cast<quint64>(qMax<qint64>(0, plain)) +
                                static_cast<quint64>(protocol.output().size()));
    }

    void dropSocket(bool graceful)
    {
        watchdog.stop();
        if (!socket)
            return;
        QObject::disconnect(socket, nullptr, q, nullptr);
        if (graceful)
            socket->disconnectFromHost();
        else
            socket->abort();
    }

    void flush()
    {
        if (protocol.output().isEmpty())
            return;
        if (socket && socket->state() == QAbstractSocket::ConnectedState)
            socket->write(protocol.output());
        protocol.clearOutput();
        sinceWrite.start();
    }

    void pumpData()
    {
        while (!finished && protocol.isStreaming() && socket->bytesToWrite() < kHighWater) {
            protocol.streamData(kChunkSize);
            flush();
        }
    }

    // sendNow: hand the bytes to the kernel at once instead of on the socket's next write
    // notification (one event-loop round per write, and the server waits for it). Only from a
    // socket event: a write error then fails the session where failures are expected anyway,
    // never from inside send() or close().
    void afterProtocol(bool sendNow = false)
    {
        if (finished)
            return;
        flush();
        if (socket)
            pumpData();
        if (sendNow && !finished && socket && socket->bytesToWrite() > 0)
            socket->flush();
        if (!finished)
            armWatchdog();
    }

    // ---- socket events ----

    void onConnected()
    {
        info(QCoreApplication::translate("SmtpSession", "connected to %1 port %2")
                 .arg(socket->peerAddress().toString())
                 .arg(socket->peerPort()));
        if (config.encryption == Encryption::Tls) {
            setConnectPhase(SmtpPhase::Tls);
            return;
        }
        protocol.connectionEstablished(false);
        afterProtocol();
    }

    void onEncrypted()
    {
        if (finished)
            return;
        const QSslCertificate certificate = socket->peerCertificate();
        peerSha256 = certificateSha256Hex(certificate);
        peerNames = certificateNames(certificate);
        const SmtpPhase tlsPhase = currentPhase();
        if (pinMismatch()) {
            fatal(pinMismatchError(tlsPhase));
            return;
        }
        ServerInfo& serverInfo = protocol.serverInfo();
        serverInfo.tlsActive = true;
        serverInfo.tlsProtocol = tlsProtocolName(socket->sessionProtocol());
        serverInfo.peerCertificateSha256 = peerSha256;
        serverInfo.peerCertificateNames = peerNames;
        serverInfo.peerCertificateExpiry = certificate.expiryDate();
        info(QCoreApplication::translate("SmtpSession", "TLS established (%1, %2)")
                 .arg(serverInfo.tlsProtocol, socket->sessionCipher().name()));
        if (protocol.state() == SmtpProtocol::State::Connecting)
            protocol.connectionEstablished(true);
        else
            protocol.tlsEstablished();
        afterProtocol();
    }

    // A pin is set and the server presented another certificate.
    bool pinMismatch() const
    {
        return !config.pinnedSha256.trimmed().isEmpty() && !peerSha256.isEmpty() &&
               normalizedFingerprint(config.pinnedSha256) != normalizedFingerprint(peerSha256);
    }

    // Its own error, never "self-signed": the advice for an unverifiable certificate (pin what the
    // server presents) is exactly what an attacker in the middle wants when a pin does not match.
    SmtpError pinMismatchError(SmtpPhase phase) const
    {
        SmtpError e;
        e.kind = SmtpErrorKind::PinMismatch;
        e.phase = phase;
        e.transient = false;
        e.peerCertificateSha256 = peerSha256;
        e.peerCertificateNames = peerNames;
        e.detail = QCoreApplication::translate("SmtpSession",
                                               "the server's certificate (SHA-256 %1) is not the pinned one")
                       .arg(peerSha256);
        return e;
    }

    SmtpError certificateError(SmtpPhase phase, QStringList reasons) const
    {
        SmtpError e;
        e.kind = SmtpErrorKind::CertificateRejected;
        e.phase = phase;
        e.transient = false;
        e.certificateErrors = reasons;
        e.certificateErrorCodes = certificateErrorCodes;
        e.peerCertificateSha256 = peerSha256;
        e.peerCertificateNames = peerNames;
        e.detail = QCoreApplication::translate("SmtpSession", "the server's certificate was not accepted: %1")
                       .arg(reasons.join(QStringLiteral("; ")));
        return e;
    }

    void onSslErrors(const QList<QSslError>& errors)
    {
        const QSslCertificate certificate = socket->peerCertificate();
        peerSha256 = certificateSha256Hex(certificate);
        peerNames = certificateNames(certificate);
        if (!config.pinnedSha256.trimmed().isEmpty() &&
            normalizedFingerprint(config.pinnedSha256) == normalizedFingerprint(peerSha256)) {
            // The operator trusts exactly this certificate; its chain and name do not matter.
            info(QCoreApplication::translate(
                "SmtpSession", "certificate not verifiable, accepted because it matches the pinned SHA-256"));
            if (socket)
                socket->ignoreSslErrors(errors);
            return;
        }
        certificateErrors.clear();
        certificateErrorCodes.clear();
        for (const QSslError& error : errors) {
            if (!certificateErrorCodes.contains(int(error.error())))
                certificateErrorCodes.append(int(error.error()));
            const QString reason = describe(error);
            if (!certificateErrors.contains(reason))
                certificateErrors.append(reason);
        }
    }

    QString describe(const QSslError& error) const
    {
        const QSslCertificate certificate =
            error.certificate().isNull() ? socket->peerCertificate() : error.certificate();
        switch (error.error()) {
        case QSslError::CertificateExpired:
            return QCoreApplication::translate("SmtpSession", "the certificate expired on %1")
                .arg(certificate.expiryDate().toString(Qt::ISODate));
        case QSslError::CertificateNotYetValid:
            return QCoreApplication::translate("SmtpSession", "the certificate is not valid before %1")
                .arg(certificate.effectiveDate().toString(Qt::ISODate));
        case QSslError::HostNameMismatch:
            return QCoreApplication::translate("SmtpSession", "the certificate is for %1, not for %2")
                .arg(peerNames.isEmpty() ? QCoreApplication::translate("SmtpSession", "no name")
                                         : peerNames.join(QStringLiteral(", ")),
                     hostAce);
        case QSslError::SelfSignedCertificate:
            return QCoreApplication::translate("SmtpSession", "the certificate is self-signed (SHA-256 %1)")
                .arg(peerSha256);
        case QSslError::SelfSignedCertificateInChain:
        case QSslError::UnableToGetLocalIssuerCertificate:
        case QSslError::UnableToGetIssuerCertificate:
        case QSslError::UnableToVerifyFirstCertificate:
        case QSslError::CertificateUntrusted:
            return QCoreApplication::translate(
                       "SmtpSession",
                       "the certificate is untrusted: it is self-signed or its issuer is not a trusted "
                       "authority "
                       "(SHA-256 %1)")
                .arg(peerSha256);
        case QSslError::CertificateRevoked:
            return QCoreApplication::translate("SmtpSession", "the certificate was revoked");
        default:
            return error.errorString();
        }
    }

    void onReadyRead()
    {
        if (finished)
            return;
        const qint64 available = socket->bytesAvailable();
        if (available <= 0)
            return;
        readBuffer.resize(available);
        const qint64 n = socket->read(readBuffer.data(), available);
        if (n <= 0)
            return;
        replyLatencyMs = sinceWrite.isValid() ? sinceWrite.elapsed() : -1;
        protocol.receive(QByteArrayView(readBuffer.constData(), n));
        afterProtocol(true);
    }

    void onBytesWritten()
    {
        if (finished)
            return;
        if (protocol.isStreaming())
            pumpData();
        // Progress restarts only the data-idle budget; once the body has drained this switches to
        // the final-dot budget (the key changes), and any other budget keeps running.
        armWatchdog(!finished && watchKey.budget == SmtpProtocol::Budget::DataIdle &&
                    effectiveBudget() == SmtpProtocol::Budget::DataIdle);
    }

    void onSocketError(QAbstractSocket::SocketError error)
    {
        if (finished)
            return;
        const SmtpPhase phase = currentPhase();
        const bool inTls = phase == SmtpPhase::Tls || protocol.state() == SmtpProtocol::State::TlsHandshake;
        SmtpError e;
        e.phase = phase;
        e.transient = true;
        switch (error) {
        case QAbstractSocket::HostNotFoundError:
            e.kind = SmtpErrorKind::HostNotFound;
            e.phase = SmtpPhase::Dns;
            e.detail =
                QCoreApplication::translate("SmtpSession", "the host name %1 was not found").arg(hostAce);
            break;
        case QAbstractSocket::ConnectionRefusedError:
            e.kind = SmtpErrorKind::ConnectionRefused;
            e.phase = SmtpPhase::Connect;
            e.detail = QCoreApplication::translate("SmtpSession", "nothing accepts connections on %1 port %2")
                           .arg(hostAce)
                           .arg(config.port);
            break;
        case QAbstractSocket::RemoteHostClosedError:
            if (inTls) {
                e.kind = SmtpErrorKind::TlsHandshakeFailed;
                e.transient = false;
                e.detail = QCoreApplication::translate(
                    "SmtpSession", "the server closed the connection during the TLS handshake");
                break;
            }
            if (protocol.state() != SmtpProtocol::State::Connecting) {
                noteUnsent();
                protocol.connectionLost();
                return;
            }
            e.kind = SmtpErrorKind::ConnectionClosed;
            e.detail = QCoreApplication::translate("SmtpSession", "the server closed the connection");
            break;
        case QAbstractSocket::SslHandshakeFailedError:
            if (pinMismatch()) {
                e = pinMismatchError(phase);
                break;
            }
            if (!certificateErrors.isEmpty()) {
                e = certificateError(phase, certificateErrors);
                break;
            }
            e.kind = SmtpErrorKind::TlsHandshakeFailed;
            e.transient = false;
            if (looksLikePlainTextPeer(socket->errorString())) {
                e.handshakeSawPlainSmtp = true;
                e.detail =
                    phase == SmtpPhase::Tls
                        ? QCoreApplication::translate(
                              "SmtpSession",
                              "the TLS handshake failed because the server answered in plain text; this "
                              "port expects STARTTLS or no encryption")
                        : QCoreApplication::translate(
                              "SmtpSession",
                              "the TLS handshake failed because the server answered in plain text");
            } else {
                e.detail = QCoreApplication::translate("SmtpSession", "the TLS handshake failed: %1")
                               .arg(socket->errorString());
            }
            break;
        case QAbstractSocket::SslInternalError:
        case QAbstractSocket::SslInvalidUserDataError:
            e.kind = SmtpErrorKind::TlsHandshakeFailed;
            e.transient = false;
            e.detail =
                QCoreApplication::translate("SmtpSession", "TLS failed: %1").arg(socket->errorString());
            break;
        default:
            e.kind = SmtpErrorKind::NetworkError;
            e.detail =
                QCoreApplication::translate("SmtpSession", "network error: %1").arg(socket->errorString());
            break;
        }
        if (inTls && e.kind == SmtpErrorKind::NetworkError)
            e.kind = SmtpErrorKind::TlsHandshakeFailed;
        fatal(std::move(e));
    }

    void onDisconnected()
    {
        if (finished)
            return;
        if (protocol.state() == SmtpProtocol::State::Connecting) {
            SmtpError e;
            e.kind = SmtpErrorKind::ConnectionClosed;
            e.phase = currentPhase();
            e.detail = QCoreApplication::translate("SmtpSession", "the server closed the connection");
            fatal(std::move(e));
            return;
        }
        noteUnsent();
        protocol.connectionLost();
    }

    // ---- protocol events ----

    void protocolPhaseChanged(SmtpPhase phase) override
    {
        emitOut([&](SmtpSession* s) { Q_EMIT s->phaseChanged(phase); });
    }

    void protocolTranscript(const TranscriptLine& line) override
    {
        emitOut([&](SmtpSession* s) { Q_EMIT s->transcript(line); });
    }

    void protocolStartTls() override
    {
        if (!socket)
            return;
        flush();
        info(QCoreApplication::translate("SmtpSession", "starting TLS"));
        if (socket)
            socket->startClientEncryption();
    }

    void protocolReady(const ServerInfo& serverInfo) override
    {
        emitOut([&](SmtpSession* s) { Q_EMIT s->ready(serverInfo); });
    }

    void protocolMessageDone(const SendOutcome& outcome) override
    {
        emitOut([&](SmtpSession* s) { Q_EMIT s->messageDone(outcome); });
    }

    void protocolFailed(const SmtpError& error) override
    {
        finished = true;
        dropSocket(false);
        SmtpError e = error;
        if (e.code > 0)
            e.replyLatencyMs = static_cast<int>(replyLatencyMs); // a slow refusal (auth penalty) shows
        emitOut([&](SmtpSession* s) { Q_EMIT s->failed(e); });
    }

    void protocolClosed() override
    {
        finished = true;
        flush();
        dropSocket(true);
        emitOut([&](SmtpSession* s) { Q_EMIT s->closed(); });
    }
    StartGate protocolMayStart(qint64 messageId) override
    {
        return startGate ? startGate(messageId) : StartGate::Open;
    }

    std::function<StartGate(qint64)> startGate;
};

namespace {

// Keeps the state of a session deleted from one of its own signals alive until the code that
// emitted it has unwound; deleted from the event loop (also when the thread finishes).
class DeferredSessionState final : public QObject
{
public:
    explicit DeferredSessionState(std::shared_ptr<void> state) : m_state(std::move(state)) {}

private:
    std::shared_ptr<void> m_state;
};

} // namespace

SmtpSession::SmtpSession(SmtpConfig config, QObject* parent)
    : QObject(parent), d(std::make_unique<Private>(this, std::move(config)))
{
    connect(&d->watchdog, &QTimer::timeout, this, [this] { d->watchdogFired(); });
}

SmtpSession::~SmtpSession()
{
    d->finished = true;
    d->dropSocket(false);
    if (d->emitting == 0)
        return;
    // Deleted from a slot while this session was emitting: the protocol code below that emit still
    // runs on the state, so it outlives the session until the event loop comes back. The socket
    // (a child) may be in its own signal too, so it goes the same way.
    d->q = nullptr;
    if (d->socket) {
        d->socket->setParent(nullptr);
        d->socket->deleteLater();
        d->socket = nullptr;
    }
    (new DeferredSessionState(std::shared_ptr<Private>(d.release())))->deleteLater();
}

void SmtpSession::setWatchdogUnit(std::chrono::milliseconds unit)
{
    d->unit = unit;
}

SmtpPhase SmtpSession::phase() const
{
    return d->currentPhase();
}

void SmtpSession::setStartGate(std::function<StartGate(qint64)> gate)
{
    d->startGate = std::move(gate);
}

bool SmtpSession::waitsForStartGate(qint64 messageId) const
{
    return !d->finished && d->protocol.waitsForStartGate(messageId);
}

void SmtpSession::answerStartGate(qint64 messageId, bool open)
{
    if (d->finished)
        return;
    const QPointer<SmtpSession> self(this);
    d->protocol.startGateAnswered(messageId, open); // may report a withdrawn message
    if (self)
        d->afterProtocol();
}

bool SmtpSession::isReady() const
{
    return !d->finished && d->protocol.isReady();
}

int SmtpSession::pendingMessages() const
{
    return d->protocol.pendingMessages();
}

const ServerInfo& SmtpSession::serverInfo() const
{
    return d->protocol.serverInfo();
}

void SmtpSession::open()
{
    if (d->opened || d->finished)
        return;
    d->opened = true;
    d->transcriptEnabled = isSignalConnected(QMetaMethod::fromSignal(&SmtpSession::transcript));
    d->protocol.setTranscriptEnabled(d->transcriptEnabled);

    const auto failSoon = [this](SmtpErrorKind kind, SmtpPhase phase, QString detail) {
        SmtpError e;
        e.kind = kind;
        e.phase = phase;
        e.transient = false;
        e.detail = std::move(detail);
        // Reported from the event loop so callers see it after open() returns, like any failure.
        QMetaObject::invokeMethod(
            this, [this, e] { d->fatal(e); }, Qt::QueuedConnection);
    };

    QString host = d->config.host.trimmed();
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    const QHostAddress literal(host);
    if (!literal.isNull()) {
        d->hostAce = literal.toString();
    } else {
        d->hostAce = QString::fromLatin1(QUrl::toAce(host));
    }
    if (host.isEmpty() || d->hostAce.isEmpty()) {
        failSoon(
            SmtpErrorKind::InvalidInput, SmtpPhase::Dns,
            host.isEmpty()
                ? QCoreApplication::translate("SmtpSession", "no server host name is set")
                : QCoreApplication::translate("SmtpSession", "\"%1\" is not a valid host name").arg(host));
        return;
    }
    if (d->config.port == 0) {
        failSoon(SmtpErrorKind::InvalidInput, SmtpPhase::Connect,
                 QCoreApplication::translate("SmtpSession", "the port must be between 1 and 65535"));
        return;
    }

    d->socket = new QSslSocket(this);
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
    if (!d->config.caFile.trimmed().isEmpty()) {
        const QList<QSslCertificate> extra = QSslCertificate::fromPath(d->config.caFile.trimmed(), QSsl::Pem);
        if (extra.isEmpty()) {
            failSoon(
                SmtpErrorKind::InvalidInput,
                d->config.encryption == Encryption::Tls ? SmtpPhase::Tls : SmtpPhase::StartTls,
                QCoreApplication::translate("SmtpSession", "no certificate could be read from the CA file %1")
                    .arg(d->config.caFile));
            return;
        }
        tls.addCaCertificates(extra);
    }
    d->socket->setSslConfiguration(tls);
    d->socket->setPeerVerifyName(d->hostAce);

    QSslSocket* s = d->socket;
    connect(s, &QAbstractSocket::stateChanged, this, [this](QAbstractSocket::SocketState state) {
        if (state == QAbstractSocket::HostLookupState)
            d->setConnectPhase(SmtpPhase::Dns);
        else if (state == QAbstractSocket::ConnectingState)
            d->setConnectPhase(SmtpPhase::Connect);
    });
    connect(s, &QAbstractSocket::connected, this, [this] { d->onConnected(); });
    connect(s, &QSslSocket::encrypted, this, [this] { d->onEncrypted(); });
    connect(s, &QSslSocket::sslErrors, this,
            [this](const QList<QSslError>& errors) { d->onSslErrors(errors); });
    connect(s, &QIODevice::readyRead, this, [this] { d->onReadyRead(); });
    connect(s, &QIODevice::bytesWritten, this, [this] { d->onBytesWritten(); });
    connect(s, &QSslSocket::encryptedBytesWritten, this, [this] { d->onBytesWritten(); });
    connect(s, &QAbstractSocket::errorOccurred, this,
            [this](QAbstractSocket::SocketError e) { d->onSocketError(e); });
    connect(s, &QAbstractSocket::disconnected, this, [this] { d->onDisconnected(); });

    d->connectPhase = literal.isNull() ? SmtpPhase::Dns : SmtpPhase::Connect;
    const QPointer<SmtpSession> self(this);
    d->emitOut([phase = d->connectPhase](SmtpSession* session) { Q_EMIT session->phaseChanged(phase); });
    if (!self)
        return;
    d->info(QCoreApplication::translate("SmtpSession", "connecting to %1 port %2 (%3)")
                .arg(d->hostAce)
                .arg(d->config.port)
                .arg(toString(d->config.encryption)));
    if (!self)
        return;
    d->armWatchdog();
    if (d->config.encryption == Encryption::Tls)
        s->connectToHostEncrypted(d->hostAce, d->config.port, d->hostAce);
    else
        s->connectToHost(d->hostAce, d->config.port);
}

void SmtpSession::send(OutgoingMessage message)
{
    if (d->finished || d->protocol.isFinished()) {
        // Reported from the event loop: a slot that sends again on messageDone/failed cannot recurse.
        SendOutcome outcome;
        outcome.id = message.id;
        outcome.attempted = false;
        SmtpError e;
        e.kind = SmtpErrorKind::ConnectionClosed;
        e.phase = d->currentPhase();
        e.transient = true;
        e.detail = QCoreApplication::translate("SmtpSession", "the connection was already closed");
        outcome.error = std::move(e);
        QMetaObject::invokeMethod(
            this, [this, outcome] { Q_EMIT messageDone(outcome); }, Qt::QueuedConnection);
        return;
    }
    const QPointer<SmtpSession> self(this);
    d->protocol.enqueue(std::move(message)); // may report a refused message at once
    if (self)
        d->afterProtocol();
}

void SmtpSession::close()
{
    if (d->finished)
        return;
    if (!d->opened) {
        d->finished = true;
        QMetaObject::invokeMethod(
            this, [this] { Q_EMIT closed(); }, Qt::QueuedConnection);
        return;
    }
    const QPointer<SmtpSession> self(this);
    d->protocol.requestClose();
    if (self)
        d->afterProtocol();
}

QList<qint64> SmtpSession::takeUnstarted()
{
    const QPointer<SmtpSession> self(this);
    QList<qint64> ids = d->protocol.takeUnstarted(); // may write QUIT (and its transcript line)
    if (self && !ids.isEmpty())
        d->afterProtocol();
    return ids;
}

void SmtpSession::cancel()
{
    if (d->finished)
        return;
    SmtpError e;
    e.kind = SmtpErrorKind::Cancelled;
    e.phase = d->currentPhase();
    e.transient = true;
    e.detail = QCoreApplication::translate("SmtpSession", "cancelled");
    d->fatal(std::move(e));
}

} // namespace outbound

// Compiled here so the session does not depend on every other meta-object in the library.
#include "moc_SmtpSession.cpp"
