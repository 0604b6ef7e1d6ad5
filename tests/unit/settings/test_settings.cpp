#include "common/Database.h"
#include "common/DatabaseUrl.h"
#include "oauth/ClientAssertion.h"
#include "oauth/OAuthLogin.h"
#include "oauth/OAuthTypes.h"
#include "oauth/TokenStore.h"
#include "settings/MailSettings.h"
#include "settings/SecretStore.h"
#include "settings/SettingsStore.h"

#include <QBuffer>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QRegularExpression>
#include <QSemaphore>
#include <QSqlDatabase>
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
    void databasePasswordInTheKeychain();
    void oauthKeysAndProviderDefaults();
    void oauthMechanismFollowsProvider();
    void oauthSecretsAndTokensStayOutOfSettings();
    void tokenLeaseIsExclusiveAndStoreBumpsVersion();
    void pkceMatchesRfc7636();
    void tokenResponseKeepsOrRotatesRefreshToken();

    // DatabaseUrl and DatabasePassword: what --db / OUTBOUND_DB accept, where the password comes from.
    void databaseUrlParses_data();
    void databaseUrlParses();
    void databaseUrlRefuses_data();
    void databaseUrlRefuses();
    void databaseUrlNeverTakesAPassword_data();
    void databaseUrlNeverTakesAPassword();
    void databaseUrlConfiguresQtDriver();
    void passwordFileMatchesLikeLibpq_data();
    void passwordFileMatchesLikeLibpq();
    void passwordFileReadableByOthersIsRefused();
    void passwordSourcesInOrder();
    void passwordFromStdinLine();
    void passwordDefaultFiles();

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
    // timeout.final_dot: 600 s (issue 8, RFC 5321 4.5.3.2.6) instead of SPEC 1's original 120 s.
    QCOMPARE(s.timeouts, (PhaseTimeouts{15, 30, 60, 60, 600}));
    QVERIFY(!s.pipelineAcrossMessages);
    QVERIFY(!s.toSmtpConfig({}).pipelineAcrossMessages);
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
    // Found by tests/fuzz/fuzz_settings: QHostAddress read this as 0.64.80.183 and dropped the rest.
    QTest::newRow("host with NUL") << "smtp.host"
                                   << QStringLiteral("4214967").append(QChar(0)).append(u"junk")
                                   << "control character";
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

void TestSettings::databaseUrlParses_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("driver");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("database");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("display");

    const auto sqlite = int(DatabaseKind::Sqlite);
    const auto pg = int(DatabaseKind::PostgreSql);
    const auto maria = int(DatabaseKind::MariaDb);
    const auto itflow = int(DatabaseKind::ItflowMariaDb);
    QTest::newRow("path") << "/var/lib/outbound/queue.sqlite" << sqlite << "QSQLITE"
                          << "" << 0 << ""
                          << ""
                          << "/var/lib/outbound/queue.sqlite";
    QTest::newRow("relative path with colon") << "data/a:b.sqlite" << sqlite << "QSQLITE"
                                              << "" << 0 << ""
                                              << ""
                                              << "data/a:b.sqlite";
    QTest::newRow("postgresql") << "postgresql://mailer@db.example.net:6432/outbound" << pg << "QPSQL"
                                << "db.example.net" << 6432 << "outbound"
                                << "mailer"
                                << "postgresql://mailer@db.example.net:6432/outbound";
    QTest::newRow("postgres alias, default port") << "postgres://mailer@db/outbound" << pg << "QPSQL"
                                                  << "db" << 5432 << "outbound"
                                                  << "mailer"
                                                  << "postgresql://mailer@db:5432/outbound";
    QTest::newRow("scheme case") << "PostgreSQL://mailer@db/q" << pg << "QPSQL"
                                 << "db" << 5432 << "q"
                                 << "mailer"
                                 << "postgresql://mailer@db:5432/q";
    QTest::newRow("sslmode") << "postgresql://mailer@db/outbound?sslmode=verify-full&connect_timeout=5" << pg
                             << "QPSQL"
                             << "db" << 5432 << "outbound"
                             << "mailer"
                             << "postgresql://mailer@db:5432/outbound?sslmode=verify-full&connect_timeout=5";
    QTest::newRow("ipv6") << "postgresql://mailer@[::1]:5433/outbound" << pg << "QPSQL"
                          << "::1" << 5433 << "outbound"
                          << "mailer"
                          << "postgresql://mailer@[::1]:5433/outbound";
    QTest::newRow("percent-encoded user") << "postgresql://mail%40ops@db/out" << pg << "QPSQL"
                                          << "db" << 5432 << "out"
                                          << "mail@ops"
                                          << "postgresql://mail%40ops@db:5432/out";
    QTest::newRow("mariadb") << "mariadb://mailer@127.0.0.1:3307/outbound" << maria << "QMYSQL"
                             << "127.0.0.1" << 3307 << "outbound"
                             << "mailer"
                             << "mariadb://mailer@127.0.0.1:3307/outbound";
    QTest::newRow("mysql alias") << "mysql://mailer@db/outbound" << maria << "QMYSQL"
                                 << "db" << 3306 << "outbound"
                                 << "mailer"
                                 << "mariadb://mailer@db:3306/outbound";
    QTest::newRow("itflow") << "itflow+mariadb://itflow@db/itflow" << itflow << "QMYSQL"
                            << "db" << 3306 << "itflow"
                            << "itflow"
                            << "itflow+mariadb://itflow@db:3306/itflow";
}

