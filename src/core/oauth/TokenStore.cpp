#include "oauth/TokenStore.h"

#include "common/Database.h"
#include "itflow/ItflowSettings.h"
#include "settings/SecretStore.h"

#include <QSqlError>
#include <QSqlQuery>

namespace outbound {

const QString TokenStore::kSecretName = QStringLiteral("oauth.token_set");
const QString TokenStore::kClientSecretName = QStringLiteral("oauth.client_secret");

namespace {
// Outbound's own table name in the open database (outbound_oauth_state in an ITFlow database).
QString stateTable(QString sql)
{
    return sql.replace(QLatin1String("oauth_state"), Database::table(QStringLiteral("oauth_state")));
}

Status exec(const QString& what, const QString& sql, const QVariantList& binds = {}, int* rows = nullptr)
{
    QSqlQuery q(Database::connection());
    q.prepare(stateTable(sql));
    for (const QVariant& v : binds)
        q.addBindValue(v);
    if (!q.exec())
        return Database::sqlFailure(what, q.lastError());
    if (rows)
        *rows = q.numRowsAffected();
    return success();
}

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

// Outbound's own copy of the token set. In an ITFlow database the tokens themselves live in
// ITFlow's columns, so the copy keeps only what ITFlow has no column for (account, dates).
Status writeOwnCopy(TokenSet tokens)
{
    if (Database::isItflow()) {
        tokens.accessToken.clear();
        tokens.refreshToken.clear();
    }
    if (auto w = SecretStore::writeSecret(TokenStore::kSecretName, QString::fromUtf8(tokens.toJson())); !w)
        return w.error();
    return success();
}
} // namespace

Status TokenStore::ensureSchema()
{
    SchemaSteps steps;
    steps.sqlite = {{QStringLiteral("CREATE TABLE oauth_state (id INTEGER PRIMARY KEY CHECK (id = 1), "
                                    "version INTEGER NOT NULL DEFAULT 0, lease_holder TEXT, "
                                    "lease_until INTEGER NOT NULL DEFAULT 0, sign_in_needed TEXT, "
                                    "sign_in_needed_at TEXT)"),
                     QStringLiteral("INSERT INTO oauth_state(id) VALUES(1)")}};
    steps.server = {
        {stateTable(QStringLiteral("CREATE TABLE oauth_state (id INTEGER PRIMARY KEY CHECK (id = 1), "
                                   "version {BIGINT} NOT NULL DEFAULT 0, lease_holder {KEY}, "
                                   "lease_until {BIGINT} NOT NULL DEFAULT 0, sign_in_needed {TEXT}, "
                                   "sign_in_needed_at {KEY})")),
         stateTable(QStringLiteral("INSERT INTO oauth_state(id) VALUES(1)"))}};
    return Database::migrate(QStringLiteral("oauth"), steps);
}

Result<TokenStore::Snapshot> TokenStore::load()
{
    if (auto s = ensureSchema(); !s)
        return s.error();
    Snapshot snap;
    {
        QSqlQuery q(Database::connection());
        if (!q.exec(stateTable(QStringLiteral(
                "SELECT version, sign_in_needed, sign_in_needed_at FROM oauth_state WHERE id = 1"))))
            return Database::sqlFailure(QStringLiteral("read the OAuth state"), q.lastError());
        if (q.next()) {
            snap.version = q.value(0).toLongLong();
            snap.signInNeeded = !q.value(1).isNull();
            snap.signInReason = q.value(1).toString();
            snap.signInNeededSince = QDateTime::fromString(q.value(2).toString(), Qt::ISODate);
        }
    }
    auto secret = SecretStore::readSecret(kSecretName);
    if (!secret)
        return secret.error();
    if (!secret->isEmpty())
        snap.tokens = TokenSet::fromJson(secret->toUtf8());
    if (Database::isItflow()) {
        QSqlDatabase db = Database::connection();
        if (auto s = itflow::readTokens(db, snap.tokens); !s)
            return s.error();
    }
    return snap;
}

Status TokenStore::storeLogin(const TokenSet& tokens)
{
    if (auto s = ensureSchema(); !s)
        return s;
    if (auto s = writeOwnCopy(tokens); !s)
        return s;
    if (Database::isItflow()) {
        QSqlDatabase db = Database::connection();
        if (auto s = itflow::writeTokens(db, tokens, std::nullopt); !s)
            return s;
    }
    return exec(
        QStringLiteral("store the sign-in"),
        QStringLiteral("UPDATE oauth_state SET version = version + 1, sign_in_needed = NULL, "
                       "sign_in_needed_at = NULL, lease_holder = NULL, lease_until = 0 WHERE id = 1"));
}

Result<bool> TokenStore::tryLease(const QString& holder, int seconds)
{
    if (auto s = ensureSchema(); !s)
        return s.error();
    int rows = 0;
    // One UPDATE is atomic: of all processes trying at once, exactly one matches. On a shared
    // database the lease runs on the server's clock, so machines whose clocks differ still agree
    // on when it ran out (SQLite: one machine, its own clock).
    const bool server = Database::isServer();
    const QString now = server ? Database::serverNowMsSql() : QStringLiteral("?");
    const qint64 local = nowMs();
    QVariantList binds{holder};
    if (!server)
        binds.append(local);
    binds.append(seconds * 1000LL);
    if (!server)
        binds.append(local);
    binds.append(holder);
    if (auto s =
            exec(QStringLiteral("take the token refresh lease"),
                 QStringLiteral("UPDATE oauth_state SET lease_holder = ?, lease_until = %1 + ? WHERE id = 1 "
                                "AND (lease_holder IS NULL OR lease_until < %1 OR lease_holder = ?)")
                     .arg(now),
                 binds, &rows);
        !s)
        return s.error();
    return rows == 1;
}

Status TokenStore::releaseLease(const QString& holder)
{
    return exec(QStringLiteral("release the token refresh lease"),
                QStringLiteral("UPDATE oauth_state SET lease_holder = NULL, lease_until = 0 WHERE id = 1 AND "
                               "lease_holder = ?"),
                {holder});
}

Status TokenStore::storeRefreshed(const QString& holder, const TokenSet& tokens,
                                  const QString& usedRefreshToken)
{
    // The rotated refresh token is on disk before the version moves and before anyone (this
    // process included) uses the new access token.
    if (auto s = writeOwnCopy(tokens); !s)
        return s;
    if (Database::isItflow()) {
        QSqlDatabase db = Database::connection();
        bool kept = false;
        if (auto s = itflow::writeTokens(db, tokens, usedRefreshToken, &kept); !s)
            return s;
        if (kept)
            qInfo("outbound: ITFlow renewed the OAuth tokens meanwhile; its newer refresh token is kept");
    }
    return exec(
        QStringLiteral("store the refreshed token"),
        QStringLiteral("UPDATE oauth_state SET version = version + 1, lease_holder = NULL, lease_until = 0 "
                       "WHERE id = 1 AND lease_holder = ?"),
        {holder});
}

Status TokenStore::markSignInNeeded(const QString& reason)
{
    if (auto s = ensureSchema(); !s)
        return s;
    return exec(QStringLiteral("record that sign-in is needed"),
                QStringLiteral(
                    "UPDATE oauth_state SET sign_in_needed = ?, sign_in_needed_at = ?, version = version + 1 "
                    "WHERE id = 1"),
                {reason, QDateTime::currentDateTimeUtc().toString(Qt::ISODate)});
}

Status TokenStore::clear()
{
    if (auto s = ensureSchema(); !s)
        return s;
    if (auto s = SecretStore::eraseSecret(kSecretName); !s)
        return s;
    if (Database::isItflow()) {
        QSqlDatabase db = Database::connection();
        if (auto s = itflow::writeTokens(db, TokenSet{}, std::nullopt); !s)
            return s;
    }
    return exec(
        QStringLiteral("sign out"),
        QStringLiteral("UPDATE oauth_state SET version = version + 1, sign_in_needed = NULL, "
                       "sign_in_needed_at = NULL, lease_holder = NULL, lease_until = 0 WHERE id = 1"));
}

} // namespace outbound
