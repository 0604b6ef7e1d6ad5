#include "GuiText.h"
#include "MainWindow.h"
#include "ScreenshotTool.h"
#include "common/Database.h"
#include "settings/SettingsStore.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLibraryInfo>
#include <QLocale>
#include <QMessageBox>
#include <QTranslator>

using namespace outbound;

namespace {

// Outbound's own strings from the resources, and Qt's (dialog buttons and the like) from the system.
void installTranslations(QApplication& app)
{
    const QLocale locale;
    auto* own = new QTranslator(&app);
    if (own->load(locale, QStringLiteral("outbound"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QApplication::installTranslator(own);
    auto* qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(qt);
}

} // namespace

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
    installTranslations(app);

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
    parser.addOption(dbOption);
    parser.addOption(screenshotOption);
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
    return app.exec();
}
