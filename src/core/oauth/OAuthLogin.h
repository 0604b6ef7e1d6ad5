#pragma once

#include "oauth/OAuthTypes.h"
#include "settings/MailSettings.h"

#include <QObject>
#include <QUrl>
#include <memory>

class QTimer;

namespace outbound {

class LoopbackReceiver;
class TokenClient;

// One interactive sign-in with the configured flow; on success the token set is stored
// (TokenStore::storeLogin) and succeeded() carries the account. Touches the database at start
// (client secret, certificate) and at the end: run it where SQL is allowed (CLI, a worker thread).
class OAuthLogin : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OAuthLogin)

public:
    explicit OAuthLogin(const MailSettings& settings, QObject* parent = nullptr);
    ~OAuthLogin() override;

    // flow overrides oauth.flow (the CLI's --device). browserTimeoutMs: how long the loopback
    // listener waits for the browser (5 minutes).
    void start(OAuthFlow flow, int browserTimeoutMs = 5 * 60 * 1000);
    void cancel();

    // PKCE (RFC 7636): a 43-character verifier from the system's random source, S256 challenge.
    static QString makeVerifier();
    static QString challengeFor(const QString& verifier);

Q_SIGNALS:
    // Browser flow: open this address in the system browser.
    void authorizeUrlReady(const QUrl& url);
    // Device flow: show the code and the address; the person approves elsewhere.
    void deviceCodeReady(const QString& userCode, const QUrl& verificationUri, int expiresInSeconds);
    void succeeded(const QString& account);
    void failed(const outbound::OAuthError& error);

private:
    void startBrowser(int timeoutMs);
    void startDevice();
    void startApp();
    void poll();
    void complete(const Result<QJsonObject, OAuthError>& reply);
    void fail(OAuthError error);

    MailSettings m_settings;
    std::unique_ptr<TokenClient> m_client;
    std::optional<OAuthError> m_setupError;
    LoopbackReceiver* m_receiver = nullptr;
    QTimer* m_pollTimer;
    QString m_verifier;
    QString m_state;
    QString m_deviceCode;
    int m_intervalSeconds = 5;
    QDateTime m_deviceDeadline;
    bool m_done = false;
};

} // namespace outbound
