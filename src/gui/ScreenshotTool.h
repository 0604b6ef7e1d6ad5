#pragma once

#include <QString>

namespace outbound::gui {

class MainWindow;

// Saves PNGs of the settings page, the queue page and the test-send dialog for the docs, then
// quits the application. Driven by timers so the pages have loaded their data first.
class ScreenshotTool
{
public:
    static void run(MainWindow* window, const QString& directory);
};

} // namespace outbound::gui
