#include "GuiText.h"
#include "MainWindow.h"
#include "OAuthScreenshots.h"
#include "ScreenshotTool.h"
#include "Translations.h"
#include "common/Database.h"
#include "settings/SettingsStore.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>

using namespace outbound;

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("outbound"));
    QApplication::setOrganizationName(QStringLiteral("outbound"));
    QApplication::setApplicationDisplayName(QStringLiteral("Outbound"));
    QApplication::setApplicationVersion(QStringLiteral(OUTBOUND_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("io.github.outbound.Outbound"));
    gui::initResources();
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/outbound.svg")));
    gui::installTranslations();

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Outbound email settings and mail queue."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dbOption(QStringLiteral("db"), QApplication::translate("main", "Database file."),
                                      QStringLiteral("PATH"));
    const QCommandLineOption screenshotOption(
        QStringLiteral("screenshot"),
        QApplication::translate("main", "Save screenshots of each page into DIR, then quit."),
        QStringLiteral("DIR"));
    const QCommandLineOption oauthScreenshotOption(
        QStringLiteral("screenshot-oauth"),
        QApplication::translate("main", "Save screenshots of each OAuth sign-in state into DIR, then quit."),
        QStringLiteral("DIR"));
    parser.addOption(dbOption);
    parser.addOption(screenshotOption);
    parser.addOption(oauthScreenshotOption);
    parser.process(app);

    const QString dbPath = Database::resolvePath(parser.value(dbOption));
    if (auto s = Database::initialize(dbPath); !s) {
        QMessageBox::critical(nullptr, QStringLiteral("Outbound"), s.error().message);
        return 3;
    }
    if (auto s = SettingsStore::ensureSchema(); !s) {
        QMessageBox::critical(nullptr, QStringLiteral("Outbound"), s.error().message);
        return 3;
    }

    gui::MainWindow window;
    window.show();
    if (parser.isSet(screenshotOption))
        gui::ScreenshotTool::run(&window, parser.value(screenshotOption));
    else if (parser.isSet(oauthScreenshotOption))
        gui::OAuthScreenshots::run(&window, parser.value(oauthScreenshotOption));
    return app.exec();
}
