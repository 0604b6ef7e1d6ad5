#include "FakeMailStore.h"
#include "FakeSmtpServer.h"
#include "GuiText.h"
#include "MailQueueModel.h"
#include "MailQueuePage.h"
#include "MailSettingsPage.h"
#include "MainWindow.h"
#include "MessageDetailPane.h"
#include "SafeTextBrowser.h"
#include "TestSendDialog.h"
#include "Translations.h"
#include "common/Database.h"
#include "queue/MailStore.h"
#include "settings/SecretStore.h"
#include "settings/SettingsStore.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSet>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>
#include <QToolButton>
#include <QTranslator>
#include <QXmlStreamReader>
#include <atomic>
#include <unistd.h>

using namespace outbound;
using namespace outbound::gui;

namespace {

template <typename T> T* child(QWidget* parent, const char* name)
{
    auto* w = parent->findChild<T*>(QLatin1String(name));
    if (w == nullptr)
        qFatal("no widget named %s", name);
    return w;
}

void typeInto(QLineEdit* edit, const QString& text)
{
    edit->clear();
    QTest::keyClicks(edit, text);
}

int rowOfStatus(QAbstractItemModel* model, MessageStatus status)
{
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, 0).data(MailQueueModel::StatusRole).toInt() == int(status))
            return row;
    }
    return -1;
}

// Measures the longest pause of the GUI thread's event loop with a 10 ms timer.
class StallMeter : public QObject
{
public:
    StallMeter()
    {
        m_timer.setInterval(10);
        QObject::connect(&m_timer, &QTimer::timeout, this,
                         [this] { m_longest = std::max(m_longest, m_clock.restart()); });
        m_clock.start();
        m_timer.start();
    }
    qint64 longestGapMs() const { return m_longest; }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_longest = 0;
};

} // namespace

class TestGui : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void settingsSaveAndReload();
    void presetFillsFields();
    void overrideShowsInheritedDefault();
    void invalidHostAndPortBlockSave();
    void noEncryptionWithPasswordWarns();
    void detectFillsPortAndEncryption();
    void queueModelPassesTester();
    void queueModelFiltersAndSortsInStore();
    void retryChangesFailedRow();
    void sqliteQueuePageRetriesFailedRow();
    void sendingSwitchDrainsWithLiveUpdates();
    void testSendReportsSuccess();
    void testSendPhaseErrorKeepsWindowResponsive();
    void testSendCancelStopsAtOnce();
    void checkAllSendersNamesRefusedSender();
    void checkAllSendersCancelStopsAtOnce();
    void leavingWithUnsavedChangesAsks();
    void queuePageExplainsEmptyQueue();
    void detailPaneLoadsAndRunsNothing();
    void closingWhileSendingFinishesTheMessage();
    void germanTranslationLoads();
    void windowFitsSmallScreenInGerman();
    void saveWritesOnlyTheChangedFields();
    void outsideChangeReloadsAnUnchangedForm();
    void outsideChangeAsksWhenBothChanged();
    void savingWhileAnotherWriterHoldsTheDatabase();
    void windowSaysWhenTheWorkerAppliedSavedSettings();
    void everySourceStringHasAGermanTranslation();
    void germanWindowShowsNoEnglishErrorText();

private:
    std::unique_ptr<MailSettingsPage> loadedPage();
    QTemporaryDir m_dir;
    int m_dbCounter = 0;
};

void TestGui::initTestCase()
{
    // Window geometry goes to a test location, never to the user's settings.
    QStandardPaths::setTestModeEnabled(true);
    initResources();
    QVERIFY(m_dir.isValid());
}

void TestGui::init()
{
    // A fresh database per test so no test sees another's settings.
    const QString path = m_dir.filePath(QStringLiteral("gui-%1.sqlite").arg(++m_dbCounter));
    QVERIFY(Database::initialize(path).ok());
    QVERIFY(SettingsStore::ensureSchema().ok());
}

std::unique_ptr<MailSettingsPage> TestGui::loadedPage()
{
    auto page = std::make_unique<MailSettingsPage>();
    QSignalSpy loaded(page.get(), &MailSettingsPage::passwordLoaded);
    page->show();
    page->load();
    if (!loaded.wait(5000))
        qWarning("the password was not read in time");
    return page;
}

void TestGui::settingsSaveAndReload()
{
    auto page = loadedPage();
    QVERIFY(page->isPasswordLoaded());
    auto* save = child<QPushButton>(page.get(), "saveButton");
    QVERIFY(!save->isEnabled()); // nothing changed yet

    typeInto(child<QLineEdit>(page.get(), "hostEdit"), QStringLiteral("mail.example.org"));
    child<QSpinBox>(page.get(), "portSpin")->setValue(465);
    auto* encryption = child<QComboBox>(page.get(), "encryptionCombo");
    encryption->setCurrentIndex(encryption->findData(QStringLiteral("tls")));
    typeInto(child<QLineEdit>(page.get(), "usernameEdit"), QStringLiteral("robot@example.org"));
    typeInto(child<QLineEdit>(page.get(), "passwordEdit"), QStringLiteral("s3cret-pass"));
    typeInto(child<QLineEdit>(page.get(), "invoiceEmailEdit"), QStringLiteral("billing@example.org"));
    child<QSpinBox>(page.get(), "maxAttemptsSpin")->setValue(9);
    child<QSpinBox>(page.get(), "timeoutGreetingSpin")->setValue(12);

    QVERIFY2(save->isEnabled(), qPrintable(page->fieldProblem(SettingKey::FromDefaultEmail)));
    QSignalSpy stored(page.get(), &MailSettingsPage::passwordStored);
    QTest::mouseClick(save, Qt::LeftButton);
    QVERIFY(stored.wait(5000));
    QCOMPARE(stored.first().first().toBool(), true);
    QVERIFY(!save->isEnabled());
    QVERIFY(!page->hasUnsavedChanges());

    const auto saved = SettingsStore::load();
    QVERIFY(saved.ok());
    QCOMPARE(saved->host, QStringLiteral("mail.example.org"));
    QCOMPARE(saved->port, 465);
    QVERIFY(saved->encryption == Encryption::Tls);
    QCOMPARE(saved->invoiceSender.email, QStringLiteral("billing@example.org"));
    QCOMPARE(saved->queue.maxAttempts, 9);
    QCOMPARE(saved->timeouts.greeting, 12);

    // A second page reads everything back, the password included (off the GUI thread).
    auto again = loadedPage();
    QCOMPARE(child<QLineEdit>(again.get(), "hostEdit")->text(), QStringLiteral("mail.example.org"));
    QCOMPARE(child<QSpinBox>(again.get(), "portSpin")->value(), 465);
    QCOMPARE(child<QComboBox>(again.get(), "encryptionCombo")->currentData().toString(),
             QStringLiteral("tls"));
    QCOMPARE(child<QLineEdit>(again.get(), "usernameEdit")->text(), QStringLiteral("robot@example.org"));
    QCOMPARE(child<QLineEdit>(again.get(), "passwordEdit")->text(), QStringLiteral("s3cret-pass"));
    QCOMPARE(child<QSpinBox>(again.get(), "maxAttemptsSpin")->value(), 9);
    QVERIFY(!again->hasUnsavedChanges());
    QVERIFY(!child<QLabel>(again.get(), "secretBackendLabel")->text().isEmpty());

    // Revert brings back the saved values.
    typeInto(child<QLineEdit>(again.get(), "hostEdit"), QStringLiteral("other.example.org"));
    QVERIFY(again->hasUnsavedChanges());
    QTest::mouseClick(child<QPushButton>(again.get(), "revertButton"), Qt::LeftButton);
    QCOMPARE(child<QLineEdit>(again.get(), "hostEdit")->text(), QStringLiteral("mail.example.org"));
    QVERIFY(!again->hasUnsavedChanges());
}

