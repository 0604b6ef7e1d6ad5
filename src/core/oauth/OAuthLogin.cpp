#include "oauth/OAuthLogin.h"

#include "oauth/ClientAssertion.h"
#include "oauth/LoopbackReceiver.h"
#include "oauth/TokenClient.h"
#include "oauth/TokenStore.h"
#include "settings/SecretStore.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTimer>
#include <QUrlQuery>

namespace outbound {

namespace {
QString randomUrlSafe(int bytes)
{
    QByteArray raw(bytes, Qt::Uninitialized);
    auto* gen = QRandomGenerator::system();
    for (char& c : raw)
        c = static_cast<char>(gen->bounded(256));
    return QString::fromLatin1(raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

OAuthError makeError(OAuthError::Kind kind, const QString& detail)
{
    OAuthError e;
    e.kind = kind;
    e.detail = detail;
    return e;
}
} // namespace

OAuthLogin::OAuthLogin(const MailSettings& settings, QObject* parent)
    : QObject(parent), m_settings(settings), m_pollTimer(new QTimer(this))
{
    m_pollTimer->setSingleShot(true);
    connect(m_pollTimer, &QTimer::timeout, this, &OAuthLogin::poll);
}

OAuthLogin::~OAuthLogin()
{
    if (m_client)
        m_client->cancel();
}

QString OAuthLogin::makeVerifier()
{
    return randomUrlSafe(32); // 43 characters of [A-Za-z0-9-_]
}

QString OAuthLogin::challengeFor(const QString& verifier)
{
    return QString::fromLatin1(QCryptographicHash::hash(verifier.toLatin1(), QCryptographicHash::Sha256)
                                   .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

void OAuthLogin::start(OAuthFlow flow, int browserTimeoutMs)
{
    m_settings.oauth.flow = flow;
    QString secret;
    if (auto s = SecretStore::readSecret(TokenStore::kClientSecretName))
        secret = s.value();
    else
        m_setupError = makeError(OAuthError::Kind::Configuration, s.error().message);
    std::optional<ClientCertificate> certificate;
    if (flow == OAuthFlow::App) {
        if (!m_settings.oauth.clientCertificate.trimmed().isEmpty()) {
            auto c = ClientCertificate::load(m_settings.oauth.clientCertificate.trimmed());
            if (c)
                certificate = c.value();
            else
                m_setupError = makeError(OAuthError::Kind::Configuration, c.error().message);
        } else if (secret.isEmpty() && !m_setupError) {
            m_setupError =
                makeError(OAuthError::Kind::Configuration,
                          tr("the app flow needs a client certificate (oauth.client_certificate) or a "
                             "client secret (settings set-secret oauth.client_secret)"));
        }
    }
    if (m_settings.oauth.clientId.trimmed().isEmpty() && !m_setupError)
        m_setupError = makeError(OAuthError::Kind::Configuration, tr("oauth.client_id is not set"));
    m_client = std::make_unique<TokenClient>(m_settings.oauth, secret, certificate, this);
    if (m_setupError) {
        QMetaObject::invokeMethod(
            this, [this] { fail(*m_setupError); }, Qt::QueuedConnection);
        return;
    }
    switch (flow) {
    case OAuthFlow::Browser:
        startBrowser(browserTimeoutMs);
        break;
    case OAuthFlow::Device:
        startDevice();
        break;
    case OAuthFlow::App:
        startApp();
        break;
    }
}

void OAuthLogin::cancel()
{
    if (m_done)
        return;
    fail(makeError(OAuthError::Kind::Cancelled, tr("the sign-in was cancelled")));
}

void OAuthLogin::fail(OAuthError error)
{
    if (m_done)
        return;
    m_done = true;
    m_pollTimer->stop();
    if (m_receiver)
        m_receiver->close();
    if (m_client)
        m_client->cancel();
    Q_EMIT failed(error);
}

void OAuthLogin::startBrowser(int timeoutMs)
{
    m_receiver = new LoopbackReceiver(this);
    if (!m_receiver->listen(timeoutMs)) {
        QMetaObject::invokeMethod(
            this,
            [this] {
                fail(makeError(OAuthError::Kind::Configuration,
                               tr("cannot listen on 127.0.0.1 for the browser's answer")));
            },
            Qt::QueuedConnection);
        return;
    }
    m_verifier = makeVerifier();
    m_state = randomUrlSafe(16);
    const QString redirectUri = m_receiver->redirectUri();
    connect(m_receiver, &LoopbackReceiver::timedOut, this, [this] {
        fail(makeError(OAuthError::Kind::TimedOut, tr("no answer came from the browser within 5 minutes")));
    });
    connect(m_receiver, &LoopbackReceiver::received, this, [this, redirectUri](const QUrlQuery& query) {
        const auto item = [&query](const char* key) {
            return query.queryItemValue(QLatin1String(key), QUrl::FullyDecoded);
        };
        if (item("state") != m_state) {
            fail(makeError(OAuthError::Kind::StateMismatch,
                           tr("the browser's answer did not carry the state Outbound sent; it was ignored")));
            return;
        }
        if (query.hasQueryItem(QStringLiteral("error"))) {
            OAuthError e;
            e.code = item("error");
            e.description = item("error_description");
            e.kind = e.code == u"access_denied" ? OAuthError::Kind::AccessDenied : OAuthError::Kind::Server;
            e.aadsts = aadstsCode(e.description);
            fail(e);
            return;
        }
        const QString code = item("code");
        if (code.isEmpty()) {
            fail(makeError(OAuthError::Kind::Server,
                           tr("the browser's answer carried no authorization code")));
            return;
        }
        m_client->exchangeCode(code, redirectUri, m_verifier,
                               [this](const Result<QJsonObject, OAuthError>& r) { complete(r); });
    });

    QUrl url(m_settings.oauth.effectiveAuthorizeUrl());
    QUrlQuery q(url);
    q.addQueryItem(QStringLiteral("client_id"), m_settings.oauth.clientId);
    q.addQueryItem(QStringLiteral("response_type"), QStringLiteral("code"));
    q.addQueryItem(QStringLiteral("redirect_uri"), redirectUri);
    q.addQueryItem(QStringLiteral("scope"), m_settings.oauth.effectiveScope());
    q.addQueryItem(QStringLiteral("state"), m_state);
    q.addQueryItem(QStringLiteral("code_challenge"), challengeFor(m_verifier));
    q.addQueryItem(QStringLiteral("code_challenge_method"), QStringLiteral("S256"));
    if (!m_settings.username.trimmed().isEmpty())
        q.addQueryItem(QStringLiteral("login_hint"), m_settings.username.trimmed());
    if (m_settings.oauth.provider == OAuthProvider::Google) {
        // Without these Google gives no refresh token on a repeated sign-in.
        q.addQueryItem(QStringLiteral("access_type"), QStringLiteral("offline"));
        q.addQueryItem(QStringLiteral("prompt"), QStringLiteral("consent"));
    }
    // Every value fully percent-encoded (a '+' in a value must not read as a space).
    QString encoded;
    for (const auto& [k, v] : q.queryItems(QUrl::FullyDecoded)) {
        if (!encoded.isEmpty())
            encoded += u'&';
        encoded += QString::fromLatin1(QUrl::toPercentEncoding(k) + '=' + QUrl::toPercentEncoding(v));
    }
    url.setQuery(encoded, QUrl::StrictMode);
    const QUrl authorizeUrl = url;
    QMetaObject::invokeMethod(
        this, [this, authorizeUrl] { Q_EMIT authorizeUrlReady(authorizeUrl); }, Qt::QueuedConnection);
}

void OAuthLogin::startDevice()
{
    m_client->deviceAuthorize([this](const Result<QJsonObject, OAuthError>& reply) {
        if (!reply) {
            fail(reply.error());
            return;
        }
        const QJsonObject& o = reply.value();
        m_deviceCode = o.value(QStringLiteral("device_code")).toString();
        const QString userCode = o.value(QStringLiteral("user_code")).toString();
        // RFC 8628 says verification_uri; Google's older endpoint says verification_url.
        QString uri = o.value(QStringLiteral("verification_uri")).toString();
        if (uri.isEmpty())
            uri = o.value(QStringLiteral("verification_url")).toString();
        const int expiresIn = o.value(QStringLiteral("expires_in")).toInt(900);
        m_intervalSeconds = std::max(1, o.value(QStringLiteral("interval")).toInt(5));
        if (m_deviceCode.isEmpty() || userCode.isEmpty() || uri.isEmpty()) {
            fail(makeError(OAuthError::Kind::Server, tr("the device authorization answer is incomplete")));
            return;
        }
        m_deviceDeadline = QDateTime::currentDateTimeUtc().addSecs(expiresIn);
        Q_EMIT deviceCodeReady(userCode, QUrl(uri), expiresIn);
        m_pollTimer->start(m_intervalSeconds * 1000);
    });
}

void OAuthLogin::poll()
{
    if (m_done)
        return;
    if (QDateTime::currentDateTimeUtc() >= m_deviceDeadline) {
        fail(makeError(OAuthError::Kind::ExpiredToken,
                       tr("the code expired before the sign-in was approved")));
        return;
    }
    m_client->devicePoll(m_deviceCode, [this](const Result<QJsonObject, OAuthError>& reply) {
        if (m_done)
            return;
        if (!reply) {
            switch (reply.error().kind) {
            case OAuthError::Kind::AuthorizationPending:
                m_pollTimer->start(m_intervalSeconds * 1000);
                return;
            case OAuthError::Kind::SlowDown:
                m_intervalSeconds += 5; // RFC 8628 section 3.5
                m_pollTimer->start(m_intervalSeconds * 1000);
                return;
            default:
                fail(reply.error());
                return;
            }
        }
        complete(reply);
    });
}

void OAuthLogin::startApp()
{
    m_client->clientCredentials([this](const Result<QJsonObject, OAuthError>& r) { complete(r); });
}

void OAuthLogin::complete(const Result<QJsonObject, OAuthError>& reply)
{
    if (m_done)
        return;
    if (!reply) {
        fail(reply.error());
        return;
    }
    auto tokens = tokenSetFromResponse(reply.value(), QDateTime::currentDateTimeUtc(), TokenSet{},
                                       m_settings.username.trimmed());
    if (!tokens) {
        fail(tokens.error());
        return;
    }
    if (auto s = TokenStore::storeLogin(tokens.value()); !s) {
        fail(makeError(OAuthError::Kind::Configuration, s.error().message));
        return;
    }
    m_done = true;
    Q_EMIT succeeded(tokens->account);
}

} // namespace outbound
