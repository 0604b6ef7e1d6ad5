#include "common/Database.h"
#include "settings/MailSettings.h"
#include "settings/SecretStore.h"
#include "settings/SettingsStore.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QSemaphore>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace outbound;

class TestSettings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void defaultsMatchSpec();
    void setValueRejectsBadText_data();
    void setValueRejectsBadText();
    void validationExplainsEachField_data();
    void validationExplainsEachField();
    void validSettingsHaveNoIssues();
    void senderFallsBackToDefaultThenUsername();
    void presetsFillServerAndThrottles();
    void storeRoundTripKeepsOnlyNonDefaults();
    void secretGoesToOwnerOnlyDatabaseNotSettings();
    void databaseFileIsOwnerOnly();
    void numbersAreNotNarrowed();
    void caFileIsStoredAbsolute();
    void keychainCallsAreBounded();

private:
    QTemporaryDir m_dir;
};

void TestSettings::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(Database::initialize(m_dir.filePath(QStringLiteral("sub/outbound.sqlite"))).ok());
    QVERIFY(SettingsStore::ensureSchema().ok());
}

void TestSettings::defaultsMatchSpec()
{
    const MailSettings s;
    QCOMPARE(s.port, 587);
    QCOMPARE(toString(s.encryption), QStringLiteral("starttls"));
    QCOMPARE(toString(s.auth), QStringLiteral("auto"));
    QCOMPARE(s.timeouts, (PhaseTimeouts{15, 30, 60, 60, 120}));
    QCOMPARE(s.queue.maxAttempts, 6);
    QCOMPARE(s.queue.backoffInitial, 60);
    QCOMPARE(s.queue.backoffMax, 3600);
    QCOMPARE(s.queue.connections, 1);
    QCOMPARE(s.queue.keepSentDays, 90);
    // The table of names and defaults agrees with the struct's own defaults.
    for (const SettingInfo& info : allSettings())
        QCOMPARE(s.value(info.key).toString(), info.defaultValue.toString());
}

void TestSettings::setValueRejectsBadText_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("port number") << "smtp.port"
                                 << "465" << true;
    QTest::newRow("port words") << "smtp.port"
                                << "five" << false;
    QTest::newRow("encryption ssl alias") << "smtp.encryption"
                                          << "SSL" << true;
    QTest::newRow("encryption unknown") << "smtp.encryption"
                                        << "tls1.3" << false;
    QTest::newRow("auth xoauth2") << "smtp.auth"
                                  << "xoauth2" << true;
    QTest::newRow("auth unknown") << "smtp.auth"
                                  << "kerberos" << false;
    QTest::newRow("bool yes") << "smtp.allow_auth_without_tls"
                              << "yes" << true;
    QTest::newRow("bool maybe") << "smtp.allow_auth_without_tls"
                                << "maybe" << false;
    // Parsed whole, then range-checked: these once wrapped into an int (4294967883 -> 587).
    QTest::newRow("port past 32 bits") << "smtp.port"
                                       << "4294967883" << false;
    QTest::newRow("timeout past 32 bits") << "timeout.connect"
                                          << "4294967306" << false;
    QTest::newRow("connections past 32 bits") << "queue.connections"
                                              << "4294967297" << false;
    QTest::newRow("port past 64 bits") << "smtp.port"
                                       << "99999999999999999999" << false;
    QTest::newRow("port hex") << "smtp.port"
                              << "0x24b" << false;
    QTest::newRow("port fraction") << "smtp.port"
                                   << "587.5" << false;
    QTest::newRow("max bytes 64-bit") << "queue.max_message_bytes"
                                      << "10000000000" << true;
}

void TestSettings::setValueRejectsBadText()
{
    QFETCH(QString, key);
    QFETCH(QString, text);
    QFETCH(bool, accepted);
    MailSettings s;
    const auto k = settingKeyFromName(key);
    QVERIFY(k);
    const Status st = s.setValue(*k, text);
    QCOMPARE(st.ok(), accepted);
    if (!accepted) {
        QVERIFY(st.error().message.contains(text));
        QCOMPARE(st.error().key, key);
    }
}

