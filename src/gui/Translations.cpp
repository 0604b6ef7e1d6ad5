#include "Translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

namespace outbound::gui {

namespace {

// Core code translates some strings through small helper functions, whose context lupdate
// records as the enclosing namespace or class ("outbound", "outbound::MailSettings") while the
// call at run time names a short context ("MailSettings"). This looks in those places too.
class ContextFallbackTranslator final : public QTranslator
{
public:
    explicit ContextFallbackTranslator(QObject* parent) : QTranslator(parent) {}

    QString translate(const char* context, const char* sourceText, const char* disambiguation,
                      int n) const override
    {
        QString text = QTranslator::translate(context, sourceText, disambiguation, n);
        if (!text.isEmpty() || context == nullptr)
            return text;
        const QByteArray name(context);
        for (const QByteArray& fallback : {QByteArray("outbound::") + name,
                                           QByteArray("outbound::gui::") + name, QByteArray("outbound")}) {
            text = QTranslator::translate(fallback.constData(), sourceText, disambiguation, n);
            if (!text.isEmpty())
                return text;
        }
        return text;
    }
};

} // namespace

bool installTranslations(const QLocale& locale)
{
    auto* app = QCoreApplication::instance();
    // English plural forms first, so the locale's own translation (installed later) wins.
    auto* plurals = new ContextFallbackTranslator(app);
    if (plurals->load(QStringLiteral(":/i18n/outbound_en.qm")))
        QCoreApplication::installTranslator(plurals);
    else
        delete plurals;
    auto* own = new ContextFallbackTranslator(app);
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