void TestGui::presetFillsFields()
{
    auto page = loadedPage();
    auto* combo = child<QComboBox>(page.get(), "presetCombo");
    const int m365 = combo->findData(QStringLiteral("microsoft365"));
    QVERIFY(m365 >= 0);
    combo->setCurrentIndex(m365);
    Q_EMIT combo->activated(m365);
    QCOMPARE(child<QLineEdit>(page.get(), "hostEdit")->text(), QStringLiteral("smtp.office365.com"));
    QCOMPARE(child<QSpinBox>(page.get(), "portSpin")->value(), 587);
    QCOMPARE(child<QComboBox>(page.get(), "encryptionCombo")->currentData().toString(),
             QStringLiteral("starttls"));
    QCOMPARE(child<QSpinBox>(page.get(), "rateSpin")->value(), 30);
    QCOMPARE(child<QSpinBox>(page.get(), "dailyCapSpin")->value(), 10000);
    QVERIFY(child<QLabel>(page.get(), "guidanceLabel")->text().contains(QStringLiteral("5.7.139")));

    const int google = combo->findData(QStringLiteral("google"));
    combo->setCurrentIndex(google);
    Q_EMIT combo->activated(google);
    QCOMPARE(child<QLineEdit>(page.get(), "hostEdit")->text(), QStringLiteral("smtp.gmail.com"));
    QCOMPARE(child<QSpinBox>(page.get(), "dailyCapSpin")->value(), 2000);
    QVERIFY(child<QLabel>(page.get(), "guidanceLabel")->text().contains(QStringLiteral("5.7.9")));

    // Typing a host by hand picks the matching preset in the combo.
    typeInto(child<QLineEdit>(page.get(), "hostEdit"), QStringLiteral("smtp.office365.com"));
    QCOMPARE(combo->currentData().toString(), QStringLiteral("microsoft365"));
}

void TestGui::overrideShowsInheritedDefault()
{
    auto page = loadedPage();
    typeInto(child<QLineEdit>(page.get(), "defaultEmailEdit"), QStringLiteral("office@example.com"));
    typeInto(child<QLineEdit>(page.get(), "defaultNameEdit"), QStringLiteral("Example Office"));
    QCOMPARE(child<QLineEdit>(page.get(), "invoiceEmailEdit")->placeholderText(),
             QStringLiteral("office@example.com"));
    QCOMPARE(child<QLineEdit>(page.get(), "ticketEmailEdit")->placeholderText(),
             QStringLiteral("office@example.com"));
    QCOMPARE(child<QLineEdit>(page.get(), "quoteNameEdit")->placeholderText(),
             QStringLiteral("Example Office"));

    // With no default address, an SMTP user name that is an address is what gets inherited.
    child<QLineEdit>(page.get(), "defaultEmailEdit")->clear();
    typeInto(child<QLineEdit>(page.get(), "usernameEdit"), QStringLiteral("robot@example.com"));
    QCOMPARE(child<QLineEdit>(page.get(), "quoteEmailEdit")->placeholderText(),
             QStringLiteral("robot@example.com"));
    auto* useUsername = child<QPushButton>(page.get(), "useUsernameButton");
    QVERIFY(useUsername->isEnabled());
    QTest::mouseClick(useUsername, Qt::LeftButton);
    QCOMPARE(child<QLineEdit>(page.get(), "defaultEmailEdit")->text(), QStringLiteral("robot@example.com"));
}

void TestGui::invalidHostAndPortBlockSave()
{
    auto page = loadedPage();
    typeInto(child<QLineEdit>(page.get(), "hostEdit"), QStringLiteral("smtp.example.org"));
    typeInto(child<QLineEdit>(page.get(), "usernameEdit"), QStringLiteral("robot@example.org"));
    auto* save = child<QPushButton>(page.get(), "saveButton");
    QVERIFY(save->isEnabled());

    typeInto(child<QLineEdit>(page.get(), "hostEdit"), QStringLiteral("smtp.example.org:587"));
    auto* hostError = child<QLabel>(page.get(), "hostEditError");
    QVERIFY(hostError->isVisible());
    QVERIFY2(hostError->text().contains(QStringLiteral("port")), qPrintable(hostError->text()));
    QVERIFY(!save->isEnabled());
    QVERIFY(!child<QPushButton>(page.get(), "testSendButton")->isEnabled());

    typeInto(child<QLineEdit>(page.get(), "hostEdit"), QStringLiteral("smtp.example.org"));
    QVERIFY(!hostError->isVisible());
    QVERIFY(save->isEnabled());

    child<QSpinBox>(page.get(), "portSpin")->setValue(0);
    auto* portError = child<QLabel>(page.get(), "portSpinError");
    QVERIFY(portError->isVisible());
    QVERIFY2(portError->text().contains(QStringLiteral("65535")), qPrintable(portError->text()));
    QVERIFY(!save->isEnabled());
    QVERIFY(!page->save());
    child<QSpinBox>(page.get(), "portSpin")->setValue(2525);
    QVERIFY(!portError->isVisible());
    QVERIFY(save->isEnabled());

    // A longest retry delay shorter than the first one is refused with its reason.
    child<QSpinBox>(page.get(), "backoffInitialSpin")->setValue(600);
    child<QSpinBox>(page.get(), "backoffMaxSpin")->setValue(60);
    QVERIFY(child<QLabel>(page.get(), "backoffMaxSpinError")->isVisible());
    QVERIFY(!save->isEnabled());
}

void TestGui::noEncryptionWithPasswordWarns()
{
    auto page = loadedPage();
    auto* warning = child<QLabel>(page.get(), "encryptionWarning");
    QVERIFY(!warning->isVisible());
    auto* encryption = child<QComboBox>(page.get(), "encryptionCombo");
    encryption->setCurrentIndex(encryption->findData(QStringLiteral("none")));
    typeInto(child<QLineEdit>(page.get(), "passwordEdit"), QStringLiteral("pw"));
    QVERIFY(warning->isVisible());
    QVERIFY(warning->text().contains(QStringLiteral("password")));
    encryption->setCurrentIndex(encryption->findData(QStringLiteral("starttls")));
    QVERIFY(!warning->isVisible());
}

void TestGui::detectFillsPortAndEncryption()
{
    // A plain-only server (no STARTTLS): the probe finds it and the form switches to it.
    test::FakeSmtpServer server;
    server.setScript(QStringLiteral("S: 220 fake.test ESMTP\n"
                                    "C~ (EHLO|HELO) .*\n"
                                    "S: 250-fake.test\n"
                                    "S: 250 AUTH PLAIN LOGIN\n"
                                    "C: QUIT\n"
                                    "S: 221 bye\n"));
    QVERIFY(server.start());
    auto page = loadedPage();
    typeInto(child<QLineEdit>(page.get(), "hostEdit"), QStringLiteral("127.0.0.1"));
    child<QSpinBox>(page.get(), "portSpin")->setValue(server.port());
    auto* encryption = child<QComboBox>(page.get(), "encryptionCombo");
    QCOMPARE(encryption->currentData().toString(), QStringLiteral("starttls"));

    QSignalSpy finished(page.get(), &MailSettingsPage::detectFinished);
    StallMeter meter;
    QTest::mouseClick(child<QToolButton>(page.get(), "detectButton"), Qt::LeftButton);
    QVERIFY(child<QLabel>(page.get(), "detectResult")->isVisible());
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.first().first().toBool(), true);
    QVERIFY2(meter.longestGapMs() < 1000, qPrintable(QString::number(meter.longestGapMs())));
    QCOMPARE(child<QSpinBox>(page.get(), "portSpin")->value(), int(server.port()));
    QCOMPARE(encryption->currentData().toString(), QStringLiteral("none"));
    const QString result = child<QLabel>(page.get(), "detectResult")->text();
    QVERIFY2(result.contains(QString::number(server.port())), qPrintable(result));
    QCOMPARE(child<QToolButton>(page.get(), "detectButton")->text(), QStringLiteral("Detect"));
}

