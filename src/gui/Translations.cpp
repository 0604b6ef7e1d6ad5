#include "Translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

namespace outbound::gui {

bool installTranslations(const QLocale& locale)
{
    auto* app = QCoreApplication::instance();
    // English plural forms first, so the locale's own translation (installed later) wins.
    auto* plurals = new QTranslator(app);
    if (plurals->load(QStringLiteral(":/i18n/outbound_en.qm")))
        QCoreApplication::installTranslator(plurals);
    else
        delete plurals;
    auto* own = new QTranslator(app);
    const bool found =
        own->load(locale, QStringLiteral("outbound"), QStringLiteral("_"), QStringLiteral(":/i18n"));
    if (found)
        QCoreApplication::installTranslator(own);
    else
        delete own;
    auto* qt = new QTranslator(app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;
    return found;
}

} // namespace outbound::gui
