#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <optional>

namespace outbound {

enum class Encryption
{
    None,
    StartTls,
    Tls
};
enum class AuthMethod
{
    Auto,
    Plain,
    Login,
    XOAuth2,
    None,
    // Managed OAuth 2.0 (smtp.auth = oauth2): the token comes from the signed-in account. The
    // engine uses OAUTHBEARER (RFC 7628) when offered and allowed, else XOAUTH2.
    OAuth2,
    OAuthBearer // OAUTHBEARER with the token supplied
};

QString toString(Encryption e); // "none", "starttls", "tls"
QString toString(AuthMethod a); // "auto", "plain", "login", "xoauth2", "none", "oauth2", "oauthbearer"
// Whether the method signs in with a bearer token rather than a password.
bool isTokenAuth(AuthMethod a);
std::optional<Encryption> encryptionFromString(const QString& s);
std::optional<AuthMethod> authMethodFromString(const QString& s);

// Where a session was when something happened. Order follows a session's life.
enum class SmtpPhase
{
    Dns,
    Connect,
    Tls,
    Greeting,
    Ehlo,
    StartTls,
    Auth,
    Mail,
    Rcpt,
    Data,
    Quit
};
QString toString(SmtpPhase p); // "dns", "connect", ... as in the spec

// Per-phase budgets in seconds (the watchdog re-arms with these).
struct PhaseTimeouts
{
    int connect = 15;
    int greeting = 30;
    int command = 60;
    int dataIdle = 60;
    int finalDot = 600; // RFC 5321 4.5.3.2.6: the server may take ten minutes to take responsibility

    // Every budget set to the same value (the CLI's --timeout).
    static PhaseTimeouts uniform(int seconds) { return {seconds, seconds, seconds, seconds, seconds}; }
    bool operator==(const PhaseTimeouts&) const = default;
};

// Everything a session needs to reach and sign in to one server.
struct SmtpConfig
{
    QString host; // as entered; the session sends IDNs as punycode
    quint16 port = 587;
    Encryption encryption = Encryption::StartTls;
    AuthMethod auth = AuthMethod::Auto;
    QString username;
    QString secret; // password, or the OAuth2 access token for XOAUTH2; never logged
    QString caFile;
    QString pinnedSha256; // hex, colons optional
    QString heloName;
    bool allowAuthWithoutTls = false; // AUTH over a clear connection only if the operator allowed it
    // With PIPELINING, write the next message's MAIL/RCPT/DATA right behind the previous message's
    // final dot (RFC 2920 allows it). Off by default: some servers (Dovecot submission 2.3) break
    // on it after they have already relayed the message, so the client waits for the final reply.
    bool pipelineAcrossMessages = false;
    // For AuthMethod::OAuth2: may OAUTHBEARER be used when the server offers it (Microsoft accepts
    // only XOAUTH2, so the settings turn this off for it).
    bool oauthBearerAllowed = true;
    PhaseTimeouts timeouts;
};

// What kind of failure, independent of the phase it happened in.
enum class SmtpErrorKind
{
    HostNotFound,        // DNS lookup failed
    ConnectionRefused,   // nothing listens
    Timeout,             // the watchdog fired (phase + budget say where)
    ConnectionClosed,    // the server hung up
    NetworkError,        // any other socket error
    TlsHandshakeFailed,  // e.g. TLS spoken to a plain port or vice versa
    CertificateRejected, // verification failed (reasons in certificateErrors)
    StartTlsNotOffered,  // encryption=starttls but the server did not offer it
    AuthNotOffered,      // sign-in configured but no usable mechanism offered
    AuthWithoutTls,      // would send credentials in clear and that is not allowed
    ServerReply,         // the server answered with an error code
    ProtocolError,       // the server's reply could not be understood
    MessageTooLarge,     // SIZE limit known and exceeded before sending
    AllRecipientsRefused,
    Cancelled,
    InvalidInput,          // bad configuration or message before anything was sent
    PinMismatch,           // the server's certificate is not the one pinned in smtp.pinned_sha256
    SomeRecipientsRefused, // the message went to some recipients; others were refused (listed in detail)
    // Keep kLastSmtpErrorKind on the last one: loops over the kinds end there.
};
constexpr SmtpErrorKind kLastSmtpErrorKind = SmtpErrorKind::SomeRecipientsRefused;
QString toString(SmtpErrorKind k);

struct SmtpError
{
    SmtpErrorKind kind = SmtpErrorKind::NetworkError;
    SmtpPhase phase = SmtpPhase::Connect;
    int code = 0;                            // SMTP reply code, 0 when no reply
    QString enhancedCode;                    // e.g. "5.7.139", empty when none
    QString serverText;                      // the server's reply text (joined lines)
    bool transient = true;                   // retry later may help (4xx, timeouts, lost connections)
    int timeoutSeconds = 0;                  // for Timeout: the budget that ran out
    QString detail;                          // one readable sentence describing the failure
    QStringList certificateErrors;           // readable verification errors
    QList<int> certificateErrorCodes;        // the same as QSslError::SslError values, for decisions
    QString peerCertificateSha256;           // hex SHA-256 of the server's certificate, when seen
    QStringList peerCertificateNames;        // subject CN and alt names, when seen
    bool receivedTlsBytesAsGreeting = false; // greeting looked like a TLS record
    bool handshakeSawPlainSmtp = false;      // TLS handshake got a plain "220 " line
    // The whole message and its final dot were sent, then the reply never came (closed, timed
    // out, garbled): the server may have taken it. Never retried automatically.
    bool outcomeUnknown = false;
    // Before the failure the server had answered EHLO (so offers such as STARTTLS are known).
    bool sawEhlo = false;
    bool startTlsOffered = false; // the EHLO seen offered STARTTLS (meaningful when sawEhlo)
    bool tlsActive = false;       // the connection was encrypted when it failed
    int replyLatencyMs = -1;      // how long the failing reply took after the last write (-1: unknown)
    bool tokenRejected = false;   // AUTH with a bearer token was refused (may retry once)

