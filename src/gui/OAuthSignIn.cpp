#include "OAuthSignIn.h"

#include "common/Database.h"
#include "oauth/OAuthLogin.h"

#include <QDesktopServices>
#include <QThread>

namespace outbound::gui {

OAuthSignIn::OAuthSignIn(QObject* parent) : QObject(parent)
{
    qRegisterMetaType<outbound::OAuthError>();
}

OAuthSignIn::~OAuthSignIn()
{
    if (m_login)
        QMetaObject::invokeMethod(m_login, &OAuthLogin::cancel, Qt::BlockingQueuedConnection);
    finish();
}

void OAuthSignIn::start(const MailSettings& settings)
{
    if (m_thread)
        return;
    m_thread = new QThread;
    m_thread->setObjectName(QStringLiteral("outbound-oauth-sign-in"));
    auto* login = new OAuthLogin(settings);
    login->moveToThread(m_thread);
    m_login = login;
    connect(m_thread, &QThread::finished, login, &QObject::deleteLater);
    connect(login, &OAuthLogin::authorizeUrlReady, this, [this](const QUrl& url) {
        QDesktopServices::openUrl(url);
        Q_EMIT browserOpened(url);
    });
    connect(login, &OAuthLogin::deviceCodeReady, this, &OAuthSignIn::deviceCodeReady);
    connect(login, &OAuthLogin::succeeded, this, [this](const QString& account) {
        finish();
        Q_EMIT succeeded(account);
    });
    connect(login, &OAuthLogin::failed, this, [this](const OAuthError& error) {
        finish();
        Q_EMIT failed(error);
    });
    m_thread->start();
    const OAuthFlow flow = settings.oauth.flow;
    QMetaObject::invokeMethod(
        login, [login, flow] { login->start(flow); }, Qt::QueuedConnection);
}

void OAuthSignIn::cancel()
{
    if (m_login)
        QMetaObject::invokeMethod(m_login, &OAuthLogin::cancel, Qt::QueuedConnection);
}

void OAuthSignIn::finish()
{
    if (!m_thread)
        return;
    if (m_login) {
        m_login->disconnect(this);
        // The login's SQL connection belongs to its thread: close it there.
        QMetaObject::invokeMethod(
            m_login, [] { Database::closeThreadConnection(); }, Qt::BlockingQueuedConnection);
    }
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
}

} // namespace outbound::gui