void TestSettings::databaseUrlParses()
{
    QFETCH(QString, text);
    QFETCH(int, kind);
    const Result<DatabaseUrl> url = DatabaseUrl::parse(text);
    QVERIFY2(url.ok(), qPrintable(url.ok() ? QString() : url.error().message));
    QCOMPARE(int(url->kind()), kind);
    QTEST(url->qtDriverName(), "driver");
    QTEST(url->displayString(), "display");
    if (url->isServer()) {
        QTEST(url->host(), "host");
        QTEST(url->port(), "port");
        QTEST(url->databaseName(), "database");
        QTEST(url->userName(), "user");
        // The display form is itself an address that parses to the same thing.
        const Result<DatabaseUrl> again = DatabaseUrl::parse(url->displayString());
        QVERIFY(again.ok());
        QCOMPARE(again->displayString(), url->displayString());
    } else {
        QCOMPARE(url->path(), text);
    }
}

void TestSettings::databaseUrlRefuses_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("empty") << "  "
                           << "No database";
    QTest::newRow("unknown scheme") << "sqlserver://sa@db/x"
                                    << "sqlserver://";
    QTest::newRow("no user") << "postgresql://db:5432/outbound"
                             << "no user name";
    QTest::newRow("no host") << "postgresql://mailer@/outbound"
                             << "no host";
    QTest::newRow("no database") << "mariadb://mailer@db:3306"
                                 << "name one database";
    QTest::newRow("two path parts") << "mariadb://mailer@db/a/b"
                                    << "name one database";
    QTest::newRow("port zero") << "postgresql://mailer@db:0/outbound"
                               << "between 1 and 65535";
    QTest::newRow("port words") << "postgresql://mailer@db:pg/outbound"
                                << "not a valid URL";
    QTest::newRow("typo in option") << "postgresql://mailer@db/outbound?sslmod=require"
                                    << "sslmod";
    QTest::newRow("bad sslmode") << "postgresql://mailer@db/outbound?sslmode=yes"
                                 << "verify-full";
    QTest::newRow("sslmode on mariadb") << "mariadb://mailer@db/outbound?sslmode=require"
                                        << "connect_timeout";
    QTest::newRow("timeout words") << "mariadb://mailer@db/outbound?connect_timeout=soon"
                                   << "between 1 and 3600";
    QTest::newRow("fragment") << "postgresql://mailer@db/outbound#x"
                              << "'#'";
}