void TestGui::queueModelPassesTester()
{
    auto data = std::make_shared<FakeQueueData>();
    for (int i = 0; i < 450; ++i)
        data->add(i % 7 == 0 ? MessageStatus::Failed
                             : (i % 3 == 0 ? MessageStatus::Sent : MessageStatus::Queued),
                  QStringLiteral("Invoice %1").arg(i, 4, 10, QLatin1Char('0')));
    QueueStoreThread store([data] { return std::make_unique<FakeMailStore>(data); });
    MailQueueModel model(&store);
    model.setPageSize(100);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);

    QSignalSpy pages(&model, &MailQueueModel::pageLoaded);
    model.reload();
    QVERIFY(pages.wait(5000));
    QCOMPARE(model.rowCount(), 100); // only the first page, not everything
    QTRY_COMPARE(model.totalRows(), qint64(450));
    // Page by page, as a view scrolling down would ask (bounded: 450 rows in pages of 100).
    for (int round = 0; round < 20 && model.rowCount() < 450; ++round) {
        model.fetchMore({});
        QTRY_VERIFY(!model.isLoading());
    }
    QVERIFY(!model.canFetchMore({}));
    QCOMPARE(model.rowCount(), 450);
    QCOMPARE(model.index(0, MailQueueModel::IdColumn).data().toLongLong(), 450); // newest first
    QCOMPARE(model.index(449, MailQueueModel::IdColumn).data().toLongLong(), 1);
    QVERIFY(!model.index(0, MailQueueModel::StatusColumn).data(Qt::DecorationRole).value<QIcon>().isNull());

    // No SQL on the GUI thread: every store call came from the store thread.
    QMutexLocker lock(&data->mutex);
    QVERIFY(!data->callerThreads.isEmpty());
    for (Qt::HANDLE thread : std::as_const(data->callerThreads))
        QVERIFY(thread != QThread::currentThreadId());
}

void TestGui::queueModelFiltersAndSortsInStore()
{
    auto data = std::make_shared<FakeQueueData>();
    for (int i = 0; i < 30; ++i)
        data->add(i % 5 == 0 ? MessageStatus::Failed : MessageStatus::Sent,
                  QStringLiteral("Subject %1").arg(char('a' + i % 26)));
    QueueStoreThread store([data] { return std::make_unique<FakeMailStore>(data); });
    MailQueueModel model(&store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.reload();
    QTRY_COMPARE(model.rowCount(), 30);

    model.setStatusFilter({MessageStatus::Failed});
    QTRY_COMPARE(model.totalRows(), qint64(6));
    QTRY_COMPARE(model.rowCount(), 6);
    for (int row = 0; row < model.rowCount(); ++row)
        QCOMPARE(model.index(row, 0).data(MailQueueModel::StatusRole).toInt(), int(MessageStatus::Failed));

    model.setStatusFilter({});
    model.setSearchText(QStringLiteral("subject b"));
    QTRY_COMPARE(model.totalRows(), qint64(2));

    model.setSearchText(QString());
    model.sort(MailQueueModel::SubjectColumn, Qt::AscendingOrder);
    QTRY_COMPARE(model.rowCount(), 30);
    QCOMPARE(model.index(0, MailQueueModel::SubjectColumn).data().toString(), QStringLiteral("Subject a"));
}

void TestGui::retryChangesFailedRow()
{
    auto data = std::make_shared<FakeQueueData>();
    data->add(MessageStatus::Sent, QStringLiteral("Welcome"));
    data->add(MessageStatus::Failed, QStringLiteral("Invoice 7"));
    data->add(MessageStatus::Queued, QStringLiteral("Quote 3"));
    MailQueuePage page([data] { return std::make_unique<FakeMailStore>(data); });
    page.resize(1200, 800);
    page.show();
    page.activate();
    auto* table = child<QTableView>(&page, "queueTable");
    QTRY_COMPARE(table->model()->rowCount(), 3);

    const int failedRow = rowOfStatus(table->model(), MessageStatus::Failed);
    QVERIFY(failedRow >= 0);
    auto* retry = child<QToolButton>(&page, "retryButton");
    QVERIFY(!retry->isEnabled());
    table->selectRow(failedRow);
    QVERIFY(retry->isEnabled());
    QVERIFY(!child<QToolButton>(&page, "markSentButton")->isEnabled()); // only for interrupted
    QSignalSpy updated(page.model(), &MailQueueModel::rowsUpdated);
    QTest::mouseClick(retry, Qt::LeftButton);
    QTRY_COMPARE(table->model()->index(failedRow, 0).data(MailQueueModel::StatusRole).toInt(),
                 int(MessageStatus::Queued));
    QCOMPARE(table->model()->index(failedRow, MailQueueModel::StatusColumn).data().toString(),
             statusName(MessageStatus::Queued));
    // Only the changed row was reported, not a reset of the table.
    QVERIFY(!updated.isEmpty());
    QCOMPARE(updated.last().first().value<QList<qint64>>(), QList<qint64>{2});

    // Delete asks first; answering no keeps the row.
    int asked = 0;
    page.setConfirm([&](const QString&, const QString&) {
        ++asked;
        return false;
    });
    QTest::mouseClick(child<QToolButton>(&page, "deleteButton"), Qt::LeftButton);
    QCOMPARE(asked, 1);
    QTest::qWait(100);
    QCOMPARE(table->model()->rowCount(), 3);
    page.setConfirm([](const QString&, const QString&) { return true; });
    QTest::mouseClick(child<QToolButton>(&page, "deleteButton"), Qt::LeftButton);
    QTRY_COMPARE(table->model()->rowCount(), 2);
}

void TestGui::sqliteQueuePageRetriesFailedRow()
{
    // The real SQLite store: 250 messages, one of them failed.
    MailSettings settings;
    settings.defaultSender = {QStringLiteral("billing@example.org"), QStringLiteral("Billing")};
    QVERIFY(SettingsStore::save(settings).ok());
    {
        auto store = createSqliteMailStore(settings);
        QList<NewMessage> batch;
        for (int i = 0; i < 250; ++i) {
            NewMessage m;
            m.category = Category::Invoice;
            m.content.to = {MailAddress{QString(), QStringLiteral("customer%1@example.net").arg(i)}};
            m.content.subject = QStringLiteral("Invoice %1").arg(i);
            m.content.text = QStringLiteral("Hello.");
            batch.append(m);
        }
        auto ids = store->enqueueBatch(batch);
        QVERIFY2(ids.ok(), ids.ok() ? "" : qPrintable(ids.error().message));
        QSqlQuery q(Database::connection());
        QVERIFY(q.exec(QStringLiteral("UPDATE messages SET status = 'failed', attempts = 6, due_at = NULL, "
                                      "last_error = 'rcpt: 550 5.1.1 user unknown' WHERE id = 7")));
    }

    MailQueuePage page;
    QAbstractItemModelTester tester(page.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    page.resize(1200, 800);
    page.show();
    page.activate();
    auto* table = child<QTableView>(&page, "queueTable");
    QTRY_VERIFY(table->model()->rowCount() > 0);
    QTRY_COMPARE(page.model()->totalRows(), qint64(250));
    QVERIFY(table->model()->rowCount() <= 250);

    // Filter in SQL: only the failed one.
    auto* filter = child<QComboBox>(&page, "statusFilterCombo");
    filter->setCurrentIndex(filter->findText(statusName(MessageStatus::Failed), Qt::MatchStartsWith));
    QTRY_COMPARE(page.model()->totalRows(), qint64(1));
    QTRY_COMPARE(table->model()->rowCount(), 1);
    QCOMPARE(table->model()->index(0, MailQueueModel::IdColumn).data().toLongLong(), 7);
    QCOMPARE(table->model()->index(0, MailQueueModel::LastErrorColumn).data().toString(),
             QStringLiteral("rcpt: 550 5.1.1 user unknown"));

    table->selectRow(0);
    QTest::mouseClick(child<QToolButton>(&page, "retryButton"), Qt::LeftButton);
    QTRY_COMPARE(table->model()->index(0, 0).data(MailQueueModel::StatusRole).toInt(),
                 int(MessageStatus::Queued));

    // Search goes to SQL as well.
    filter->setCurrentIndex(0);
    typeInto(child<QLineEdit>(&page, "searchEdit"), QStringLiteral("Invoice 24"));
    QTRY_COMPARE(page.model()->totalRows(), qint64(11)); // 24, 240..249
}

void TestGui::sendingSwitchDrainsWithLiveUpdates()
{
    // Postfix's smtp-sink accepts everything; the worker sends through it while the page watches.
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    }
    QProcess sink;
    QStringList args;
    if (::geteuid() == 0)
        args << QStringLiteral("-u") << QStringLiteral("nobody");
    args << QStringLiteral("127.0.0.1:%1").arg(port) << QStringLiteral("100");
    sink.start(QStringLiteral("/usr/sbin/smtp-sink"), args);
    QVERIFY2(sink.waitForStarted(5000), "smtp-sink is needed (Debian package postfix)");
    auto stopSink = qScopeGuard([&] {
        sink.terminate();
        if (!sink.waitForFinished(3000))
            sink.kill();
    });
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            QTcpSocket probe;
            probe.connectToHost(QHostAddress::LocalHost, port);
            return probe.waitForConnected(200);
        }(),
        5000);

    MailSettings settings;
    settings.host = QStringLiteral("127.0.0.1");
    settings.port = port;
    settings.encryption = Encryption::None;
    settings.auth = AuthMethod::None;
    settings.heloName = QStringLiteral("client.test");
    settings.defaultSender = {QStringLiteral("billing@example.org"), QStringLiteral("Billing")};
    QVERIFY(SettingsStore::save(settings).ok());
    {
        auto store = createSqliteMailStore(settings);
        QList<NewMessage> batch;
        for (int i = 0; i < 30; ++i) {
            NewMessage m;
            m.content.to = {MailAddress{QString(), QStringLiteral("customer%1@example.net").arg(i)}};
            m.content.subject = QStringLiteral("Statement %1").arg(i);
            m.content.text = QStringLiteral("Hello.");
            batch.append(m);
        }
        QVERIFY(store->enqueueBatch(batch).ok());
    }

    MailQueuePage page;
    page.resize(1200, 800);
    page.show();
    page.activate();
    QTRY_COMPARE(page.model()->rowCount(), 30);
    QSignalSpy resets(page.model(), &QAbstractItemModel::modelReset);
    QSignalSpy changed(page.model(), &QAbstractItemModel::dataChanged);
    QSignalSpy summary(&page, &MailQueuePage::summaryChanged);

    auto* sending = child<QToolButton>(&page, "sendingButton");
    QTest::mouseClick(sending, Qt::LeftButton);
    QVERIFY(sending->isChecked());
    QVERIFY(page.isSending());
    auto allSent = [&] {
        for (int row = 0; row < page.model()->rowCount(); ++row) {
            if (page.model()->index(row, 0).data(MailQueueModel::StatusRole).toInt() !=
                int(MessageStatus::Sent))
                return false;
        }
        return true;
    };
    QTRY_VERIFY_WITH_TIMEOUT(allSent(), 30000);
    // The rows changed in place: dataChanged for them, never a reset of the table.
    QCOMPARE(resets.count(), 0);
    QVERIFY(changed.count() >= 1);
    QTRY_COMPARE_WITH_TIMEOUT(page.model()->stats().sent, qint64(30), 5000);
    QVERIFY(!summary.isEmpty());

    // Pause: the switch turns off and says so.
    QTest::mouseClick(sending, Qt::LeftButton);
    QVERIFY(!sending->isChecked());
    page.shutdown();
}

