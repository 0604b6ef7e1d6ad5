#pragma once

#include <QDialog>
#include <functional>
#include <memory>

namespace Ui {
class OpenDatabaseDialog;
}

namespace outbound::gui {

// File › Open Database…: a database file (typed or browsed) or a server address
// (postgresql://, mariadb://, mysql://, itflow+mariadb://), with the recently opened ones.
//
// The window stays bound to the database it started with (its store threads, worker and watchers
// all hold connections to it), so the chosen database opens in a new Outbound process
// (MainWindow::openDatabase()). Addresses never carry a password: DatabaseUrl refuses one, and
// the new process asks for it with its own password dialog when the server wants one.
class OpenDatabaseDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OpenDatabaseDialog)

public:
    explicit OpenDatabaseDialog(QWidget* parent = nullptr);
    ~OpenDatabaseDialog() override;

    // The chosen database as `--db` takes it: an absolute file path, or the server address in
    // its normal form. Empty while the input is not valid.
    QString address() const;
    // Why the input is not valid (empty when it is); the core's own words for a bad address.
    QString problem() const;

    // The recently opened databases, newest first (QSettings "database/recent"; never a password).
    static QStringList recentDatabases();
    // Puts `address` first in that list (at most 8 kept). An address with a password is never
    // stored; a file is stored as its absolute path.
    static void rememberDatabase(const QString& address);

    // Tests replace the file picker (a native dialog cannot be driven).
    using FilePicker = std::function<QString(const QString& startPath)>;
    void setFilePicker(FilePicker picker) { m_filePicker = std::move(picker); }

private:
    void validate();
    void browse();
    void useRecent(const QString& address);

    std::unique_ptr<Ui::OpenDatabaseDialog> ui;
    FilePicker m_filePicker;
    QString m_address;
    QString m_problem;
};

} // namespace outbound::gui