void TestSettings::databaseUrlRefuses()
{
    QFETCH(QString, text);
    QFETCH(QString, mentions);
    const Result<DatabaseUrl> url = DatabaseUrl::parse(text);
    QVERIFY(!url.ok());
    QVERIFY2(url.error().message.contains(mentions), qPrintable(url.error().message));
    QCOMPARE(url.error().key, QStringLiteral("db"));
}

void TestSettings::databaseUrlNeverTakesAPassword_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("file");
    QTest::newRow("postgresql") << "postgresql://mailer:S3cret-pw@db/outbound"
                                << ".pgpass";
    QTest::newRow("empty password") << "postgresql://mailer:@db/outbound"
                                    << ".pgpass";
    QTest::newRow("mariadb") << "mariadb://mailer:S3cret-pw@db:3306/outbound"
                             << "outbound/dbpass";
    QTest::newRow("itflow") << "itflow+mariadb://itflow:S3cret-pw@db/itflow"
                            << "outbound/dbpass";
    QTest::newRow("password with @ and bad port") << "mysql://mailer:S3cret-pw@x@db:99999/outbound"
                                                  << "outbound/dbpass";
}

void TestSettings::databaseUrlNeverTakesAPassword()
{
    QFETCH(QString, text);
    QFETCH(QString, file);
    qunsetenv("PGPASSFILE");
    qunsetenv("OUTBOUND_DBPASS_FILE");
    const Result<DatabaseUrl> url = DatabaseUrl::parse(text);
    QVERIFY(!url.ok());
    const QString message = url.error().message;
    QVERIFY2(!message.contains(QStringLiteral("S3cret")), qPrintable(message));
    // It says where the password goes instead.
    QVERIFY2(message.contains(file), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("--db-password-stdin")), qPrintable(message));
}

void TestSettings::databaseUrlConfiguresQtDriver()
{
    const Result<DatabaseUrl> pg = DatabaseUrl::parse(
        QStringLiteral("postgresql://mailer@db/outbound?sslmode=require&connect_timeout=7"));
    QVERIFY(pg.ok());
    QCOMPARE(pg->connectOptions(), QStringLiteral("sslmode=require connect_timeout=7"));
    const Result<DatabaseUrl> cert = DatabaseUrl::parse(
        QStringLiteral("postgresql://mailer@db/outbound?sslrootcert=/etc/ssl/my%20ca.pem"));
    QVERIFY(cert.ok());
    // No connect_timeout given: 10 s, never the drivers' unbounded wait.
    QCOMPARE(cert->connectOptions(), QStringLiteral("sslrootcert='/etc/ssl/my ca.pem' connect_timeout=10"));
    const Result<DatabaseUrl> plainMaria = DatabaseUrl::parse(QStringLiteral("mariadb://mailer@db/outbound"));
    QVERIFY(plainMaria.ok());
    QCOMPARE(plainMaria->connectOptions(), QStringLiteral("MYSQL_OPT_CONNECT_TIMEOUT=10"));
    const Result<DatabaseUrl> maria =
        DatabaseUrl::parse(QStringLiteral("mariadb://mailer@db/outbound?connect_timeout=3"));
    QVERIFY(maria.ok());
    QCOMPARE(maria->connectOptions(), QStringLiteral("MYSQL_OPT_CONNECT_TIMEOUT=3"));

    // applyTo fills a connection without opening it (no driver needed for the plain setters).
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("url-apply"));
    pg->applyTo(db, QStringLiteral("pw"));
    QCOMPARE(db.hostName(), QStringLiteral("db"));
    QCOMPARE(db.port(), 5432);
    QCOMPARE(db.databaseName(), QStringLiteral("outbound"));
    QCOMPARE(db.userName(), QStringLiteral("mailer"));
    QCOMPARE(db.password(), QStringLiteral("pw"));
    QCOMPARE(db.connectOptions(), QStringLiteral("sslmode=require connect_timeout=7"));
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(QStringLiteral("url-apply"));
}

static void writePrivateFile(const QString& path, const QByteArray& content,
                             QFile::Permissions permissions = QFile::ReadOwner | QFile::WriteOwner)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(content);
    file.close();
    QVERIFY(file.setPermissions(permissions));
}