void TestSettings::validationExplainsEachField_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("reasonContains");
    QTest::newRow("empty host") << "smtp.host"
                                << ""
                                << "host name";
    QTest::newRow("host with port") << "smtp.host"
                                    << "smtp.example.com:587"
                                    << "port has its own field";
    QTest::newRow("host with space") << "smtp.host"
                                     << "smtp example.com"
                                     << "spaces";
    QTest::newRow("host bad label") << "smtp.host"
                                    << "-bad.example.com"
                                    << "not a valid host name";
    QTest::newRow("port zero") << "smtp.port"
                               << "0"
                               << "between 1 and 65535";
    QTest::newRow("port too big") << "smtp.port"
                                  << "70000"
                                  << "between 1 and 65535";
    QTest::newRow("pin short") << "smtp.pinned_sha256"
                               << "abcd"
                               << "64 hexadecimal";
    QTest::newRow("ca missing") << "smtp.ca_file"
                                << "/nonexistent/ca.pem"
                                << "cannot be read";
    QTest::newRow("default sender no at") << "from.default.email"
                                          << "billing.example.com"
                                          << "has no @";
    QTest::newRow("invoice sender space") << "from.invoice.email"
                                          << "bill ing@example.com"
                                          << "invoice sender";
    QTest::newRow("default name injection") << "from.default.name"
                                            << "Ex\r\nBcc: evil@example.net"
                                            << "line breaks";
    QTest::newRow("ticket name escape") << "from.ticket.name"
                                        << "Help\x1b[2Jdesk"
                                        << "control characters";
    QTest::newRow("helo with space") << "smtp.helo_name"
                                     << "my host"
                                     << "EHLO name";
    QTest::newRow("timeout zero") << "timeout.greeting"
                                  << "0"
                                  << "between 1 and 600";
    QTest::newRow("connections") << "queue.connections"
                                 << "40"
                                 << "between 1 and 16";
    QTest::newRow("backoff max below initial") << "queue.backoff_max"
                                               << "30"
                                               << "cannot be shorter";
}

void TestSettings::validationExplainsEachField()
{
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(QString, reasonContains);
    MailSettings s;
    s.host = QStringLiteral("smtp.example.com");
    s.username = QStringLiteral("ops@example.com");
    const auto k = settingKeyFromName(key);
    QVERIFY(k);
    QVERIFY(s.setValue(*k, value).ok());
    const auto problem = validateField(s, *k);
    QVERIFY2(problem.has_value(), qPrintable(key));
    QVERIFY2(problem->contains(reasonContains), qPrintable(*problem));
    bool listed = false;
    for (const ValidationIssue& issue : validate(s))
        listed = listed || issue.key == *k;
    QVERIFY(listed);
}

void TestSettings::validSettingsHaveNoIssues()
{
    MailSettings s;
    s.host = QStringLiteral("smtp.bücher.example"); // IDN host is fine
    s.username = QStringLiteral("ops@example.com");
    const auto issues = validate(s);
    for (const ValidationIssue& issue : issues)
        qWarning() << settingName(issue.key) << issue.message;
    QVERIFY(issues.isEmpty());
    // Without a user name that is an address, a default sender is required.
    s.username = QStringLiteral("ops");
    QVERIFY(validateField(s, SettingKey::FromDefaultEmail).has_value());
    s.defaultSender.email = QStringLiteral("ops@example.com");
    QVERIFY(validate(s).isEmpty());
}

void TestSettings::senderFallsBackToDefaultThenUsername()
{
    MailSettings s;
    s.username = QStringLiteral("ops@example.com");
    QCOMPARE(s.senderFor(Category::Invoice).email, QStringLiteral("ops@example.com"));
    s.defaultSender = {QStringLiteral("noreply@example.com"), QStringLiteral("Example IT")};
    QCOMPARE(s.senderFor(Category::System).email, QStringLiteral("noreply@example.com"));
    s.invoiceSender.email = QStringLiteral("billing@example.com");
    const Sender invoice = s.senderFor(Category::Invoice);
    QCOMPARE(invoice.email, QStringLiteral("billing@example.com"));
    QCOMPARE(invoice.name, QStringLiteral("Example IT")); // name inherited when blank
    QCOMPARE(s.senderFor(Category::Ticket).email, QStringLiteral("noreply@example.com"));
}

