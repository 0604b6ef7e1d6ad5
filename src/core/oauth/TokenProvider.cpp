#include "oauth/TokenProvider.h"

#include "oauth/ClientAssertion.h"
#include "oauth/TokenClient.h"
#include "oauth/TokenStore.h"
#include "settings/SecretStore.h"

#include <QCoreApplication>
#include <QTimer>
#include <QUuid>

namespace outbound {

namespace {
OAuthError storeError(const QString& message)
{
    OAuthError e;
    e.kind = OAuthError::Kind::Configuration;
    e.detail = message;
    return e;
}

qint64 marginFor(const QDateTime& renewed, const QDateTime& expires)
{
    const qint64 lifetime = renewed.isValid() && expires.isValid() ? renewed.secsTo(expires) : 3600;
    return refreshMarginSeconds(lifetime);
}
} // namespace

TokenProvider::TokenProvider(const MailSettings& settings, QObject* parent)
    : QObject(parent), m_settings(settings), m_holder(QUuid::createUuid().toString(QUuid::WithoutBraces)),
      m_retry(new QTimer(this))
{
    m_retry->setSingleShot(true);
    connect(m_retry, &QTimer::timeout, this, &TokenProvider::attempt);
    QString secret;
    if (auto s = SecretStore::readSecret(TokenStore::kClientSecretName))
        secret = s.value();
    else
        m_setupError = storeError(s.error().message);
    std::optional<ClientCertificate> certificate;
    if (settings.oauth.flow == OAuthFlow::App && !settings.oauth.clientCertificate.trimmed().isEmpty()) {
        auto c = ClientCertificate::load(settings.oauth.clientCertificate.trimmed());
        if (c)
            certificate = c.value();
        else
            m_setupError = storeError(c.error().message);
    }
    m_client = std::make_unique<TokenClient>(settings.oauth, secret, certificate, this);
}

TokenProvider::~TokenProvider()
{
    m_client->cancel();
    if (m_busy)
        (void)TokenStore::releaseLease(m_holder);
}

bool TokenProvider::hasFreshToken() const
{
    return !m_token.isEmpty() &&
           QDateTime::currentDateTimeUtc().secsTo(m_expiresAt) > marginFor(m_lastRenewed, m_expiresAt);
}

void TokenProvider::requestToken(bool force, Callback callback)
{
    if (!force && hasFreshToken()) {
        const QString token = m_token;
        QMetaObject::invokeMethod(
            this, [callback, token] { callback(token); }, Qt::QueuedConnection);
        return;
    }
    if (force && m_handedVersion < 0) {
        // Nothing handed out yet: "newer" means changed after this request began.
        if (auto snap = TokenStore::load())
            m_handedVersion = snap->version;
    }
    m_waiting.append(std::move(callback));
    m_force = m_force || force;
    if (m_busy)
        return;
    m_busy = true;
    m_leaseDeadline = QDateTime::currentDateTimeUtc().addSecs(kLeaseSeconds + 30);
    QMetaObject::invokeMethod(this, &TokenProvider::attempt, Qt::QueuedConnection);
}

void TokenProvider::finish(const Result<QString, OAuthError>& result)
{
    m_busy = false;
    m_force = false;
    const QList<Callback> waiting = std::exchange(m_waiting, {});
    for (const Callback& cb : waiting)
        cb(result);
}

// Answers from the stored set when it is good enough: fresh, and when forced, newer than the token
// that was refused (someone else refreshed meanwhile). Returns true when it answered.
bool TokenProvider::answerFromStore(bool leaseHeld)
{
    auto snap = TokenStore::load();
    if (!snap) {
        if (leaseHeld)
            (void)TokenStore::releaseLease(m_holder);
        finish(storeError(snap.error().message));
        return true;
    }
    if (snap->signInNeeded) {
        if (leaseHeld)
            (void)TokenStore::releaseLease(m_holder);
        OAuthError e;
        e.kind = OAuthError::Kind::InvalidGrant;
        e.code = QStringLiteral("invalid_grant");
        e.detail = snap->signInReason;
        finish(e);
        return true;
    }
    const TokenSet& t = snap->tokens;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const bool fresh = t.accessValidFor(now, marginFor(t.lastRenewed, t.expiresAt));
    const bool newer = snap->version != m_handedVersion;
    if (fresh && (!m_force || newer)) {
        if (leaseHeld)
            (void)TokenStore::releaseLease(m_holder);
        m_token = t.accessToken;
        m_expiresAt = t.expiresAt;
        m_lastRenewed = t.lastRenewed;
        m_handedVersion = snap->version;
        finish(m_token);
        return true;
    }
    return false;
}

void TokenProvider::attempt()
{
    if (m_setupError) {
        finish(*m_setupError);
        return;
    }
    if (answerFromStore(false))
        return;
    auto lease = TokenStore::tryLease(m_holder, kLeaseSeconds);
    if (!lease) {
        finish(storeError(lease.error().message));
        return;
    }
    if (!lease.value()) {
        // Another process is refreshing: wait for its result instead of racing it.
        if (QDateTime::currentDateTimeUtc() > m_leaseDeadline) {
            OAuthError e;
            e.kind = OAuthError::Kind::TimedOut;
            e.detail = tr("another Outbound process kept the token refresh lock for too long");
            finish(e);
            return;
        }
        m_retry->start(kLeaseRetryMs);
        return;
    }
    // Read again under the lease: the set may have changed between the first look and now.
    if (answerFromStore(true))
        return;
    auto snap = TokenStore::load();
    if (!snap) {
        (void)TokenStore::releaseLease(m_holder);
        finish(storeError(snap.error().message));
        return;
    }
    const TokenSet previous = snap->tokens;
    const bool app = m_settings.oauth.flow == OAuthFlow::App;
    if (!app && previous.refreshToken.isEmpty()) {
        (void)TokenStore::releaseLease(m_holder);
        OAuthError e;
        e.kind = OAuthError::Kind::InvalidGrant;
        e.detail = tr("not signed in");
        finish(e);
        return;
    }
    auto onReply = [this, previous](const Result<QJsonObject, OAuthError>& reply) {
        if (!reply) {
            const OAuthError& e = reply.error();
            if (e.needsSignIn())
                (void)TokenStore::markSignInNeeded(e.summary());
            (void)TokenStore::releaseLease(m_holder);
            finish(e);
            return;
        }
        auto tokens = tokenSetFromResponse(reply.value(), QDateTime::currentDateTimeUtc(), previous,
                                           m_settings.username.trimmed());
        if (!tokens) {
            (void)TokenStore::releaseLease(m_holder);
            finish(tokens.error());
            return;
        }
        if (auto s = TokenStore::storeRefreshed(m_holder, tokens.value(), previous.refreshToken); !s) {
            (void)TokenStore::releaseLease(m_holder);
            finish(storeError(s.error().message));
            return;
        }
        ++m_refreshes;
        auto stored = TokenStore::load();
        m_token = tokens->accessToken;
        m_expiresAt = tokens->expiresAt;
        m_lastRenewed = tokens->lastRenewed;
        m_handedVersion = stored ? stored->version : -1;
        finish(m_token);
    };
    if (app)
        m_client->clientCredentials(onReply);
    else
        m_client->refresh(previous.refreshToken, onReply);
}

} // namespace outbound