namespace {

MailSettings fakeServerSettings(quint16 port)
{
    MailSettings s;
    s.host = QStringLiteral("127.0.0.1");
    s.port = port;
    s.encryption = Encryption::None;
    s.auth = AuthMethod::None;
    s.heloName = QStringLiteral("client.test");
    s.defaultSender = {QStringLiteral("sender@example.org"), QStringLiteral("Example Sender")};
    s.timeouts = PhaseTimeouts::uniform(5);
    return s;
}

} // namespace

void TestGui::testSendReportsSuccess()
{
    test::FakeSmtpServer server;
    server.setScript(QStringLiteral("S: 220 fake.test ESMTP ready\n"
                                    "C: EHLO client.test\n"
                                    "S: 250 fake.test\n"
                                    "C~ MAIL FROM:<sender@example\\.org>.*\n"
                                    "S: 250 2.1.0 Ok\n"
                                    "C~ RCPT TO:<admin@example\\.net>.*\n"
                                    "S: 250 2.1.5 Ok\n"
                                    "C: DATA\n"
                                    "S: 354 go ahead\n"
                                    "D:\n"
                                    "S: 250 2.0.0 Ok: queued as GUI42\n"
                                    "C: QUIT\n"
                                    "S: 221 2.0.0 Bye\n"));
    QVERIFY(server.start());

    TestSendDialog dialog(fakeServerSettings(server.port()), QString());
    dialog.show();
    typeInto(child<QLineEdit>(&dialog, "recipientEdit"), QStringLiteral("admin@example.net"));
    QSignalSpy finished(&dialog, &TestSendDialog::sendFinished);
    QTest::mouseClick(child<QPushButton>(&dialog, "sendButton"), Qt::LeftButton);
    QVERIFY(dialog.isRunning());
    QVERIFY(child<QPushButton>(&dialog, "cancelButton")->isEnabled());
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.first().first().toBool(), true);
    QVERIFY2(server.errors().isEmpty(), qPrintable(server.errors().join(u'\n')));
    QCOMPARE(server.dataBodies().size(), 1);
    QVERIFY(server.dataBodies().first().contains("Subject: Outbound test message"));

    auto* result = child<QLabel>(&dialog, "resultLabel");
    QVERIFY(result->isVisible());
    QVERIFY2(result->text().contains(QStringLiteral("250 2.0.0 Ok: queued as GUI42")),
             qPrintable(result->text()));
    const QString transcript = child<QPlainTextEdit>(&dialog, "transcriptView")->toPlainText();
    QVERIFY2(transcript.contains(QStringLiteral("C: EHLO client.test")), qPrintable(transcript));
    QVERIFY(transcript.contains(QStringLiteral("S: 221")));
    QVERIFY(!dialog.isRunning());
    QVERIFY(child<QPushButton>(&dialog, "sendButton")->isEnabled());
}

void TestGui::testSendPhaseErrorKeepsWindowResponsive()
{
    test::FakeSmtpServer server;
    server.setScript(QStringLiteral("N:\n")); // accepts, then never says a word
    QVERIFY(server.start());
    MailSettings settings = fakeServerSettings(server.port());
    settings.timeouts.greeting = 2;

    TestSendDialog dialog(settings, QString());
    dialog.show();
    typeInto(child<QLineEdit>(&dialog, "recipientEdit"), QStringLiteral("admin@example.net"));
    StallMeter meter;
    QSignalSpy finished(&dialog, &TestSendDialog::sendFinished);
    QTest::mouseClick(child<QPushButton>(&dialog, "sendButton"), Qt::LeftButton);
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.first().first().toBool(), false);
    QVERIFY2(meter.longestGapMs() < 1000, qPrintable(QString::number(meter.longestGapMs())));

    QVERIFY(dialog.outcome().has_value());
    QVERIFY(dialog.outcome()->error.has_value());
    QVERIFY(dialog.outcome()->error->phase == SmtpPhase::Greeting);
    QVERIFY(dialog.outcome()->error->kind == SmtpErrorKind::Timeout);
    const QString result = child<QLabel>(&dialog, "resultLabel")->text();
    QVERIFY2(result.contains(QStringLiteral("greeting")), qPrintable(result));
    // The timeout is said once, not in the summary and again as the detail.
    QVERIFY2(result.count(dialog.outcome()->error->detail.isEmpty() ? QStringLiteral("no answer within")
                                                                    : dialog.outcome()->error->detail) == 1,
             qPrintable(result));
    // The failed step is the greeting, and the steps before it are done.
    auto* phases = child<QListWidget>(&dialog, "phaseList");
    QCOMPARE(phases->item(0)->text(), phaseName(SmtpPhase::Connect));
    QCOMPARE(phases->item(1)->text(), phaseName(SmtpPhase::Greeting));
    QVERIFY(phases->item(1)->font().bold());
}

