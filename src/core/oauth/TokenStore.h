#pragma once

#include "common/Result.h"
#include "oauth/OAuthTypes.h"

namespace outbound {

// Where the signed-in account's tokens live: the token set is a named secret in the SecretStore
// ("oauth.token_set"); its version, the refresh lease and the "sign-in needed" state are a row in
// the app database (table oauth_state), so every process that shares the database agrees on them.
//
// Refresh tokens rotate: whoever refreshes must be the only one holding the current refresh token
// at that moment, and the new one must be on disk before anyone uses the new access token. The
// lease is that guarantee: it is taken in one short write transaction (never held across the
// network call, so the queue's own writes never wait on the identity provider), the token set is
// read again after taking it, and the new set is written before the version moves on and the lease
// is let go. A process that died holding the lease loses it when it expires.
class TokenStore
{
public:
    struct Snapshot
    {
        TokenSet tokens;
        qint64 version = 0;
        bool signInNeeded = false;
        QString signInReason; // OAuthError::summary() of the refusal (never a token)
        QDateTime signInNeededSince;
    };

    static Status ensureSchema();
    static Result<Snapshot> load();

    // After a successful sign-in: the new set, a new version, "sign-in needed" cleared.
    static Status storeLogin(const TokenSet& tokens);
    // Takes (or renews) the refresh lease for `holder` when it is free or expired.
    static Result<bool> tryLease(const QString& holder, int seconds);
    static Status releaseLease(const QString& holder);
    // Writes the refreshed set, then moves the version on and releases the lease, in that order.
    // `usedRefreshToken`: the refresh token the refresh spent. In an ITFlow database the tokens go
    // back into ITFlow's columns (its inbound-mail parser uses them) with a compare-and-set on it,
    // so a refresh token ITFlow rotated meanwhile is never overwritten (itflow::writeTokens()).
    static Status storeRefreshed(const QString& holder, const TokenSet& tokens,
                                 const QString& usedRefreshToken = {});
    static Status markSignInNeeded(const QString& reason);
    // Sign out: the tokens go, the state returns to "not signed in".
    static Status clear();

    static const QString kSecretName;       // "oauth.token_set"
    static const QString kClientSecretName; // "oauth.client_secret"
};

} // namespace outbound
