#include "common/Database.h"
#include "settings/SettingsStore.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLabel>
#include <QMainWindow>
#include <QMessageBox>

using namespace outbound;

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("outbound"));
    QApplication::setApplicationDisplayName(QStringLiteral("Outbound"));
    QApplication::setApplicationVersion(QStringLiteral(OUTBOUND_VERSION));

    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dbOption(QStringLiteral("db"), QApplication::translate("main", "Database file."),
                                      QStringLiteral("PATH"));
    parser.addOption(dbOption);
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

    QMainWindow window;
    window.setWindowTitle(QStringLiteral("Outbound"));
    window.setCentralWidget(new QLabel(QApplication::translate("main", "Database: %1").arg(dbPath)));
    window.resize(900, 600);
    window.show();
    return app.exec();
}