void TestGui::testSendCancelStopsAtOnce()
{
    test::FakeSmtpServer server;
    server.setScript(QStringLiteral("N:\n"));
    QVERIFY(server.start());
    MailSettings settings = fakeServerSettings(server.port());
    settings.timeouts = PhaseTimeouts::uniform(60);
    TestSendDialog dialog(settings, QString());
    dialog.show();
    typeInto(child<QLineEdit>(&dialog, "recipientEdit"), QStringLiteral("admin@example.net"));
    QTest::mouseClick(child<QPushButton>(&dialog, "sendButton"), Qt::LeftButton);
    QTRY_VERIFY(server.connectionCount() == 1);
    QElapsedTimer clock;
    clock.start();
    QTest::mouseClick(child<QPushButton>(&dialog, "cancelButton"), Qt::LeftButton);
    QVERIFY(clock.elapsed() < 500);
    QVERIFY(!dialog.isRunning());
    QVERIFY(child<QPushButton>(&dialog, "sendButton")->isEnabled());
    QVERIFY(child<QLabel>(&dialog, "resultLabel")->text().contains(QStringLiteral("Cancelled")));
}

void TestGui::checkAllSendersNamesRefusedSender()
{
    test::FakeSmtpServer server;
    server.setScript(QStringLiteral("S: 220 fake.test ESMTP ready\n"
                                    "C: EHLO client.test\n"
                                    "S: 250 fake.test\n"
                                    "C~ MAIL FROM:<sender@example\\.org>.*\n"
                                    "S: 250 2.1.0 Ok\n"
                                    "C~ RCPT TO:<admin@example\\.net>.*\n"
                                    "S: 250 2.1.5 Ok\n"
                                    "C: DATA\n"
                                    "S: 354 go ahead\n"
                                    "D:\n"
                                    "S: 250 2.0.0 Ok: queued as DEF1\n"
                                    "C~ MAIL FROM:<billing@example\\.org>.*\n"
                                    "S: 550 5.7.60 SendAsDenied; sender@example.org not allowed to send as "
                                    "billing@example.org\n"
                                    "C: RSET\n"
                                    "S: 250 2.0.0 Ok\n"
                                    "C: QUIT\n"
                                    "S: 221 2.0.0 Bye\n"));
    QVERIFY(server.start());
    MailSettings settings = fakeServerSettings(server.port());
    settings.invoiceSender = {QStringLiteral("billing@example.org"), QStringLiteral("Billing")};

    TestSendDialog dialog(settings, QString());
    dialog.show();
    typeInto(child<QLineEdit>(&dialog, "recipientEdit"), QStringLiteral("admin@example.net"));
    QSignalSpy finished(&dialog, &TestSendDialog::senderCheckFinished);
    auto* check = child<QPushButton>(&dialog, "checkSendersButton");
    QTest::mouseClick(check, Qt::LeftButton);
    QVERIFY(dialog.isRunning());
    QVERIFY(!check->isEnabled());
    QVERIFY(!child<QPushButton>(&dialog, "sendButton")->isEnabled());
    QVERIFY(child<QPushButton>(&dialog, "cancelButton")->isEnabled());
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.first().first().toBool(), false);
    QVERIFY2(server.errors().isEmpty(), qPrintable(server.errors().join(u'\n')));

    QVERIFY(dialog.senderReport().has_value());
    const SenderCheckReport& report = *dialog.senderReport();
    QVERIFY(!report.sessionError.has_value());
    QCOMPARE(report.entries.size(), 2);
    QVERIFY(report.entries.at(0).accepted);
    QVERIFY(!report.entries.at(1).accepted);

    const QString result = child<QLabel>(&dialog, "resultLabel")->text();
    QVERIFY2(result.contains(QStringLiteral("✓ sender@example.org (default, ")), qPrintable(result));
    QVERIFY2(result.contains(QStringLiteral("billing@example.org (%1): refused")
                                 .arg(categoryName(Category::Invoice).toHtmlEscaped())),
             qPrintable(result));
    QVERIFY2(!report.entries.at(1).hint.fix.isEmpty() &&
                 result.contains(report.entries.at(1).hint.fix.toHtmlEscaped()),
             qPrintable(result));
    QVERIFY(!dialog.isRunning());
    QVERIFY(check->isEnabled());
    QVERIFY(child<QPushButton>(&dialog, "sendButton")->isEnabled());
}

void TestGui::checkAllSendersCancelStopsAtOnce()
{
    test::FakeSmtpServer server;
    server.setScript(QStringLiteral("N:\n")); // accepts, then never says a word
    QVERIFY(server.start());
    MailSettings settings = fakeServerSettings(server.port());
    settings.timeouts = PhaseTimeouts::uniform(60);
    TestSendDialog dialog(settings, QString());
    dialog.show();
    typeInto(child<QLineEdit>(&dialog, "recipientEdit"), QStringLiteral("admin@example.net"));
    QTest::mouseClick(child<QPushButton>(&dialog, "checkSendersButton"), Qt::LeftButton);
    QVERIFY(dialog.isRunning());
    QTRY_VERIFY(server.connectionCount() == 1);
    StallMeter meter;
    QElapsedTimer clock;
    clock.start();
    QTest::mouseClick(child<QPushButton>(&dialog, "cancelButton"), Qt::LeftButton);
    QVERIFY(clock.elapsed() < 500);
    QVERIFY(!dialog.isRunning());
    QTest::qWait(300); // the check is deleted and its thread wound down meanwhile
    QVERIFY2(meter.longestGapMs() < 500, qPrintable(QString::number(meter.longestGapMs())));
    QVERIFY(child<QPushButton>(&dialog, "checkSendersButton")->isEnabled());
    QVERIFY(child<QPushButton>(&dialog, "sendButton")->isEnabled());
    QVERIFY(child<QLabel>(&dialog, "resultLabel")->text().contains(QStringLiteral("Cancelled")));
}

void TestGui::leavingWithUnsavedChangesAsks()
{
    MainWindow window;
    MailSettingsPage* page = window.settingsPage();
    window.show();
    window.showPage(MainWindow::SettingsPage);
    QTRY_VERIFY(page->isPasswordLoaded());
    typeInto(child<QLineEdit>(page, "hostEdit"), QStringLiteral("relay.example.org"));
    typeInto(child<QLineEdit>(page, "usernameEdit"), QStringLiteral("robot@example.org"));
    QVERIFY(page->hasUnsavedChanges());
    QVERIFY(window.isWindowModified());

    int asked = 0;
    int answer = QMessageBox::Cancel;
    page->setLeaveQuestion([&] {
        ++asked;
        return answer;
    });
    window.showPage(MainWindow::QueuePage); // Cancel: stay
    QCOMPARE(asked, 1);
    QCOMPARE(window.currentPage(), MainWindow::SettingsPage);

    answer = QMessageBox::Save; // Save: stored (off the GUI thread), then the page changes
    window.showPage(MainWindow::QueuePage);
    QCOMPARE(asked, 2);
    QCOMPARE(window.currentPage(), MainWindow::QueuePage);
    QTRY_COMPARE(SettingsStore::load()->host, QStringLiteral("relay.example.org"));
    QTRY_VERIFY(!page->isSaving());

    window.showPage(MainWindow::SettingsPage);
    typeInto(child<QLineEdit>(page, "hostEdit"), QStringLiteral("other.example.org"));
    answer = QMessageBox::Discard; // Discard: back to the saved value
    QVERIFY(window.close());
    QCOMPARE(asked, 3);
    QCOMPARE(child<QLineEdit>(page, "hostEdit")->text(), QStringLiteral("relay.example.org"));
    QCOMPARE(SettingsStore::load()->host, QStringLiteral("relay.example.org"));
}

