#include "cli/CliContext.h"
#include "common/Database.h"
#include "diagnosis/Diagnosis.h"
#include "diagnosis/SenderCheck.h"
#include "diagnosis/SettingsProbe.h"
#include "mime/MailAddress.h"
#include "settings/SecretStore.h"
#include "settings/SettingsStore.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace outbound::cli {

namespace {

struct DiagnoseOptions
{
    QString host;
    QString email;
    QList<quint16> ports = SettingsProbe::defaultPorts();
    bool json = false;
    int timeoutSeconds = 10;
    bool timeoutGiven = false;
    QString caFile;
    bool checkSenders = false;
    QString to;
};

// Reads the parsed command line; returns an error sentence when it does not make sense.
QString parseOptions(const CliContext& ctx, DiagnoseOptions& o)
{
    o.host = ctx.value(QStringLiteral("host"));
    o.email = ctx.value(QStringLiteral("email"));
    o.to = ctx.value(QStringLiteral("to"));
    o.json = ctx.isSet(QStringLiteral("json"));
    o.checkSenders = ctx.isSet(QStringLiteral("check-senders"));
    if (ctx.isSet(QStringLiteral("ports"))) {
        o.ports.clear();
        const QString text = ctx.value(QStringLiteral("ports"));
        for (const QString& part : text.split(u',', Qt::SkipEmptyParts)) {
            bool ok = false;
            const int port = part.trimmed().toInt(&ok);
            if (!ok || port < 1 || port > 65535)
                return QCoreApplication::translate("cli", "--ports: \"%1\" is not a port number (1-65535)")
                    .arg(part);
            if (!o.ports.contains(static_cast<quint16>(port)))
                o.ports.append(static_cast<quint16>(port));
        }
        if (o.ports.isEmpty())
            return QCoreApplication::translate("cli", "--ports needs at least one port");
    }
    if (ctx.isSet(QStringLiteral("timeout"))) {
        bool ok = false;
        o.timeoutSeconds = ctx.value(QStringLiteral("timeout")).toInt(&ok);
        if (!ok || o.timeoutSeconds < 1 || o.timeoutSeconds > 600)
            return QCoreApplication::translate("cli",
                                               "--timeout needs a number of seconds between 1 and 600");
        o.timeoutGiven = true;
    }
    if (ctx.isSet(QStringLiteral("ca-file"))) {
        o.caFile = ctx.value(QStringLiteral("ca-file"));
        if (!QFileInfo(o.caFile).isReadable())
            return QCoreApplication::translate("cli", "--ca-file: cannot read %1").arg(o.caFile);
    }
    if (o.checkSenders) {
        if (o.to.isEmpty())
            return QCoreApplication::translate("cli", "diagnose --check-senders needs --to ADDRESS");
        return {};
    }
    if (!o.host.isEmpty() && !o.email.isEmpty())
        return QCoreApplication::translate("cli",
                                           "diagnose takes either --host HOST or --email ADDRESS, not both");
    return {};
}

QString certificateColumn(const PortProbeResult& p)
{
    return p.certificateStatusText(); // typed: "self-signed" only for a certificate issued by itself
}

void printReport(QTextStream& out, const ProbeReport& report)
{
    out << QCoreApplication::translate("cli", "Host %1:").arg(report.host) << u'\n';
    out << QStringLiteral("  %1 %2 %3 %4 %5 %6\n")
               .arg(QCoreApplication::translate("cli", "PORT"), -6)
               .arg(QCoreApplication::translate("cli", "STATUS"), -40)
               .arg(QCoreApplication::translate("cli", "MODE"), -9)
               .arg(QCoreApplication::translate("cli", "CERTIFICATE"), -14)
               .arg(QCoreApplication::translate("cli", "AUTH"), -22)
               .arg(QCoreApplication::translate("cli", "SIZE"));
    for (const PortProbeResult& p : report.ports) {
        const auto mode = p.bestEncryption();
        out << QStringLiteral("  %1 %2 %3 %4 %5 %6\n")
                   .arg(QString::number(p.port), -6)
                   .arg(p.statusText(), -40)
                   .arg(mode ? toString(*mode) : QStringLiteral("-"), -9)
                   .arg(certificateColumn(p), -14)
                   .arg(p.authMechanisms.isEmpty() ? QStringLiteral("-") : p.authMechanisms.join(u' '), -22)
                   .arg(p.sizeLimit > 0 ? QString::number(p.sizeLimit) : QStringLiteral("-"));
    }
    for (const PortProbeResult& p : report.ports) {
        if (!p.greeting.isEmpty())
            out << QCoreApplication::translate("cli", "  %1: greeting: %2").arg(p.port).arg(p.greeting)
                << u'\n';
        if (p.certificateSeen) {
            out << QCoreApplication::translate("cli", "  %1: certificate for %2, expires %3, SHA-256 %4")
                       .arg(p.port)
                       .arg(p.certificateNames.join(QStringLiteral(", ")),
                            p.certificateExpiry.toUTC().toString(Qt::ISODate), p.certificateSha256)
                << u'\n';
            for (const QString& e : p.certificateNotes)
                out << QCoreApplication::translate("cli", "  %1: certificate problem: %2").arg(p.port).arg(e)
                    << u'\n';
        }
        if (!p.startTlsProblem.isEmpty())
            out << QCoreApplication::translate("cli", "  %1: STARTTLS failed: %2")
                       .arg(p.port)
                       .arg(p.startTlsProblem)
                << u'\n';
        if (!p.authMechanismsInClear.isEmpty() && p.authMechanismsInClear != p.authMechanisms)
            out << QCoreApplication::translate("cli", "  %1: sign-in offered before TLS: %2")
                       .arg(p.port)
                       .arg(p.authMechanismsInClear.join(u' '))
                << u'\n';
    }
}

void printRecommendation(QTextStream& out, const ProbeRecommendation& r)
{
    if (!r.found) {
        out << QCoreApplication::translate("cli", "No usable setting found. %1").arg(r.reason) << u'\n';
        return;
    }
    out << QCoreApplication::translate("cli", "Recommended: %1 port %2, encryption %3. %4")
               .arg(r.host)
               .arg(r.port)
               .arg(toString(r.encryption), r.reason)
        << u'\n';
    if (!r.warning.isEmpty())
        out << QCoreApplication::translate("cli", "warning: %1").arg(r.warning) << u'\n';
    out << QCoreApplication::translate("cli", "Apply it with:") << u'\n' << QStringLiteral("  outbound-cli ")
        << r.settingsArguments().join(u' ') << u'\n';
}

// Runs probes for the hosts in parallel on this thread's event loop; returns when all finished.
QList<ProbeReport> probeHosts(const QStringList& hosts, const DiagnoseOptions& o)
{
    QList<ProbeReport> reports(hosts.size());
    int pending = static_cast<int>(hosts.size());
    QList<SettingsProbe*> probes;
    for (qsizetype i = 0; i < hosts.size(); ++i) {
        auto* probe = new SettingsProbe(hosts.at(i), o.ports);
        probe->setOverallTimeoutMs(o.timeoutSeconds * 1000);
        probe->setCaFile(o.caFile);
        QObject::connect(probe, &SettingsProbe::finished, probe,
                         [&reports, &pending, i](const ProbeReport& report) {
                             reports[i] = report;
                             if (--pending == 0)
                                 QCoreApplication::exit(0);
                         });
        probes.append(probe);
    }
    for (SettingsProbe* probe : std::as_const(probes))
        probe->start();
    if (pending > 0)
        QCoreApplication::exec();
    qDeleteAll(probes);
    return reports;
}

} // namespace

