#pragma once

#include "queue/QueueTypes.h"
#include "settings/MailSettings.h"
#include "smtp/SmtpTypes.h"

#include <QColor>
#include <QIcon>
#include <QString>

namespace outbound::gui {

// Display names, colours and icons shared by the pages (translated here so the GUI does not depend
// on which core part provides its own display helpers).
QString statusName(MessageStatus status);
QString statusDescription(MessageStatus status);
QIcon statusIcon(MessageStatus status);
QColor statusColor(MessageStatus status);
QString categoryName(Category category);
QString encryptionName(Encryption encryption);
QString authMethodName(AuthMethod method);
QString phaseName(SmtpPhase phase);
const QList<MessageStatus>& allStatuses();
// Registers the icons and translations compiled into the GUI library (call before using them).
void initResources();
qint64 statusCount(const QueueStats& stats, MessageStatus status);

} // namespace outbound::gui