void TestSettings::passwordFileMatchesLikeLibpq_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("expected"); // "<none>": no line matches
    const QString url = QStringLiteral("postgresql://mailer@db.example:5432/outbound");
    QTest::newRow("exact") << url << QByteArray("db.example:5432:outbound:mailer:pw1\n") << "pw1";
    QTest::newRow("first match wins")
        << url << QByteArray("*:*:*:mailer:first\ndb.example:5432:outbound:mailer:second\n") << "first";
    QTest::newRow("other port skipped")
        << url << QByteArray("db.example:6432:outbound:mailer:no\n*:5432:*:*:yes\n") << "yes";
    QTest::newRow("comment and short line") << url
                                            << QByteArray("# db.example:5432:outbound:mailer:no\n"
                                                          "db.example:5432:outbound\n*:*:*:*:yes\n")
                                            << "yes";
    QTest::newRow("escaped colon and backslash")
        << url << QByteArray("db.example:5432:outbound:mailer:a\\:b\\\\c:d\n") << "a:b\\c:d";
    QTest::newRow("escaped colon in user") << QStringLiteral("postgresql://od%3Ad@db.example/outbound")
                                           << QByteArray("*:*:*:od\\:d:colon-user\n") << "colon-user";
    QTest::newRow("escaped star is literal")
        << url << QByteArray("db.example:5432:\\*:mailer:no\n") << "<none>";
    QTest::newRow("host without case") << url << QByteArray("DB.Example:5432:outbound:mailer:pw\n") << "pw";
    QTest::newRow("user with case") << url << QByteArray("db.example:5432:outbound:Mailer:no\n") << "<none>";
    QTest::newRow("crlf line ends") << url << QByteArray("db.example:5432:outbound:mailer:pw\r\n") << "pw";
    QTest::newRow("no match") << url << QByteArray("other:5432:outbound:mailer:no\n") << "<none>";
    QTest::newRow("mariadb default port") << QStringLiteral("mariadb://mailer@db/outbound")
                                          << QByteArray("db:3306:outbound:mailer:maria\n") << "maria";
}

void TestSettings::passwordFileMatchesLikeLibpq()
{
    QFETCH(QString, address);
    QFETCH(QByteArray, content);
    QFETCH(QString, expected);
    const QString path = m_dir.filePath(QStringLiteral("pgpass-match"));
    writePrivateFile(path, content);
    const Result<DatabaseUrl> url = DatabaseUrl::parse(address);
    QVERIFY(url.ok());
    const Result<std::optional<QString>> password = DatabasePassword::fromFile(path, *url);
    QVERIFY2(password.ok(), qPrintable(password.ok() ? QString() : password.error().message));
    QCOMPARE(password->value_or(QStringLiteral("<none>")), expected);
}

void TestSettings::passwordFileReadableByOthersIsRefused()
{
    const QString path = m_dir.filePath(QStringLiteral("pgpass-open"));
    const Result<DatabaseUrl> url = DatabaseUrl::parse(QStringLiteral("postgresql://mailer@db/outbound"));
    QVERIFY(url.ok());
    for (const QFile::Permissions extra :
         {QFile::Permissions(QFile::ReadGroup), QFile::Permissions(QFile::ReadOther),
          QFile::Permissions(QFile::WriteOther)}) {
        writePrivateFile(path, "*:*:*:*:Secret-in-open-file\n", QFile::ReadOwner | QFile::WriteOwner | extra);
        const Result<std::optional<QString>> password = DatabasePassword::fromFile(path, *url);
        QVERIFY(!password.ok());
        QVERIFY2(password.error().message.contains(QStringLiteral("chmod 600")),
                 qPrintable(password.error().message));
        QVERIFY(!password.error().message.contains(QStringLiteral("Secret")));
    }
    writePrivateFile(path, "*:*:*:*:Secret-in-open-file\n");
    const Result<std::optional<QString>> password = DatabasePassword::fromFile(path, *url);
    QVERIFY(password.ok());
    QCOMPARE(password->value_or(QString()), QStringLiteral("Secret-in-open-file"));

    // A missing file is no error: the server may not want a password.
    const Result<std::optional<QString>> missing =
        DatabasePassword::fromFile(m_dir.filePath(QStringLiteral("no-such-file")), *url);
    QVERIFY(missing.ok());
    QVERIFY(!missing->has_value());
    // A folder in its place is.
    QVERIFY(!DatabasePassword::fromFile(m_dir.path(), *url).ok());
}