void TestSettings::presetsFillServerAndThrottles()
{
    MailSettings s;
    s.username = QStringLiteral("ops@example.com");
    const auto m365 = presetById(QStringLiteral("microsoft365"));
    QVERIFY(m365);
    applyPreset(s, *m365);
    QCOMPARE(s.host, QStringLiteral("smtp.office365.com"));
    QCOMPARE(s.port, 587);
    QCOMPARE(toString(s.encryption), QStringLiteral("starttls"));
    QCOMPARE(s.queue.ratePerMinute, 30);
    QCOMPARE(s.queue.dailyCap, 10000);
    QCOMPARE(s.username, QStringLiteral("ops@example.com"));
    QVERIFY(m365->guidance.contains(QStringLiteral("5.7.139")));
    QVERIFY(detectPreset(s) == Preset::Microsoft365);

    const auto google = presetById(QStringLiteral("google"));
    QVERIFY(google);
    applyPreset(s, *google);
    QCOMPARE(s.host, QStringLiteral("smtp.gmail.com"));
    QCOMPARE(s.queue.dailyCap, 2000);
    QVERIFY(google->guidance.contains(QStringLiteral("5.7.9")));
    QVERIFY(detectPreset(s) == Preset::Google);
    s.host = QStringLiteral("mail.example.com");
    QVERIFY(detectPreset(s) == Preset::Custom);
}

void TestSettings::storeRoundTripKeepsOnlyNonDefaults()
{
    MailSettings s;
    s.host = QStringLiteral("relay.example.net");
    s.port = 465;
    s.encryption = Encryption::Tls;
    s.quoteSender = {QStringLiteral("quotes@example.net"), QStringLiteral("Quotes")};
    s.timeouts.greeting = 7;
    QVERIFY(SettingsStore::save(s).ok());
    const auto loaded = SettingsStore::load();
    QVERIFY(loaded.ok());
    QCOMPARE(loaded.value(), s);

    QSqlQuery q(Database::connection());
    QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM settings WHERE key NOT LIKE 'secret.%'")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), 6); // host, port, encryption, quote email+name, greeting

    QVERIFY(SettingsStore::save(MailSettings{}).ok());
    QCOMPARE(SettingsStore::load().value(), MailSettings{});
}

void TestSettings::secretGoesToOwnerOnlyDatabaseNotSettings()
{
    const QString secret = QStringLiteral("correct horse battery staple");
    const auto written = SecretStore::writePassword(secret);
    QVERIFY(written.ok());
    QVERIFY(written.value() == SecretStore::Backend::Database); // OUTBOUND_NO_KEYCHAIN=1
    QVERIFY(SecretStore::backend() == SecretStore::Backend::Database);
    QCOMPARE(SecretStore::readPassword().value(), secret);

    QSqlQuery q(Database::connection());
    QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM settings WHERE value LIKE '%horse%'")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), 0);

    QVERIFY(SecretStore::erasePassword().ok());
    QCOMPARE(SecretStore::readPassword().value(), QString());
}

void TestSettings::databaseFileIsOwnerOnly()
{
    const QFile::Permissions perms = QFile::permissions(Database::path());
    QCOMPARE(perms & (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteGroup |
                      QFileDevice::WriteOther),
             QFile::Permissions());
    QVERIFY(perms & QFileDevice::ReadOwner);
}

