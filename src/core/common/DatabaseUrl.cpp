#include "common/DatabaseUrl.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QIODevice>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QStringList>
#include <QUrl>
#include <QUrlQuery>

namespace outbound {

namespace {

const QStringList kSslModes = {QStringLiteral("disable"),   QStringLiteral("allow"),
                               QStringLiteral("prefer"),    QStringLiteral("require"),
                               QStringLiteral("verify-ca"), QStringLiteral("verify-full")};

std::optional<DatabaseKind> kindForScheme(const QString& scheme)
{
    if (scheme == QLatin1String("postgresql") || scheme == QLatin1String("postgres"))
        return DatabaseKind::PostgreSql;
    if (scheme == QLatin1String("mariadb") || scheme == QLatin1String("mysql"))
        return DatabaseKind::MariaDb;
    if (scheme == QLatin1String("itflow+mariadb"))
        return DatabaseKind::ItflowMariaDb;
    return std::nullopt;
}

QString encodedPart(const QString& text)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(text));
}

// One field of a password-file line, escapes removed. `any` is a bare `*` (as in libpq, `\*` is a
// literal star).
struct PassField
{
    QString value;
    bool any = false;
};

// Takes the field at `pos` up to the next unescaped ':'; false when the line has no further ':'.
bool takeField(const QString& line, qsizetype& pos, PassField& out)
{
    const qsizetype start = pos;
    QString& field = out.value;
    field.clear();
    while (pos < line.size()) {
        const QChar c = line.at(pos);
        if (c == QLatin1Char('\\') && pos + 1 < line.size()) {
            field += line.at(pos + 1);
            pos += 2;
            continue;
        }
        ++pos;
        if (c == QLatin1Char(':')) {
            out.any = line.mid(start, pos - 1 - start) == QLatin1String("*");
            return true;
        }
        field += c;
    }
    return false;
}

QString unescapeRest(const QString& line, qsizetype pos)
{
    QString out;
    for (; pos < line.size(); ++pos) {
        if (line.at(pos) == QLatin1Char('\\') && pos + 1 < line.size())
            ++pos;
        out += line.at(pos);
    }
    return out;
}

bool fieldMatches(const PassField& field, const QString& value, Qt::CaseSensitivity cs = Qt::CaseSensitive)
{
    return field.any || QString::compare(field.value, value, cs) == 0;
}

} // namespace