void TestGui::detailPaneLoadsAndRunsNothing()
{
    MessageDetailPane pane;
    pane.resize(800, 500);
    pane.show();
    MessageDetail d;
    d.summary.id = 42;
    d.summary.status = MessageStatus::Queued;
    d.summary.subject = QStringLiteral("Tracking test");
    d.htmlBody =
        QStringLiteral("<html><head><link rel=\"stylesheet\" href=\"https://tracker.example/s.css\">"
                       "<style>@import url(https://tracker.example/i.css);</style></head>"
                       "<body background=\"https://tracker.example/bg.png\"><p>Hello customer</p>"
                       "<img src=\"https://tracker.example/pixel.png\"><img src=\"file:///etc/passwd\">"
                       "<script>document.write('SCRIPT-RAN')</script><a "
                       "href=\"https://evil.example/\">link</a></body></html>");
    pane.showMessage(d);
    auto* body = child<SafeTextBrowser>(&pane, "bodyView");
    QVERIFY(body->toPlainText().contains(QStringLiteral("Hello customer")));
    // Neither run nor shown as text.
    QVERIFY2(!body->toPlainText().contains(QStringLiteral("SCRIPT-RAN")), qPrintable(body->toPlainText()));
    QVERIFY2(!body->toPlainText().contains(QStringLiteral("document.write")),
             qPrintable(body->toPlainText()));
    // Every resource the HTML asked for went to the browser that refuses them.
    QVERIFY(body->blockedLoads() >= 2);
    QVERIFY(!body->openLinks());
    QVERIFY(!body->openExternalLinks());
    QTest::qWait(50);
    QVERIFY(body->source().isEmpty());
}

void TestGui::queuePageExplainsEmptyQueue()
{
    {
        MailQueuePage page;
        page.resize(1000, 700);
        page.show();
        page.activate();
        auto* empty = child<QLabel>(&page, "queueEmptyLabel");
        QTRY_VERIFY(empty->isVisible());
        QVERIFY2(empty->text().contains(QStringLiteral("outbound-cli enqueue")), qPrintable(empty->text()));
        page.shutdown();
    }
    MailSettings settings;
    settings.defaultSender = {QStringLiteral("billing@example.org"), QStringLiteral("Billing")};
    QVERIFY(SettingsStore::save(settings).ok());
    {
        auto store = createSqliteMailStore(settings);
        NewMessage m;
        m.content.to = {MailAddress{QString(), QStringLiteral("customer@example.net")}};
        m.content.subject = QStringLiteral("Invoice 1");
        m.content.text = QStringLiteral("Hello.");
        QVERIFY(store->enqueueBatch({m}).ok());
    }
    MailQueuePage page;
    page.resize(1000, 700);
    page.show();
    page.activate();
    auto* empty = child<QLabel>(&page, "queueEmptyLabel");
    QTRY_COMPARE(page.model()->totalRows(), qint64(1));
    QVERIFY(!empty->isVisible());
    // A search that matches nothing says so instead of calling the queue empty.
    typeInto(child<QLineEdit>(&page, "searchEdit"), QStringLiteral("no such subject"));
    QTRY_COMPARE(page.model()->totalRows(), qint64(0));
    QTRY_VERIFY(empty->isVisible());
    QVERIFY2(empty->text().contains(QStringLiteral("match")), qPrintable(empty->text()));
    page.shutdown();
}

void TestGui::closingWhileSendingFinishesTheMessage()
{
    // A server that accepts the connection and never greets: the message stays in flight until the
    // greeting timeout. Closing the window meanwhile must wait for the outcome, not drop the row.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    MailSettings settings;
    settings.host = QStringLiteral("127.0.0.1");
    settings.port = silent.serverPort();
    settings.encryption = Encryption::None;
    settings.auth = AuthMethod::None;
    settings.heloName = QStringLiteral("client.test");
    settings.defaultSender = {QStringLiteral("billing@example.org"), QStringLiteral("Billing")};
    settings.timeouts = PhaseTimeouts::uniform(2);
    QVERIFY(SettingsStore::save(settings).ok());
    {
        auto store = createSqliteMailStore(settings);
        NewMessage m;
        m.content.to = {MailAddress{QString(), QStringLiteral("customer@example.net")}};
        m.content.subject = QStringLiteral("Invoice 1");
        m.content.text = QStringLiteral("Hello.");
        QVERIFY(store->enqueueBatch({m}).ok());
    }
    auto status = [] {
        QSqlQuery q(Database::connection());
        if (!q.exec(QStringLiteral("SELECT status FROM messages")) || !q.next())
            return QString();
        return q.value(0).toString();
    };

    MainWindow window;
    window.show();
    window.showPage(MainWindow::QueuePage);
    window.queuePage()->setSendingEnabled(true);
    QTRY_COMPARE_WITH_TIMEOUT(status(), QStringLiteral("sending"), 5000);

    QVERIFY(!window.close()); // deferred: the worker finishes first
    QVERIFY(window.isVisible());
    QVERIFY(window.statusBar()->currentMessage().contains(QStringLiteral("Close again")));
    QTRY_VERIFY_WITH_TIMEOUT(!window.isVisible(), 15000);
    QVERIFY(!window.queuePage()->hasWorker());
    const QString after = status();
    QVERIFY2(after == QStringLiteral("deferred") || after == QStringLiteral("queued"), qPrintable(after));
}

void TestGui::germanTranslationLoads()
{
    QVERIFY(installTranslations(QLocale(QLocale::German, QLocale::Germany)));
    {
        auto page = loadedPage();
        QCOMPARE(child<QPushButton>(page.get(), "saveButton")->text(), QStringLiteral("&Speichern"));
        QCOMPARE(child<QGroupBox>(page.get(), "signInGroup")->title(), QStringLiteral("Anmeldung"));
        // Core strings (validation reasons, preset guidance) come through in German too.
        child<QSpinBox>(page.get(), "portSpin")->setValue(0);
        QVERIFY2(page->fieldProblem(SettingKey::SmtpPort).contains(QStringLiteral("zwischen")),
                 qPrintable(page->fieldProblem(SettingKey::SmtpPort)));
        auto* combo = child<QComboBox>(page.get(), "presetCombo");
        const int google = combo->findData(QStringLiteral("google"));
        QCOMPARE(combo->itemText(google), QStringLiteral("Google Workspace"));
        combo->setCurrentIndex(google);
        Q_EMIT combo->activated(google);
        QVERIFY(child<QLabel>(page.get(), "guidanceLabel")->text().contains(QStringLiteral("App-Passwort")));
        QCOMPARE(statusName(MessageStatus::Failed), QStringLiteral("Fehlgeschlagen"));
    }
    const auto translators = QCoreApplication::instance()->findChildren<QTranslator*>();
    for (QTranslator* translator : translators) {
        QCoreApplication::removeTranslator(translator);
        delete translator;
    }
    QCOMPARE(statusName(MessageStatus::Failed), QStringLiteral("Failed"));
}