int runCheckSenders(CliContext& ctx, const DiagnoseOptions& o)
{
    if (!isValidEmail(o.to.trimmed())) {
        printError(ctx, QCoreApplication::translate("cli", "--to: \"%1\" is not an email address").arg(o.to));
        return ExitUsage;
    }
    // It reads the saved senders: a mistyped --db must not become an empty new database.
    if (const int opened = openDatabase(ctx, true); opened != ExitOk)
        return opened;
    const auto loaded = SettingsStore::load();
    if (!loaded) {
        printError(ctx, loaded.error().message);
        return ExitConfig;
    }
    const MailSettings& settings = loaded.value();
    if (const QList<ValidationIssue> issues = validate(settings); !issues.isEmpty()) {
        printError(ctx, QStringLiteral("%1: %2").arg(settingName(issues.first().key), issues.first().message),
                   QCoreApplication::translate("cli", "fix it with `outbound-cli settings set KEY VALUE`"));
        return ExitConfig;
    }
    const QList<SenderCheckEntry> senders = SenderCheck::distinctSenders(settings);
    if (senders.isEmpty()) {
        printError(ctx, QCoreApplication::translate("cli", "no sender address is configured"),
                   QCoreApplication::translate(
                       "cli", "set one with `outbound-cli settings set from.default.email ADDRESS`"));
        return ExitConfig;
    }
    QString secret;
    if (settings.auth != AuthMethod::None) {
        if (const auto password = SecretStore::readPassword(); password)
            secret = password.value();
    }

    if (settings.auth == AuthMethod::OAuth2) {
        const auto token = oauthAccessToken(settings);
        if (!token)
            return reportOAuthFailure(ctx, token.error(), settings);
        secret = token.value();
    }
    if (microsoftBasicAuthAtRisk(settings) && !o.json)
        ctx.out << QCoreApplication::translate("cli", "warning: %1").arg(microsoftBasicAuthWarning())
                << u'\n';
    SenderCheck check(settings, secret, o.to.trimmed());
    if (o.timeoutGiven)
        check.setTimeouts(PhaseTimeouts::uniform(o.timeoutSeconds));
    SenderCheckReport report;
    QObject::connect(&check, &SenderCheck::finished, &check, [&report](const SenderCheckReport& r) {
        report = r;
        QCoreApplication::exit(0);
    });
    if (!o.json) {
        ctx.out << QCoreApplication::translate(
                       "cli", "Sending a test from %n sender(s) to %1 over one connection to %2 port %3...",
                       nullptr, static_cast<int>(senders.size()))
                       .arg(o.to.trimmed(), settings.host)
                       .arg(settings.port)
                << u'\n';
        ctx.out.flush();
    }
    check.start();
    QCoreApplication::exec();

    if (o.json) {
        ctx.out << QJsonDocument(report.toJson()).toJson(QJsonDocument::Indented);
        return report.allAccepted() ? ExitOk : ExitFailed;
    }
    for (const SenderCheckEntry& e : std::as_const(report.entries)) {
        const QString who =
            QStringLiteral("%1 <%2>").arg(e.categories.join(QStringLiteral(", ")), e.sender.email);
        if (e.accepted) {
            ctx.out << QCoreApplication::translate("cli", "  accepted  %1: %2").arg(who, e.acceptanceLine)
                    << u'\n';
        } else if (!e.attempted || !e.error) {
            ctx.out << QCoreApplication::translate("cli", "  not tried %1").arg(who) << u'\n';
        } else {
            ctx.out << QCoreApplication::translate("cli", "  REFUSED   %1: %2").arg(who, e.error->summary())
                    << u'\n';
            ctx.out << QStringLiteral("            hint: ") << e.hint.text() << u'\n';
        }
    }
    if (report.sessionError) {
        printError(ctx, report.sessionError->summary(), report.sessionHint.text());
        return ExitFailed;
    }
    qsizetype refused = 0;
    for (const SenderCheckEntry& e : std::as_const(report.entries))
        refused += e.accepted ? 0 : 1;
    if (refused == 0) {
        ctx.out << QCoreApplication::translate("cli", "The server accepted every sender.") << u'\n';
        return ExitOk;
    }
    ctx.out << QCoreApplication::translate("cli", "The server refused %1 of %2 sender(s).")
                   .arg(refused)
                   .arg(report.entries.size())
            << u'\n';
    return ExitFailed;
}