Result<DatabaseUrl> DatabaseUrl::parse(const QString& input)
{
    const QString text = input.trimmed();
    if (text.isEmpty())
        return Failure{tr("No database given: give a file path or a postgresql:// or mariadb:// address."),
                       QStringLiteral("db")};

    static const QRegularExpression schemePattern(QStringLiteral("^([A-Za-z][A-Za-z0-9+.-]*)://"));
    const QRegularExpressionMatch schemeMatch = schemePattern.match(text);
    DatabaseUrl result;
    if (!schemeMatch.hasMatch()) {
        result.m_kind = DatabaseKind::Sqlite;
        result.m_path = text;
        return result;
    }

    const QString scheme = schemeMatch.captured(1).toLower();
    const std::optional<DatabaseKind> kind = kindForScheme(scheme);
    if (!kind)
        return Failure{tr("Unknown database type \"%1://\": use a file path (SQLite), postgresql://, "
                          "mariadb:// (also mysql://) or itflow+mariadb://.")
                           .arg(scheme),
                       QStringLiteral("db")};
    result.m_kind = *kind;

    // Look at the user part before QUrl does, so that even "user:@host" (an empty password) and
    // addresses QUrl would refuse never get as far as an error text that repeats them.
    const qsizetype authorityStart = schemeMatch.capturedLength(0);
    qsizetype authorityEnd = text.indexOf(QLatin1Char('/'), authorityStart);
    for (const QChar stop : {QLatin1Char('?'), QLatin1Char('#')}) {
        const qsizetype at = text.indexOf(stop, authorityStart);
        if (at >= 0 && (authorityEnd < 0 || at < authorityEnd))
            authorityEnd = at;
    }
    const QString authority = text.mid(authorityStart, authorityEnd < 0 ? -1 : authorityEnd - authorityStart);
    const qsizetype at = authority.lastIndexOf(QLatin1Char('@'));
    if (at >= 0 && authority.left(at).contains(QLatin1Char(':')))
        return Failure{
            tr("The database address contains a password. Addresses are saved and shown (settings, "
               "service files, shell history), so a password is never accepted there: remove it "
               "and put it in %1 (chmod 600), or pass it with --db-password-stdin.")
                .arg(QDir::toNativeSeparators(DatabasePassword::defaultFile(result.m_kind))),
            QStringLiteral("db")};

    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid())
        return Failure{tr("The %1 address is not a valid URL; expected %1://user@host:port/database.")
                           .arg(schemeName(result.m_kind)),
                       QStringLiteral("db")};

    result.m_user = url.userName(QUrl::FullyDecoded);
    if (result.m_user.isEmpty())
        return Failure{tr("The %1 address has no user name; expected %1://user@host:port/database.")
                           .arg(schemeName(result.m_kind)),
                       QStringLiteral("db")};
    result.m_host = url.host(QUrl::FullyDecoded);
    if (result.m_host.isEmpty())
        return Failure{tr("The %1 address has no host; expected %1://user@host:port/database.")
                           .arg(schemeName(result.m_kind)),
                       QStringLiteral("db")};
    const int port = url.port(defaultPort(result.m_kind));
    if (port < 1 || port > 65535)
        return Failure{tr("The port in the database address must be between 1 and 65535."),
                       QStringLiteral("db")};
    result.m_port = port;

    QString path = url.path(QUrl::FullyDecoded);
    if (path.startsWith(QLatin1Char('/')))
        path.remove(0, 1);
    if (path.isEmpty() || path.contains(QLatin1Char('/')))
        return Failure{
            tr("The %1 address must name one database after the host: %1://user@host:port/database.")
                .arg(schemeName(result.m_kind)),
            QStringLiteral("db")};
    result.m_database = path;
    if (url.hasFragment())
        return Failure{tr("The database address must not contain a '#' part."), QStringLiteral("db")};

    const QUrlQuery query(url);
    const QStringList allowed = result.m_kind == DatabaseKind::PostgreSql
                                    ? QStringList{QStringLiteral("sslmode"), QStringLiteral("sslrootcert"),
                                                  QStringLiteral("connect_timeout")}
                                    : QStringList{QStringLiteral("connect_timeout")};
    for (const auto& [key, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (!allowed.contains(key))
            return Failure{tr("Unknown option \"%1\" in the %2 address; known options: %3.")
                               .arg(key, schemeName(result.m_kind), allowed.join(QStringLiteral(", "))),
                           QStringLiteral("db")};
        if (key == QLatin1String("sslmode")) {
            if (!kSslModes.contains(value))
                return Failure{tr("sslmode must be one of %1.").arg(kSslModes.join(QStringLiteral(", "))),
                               QStringLiteral("db")};
            result.m_sslMode = value;
        } else if (key == QLatin1String("sslrootcert")) {
            if (value.isEmpty())
                return Failure{tr("sslrootcert needs the path of a CA certificate file."),
                               QStringLiteral("db")};
            result.m_sslRootCert = value;
        } else if (key == QLatin1String("connect_timeout")) {
            bool ok = false;
            const int seconds = value.toInt(&ok);
            if (!ok || seconds < 1 || seconds > 3600)
                return Failure{tr("connect_timeout must be a number of seconds between 1 and 3600."),
                               QStringLiteral("db")};
            result.m_connectTimeout = seconds;
        }
    }
    return result;
}

