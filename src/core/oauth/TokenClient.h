#pragma once

#include "oauth/ClientAssertion.h"
#include "oauth/OAuthTypes.h"
#include "settings/MailSettings.h"

#include <QJsonObject>
#include <QObject>
#include <QUrl>
#include <functional>
#include <optional>

class QNetworkAccessManager;

namespace outbound {

// The token endpoint and the device authorization endpoint over QNetworkAccessManager.
//
// Why not Qt NetworkAuth (6.4): QOAuth2AuthorizationCodeFlow has no PKCE (added in 6.8) and no
// device flow (6.9); QOAuthHttpServerReplyHandler listens on every interface unless told
// otherwise and decodes the code twice; and token-endpoint HTTP errors only reach a log line, so
// invalid_grant or an AADSTS code never arrives as a value. The requests are small form POSTs,
// so doing them directly costs less than working around all of that, and every error becomes an
// OAuthError the worker and the diagnosis can decide on.
class TokenClient : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TokenClient)

public:
    using Reply = std::function<void(const Result<QJsonObject, OAuthError>&)>;

    // clientSecret: oauth.client_secret (may be empty). certificate: the app flow's credential.
    TokenClient(OAuthSettings settings, QString clientSecret, std::optional<ClientCertificate> certificate,
                QObject* parent = nullptr);
    ~TokenClient() override;

    void exchangeCode(const QString& code, const QString& redirectUri, const QString& verifier, Reply reply);
    void refresh(const QString& refreshToken, Reply reply);
    void clientCredentials(Reply reply);
    void deviceAuthorize(Reply reply);
    void devicePoll(const QString& deviceCode, Reply reply);
    void cancel(); // aborts what is in flight; no reply comes for it

    const OAuthSettings& settings() const { return m_settings; }
    // application/x-www-form-urlencoded (RFC 6749 appendix B), every reserved byte escaped.
    static QByteArray formEncode(const QList<std::pair<QString, QString>>& fields);

private:
    void post(const QUrl& url, QList<std::pair<QString, QString>> fields, bool clientAuth, Reply reply);

    OAuthSettings m_settings;
    QString m_clientSecret;
    std::optional<ClientCertificate> m_certificate;
    QNetworkAccessManager* m_nam;
};

} // namespace outbound
