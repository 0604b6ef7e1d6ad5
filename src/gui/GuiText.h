#pragma once

#include "queue/QueueTypes.h"
#include "settings/MailSettings.h"
#include "smtp/SmtpTypes.h"

#include <QColor>
#include <QIcon>
#include <QPalette>
#include <QString>

namespace outbound::gui {

// Display names, colours and icons shared by the pages (translated here so the GUI does not depend
// on which core part provides its own display helpers).
QString statusName(MessageStatus status);
QString statusDescription(MessageStatus status);
QIcon statusIcon(MessageStatus status);
// Colours follow the palette (KColorScheme's idea): a hue per meaning, its lightness chosen so the
// text stays readable (contrast >= 4.5:1) on the palette's base, light or dark.
QColor statusColor(MessageStatus status, const QPalette& palette = QPalette());
QColor errorColor(const QPalette& palette = QPalette());
QColor warningColor(const QPalette& palette = QPalette());
// `hue` made readable on `background` by moving its lightness only.
QColor readableOn(const QColor& hue, const QColor& background);
double contrastRatio(const QColor& a, const QColor& b);
// The style sheet of a warning banner: a tint of the palette's base, the palette's text.
QString warningBannerStyle(const QPalette& palette = QPalette());
// The style sheet of a calm information banner: a tint of the palette's highlight on its window
// colour, the palette's text (no fixed colours, so light and dark themes both read well).
QString infoBannerStyle(const QPalette& palette = QPalette());
QString categoryName(Category category);
QString encryptionName(Encryption encryption);
QString authMethodName(AuthMethod method);
QString phaseName(SmtpPhase phase);
// A failure in the window's language, built from its typed form (kind, phase, reply codes, the
// facts the engine recorded), never from the text stored with it: a worker in another language
// (the CLI, a German or an English window) wrote that text. The server's own words stay as sent.
// Empty when the typed form alone does not say enough (a message the engine refused to send, an
// OAuth step): callers then show the stored text.
QString errorSentence(const SmtpError& error);
// One line for the table and the detail pane's headline: "Recipient (RCPT TO): 550 5.1.1 user
// unknown", or the phase and errorSentence(); `stored` when the typed form does not say enough.
QString errorLine(const SmtpError& error, const QString& stored);
const QList<MessageStatus>& allStatuses();
// The label of the window's field for a setting ("Encryption" for smtp.encryption).
QString settingLabel(SettingKey key);
// Core hints and errors name settings as the command line does ("Set smtp.encryption to tls");
// this rewrites those names into the window's field labels ("Set Encryption to TLS").
QString windowWording(const QString& text);
// Registers the icons and translations compiled into the GUI library (call before using them).
void initResources();
qint64 statusCount(const QueueStats& stats, MessageStatus status);

} // namespace outbound::gui