QString DatabaseUrl::qtDriverName() const
{
    switch (m_kind) {
    case DatabaseKind::Sqlite:
        return QStringLiteral("QSQLITE");
    case DatabaseKind::PostgreSql:
        return QStringLiteral("QPSQL");
    case DatabaseKind::MariaDb:
    case DatabaseKind::ItflowMariaDb:
        return QStringLiteral("QMYSQL");
    }
    return {};
}

QString DatabaseUrl::connectOptions() const
{
    QStringList options;
    if (m_kind == DatabaseKind::PostgreSql) {
        // QPSQL hands these to libpq's conninfo string, where spaces separate and quotes group.
        const auto quoted = [](QString value) {
            value.replace(QLatin1Char('\\'), QLatin1String("\\\\"))
                .replace(QLatin1Char('\''), QLatin1String("\\'"));
            return QLatin1Char('\'') + value + QLatin1Char('\'');
        };
        if (!m_sslMode.isEmpty())
            options << QStringLiteral("sslmode=") + m_sslMode;
        if (!m_sslRootCert.isEmpty())
            options << QStringLiteral("sslrootcert=") + quoted(m_sslRootCert);
        options << QStringLiteral("connect_timeout=%1").arg(effectiveConnectTimeout());
        return options.join(QLatin1Char(' '));
    }
    if (m_kind == DatabaseKind::MariaDb || m_kind == DatabaseKind::ItflowMariaDb) {
        options << QStringLiteral("MYSQL_OPT_CONNECT_TIMEOUT=%1").arg(effectiveConnectTimeout());
        return options.join(QLatin1Char(';'));
    }
    return {};
}

void DatabaseUrl::applyTo(QSqlDatabase& db, const std::optional<QString>& password) const
{
    if (!isServer()) {
        db.setDatabaseName(m_path);
        return;
    }
    db.setHostName(m_host);
    db.setPort(m_port);
    db.setDatabaseName(m_database);
    db.setUserName(m_user);
    if (password)
        db.setPassword(*password);
    db.setConnectOptions(connectOptions());
}

QString DatabaseUrl::displayString() const
{
    if (!isServer())
        return m_path;
    const QString host =
        m_host.contains(QLatin1Char(':')) ? QLatin1Char('[') + m_host + QLatin1Char(']') : m_host;
    QString text = QStringLiteral("%1://%2@%3:%4/%5")
                       .arg(schemeName(m_kind), encodedPart(m_user), host)
                       .arg(m_port)
                       .arg(encodedPart(m_database));
    QStringList query;
    if (!m_sslMode.isEmpty())
        query << QStringLiteral("sslmode=") + m_sslMode;
    if (!m_sslRootCert.isEmpty())
        query << QStringLiteral("sslrootcert=") + encodedPart(m_sslRootCert);
    if (m_connectTimeout > 0)
        query << QStringLiteral("connect_timeout=%1").arg(m_connectTimeout);
    if (!query.isEmpty())
        text += QLatin1Char('?') + query.join(QLatin1Char('&'));
    return text;
}

int DatabaseUrl::defaultPort(DatabaseKind kind)
{
    switch (kind) {
    case DatabaseKind::PostgreSql:
        return 5432;
    case DatabaseKind::MariaDb:
    case DatabaseKind::ItflowMariaDb:
        return 3306;
    case DatabaseKind::Sqlite:
        break;
    }
    return 0;
}

QString DatabaseUrl::schemeName(DatabaseKind kind)
{
    switch (kind) {
    case DatabaseKind::PostgreSql:
        return QStringLiteral("postgresql");
    case DatabaseKind::MariaDb:
        return QStringLiteral("mariadb");
    case DatabaseKind::ItflowMariaDb:
        return QStringLiteral("itflow+mariadb");
    case DatabaseKind::Sqlite:
        break;
    }
    return {};
}