void TestSettings::numbersAreNotNarrowed()
{
    MailSettings s;
    QVERIFY(!s.setValue(SettingKey::SmtpPort, QStringLiteral("4294967883")).ok());
    QCOMPARE(s.port, 587); // unchanged, not 4294967883 mod 2^32
    QVERIFY(!s.setValue(SettingKey::QueueMaxAttempts, QStringLiteral("-4294967290")).ok());
    QCOMPARE(s.queue.maxAttempts, 6);
    QVERIFY(s.setValue(SettingKey::SmtpPort, QStringLiteral(" 2525 ")).ok());
    QCOMPARE(s.port, 2525);
    QVERIFY(s.setValue(SettingKey::QueueMaxMessageBytes, QStringLiteral("10000000000")).ok());
    QCOMPARE(s.queue.maxMessageBytes, Q_INT64_C(10000000000));
}

void TestSettings::caFileIsStoredAbsolute()
{
    MailSettings s;
    QVERIFY(s.setValue(SettingKey::SmtpCaFile, QStringLiteral("certs/ca.pem")).ok());
    QCOMPARE(s.caFile, QDir::current().absoluteFilePath(QStringLiteral("certs/ca.pem")));
    QVERIFY(validateField(s, SettingKey::SmtpCaFile).has_value()); // does not exist
    QVERIFY(s.setValue(SettingKey::SmtpCaFile, QString()).ok());
    QVERIFY(s.caFile.isEmpty());
}

namespace {
// A keychain that takes the call and never answers until the test lets it go.
class SilentKeychain final : public SecretStore::KeychainBackend
{
public:
    std::shared_ptr<QSemaphore> release = std::make_shared<QSemaphore>();
    Result<QString> read(const QString&) override { return wait(); }
    Result<QString> write(const QString&, const QString&) override { return wait(); }
    Result<QString> erase(const QString&) override { return wait(); }

private:
    Result<QString> wait()
    {
        release->acquire();
        return QString();
    }
};

class AnsweringKeychain final : public SecretStore::KeychainBackend
{
public:
    QHash<QString, QString> entries;
    Result<QString> read(const QString& key) override { return entries.value(key); }
    Result<QString> write(const QString& key, const QString& value) override
    {
        entries.insert(key, value);
        return QString();
    }
    Result<QString> erase(const QString& key) override
    {
        entries.remove(key);
        return QString();
    }
};
} // namespace

void TestSettings::keychainCallsAreBounded()
{
    auto silent = std::make_shared<SilentKeychain>();
    SecretStore::setKeychainBackendForTesting(silent, 300);
    QElapsedTimer timer;
    timer.start();
    auto written = SecretStore::writePassword(QStringLiteral("pw-1"));
    QVERIFY(written.ok());
    QVERIFY2(timer.elapsed() < 3000, qPrintable(QString::number(timer.elapsed())));
    QCOMPARE(int(written.value()), int(SecretStore::Backend::Database));
    QVERIFY(SecretStore::lastKeychainProblem().contains(QStringLiteral("did not answer")));
    QCOMPARE(SecretStore::readPassword().value(), QStringLiteral("pw-1"));
    QVERIFY(SecretStore::abandonedKeychainCalls() >= 1);

    // A keychain that answers takes the secret and the database copy goes.
    auto answering = std::make_shared<AnsweringKeychain>();
    SecretStore::setKeychainBackendForTesting(answering);
    written = SecretStore::writePassword(QStringLiteral("pw-2"));
    QVERIFY(written.ok());
    QCOMPARE(int(written.value()), int(SecretStore::Backend::Keychain));
    QVERIFY(SecretStore::lastKeychainProblem().isEmpty());
    QCOMPARE(SecretStore::readPassword().value(), QStringLiteral("pw-2"));

    // Stored in the keychain, which then stops answering: reading fails within the bound, saying why.
    SecretStore::setKeychainBackendForTesting(silent, 300);
    timer.restart();
    auto read = SecretStore::readPassword();
    QVERIFY(!read.ok());
    QVERIFY(timer.elapsed() < 3000);
    QVERIFY(read.error().message.contains(QStringLiteral("did not answer")));
    timer.restart();
    QVERIFY(SecretStore::erasePassword().ok());
    QVERIFY(timer.elapsed() < 3000);

    SecretStore::setKeychainBackendForTesting(nullptr);
    silent->release->release(10); // let the abandoned calls end
}

QTEST_GUILESS_MAIN(TestSettings)
#include "test_settings.moc"
