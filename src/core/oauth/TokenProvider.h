#pragma once

#include "oauth/OAuthTypes.h"
#include "settings/MailSettings.h"

#include <QObject>
#include <functional>
#include <memory>

class QTimer;

namespace outbound {

class TokenClient;

// Hands out an access token that stays valid for a while, refreshing it when it is close to expiry
// (a few minutes before; half the lifetime for short-lived tokens). Asynchronous: it runs on the
// thread it lives on (the queue worker's, or the CLI's) and never blocks that thread's event loop.
// Shared with other processes through TokenStore's lease and version.
class TokenProvider : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TokenProvider)

public:
    using Callback = std::function<void(const Result<QString, OAuthError>&)>;

    // Reads oauth.client_secret and the certificate (app flow) on construction: call on a thread
    // that may touch the database.
    explicit TokenProvider(const MailSettings& settings, QObject* parent = nullptr);
    ~TokenProvider() override;

    // Calls back with a usable access token. force: the last token was refused; refresh unless
    // another process already did since that token was handed out.
    void requestToken(bool force, Callback callback);
    // The token handed out most recently and until when it is valid (for reuse decisions).
    QDateTime tokenExpiresAt() const { return m_expiresAt; }
    // Token refreshes this provider did itself (the worker reports it).
    int refreshCount() const { return m_refreshes; }
    // Whether requestToken would answer at once without a refresh.
    bool hasFreshToken() const;

    static constexpr int kLeaseSeconds = 90;
    static constexpr int kLeaseRetryMs = 150;

private:
    void attempt();
    void finish(const Result<QString, OAuthError>& result);
    bool answerFromStore(bool leaseHeld);

    MailSettings m_settings;
    std::unique_ptr<TokenClient> m_client;
    std::optional<OAuthError> m_setupError;
    QString m_holder;
    QList<Callback> m_waiting;
    bool m_busy = false;
    bool m_force = false;
    qint64 m_handedVersion = -1; // the version of the token set the last token came from
    QString m_token;
    QDateTime m_expiresAt;
    QDateTime m_lastRenewed;
    QTimer* m_retry;
    QDateTime m_leaseDeadline;
    int m_refreshes = 0;
};

} // namespace outbound