QString DatabasePassword::defaultFile(DatabaseKind kind)
{
    if (kind == DatabaseKind::PostgreSql) {
        const QString fromEnv = qEnvironmentVariable("PGPASSFILE");
        return fromEnv.isEmpty() ? QDir::home().filePath(QStringLiteral(".pgpass")) : fromEnv;
    }
    const QString fromEnv = qEnvironmentVariable("OUTBOUND_DBPASS_FILE");
    if (!fromEnv.isEmpty())
        return fromEnv;
    QString config = qEnvironmentVariable("XDG_CONFIG_HOME");
    if (config.isEmpty())
        config = QDir::home().filePath(QStringLiteral(".config"));
    return QDir(config).filePath(QStringLiteral("outbound/dbpass"));
}

Result<QString> DatabasePassword::readLine(QIODevice& in)
{
    QByteArray line = in.readLine();
    while (line.endsWith('\n') || line.endsWith('\r'))
        line.chop(1);
    if (line.isEmpty())
        return Failure{tr("No database password on standard input (expected it on the first line)."),
                       QStringLiteral("db-password-stdin")};
    return QString::fromUtf8(line);
}

Result<std::optional<QString>> DatabasePassword::fromFile(const QString& filePath, const DatabaseUrl& url)
{
    const QFileInfo info(filePath);
    if (!info.exists())
        return std::optional<QString>{};
    const QString shown = QDir::toNativeSeparators(filePath);
    if (!info.isFile())
        return Failure{tr("The password file %1 is not a regular file.").arg(shown), QStringLiteral("db")};
    constexpr QFile::Permissions othersMay = QFile::ReadGroup | QFile::WriteGroup | QFile::ExeGroup |
                                             QFile::ReadOther | QFile::WriteOther | QFile::ExeOther;
    if (info.permissions() & othersMay)
        return Failure{tr("The password file %1 can be read or changed by other users, so it is not used; "
                          "make it private with: chmod 600 %1")
                           .arg(shown),
                       QStringLiteral("db")};
    QFile file(filePath);
    if (!file.open(QIODevice::ReadOnly))
        return Failure{tr("Cannot read the password file %1: %2").arg(shown, file.errorString()),
                       QStringLiteral("db")};

    const QString port = QString::number(url.port());
    while (!file.atEnd()) {
        QString line = QString::fromUtf8(file.readLine());
        while (line.endsWith(QLatin1Char('\n')) || line.endsWith(QLatin1Char('\r')))
            line.chop(1);
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        qsizetype pos = 0;
        PassField host, linePort, database, user;
        // Host names compare without case (DNS does); the other fields exactly, as in libpq.
        if (!takeField(line, pos, host) || !takeField(line, pos, linePort) ||
            !takeField(line, pos, database) || !takeField(line, pos, user))
            continue; // fewer than five fields: not an entry
        if (fieldMatches(host, url.host(), Qt::CaseInsensitive) && fieldMatches(linePort, port) &&
            fieldMatches(database, url.databaseName()) && fieldMatches(user, url.userName()))
            return std::optional<QString>{unescapeRest(line, pos)};
    }
    return std::optional<QString>{};
}

Result<std::optional<QString>> DatabasePassword::resolve(const DatabaseUrl& url,
                                                         const std::optional<QString>& fromStdin,
                                                         const QString& fileOverride)
{
    if (!url.isServer())
        return std::optional<QString>{};
    if (fromStdin)
        return fromStdin;
    return fromFile(fileOverride.isEmpty() ? defaultFile(url.kind()) : fileOverride, url);
}

QString DatabasePassword::passwordHint(const DatabaseUrl& url)
{
    return tr("Give the password for %1 with --db-password-stdin, or add the line "
              "\"%2:%3:%4:%5:PASSWORD\" to %6 (chmod 600).")
        .arg(url.displayString(), url.host(), QString::number(url.port()), url.databaseName(), url.userName(),
             QDir::toNativeSeparators(defaultFile(url.kind())));
}

} // namespace outbound
