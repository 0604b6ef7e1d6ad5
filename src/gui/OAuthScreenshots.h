#pragma once

#include <QNetworkAccessManager>
#include <QObject>
#include <QString>
#include <QUrl>

namespace outbound::gui {

class MainWindow;

// The "browser" of the screenshot demo: fetches the sign-in address and follows the redirect to the
// loopback listener, so the browser flow completes without a real browser.
class OAuthDemoBrowser : public QObject
{
    Q_OBJECT

public:
    bool enabled = false;

public Q_SLOTS:
    void openUrl(const QUrl& url);

private:
    QNetworkAccessManager m_nam;
};

// Saves a picture of the Sign-in group in each OAuth state for docs/screenshots (driven by
// scripts/oauth-screenshots.sh against the mock authorization server), then quits.
class OAuthScreenshots
{
public:
    static void run(MainWindow* window, const QString& directory);
};

} // namespace outbound::gui
