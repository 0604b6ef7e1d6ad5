#pragma once

#include "common/Result.h"

#include <QLatin1String>
#include <QString>
#include <optional>

class QProgressDialog;

namespace outbound::gui {

// Opens the window's database before the window exists, without SQL or network on the GUI
// thread: the connection, the schema checks and the settings tables are done on a thread of
// their own while a small dialog says what is being opened (after a moment, so a local file opens
// without a flash). A server asking for a password it has in no password file gets it through a
// dialog; the typed password lives in this process's memory only.
class DatabaseOpener
{
public:
    // The user pressed Cancel: the caller leaves at once (a connection attempt still running on its
    // thread cannot be stopped, and nothing has been written).
    static constexpr QLatin1String kCancelled{"gui.open.cancelled"};

    static Status open(const QString& address);
    // The dialog shown while waiting (tests look at it), or nullptr.
    static QProgressDialog* progressDialog();

private:
    static Status attempt(const QString& address, const QString& shown,
                          const std::optional<QString>& password);
};

} // namespace outbound::gui
