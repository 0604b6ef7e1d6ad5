#include "smtp/SmtpSasl.h"

namespace outbound::sasl {

std::optional<AuthMethod> chooseMechanism(AuthMethod configured, const QStringList& offered,
                                          bool bearerAllowed)
{
    const auto has = [&offered](AuthMethod m) {
        return offered.contains(QLatin1String(mechanismName(m)));
    };
    switch (configured) {
    case AuthMethod::Auto:
        for (AuthMethod m : {AuthMethod::Plain, AuthMethod::Login}) {
            if (has(m))
                return m;
        }
        return std::nullopt;
    case AuthMethod::OAuth2:
        if (bearerAllowed && has(AuthMethod::OAuthBearer))
            return AuthMethod::OAuthBearer;
        if (has(AuthMethod::XOAuth2))
            return AuthMethod::XOAuth2;
        return std::nullopt;
    case AuthMethod::Plain:
    case AuthMethod::Login:
    case AuthMethod::XOAuth2:
    case AuthMethod::OAuthBearer:
        return has(configured) ? std::optional<AuthMethod>(configured) : std::nullopt;
    case AuthMethod::None:
        break;
    }
    return std::nullopt;
}

QByteArray mechanismName(AuthMethod method)
{
    switch (method) {
    case AuthMethod::Plain:
        return QByteArrayLiteral("PLAIN");
    case AuthMethod::Login:
        return QByteArrayLiteral("LOGIN");
    case AuthMethod::XOAuth2:
        return QByteArrayLiteral("XOAUTH2");
    case AuthMethod::OAuthBearer:
        return QByteArrayLiteral("OAUTHBEARER");
    case AuthMethod::OAuth2:
    case AuthMethod::Auto:
    case AuthMethod::None:
        break;
    }
    return {};
}

QByteArray plainResponse(const QString& user, const QString& password)
{
    QByteArray raw;
    raw.append('\0').append(user.toUtf8()).append('\0').append(password.toUtf8());
    return raw.toBase64();
}

QByteArray loginUser(const QString& user)
{
    return user.toUtf8().toBase64();
}

QByteArray loginPassword(const QString& password)
{
    return password.toUtf8().toBase64();
}

QByteArray xoauth2Response(const QString& user, const QString& token)
{
    QByteArray raw = "user=" + user.toUtf8() + "\x01" + "auth=Bearer " + token.toUtf8() + "\x01\x01";
    return raw.toBase64();
}

QByteArray oauthBearerResponse(const QString& user, const QString& host, quint16 port, const QString& token)
{
    // A ',' or '=' in the authzid must be escaped as =2C / =3D (RFC 5801).
    QByteArray authzid = user.toUtf8();
    authzid.replace("=", "=3D").replace(",", "=2C");
    const QByteArray raw = "n,a=" + authzid + ",\x01host=" + host.toUtf8() +
                           "\x01port=" + QByteArray::number(port) +
                           "\x01"
                           "auth=Bearer " +
                           token.toUtf8() + "\x01\x01";
    return raw.toBase64();
}

QByteArray oauthBearerErrorAck()
{
    return QByteArrayLiteral("\x01").toBase64();
}

} // namespace outbound::sasl
