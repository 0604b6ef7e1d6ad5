#pragma once

#include <QString>

namespace outbound {

// Text from a server or a user (greetings, replies, subjects, error texts, file names) made safe to
// print on a terminal: C0 and C1 control characters (ESC, BEL, CR, ...), DEL, and the Unicode bidi
// overrides and isolates that reorder what a person reads are shown escaped (\x1b; DEL, C1 and bidi
// as \u009b, \u202e, which stay valid inside JSON strings), so no
// server can move the cursor, retitle the window, ring the bell or disguise a line. Tabs stay.
// Line breaks are escaped too: call it on each line of multi-line text.
QString sanitizeForTerminal(const QString& text);

// The same for text that may hold line breaks: each line sanitised, the breaks (\n) kept.
QString sanitizeLinesForTerminal(const QString& text);

} // namespace outbound
