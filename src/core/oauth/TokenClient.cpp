#include "oauth/TokenClient.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace outbound {

namespace {
constexpr int kTransferTimeoutMs = 30000;
} // namespace

TokenClient::TokenClient(OAuthSettings settings, QString clientSecret,
                         std::optional<ClientCertificate> certificate, QObject* parent)
    : QObject(parent), m_settings(std::move(settings)), m_clientSecret(std::move(clientSecret)),
      m_certificate(std::move(certificate)), m_nam(new QNetworkAccessManager(this))
{}

TokenClient::~TokenClient() = default;

QByteArray TokenClient::formEncode(const QList<std::pair<QString, QString>>& fields)
{
    QByteArray out;
    for (const auto& [key, value] : fields) {
        if (!out.isEmpty())
            out += '&';
        out += QUrl::toPercentEncoding(key) + '=' + QUrl::toPercentEncoding(value);
    }
    return out;
}

void TokenClient::exchangeCode(const QString& code, const QString& redirectUri, const QString& verifier,
                               Reply reply)
{
    post(QUrl(m_settings.effectiveTokenUrl()),
         {{QStringLiteral("grant_type"), QStringLiteral("authorization_code")},
          {QStringLiteral("code"), code},
          {QStringLiteral("redirect_uri"), redirectUri},
          {QStringLiteral("code_verifier"), verifier},
          {QStringLiteral("scope"), m_settings.effectiveScope()}},
         true, std::move(reply));
}

void TokenClient::refresh(const QString& refreshToken, Reply reply)
{
    post(QUrl(m_settings.effectiveTokenUrl()),
         {{QStringLiteral("grant_type"), QStringLiteral("refresh_token")},
          {QStringLiteral("refresh_token"), refreshToken},
          {QStringLiteral("scope"), m_settings.effectiveScope()}},
         true, std::move(reply));
}

void TokenClient::clientCredentials(Reply reply)
{
    post(QUrl(m_settings.effectiveTokenUrl()),
         {{QStringLiteral("grant_type"), QStringLiteral("client_credentials")},
          {QStringLiteral("scope"), m_settings.effectiveScope()}},
         true, std::move(reply));
}

void TokenClient::deviceAuthorize(Reply reply)
{
    post(QUrl(m_settings.effectiveDeviceUrl()), {{QStringLiteral("scope"), m_settings.effectiveScope()}},
         true, std::move(reply));
}

void TokenClient::devicePoll(const QString& deviceCode, Reply reply)
{
    post(QUrl(m_settings.effectiveTokenUrl()),
         {{QStringLiteral("grant_type"), QStringLiteral("urn:ietf:params:oauth:grant-type:device_code")},
          {QStringLiteral("device_code"), deviceCode}},
         true, std::move(reply));
}

void TokenClient::cancel()
{
    const QList<QNetworkReply*> replies = findChildren<QNetworkReply*>();
    for (QNetworkReply* r : replies) {
        r->disconnect(this);
        r->abort();
        r->deleteLater();
    }
}

void TokenClient::post(const QUrl& url, QList<std::pair<QString, QString>> fields, bool clientAuth,
                       Reply reply)
{
    fields.prepend({QStringLiteral("client_id"), m_settings.clientId});
    // Microsoft's browser and device flows are public clients: they send no secret (a secret there
    // makes Microsoft answer AADSTS700025). The app flow and other providers authenticate the
    // client: a signed assertion when a certificate is set, else the secret when there is one
    // (Google's desktop clients come with a secret that it expects).
    const bool publicMicrosoft =
        m_settings.provider == OAuthProvider::Microsoft && m_settings.flow != OAuthFlow::App;
    if (clientAuth && !publicMicrosoft) {
        if (m_certificate) {
            auto assertion = makeClientAssertion(*m_certificate, m_settings.clientId, url.toString(),
                                                 QDateTime::currentDateTimeUtc());
            if (!assertion) {
                OAuthError e;
                e.kind = OAuthError::Kind::Configuration;
                e.detail = assertion.error().message;
                QMetaObject::invokeMethod(
                    this, [reply, e] { reply(e); }, Qt::QueuedConnection);
                return;
            }
            fields.append({QStringLiteral("client_assertion_type"),
                           QStringLiteral("urn:ietf:params:oauth:client-assertion-type:jwt-bearer")});
            fields.append({QStringLiteral("client_assertion"), QString::fromLatin1(assertion.value())});
        } else if (!m_clientSecret.isEmpty()) {
            fields.append({QStringLiteral("client_secret"), m_clientSecret});
        }
    }
    if (!url.isValid() || !(url.scheme() == u"https" || url.scheme() == u"http")) {
        OAuthError e;
        e.kind = OAuthError::Kind::Configuration;
        e.detail = tr("the OAuth endpoint address \"%1\" is not an http(s) URL").arg(url.toString());
        QMetaObject::invokeMethod(
            this, [reply, e] { reply(e); }, Qt::QueuedConnection);
        return;
    }
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader,
                      QByteArrayLiteral("application/x-www-form-urlencoded"));
    request.setRawHeader("Accept", "application/json");
    request.setTransferTimeout(kTransferTimeoutMs);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    QNetworkReply* r = m_nam->post(request, formEncode(fields));
    r->setParent(this);
    connect(r, &QNetworkReply::finished, this, [r, reply = std::move(reply)] {
        r->deleteLater();
        const int status = r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray body = r->readAll();
        if (status == 0) {
            OAuthError e;
            e.kind = OAuthError::Kind::Network;
            e.detail = tr("no answer from %1: %2").arg(r->url().host(), r->errorString());
            reply(e);
            return;
        }
        QJsonParseError parseError{};
        const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
        if (status >= 200 && status < 300 && doc.isObject()) {
            reply(doc.object());
            return;
        }
        // Errors come as 400/401 with a JSON body; anything else is a server failure.
        reply(parseTokenError(status, body));
    });
}

} // namespace outbound
