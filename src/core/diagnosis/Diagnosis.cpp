#include "diagnosis/Diagnosis.h"

#include "diagnosis/SettingsProbe.h"
#include "oauth/OAuthTypes.h"

#include <QCoreApplication>
#include <QSslError>
#include <QUrl>

namespace outbound {

namespace {

Hint make(HintId id, QString cause, QString fix, std::optional<SettingKey> setting = std::nullopt,
          QString suggestedValue = {})
{
    Hint h;
    h.id = id;
    h.cause = std::move(cause);
    h.fix = std::move(fix);
    h.setting = setting;
    h.suggestedValue = std::move(suggestedValue);
    return h;
}

bool containsAny(const QString& haystack, std::initializer_list<const char16_t*> needles)
{
    for (const char16_t* needle : needles) {
        if (haystack.contains(QStringView(needle), Qt::CaseInsensitive))
            return true;
    }
    return false;
}

bool isMicrosoftHost(const QString& host)
{
    return containsAny(host, {u"office365.com", u"outlook.com", u"outlook.office.com", u"hotmail.com"});
}

bool isGoogleHost(const QString& host)
{
    return containsAny(host, {u"gmail.com", u"google.com", u"googlemail.com"});
}

// RFC 6125 style: exact match, or one leading wildcard label covering exactly one label.
bool certificateNameMatches(const QString& pattern, const QString& host)
{
    const QString p = pattern.trimmed().toLower();
    const QString h = host.trimmed().toLower();
    if (p == h)
        return true;
    if (p.startsWith(QStringLiteral("*."))) {
        const int dot = h.indexOf(u'.');
        return dot > 0 && h.mid(dot) == p.mid(1);
    }
    return false;
}

bool hostMatchesAny(const QStringList& names, const QString& host)
{
    for (const QString& name : names) {
        if (certificateNameMatches(name, host))
            return true;
    }
    return false;
}

// A refused sign-in answered this slowly is the server's delay after failures (Dovecot waits 2 s).
constexpr int kAuthPenaltyMs = 1500;

QString portText(quint16 port)
{
    return QString::number(port);
}

Hint certificateHint(const SmtpError& e, const SmtpConfig& c)
{
    // Decided from the typed verification errors (QSslError codes) and the names on the
    // certificate, never from the readable reasons, which are translated.
    const QString reasons = e.certificateErrors.join(u' ');
    const auto has = [&e](QSslError::SslError code) {
        return e.certificateErrorCodes.contains(int(code));
    };
    const bool expired = has(QSslError::CertificateExpired) || has(QSslError::CertificateNotYetValid);
    // Names given and none covers the host (IP hosts match IP entries): a mismatch.
    const QString aceHost = QString::fromLatin1(QUrl::toAce(c.host));
    const bool nameMismatch =
        has(QSslError::HostNameMismatch) ||
        (!e.peerCertificateNames.isEmpty() && !hostMatchesAny(e.peerCertificateNames, c.host) &&
         !hostMatchesAny(e.peerCertificateNames, aceHost));
    const QString names = e.peerCertificateNames.isEmpty()
                              ? QCoreApplication::translate("Diagnosis", "(none)")
                              : e.peerCertificateNames.join(QStringLiteral(", "));
    if (expired) {
        return make(HintId::CertificateExpired,
                    QCoreApplication::translate(
                        "Diagnosis",
                        "The server's TLS certificate has expired (or is not valid yet), so the connection "
                        "was refused."),
                    QCoreApplication::translate(
                        "Diagnosis",
                        "Ask the server's administrator to renew the certificate, and check that this "
                        "computer's clock is right."));
    }
    if (nameMismatch) {
        Hint h = make(HintId::CertificateNameMismatch,
                      QCoreApplication::translate(
                          "Diagnosis", "The server's certificate is issued for %1, not for the host name %2.")
                          .arg(names, c.host),
                      QCoreApplication::translate(
                          "Diagnosis", "Set smtp.host to one of the names on the certificate (%1).")
                          .arg(names),
                      SettingKey::SmtpHost);
        if (!e.peerCertificateNames.isEmpty() && !e.peerCertificateNames.first().startsWith(u'*'))
            h.suggestedValue = e.peerCertificateNames.first();
        return h;
    }
    if (!e.peerCertificateSha256.isEmpty()) {
        return make(HintId::CertificateUntrusted,
                    QCoreApplication::translate(
                        "Diagnosis",
                        "The server's certificate is self-signed or from an authority this computer does "
                        "not trust (SHA-256 %1).")
                        .arg(e.peerCertificateSha256),
                    QCoreApplication::translate(
                        "Diagnosis",
                        "If you trust this server, pin that certificate by setting smtp.pinned_sha256 to %1, "
                        "or give the issuing CA in smtp.ca_file.")
                        .arg(e.peerCertificateSha256),
                    SettingKey::SmtpPinnedSha256, e.peerCertificateSha256);
    }
    return make(
        HintId::CertificateUntrusted,
        QCoreApplication::translate("Diagnosis", "The server's certificate could not be verified (%1).")
            .arg(reasons.isEmpty() ? QCoreApplication::translate("Diagnosis", "no reason given") : reasons),
        QCoreApplication::translate(
            "Diagnosis",
            "Give the issuing CA's certificate in smtp.ca_file, or pin the server's certificate in "
            "smtp.pinned_sha256."),
        SettingKey::SmtpCaFile);
}

// timeoutSeconds > 0: inferred from a silent greeting, so the cause says what was seen, not more.
Hint plainOnImplicitTls(const SmtpConfig& c, int timeoutSeconds = 0)
{
    const QString cause =
        timeoutSeconds > 0
            ? QCoreApplication::translate(
                  "Diagnosis",
                  "Port %1 sent no greeting within %2 s while encryption is %3; a port that expects TLS from "
                  "the "
                  "first byte (implicit TLS, often called SSL, as on 465) stays silent like this.")
                  .arg(portText(c.port))
                  .arg(timeoutSeconds)
                  .arg(toString(c.encryption))
            : QCoreApplication::translate(
                  "Diagnosis",
                  "Port %1 expects TLS from the first byte (implicit TLS, often called SSL), but encryption "
                  "is set to %2.")
                  .arg(portText(c.port), toString(c.encryption));
    return make(HintId::PlainOnImplicitTlsPort, cause,
                QCoreApplication::translate(
                    "Diagnosis", "Set smtp.encryption to tls for port %1, or use port 587 with starttls.")
                    .arg(portText(c.port)),
                SettingKey::SmtpEncryption, QStringLiteral("tls"));
}

// The port speaks plain SMTP and offers no STARTTLS: only an unencrypted connection works there,
// which is what a probe of the port recommends too (with its warning).
Hint plainOnlyPort(const SmtpConfig& c)
{
    return make(HintId::PlainOnlyPort,
                QCoreApplication::translate(
                    "Diagnosis", "Port %1 speaks plain SMTP and does not offer STARTTLS, so neither "
                                 "TLS nor STARTTLS can work on it.")
                    .arg(portText(c.port)),
                QCoreApplication::translate(
                    "Diagnosis",
                    "To use this port, set smtp.encryption to none; messages (and the password, if one is "
                    "sent) then cross the network unencrypted, so do this only on a network you trust. "
                    "Otherwise ask the provider for a port with encryption."),
                SettingKey::SmtpEncryption, QStringLiteral("none"));
}

// timeoutSeconds > 0: the handshake got no answer at all, rather than a plain "220" line.
// facts.startTlsOffered decides between STARTTLS and none; unknown names both.
Hint tlsOnPlainPort(const SmtpConfig& c, const PortFacts& facts, int timeoutSeconds = 0)
{
    if (timeoutSeconds <= 0 && facts.startTlsOffered == false)
        return plainOnlyPort(c);
    const QString cause =
        timeoutSeconds > 0
            ? QCoreApplication::translate(
                  "Diagnosis",
                  "Port %1 did not answer the TLS handshake within %2 s; ports other than 465 usually expect "
                  "plain "
                  "SMTP first and upgrade with STARTTLS.")
                  .arg(portText(c.port))
                  .arg(timeoutSeconds)
            : (facts.startTlsOffered == true
                   ? QCoreApplication::translate("Diagnosis", "Port %1 answers in plain SMTP and upgrades "
                                                              "with STARTTLS, but encryption is set to tls "
                                                              "(TLS from the first byte).")
                         .arg(portText(c.port))
                   : QCoreApplication::translate(
                         "Diagnosis",
                         "Port %1 answers in plain SMTP, not with TLS from the first byte as encryption tls "
                         "expects.")
                         .arg(portText(c.port)));
    QString fix;
    if (timeoutSeconds > 0)
        fix = QCoreApplication::translate(
                  "Diagnosis",
                  "Set smtp.encryption to starttls for port %1, or use port 465 with tls; if that times out "
                  "too, the server is not answering.")
                  .arg(portText(c.port));
    else if (facts.startTlsOffered == true)
        fix = QCoreApplication::translate("Diagnosis", "Set smtp.encryption to starttls for port %1.")
                  .arg(portText(c.port));
    else
        fix = QCoreApplication::translate(
                  "Diagnosis",
                  "Set smtp.encryption to starttls if the server offers it on port %1, otherwise to none "
                  "(unencrypted); Detect finds out which.")
                  .arg(portText(c.port));
    return make(HintId::TlsOnPlainPort, cause, fix, SettingKey::SmtpEncryption, QStringLiteral("starttls"));
}

Hint portBlocked(const SmtpConfig& c, int seconds)
{
    if (c.port == 25) {
        return make(
            HintId::PortBlocked,
            QCoreApplication::translate(
                "Diagnosis",
                "No connection to %1 on port 25 within %2 s; many internet providers and clouds block "
                "outgoing port 25.")
                .arg(c.host)
                .arg(seconds),
            QCoreApplication::translate(
                "Diagnosis",
                "Use the submission port: set smtp.port to 587 with starttls (or 465 with tls)."),
            SettingKey::SmtpPort, QStringLiteral("587"));
    }
    const bool try465 = c.port == 587;
    return make(
        HintId::PortBlocked,
        QCoreApplication::translate(
            "Diagnosis",
            "No connection to %1 on port %2 within %3 s; a firewall is probably dropping the traffic "
            "or the port is wrong.")
            .arg(c.host, portText(c.port))
            .arg(seconds),
        try465 ? QCoreApplication::translate(
                     "Diagnosis",
                     "Check the firewall for outgoing port 587, or try port 465 with encryption tls.")
               : QCoreApplication::translate(
                     "Diagnosis",
                     "Check the firewall for outgoing port %1, or try port 587 with encryption starttls.")
                     .arg(portText(c.port)),
        SettingKey::SmtpPort, try465 ? QStringLiteral("465") : QStringLiteral("587"));
}

Hint fromServerReply(const SmtpError& e, const SmtpConfig& c, const QString& category)
{
    const QString& enh = e.enhancedCode;
    const QString& text = e.serverText;

    if (e.phase == SmtpPhase::Greeting && e.code >= 500) {
        return make(HintId::ConnectionRejected,
                    QCoreApplication::translate(
                        "Diagnosis", "The server refused this computer right at the greeting (%1): "
                                     "its address is probably blocked or listed as a spam source.")
                        .arg(QStringLiteral("%1 %2").arg(QString::number(e.code), text).trimmed()),
                    QCoreApplication::translate(
                        "Diagnosis", "Send through your provider's submission server (port 587 with "
                                     "sign-in) or ask the server's administrator to allow this address."),
                    SettingKey::SmtpHost);
    }
    if (e.phase == SmtpPhase::StartTls && e.code != 421) {
        // Offered, then refused (454 "TLS not available") or broken: the server's TLS is at fault,
        // not a rate limit. Never suggest sending in clear instead.
        return make(
            HintId::StartTlsFailed,
            QCoreApplication::translate("Diagnosis",
                                        "The server offers STARTTLS but refused to start it (%1); its "
                                        "TLS setup is broken (often a missing or unreadable "
                                        "certificate).")
                .arg(QStringLiteral("%1 %2").arg(QString::number(e.code), text).trimmed()),
            QCoreApplication::translate(
                "Diagnosis",
                "Ask the server's administrator to repair TLS, or use port 465 with tls if the server "
                "offers it; do not switch encryption off."),
            SettingKey::SmtpEncryption);
    }
    if (e.code == 550 && enh == u"5.7.30") {
        return make(HintId::BasicAuthDisabled,
                    QCoreApplication::translate(
                        "Diagnosis", "Microsoft 365 no longer accepts a password for SMTP on this tenant "
                                     "(Basic authentication is turned off)."),
                    QCoreApplication::translate("Diagnosis",
                                                "Switch sign-in to OAuth 2.0: set smtp.auth to oauth2, "
                                                "oauth.provider to microsoft and oauth.client_id, then run "
                                                "`outbound-cli oauth login`."),
                    SettingKey::SmtpAuth, QStringLiteral("oauth2"));
    }
    if (enh == u"5.7.139" && isTokenAuth(c.auth)) {
        return make(
            HintId::Microsoft365AuthDisabled,
            QCoreApplication::translate(
                "Diagnosis",
                "Microsoft 365 refused the sign-in because SMTP AUTH is turned off for this mailbox or "
                "for the tenant (or security defaults block it); this blocks OAuth sign-in too."),
            QCoreApplication::translate(
                "Diagnosis",
                "Turn on Authenticated SMTP for the mailbox (Microsoft 365 admin center: Users, Active "
                "users, the user, Mail, Manage email apps) or for the tenant with "
                "Set-TransportConfig -SmtpClientAuthenticationDisabled $false, then try again."));
    }
    if (isTokenAuth(c.auth) && e.phase == SmtpPhase::Auth && e.code == 535 &&
        (enh == u"5.7.3" || enh == u"5.7.8")) {
        return make(HintId::OAuthTokenRefused,
                    QCoreApplication::translate(
                        "Diagnosis", "The server refused a freshly issued access token for %1: the token "
                                     "belongs to another mailbox, or the app lacks consent for SMTP.")
                        .arg(c.username.isEmpty() ? QCoreApplication::translate("Diagnosis", "(no user name)")
                                                  : c.username),
                    QCoreApplication::translate(
                        "Diagnosis", "Make smtp.username the mailbox you signed in with (or that the app may "
                                     "send as), check that the SMTP permission is granted, and sign in again "
                                     "with `outbound-cli oauth login`."),
                    SettingKey::SmtpUsername);
    }
    if (enh == u"5.7.139" ||
        containsAny(text, {u"SmtpClientAuthentication is disabled", u"security defaults"})) {
        return make(HintId::Microsoft365AuthDisabled,
                    QCoreApplication::translate(
                        "Diagnosis",
                        "Microsoft 365 refused the sign-in because SMTP AUTH is turned off for this mailbox "
                        "or for the whole tenant by security defaults."),
                    QCoreApplication::translate(
                        "Diagnosis",
                        "In the Microsoft 365 admin center, turn on Authenticated SMTP in the mailbox's mail "
                        "settings (and turn off security defaults or exempt the account), then try again."));
    }
    if (enh == u"5.7.9" || (e.code == 534 && isGoogleHost(c.host)) ||
        containsAny(text, {u"Application-specific password"})) {
        return make(HintId::GoogleAppPasswordRequired,
                    QCoreApplication::translate(
                        "Diagnosis",
                        "Google refused the account password because the account uses 2-Step Verification "
                        "and needs an app password for SMTP."),
                    QCoreApplication::translate(
                        "Diagnosis",
                        "Create a 16-character app password in the Google account's security settings and "
                        "store it with `outbound-cli settings set-password`."));
    }
    if (enh == u"5.7.60" || enh == u"5.2.252" ||
        containsAny(text, {u"SendAsDenied", u"not allowed to send as"})) {
        const SettingKey key = senderEmailKey(category);
        const QString who = category.isEmpty() ? QStringLiteral("default") : category;
        Hint h = make(
            HintId::SendAsDenied,
            QCoreApplication::translate(
                "Diagnosis", "The server does not let the account %1 send as the %2 sender address.")
                .arg(c.username.isEmpty() ? QCoreApplication::translate("Diagnosis", "(no user name)")
                                          : c.username,
                     who),
            QCoreApplication::translate(
                "Diagnosis", "Set %1 to an address this mailbox may send as (its own address, or one it has "
                             "Send As rights for).")
                .arg(settingName(key)),
            key);
        if (c.username.contains(u'@'))
            h.suggestedValue = c.username;
        return h;
    }
    if (e.code == 538 || enh == u"5.7.11") {
        return make(HintId::EncryptionRequired,
                    QCoreApplication::translate(
                        "Diagnosis", "The server only accepts a sign-in over an encrypted connection."),
                    QCoreApplication::translate(
                        "Diagnosis", "Set smtp.encryption to starttls (port 587) or tls (port 465)."),
                    SettingKey::SmtpEncryption,
                    isImplicitTlsPort(c.port) ? QStringLiteral("tls") : QStringLiteral("starttls"));
    }
    const bool refusedSignIn =
        e.code == 535 || enh == u"5.7.8" || (e.phase == SmtpPhase::Auth && enh.startsWith(u"5.7."));
    if (refusedSignIn && e.phase == SmtpPhase::Auth && e.replyLatencyMs >= kAuthPenaltyMs) {
        // Dovecot and others answer a failed sign-in only after a delay that grows with each
        // failure; retrying quickly only makes it longer.
        return make(HintId::AuthPenalty,
                    QCoreApplication::translate(
                        "Diagnosis", "The server refused the sign-in after %1 s; servers slow their "
                                     "answers like this after failed sign-ins.")
                        .arg(QString::number(e.replyLatencyMs / 1000.0, 'f', 1)),
                    QCoreApplication::translate(
                        "Diagnosis",
                        "Check smtp.username and the password, then wait a minute before the next try: each "
                        "failure makes the server's delay longer."),
                    SettingKey::SmtpUsername);
    }
    if (refusedSignIn) {
        return make(
            HintId::WrongCredentials,
            QCoreApplication::translate("Diagnosis", "The server refused the user name or password%1.")
                .arg(c.username.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(c.username)),
            isGoogleHost(c.host) ? QCoreApplication::translate(
                                       "Diagnosis", "Check smtp.username (the full Gmail or Workspace "
                                                    "address) and store a 16-character app "
                                                    "password with `outbound-cli settings set-password`; the "
                                                    "account password does not work "
                                                    "with 2-Step Verification.")
            : isMicrosoftHost(c.host)
                ? QCoreApplication::translate(
                      "Diagnosis",
                      "Check smtp.username (the full mailbox address) and the password (an app password when "
                      "MFA is on), and that Authenticated SMTP is turned on for the mailbox.")
                : QCoreApplication::translate(
                      "Diagnosis",
                      "Check smtp.username (often the full email address) and store the right password "
                      "with `outbound-cli settings set-password`."),
            SettingKey::SmtpUsername);
    }
    if (e.code == 530) {
        // Decided by what the session saw: STARTTLS offered and not used. Without an EHLO to go by,
        // the reply text is the only clue.
        const bool startTlsMissing = e.sawEhlo ? (e.startTlsOffered && !e.tlsActive)
                                               : (!e.tlsActive && containsAny(text, {u"STARTTLS"}));
        if (startTlsMissing) {
            return make(HintId::StartTlsRequired,
                        QCoreApplication::translate(
                            "Diagnosis",
                            "The server wants the connection encrypted with STARTTLS before anything else."),
                        QCoreApplication::translate(
                            "Diagnosis", "Set smtp.encryption to starttls (or use port 465 with tls)."),
                        SettingKey::SmtpEncryption, QStringLiteral("starttls"));
        }
        return make(
            HintId::AuthRequired,
            QCoreApplication::translate(
                "Diagnosis", "The server only accepts mail from signed-in users, and no sign-in was done."),
            QCoreApplication::translate("Diagnosis",
                                        "Set smtp.auth to auto and fill in smtp.username and the password."),
            SettingKey::SmtpAuth, QStringLiteral("auto"));
    }
    if (e.code == 552 || enh == u"5.3.4" || enh == u"5.2.3") {
        return make(
            HintId::MessageTooLarge,
            QCoreApplication::translate(
                "Diagnosis", "The server refused the message because it is larger than the server accepts."),
            QCoreApplication::translate(
                "Diagnosis", "Send smaller attachments (or links), and lower queue.max_message_bytes to the "
                             "server's limit so this is caught before sending."),
            SettingKey::QueueMaxMessageBytes);
    }
    if (enh == u"5.7.1" || (e.code >= 550 && containsAny(text, {u"relay"}))) {
        if (e.phase == SmtpPhase::Mail && containsAny(text, {u"sender", u"from", u"send as", u"owner"})) {
            const SettingKey key = senderEmailKey(category);
            return make(
                HintId::SendAsDenied,
                QCoreApplication::translate("Diagnosis",
                                            "The server refused the %1 sender address for this account.")
                    .arg(category.isEmpty() ? QStringLiteral("default") : category),
                QCoreApplication::translate("Diagnosis", "Set %1 to an address the account %2 may send from.")
                    .arg(settingName(key), c.username.isEmpty()
                                               ? QCoreApplication::translate("Diagnosis", "(no user name)")
                                               : c.username),
                key, c.username.contains(u'@') ? c.username : QString());
        }
        if (c.auth == AuthMethod::None || c.username.isEmpty()) {
            return make(HintId::RelayDenied,
                        QCoreApplication::translate(
                            "Diagnosis",
                            "The server refuses to relay mail for this computer because it did not sign in."),
                        QCoreApplication::translate(
                            "Diagnosis",
                            "Set smtp.auth to auto with smtp.username and a password, or ask the server's "
                            "administrator to allow relaying from this address."),
                        SettingKey::SmtpAuth, QStringLiteral("auto"));
        }
        return make(HintId::RelayDenied,
                    QCoreApplication::translate(
                        "Diagnosis", "The server refused to relay this message for the signed-in account %1.")
                        .arg(c.username),
                    QCoreApplication::translate(
                        "Diagnosis",
                        "Check that the sender address belongs to that account and that the account may send "
                        "to outside domains."),
                    SettingKey::FromDefaultEmail);
    }
    if (e.code >= 400 && e.code < 500) {
        if (containsAny(text, {u"greylist", u"graylist", u"grey-list", u"gray-list", u"greylisted"})) {
            return make(HintId::Greylisted,
                        QCoreApplication::translate(
                            "Diagnosis",
                            "The server is greylisting: it defers mail from a new sender for a few minutes."),
                        QCoreApplication::translate(
                            "Diagnosis",
                            "Nothing to change; the queue retries automatically and the next attempt will "
                            "usually pass."));
        }
        if (e.code == 421 || enh.startsWith(QStringLiteral("4.7."))) {
            const QString rate = isMicrosoftHost(c.host) ? QStringLiteral("30") : QStringLiteral("10");
            return make(
                HintId::Throttled,
                QCoreApplication::translate(
                    "Diagnosis", "The server is limiting how fast or how much this account may send (%1).")
                    .arg(e.code == 421 ? QStringLiteral("421") : enh),
                QCoreApplication::translate(
                    "Diagnosis",
                    "Lower queue.rate_per_minute (for example to %1) and queue.connections to 1; "
                    "waiting messages are retried later.")
                    .arg(rate),
                SettingKey::QueueRatePerMinute, rate);
        }
        return make(
            HintId::TemporaryFailure,
            QCoreApplication::translate("Diagnosis", "The server had a temporary problem (%1) during %2.")
                .arg(QString::number(e.code), toString(e.phase)),
            QCoreApplication::translate(
                "Diagnosis",
                "Nothing to change yet; the queue retries later, and if it keeps happening ask the "
                "server's administrator about the reply text."));
    }
    if (e.phase == SmtpPhase::Rcpt || enh.startsWith(QStringLiteral("5.1."))) {
        return make(HintId::RecipientRefused,
                    QCoreApplication::translate("Diagnosis", "The server refused the recipient address (%1).")
                        .arg(enh.isEmpty() ? QString::number(e.code) : enh),
                    QCoreApplication::translate(
                        "Diagnosis",
                        "Check the recipient's address for typos; the server says it cannot deliver there."));
    }
    return {};
}

Hint genericForPhase(const SmtpError& e, const SmtpConfig& c)
{
    const QString what = e.code > 0
                             ? QStringLiteral("%1 %2").arg(QString::number(e.code), e.serverText).trimmed()
                             : (e.detail.isEmpty() ? toString(e.kind) : e.detail);
    switch (e.phase) {
    case SmtpPhase::Dns:
    case SmtpPhase::Connect:
        return make(
            HintId::Unknown,
            QCoreApplication::translate("Diagnosis", "Could not connect to %1 on port %2 (%3).")
                .arg(c.host, portText(c.port), what),
            QCoreApplication::translate(
                "Diagnosis", "Check smtp.host and smtp.port, and that this computer can reach the internet."),
            SettingKey::SmtpHost);
    case SmtpPhase::Tls:
    case SmtpPhase::StartTls:
        return make(
            HintId::TlsHandshakeFailed,
            QCoreApplication::translate("Diagnosis", "The encrypted connection could not be set up (%1).")
                .arg(what),
            QCoreApplication::translate(
                "Diagnosis",
                "Check smtp.encryption (tls for 465, starttls for 587) and that the server supports "
                "TLS 1.2 or newer."),
            SettingKey::SmtpEncryption);
    case SmtpPhase::Greeting:
    case SmtpPhase::Ehlo:
        return make(HintId::Unknown,
                    QCoreApplication::translate(
                        "Diagnosis", "The server did not start the SMTP conversation properly (%1).")
                        .arg(what),
                    QCoreApplication::translate(
                        "Diagnosis",
                        "Check that %1 port %2 is an SMTP server and that smtp.encryption matches the port.")
                        .arg(c.host, portText(c.port)),
                    SettingKey::SmtpEncryption);
    case SmtpPhase::Auth:
        return make(
            HintId::Unknown, QCoreApplication::translate("Diagnosis", "Signing in failed (%1).").arg(what),
            QCoreApplication::translate("Diagnosis", "Check smtp.auth, smtp.username and the password."),
            SettingKey::SmtpAuth);
    case SmtpPhase::Mail:
        return make(
            HintId::Unknown,
            QCoreApplication::translate("Diagnosis", "The server refused the sender (%1).").arg(what),
            QCoreApplication::translate("Diagnosis", "Check the sender address in the from.* settings."),
            SettingKey::FromDefaultEmail);
    case SmtpPhase::Rcpt:
        return make(
            HintId::Unknown,
            QCoreApplication::translate("Diagnosis", "The server refused a recipient (%1).").arg(what),
            QCoreApplication::translate("Diagnosis", "Check the recipient address."));
    case SmtpPhase::Data:
        return make(HintId::Unknown,
                    QCoreApplication::translate("Diagnosis", "The server refused the message content (%1).")
                        .arg(what),
                    QCoreApplication::translate(
                        "Diagnosis",
                        "Read the server's reply; it may be a content filter, a size limit or a policy."));
    case SmtpPhase::Quit:
        return make(
            HintId::Unknown,
            QCoreApplication::translate("Diagnosis",
                                        "The connection ended badly after the work was done (%1).")
                .arg(what),
            QCoreApplication::translate(
                "Diagnosis", "Usually harmless; check whether the message arrived before sending again."));
    }
    return make(HintId::Unknown, what,
                QCoreApplication::translate("Diagnosis", "Check the settings and the server's reply."));
}

} // namespace

QString toString(HintId id)
{
    switch (id) {
    case HintId::Unknown:
        return QStringLiteral("unknown");
    case HintId::HostNotFound:
        return QStringLiteral("host-not-found");
    case HintId::ConnectionRefused:
        return QStringLiteral("connection-refused");
    case HintId::PortBlocked:
        return QStringLiteral("port-blocked");
    case HintId::PlainOnImplicitTlsPort:
        return QStringLiteral("plain-on-implicit-tls-port");
    case HintId::TlsOnPlainPort:
        return QStringLiteral("tls-on-plain-port");
    case HintId::TlsHandshakeFailed:
        return QStringLiteral("tls-handshake-failed");
    case HintId::StartTlsNotOffered:
        return QStringLiteral("starttls-not-offered");
    case HintId::AuthNotOfferedBeforeTls:
        return QStringLiteral("auth-not-offered-before-tls");
    case HintId::AuthNotOffered:
        return QStringLiteral("auth-not-offered");
    case HintId::AuthRefusedInClear:
        return QStringLiteral("auth-refused-in-clear");
    case HintId::EncryptionRequired:
        return QStringLiteral("encryption-required");
    case HintId::CertificateExpired:
        return QStringLiteral("certificate-expired");
    case HintId::CertificateNameMismatch:
        return QStringLiteral("certificate-name-mismatch");
    case HintId::CertificateUntrusted:
        return QStringLiteral("certificate-untrusted");
    case HintId::WrongCredentials:
        return QStringLiteral("wrong-credentials");
    case HintId::Microsoft365AuthDisabled:
        return QStringLiteral("microsoft365-auth-disabled");
    case HintId::GoogleAppPasswordRequired:
        return QStringLiteral("google-app-password-required");
    case HintId::StartTlsRequired:
        return QStringLiteral("starttls-required");
    case HintId::AuthRequired:
        return QStringLiteral("auth-required");
    case HintId::RelayDenied:
        return QStringLiteral("relay-denied");
    case HintId::SendAsDenied:
        return QStringLiteral("send-as-denied");
    case HintId::RecipientRefused:
        return QStringLiteral("recipient-refused");
    case HintId::MessageTooLarge:
        return QStringLiteral("message-too-large");
    case HintId::Throttled:
        return QStringLiteral("throttled");
    case HintId::Greylisted:
        return QStringLiteral("greylisted");
    case HintId::TemporaryFailure:
        return QStringLiteral("temporary-failure");
    case HintId::GreetingTimeout:
        return QStringLiteral("greeting-timeout");
    case HintId::CommandTimeout:
        return QStringLiteral("command-timeout");
    case HintId::ConnectionClosed:
        return QStringLiteral("connection-closed");
    case HintId::Cancelled:
        return QStringLiteral("cancelled");
    case HintId::InvalidInput:
        return QStringLiteral("invalid-input");
    case HintId::ConnectionRejected:
        return QStringLiteral("connection-rejected");
    case HintId::BasicAuthDisabled:
        return QStringLiteral("basic-auth-disabled");
    case HintId::OAuthTokenRefused:
        return QStringLiteral("oauth-token-refused");
    case HintId::OAuthRegisteredAsWeb:
        return QStringLiteral("oauth-registered-as-web");
    case HintId::OAuthAppNotInTenant:
        return QStringLiteral("oauth-app-not-in-tenant");
    case HintId::OAuthConsentRequired:
        return QStringLiteral("oauth-consent-required");
    case HintId::OAuthMfaRequired:
        return QStringLiteral("oauth-mfa-required");
    case HintId::OAuthRefreshExpired:
        return QStringLiteral("oauth-refresh-expired");
    case HintId::OAuthClientSecretWrong:
        return QStringLiteral("oauth-client-secret-wrong");
    case HintId::OAuthConditionalAccess:
        return QStringLiteral("oauth-conditional-access");
    case HintId::OAuthInvalidClient:
        return QStringLiteral("oauth-invalid-client");
    case HintId::OAuthAccessDenied:
        return QStringLiteral("oauth-access-denied");
    case HintId::OAuthAppBlocked:
        return QStringLiteral("oauth-app-blocked");
    case HintId::OAuthTestingExpired:
        return QStringLiteral("oauth-testing-expired");
    case HintId::OAuthSignInNeeded:
        return QStringLiteral("oauth-sign-in-needed");
    case HintId::OAuthUnreachable:
        return QStringLiteral("oauth-unreachable");
    case HintId::OutcomeUnknown:
        return QStringLiteral("outcome-unknown");
    case HintId::PinMismatch:
        return QStringLiteral("pin-mismatch");
    case HintId::AuthPenalty:
        return QStringLiteral("auth-penalty");
    case HintId::StartTlsFailed:
        return QStringLiteral("starttls-failed");
    case HintId::PlainOnlyPort:
        return QStringLiteral("plain-only-port");
    }
    return QStringLiteral("unknown");
}

QString Hint::text() const
{
    if (fix.isEmpty())
        return cause;
    if (cause.isEmpty())
        return fix;
    return cause + u' ' + fix;
}

bool isImplicitTlsPort(quint16 port)
{
    return port == 465;
}

bool isStartTlsPort(quint16 port)
{
    return port == 25 || port == 587 || port == 2525;
}

SettingKey senderEmailKey(const QString& senderCategory)
{
    const auto category = categoryFromString(senderCategory);
    if (!category)
        return SettingKey::FromDefaultEmail;
    switch (*category) {
    case Category::Invoice:
        return SettingKey::FromInvoiceEmail;
    case Category::Quote:
        return SettingKey::FromQuoteEmail;
    case Category::Ticket:
        return SettingKey::FromTicketEmail;
    case Category::System:
    case Category::Test:
        break;
    }
    return SettingKey::FromDefaultEmail;
}

PortFacts PortFacts::fromError(const SmtpError& e, const SmtpConfig& c)
{
    PortFacts f;
    f.plainGreetingSeen = e.handshakeSawPlainSmtp;
    f.tlsBytesSeen = e.receivedTlsBytesAsGreeting;
    if (e.kind == SmtpErrorKind::StartTlsNotOffered) {
        f.plainGreetingSeen = true;
        f.ehloAnswered = true;
        f.startTlsOffered = false;
    } else if (c.encryption == Encryption::StartTls && e.phase > SmtpPhase::Ehlo) {
        // Past the first EHLO with starttls configured: it was offered (or the session failed in it).
        f.plainGreetingSeen = true;
        f.ehloAnswered = true;
        f.startTlsOffered = true;
    }
    return f;
}

PortFacts PortFacts::fromProbe(const PortProbeResult& probe)
{
    PortFacts f;
    f.plainGreetingSeen = probe.plainWorks;
    f.ehloAnswered = probe.plainWorks;
    if (probe.plainWorks)
        f.startTlsOffered = probe.startTlsOffered;
    if (probe.reachable)
        f.implicitTlsWorks = probe.implicitTlsWorks;
    return f;
}

PortFacts PortFacts::completedBy(const PortFacts& other) const
{
    PortFacts f = *this;
    f.plainGreetingSeen = f.plainGreetingSeen || other.plainGreetingSeen;
    f.tlsBytesSeen = f.tlsBytesSeen || other.tlsBytesSeen;
    f.ehloAnswered = f.ehloAnswered || other.ehloAnswered;
    if (!f.startTlsOffered)
        f.startTlsOffered = other.startTlsOffered;
    if (!f.implicitTlsWorks)
        f.implicitTlsWorks = other.implicitTlsWorks;
    return f;
}

bool needsPortProbe(const SmtpError& e, const SmtpConfig& c)
{
    const PortFacts facts = PortFacts::fromError(e, c);
    // TLS spoken to a plain port: whether STARTTLS is offered there decides the fix.
    return c.encryption == Encryption::Tls && facts.plainGreetingSeen && !facts.startTlsOffered;
}

Hint diagnose(const SmtpError& e, const SmtpConfig& c, const QString& senderCategory,
              const PortProbeResult* probe)
{
    const bool clearConfigured = c.encryption != Encryption::Tls;
    PortFacts facts = PortFacts::fromError(e, c);
    if (probe != nullptr && probe->port == c.port)
        facts = facts.completedBy(PortFacts::fromProbe(*probe));

    if (e.outcomeUnknown) {
        return make(
            HintId::OutcomeUnknown,
            QCoreApplication::translate("Diagnosis",
                                        "The whole message reached the server, but no final answer came "
                                        "back, so nobody knows whether the server accepted it."),
            QCoreApplication::translate(
                "Diagnosis",
                "Ask a recipient or check the server's log: if it arrived, use Mark sent; if not, use "
                "Retry. Outbound never sends it again on its own, to avoid a duplicate."));
    }
    if (e.kind == SmtpErrorKind::PinMismatch) {
        // Never offer to pin what the server presents now: that is what an attacker in the middle
        // would want.
        return make(
            HintId::PinMismatch,
            QCoreApplication::translate("Diagnosis",
                                        "The server's certificate is not the pinned one (it presented "
                                        "SHA-256 %1).")
                .arg(e.peerCertificateSha256),
            QCoreApplication::translate(
                "Diagnosis",
                "If the server's certificate was renewed, confirm the new fingerprint out of band (with "
                "the provider or on the server itself) before changing smtp.pinned_sha256; otherwise "
                "someone may be intercepting the connection."),
            SettingKey::SmtpPinnedSha256);
    }

    // Transport-level signs of an encryption/port mix-up come first: they explain whatever follows.
    if (facts.tlsBytesSeen && clearConfigured)
        return plainOnImplicitTls(c);
    if (facts.plainGreetingSeen && c.encryption == Encryption::Tls)
        return tlsOnPlainPort(c, facts);

    switch (e.kind) {
    case SmtpErrorKind::HostNotFound:
        return make(
            HintId::HostNotFound,
            QCoreApplication::translate("Diagnosis", "The host name %1 could not be found in DNS.")
                .arg(c.host.isEmpty() ? QCoreApplication::translate("Diagnosis", "(empty)") : c.host),
            QCoreApplication::translate(
                "Diagnosis", "Check smtp.host for typos (for example smtp.office365.com or smtp.gmail.com)."),
            SettingKey::SmtpHost);
    case SmtpErrorKind::ConnectionRefused: {
        const QString other = c.port == 587 ? QStringLiteral("465") : QStringLiteral("587");
        return make(
            HintId::ConnectionRefused,
            QCoreApplication::translate(
                "Diagnosis", "%1 refused the connection on port %2: no mail service listens there.")
                .arg(c.host, portText(c.port)),
            other == u"465"
                ? QCoreApplication::translate(
                      "Diagnosis", "Check smtp.port; try 465 with encryption tls if the provider uses it.")
                : QCoreApplication::translate(
                      "Diagnosis", "Check smtp.port; most providers accept 587 with encryption starttls."),
            SettingKey::SmtpPort, other);
    }
    case SmtpErrorKind::Timeout:
        switch (e.phase) {
        case SmtpPhase::Dns:
        case SmtpPhase::Connect:
            return portBlocked(c, e.timeoutSeconds);
        case SmtpPhase::Greeting:
            // A TLS-first server waits for our ClientHello and never greets in plain text.
            if (clearConfigured && (isImplicitTlsPort(c.port) || !isStartTlsPort(c.port)))
                return plainOnImplicitTls(c, e.timeoutSeconds);
            if (clearConfigured) {
                return make(
                    HintId::GreetingTimeout,
                    QCoreApplication::translate(
                        "Diagnosis",
                        "The server on port %1 accepted the connection but sent no greeting within %2 s.")
                        .arg(portText(c.port))
                        .arg(e.timeoutSeconds),
                    QCoreApplication::translate(
                        "Diagnosis",
                        "If this port expects TLS at once, set smtp.encryption to tls; otherwise raise "
                        "timeout.greeting or ask the administrator why the server is slow."),
                    SettingKey::SmtpEncryption, QStringLiteral("tls"));
            }
            return make(
                HintId::GreetingTimeout,
                QCoreApplication::translate(
                    "Diagnosis",
                    "The server on port %1 accepted the TLS connection but sent no greeting within %2 s.")
                    .arg(portText(c.port))
                    .arg(e.timeoutSeconds),
                QCoreApplication::translate(
                    "Diagnosis",
                    "Raise timeout.greeting, or check that this port really runs an SMTP server."),
                SettingKey::TimeoutGreeting);
        case SmtpPhase::Tls:
            if (c.encryption == Encryption::Tls && !isImplicitTlsPort(c.port))
                return tlsOnPlainPort(c, facts, e.timeoutSeconds);
            return make(HintId::TlsHandshakeFailed,
                        QCoreApplication::translate(
                            "Diagnosis", "The TLS handshake with port %1 did not finish within %2 s.")
                            .arg(portText(c.port))
                            .arg(e.timeoutSeconds),
                        QCoreApplication::translate(
                            "Diagnosis", "Check that port %1 expects TLS (465 does; 587 uses starttls).")
                            .arg(portText(c.port)),
                        SettingKey::SmtpEncryption);
        default:
            return make(
                HintId::CommandTimeout,
                QCoreApplication::translate("Diagnosis",
                                            "The server stopped answering during %1 (no reply within %2 s).")
                    .arg(toString(e.phase))
                    .arg(e.timeoutSeconds),
                e.phase == SmtpPhase::Data
                    ? QCoreApplication::translate(
                          "Diagnosis",
                          "Raise timeout.data_idle / timeout.final_dot if large messages are slow to "
                          "accept; otherwise try again later.")
                    : QCoreApplication::translate(
                          "Diagnosis",
                          "Raise timeout.command if the server is known to be slow; otherwise try again "
                          "later."),
                e.phase == SmtpPhase::Data ? SettingKey::TimeoutFinalDot : SettingKey::TimeoutCommand);
        }
    case SmtpErrorKind::TlsHandshakeFailed:
        if (c.encryption == Encryption::Tls && e.phase == SmtpPhase::Tls && !isImplicitTlsPort(c.port))
            return tlsOnPlainPort(c, facts);
        break;
    case SmtpErrorKind::CertificateRejected:
        return certificateHint(e, c);
    case SmtpErrorKind::StartTlsNotOffered:
        // EHLO was answered without STARTTLS: the port is plain only, as a probe would find.
        return plainOnlyPort(c);
    case SmtpErrorKind::AuthNotOffered:
        if (c.encryption == Encryption::None) {
            return make(HintId::AuthNotOfferedBeforeTls,
                        QCoreApplication::translate(
                            "Diagnosis",
                            "The server offers sign-in only on an encrypted connection, and encryption is "
                            "set to none."),
                        QCoreApplication::translate("Diagnosis",
                                                    "Set smtp.encryption to starttls (or tls on port 465)."),
                        SettingKey::SmtpEncryption,
                        isImplicitTlsPort(c.port) ? QStringLiteral("tls") : QStringLiteral("starttls"));
        }
        if (c.port == 25) {
            return make(
                HintId::AuthNotOffered,
                QCoreApplication::translate(
                    "Diagnosis",
                    "The server offers no sign-in on port 25, which is meant for server-to-server mail."),
                QCoreApplication::translate(
                    "Diagnosis",
                    "Set smtp.port to 587 (the submission port), or set smtp.auth to none if this relay "
                    "accepts mail from your address without sign-in."),
                SettingKey::SmtpPort, QStringLiteral("587"));
        }
        return make(
            HintId::AuthNotOffered,
            QCoreApplication::translate("Diagnosis",
                                        "The server on port %1 offers no sign-in method Outbound can use.")
                .arg(portText(c.port)),
            QCoreApplication::translate(
                "Diagnosis",
                "Set smtp.auth to none if this relay accepts mail without sign-in; otherwise ask for the "
                "right port."),
            SettingKey::SmtpAuth, QStringLiteral("none"));
    case SmtpErrorKind::AuthWithoutTls:
        return make(
            HintId::AuthRefusedInClear,
            QCoreApplication::translate(
                "Diagnosis", "Outbound did not send the password because the connection is not encrypted."),
            QCoreApplication::translate(
                "Diagnosis",
                "Set smtp.encryption to starttls (or tls on port 465); allow sign-in without TLS only "
                "on a network you trust."),
            SettingKey::SmtpEncryption,
            isImplicitTlsPort(c.port) ? QStringLiteral("tls") : QStringLiteral("starttls"));
    case SmtpErrorKind::MessageTooLarge:
        return make(HintId::MessageTooLarge,
                    QCoreApplication::translate(
                        "Diagnosis",
                        "The message is larger than the server's announced size limit, so it was not sent."),
                    QCoreApplication::translate(
                        "Diagnosis",
                        "Send smaller attachments (or links), and lower queue.max_message_bytes to the "
                        "server's limit."),
                    SettingKey::QueueMaxMessageBytes);
    case SmtpErrorKind::Cancelled:
        return make(HintId::Cancelled,
                    QCoreApplication::translate("Diagnosis", "The operation was cancelled."),
                    QCoreApplication::translate("Diagnosis", "Start it again when ready."));
    case SmtpErrorKind::InvalidInput:
        return make(HintId::InvalidInput,
                    e.detail.isEmpty() ? QCoreApplication::translate(
                                             "Diagnosis", "The settings or the message are not valid.")
                                       : e.detail,
                    QCoreApplication::translate("Diagnosis", "Correct the value named above and try again."));
    case SmtpErrorKind::ConnectionClosed:
        if (clearConfigured && isImplicitTlsPort(c.port) &&
            (e.phase == SmtpPhase::Greeting || e.phase == SmtpPhase::Ehlo))
            return plainOnImplicitTls(c);
        if (c.encryption == Encryption::Tls && e.phase == SmtpPhase::Tls && isStartTlsPort(c.port))
            return tlsOnPlainPort(c, facts);
        if (e.code == 0) {
            return make(
                HintId::ConnectionClosed,
                QCoreApplication::translate("Diagnosis",
                                            "The server closed the connection during %1 without saying why.")
                    .arg(toString(e.phase)),
                e.phase <= SmtpPhase::Ehlo
                    ? QCoreApplication::translate(
                          "Diagnosis",
                          "Check that smtp.encryption matches port %1 (tls for 465, starttls for 587), "
                          "and that this computer's address is not blocked.")
                          .arg(portText(c.port))
                    : QCoreApplication::translate(
                          "Diagnosis",
                          "Try again; if it repeats, the server may be limiting connections: lower "
                          "queue.connections."),
                e.phase <= SmtpPhase::Ehlo ? SettingKey::SmtpEncryption : SettingKey::QueueConnections);
        }
        break;
    case SmtpErrorKind::ProtocolError:
        if (clearConfigured && isImplicitTlsPort(c.port) && e.phase <= SmtpPhase::Ehlo)
            return plainOnImplicitTls(c);
        break;
    case SmtpErrorKind::ServerReply:
    case SmtpErrorKind::AllRecipientsRefused:
    case SmtpErrorKind::NetworkError:
    case SmtpErrorKind::PinMismatch:
    case SmtpErrorKind::SomeRecipientsRefused:
        break;
    }

    if (e.code > 0) {
        Hint h = fromServerReply(e, c, senderCategory);
        if (!h.cause.isEmpty())
            return h;
    }
    return genericForPhase(e, c);
}

Hint diagnoseOAuth(const OAuthError& e, const OAuthSettings& settings, int refreshTokenAgeDays)
{
    const QString login = QStringLiteral("`outbound-cli oauth login`");
    switch (e.aadsts) {
    case 7000218:
        return make(
            HintId::OAuthRegisteredAsWeb,
            QCoreApplication::translate(
                "Diagnosis",
                "Microsoft expects a client secret because the app registration's redirect is of the Web "
                "type."),
            QCoreApplication::translate(
                "Diagnosis",
                "In Microsoft Entra, App registrations, the app, Authentication: add the platform \"Mobile "
                "and desktop applications\" with the redirect http://localhost and turn on \"Allow public "
                "client flows\"."));
    case 700016:
        return make(
            HintId::OAuthAppNotInTenant,
            QCoreApplication::translate(
                "Diagnosis",
                "Microsoft does not know this application (client) ID in the tenant you signed in to."),
            QCoreApplication::translate(
                "Diagnosis",
                "Check oauth.client_id and oauth.tenant, or have an administrator of this tenant add the "
                "app (consent) first."),
            SettingKey::OAuthClientId);
    case 65001:
    case 90094:
    case 90095:
        return make(
            HintId::OAuthConsentRequired,
            QCoreApplication::translate(
                "Diagnosis",
                "The app has not been given consent to send mail for this account; the tenant requires an "
                "administrator to approve it."),
            QCoreApplication::translate(
                "Diagnosis",
                "Ask an administrator to grant admin consent for the app's SMTP.Send permission (Entra: "
                "Enterprise applications, the app, Permissions), then sign in again."));
    case 50076:
    case 50079:
        return make(
            HintId::OAuthMfaRequired,
            QCoreApplication::translate(
                "Diagnosis",
                "The tenant requires multi-factor sign-in (or registration for it) for this account."),
            QCoreApplication::translate(
                "Diagnosis",
                "Sign in interactively with %1 and complete the second factor; a saved sign-in cannot do "
                "it.")
                .arg(login));
    case 700082:
        return make(HintId::OAuthRefreshExpired,
                    QCoreApplication::translate(
                        "Diagnosis", "The saved sign-in has expired because it was not used for too long."),
                    QCoreApplication::translate("Diagnosis",
                                                "Sign in again with %1 (or Sign in again in the window).")
                        .arg(login));
    case 7000215:
    case 7000222:
        return make(HintId::OAuthClientSecretWrong,
                    QCoreApplication::translate(
                        "Diagnosis", "Microsoft refused the client secret: it is wrong or has expired."),
                    QCoreApplication::translate(
                        "Diagnosis",
                        "Create a new client secret for the app in Microsoft Entra and store it with "
                        "`outbound-cli settings set-secret oauth.client_secret`, or use a certificate."));
    case 53003:
        return make(
            HintId::OAuthConditionalAccess,
            QCoreApplication::translate("Diagnosis",
                                        "A Conditional Access policy of the tenant blocked this sign-in."),
            QCoreApplication::translate(
                "Diagnosis",
                "Ask an administrator to check the Entra sign-in log for this attempt and to allow the app "
                "or this location in the policy."));
    default:
        break;
    }
    switch (e.kind) {
    case OAuthError::Kind::InvalidGrant:
        if (settings.provider == OAuthProvider::Google && refreshTokenAgeDays >= 6)
            return make(
                HintId::OAuthTestingExpired,
                QCoreApplication::translate(
                    "Diagnosis",
                    "Google ended the saved sign-in after about 7 days: apps whose OAuth consent screen "
                    "is in Testing get refresh tokens that expire after a week."),
                QCoreApplication::translate(
                    "Diagnosis",
                    "Set the app's publishing status to In production in the Google Cloud console (an "
                    "internal Workspace app needs no review), then sign in again with %1.")
                    .arg(login));
        return make(
            HintId::OAuthSignInNeeded,
            QCoreApplication::translate(
                "Diagnosis",
                "The provider no longer accepts the saved sign-in (it expired, was revoked, or the "
                "password changed)."),
            QCoreApplication::translate(
                "Diagnosis",
                "Sign in again with %1 (or Sign in again in the window); queued messages wait until then.")
                .arg(login));
    case OAuthError::Kind::InvalidClient:
        return make(
            HintId::OAuthInvalidClient,
            QCoreApplication::translate("Diagnosis",
                                        "The provider does not accept the app's client ID or secret."),
            settings.provider == OAuthProvider::Google
                ? QCoreApplication::translate(
                      "Diagnosis",
                      "Use the client ID and secret of an OAuth client of type Desktop app from the Google "
                      "Cloud console; store the secret with `outbound-cli settings set-secret "
                      "oauth.client_secret`.")
                : QCoreApplication::translate(
                      "Diagnosis", "Check oauth.client_id and the stored client secret or certificate."),
            SettingKey::OAuthClientId);
    case OAuthError::Kind::AccessDenied:
        return make(
            HintId::OAuthAccessDenied,
            QCoreApplication::translate(
                "Diagnosis",
                "The sign-in was declined, by the person signing in or by the account's administrator."),
            QCoreApplication::translate(
                "Diagnosis",
                "Sign in again and accept the requested permission; if an administrator blocks it, ask "
                "them to allow the app."));
    case OAuthError::Kind::Network:
        return make(
            HintId::OAuthUnreachable,
            QCoreApplication::translate("Diagnosis", "The provider's token service did not answer."),
            QCoreApplication::translate(
                "Diagnosis", "Check the network connection and oauth.token_url; Outbound tries again later."),
            SettingKey::OAuthTokenUrl);
    default:
        break;
    }
    if (e.code == u"admin_policy_enforced" || e.code == u"org_internal")
        return make(
            HintId::OAuthAppBlocked,
            QCoreApplication::translate(
                "Diagnosis",
                "Google blocked the app for this account: the Workspace administrator does not allow it, or "
                "the app is limited to another organisation."),
            QCoreApplication::translate(
                "Diagnosis",
                "Ask the Workspace administrator to trust the app (Admin console: Security, API controls, "
                "App access control), or use an OAuth client from your own Google Cloud project."));
    return make(
        HintId::Unknown, e.summary(),
        QCoreApplication::translate("Diagnosis", "Check the OAuth settings (oauth.*) and sign in again."));
}

} // namespace outbound
