#include "OAuthScreenshots.h"

#include "MailSettingsPage.h"
#include "MainWindow.h"
#include "oauth/TokenStore.h"

#include <QApplication>
#include <QComboBox>
#include <QDesktopServices>
#include <QDir>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPushButton>
#include <QTimer>
#include <cstdio>
#include <functional>

namespace outbound::gui {

namespace {

struct Steps
{
    MainWindow* window;
    QString directory;
    OAuthDemoBrowser* browser;
    MailSettingsPage* page;

    template <typename T> T* find(const char* name) const { return page->findChild<T*>(QLatin1String(name)); }
    void save(const QString& name) const
    {
        auto* group = find<QGroupBox>("signInGroup");
        const QString path = QDir(directory).filePath(name);
        if (!group->grab().save(path))
            std::fprintf(stderr, "outbound: could not write %s\n", qPrintable(path));
        else
            std::fprintf(stdout, "%s\n", qPrintable(path));
    }
    void select(const char* combo, const QString& value) const
    {
        auto* c = find<QComboBox>(combo);
        c->setCurrentIndex(c->findData(value));
    }
};

void after(int ms, QObject* context, std::function<void()> step)
{
    QTimer::singleShot(ms, context, std::move(step));
}

} // namespace

void OAuthDemoBrowser::openUrl(const QUrl& url)
{
    if (!enabled)
        return; // leaves the window waiting for the browser, for that picture
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    QNetworkReply* reply = m_nam.get(request);
    connect(reply, &QNetworkReply::finished, reply, &QObject::deleteLater);
}

void OAuthScreenshots::run(MainWindow* window, const QString& directory)
{
    QDir().mkpath(directory);
    window->resize(1360, 1080);
    window->showPage(MainWindow::SettingsPage);
    auto* browser = new OAuthDemoBrowser;
    browser->setParent(window);
    QDesktopServices::setUrlHandler(QStringLiteral("http"), browser, "openUrl");
    auto s = std::make_shared<Steps>(Steps{window, directory, browser, window->settingsPage()});

    // 1. Microsoft 365 with a password: the warning with the date and the switch.
    after(1500, window, [s] {
        s->select("authCombo", QStringLiteral("login"));
        after(1500, s->window, [s] {
            s->save(QStringLiteral("oauth-1-password-warning.png"));
            // 2. One click to OAuth: not signed in yet.
            s->find<QPushButton>("switchToOAuthButton")->click();
            after(500, s->window, [s] {
                s->save(QStringLiteral("oauth-2-not-signed-in.png"));
                // 3. Browser flow waiting for the browser.
                s->find<QPushButton>("oauthSignInButton")->click();
                after(1500, s->window, [s] {
                    s->save(QStringLiteral("oauth-3-waiting-for-browser.png"));
                    s->find<QPushButton>("oauthCancelButton")->click();
                    // 4. Device flow: the code, large, with its copy button.
                    after(800, s->window, [s] {
                        s->select("oauthFlowCombo", QStringLiteral("device"));
                        s->find<QPushButton>("oauthSignInButton")->click();
                        after(1500, s->window, [s] {
                            s->save(QStringLiteral("oauth-4-device-code.png"));
                            // 5. Approved on the other device: signed in.
                            after(4000, s->window, [s] {
                                s->save(QStringLiteral("oauth-5-signed-in.png"));
                                // 6. The provider refused the refresh token: sign-in needed.
                                (void)TokenStore::markSignInNeeded(QStringLiteral("invalid_grant"));
                                s->page->load();
                                after(1500, s->window, [s] {
                                    s->save(QStringLiteral("oauth-6-sign-in-needed.png"));
                                    // 7. App flow with a certificate that expires soon.
                                    s->select("oauthFlowCombo", QStringLiteral("app"));
                                    s->find<QLineEdit>("oauthCertificateEdit")
                                        ->setText(qEnvironmentVariable("OUTBOUND_SCREENSHOT_CERTIFICATE"));
                                    after(800, s->window, [s] {
                                        s->save(QStringLiteral("oauth-7-app-certificate.png"));
                                        s->page->revert(); // no unsaved-changes question on the way out
                                        QApplication::quit();
                                    });
                                });
                            });
                        });
                    });
                });
            });
        });
    });
}

} // namespace outbound::gui