void TestGui::windowFitsSmallScreenInGerman()
{
    // German labels are the longest we ship; the window must still fit a 1024x600 netbook screen
    // (the pages scroll, the fixed rows must not push the minimum width past it).
    QVERIFY(installTranslations(QLocale(QLocale::German, QLocale::Germany)));
    auto removeTranslators = qScopeGuard([] {
        const auto translators = QCoreApplication::instance()->findChildren<QTranslator*>();
        for (QTranslator* translator : translators) {
            QCoreApplication::removeTranslator(translator);
            delete translator;
        }
    });
    MainWindow window;
    window.show();
    for (MainWindow::Page page : {MainWindow::SettingsPage, MainWindow::QueuePage}) {
        window.showPage(page);
        QTest::qWait(300);
        const QSize minimum = window.minimumSizeHint().expandedTo(window.minimumSize());
        QVERIFY2(minimum.width() <= 1000 && minimum.height() <= 600,
                 qPrintable(QStringLiteral("page %1 needs %2x%3")
                                .arg(int(page))
                                .arg(minimum.width())
                                .arg(minimum.height())));
    }
    window.queuePage()->shutdown();
}

namespace {
MailSettings validSettings()
{
    MailSettings s;
    s.host = QStringLiteral("mail.example.org");
    s.port = 2525;
    s.encryption = Encryption::None;
    s.auth = AuthMethod::None;
    s.defaultSender = {QStringLiteral("office@example.org"), QStringLiteral("Office")};
    return s;
}
} // namespace

// Issue 10, broken #3: a value set elsewhere (outbound-cli settings set) survives the window's
// next Save, which writes only what was changed in the form.
void TestGui::saveWritesOnlyTheChangedFields()
{
    QVERIFY(SettingsStore::save(validSettings()).ok());
    auto page = loadedPage();
    // Set elsewhere, and before the form could notice: Save must not reset it.
    MailSettings outside = validSettings();
    outside.heloName = QStringLiteral("set-by-cli.example.org");
    QVERIFY(SettingsStore::save(outside, {SettingKey::SmtpHeloName}).ok());
    child<QSpinBox>(page.get(), "portSpin")->setValue(587);
    QSignalSpy saved(page.get(), &MailSettingsPage::saved);
    QVERIFY(page->save());
    QVERIFY(saved.wait(5000));
    const MailSettings stored = SettingsStore::load().value();
    QCOMPARE(stored.port, 587);
    QCOMPARE(stored.heloName, QStringLiteral("set-by-cli.example.org"));
    // And the form now shows the value saved elsewhere, with nothing left unsaved.
    QCOMPARE(child<QLineEdit>(page.get(), "heloEdit")->text(), QStringLiteral("set-by-cli.example.org"));
    QVERIFY(!page->hasUnsavedChanges());
}

void TestGui::outsideChangeReloadsAnUnchangedForm()
{
    QVERIFY(SettingsStore::save(validSettings()).ok());
    auto page = loadedPage();
    int asked = 0;
    page->setOutsideChangeQuestion([&asked] {
        ++asked;
        return int(QMessageBox::Discard);
    });
    QSignalSpy reloaded(page.get(), &MailSettingsPage::outsideChangesLoaded);
    MailSettings outside = validSettings();
    outside.host = QStringLiteral("relay.example.net");
    QVERIFY(SettingsStore::save(outside, {SettingKey::SmtpHost}).ok());
    QVERIFY(SecretStore::writePassword(QStringLiteral("new-secret")).ok());
    QTRY_COMPARE_WITH_TIMEOUT(child<QLineEdit>(page.get(), "hostEdit")->text(),
                              QStringLiteral("relay.example.net"), 5000);
    QTRY_COMPARE_WITH_TIMEOUT(page->currentPassword(), QStringLiteral("new-secret"), 5000);
    QVERIFY(!reloaded.isEmpty());
    QCOMPARE(asked, 0); // nothing of the user's to lose: no question
    QVERIFY(!page->hasUnsavedChanges());
}

void TestGui::outsideChangeAsksWhenBothChanged()
{
    QVERIFY(SettingsStore::save(validSettings()).ok());
    auto page = loadedPage();
    int asked = 0;
    int answer = QMessageBox::Ignore; // keep my edits
    page->setOutsideChangeQuestion([&] {
        ++asked;
        return answer;
    });
    QSignalSpy reloaded(page.get(), &MailSettingsPage::outsideChangesLoaded);
    child<QSpinBox>(page.get(), "portSpin")->setValue(587); // the user's edit
    MailSettings outside = validSettings();
    outside.host = QStringLiteral("relay.example.net");
    QVERIFY(SettingsStore::save(outside, {SettingKey::SmtpHost}).ok());
    QVERIFY(reloaded.wait(5000));
    QCOMPARE(asked, 1);
    // Kept: the edit stays, the field not edited shows the value saved elsewhere.
    QCOMPARE(child<QSpinBox>(page.get(), "portSpin")->value(), 587);
    QCOMPARE(child<QLineEdit>(page.get(), "hostEdit")->text(), QStringLiteral("relay.example.net"));
    QVERIFY(page->hasUnsavedChanges());

    // Changed elsewhere again; this time the saved values win.
    answer = QMessageBox::Discard;
    outside.host = QStringLiteral("third.example.net");
    QVERIFY(SettingsStore::save(outside, {SettingKey::SmtpHost}).ok());
    QVERIFY(reloaded.wait(5000));
    QCOMPARE(asked, 2);
    QCOMPARE(child<QSpinBox>(page.get(), "portSpin")->value(), 2525);
    QCOMPARE(child<QLineEdit>(page.get(), "hostEdit")->text(), QStringLiteral("third.example.net"));
    QVERIFY(!page->hasUnsavedChanges());
}

// Issue 10, broken #10: another connection holds SQLite's write lock (a CLI command, a worker);
// Save must not freeze the window while it waits for the lock.
void TestGui::savingWhileAnotherWriterHoldsTheDatabase()
{
    QVERIFY(SettingsStore::save(validSettings()).ok());
    auto page = loadedPage();
    child<QSpinBox>(page.get(), "portSpin")->setValue(587);

    std::atomic<bool> locked{false};
    std::atomic<bool> release{false};
    const QString path = Database::path();
    std::unique_ptr<QThread> holder(QThread::create([&locked, &release, path] {
        {
            QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("test-lock"));
            db.setDatabaseName(path);
            if (db.open()) {
                QSqlQuery q(db);
                if (q.exec(QStringLiteral("BEGIN IMMEDIATE"))) {
                    locked = true;
                    while (!release)
                        QThread::msleep(5);
                    q.exec(QStringLiteral("COMMIT"));
                }
            }
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("test-lock"));
    }));
    holder->start();
    QTRY_VERIFY_WITH_TIMEOUT(locked.load(), 5000);

    QSignalSpy saved(page.get(), &MailSettingsPage::saved);
    StallMeter meter;
    QElapsedTimer clock;
    clock.start();
    QVERIFY(page->save());
    QVERIFY2(clock.elapsed() < 200, qPrintable(QString::number(clock.elapsed())));
    QVERIFY(page->isSaving());
    QVERIFY(!child<QPushButton>(page.get(), "saveButton")->isEnabled());
    QTest::qWait(1500); // the lock is held meanwhile; the event loop keeps running
    QVERIFY(saved.isEmpty());
    release = true;
    QVERIFY(saved.wait(10000));
    holder->wait();
    QVERIFY2(meter.longestGapMs() < 500, qPrintable(QString::number(meter.longestGapMs())));
    QCOMPARE(SettingsStore::load()->port, 587);
}

