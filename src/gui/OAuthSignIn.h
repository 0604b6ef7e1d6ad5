#pragma once

#include "oauth/OAuthTypes.h"
#include "settings/MailSettings.h"

#include <QObject>
#include <QPointer>
#include <QUrl>

class QThread;

namespace outbound {
class OAuthLogin;
}

namespace outbound::gui {

// Runs one OAuthLogin on its own thread (it reads the client secret and stores the tokens, which
// must not happen on the GUI thread) and relays what it reports. The browser is opened with
// QDesktopServices on the GUI thread.
class OAuthSignIn : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OAuthSignIn)

public:
    explicit OAuthSignIn(QObject* parent = nullptr);
    ~OAuthSignIn() override;

    bool isRunning() const { return m_thread != nullptr; }
    void start(const MailSettings& settings);
    void cancel();

Q_SIGNALS:
    void deviceCodeReady(const QString& userCode, const QUrl& verificationUri, int expiresInSeconds);
    void browserOpened(const QUrl& url);
    void succeeded(const QString& account);
    void failed(const outbound::OAuthError& error);

private:
    void finish();

    QThread* m_thread = nullptr;
    QPointer<OAuthLogin> m_login;
};

} // namespace outbound::gui