void TestSettings::passwordSourcesInOrder()
{
    const QString path = m_dir.filePath(QStringLiteral("pgpass-order"));
    writePrivateFile(path, "*:*:*:*:from-file\n");
    const Result<DatabaseUrl> url = DatabaseUrl::parse(QStringLiteral("postgresql://mailer@db/outbound"));
    QVERIFY(url.ok());
    // stdin wins over the file; the file is not even read then (a refused file does not matter).
    QCOMPARE(DatabasePassword::resolve(*url, QStringLiteral("from-stdin"), path)->value_or(QString()),
             QStringLiteral("from-stdin"));
    QCOMPARE(DatabasePassword::resolve(*url, std::nullopt, path)->value_or(QString()),
             QStringLiteral("from-file"));
    QVERIFY(QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther));
    QVERIFY(DatabasePassword::resolve(*url, QStringLiteral("from-stdin"), path).ok());
    QVERIFY(!DatabasePassword::resolve(*url, std::nullopt, path).ok());

    // $PGPASSFILE is the default file for PostgreSQL, as for psql.
    const QString viaEnv = m_dir.filePath(QStringLiteral("pgpass-env"));
    writePrivateFile(viaEnv, "db:5432:outbound:mailer:from-env-file\n");
    qputenv("PGPASSFILE", viaEnv.toLocal8Bit());
    QCOMPARE(DatabasePassword::resolve(*url, std::nullopt)->value_or(QString()),
             QStringLiteral("from-env-file"));
    qunsetenv("PGPASSFILE");

    // SQLite has no password.
    const Result<DatabaseUrl> file = DatabaseUrl::parse(QStringLiteral("/tmp/q.sqlite"));
    QVERIFY(file.ok());
    QVERIFY(!DatabasePassword::resolve(*file, QStringLiteral("x"), path)->has_value());

    const QString hint = DatabasePassword::passwordHint(*url);
    QVERIFY2(hint.contains(QStringLiteral("db:5432:outbound:mailer:PASSWORD")), qPrintable(hint));
    QVERIFY(hint.contains(QStringLiteral("--db-password-stdin")));
}

void TestSettings::passwordFromStdinLine()
{
    QByteArray data("p\xc3\xa4ss word\r\nsecond line\n");
    QBuffer in(&data);
    QVERIFY(in.open(QIODevice::ReadOnly));
    const Result<QString> password = DatabasePassword::readLine(in);
    QVERIFY(password.ok());
    QCOMPARE(*password, QStringLiteral("p\u00e4ss word"));

    QByteArray empty("\n");
    QBuffer emptyIn(&empty);
    QVERIFY(emptyIn.open(QIODevice::ReadOnly));
    QVERIFY(!DatabasePassword::readLine(emptyIn).ok());
    QByteArray nothing;
    QBuffer nothingIn(&nothing);
    QVERIFY(nothingIn.open(QIODevice::ReadOnly));
    QVERIFY(!DatabasePassword::readLine(nothingIn).ok());
}

