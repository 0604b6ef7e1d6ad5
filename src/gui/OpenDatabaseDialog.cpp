#include "OpenDatabaseDialog.h"

#include "common/Database.h"
#include "common/DatabaseUrl.h"
#include "ui_OpenDatabaseDialog.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>

namespace outbound::gui {

namespace {
const QString kRecentKey = QStringLiteral("database/recent");
constexpr int kRecentKept = 8;

bool looksLikeAddress(const QString& text)
{
    return text.trimmed().contains(QStringLiteral("://"));
}

// The database of this window (and so of this process), by the same normal form.
bool isCurrentDatabase(const QString& address)
{
    const QString current = Database::path();
    if (current.isEmpty())
        return false;
    if (Database::isServer()) {
        const auto url = DatabaseUrl::parse(current);
        return url && url->displayString() == address;
    }
    const QString canonical = QFileInfo(address).canonicalFilePath();
    return !canonical.isEmpty() && canonical == QFileInfo(current).canonicalFilePath();
}
} // namespace

OpenDatabaseDialog::OpenDatabaseDialog(QWidget* parent)
    : QDialog(parent), ui(std::make_unique<Ui::OpenDatabaseDialog>())
{
    ui->setupUi(this);
    ui->fileEdit->setPlaceholderText(Database::resolvePath(QString()));
    ui->problemLabel->setForegroundRole(QPalette::PlaceholderText);
    ui->buttonBox->button(QDialogButtonBox::Open)->setText(tr("&Open in New Window"));
    m_filePicker = [this](const QString& start) {
        // The file need not exist: a new name makes a new, empty database.
        return QFileDialog::getSaveFileName(this, tr("Open Database File"), start,
                                            tr("Outbound databases (*.sqlite *.db);;All files (*)"), nullptr,
                                            QFileDialog::DontConfirmOverwrite);
    };

    for (const QString& address : recentDatabases()) {
        auto* item = new QListWidgetItem(
            isCurrentDatabase(address) ? tr("%1 (this window)").arg(address) : address, ui->recentList);
        item->setToolTip(address);
        item->setData(Qt::UserRole, address);
    }
    if (ui->recentList->count() == 0) {
        ui->recentLabel->setVisible(false);
        ui->recentList->setVisible(false);
    }

    connect(ui->fileRadio, &QRadioButton::toggled, this, &OpenDatabaseDialog::validate);
    connect(ui->fileEdit, &QLineEdit::textChanged, this, [this] {
        ui->fileRadio->setChecked(true);
        validate();
    });
    connect(ui->addressEdit, &QLineEdit::textChanged, this, [this] {
        ui->serverRadio->setChecked(true);
        validate();
    });
    connect(ui->browseButton, &QPushButton::clicked, this, &OpenDatabaseDialog::browse);
    connect(ui->recentList, &QListWidget::currentItemChanged, this, [this](QListWidgetItem* item) {
        if (item != nullptr)
            useRecent(item->data(Qt::UserRole).toString());
    });
    connect(ui->recentList, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
        useRecent(item->data(Qt::UserRole).toString());
        if (!m_address.isEmpty())
            accept();
    });
    connect(ui->buttonBox, &QDialogButtonBox::accepted, this, [this] {
        if (!m_address.isEmpty())
            accept();
    });
    connect(ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    validate();
}

OpenDatabaseDialog::~OpenDatabaseDialog() = default;

QString OpenDatabaseDialog::address() const
{
    return m_address;
}

QString OpenDatabaseDialog::problem() const
{
    return m_problem;
}

void OpenDatabaseDialog::useRecent(const QString& address)
{
    if (looksLikeAddress(address)) {
        ui->addressEdit->setText(address);
        ui->serverRadio->setChecked(true);
    } else {
        ui->fileEdit->setText(address);
        ui->fileRadio->setChecked(true);
    }
    validate();
}

void OpenDatabaseDialog::browse()
{
    const QString current = ui->fileEdit->text().trimmed();
    const QString start =
        current.isEmpty() ? QFileInfo(Database::resolvePath(QString())).absolutePath() : current;
    const QString picked = m_filePicker ? m_filePicker(start) : QString();
    if (!picked.isEmpty())
        ui->fileEdit->setText(QDir::toNativeSeparators(picked));
}

void OpenDatabaseDialog::validate()
{
    m_address.clear();
    m_problem.clear();
    QString note;
    if (ui->fileRadio->isChecked()) {
        const QString text = ui->fileEdit->text().trimmed();
        if (text.isEmpty()) {
            m_problem = tr("Choose a database file, or type its path.");
        } else if (looksLikeAddress(text)) {
            m_problem = tr("That is a server address: choose “A shared database on a server” for it.");
        } else {
            const QFileInfo info(QDir::fromNativeSeparators(text));
            if (info.exists() && !info.isFile()) {
                m_problem = tr("%1 is not a regular file (a folder or a device); choose a database file.")
                                .arg(info.absoluteFilePath());
            } else if (!info.exists() && !info.absoluteDir().exists()) {
                m_problem = tr("The folder %1 does not exist.").arg(info.absolutePath());
            } else {
                m_address = info.absoluteFilePath();
                if (!info.exists())
                    note = tr("There is no database there yet: a new, empty one will be made.");
            }
        }
    } else {
        const QString text = ui->addressEdit->text().trimmed();
        if (text.isEmpty()) {
            m_problem = tr("Type the server's address, e.g. postgresql://outbound@db.example.net/outbound.");
        } else if (!looksLikeAddress(text)) {
            m_problem =
                tr("A server address starts with postgresql://, mariadb://, mysql:// or itflow+mariadb://.");
        } else if (auto url = DatabaseUrl::parse(text); !url) {
            m_problem = url.error().message; // the core's words, as the command line shows them
        } else {
            // The form with its port, as the title and the status bar name it.
            m_address = url->displayString();
        }
    }
    if (!m_address.isEmpty() && isCurrentDatabase(m_address)) {
        m_problem = tr("This window has that database open already.");
        m_address.clear();
    }
    ui->problemLabel->setText(m_problem.isEmpty() ? note : m_problem);
    ui->problemLabel->setForegroundRole(m_problem.isEmpty() ? QPalette::PlaceholderText
                                                            : QPalette::WindowText);
    ui->buttonBox->button(QDialogButtonBox::Open)->setEnabled(!m_address.isEmpty());
}

QStringList OpenDatabaseDialog::recentDatabases()
{
    QStringList recent;
    for (const QString& address : QSettings().value(kRecentKey).toStringList()) {
        // A list edited by hand may hold anything: show only what is safe and valid.
        if (looksLikeAddress(address)) {
            const auto url = DatabaseUrl::parse(address);
            if (url && !recent.contains(url->displayString()))
                recent.append(url->displayString());
        } else if (!address.isEmpty() && !recent.contains(address)) {
            recent.append(address);
        }
    }
    return recent;
}

void OpenDatabaseDialog::rememberDatabase(const QString& address)
{
    QString normal;
    if (looksLikeAddress(address)) {
        const auto url = DatabaseUrl::parse(address); // refuses an address with a password
        if (!url)
            return;
        normal = url->displayString();
    } else if (!address.trimmed().isEmpty()) {
        normal = QFileInfo(address.trimmed()).absoluteFilePath();
    } else {
        return;
    }
    QStringList recent = recentDatabases();
    recent.removeAll(normal);
    recent.prepend(normal);
    while (recent.size() > kRecentKept)
        recent.removeLast();
    QSettings().setValue(kRecentKey, recent);
}

} // namespace outbound::gui