int runDiagnose(CliContext& ctx)
{
    DiagnoseOptions o;
    if (const QString problem = parseOptions(ctx, o); !problem.isEmpty()) {
        printError(ctx, problem, QCoreApplication::translate("cli", "outbound-cli diagnose --help"));
        return ExitUsage;
    }
    if (o.checkSenders)
        return runCheckSenders(ctx, o);

    QStringList hosts;
    if (o.host.isEmpty() && o.email.isEmpty()) {
        // Neither given: the host the saved settings send through, the first thing an admin whose
        // mail stopped wants checked. Read only: a mistyped --db must not become a new database.
        if (const int opened = openDatabase(
                ctx, true, QCoreApplication::translate("cli", "or name a server: diagnose --host HOST"));
            opened != ExitOk)
            return opened;
        const auto settings = SettingsStore::load();
        if (!settings) {
            printError(ctx, settings.error().message);
            return ExitConfig;
        }
        if (settings->host.trimmed().isEmpty()) {
            printError(
                ctx, QCoreApplication::translate("cli", "no SMTP host is saved to diagnose"),
                QCoreApplication::translate("cli", "name one: diagnose --host HOST or --email ADDRESS"));
            return ExitUsage;
        }
        hosts << settings->host.trimmed();
        // The saved port first, unless the ports were given.
        if (!ctx.isSet(QStringLiteral("ports"))) {
            const auto saved = static_cast<quint16>(settings->port);
            o.ports.removeAll(saved);
            o.ports.prepend(saved);
        }
    } else if (!o.host.isEmpty()) {
        hosts << o.host.trimmed();
    } else {
        hosts = candidateHosts(o.email);
        if (hosts.isEmpty()) {
            printError(ctx,
                       QCoreApplication::translate("cli", "\"%1\" is not an email address").arg(o.email));
            return ExitUsage;
        }
    }
    if (!o.json) {
        QStringList ports;
        for (quint16 p : std::as_const(o.ports))
            ports << QString::number(p);
        ctx.out << QCoreApplication::translate("cli", "Probing %1 on ports %2 (at most %3 s)...")
                       .arg(hosts.join(QStringLiteral(", ")), ports.join(QStringLiteral(", ")))
                       .arg(o.timeoutSeconds)
                << u'\n';
        ctx.out.flush();
    }
    const QList<ProbeReport> reports = probeHosts(hosts, o);
    // Readiness (issue 9): a probe of Microsoft 365 says that password sign-in is ending.
    bool microsoftHost = false;
    for (const QString& h : std::as_const(hosts)) {
        MailSettings probe;
        probe.host = h;
        probe.username = QStringLiteral("probe");
        microsoftHost = microsoftHost || microsoftBasicAuthAtRisk(probe);
    }

    // The first host (in candidate order) with a usable setting wins.
    ProbeRecommendation best;
    for (const ProbeReport& r : reports) {
        if (r.recommendation.found) {
            best = r.recommendation;
            break;
        }
    }
    if (!best.found && !reports.isEmpty())
        best = reports.first().recommendation;

    if (o.json) {
        QJsonObject root;
        if (!o.email.isEmpty()) {
            root.insert(QStringLiteral("email"), o.email);
            QJsonArray list;
            for (const ProbeReport& r : reports)
                list.append(r.toJson());
            root.insert(QStringLiteral("hosts"), list);
            root.insert(QStringLiteral("recommendation"), best.toJson());
        } else {
            root = reports.first().toJson();
        }
        if (microsoftHost)
            root.insert(QStringLiteral("readiness"), microsoftBasicAuthWarning());
        ctx.out << QJsonDocument(root).toJson(QJsonDocument::Indented);
    } else {
        qint64 elapsed = 0;
        for (const ProbeReport& r : reports) {
            printReport(ctx.out, r);
            elapsed = qMax(elapsed, r.elapsedMs);
        }
        printRecommendation(ctx.out, best);
        if (microsoftHost)
            ctx.out << QCoreApplication::translate("cli", "Note: %1").arg(microsoftBasicAuthWarning())
                    << u'\n';
        ctx.out << QCoreApplication::translate("cli", "Finished in %1 s.").arg(elapsed / 1000.0, 0, 'f', 1)
                << u'\n';
    }
    return best.found ? ExitOk : ExitFailed;
}

} // namespace outbound::cli
