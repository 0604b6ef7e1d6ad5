#pragma once

#include "settings/MailSettings.h"
#include "smtp/SmtpTypes.h"

#include <QString>
#include <optional>

namespace outbound {

// Which cause a hint names. Stable: tests and --json output use it instead of the translated text.
enum class HintId
{
    Unknown, // generic, phase-based fallback
    HostNotFound,
    ConnectionRefused,
    PortBlocked,             // connect timed out (firewall, ISP blocking port 25)
    PlainOnImplicitTlsPort,  // none/starttls spoken to a port that expects TLS at once (465)
    TlsOnPlainPort,          // implicit TLS spoken to a plain/STARTTLS port (587, 25, 2525)
    TlsHandshakeFailed,      // TLS failed for another reason (old protocol, cipher)
    StartTlsNotOffered,      // encryption=starttls but the server did not offer it
    AuthNotOfferedBeforeTls, // the server only offers AUTH after TLS
    AuthNotOffered,          // the server offers no AUTH at all on this port
    AuthRefusedInClear,      // we refused to send the password over a clear connection
    EncryptionRequired,      // the server wants TLS before AUTH (538 5.7.11)
    CertificateExpired,
    CertificateNameMismatch,
    CertificateUntrusted,      // self-signed or unknown issuer: offer to pin its SHA-256
    WrongCredentials,          // 535 5.7.8
    Microsoft365AuthDisabled,  // 535 5.7.139
    GoogleAppPasswordRequired, // 534 5.7.9
    StartTlsRequired,          // 530 5.7.0 must issue STARTTLS first
    AuthRequired,              // 530 / 5.7.0 authentication required
    RelayDenied,               // 5.7.1 relay access denied
    SendAsDenied,              // 554 5.2.252 / 550 5.7.60: sender not allowed for this mailbox
    RecipientRefused,          // 550 5.1.1 and friends
    MessageTooLarge,           // 552 / 5.3.4 / SIZE exceeded
    Throttled,                 // 421, 4.7.x
    Greylisted,                // 450/451 with greylisting text
    TemporaryFailure,          // other 4xx
    GreetingTimeout,           // the server accepted the connection but never greeted (TLS configured)
    CommandTimeout,            // a command went unanswered
    ConnectionClosed,
    Cancelled,
    InvalidInput,
    ConnectionRejected, // the server refused this client at the greeting (blocked address, policy)
    // OAuth 2.0 (issue 9). SMTP side:
    BasicAuthDisabled, // 550 5.7.30: Microsoft no longer takes passwords: switch to OAuth
    OAuthTokenRefused, // 535 5.7.3 / 5.7.8 with a fresh token: wrong mailbox or missing consent
    // Token endpoint side (AADSTS numbers and OAuth error codes):
    OAuthRegisteredAsWeb,   // AADSTS7000218: platform is Web, not Mobile and desktop
    OAuthAppNotInTenant,    // AADSTS700016
    OAuthConsentRequired,   // AADSTS65001, 90094, 90095
    OAuthMfaRequired,       // AADSTS50076, 50079
    OAuthRefreshExpired,    // AADSTS700082
    OAuthClientSecretWrong, // AADSTS7000215, 7000222
    OAuthConditionalAccess, // AADSTS53003
    OAuthInvalidClient,     // invalid_client (Google and others)
    OAuthAccessDenied,      // access_denied: the person or the admin said no
    OAuthAppBlocked,        // Google: admin_policy_enforced / org_internal
    OAuthTestingExpired,    // Google: an app in Testing issues refresh tokens that last 7 days
    OAuthSignInNeeded,      // any other invalid_grant
    OAuthUnreachable,       // the token endpoint did not answer
    OutcomeUnknown,         // the whole message was sent, no final reply: it may have been delivered
    PinMismatch,            // the certificate is not the pinned one (never suggest pinning it)
    AuthPenalty,            // a refused sign-in answered slowly: the server delays after failures
    StartTlsFailed,         // STARTTLS offered, then refused (454) or broken: the server's TLS is at fault
};
QString toString(HintId id); // "wrong-credentials", ... (stable, for --json)

// A failure turned into something a person can act on.
struct Hint
{
    QString cause;                     // one sentence: what is wrong
    QString fix;                       // one sentence: what to do
    std::optional<SettingKey> setting; // the setting to change, when one applies
    QString suggestedValue;            // e.g. "tls" or a port number, when known
    HintId id = HintId::Unknown;

    // "cause fix" on one line, for the CLI's `hint:` line.
    QString text() const;
};

// From a typed engine error and what was configured to a hint (translated sentences).
// senderCategory ("invoice", "quote", "ticket", "system", ...) names whose sender a refusal concerns.
Hint diagnose(const SmtpError& error, const SmtpConfig& config, const QString& senderCategory = {});

struct OAuthError;
// From a token endpoint (or browser / device step) error to a hint. refreshTokenAgeDays: the age
// of the refused refresh token when known (Google's 7-day Testing limit), else -1.
Hint diagnoseOAuth(const OAuthError& error, const OAuthSettings& settings, int refreshTokenAgeDays = -1);

// Port conventions: 465 expects TLS at once; 25, 587 and 2525 speak plain SMTP and upgrade with STARTTLS.
bool isImplicitTlsPort(quint16 port);
bool isStartTlsPort(quint16 port);

// The settings key for a category's sender address (from.invoice.email, ...; default for others).
SettingKey senderEmailKey(const QString& senderCategory);

} // namespace outbound
