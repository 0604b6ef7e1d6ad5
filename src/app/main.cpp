#include "DatabaseOpener.h"
#include "GuiText.h"
#include "MainWindow.h"
#include "OAuthScreenshots.h"
#include "OpenDatabaseDialog.h"
#include "ScreenshotTool.h"
#include "Translations.h"
#include "common/Database.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>
#include <QPalette>
#include <cstdlib>

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
    // OUTBOUND_PALETTE=dark: Fusion with a dark palette, to check the window the way a dark desktop
    // theme shows it (the screenshots use it; colours must come from the palette).
    if (qEnvironmentVariable("OUTBOUND_PALETTE") == u"dark") {
        QApplication::setStyle(QStringLiteral("Fusion"));
        QPalette dark;
        dark.setColor(QPalette::Window, QColor(0x2b, 0x2e, 0x33));
        dark.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
        dark.setColor(QPalette::Base, QColor(0x1e, 0x21, 0x25));
        dark.setColor(QPalette::AlternateBase, QColor(0x26, 0x29, 0x2e));
        dark.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
        dark.setColor(QPalette::Button, QColor(0x33, 0x37, 0x3d));
        dark.setColor(QPalette::ButtonText, QColor(0xe6, 0xe6, 0xe6));
        dark.setColor(QPalette::ToolTipBase, QColor(0x33, 0x37, 0x3d));
        dark.setColor(QPalette::ToolTipText, QColor(0xe6, 0xe6, 0xe6));
        dark.setColor(QPalette::PlaceholderText, QColor(0x9a, 0xa0, 0xa6));
        dark.setColor(QPalette::Highlight, QColor(0x3d, 0x7a, 0xc4));
        dark.setColor(QPalette::HighlightedText, Qt::white);
        dark.setColor(QPalette::Link, QColor(0x7c, 0xb4, 0xf0));
        dark.setColor(QPalette::Light, QColor(0x4a, 0x4f, 0x56));
        dark.setColor(QPalette::Midlight, QColor(0x3d, 0x42, 0x48));
        dark.setColor(QPalette::Mid, QColor(0x25, 0x28, 0x2c));
        dark.setColor(QPalette::Dark, QColor(0x1a, 0x1c, 0x1f));
        dark.setColor(QPalette::Shadow, QColor(0x10, 0x11, 0x13));
        dark.setColor(QPalette::Disabled, QPalette::Text, QColor(0x80, 0x80, 0x80));
        dark.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x80, 0x80, 0x80));
        dark.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x80, 0x80, 0x80));
        QApplication::setPalette(dark);
    }

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Outbound email settings and mail queue."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dbOption(
        QStringLiteral("db"),
        QApplication::translate("main", "Database: a file, or a postgresql://, mariadb:// or "
                                        "itflow+mariadb:// address (also $OUTBOUND_DB)."),
        QStringLiteral("PATH|URL"));
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
    if (auto s = gui::DatabaseOpener::open(dbPath); !s) {
        if (s.error().key == gui::DatabaseOpener::kCancelled)
            std::_Exit(3); // a connection attempt may still run on its thread: leave without waiting
        QMessageBox::critical(nullptr, QStringLiteral("Outbound"), s.error().message);
        return 3;
    }

    // For File › Open Database…'s list; a server address has no password (DatabaseUrl refuses one).
    gui::OpenDatabaseDialog::rememberDatabase(dbPath);
    gui::MainWindow window;
    window.show();
    if (parser.isSet(screenshotOption))
        gui::ScreenshotTool::run(&window, parser.value(screenshotOption));
    else if (parser.isSet(oauthScreenshotOption))
        gui::OAuthScreenshots::run(&window, parser.value(oauthScreenshotOption));
    return app.exec();
}
