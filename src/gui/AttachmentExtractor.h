#pragma once

#include <QByteArray>
#include <QList>

namespace outbound::gui {

// The decoded bytes of every part a message marks as an attachment (Content-Disposition:
// attachment), in the order they appear, which is the order of MessageDetail::attachmentInfo.
// The queue keeps attachments only inside the built message, so they are read back from it.
// Slow for large messages: call it off the GUI thread.
QList<QByteArray> extractAttachments(const QByteArray& rawMessage);

} // namespace outbound::gui