    // "greeting: timed out after 3 s" / "rcpt: 550 5.1.1 user unknown" — one line for logs/CLI.
    QString summary() const;
};

struct TranscriptLine
{
    enum class Direction
    {
        Client,
        Server,
        Info
    };
    Direction direction = Direction::Info;
    QString text; // redacted already: AUTH payloads and secrets are ***
    QDateTime at;
    qint64 messageId = 0; // the message a transaction line belongs to; 0 for the session's own lines
};

// One message as the transport sees it: envelope plus the raw RFC 5322 bytes (CRLF line ends,
// NOT dot-stuffed; the session stuffs while it streams).
struct OutgoingMessage
{
    qint64 id = 0;                // the caller's reference (queue row id); echoed in the outcome
    QByteArray mailFrom;          // addr-spec, ASCII or UTF-8
    QList<QByteArray> recipients; // addr-specs
    QByteArray data;
    bool needs8BitMime = false;
    bool needsSmtpUtf8 = false;
};

struct RecipientRefusal
{
    QByteArray address;
    int code = 0;
    QString enhancedCode;
    QString text;
};

// A caller's answer before a message's transaction starts (SmtpSession::setStartGate): go, withdraw
// the message untried, or wait for SmtpSession::answerStartGate() (nothing of it is written meanwhile).
enum class StartGate
{
    Open,
    Closed,
    Later
};

struct SendOutcome
{
    qint64 id = 0;
    bool accepted = false;                     // final 250 after the data
    QString acceptanceLine;                    // "250 2.0.0 Ok: queued as ..."
    QList<RecipientRefusal> refusedRecipients; // may be non-empty even when accepted
    // Recipients the server took the message for (when accepted, and also from the completed
    // rounds of a message whose later round failed). Code 0 in a refusal: the session ended
    // before that recipient was answered (a temporary reason).
    QList<QByteArray> acceptedRecipients;
    std::optional<SmtpError> error; // set when not accepted
    bool attempted = true;          // false when the session died before this message was tried
    // The caller's start gate refused it (the worker no longer holds the row): never tried, and no
    // outcome to record.
    bool withdrawn = false;
    // True when the server may have taken the message although no final reply came (see
    // SmtpError::outcomeUnknown).
    bool outcomeUnknown() const { return error && error->outcomeUnknown; }
};

// What the server said about itself after EHLO (and after TLS if any).
struct ServerInfo
{
    QString greeting;
    bool esmtp = true;
    QStringList authMechanisms; // upper-case tokens
    bool startTls = false;
    bool pipelining = false;
    bool eightBitMime = false;
    bool smtpUtf8 = false;
    bool enhancedStatusCodes = false;
    qint64 sizeLimit = 0; // 0 = none announced
    bool tlsActive = false;
    QString tlsProtocol; // e.g. "TLSv1.3"
    QString peerCertificateSha256;
    QStringList peerCertificateNames;
    QDateTime peerCertificateExpiry;
    QString authenticatedAs; // empty when no AUTH was done
};

} // namespace outbound

Q_DECLARE_METATYPE(outbound::SmtpError)
Q_DECLARE_METATYPE(outbound::TranscriptLine)
Q_DECLARE_METATYPE(outbound::SendOutcome)
Q_DECLARE_METATYPE(outbound::ServerInfo)
Q_DECLARE_METATYPE(outbound::OutgoingMessage)
