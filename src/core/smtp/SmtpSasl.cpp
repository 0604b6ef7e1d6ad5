#include "smtp/SmtpSasl.h"

namespace outbound::sasl {

std::optional<AuthMethod> chooseMechanism(AuthMethod configured, const QStringList& offered)
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
    case AuthMethod::Plain:
    case AuthMethod::Login:
    case AuthMethod::XOAuth2:
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

} // namespace outbound::sasl
