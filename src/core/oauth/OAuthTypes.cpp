#include "oauth/OAuthTypes.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace outbound {

QString OAuthError::summary() const
{
    QString text = code.isEmpty() ? detail : code;
    if (!description.isEmpty()) {
        // Microsoft's descriptions carry a trace id and a timestamp on further lines.
        const QString first = description.section(u'\n', 0, 0).simplified();
        text += (text.isEmpty() ? QString() : QStringLiteral(": ")) + first.left(300);
    } else if (!detail.isEmpty() && !code.isEmpty()) {
        text += QStringLiteral(": ") + detail;
    }
    if (httpStatus != 0 && code.isEmpty())
        text += QStringLiteral(" (HTTP %1)").arg(httpStatus);
    return text;
}

int aadstsCode(const QString& text)
{
    static const QRegularExpression aadsts(QStringLiteral("\\bAADSTS(\\d+)\\b"));
    const auto m = aadsts.match(text);
    return m.hasMatch() ? m.captured(1).toInt() : 0;
}

OAuthError parseTokenError(int httpStatus, const QByteArray& body)
{
    OAuthError e;
    e.httpStatus = httpStatus;
    const QJsonObject o = QJsonDocument::fromJson(body).object();
    e.code = o.value(QStringLiteral("error")).toString().trimmed();
    e.description = o.value(QStringLiteral("error_description")).toString().trimmed();
    const QJsonArray codes = o.value(QStringLiteral("error_codes")).toArray();
    if (!codes.isEmpty())
        e.aadsts = codes.first().toInt();
    if (e.aadsts == 0)
        e.aadsts = aadstsCode(e.description);
    if (e.code == u"invalid_grant")
        e.kind = OAuthError::Kind::InvalidGrant;
    else if (e.code == u"invalid_client" || e.code == u"unauthorized_client")
        e.kind = OAuthError::Kind::InvalidClient;
    else if (e.code == u"access_denied" || e.code == u"authorization_declined")
        e.kind = OAuthError::Kind::AccessDenied;
    else if (e.code == u"authorization_pending")
        e.kind = OAuthError::Kind::AuthorizationPending;
    else if (e.code == u"slow_down")
        e.kind = OAuthError::Kind::SlowDown;
    else if (e.code == u"expired_token" || e.code == u"code_expired")
        e.kind = OAuthError::Kind::ExpiredToken;
    else
        e.kind = OAuthError::Kind::Server;
    if (e.code.isEmpty())
        e.detail =
            QCoreApplication::translate("OAuth", "the token endpoint answered HTTP %1 without an OAuth error")
                .arg(httpStatus);
    return e;
}

bool TokenSet::accessValidFor(const QDateTime& now, qint64 margin) const
{
    return !accessToken.isEmpty() && expiresAt.isValid() && now.secsTo(expiresAt) > margin;
}

QByteArray TokenSet::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("access_token"), accessToken);
    o.insert(QStringLiteral("expires_at"), expiresAt.toUTC().toString(Qt::ISODateWithMs));
    o.insert(QStringLiteral("refresh_token"), refreshToken);
    o.insert(QStringLiteral("account"), account);
    o.insert(QStringLiteral("last_renewed"), lastRenewed.toUTC().toString(Qt::ISODateWithMs));
    o.insert(QStringLiteral("refresh_token_issued_at"),
             refreshTokenIssuedAt.toUTC().toString(Qt::ISODateWithMs));
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

TokenSet TokenSet::fromJson(const QByteArray& json)
{
    const QJsonObject o = QJsonDocument::fromJson(json).object();
    TokenSet t;
    const auto date = [&o](const char* key) {
        return QDateTime::fromString(o.value(QLatin1String(key)).toString(), Qt::ISODateWithMs);
    };
    t.accessToken = o.value(QStringLiteral("access_token")).toString();
    t.expiresAt = date("expires_at");
    t.refreshToken = o.value(QStringLiteral("refresh_token")).toString();
    t.account = o.value(QStringLiteral("account")).toString();
    t.lastRenewed = date("last_renewed");
    t.refreshTokenIssuedAt = date("refresh_token_issued_at");
    return t;
}

qint64 refreshMarginSeconds(qint64 lifetimeSeconds)
{
    return std::clamp<qint64>(lifetimeSeconds / 2, 0, 300);
}

namespace {
// The signed-in account from an id_token's claims. The signature is not checked: the value is
// only shown to the person, never trusted for a decision.
QString accountFromIdToken(const QString& idToken)
{
    const QStringList parts = idToken.split(u'.');
    if (parts.size() < 2)
        return {};
    const QByteArray payload = QByteArray::fromBase64(
        parts.at(1).toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    const QJsonObject claims = QJsonDocument::fromJson(payload).object();
    for (const char* key : {"email", "preferred_username", "upn"}) {
        const QString v = claims.value(QLatin1String(key)).toString();
        if (!v.isEmpty())
            return v;
    }
    return {};
}
} // namespace

Result<TokenSet, OAuthError> tokenSetFromResponse(const QJsonObject& response, const QDateTime& now,
                                                  const TokenSet& previous, const QString& account)
{
    TokenSet t;
    t.accessToken = response.value(QStringLiteral("access_token")).toString();
    if (t.accessToken.isEmpty()) {
        OAuthError e;
        e.kind = OAuthError::Kind::Server;
        e.detail =
            QCoreApplication::translate("OAuth", "the token endpoint answered without an access token");
        return e;
    }
    // expires_in is a number (RFC 6749) but some servers send it as a string.
    const QJsonValue expires = response.value(QStringLiteral("expires_in"));
    qint64 lifetime = expires.isString() ? expires.toString().toLongLong() : expires.toInteger(3600);
    if (lifetime <= 0)
        lifetime = 3600;
    t.expiresAt = now.addSecs(lifetime);
    t.lastRenewed = now;
    const QString rotated = response.value(QStringLiteral("refresh_token")).toString();
    if (!rotated.isEmpty()) {
        t.refreshToken = rotated;
        t.refreshTokenIssuedAt = now;
    } else {
        t.refreshToken = previous.refreshToken;
        t.refreshTokenIssuedAt = previous.refreshTokenIssuedAt;
    }
    t.account = accountFromIdToken(response.value(QStringLiteral("id_token")).toString());
    if (t.account.isEmpty())
        t.account = previous.account.isEmpty() ? account : previous.account;
    return t;
}

} // namespace outbound
