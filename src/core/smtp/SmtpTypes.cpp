#include "smtp/SmtpTypes.h"

#include <QCoreApplication>

namespace outbound {

QString toString(Encryption e)
{
    switch (e) {
    case Encryption::None:
        return QStringLiteral("none");
    case Encryption::StartTls:
        return QStringLiteral("starttls");
    case Encryption::Tls:
        return QStringLiteral("tls");
    }
    return {};
}

QString toString(AuthMethod a)
{
    switch (a) {
    case AuthMethod::Auto:
        return QStringLiteral("auto");
    case AuthMethod::Plain:
        return QStringLiteral("plain");
    case AuthMethod::Login:
        return QStringLiteral("login");
    case AuthMethod::XOAuth2:
        return QStringLiteral("xoauth2");
    case AuthMethod::None:
        return QStringLiteral("none");
    case AuthMethod::OAuth2:
        return QStringLiteral("oauth2");
    case AuthMethod::OAuthBearer:
        return QStringLiteral("oauthbearer");
    }
    return {};
}

bool isTokenAuth(AuthMethod a)
{
    return a == AuthMethod::XOAuth2 || a == AuthMethod::OAuth2 || a == AuthMethod::OAuthBearer;
}

std::optional<Encryption> encryptionFromString(const QString& s)
{
    const QString v = s.trimmed().toLower();
    if (v == u"none" || v == u"plain")
        return Encryption::None;
    if (v == u"starttls")
        return Encryption::StartTls;
    if (v == u"tls" || v == u"ssl")
        return Encryption::Tls;
    return std::nullopt;
}

std::optional<AuthMethod> authMethodFromString(const QString& s)
{
    for (AuthMethod a : {AuthMethod::Auto, AuthMethod::Plain, AuthMethod::Login, AuthMethod::XOAuth2,
                         AuthMethod::None, AuthMethod::OAuth2, AuthMethod::OAuthBearer}) {
        if (toString(a) == s.trimmed().toLower())
            return a;
    }
    return std::nullopt;
}

QString toString(SmtpPhase p)
{
    switch (p) {
    case SmtpPhase::Dns:
        return QStringLiteral("dns");
    case SmtpPhase::Connect:
        return QStringLiteral("connect");
    case SmtpPhase::Tls:
        return QStringLiteral("tls");
    case SmtpPhase::Greeting:
        return QStringLiteral("greeting");
    case SmtpPhase::Ehlo:
        return QStringLiteral("ehlo");
    case SmtpPhase::StartTls:
        return QStringLiteral("starttls");
    case SmtpPhase::Auth:
        return QStringLiteral("auth");
    case SmtpPhase::Mail:
        return QStringLiteral("mail");
    case SmtpPhase::Rcpt:
        return QStringLiteral("rcpt");
    case SmtpPhase::Data:
        return QStringLiteral("data");
    case SmtpPhase::Quit:
        return QStringLiteral("quit");
    }
    return {};
}

QString toString(SmtpErrorKind k)
{
    switch (k) {
    case SmtpErrorKind::HostNotFound:
        return QStringLiteral("host-not-found");
    case SmtpErrorKind::ConnectionRefused:
        return QStringLiteral("connection-refused");
    case SmtpErrorKind::Timeout:
        return QStringLiteral("timeout");
    case SmtpErrorKind::ConnectionClosed:
        return QStringLiteral("connection-closed");
    case SmtpErrorKind::NetworkError:
        return QStringLiteral("network-error");
    case SmtpErrorKind::TlsHandshakeFailed:
        return QStringLiteral("tls-handshake-failed");
    case SmtpErrorKind::CertificateRejected:
        return QStringLiteral("certificate-rejected");
    case SmtpErrorKind::StartTlsNotOffered:
        return QStringLiteral("starttls-not-offered");
    case SmtpErrorKind::AuthNotOffered:
        return QStringLiteral("auth-not-offered");
    case SmtpErrorKind::AuthWithoutTls:
        return QStringLiteral("auth-without-tls");
    case SmtpErrorKind::ServerReply:
        return QStringLiteral("server-reply");
    case SmtpErrorKind::ProtocolError:
        return QStringLiteral("protocol-error");
    case SmtpErrorKind::MessageTooLarge:
        return QStringLiteral("message-too-large");
    case SmtpErrorKind::AllRecipientsRefused:
        return QStringLiteral("all-recipients-refused");
    case SmtpErrorKind::Cancelled:
        return QStringLiteral("cancelled");
    case SmtpErrorKind::InvalidInput:
        return QStringLiteral("invalid-input");
    case SmtpErrorKind::PinMismatch:
        return QStringLiteral("pin-mismatch");
    case SmtpErrorKind::SomeRecipientsRefused:
        return QStringLiteral("some-recipients-refused");
    }
    return {};
}

QString SmtpError::summary() const
{
    QString s = toString(phase) + QStringLiteral(": ");
    if (outcomeUnknown)
        s = QCoreApplication::translate("SmtpError", "outcome unknown: ") + s;
    if (kind == SmtpErrorKind::SomeRecipientsRefused && !detail.isEmpty())
        return s + detail; // "rcpt: 2 of 250 recipients refused: a@x (550 5.1.1 ...); ..."

    if (code > 0) {
        s += QString::number(code);
        if (!enhancedCode.isEmpty())
            s += u' ' + enhancedCode;
        if (!serverText.isEmpty())
            s += u' ' + serverText;
        if (!detail.isEmpty() && serverText.isEmpty())
            s += QStringLiteral(" (") + detail + u')';
        return s;
    }
    if (kind == SmtpErrorKind::Timeout && detail.isEmpty())
        return s + QCoreApplication::translate("SmtpError", "no answer within %1 s").arg(timeoutSeconds);
    return s + (detail.isEmpty() ? toString(kind) : detail);
}

} // namespace outbound