void TestSettings::passwordDefaultFiles()
{
    qunsetenv("PGPASSFILE");
    qunsetenv("OUTBOUND_DBPASS_FILE");
    const QByteArray oldXdg = qgetenv("XDG_CONFIG_HOME");
    qunsetenv("XDG_CONFIG_HOME");
    QCOMPARE(DatabasePassword::defaultFile(DatabaseKind::PostgreSql),
             QDir::home().filePath(QStringLiteral(".pgpass")));
    QCOMPARE(DatabasePassword::defaultFile(DatabaseKind::MariaDb),
             QDir::home().filePath(QStringLiteral(".config/outbound/dbpass")));
    qputenv("XDG_CONFIG_HOME", "/srv/conf");
    QCOMPARE(DatabasePassword::defaultFile(DatabaseKind::ItflowMariaDb),
             QStringLiteral("/srv/conf/outbound/dbpass"));
    qputenv("OUTBOUND_DBPASS_FILE", "/run/secrets/dbpass");
    QCOMPARE(DatabasePassword::defaultFile(DatabaseKind::MariaDb), QStringLiteral("/run/secrets/dbpass"));
    qunsetenv("OUTBOUND_DBPASS_FILE");
    if (oldXdg.isEmpty())
        qunsetenv("XDG_CONFIG_HOME");
    else
        qputenv("XDG_CONFIG_HOME", oldXdg);
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

// A server database's password can live in this machine's keychain, under the database's address.
void TestSettings::databasePasswordInTheKeychain()
{
    const QString address = QStringLiteral("postgresql://outbound@db.example.net:5432/outbound");
    SecretStore::setKeychainBackendForTesting(nullptr);
    qputenv("OUTBOUND_NO_KEYCHAIN", "1");
    QVERIFY(!SecretStore::readDatabasePassword(address).has_value());
    QVERIFY(!SecretStore::writeDatabasePassword(address, QStringLiteral("x")).ok()); // says where else
    auto answering = std::make_shared<AnsweringKeychain>();
    SecretStore::setKeychainBackendForTesting(answering);
    QVERIFY(SecretStore::writeDatabasePassword(address, QStringLiteral("s3cr:t\\'")).ok());
    QCOMPARE(answering->entries.value(QStringLiteral("database:") + address), QStringLiteral("s3cr:t\\'"));
    QCOMPARE(SecretStore::readDatabasePassword(address).value_or(QString()), QStringLiteral("s3cr:t\\'"));
    QVERIFY(!SecretStore::readDatabasePassword(address + QStringLiteral("2")).has_value());
    QVERIFY(SecretStore::writeDatabasePassword(address, QString()).ok()); // an empty one erases it
    QVERIFY(!SecretStore::readDatabasePassword(address).has_value());
    SecretStore::setKeychainBackendForTesting(nullptr);
}

void TestSettings::oauthKeysAndProviderDefaults()
{
    MailSettings s;
    QCOMPARE(s.oauth.tenant, QStringLiteral("organizations"));
    for (const char* key : {"oauth.provider", "oauth.flow", "oauth.client_id", "oauth.tenant",
                            "oauth.authorize_url", "oauth.token_url", "oauth.device_url", "oauth.scope",
                            "oauth.mechanism", "oauth.client_certificate"})
        QVERIFY2(settingKeyFromName(QLatin1String(key)).has_value(), key);
    QVERIFY(s.setValue(SettingKey::SmtpAuth, QStringLiteral("oauth2")).ok());
    QCOMPARE(toString(s.auth), toString(AuthMethod::OAuth2));
    QVERIFY(!s.setValue(SettingKey::OAuthProvider, QStringLiteral("yahoo")).ok());
    QVERIFY(!s.setValue(SettingKey::OAuthFlow, QStringLiteral("implicit")).ok());
    QVERIFY(!s.setValue(SettingKey::OAuthMechanism, QStringLiteral("plain")).ok());
    QCOMPARE(s.oauth.effectiveTokenUrl(),
             QStringLiteral("https://login.microsoftonline.com/organizations/oauth2/v2.0/token"));
    QCOMPARE(s.oauth.effectiveScope(), QStringLiteral("https://outlook.office.com/SMTP.Send offline_access"));
    QVERIFY(s.setValue(SettingKey::OAuthTenant, QStringLiteral("contoso.onmicrosoft.com")).ok());
    QVERIFY(s.setValue(SettingKey::OAuthFlow, QStringLiteral("app")).ok());
    QCOMPARE(
        s.oauth.effectiveDeviceUrl(),
        QStringLiteral("https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/devicecode"));
    QCOMPARE(s.oauth.effectiveScope(), QStringLiteral("https://outlook.office365.com/.default"));
    QVERIFY(s.setValue(SettingKey::OAuthProvider, QStringLiteral("google")).ok());
    QCOMPARE(s.oauth.effectiveScope(), QStringLiteral("https://mail.google.com/"));
    QCOMPARE(s.oauth.effectiveAuthorizeUrl(), QStringLiteral("https://accounts.google.com/o/oauth2/v2/auth"));
    // Overrides win (tests, sovereign clouds).
    QVERIFY(s.setValue(SettingKey::OAuthTokenUrl, QStringLiteral("http://127.0.0.1:9/token")).ok());
    QCOMPARE(s.oauth.effectiveTokenUrl(), QStringLiteral("http://127.0.0.1:9/token"));
    // Validation: a client id is needed; Google has no app flow.
    s.host = QStringLiteral("smtp.gmail.com");
    s.username = QStringLiteral("ops@example.com");
    QVERIFY(validateField(s, SettingKey::OAuthClientId).has_value());
    QVERIFY(validateField(s, SettingKey::OAuthFlow).has_value());
    // The presets choose OAuth for their provider.
    MailSettings g;
    applyPreset(g, *presetById(QStringLiteral("google")));
    QCOMPARE(toString(g.auth), toString(AuthMethod::OAuth2));
    QCOMPARE(toString(g.oauth.provider), toString(OAuthProvider::Google));
}

void TestSettings::oauthMechanismFollowsProvider()
{
    MailSettings s;
    s.auth = AuthMethod::OAuth2;
    s.oauth.provider = OAuthProvider::Microsoft;
    SmtpConfig c = s.toSmtpConfig(QStringLiteral("token"));
    QCOMPARE(toString(c.auth), toString(AuthMethod::OAuth2));
    QVERIFY(!c.oauthBearerAllowed); // Microsoft accepts XOAUTH2 only
    s.oauth.provider = OAuthProvider::Google;
    QVERIFY(s.toSmtpConfig(QString()).oauthBearerAllowed);
    s.oauth.mechanism = OAuthMechanism::XOAuth2;
    QCOMPARE(toString(s.toSmtpConfig(QString()).auth), toString(AuthMethod::XOAuth2));
    s.oauth.mechanism = OAuthMechanism::OAuthBearer;
    QCOMPARE(toString(s.toSmtpConfig(QString()).auth), toString(AuthMethod::OAuthBearer));
}

void TestSettings::oauthSecretsAndTokensStayOutOfSettings()
{
    const QString clientSecret = QStringLiteral("client-secret-value-123");
    QVERIFY(SecretStore::writeSecret(TokenStore::kClientSecretName, clientSecret).ok());
    QCOMPARE(SecretStore::readSecret(TokenStore::kClientSecretName).value(), clientSecret);
    TokenSet t;
    t.accessToken = QStringLiteral("access-token-value-456");
    t.refreshToken = QStringLiteral("refresh-token-value-789");
    t.expiresAt = QDateTime::currentDateTimeUtc().addSecs(3600);
    t.account = QStringLiteral("ops@contoso.example");
    QVERIFY(TokenStore::storeLogin(t).ok());
    const auto snap = TokenStore::load();
    QVERIFY(snap.ok());
    QCOMPARE(snap->tokens.refreshToken, t.refreshToken);
    QVERIFY(!snap->signInNeeded);
    // Nothing secret in the settings table (what `settings show` and the window read).
    QSqlQuery q(Database::connection());
    QVERIFY(q.exec(QStringLiteral("SELECT key || '=' || value FROM settings")));
    while (q.next()) {
        const QString row = q.value(0).toString();
        for (const QString& secret : {clientSecret, t.accessToken, t.refreshToken})
            QVERIFY2(!row.contains(secret), qPrintable(row));
    }
    QVERIFY(TokenStore::markSignInNeeded(QStringLiteral("invalid_grant")).ok());
    QVERIFY(TokenStore::load()->signInNeeded);
    QVERIFY(TokenStore::clear().ok());
    QVERIFY(TokenStore::load()->tokens.isEmpty());
    QVERIFY(!TokenStore::load()->signInNeeded);
    QVERIFY(SecretStore::eraseSecret(TokenStore::kClientSecretName).ok());
    QVERIFY(SecretStore::readSecret(TokenStore::kClientSecretName).value().isEmpty());
}

void TestSettings::tokenLeaseIsExclusiveAndStoreBumpsVersion()
{
    QVERIFY(TokenStore::tryLease(QStringLiteral("a"), 60).value());
    QVERIFY(!TokenStore::tryLease(QStringLiteral("b"), 60).value());
    QVERIFY(TokenStore::tryLease(QStringLiteral("a"), 60).value()); // the holder may renew
    const qint64 before = TokenStore::load()->version;
    TokenSet t;
    t.accessToken = QStringLiteral("x");
    t.expiresAt = QDateTime::currentDateTimeUtc().addSecs(60);
    QVERIFY(TokenStore::storeRefreshed(QStringLiteral("a"), t).ok());
    QCOMPARE(TokenStore::load()->version, before + 1);
    QVERIFY(TokenStore::tryLease(QStringLiteral("b"), 60).value()); // released by the store
    QVERIFY(TokenStore::releaseLease(QStringLiteral("b")).ok());
    // An expired lease (a process that died holding it) can be taken over.
    QVERIFY(TokenStore::tryLease(QStringLiteral("dead"), -1).value());
    QVERIFY(TokenStore::tryLease(QStringLiteral("c"), 60).value());
    QVERIFY(TokenStore::releaseLease(QStringLiteral("c")).ok());
    QVERIFY(TokenStore::clear().ok());
}

void TestSettings::pkceMatchesRfc7636()
{
    // RFC 7636 appendix B.
    QCOMPARE(OAuthLogin::challengeFor(QStringLiteral("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")),
             QStringLiteral("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
    const QString a = OAuthLogin::makeVerifier();
    QCOMPARE(a.size(), 43);
    QVERIFY(a != OAuthLogin::makeVerifier());
    QVERIFY(QRegularExpression(QStringLiteral("^[A-Za-z0-9_-]{43}$")).match(a).hasMatch());
}

void TestSettings::tokenResponseKeepsOrRotatesRefreshToken()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    TokenSet previous;
    previous.refreshToken = QStringLiteral("old");
    previous.refreshTokenIssuedAt = now.addDays(-3);
    auto kept = tokenSetFromResponse(
        {{QStringLiteral("access_token"), QStringLiteral("a")}, {QStringLiteral("expires_in"), 2}}, now,
        previous, QStringLiteral("ops@x"));
    QVERIFY(kept.ok());
    QCOMPARE(kept->refreshToken, QStringLiteral("old"));
    QCOMPARE(kept->refreshTokenIssuedAt, previous.refreshTokenIssuedAt);
    QCOMPARE(kept->expiresAt, now.addSecs(2));
    QCOMPARE(kept->account, QStringLiteral("ops@x"));
    auto rotated = tokenSetFromResponse({{QStringLiteral("access_token"), QStringLiteral("a")},
                                         {QStringLiteral("refresh_token"), QStringLiteral("new")}},
                                        now, previous, QString());
    QCOMPARE(rotated->refreshToken, QStringLiteral("new"));
    QCOMPARE(rotated->refreshTokenIssuedAt, now);
    QVERIFY(!tokenSetFromResponse({}, now, previous, QString()).ok());
    QCOMPARE(refreshMarginSeconds(2), 1);
    QCOMPARE(refreshMarginSeconds(3600), 300);
    const TokenSet back = TokenSet::fromJson(rotated->toJson());
    QCOMPARE(back.refreshToken, QStringLiteral("new"));
    QCOMPARE(back.expiresAt, rotated->expiresAt);
}

QTEST_GUILESS_MAIN(TestSettings)
#include "test_settings.moc"
