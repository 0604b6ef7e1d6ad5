#pragma once

#include <QLocale>

namespace outbound::gui {

// Installs Outbound's translation for `locale` (from the resources, :/i18n/outbound_<lang>.qm)
// and Qt's own (qtbase_<lang>.qm from the system). Returns whether Outbound's was found.
bool installTranslations(const QLocale& locale = QLocale());

} // namespace outbound::gui
