#pragma once

#include "common/Result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QMetaType>
#include <QString>

namespace outbound {

// What the token endpoint (or the device or loopback step) said when it did not give a token.
// Decisions use kind, code and aadsts; description only explains.
struct OAuthError
{
    enum class Kind
    {
        Network,              // no HTTP answer (refused, TLS, timeout)
        InvalidGrant,         // refresh token or code refused: sign in again
        InvalidClient,        // client id, secret or assertion refused
        AccessDenied,         // the person (or a policy) said no
        AuthorizationPending, // device flow: not approved yet (internal, never final)
        SlowDown,             // device flow: poll less often (internal, never final)
        ExpiredToken,         // device flow: the code expired before approval
        StateMismatch,        // the loopback answer was not ours
        Cancelled,
        TimedOut,      // no answer in the browser or device window
        Configuration, // settings missing or unreadable (certificate, secret)
        Server         // any other error answer
    };
    Kind kind = Kind::Server;
    QString code;        // the OAuth "error" value, e.g. "invalid_grant"
    QString description; // the server's error_description, trimmed
    int aadsts = 0;      // Microsoft's AADSTS number from the description or error_codes
    int httpStatus = 0;
    QString detail; // our own sentence, when there is no server text

    // One line: "invalid_grant: AADSTS700082 ..." (never a token).
    QString summary() const;
    // The account must sign in again (the worker stops, messages stay queued).
    bool needsSignIn() const { return kind == Kind::InvalidGrant; }
};

// The number of the first "AADSTS<n>" in a text, 0 when none.
int aadstsCode(const QString& text);

// Parses an RFC 6749 section 5.2 error body (JSON) into a typed error.
OAuthError parseTokenError(int httpStatus, const QByteArray& body);

// The tokens of the signed-in account. Never logged, never shown: only account and times are.
struct TokenSet
{
    QString accessToken;
    QDateTime expiresAt;
    QString refreshToken; // empty for the app flow (client credentials)
    QString account;      // the mailbox, from the id_token when one came, else smtp.username
    QDateTime lastRenewed;
    QDateTime refreshTokenIssuedAt; // when the current refresh token arrived (its age)

    bool isEmpty() const { return accessToken.isEmpty() && refreshToken.isEmpty(); }
    // True while the access token stays valid for at least `margin` seconds more.
    bool accessValidFor(const QDateTime& now, qint64 margin) const;
    QByteArray toJson() const;
    static TokenSet fromJson(const QByteArray& json);
};

// The refresh margin: a few minutes before expiry, but at most half of a short lifetime.
qint64 refreshMarginSeconds(qint64 lifetimeSeconds);

// Builds a TokenSet from a successful token response; keeps the previous refresh token when the
// server did not rotate it. account: a fallback when the response carries no id_token.
Result<TokenSet, OAuthError> tokenSetFromResponse(const QJsonObject& response, const QDateTime& now,
                                                  const TokenSet& previous, const QString& account);

} // namespace outbound

Q_DECLARE_METATYPE(outbound::OAuthError)