// Issue 10, broken #2: the window's own worker picks up saved settings and the window says when.
void TestGui::windowSaysWhenTheWorkerAppliedSavedSettings()
{
    QVERIFY(SettingsStore::save(validSettings()).ok());
    MainWindow window;
    window.show();
    MailSettingsPage* page = window.settingsPage();
    QTRY_VERIFY(page->isPasswordLoaded());
    window.showPage(MainWindow::QueuePage);
    window.queuePage()->setSendingEnabled(true);
    QTRY_VERIFY(window.queuePage()->hasWorker());
    QSignalSpy applied(window.queuePage(), &MailQueuePage::settingsApplied);
    QTest::qWait(300); // the worker has read its settings

    window.showPage(MainWindow::SettingsPage);
    child<QSpinBox>(page, "portSpin")->setValue(2526);
    QSignalSpy saved(page, &MailSettingsPage::saved);
    QVERIFY(page->save());
    QVERIFY(saved.wait(5000));
    QVERIFY(applied.wait(5000));
    QCOMPARE(applied.last().first().toLongLong(), page->savedRevision());
    QTRY_VERIFY(window.statusBar()->currentMessage().startsWith(
        QStringLiteral("Saved settings applied to sending at ")));
    window.queuePage()->shutdown();
    QTRY_VERIFY_WITH_TIMEOUT(!window.queuePage()->hasWorker(), 10000);
}

namespace {
struct TsMessage
{
    QString context;
    QString source;
    QStringList translations; // one, or one per plural form
    bool unfinished = false;
};

QList<TsMessage> readTs(const QString& path)
{
    QList<TsMessage> messages;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return messages;
    QXmlStreamReader xml(&file);
    QString context;
    TsMessage current;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == u"name") {
            context = xml.readElementText();
        } else if (xml.name() == u"message") {
            current = TsMessage{context, {}, {}, false};
        } else if (xml.name() == u"source") {
            current.source = xml.readElementText();
        } else if (xml.name() == u"translation") {
            current.unfinished = xml.attributes().value(QStringLiteral("type")) == u"unfinished";
            // Either text or <numerusform> children.
            QString text;
            while (!(xml.isEndElement() && xml.name() == u"translation") && !xml.atEnd()) {
                xml.readNext();
                if (xml.isStartElement() && xml.name() == u"numerusform")
                    current.translations.append(xml.readElementText());
                else if (xml.isCharacters())
                    text += xml.text();
            }
            if (current.translations.isEmpty())
                current.translations.append(text);
            messages.append(current);
        }
    }
    return messages;
}

// String literals of every translate()/tr() call in the sources the .ts files are made from.
QStringList translatableSources()
{
    QStringList found;
    const QRegularExpression call(QStringLiteral(R"re((?:\btranslate\(\s*"[^"]*",|(?<![\w:])tr\())re"));
    const QRegularExpression literal(QStringLiteral(R"re(^\s*"((?:[^"\\]|\\.)*)")re"));
    for (const char* dir : {"/src/core", "/src/gui"}) {
        QDirIterator it(QStringLiteral(OUTBOUND_SOURCE_DIR) + QLatin1String(dir), {QStringLiteral("*.cpp")},
                        QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile f(it.next());
            if (!f.open(QIODevice::ReadOnly))
                continue;
            const QString code = QString::fromUtf8(f.readAll());
            auto matches = call.globalMatch(code);
            while (matches.hasNext()) {
                qsizetype pos = matches.next().capturedEnd();
                QString text;
                for (;;) {
                    const auto m = literal.match(code.mid(pos, 2000));
                    if (!m.hasMatch())
                        break;
                    text += m.captured(1);
                    pos += m.capturedEnd();
                }
                if (!text.isEmpty())
                    found.append(text.replace(QStringLiteral("\\\""), QStringLiteral("\""))
                                     .replace(QStringLiteral("\\n"), QStringLiteral("\n")));
            }
        }
    }
    return found;
}
} // namespace

// Issue 10: German was half English. Every string the sources mark for translation is in
// outbound_de.ts (extracted under the context the code asks for) and has a German text.
void TestGui::everySourceStringHasAGermanTranslation()
{
    const QList<TsMessage> messages =
        readTs(QStringLiteral(OUTBOUND_SOURCE_DIR "/translations/outbound_de.ts"));
    QVERIFY(messages.size() > 500);
    QSet<QString> sources;
    for (const TsMessage& m : messages) {
        sources.insert(m.source);
        QVERIFY2(!m.unfinished, qPrintable(m.context + u' ' + m.source));
        for (const QString& t : m.translations)
            QVERIFY2(!t.trimmed().isEmpty(), qPrintable(m.context + u' ' + m.source));
    }
    const QStringList used = translatableSources();
    QVERIFY(used.size() > 500);
    for (const QString& text : used)
        QVERIFY2(sources.contains(text), qPrintable(QStringLiteral("not extracted: ") + text));
}

// Issue 10: a German window shows the failure of a test send (the engine's error, the transcript
// notes, the hint) with none of the English texts.
void TestGui::germanWindowShowsNoEnglishErrorText()
{
    QVERIFY(installTranslations(QLocale(QLocale::German, QLocale::Germany)));
    auto removeTranslators = qScopeGuard([] {
        const auto translators = QCoreApplication::instance()->findChildren<QTranslator*>();
        for (QTranslator* translator : translators) {
            QCoreApplication::removeTranslator(translator);
            delete translator;
        }
    });
    // English fragments long enough to be telling: the text between placeholders and markup.
    QStringList english;
    const QRegularExpression split(QStringLiteral(R"re(%\w|<[^>]*>|\(|\))re"));
    for (const TsMessage& m : readTs(QStringLiteral(OUTBOUND_SOURCE_DIR "/translations/outbound_de.ts"))) {
        if (m.translations.contains(m.source))
            continue; // the same in both languages (names, numbers)
        for (const QString& part : m.source.split(split)) {
            if (part.trimmed().size() >= 14)
                english.append(part.trimmed());
        }
    }
    QVERIFY(english.size() > 300);
    // The engine's own notes and errors, which used to stay English.
    english += {QStringLiteral("connecting to"), QStringLiteral("nothing accepts connections"),
                QStringLiteral("TLS handshake failed"), QStringLiteral("connected to"),
                QStringLiteral("does not offer STARTTLS"), QStringLiteral("Likely cause")};

    // Three failures: nothing listens; TLS spoken to a plain-only server; STARTTLS not offered.
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost));
    const quint16 closedPort = closed.serverPort();
    closed.close();
    test::FakeSmtpServer plainOnly;
    plainOnly.setScript(
        QStringLiteral("S: 220 fake.test ESMTP\nC~ EHLO .*\nS: 250-fake.test\nS: 250 PIPELINING\n"
                       "C: QUIT\nS: 221 bye\n"));
    QVERIFY(plainOnly.start());
    struct Case
    {
        quint16 port;
        Encryption encryption;
    };
    for (const Case& c : {Case{closedPort, Encryption::None}, Case{plainOnly.port(), Encryption::Tls},
                          Case{plainOnly.port(), Encryption::StartTls}}) {
        MailSettings settings = fakeServerSettings(c.port);
        settings.encryption = c.encryption;
        settings.timeouts = PhaseTimeouts::uniform(3);
        TestSendDialog dialog(settings, QString());
        dialog.show();
        typeInto(child<QLineEdit>(&dialog, "recipientEdit"), QStringLiteral("admin@example.net"));
        QSignalSpy finished(&dialog, &TestSendDialog::sendFinished);
        QTest::mouseClick(child<QPushButton>(&dialog, "sendButton"), Qt::LeftButton);
        QVERIFY(finished.wait(15000));
        QCOMPARE(finished.first().first().toBool(), false);
        const QString shown = child<QLabel>(&dialog, "resultLabel")->text() + u'\n' +
                              child<QPlainTextEdit>(&dialog, "transcriptView")->toPlainText();
        QVERIFY2(shown.contains(QStringLiteral("Was zu tun ist")) ||
                     shown.contains(QStringLiteral("Ursache")),
                 qPrintable(shown));
        if (qEnvironmentVariableIsSet("OUTBOUND_TEST_VERBOSE"))
            qInfo("%s", qPrintable(shown));
        for (const QString& fragment : std::as_const(english))
            QVERIFY2(!shown.contains(fragment), qPrintable(fragment + QStringLiteral("\n---\n") + shown));
    }
}

QTEST_MAIN(TestGui)
#include "test_gui.moc"
