#pragma once

// Which core parts this build of the GUI links. The GUI sources always compile against the shared
// headers; a part is switched on here once its implementation is on main, so the executable keeps
// linking while the engine, the queue and the diagnosis are still being written.
#define OUTBOUND_GUI_HAVE_ENGINE 1    // TestSendJob (and SmtpSession behind it)
#define OUTBOUND_GUI_HAVE_MIME 1      // buildMessage()
#define OUTBOUND_GUI_HAVE_QUEUE 1     // createSqliteMailStore(), QueueWorker
#define OUTBOUND_GUI_HAVE_DIAGNOSIS 1 // diagnose()
