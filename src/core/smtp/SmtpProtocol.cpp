#include "smtp/SmtpProtocol.h"

#include "smtp/SmtpCapabilities.h"
#include "smtp/SmtpSasl.h"

#include <QCoreApplication>
#include <QHostAddress>

namespace outbound {

namespace {

bool looksLikeTlsRecord(QByteArrayView bytes)
{
    // Alert (0x15) or handshake (0x16) record, protocol version 3.x.
    return bytes.size() >= 2 && (bytes[0] == '\x15' || bytes[0] == '\x16') && bytes[1] == '\x03';
}

// "452 4.5.3 too many recipients" (or a bare 452, which RFC 5321 4.5.3.1.10 names for it); a
// 452 4.3.1 (out of storage) is an ordinary temporary refusal.
bool isTooManyRecipients(const SmtpReply& reply)
{
    return reply.code == 452 && (reply.enhancedCode.isEmpty() || reply.enhancedCode == u"4.5.3");
}

bool hasLineBreakOrBrackets(const QByteArray& address)
{
    for (char c : address) {
        if (c == '\r' || c == '\n' || c == '<' || c == '>' || c == '\0')
            return true;
    }
    return false;
}

} // namespace

// ---- DotStuffer ------------------------------------------------------------------------------

void DotStuffer::reset()
{
    m_lineStart = true;
    m_pendingCr = false;
}

void DotStuffer::feed(QByteArrayView chunk, QByteArray& out)
{
    const char* p = chunk.data();
    const char* const end = p + chunk.size();
    while (p < end) {
        if (m_pendingCr) {
            // A CR ended the previous run: it becomes CRLF, and swallows the LF that may follow.
            m_pendingCr = false;
            out.append("\r\n", 2);
            m_lineStart = true;
            if (*p == '\n') {
                ++p;
                continue;
            }
        }
        if (m_lineStart) {
            if (*p == '.')
                out.append('.');
            m_lineStart = false;
        }
        const char* q = p;
        while (q < end && *q != '\r' && *q != '\n')
            ++q;
        out.append(p, q - p);
        if (q == end)
            break;
        if (*q == '\n') {
            out.append("\r\n", 2);
            m_lineStart = true;
        } else {
            m_pendingCr = true;
        }
        p = q + 1;
    }
}

void DotStuffer::finish(QByteArray& out)
{
    if (m_pendingCr) {
        out.append("\r\n", 2);
        m_pendingCr = false;
        m_lineStart = true;
    }
    if (!m_lineStart)
        out.append("\r\n", 2);
    out.append(".\r\n", 3);
    m_lineStart = true;
}

// ---- SmtpProtocol ----------------------------------------------------------------------------

struct SmtpProtocol::Transaction
{
    OutgoingMessage msg;
    qsizetype rcptReplies = 0;
    int accepted = 0;
    QList<RecipientRefusal> refused;
    std::optional<SmtpError> error;
    QString acceptanceLine;
    bool envelopeDone = false;
    bool dataStarted = false; // the server answered DATA with 354
    bool abortingData = false;
    bool dotSent = false; // the whole body and its final dot are written: the outcome is the server's
    quint64 dotEnd = 0;   // output position just after the final dot
    // RFC 5321 4.5.3.1.8: recipients past the server's limit ("452 4.5.3 too many recipients") go
    // in a further transaction once this one's data is accepted; each round's accepted
    // recipients move to `delivered` when its final 250 arrives.
    QList<RecipientRefusal> overflow;
    QList<QByteArray> roundAccepted;
    QList<QByteArray> delivered;
    qsizetype dataPos = 0;
    qsizetype dataSize = 0;
    DotStuffer stuffer;
};

SmtpProtocol::SmtpProtocol(const SmtpConfig& config, Listener& listener)
    : m_config(config), m_listener(listener)
{
    m_out.reserve(128 * 1024);
}

SmtpProtocol::~SmtpProtocol() = default;

int SmtpProtocol::pendingMessages() const
{
    return static_cast<int>(m_queue.size() + m_txns.size());
}

SmtpPhase SmtpProtocol::phase() const
{
    switch (m_state) {
    case State::Connecting:
        return SmtpPhase::Connect;
    case State::Greeting:
        return SmtpPhase::Greeting;
    case State::Ehlo:
    case State::Helo:
        return SmtpPhase::Ehlo;
    case State::StartTls:
    case State::TlsHandshake:
        return SmtpPhase::StartTls;
    case State::AuthPlain:
    case State::AuthLoginUser:
    case State::AuthLoginPassword:
    case State::AuthXOAuth2:
    case State::AuthXOAuth2Error:
    case State::AuthOAuthBearer:
    case State::AuthOAuthBearerError:
    case State::AuthResult:
        return SmtpPhase::Auth;
    case State::Ready:
        if (m_streaming)
            return SmtpPhase::Data;
        if (!m_expect.empty()) {
            switch (m_expect.front().kind) {
            case Expect::Mail:
            case Expect::Rset:
                return SmtpPhase::Mail;
            case Expect::Rcpt:
                return SmtpPhase::Rcpt;
            case Expect::Data:
            case Expect::DataEnd:
                return SmtpPhase::Data;
            }
        }
        return m_lastPhase;
    case State::Quit:
    case State::Closed:
        return SmtpPhase::Quit;
    case State::Failed:
        break;
    }
    return m_lastPhase;
}

SmtpProtocol::Budget SmtpProtocol::budget() const
{
    switch (m_state) {
    case State::Connecting:
    case State::Closed:
    case State::Failed:
        return Budget::None;
    case State::Greeting:
        return Budget::Greeting;
    case State::Ready:
        if (m_streaming)
            return Budget::DataIdle;
        if (m_expect.empty())
            return Budget::None;
        return m_expect.front().kind == Expect::DataEnd ? Budget::FinalDot : Budget::Command;
    default:
        return Budget::Command;
    }
}

void SmtpProtocol::enterState(State state)
{
    m_state = state;
}

void SmtpProtocol::notePhase()
{
    if (isFinished())
        return;
    const SmtpPhase p = phase();
    if (p != m_lastPhase) {
        m_lastPhase = p;
        m_listener.protocolPhaseChanged(p);
    }
}

void SmtpProtocol::transcriptLine(TranscriptLine::Direction direction, QString text, qint64 messageId)
{
    if (!m_transcriptEnabled)
        return;
    if (text.size() > kMaxTranscriptLine) {
        text.truncate(kMaxTranscriptLine);
        text += QStringLiteral("…");
    }
    m_listener.protocolTranscript(
        TranscriptLine{direction, std::move(text), QDateTime::currentDateTimeUtc(), messageId});
}

void SmtpProtocol::transcriptServer(const SmtpReply& reply)
{
    if (!m_transcriptEnabled)
        return;
    // A reply to a transaction's command belongs to that message's transcript.
    qint64 messageId = 0;
    if (m_state == State::Ready && !m_expect.empty() && m_expect.front().txn)
        messageId = m_expect.front().txn->msg.id;
    const QString code = QString::number(reply.code);
    for (qsizetype i = 0; i < reply.lines.size(); ++i) {
        const bool last = i + 1 == reply.lines.size();
        QString text = code;
        if (!last || !reply.lines.at(i).isEmpty())
            text += (last ? u' ' : u'-') + QString::fromUtf8(reply.lines.at(i));
        transcriptLine(TranscriptLine::Direction::Server, std::move(text), messageId);
    }
}

void SmtpProtocol::sendCommand(QByteArrayView line, const QString& shownAs, qint64 messageId)
{
    m_out.append(line.data(), line.size());
    m_out.append("\r\n", 2);
    if (m_transcriptEnabled)
        transcriptLine(TranscriptLine::Direction::Client,
                       shownAs.isEmpty() ? QString::fromUtf8(line) : shownAs, messageId);
}

SmtpError SmtpProtocol::outcomeUnknownError(const SmtpError& cause) const
{
    SmtpError e = cause;
    e.outcomeUnknown = true;
    e.phase = SmtpPhase::Data;
    e.transient = true;
    QString why;
    switch (cause.kind) {
    case SmtpErrorKind::Timeout:
        why = QCoreApplication::translate("SmtpProtocol", "no final reply came within %1 s")
                  .arg(cause.timeoutSeconds);
        break;
    case SmtpErrorKind::ConnectionClosed:
        why = QCoreApplication::translate("SmtpProtocol", "the connection closed before the final reply");
        break;
    case SmtpErrorKind::Cancelled:
        why = QCoreApplication::translate("SmtpProtocol", "sending was cancelled before the final reply");
        break;
    default:
        why = cause.detail.isEmpty()
                  ? QCoreApplication::translate("SmtpProtocol", "the final reply never came")
                  : cause.detail;
        break;
    }
    e.detail = QCoreApplication::translate(
                   "SmtpProtocol",
                   "the whole message was sent, but %1; the server may have accepted it, so it is not "
                   "sent again automatically")
                   .arg(why);
    return e;
}

SmtpError SmtpProtocol::error(SmtpErrorKind kind, SmtpPhase phase, bool transient, QString detail) const
{
    SmtpError e;
    e.kind = kind;
    e.phase = phase;
    e.transient = transient;
    e.detail = std::move(detail);
    return e;
}

SmtpError SmtpProtocol::replyError(const SmtpReply& reply, SmtpPhase phase, QString detail) const
{
    // Only a 4xx reply says "try again later". A 2xx or 3xx where a refusal is reported is a
    // server out of step with the protocol: repeating the same conversation would not help.
    SmtpError e =
        error(SmtpErrorKind::ServerReply, phase, reply.code >= 400 && reply.code < 500, std::move(detail));
    e.code = reply.code;
    e.enhancedCode = reply.enhancedCode;
    e.serverText = reply.textWithoutEnhancedCode();
    return e;
}

SmtpError SmtpProtocol::allRefusedError(const Transaction& txn) const
{
    QStringList addresses;
    bool anyTransient = false;
    for (const RecipientRefusal& r : txn.refused) {
        addresses.append(QString::fromUtf8(r.address));
        anyTransient = anyTransient || (r.code >= 400 && r.code < 500);
    }
    SmtpError e = error(SmtpErrorKind::AllRecipientsRefused, SmtpPhase::Rcpt, anyTransient,
                        QCoreApplication::translate("SmtpProtocol", "the server refused every recipient (%1)")
                            .arg(addresses.join(QStringLiteral(", "))));
    if (!txn.refused.isEmpty()) {
        e.code = txn.refused.first().code;
        e.enhancedCode = txn.refused.first().enhancedCode;
        e.serverText = txn.refused.first().text;
    }
    return e;
}

void SmtpProtocol::connectionEstablished(bool tlsActive)
{
    if (m_state != State::Connecting)
        return;
    m_info.tlsActive = tlsActive;
    enterState(State::Greeting);
    notePhase();
}

void SmtpProtocol::receive(QByteArrayView bytes)
{
    if (isFinished())
        return;
    m_parser.feed(bytes);
    ++m_busy;
    SmtpReply reply;
    while (!isFinished()) {
        if (m_state == State::Greeting && looksLikeTlsRecord(m_parser.pending())) {
            SmtpError e = error(SmtpErrorKind::ProtocolError, SmtpPhase::Greeting, false,
                                QCoreApplication::translate(
                                    "SmtpProtocol",
                                    "the server answered with TLS instead of an SMTP greeting; this port "
                                    "expects implicit TLS (encryption \"tls\")"));
            e.receivedTlsBytesAsGreeting = true;
            fail(std::move(e));
            break;
        }
        if (m_state == State::TlsHandshake || m_state == State::Connecting)
            break; // bytes now belong to the TLS layer (or arrived before we are ready)
        const SmtpReplyParser::Status status = m_parser.next(reply);
        if (status == SmtpReplyParser::Status::NeedMore)
            break;
        if (status == SmtpReplyParser::Status::Error) {
            fail(error(SmtpErrorKind::ProtocolError, phase(), false, m_parser.errorText()));
            break;
        }
        handleReply(reply);
    }
    --m_busy;
    if (!isFinished())
        pump();
    notePhase();
}

void SmtpProtocol::handleReply(const SmtpReply& reply)
{
    ++m_repliesHandled;
    transcriptServer(reply);
    if (m_state == State::Quit) {
        enterState(State::Closed);
        m_listener.protocolClosed();
        return;
    }
    if (reply.code == 421) {
        // A 421 is a definite answer: a message whose final dot it answers was not taken.
        if (m_state == State::Ready && !m_expect.empty() && m_expect.front().kind == Expect::DataEnd &&
            m_expect.front().txn && !m_expect.front().txn->error)
            m_expect.front().txn->error = replyError(
                reply, SmtpPhase::Data,
                QCoreApplication::translate("SmtpProtocol", "the server did not accept the message"));
        fail(replyError(reply, phase(),
                        QCoreApplication::translate(
                            "SmtpProtocol", "the server is closing the connection; try again later")));
        return;
    }
    if (m_state == State::Ready)
        handleTransactionReply(reply);
    else
        handleHandshakeReply(reply);
}

void SmtpProtocol::sendEhlo()
{
    QString name = m_config.heloName.trimmed();
    if (name.isEmpty())
        name = QStringLiteral("localhost");
    const QHostAddress address(name);
    if (!address.isNull()) {
        name = address.protocol() == QAbstractSocket::IPv6Protocol
                   ? QStringLiteral("[IPv6:%1]").arg(address.toString())
                   : QStringLiteral("[%1]").arg(address.toString());
    }
    m_pendingHelo = name.toUtf8();
    sendCommand(QByteArray("EHLO " + m_pendingHelo));
}

void SmtpProtocol::handleHandshakeReply(const SmtpReply& reply)
{
    switch (m_state) {
    case State::Greeting:
        if (reply.code == 220) {
            m_info.greeting = reply.text();
            sendEhlo();
            enterState(State::Ehlo);
        } else {
            fail(replyError(
                reply, SmtpPhase::Greeting,
                QCoreApplication::translate("SmtpProtocol", "the server did not accept the connection")));
        }
        return;
    case State::Ehlo:
        if (reply.code == 250) {
            parseEhloCapabilities(reply, m_info);
            m_info.esmtp = true;
            m_sawEhlo = true;
            m_startTlsOffered = m_startTlsOffered || m_info.startTls;
            m_parser.setEnhancedStatusCodes(m_info.enhancedStatusCodes);
            afterEhlo();
        } else if (reply.code >= 500) {
            // An old server without ESMTP: say HELO and use no extensions.
            sendCommand(QByteArray("HELO " + m_pendingHelo));
            enterState(State::Helo);
        } else {
            fail(replyError(
                reply, SmtpPhase::Ehlo,
                QCoreApplication::translate("SmtpProtocol", "the server refused the EHLO greeting")));
        }
        return;
    case State::Helo:
        if (reply.code == 250) {
            clearCapabilities(m_info);
            m_info.esmtp = false;
            afterEhlo();
        } else {
            fail(replyError(
                reply, SmtpPhase::Ehlo,
                QCoreApplication::translate("SmtpProtocol", "the server refused both EHLO and HELO")));
        }
        return;
    case State::StartTls:
        if (reply.code == 220) {
            if (m_parser.hasPending()) {
                // Clear-text bytes after "220" would be read as if they came over TLS (CVE-2011-0411).
                fail(error(
                    SmtpErrorKind::ProtocolError, SmtpPhase::StartTls, false,
                    QCoreApplication::translate(
                        "SmtpProtocol", "the server sent extra data right after agreeing to STARTTLS")));
                return;
            }
            enterState(State::TlsHandshake);
            m_listener.protocolStartTls();
        } else {
            fail(replyError(reply, SmtpPhase::StartTls,
                            QCoreApplication::translate("SmtpProtocol", "the server refused to start TLS")));
        }
        return;
    case State::AuthPlain:
        if (reply.code == 334) {
            // The server wants the initial response on its own line.
            sendCommand(sasl::plainResponse(m_config.username, m_config.secret), QStringLiteral("***"));
            enterState(State::AuthResult);
            return;
        }
        [[fallthrough]];
    case State::AuthResult:
        if (reply.code == 235) {
            m_info.authenticatedAs = m_config.username;
            becomeReady();
        } else {
            fail(replyError(
                reply, SmtpPhase::Auth,
                reply.code == 535 ? QCoreApplication::translate(
                                        "SmtpProtocol", "the server refused the user name or password")
                : reply.code < 400
                    ? QCoreApplication::translate("SmtpProtocol",
                                                  "the server answered the sign-in with %1 instead of 235 "
                                                  "(signed in): it does not follow the protocol here")
                          .arg(reply.code)
                    : QCoreApplication::translate("SmtpProtocol", "the server refused the sign-in")));
        }
        return;
    case State::AuthLoginUser:
        if (reply.code == 334) {
            sendCommand(sasl::loginUser(m_config.username), QStringLiteral("***"));
            enterState(State::AuthLoginPassword);
        } else {
            fail(replyError(reply, SmtpPhase::Auth,
                            QCoreApplication::translate("SmtpProtocol", "the server refused the sign-in")));
        }
        return;
    case State::AuthLoginPassword:
        if (reply.code == 334) {
            sendCommand(sasl::loginPassword(m_config.secret), QStringLiteral("***"));
            enterState(State::AuthResult);
        } else {
            fail(replyError(
                reply, SmtpPhase::Auth,
                reply.code == 535
                    ? QCoreApplication::translate("SmtpProtocol", "the server refused the user name")
                    : QCoreApplication::translate("SmtpProtocol", "the server refused the sign-in")));
        }
        return;
    case State::AuthXOAuth2:
    case State::AuthOAuthBearer:
        if (reply.code == 334) {
            // The token was refused; the details come as base64 JSON and the server waits for the
            // client's answer before it sends the final error: an empty line for XOAUTH2, ^A
            // ("AQ==") for OAUTHBEARER (RFC 7628 section 3.2.3).
            if (!reply.lines.isEmpty())
                m_xoauth2Challenge = QString::fromUtf8(QByteArray::fromBase64(reply.lines.first().trimmed()));
            if (m_state == State::AuthOAuthBearer) {
                sendCommand(sasl::oauthBearerErrorAck(), QString());
                enterState(State::AuthOAuthBearerError);
            } else {
                sendCommand(QByteArrayView(), QString());
                enterState(State::AuthXOAuth2Error);
            }
            return;
        }
        [[fallthrough]];
    case State::AuthXOAuth2Error:
    case State::AuthOAuthBearerError:
        if (reply.code == 235) {
            m_info.authenticatedAs = m_config.username;
            becomeReady();
        } else {
            QString detail =
                QCoreApplication::translate("SmtpProtocol", "the server refused the OAuth2 access token");
            if (!m_xoauth2Challenge.isEmpty())
                detail += QStringLiteral(" (%1)").arg(m_xoauth2Challenge.simplified());
            SmtpError e = replyError(reply, SmtpPhase::Auth, detail);
            // 535 5.7.3 (Microsoft), 5.7.8 (Google) or any refusal after a JSON challenge: the
            // token may just have expired, so the caller may refresh it once and try again.
            e.tokenRejected = !m_xoauth2Challenge.isEmpty() ||
                              (reply.code == 535 && (e.enhancedCode == u"5.7.3" ||
                                                     e.enhancedCode == u"5.7.8" || e.enhancedCode.isEmpty()));
            fail(e);
        }
        return;
    default:
        fail(
            error(SmtpErrorKind::ProtocolError, phase(), false,
                  QCoreApplication::translate("SmtpProtocol", "the server sent a reply (%1) nobody asked for")
                      .arg(reply.code)));
        return;
    }
}

void SmtpProtocol::afterEhlo()
{
    if (m_probeMode) {
        if (!m_info.tlsActive && m_info.startTls && m_config.encryption != Encryption::None) {
            sendCommand("STARTTLS");
            enterState(State::StartTls);
        } else {
            becomeReady();
        }
        return;
    }
    if (m_config.encryption == Encryption::StartTls && !m_info.tlsActive) {
        if (!m_info.startTls) {
            // Fail closed: continuing in clear would expose the password and the mail.
            fail(error(SmtpErrorKind::StartTlsNotOffered, SmtpPhase::StartTls, false,
                       QCoreApplication::translate(
                           "SmtpProtocol",
                           "encryption is set to STARTTLS but the server does not offer it; nothing was "
                           "sent in clear")));
            return;
        }
        sendCommand("STARTTLS");
        enterState(State::StartTls);
        return;
    }
    startAuthOrReady();
}

void SmtpProtocol::startAuthOrReady()
{
    const bool wantsAuth = m_config.auth != AuthMethod::None && !m_config.username.isEmpty();
    if (!wantsAuth) {
        becomeReady();
        return;
    }
    const std::optional<AuthMethod> mechanism =
        sasl::chooseMechanism(m_config.auth, m_info.authMechanisms, m_config.oauthBearerAllowed);
    if (!mechanism) {
        QString detail;
        if (m_info.authMechanisms.isEmpty()) {
            detail =
                m_info.tlsActive
                    ? QCoreApplication::translate(
                          "SmtpProtocol", "sign-in is configured but the server offers no sign-in (AUTH)")
                    : QCoreApplication::translate(
                          "SmtpProtocol", "sign-in is configured but the server offers no sign-in (AUTH) on "
                                          "this unencrypted connection");
        } else {
            detail = QCoreApplication::translate("SmtpProtocol",
                                                 "the server offers sign-in with %1 only, not with %2")
                         .arg(m_info.authMechanisms.join(QStringLiteral(", ")), toString(m_config.auth));
        }
        fail(error(SmtpErrorKind::AuthNotOffered, SmtpPhase::Auth, false, detail));
        return;
    }
    if (!m_info.tlsActive && !m_config.allowAuthWithoutTls) {
        fail(error(SmtpErrorKind::AuthWithoutTls, SmtpPhase::Auth, false,
                   QCoreApplication::translate(
                       "SmtpProtocol",
                       "the connection is not encrypted, so the password was not sent; use STARTTLS or "
                       "TLS, or allow sign-in without encryption for this account")));
        return;
    }
    m_authMethod = *mechanism;
    switch (m_authMethod) {
    case AuthMethod::Plain:
        sendCommand(QByteArray("AUTH PLAIN " + sasl::plainResponse(m_config.username, m_config.secret)),
                    QStringLiteral("AUTH PLAIN ***"));
        enterState(State::AuthPlain);
        break;
    case AuthMethod::Login:
        sendCommand("AUTH LOGIN");
        enterState(State::AuthLoginUser);
        break;
    case AuthMethod::XOAuth2:
        sendCommand(QByteArray("AUTH XOAUTH2 " + sasl::xoauth2Response(m_config.username, m_config.secret)),
                    QStringLiteral("AUTH XOAUTH2 ***"));
        enterState(State::AuthXOAuth2);
        break;
    case AuthMethod::OAuthBearer:
        sendCommand(
            QByteArray("AUTH OAUTHBEARER " + sasl::oauthBearerResponse(m_config.username, m_config.host,
                                                                       m_config.port, m_config.secret)),
            QStringLiteral("AUTH OAUTHBEARER ***"));
        enterState(State::AuthOAuthBearer);
        break;
    case AuthMethod::OAuth2:
    case AuthMethod::Auto:
    case AuthMethod::None:
        becomeReady();
        break;
    }
}

void SmtpProtocol::becomeReady()
{
    enterState(State::Ready);
    notePhase();
    m_listener.protocolReady(m_info);
}

void SmtpProtocol::tlsEstablished()
{
    if (m_state != State::TlsHandshake)
        return;
    m_info.tlsActive = true;
    clearCapabilities(m_info);
    m_parser.reset();
    sendEhlo();
    enterState(State::Ehlo);
    notePhase();
}

void SmtpProtocol::enqueue(OutgoingMessage message)
{
    // Once QUIT is out nothing else is sent on this connection; a message queued then would wait
    // for ever and end with no outcome at all (found by tests/fuzz/fuzz_protocol).
    if (isFinished() || m_state == State::Quit) {
        SendOutcome outcome;
        outcome.id = message.id;
        outcome.attempted = false;
        outcome.error =
            error(SmtpErrorKind::ConnectionClosed, m_lastPhase, true,
                  m_state == State::Quit
                      ? QCoreApplication::translate("SmtpProtocol", "the connection was already closing")
                      : QCoreApplication::translate("SmtpProtocol", "the connection was already closed"));
        m_listener.protocolMessageDone(outcome);
        return;
    }
    m_queue.push_back(std::move(message));
    if (m_busy == 0) {
        pump();
        notePhase();
    }
}

void SmtpProtocol::startGateAnswered(qint64 messageId, bool open)
{
    if (m_gateWaitingFor != messageId || m_queue.empty() || m_queue.front().id != messageId)
        return;
    m_gateWaitingFor.reset();
    ++m_busy;
    if (open) {
        m_gateOpenedFor = messageId; // pump() starts it
    } else {
        m_queue.pop_front();
        withdraw(messageId);
    }
    --m_busy;
    if (m_busy == 0 && !isFinished()) {
        pump();
        notePhase();
    }
}

// Its start gate closed: never tried, nothing to record.
void SmtpProtocol::withdraw(qint64 messageId)
{
    SendOutcome outcome;
    outcome.id = messageId;
    outcome.attempted = false;
    outcome.withdrawn = true;
    m_listener.protocolMessageDone(outcome);
}

void SmtpProtocol::requestClose()
{
    m_closeRequested = true;
    if (m_busy == 0 && !isFinished()) {
        pump();
        notePhase();
    }
}

QList<qint64> SmtpProtocol::takeUnstarted()
{
    QList<qint64> ids;
    if (m_queue.empty())
        return ids;
    // A message whose start gate was asked stays: its hand-over mark may be on its way to the
    // database, and it is started or withdrawn when the answer comes (taken back now, it could be
    // claimed again before that stale mark lands on the new claim).
    std::optional<OutgoingMessage> gated;
    const std::optional<qint64> gate = m_gateWaitingFor ? m_gateWaitingFor : m_gateOpenedFor;
    if (gate && m_queue.front().id == *gate) {
        gated = std::move(m_queue.front());
        m_queue.pop_front();
    }
    ids.reserve(static_cast<qsizetype>(m_queue.size()));
    for (const OutgoingMessage& msg : m_queue)
        ids.append(msg.id);
    m_queue.clear();
    if (gated)
        m_queue.push_back(std::move(*gated));
    // A close that waited for these can now send QUIT once the started ones are done.
    if (m_busy == 0 && !isFinished()) {
        pump();
        notePhase();
    }
    return ids;
}

void SmtpProtocol::pump()
{
    // A send() from a messageDone() slot only queues; this loop picks it up.
    ++m_busy;
    while (m_state == State::Ready && !m_streaming && !m_queue.empty() && !m_gateWaitingFor) {
        bool canStart = false;
        if (m_info.pipelining && m_config.pipelineAcrossMessages) {
            // At most one transaction waits for its final reply while the next one's envelope is out.
            // A transaction with recipients left for a further round writes that round's envelope
            // after its final reply, so nothing may be pipelined behind it.
            canStart = m_txns.size() < 2;
            for (const auto& txn : m_txns)
                canStart = canStart && txn->envelopeDone && txn->overflow.isEmpty();
        } else if (m_info.pipelining) {
            // MAIL, RCPT and DATA go in one write, but only once the previous message is answered
            // (an RSET still awaited is harmless: it cannot open a DATA body).
            canStart = m_txns.empty();
        } else {
            canStart = m_txns.empty() && m_expect.empty();
        }
        if (!canStart)
            break;
        startTransaction();
    }
    --m_busy;
    if (m_state == State::Ready && m_closeRequested && m_queue.empty() && m_txns.empty() &&
        m_expect.empty() && !m_streaming) {
        sendCommand("QUIT");
        enterState(State::Quit);
    }
}

bool SmtpProtocol::startTransaction()
{
    OutgoingMessage msg = std::move(m_queue.front());
    m_queue.pop_front();

    std::optional<SmtpError> refusal;
    bool badAddress = msg.mailFrom.isEmpty() ? false : hasLineBreakOrBrackets(msg.mailFrom);
    for (const QByteArray& rcpt : std::as_const(msg.recipients))
        badAddress = badAddress || rcpt.isEmpty() || hasLineBreakOrBrackets(rcpt);
    if (msg.recipients.isEmpty()) {
        refusal = error(SmtpErrorKind::InvalidInput, SmtpPhase::Rcpt, false,
                        QCoreApplication::translate("SmtpProtocol", "the message has no recipients"));
    } else if (badAddress) {
        refusal = error(SmtpErrorKind::InvalidInput, SmtpPhase::Mail, false,
                        QCoreApplication::translate(
                            "SmtpProtocol", "an envelope address contains a line break or angle bracket"));
    } else if (m_info.sizeLimit > 0 && msg.data.size() > m_info.sizeLimit) {
        refusal = error(SmtpErrorKind::MessageTooLarge, SmtpPhase::Mail, false,
                        QCoreApplication::translate(
                            "SmtpProtocol", "the message is %1 bytes but the server accepts at most %2 bytes")
                            .arg(msg.data.size())
                            .arg(m_info.sizeLimit));
    } else if (msg.needsSmtpUtf8 && !m_info.smtpUtf8) {
        refusal = error(SmtpErrorKind::InvalidInput, SmtpPhase::Mail, false,
                        QCoreApplication::translate(
                            "SmtpProtocol",
                            "the message has a non-ASCII address, which needs SMTPUTF8, and the server "
                            "does not offer it"));
    }
    if (refusal) {
        SendOutcome outcome;
        outcome.id = msg.id;
        outcome.error = std::move(refusal);
        m_listener.protocolMessageDone(outcome);
        return false;
    }
    const StartGate gate = m_gateOpenedFor == msg.id ? StartGate::Open : m_listener.protocolMayStart(msg.id);
    m_gateOpenedFor.reset();
    if (gate == StartGate::Later) {
        // Nothing of it is written until the answer comes (startGateAnswered()).
        m_gateWaitingFor = msg.id;
        m_queue.push_front(std::move(msg));
        return false;
    }
    if (gate == StartGate::Closed) {
        withdraw(msg.id);
        return false;
    }

    auto owned = std::make_unique<Transaction>();
    Transaction* txn = owned.get();
    txn->msg = std::move(msg);
    txn->dataSize = txn->msg.data.size();
    m_txns.push_back(std::move(owned));

    writeEnvelope(txn);
    return true;
}

void SmtpProtocol::writeEnvelope(Transaction* txn)
{
    writeEnvelopeCommand(Expect::Mail, txn);
    if (m_info.pipelining) {
        for (const QByteArray& rcpt : std::as_const(txn->msg.recipients))
            writeEnvelopeCommand(Expect::Rcpt, txn, rcpt);
        writeEnvelopeCommand(Expect::Data, txn);
    }
}

// Recipients held back for a further round when this round delivers nothing: they are refused
// with the server's "too many recipients" reply (another round would meet the same limit).
void SmtpProtocol::settleOverflow(Transaction* txn)
{
    if (txn->accepted > 0 || txn->overflow.isEmpty())
        return;
    txn->refused.append(txn->overflow);
    txn->overflow.clear();
}

void SmtpProtocol::writeEnvelopeCommand(Expect kind, Transaction* txn, const QByteArray& recipient)
{
    const qsizetype start = m_out.size();
    switch (kind) {
    case Expect::Mail:
        m_out.append("MAIL FROM:<", 11).append(txn->msg.mailFrom).append('>');
        if (m_info.sizeLimit > 0 || m_info.esmtp) {
            if (m_info.sizeLimit > 0)
                m_out.append(" SIZE=", 6).append(QByteArray::number(txn->dataSize));
            if (txn->msg.needs8BitMime && m_info.eightBitMime)
                m_out.append(" BODY=8BITMIME", 14);
            if (txn->msg.needsSmtpUtf8 && m_info.smtpUtf8)
                m_out.append(" SMTPUTF8", 9);
        }
        break;
    case Expect::Rcpt:
        m_out.append("RCPT TO:<", 9).append(recipient).append('>');
        break;
    case Expect::Data:
        m_out.append("DATA", 4);
        break;
    case Expect::DataEnd:
    case Expect::Rset:
        break;
    }
    if (m_transcriptEnabled)
        transcriptLine(TranscriptLine::Direction::Client,
                       QString::fromUtf8(QByteArrayView(m_out).sliced(start, m_out.size() - start)),
                       txn->msg.id);
    m_out.append("\r\n", 2);
    m_expect.push_back({kind, txn});
}

void SmtpProtocol::sendRset(qint64 messageId)
{
    sendCommand("RSET", {}, messageId);
    m_expect.push_back({Expect::Rset, nullptr});
}

void SmtpProtocol::handleTransactionReply(const SmtpReply& reply)
{
    if (m_expect.empty()) {
        fail(
            error(SmtpErrorKind::ProtocolError, phase(), false,
                  QCoreApplication::translate("SmtpProtocol", "the server sent a reply (%1) nobody asked for")
                      .arg(reply.code)));
        return;
    }
    const Expectation expected = m_expect.front();
    m_expect.pop_front();
    Transaction* txn = expected.txn;
    const bool pipelining = m_info.pipelining;

    switch (expected.kind) {
    case Expect::Mail:
        if (!reply.isPositive())
            txn->error = replyError(
                reply, SmtpPhase::Mail,
                QCoreApplication::translate("SmtpProtocol", "the server refused the sender address <%1>")
                    .arg(QString::fromUtf8(txn->msg.mailFrom)));
        if (!pipelining) {
            if (txn->error) {
                sendRset(txn->msg.id);
                finishTransaction(txn);
            } else {
                writeEnvelopeCommand(Expect::Rcpt, txn, txn->msg.recipients.first());
            }
        }
        return;
    case Expect::Rcpt: {
        const QByteArray& address = txn->msg.recipients.at(txn->rcptReplies++);
        const RecipientRefusal refusal{address, reply.code, reply.enhancedCode,
                                       reply.textWithoutEnhancedCode()};
        if (reply.isPositive()) {
            ++txn->accepted;
            txn->roundAccepted.append(address);
        } else if (!txn->error) {
            if (isTooManyRecipients(reply))
                txn->overflow.append(refusal);
            else
                txn->refused.append(refusal);
        }
        if (!pipelining) {
            if (!txn->overflow.isEmpty()) {
                // The server's limit is reached: the rest wait for a further transaction.
                while (txn->rcptReplies < txn->msg.recipients.size())
                    txn->overflow.append({txn->msg.recipients.at(txn->rcptReplies++), refusal.code,
                                          refusal.enhancedCode, refusal.text});
            }
            if (txn->rcptReplies < txn->msg.recipients.size()) {
                writeEnvelopeCommand(Expect::Rcpt, txn, txn->msg.recipients.at(txn->rcptReplies));
            } else if (txn->accepted > 0) {
                writeEnvelopeCommand(Expect::Data, txn);
            } else {
                settleOverflow(txn);
                txn->error = allRefusedError(*txn);
                sendRset(txn->msg.id);
                finishTransaction(txn);
            }
        }
        return;
    }
    case Expect::Data:
        txn->envelopeDone = true;
        settleOverflow(txn);
        if (reply.code == 354) {
            txn->dataStarted = true;
            if (txn->error || txn->accepted == 0) {
                // The server wants a body although nothing can be delivered: end it empty.
                if (!txn->error)
                    txn->error = allRefusedError(*txn);
                txn->abortingData = true;
                sendCommand(".", {}, txn->msg.id);
                m_expect.push_back({Expect::DataEnd, txn});
            } else {
                txn->stuffer.reset();
                m_streaming = txn;
            }
        } else {
            if (!txn->error)
                txn->error = txn->accepted == 0
                                 ? allRefusedError(*txn)
                                 : replyError(reply, SmtpPhase::Data,
                                              QCoreApplication::translate(
                                                  "SmtpProtocol", "the server refused to take the message"));
            sendRset(txn->msg.id);
            finishTransaction(txn);
        }
        return;
    case Expect::DataEnd:
        // The end of the data ends the transaction whatever the reply (RFC 5321 4.1.1.4), so no
        // RSET follows: with PIPELINING one would land behind (or inside) the next message.
        if (txn->abortingData) {
            // Nothing could be delivered; the error was set when the empty body was sent.
        } else if (reply.isPositive()) {
            txn->acceptanceLine = reply.lastLine();
            txn->delivered.append(txn->roundAccepted);
            txn->roundAccepted.clear();
            if (!txn->overflow.isEmpty() && !txn->msg.data.isEmpty()) {
                startNextRound(txn);
                return;
            }
        } else {
            txn->error = replyError(
                reply, SmtpPhase::Data,
                QCoreApplication::translate("SmtpProtocol", "the server did not accept the message"));
        }
        finishTransaction(txn);
        return;
    case Expect::Rset:
        return;
    }
}

void SmtpProtocol::streamData(qsizetype maxBytes)
{
    Transaction* txn = m_streaming;
    if (!txn || isFinished())
        return;
    const QByteArray& data = txn->msg.data;
    const qsizetype n = qMin(maxBytes, data.size() - txn->dataPos);
    if (n > 0) {
        txn->stuffer.feed(QByteArrayView(data).sliced(txn->dataPos, n), m_out);
        txn->dataPos += n;
    }
    if (txn->dataPos < data.size())
        return;
    txn->stuffer.finish(m_out);
    if (m_transcriptEnabled) {
        transcriptLine(TranscriptLine::Direction::Client,
                       QCoreApplication::translate("SmtpProtocol", "<message %1 bytes>").arg(txn->dataSize),
                       txn->msg.id);
        transcriptLine(TranscriptLine::Direction::Client, QStringLiteral("."), txn->msg.id);
    }
    if (txn->overflow.isEmpty())
        txn->msg.data = QByteArray(); // the body is not needed any more; large ones free memory now
    txn->dotSent = true;
    txn->dotEnd = m_flushed + static_cast<quint64>(m_out.size());
    m_streaming = nullptr;
    m_expect.push_back({Expect::DataEnd, txn});
    pump();
    notePhase();
}

void SmtpProtocol::finishTransaction(Transaction* txn)
{
    std::unique_ptr<Transaction> owned;
    for (auto it = m_txns.begin(); it != m_txns.end(); ++it) {
        if (it->get() == txn) {
            owned = std::move(*it);
            m_txns.erase(it);
            break;
        }
    }
    if (!owned)
        return;
    if (m_streaming == txn)
        m_streaming = nullptr;
    SendOutcome outcome;
    outcome.id = owned->msg.id;
    outcome.attempted = true;
    if (!owned->delivered.isEmpty()) {
        // Some recipients have the message (perhaps from an earlier round): it counts as accepted,
        // and everyone else is listed with the reason, so only they are tried again.
        outcome.accepted = true;
        outcome.acceptanceLine = std::move(owned->acceptanceLine);
        outcome.acceptedRecipients = std::move(owned->delivered);
        outcome.refusedRecipients = std::move(owned->refused);
        if (owned->error) {
            const SmtpError& e = *owned->error;
            for (const QByteArray& address : std::as_const(owned->roundAccepted))
                outcome.refusedRecipients.append(
                    {address, e.code, e.enhancedCode, e.serverText.isEmpty() ? e.detail : e.serverText});
        }
        outcome.refusedRecipients.append(owned->overflow);
    } else {
        outcome.accepted = false;
        outcome.error = owned->error ? *owned->error : allRefusedError(*owned);
        outcome.refusedRecipients = std::move(owned->refused);
        outcome.refusedRecipients.append(owned->overflow);
    }
    m_listener.protocolMessageDone(outcome);
}

void SmtpProtocol::startNextRound(Transaction* txn)
{
    QList<QByteArray> rest;
    for (const RecipientRefusal& r : std::as_const(txn->overflow))
        rest.append(r.address);
    txn->overflow.clear();
    txn->msg.recipients = rest;
    txn->rcptReplies = 0;
    txn->accepted = 0;
    txn->envelopeDone = false;
    txn->dataStarted = false;
    txn->dotSent = false;
    txn->dataPos = 0;
    // A plain variable: lupdate skips a translate() call whose arguments hold a cast.
    const int restCount = static_cast<int>(rest.size());
    transcriptLine(TranscriptLine::Direction::Info,
                   QCoreApplication::translate(
                       "SmtpProtocol",
                       "the server takes no more recipients in one transaction; %n more follow in another",
                       nullptr, restCount),
                   txn->msg.id);
    writeEnvelope(txn);
}

void SmtpProtocol::abort(SmtpError error)
{
    fail(std::move(error));
}

void SmtpProtocol::connectionLost()
{
    if (isFinished())
        return;
    if (m_state == State::Quit) {
        enterState(State::Closed);
        m_listener.protocolClosed();
        return;
    }
    fail(error(SmtpErrorKind::ConnectionClosed, phase(), true,
               QCoreApplication::translate("SmtpProtocol", "the server closed the connection")));
}

void SmtpProtocol::fail(SmtpError err)
{
    if (isFinished())
        return;
    // What the session knew when it failed, so a hint can tell "STARTTLS was offered and not used"
    // from "no EHLO was ever seen".
    err.sawEhlo = m_sawEhlo;
    err.startTlsOffered = m_startTlsOffered;
    err.tlsActive = m_info.tlsActive;
    enterState(State::Failed);
    m_streaming = nullptr;
    m_expect.clear();
    std::deque<std::unique_ptr<Transaction>> inFlight;
    inFlight.swap(m_txns);
    std::deque<OutgoingMessage> waiting;
    waiting.swap(m_queue);
    m_gateWaitingFor.reset();
    m_gateOpenedFor.reset();
    for (const auto& txn : inFlight) {
        SendOutcome outcome;
        outcome.id = txn->msg.id;
        outcome.refusedRecipients = txn->refused;
        // A message the server already refused keeps that reason; others get the fatal error.
        outcome.error = txn->error ? *txn->error : err;
        outcome.acceptedRecipients = txn->delivered;
        // The dot left the socket unless it is among the bytes still waiting there.
        const bool dotLeft =
            txn->dotSent &&
            (m_unsent == 0 || txn->dotEnd + m_unsent <= m_flushed + static_cast<quint64>(m_out.size()));
        if (dotLeft && !txn->error) {
            outcome.error = outcomeUnknownError(err);
        } else if (!txn->delivered.isEmpty()) {
            // Earlier rounds delivered: accepted for them; this round's recipients and those still
            // waiting are refused with the session's error (a transient one: tried again alone).
            outcome.accepted = true;
            outcome.error.reset();
            const SmtpError& e = txn->error ? *txn->error : err;
            for (const QByteArray& address : std::as_const(txn->msg.recipients)) {
                bool listed = false;
                for (const RecipientRefusal& r : std::as_const(outcome.refusedRecipients))
                    listed = listed || r.address == address;
                if (!listed)
                    outcome.refusedRecipients.append(
                        {address, e.code, e.enhancedCode, e.serverText.isEmpty() ? e.detail : e.serverText});
            }
            outcome.refusedRecipients.append(txn->overflow);
        }
        // The first transaction is the one the connection died on and is charged an attempt (it
        // may be what breaks the server). A pipelined one behind it whose DATA never started
        // cannot have been accepted: it was not tried.
        const bool isFirst = txn.get() == inFlight.front().get();
        outcome.attempted = isFirst || txn->dataStarted || txn->error.has_value();
        m_listener.protocolMessageDone(outcome);
    }
    for (const OutgoingMessage& msg : waiting) {
        SendOutcome outcome;
        outcome.id = msg.id;
        outcome.error = err;
        outcome.attempted = false;
        m_listener.protocolMessageDone(outcome);
    }
    m_listener.protocolFailed(err);
}

} // namespace outbound
