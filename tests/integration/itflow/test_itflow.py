#!/usr/bin/python3
"""Outbound on a real ITFlow database: a throwaway MariaDB 10.11 loaded with ITFlow's db.sql.

Needs ITFlow's reference files (db.sql) in ../shared/itflow beside the project (CI always has
them; a missing folder fails this test, it is never skipped), MariaDB (tests/support/dbservers.py),
aiosmtpd in /usr/bin/python3 and faketime (Debian's package, scripts/install-deps.sh).

Checked here, in one server's life:
  - a schema version Outbound does not know is refused, naming it and the supported range;
  - `db init` adds only outbound_* tables and leaves ITFlow's tables exactly as they were;
  - the worker refuses while ITFlow's cron job mail_queue would run; takeover disables it;
  - `settings set` / `set-password` / `show` go through ITFlow's own columns (encryption mapping);
  - the OAuth providers both ways: what Outbound writes, ITFlow's page shows as its own save would
    leave it (Microsoft 365 / Google Workspace, fixed endpoint columns cleared), and a row ITFlow's
    page saved reads back in Outbound with the provider's endpoint and ITFlow's sign-in name;
  - rows written exactly as addToMailQueue() writes them (its escaping) and by the raw insert
    (NULL calendar and attachments) are drained to aiosmtpd: HTML + text, the calendar part, the
    attachment's bytes, the row's own From and name;
  - ITFlow's Mail Queue page labels every row right, its retry pass would re-send none of
    Outbound's failed rows, sent rows are blanked; a missing attachment and a path escaping
    uploads/ fail with the reason; send-later waits; ITFlow's own retryable failure is sent;
  - a change made on ITFlow's own settings page reaches a running worker;
  - leases run on the database server's clock: a worker whose clock is five minutes fast
    (libfaketime) neither takes over another worker's live claim nor writes a lease minutes ahead;
  - a suspected direct crontab line is reported; release first settles the rows a dead worker held
    (untried back to queued, accepted to sent, possibly on the wire to interrupted, which ITFlow's
    cron never re-sends) and gives the queue back;
  - an OAuth refresh writes its tokens into ITFlow's columns (expiry in ITFlow's zone) and never
    overwrites a refresh token ITFlow rotated meanwhile;
  - an idle worker beside 50,000 rows of history does not walk the whole table at each poll, and
    still sends a new row at once, a row retried in a window at the next poll and a row resent on
    ITFlow's page at its next walk of the table.

    /usr/bin/python3 test_itflow.py --cli build/src/outbound-cli --itflow ../shared/itflow
"""

import argparse
import asyncio
import datetime
import email
import email.policy
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import zoneinfo

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "support"))
import dbservers  # noqa: E402
from waiting import wait_for_output, wait_until  # noqa: E402

sys.path.insert(0, os.path.join(ROOT, "integration", "oauth"))
import mock_oauth  # noqa: E402

from aiosmtpd.controller import Controller  # noqa: E402

ZONE = "Europe/Berlin"


class Collect:
    def __init__(self):
        self.messages = []
        self.gate = None  # a threading.Event: DATA waits for it (a worker caught holding its claim)
        self.held = threading.Event()

    async def handle_DATA(self, server, session, envelope):
        if self.gate is not None:
            self.held.set()
            await asyncio.get_running_loop().run_in_executor(None, self.gate.wait, 60)
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content))
        return "250 2.0.0 Ok: queued"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def mysqli_escape(value):
    """mysqli_real_escape_string for utf8mb4 on a connection without NO_BACKSLASH_ESCAPES."""
    out = []
    for ch in value:
        out.append({"\0": "\\0", "\n": "\\n", "\r": "\\r", "\\": "\\\\", "'": "\\'", '"': '\\"',
                    "\x1a": "\\Z"}.get(ch, ch))
    return "".join(out)


def add_to_mail_queue_sql(mail):
    """The INSERT addToMailQueue() (functions/app.php) builds, its callers' escaping included."""
    e = {k: mysqli_escape(v) for k, v in mail.items() if isinstance(v, str)}
    attachments = ""
    if mail.get("attachments"):
        attachments = mysqli_escape(json.dumps(mail["attachments"], separators=(",", ":")).replace("/", "\\/"))
    queued_at = f"'{e['queued_at']}'" if mail.get("queued_at") else "CURRENT_TIMESTAMP()"
    return (f"INSERT INTO email_queue SET email_recipient = '{e['recipient']}', email_recipient_name = "
            f"'{e['recipient_name']}', email_from = '{e['from']}', email_from_name = '{e['from_name']}', "
            f"email_subject = '{e['subject']}', email_content = '{e['body']}', email_queued_at = {queued_at}, "
            f"email_cal_str = '{e.get('cal_str', '')}', email_attachments = '{attachments}'")


def itflow_provider_labels(itflow_dir):
    """The choices of the provider select on ITFlow's Settings › Mail page, {value: label}."""
    with open(os.path.join(itflow_dir, "admin", "settings_mail.php"), encoding="utf-8") as f:
        page = f.read()
    select = page[page.index('name="config_smtp_provider"'):]
    select = select[:select.index("</select>")]
    return dict(re.findall(r'<option value="([^"]*)".*?\?>>([^<]+)</option>', select))


def itflow_label(status, attempts):
    """How admin/mail_queue.php labels a row."""
    return {0: "Queued", 1: "Sending", 2: "Failed"}.get(status, "Sent")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cli", required=True)
    parser.add_argument("--itflow", required=True, help="the folder with ITFlow's db.sql")
    args = parser.parse_args()
    db_sql = os.path.join(args.itflow, "db.sql")
    if not os.path.isfile(db_sql):
        print(f"FAIL: ITFlow's schema {db_sql} is missing; these tests need ../shared/itflow beside the project",
              file=sys.stderr)
        sys.exit(1)
    work = tempfile.mkdtemp(prefix="outbound-itflow.")
    itflow_root = os.path.join(work, "itflow")
    os.makedirs(os.path.join(itflow_root, "uploads", "invoices"))
    pdf = os.urandom(3000) + b"%%EOF"
    with open(os.path.join(itflow_root, "uploads", "invoices", "inv-1.pdf"), "wb") as f:
        f.write(pdf)
    with open(os.path.join(itflow_root, "secret.txt"), "w") as f:
        f.write("outside uploads")
    zone = zoneinfo.ZoneInfo(ZONE)
    now_local = datetime.datetime.now(zone)
    offset = now_local.strftime("%z")
    offset = offset[:3] + ":" + offset[3:]

    handler = Collect()
    smtp_port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    try:
        with dbservers.MariaDbServer() as db:
            def sql(statement, session_zone=None):
                return db.database_sql(statement, time_zone=session_zone)

            db.load_sql_file(db_sql)
            sql("INSERT INTO settings SET company_id = 1, config_current_database_version = '2.4.0', "
                f"config_timezone = '{ZONE}', config_enable_cron = 1, config_smtp_provider = 'standard_smtp', "
                "config_smtp_host = 'mail.example.net', config_smtp_port = 587, config_smtp_encryption = 'tls', "
                "config_mail_from_email = 'office@example.com', config_mail_from_name = 'Example IT'")
            passfile = dbservers.write_private_file(os.path.join(work, "dbpass"), db.passfile_line())
            env = dict(os.environ, OUTBOUND_DBPASS_FILE=passfile, OUTBOUND_NO_KEYCHAIN="1")
            url = f"itflow+mariadb://{db.role}@127.0.0.1:{db.port}/{db.database}"

            def cli(*command, check=True, stdin=None):
                result = subprocess.run([args.cli, "--db", url, *command], env=env, capture_output=True, text=True,
                                        timeout=120, input=stdin)
                assert db.password not in result.stdout + result.stderr, "the database password was printed"
                if check:
                    assert result.returncode == 0, f"{' '.join(command)}: {result.returncode} {result.stderr}"
                return result

            # 1. A schema version Outbound does not know.
            refused = cli("queue", "stats", check=False)
            assert refused.returncode == 3, refused
            assert "2.4.0" in refused.stderr and "2.5.7 to 2.6.7" in refused.stderr, refused.stderr
            sql("UPDATE settings SET config_current_database_version = '2.6.7'")

            # 2. db init: Outbound's tables only, ITFlow's untouched.
            def itflow_shape():
                return {t: sql(f"SHOW CREATE TABLE {t}")[0][1] for t in ("email_queue", "settings", "cron_jobs")}
            before = itflow_shape()
            cli("db", "init")
            assert itflow_shape() == before, "db init altered one of ITFlow's tables"
            assert sql("SELECT count(*) FROM information_schema.triggers WHERE trigger_schema = DATABASE()") == [["0"]]
            tables = {r[0] for r in sql("SHOW TABLES")}
            ours = {t for t in tables if t.startswith("outbound_")}
            assert {"outbound_email", "outbound_settings", "outbound_schema_versions", "outbound_workers"} <= ours, ours
            assert "schema_versions" not in tables and "messages" not in tables, tables
            status = json.loads(cli("db", "status", "--json").stdout)
            components = {c["component"]: (c["version"], c["known"]) for c in status["schema"]}
            assert components["itflow_queue"][0] == components["itflow_queue"][1] == 1, components
            assert "queue" not in components, components

            # 3. ITFlow's worker would run (no cron_jobs row yet: its dispatcher seeds it enabled).
            status = cli("itflow", "status")
            assert "ITFlow's own worker drains" in status.stdout, status.stdout
            waiting = cli("worker", "--drain", check=False)
            assert waiting.returncode == 3 and "itflow takeover" in waiting.stderr, waiting.stderr

            # 4. Settings › Mail on ITFlow's row, both ways.
            shown = json.loads(cli("settings", "show", "--json").stdout)
            assert shown["smtp.host"] == "mail.example.net" and shown["smtp.encryption"] == "starttls", shown
            assert shown["from.default.email"] == "office@example.com", shown
            cli("settings", "set", "smtp.encryption", "tls")
            assert sql("SELECT config_smtp_encryption FROM settings") == [["ssl"]]
            cli("settings", "set", "smtp.host", "127.0.0.1", "smtp.port", str(smtp_port), "smtp.encryption", "none",
                "smtp.auth", "none", "from.invoice.email", "billing@example.com", "from.invoice.name", "Acme Billing",
                "queue.max_attempts", "3")
            row = sql("SELECT config_smtp_host, config_smtp_port, config_smtp_encryption, config_smtp_provider, "
                      "config_invoice_from_email, config_invoice_from_name FROM settings")
            assert row == [["127.0.0.1", str(smtp_port), "", "standard_smtp", "billing@example.com", "Acme Billing"]], row
            assert sql("SELECT value FROM outbound_settings WHERE `key` = 'queue.max_attempts'") == [["3"]]
            cli("settings", "set-password", stdin="itflow-smtp-secret\n")
            assert sql("SELECT config_smtp_password FROM settings") == [["itflow-smtp-secret"]]
            text = cli("settings", "show").stdout
            assert "plain text" in text and "itflow-smtp-secret" not in text, text

            # 4b. The OAuth providers through ITFlow's columns, both ways. ITFlow's page offers them in its
            # provider select; saving one there clears the host, port, encryption and password columns (the
            # endpoint is the provider's, the password unused), and its worker signs in as the user name or,
            # when that is empty, as the default sender.
            labels = itflow_provider_labels(args.itflow)
            assert labels["microsoft_oauth"] and labels["google_oauth"], labels
            endpoints = {"microsoft": "smtp.office365.com", "google": "smtp.gmail.com"}
            for provider in ("microsoft", "google"):
                cli("settings", "set", "smtp.auth", "oauth2", "oauth.provider", provider, "smtp.username",
                    "ops@example.com", "oauth.client_id", f"{provider}-client", "oauth.tenant", "contoso.example")
                saved = cli("settings", "set-secret", "oauth.client_secret", stdin=f"{provider}-secret")
                assert "config_mail_oauth_client_secret" in saved.stdout and "config_smtp_password" not in saved.stdout, \
                    saved.stdout
                row = sql("SELECT config_smtp_provider, config_smtp_host, config_smtp_port, config_smtp_encryption, "
                          "COALESCE(config_smtp_password, ''), config_smtp_username, config_mail_oauth_client_id, "
                          "config_mail_oauth_tenant_id, config_mail_oauth_client_secret FROM settings")[0]
                page = [labels[row[0]]] + row[1:]
                assert page == [labels[f"{provider}_oauth"], "", "0", "", "", "ops@example.com", f"{provider}-client",
                                "contoso.example", f"{provider}-secret"], f"ITFlow's page would show {page}"
                shown = json.loads(cli("settings", "show", "--json").stdout)
                assert (shown["smtp.auth"], shown["oauth.provider"], shown["smtp.host"], shown["smtp.port"],
                        shown["smtp.encryption"]) == ("oauth2", provider, endpoints[provider], 587, "starttls"), shown
            # Saved on ITFlow's page, as admin/post/settings_mail.php writes it (no user name given).
            for provider in ("microsoft", "google"):
                sql(f"UPDATE settings SET config_smtp_provider = '{provider}_oauth', config_smtp_host = '', "
                    "config_smtp_port = 0, config_smtp_encryption = '', config_smtp_username = '', "
                    "config_smtp_password = '' WHERE company_id = 1")
                shown = json.loads(cli("settings", "show", "--json").stdout)
                assert (shown["smtp.auth"], shown["oauth.provider"], shown["smtp.host"], shown["smtp.port"],
                        shown["smtp.encryption"], shown["smtp.username"]) == \
                    ("oauth2", provider, endpoints[provider], 587, "starttls", "office@example.com"), shown
            # And back to a plain SMTP login from Outbound.
            cli("settings", "set-secret", "oauth.client_secret", stdin="\n")
            assert sql("SELECT COALESCE(config_mail_oauth_client_secret, '') FROM settings") == [[""]]
            cli("settings", "set", "smtp.auth", "none", "smtp.host", "127.0.0.1", "smtp.port", str(smtp_port),
                "smtp.encryption", "none", "smtp.username", "")
            cli("settings", "set-password", stdin="itflow-smtp-secret\n")
            row = sql("SELECT config_smtp_provider, config_smtp_host, config_smtp_port, config_smtp_encryption, "
                      "config_smtp_password FROM settings")[0]
            assert [labels[row[0]]] + row[1:] == [labels["standard_smtp"], "127.0.0.1", str(smtp_port), "",
                                                  "itflow-smtp-secret"], row
            cli("settings", "set", "itflow.root", itflow_root)

            # 5. Takeover.
            taken = cli("itflow", "takeover")
            assert "cron/mail_queue.php" in taken.stdout, taken.stdout
            assert sql("SELECT cron_job_enabled FROM cron_jobs WHERE cron_job_name = 'mail_queue'") == [["0"]]
            assert "Outbound drains" in cli("itflow", "status").stdout

            # 6. Rows as ITFlow writes them.
            calendar = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:On-site visit\r\n"
                        "UID:ticket-7@itflow\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
            body = "<p>Dear Client O'Neil,</p>\n<p>Invoice \"1\" \\ total 10&nbsp;€ — Grüße</p>"
            sql(add_to_mail_queue_sql({
                "from": "billing@example.com", "from_name": "Acme Billing", "recipient": "client@example.org",
                "recipient_name": "Client O'Neil", "subject": "Invoice 1 for O'Neil \"Ltd\"", "body": body,
                "cal_str": calendar, "attachments": [{"path": "uploads/invoices/inv-1.pdf", "name": "Invoice 1.pdf"}],
            }), session_zone=offset)
            sql("INSERT INTO email_queue SET email_recipient = 'tech@example.org', email_recipient_name = 'Tech', "
                "email_from = 'office@example.com', email_from_name = 'Example IT', email_subject = 'Raw insert', "
                "email_content = '<b>raw</b>'", session_zone=offset)
            later = (now_local + datetime.timedelta(days=1)).strftime("%Y-%m-%d %H:%M:%S")
            for subject, attachments, extra in [
                ("Missing PDF", [{"path": "uploads/invoices/gone.pdf", "name": "gone.pdf"}], {}),
                ("Escaping path", [{"path": "uploads/../secret.txt", "name": "secret.txt"}], {}),
                ("Send later", [], {"queued_at": later}),
                ("Bad recipient", [], {"recipient": "not-an-address"}),
            ]:
                mail = {"from": "office@example.com", "from_name": "Example IT", "recipient": "c@example.org",
                        "recipient_name": "C", "subject": subject, "body": "<p>x</p>", "attachments": attachments}
                mail.update(extra)
                sql(add_to_mail_queue_sql(mail), session_zone=offset)
            # ITFlow's own failure an hour ago, below its retry limit (its retry pass would send it), and a
            # row cancelled on ITFlow's page.
            sql("INSERT INTO email_queue SET email_status = 2, email_attempts = 1, email_failed_at = NOW() - INTERVAL "
                "1 HOUR, email_recipient = 'retry@example.org', email_from = 'office@example.com', email_from_name = "
                "'Example IT', email_subject = 'ITFlow retry', email_content = '<p>again</p>'", session_zone=offset)
            sql("INSERT INTO email_queue SET email_status = 2, email_attempts = 99, email_failed_at = NOW(), "
                "email_recipient = 'cancel@example.org', email_from = 'office@example.com', email_from_name = "
                "'Example IT', email_subject = 'Cancelled in ITFlow', email_content = '<p>no</p>'", session_zone=offset)
            ids = {r[1]: int(r[0]) for r in sql("SELECT email_id, email_subject FROM email_queue")}
            listed = {m["subject"]: m["status"] for m in json.loads(cli("queue", "list", "--json").stdout)}
            assert listed["ITFlow retry"] == "deferred" and listed["Cancelled in ITFlow"] == "cancelled", listed

            # 7. Drain.
            # The worker is told of a settings change at its first look at the revision (as if made on
            # ITFlow's page just now): rows it claimed but had not started go back and must leave anyway.
            sql("UPDATE outbound_settings SET value = 'changed' WHERE `key` = 'itflow.settings_checksum'")
            drained = cli("worker", "--drain", check=False)
            assert drained.returncode in (0, 1), drained.stderr
            wait_until(lambda: len(handler.messages) >= 3, 10, f"three messages at aiosmtpd: {drained.stdout} {drained.stderr}")
            received = {}
            for mail_from, rcpts, raw in handler.messages:
                msg = email.message_from_bytes(raw, policy=email.policy.default)
                received[str(msg["Subject"])] = (mail_from, rcpts, msg)
            assert set(received) == {"Invoice 1 for O'Neil \"Ltd\"", "Raw insert", "ITFlow retry"}, set(received)

            mail_from, rcpts, msg = received["Invoice 1 for O'Neil \"Ltd\""]
            assert mail_from == "billing@example.com" and rcpts == ["client@example.org"], (mail_from, rcpts)
            assert msg["From"].addresses[0].display_name == "Acme Billing", msg["From"]
            assert msg["From"].addresses[0].addr_spec == "billing@example.com", msg["From"]
            assert msg["To"].addresses[0].display_name == "Client O'Neil", msg["To"]
            html = msg.get_body(("html",)).get_content()
            plain = msg.get_body(("plain",)).get_content()
            assert "Invoice \"1\" \\ total" in html and "Grüße" in html, html
            assert "Grüße" in plain and "<p>" not in plain, plain
            parts = {p.get_filename(): p for p in msg.iter_attachments()}
            assert parts["Invoice 1.pdf"].get_content() == pdf, "the attachment's bytes differ"
            ics = [p for p in msg.iter_attachments() if p.get_content_type() == "text/calendar"]
            assert len(ics) == 1, [p.get_content_type() for p in msg.iter_attachments()]
            ics_text = ics[0].get_content()
            ics_text = ics_text.decode() if isinstance(ics_text, bytes) else ics_text
            assert "SUMMARY:On-site visit" in ics_text, ics_text

            mail_from, rcpts, msg = received["Raw insert"]
            assert mail_from == "office@example.com" and msg["From"].addresses[0].display_name == "Example IT"
            assert msg.get_body(("html",)).get_content().strip() == "<b>raw</b>"
            assert not list(msg.iter_attachments()), "the raw insert has no calendar or attachment"

            # 8. What ITFlow's page and cron see.
            rows = {r[0]: r for r in sql("SELECT email_subject, email_status, email_attempts, email_content, "
                                         "COALESCE(email_cal_str, 'NULL'), COALESCE(email_attachments, 'NULL') "
                                         "FROM email_queue")}
            labels = {s: itflow_label(int(r[1]), int(r[2])) for s, r in rows.items()}
            assert labels == {"Invoice 1 for O'Neil \"Ltd\"": "Sent", "Raw insert": "Sent", "ITFlow retry": "Sent",
                              "Missing PDF": "Failed", "Escaping path": "Failed", "Send later": "Queued",
                              "Bad recipient": "Failed", "Cancelled in ITFlow": "Failed"}, labels
            sent = rows["Invoice 1 for O'Neil \"Ltd\""]
            assert sent[3:] == ["", "", ""], f"a sent row keeps its content: {sent}"
            # ITFlow's retry pass (status 2, attempts < 4, failed 30 minutes ago), even a day from now.
            again = sql("SELECT email_subject FROM email_queue WHERE email_status = 2 AND email_attempts < 4 AND "
                        "email_failed_at <= NOW() + INTERVAL 1 DAY")
            assert again == [], f"ITFlow's cron would re-send {again}"
            listed = {m["subject"]: m for m in json.loads(cli("queue", "list", "--json").stdout)}
            assert listed["Missing PDF"]["status"] == "failed" and "gone.pdf" in listed["Missing PDF"]["last_error"], \
                listed["Missing PDF"]
            assert listed["Escaping path"]["status"] == "failed" and "secret.txt" in listed["Escaping path"]["last_error"], \
                listed["Escaping path"]
            assert listed["Bad recipient"]["status"] == "failed" and listed["Bad recipient"]["last_error"], \
                listed["Bad recipient"]
            assert listed["Send later"]["status"] == "queued" and listed["Cancelled in ITFlow"]["status"] == "cancelled"
            assert listed["Raw insert"]["status"] == "sent", listed["Raw insert"]
            shown = json.loads(cli("queue", "show", "--json", str(ids["Missing PDF"])).stdout)
            assert "gone.pdf" in json.dumps(shown), shown

            # A change on ITFlow's own Settings › Mail page reaches a running worker.
            running = subprocess.Popen([args.cli, "--db", url, "worker"], env=env, stdout=subprocess.PIPE,
                                       stderr=subprocess.PIPE, text=True)
            try:
                wait_for_output(running.stdout, "worker running", 20)
                sql("UPDATE settings SET config_mail_from_name = 'Example IT Ltd' WHERE company_id = 1")
                wait_for_output(running.stdout, "saved settings applied", 20)
            finally:
                running.terminate()
                running.communicate(timeout=30)

            # Retry from Outbound puts a failed row back in ITFlow's sense too.
            cli("queue", "retry", str(ids["Missing PDF"]))
            assert sql(f"SELECT email_status FROM email_queue WHERE email_id = {ids['Missing PDF']}") == [["0"]]

            # 9. Leases on the database server's clock (as the shared store's): a worker whose clock runs five
            # minutes fast finds another worker's claim with 60 s of lease left still held, and the lease it
            # writes for its own claim is a minute of the server's time, not six.
            def server_ms():
                return int(sql("SELECT TIMESTAMPDIFF(MICROSECOND, '1970-01-01 00:00:00', UTC_TIMESTAMP(6)) DIV 1000")
                           [0][0])
            sql("INSERT INTO email_queue SET email_status = 1, email_recipient = 'live@example.org', email_from = "
                "'office@example.com', email_from_name = 'Example IT', email_subject = 'Held live', "
                "email_content = '<p>held</p>'", session_zone=offset)
            live = int(sql("SELECT email_id FROM email_queue WHERE email_subject = 'Held live'")[0][0])
            sql("INSERT INTO outbound_email SET email_id = %d, state = 'sending', written_status = 1, "
                "written_attempts = 0, attempts = 0, retry_base = 0, last_error = '', error_json = '', "
                "acceptance = '', refused = '[]', transcript = '', delivered = '', claimed_by = 'live-worker', "
                "claimed_status = 0, claimed_state = 'queued', lease_until = %d, handed_over = 1"
                % (live, server_ms() + 60000))
            sql(add_to_mail_queue_sql({"from": "office@example.com", "from_name": "Example IT",
                                       "recipient": "skew@example.org", "recipient_name": "Skew",
                                       "subject": "Clock skew", "body": "<p>fast clock</p>"}), session_zone=offset)
            skewed = int(sql("SELECT email_id FROM email_queue WHERE email_subject = 'Clock skew'")[0][0])
            handler.held.clear()
            handler.gate = threading.Event()
            fast = subprocess.Popen(["faketime", "-f", "+5m", args.cli, "--db", url, "worker", "--drain", "--lease",
                                     "60"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            try:
                assert handler.held.wait(30), "the fast worker never reached DATA"
                lease, holder = sql(f"SELECT lease_until, claimed_by FROM outbound_email WHERE email_id = {skewed}")[0]
                ahead = int(lease) - server_ms()
                assert 0 < ahead <= 61000, f"the fast worker's lease ends {ahead} ms after the server's now"
                kept = sql(f"SELECT e.email_status, s.claimed_by, s.handed_over FROM email_queue e JOIN "
                           f"outbound_email s ON s.email_id = e.email_id WHERE e.email_id = {live}")
                assert kept == [["1", "live-worker", "1"]], f"the fast worker took over a live claim: {kept}"
            finally:
                handler.gate.set()
                out, err = fast.communicate(timeout=60)
                handler.gate = None
            assert fast.returncode in (0, 1), err  # 1: the retried "Missing PDF" failed again
            assert sql(f"SELECT email_status FROM email_queue WHERE email_id = {skewed}") == [["3"]]
            sql(f"DELETE FROM outbound_email WHERE email_id = {live}; DELETE FROM email_queue WHERE email_id = {live}")

            # 10. A direct crontab line still running ITFlow's worker leaves traces.
            sql("INSERT INTO app_logs SET app_log_category = 'Cron-Mail-Queue', app_log_type = 'info', "
                "app_log_details = 'x', app_log_created_at = NOW() + INTERVAL 1 MINUTE", session_zone=offset)
            assert "crontab line" in cli("itflow", "status").stdout

            # 11. Release: ITFlow's job runs again and Outbound's worker waits. First, rows a worker that
            # died still held (its lease long gone): never handed over, on the wire, accepted.
            held = {}
            for subject, handed in (("Held untried", 0), ("Held on the wire", 1), ("Held accepted", 2)):
                sql("INSERT INTO email_queue SET email_status = 1, email_recipient = 'h@example.org', email_from = "
                    f"'office@example.com', email_from_name = 'Example IT', email_subject = '{subject}', "
                    "email_content = '<p>held</p>'", session_zone=offset)
                email_id = int(sql(f"SELECT email_id FROM email_queue WHERE email_subject = '{subject}'")[0][0])
                sql("INSERT INTO outbound_email SET email_id = %d, state = 'sending', written_status = 1, "
                    "written_attempts = 0, attempts = 0, retry_base = 0, last_error = '', error_json = '', "
                    "acceptance = '', refused = '[]', transcript = '', delivered = '', claimed_by = 'dead-worker', "
                    "claimed_status = 0, claimed_state = 'queued', lease_until = 1, handed_over = %d"
                    % (email_id, handed))
                held[subject] = email_id
            released = cli("itflow", "release")
            assert "enabled again" in released.stdout and "3 message(s)" in released.stdout, released.stdout
            after = {r[0]: (int(r[1]), int(r[2])) for r in sql(
                "SELECT email_subject, email_status, email_attempts FROM email_queue WHERE email_subject LIKE 'Held%'")}
            assert after["Held untried"] == (0, 0), after
            assert after["Held accepted"][0] == 3, after
            assert after["Held on the wire"][0] == 2 and after["Held on the wire"][1] >= 4, after
            states = {m["subject"]: m["status"] for m in json.loads(cli("queue", "list", "--json").stdout)}
            assert states["Held on the wire"] == "interrupted" and states["Held accepted"] == "sent", states
            # ITFlow's cron: its first pass takes status 1 (none left), its retry pass attempts < 4.
            assert sql("SELECT count(*) FROM email_queue WHERE email_status = 1") == [["0"]]
            assert sql("SELECT count(*) FROM email_queue WHERE email_status = 2 AND email_attempts < 4") == [["0"]]
            assert sql("SELECT cron_job_enabled FROM cron_jobs WHERE cron_job_name = 'mail_queue'") == [["1"]]
            again = cli("worker", "--drain", check=False)
            assert again.returncode == 3, again.stderr

            # 12. OAuth: a refresh writes the tokens back into ITFlow's columns (its inbound-mail parser
            # uses them), the expiry in ITFlow's time zone; a refresh token ITFlow rotated meanwhile stays.
            auth = mock_oauth.AuthServer().start()
            try:
                with auth.lock:
                    first = auth.issue()
                cli("settings", "set", "smtp.auth", "oauth2", "smtp.username", "ops@example.com", "oauth.provider",
                    "custom", "oauth.client_id", "outbound-test", "oauth.authorize_url", auth.base + "/authorize",
                    "oauth.token_url", auth.base + "/token", "oauth.scope", "smtp offline_access")
                sql("UPDATE settings SET config_mail_oauth_access_token = 'at-old', "
                    "config_mail_oauth_access_token_expires_at = '2020-01-01 00:00:00', "
                    f"config_mail_oauth_refresh_token = '{first['refresh_token']}'")
                refreshed = cli("oauth", "refresh")
                access, expires, refresh = sql("SELECT config_mail_oauth_access_token, "
                                               "config_mail_oauth_access_token_expires_at, "
                                               "config_mail_oauth_refresh_token FROM settings")[0]
                assert access != "at-old" and auth.token_valid(access), access
                assert refresh in auth.refresh_current and refresh != first["refresh_token"], refresh
                left = datetime.datetime.strptime(expires, "%Y-%m-%d %H:%M:%S").replace(tzinfo=zone) - \
                    datetime.datetime.now(zone)
                assert 3000 < left.total_seconds() <= 3600, f"expiry {expires} is not in {ZONE}"
                assert access not in refreshed.stdout + refreshed.stderr and refresh not in refreshed.stdout
                # ITFlow refreshes while Outbound's request is on its way.
                auth.refresh_delay = 1.0
                asked = len(auth.requests)
                racing = subprocess.Popen([args.cli, "--db", url, "oauth", "refresh"], env=env,
                                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                wait_until(lambda: len(auth.requests) > asked, 20, "Outbound's refresh at the token endpoint")
                sql("UPDATE settings SET config_mail_oauth_refresh_token = 'rt-rotated-by-itflow', "
                    "config_mail_oauth_access_token = 'at-itflow'")
                out, err = racing.communicate(timeout=60)
                assert racing.returncode == 0, err
                kept = sql("SELECT config_mail_oauth_access_token, config_mail_oauth_refresh_token FROM settings")[0]
                assert kept == ["at-itflow", "rt-rotated-by-itflow"], f"ITFlow's rotated tokens were overwritten: {kept}"
            finally:
                auth.stop()

            # 13. An idle worker on years of ITFlow's history. email_queue has no index but its key, so
            # every look at what is due walks the whole table: a worker that did that at each poll kept
            # a core of MariaDB busy. It walks the table at most once a minute (as ITFlow's own job)
            # and otherwise looks from the newest rows on; new rows still go at once, a retry asked in
            # a window too (the queue's revision moved), a resend on ITFlow's page within the minute.
            history = 50000
            cli("settings", "set", "smtp.auth", "none", "smtp.host", "127.0.0.1", "smtp.port", str(smtp_port),
                "smtp.encryption", "none")
            cli("itflow", "takeover")
            sql("INSERT INTO email_queue (email_recipient, email_recipient_name, email_from, email_from_name, "
                "email_subject, email_content, email_queued_at, email_cal_str, email_attachments, email_status, "
                "email_attempts, email_sent_at) SELECT CONCAT('old', seq, '@example.org'), 'Old customer', "
                "'billing@example.com', 'Example IT', CONCAT('Invoice ', seq), '', NOW() - INTERVAL 1 YEAR, '', "
                f"'', 3, 1, NOW() - INTERVAL 1 YEAR FROM seq_1_to_{history}")
            old = [int(r[0]) for r in sql("SELECT email_id FROM email_queue WHERE email_recipient IN "
                                          "('old100@example.org', 'old200@example.org', 'old300@example.org') "
                                          "ORDER BY email_id")]
            # Three old rows ITFlow gave up on (its retry pass stops at 4 attempts).
            sql("UPDATE email_queue SET email_status = 2, email_attempts = 4, email_failed_at = NOW() - INTERVAL 1 "
                f"HOUR, email_content = '<p>Tried again</p>', email_sent_at = NULL WHERE email_id IN {tuple(old)}")

            def rows_read():
                return int(sql("SHOW GLOBAL STATUS LIKE 'Rows_read'")[0][1])

            def start_worker(extra_env):
                return subprocess.Popen([args.cli, "--db", url, "worker"], env=dict(env, **extra_env),
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)

            def stop_worker(proc):
                proc.send_signal(signal.SIGTERM)
                _, err = proc.communicate(timeout=60)
                assert proc.returncode == 0, err

            sent_before = len(handler.messages)
            started = rows_read()
            idle = start_worker({})
            # A row ITFlow adds goes at once (and the worker is past its start, which walks the table).
            sql(add_to_mail_queue_sql({"recipient": "new@example.org", "recipient_name": "New",
                                       "from": "billing@example.com", "from_name": "Example IT",
                                       "subject": "Fresh", "body": "<p>Fresh</p>"}))
            wait_until(lambda: len(handler.messages) > sent_before, 15, "the new row to be sent")
            at_start = rows_read() - started
            # The deliberate window: what the idle worker reads in 6 s of polling every 2 s.
            read_before = rows_read()
            time.sleep(6)
            read = rows_read() - read_before
            assert read < history // 2, f"an idle worker read {read} rows in 6 s beside {history} rows of history"
            # A retry asked in a window (another process) goes at the next poll, not after the minute.
            cli("queue", "retry", str(old[0]))
            wait_until(lambda: sql(f"SELECT email_status FROM email_queue WHERE email_id = {old[0]}") == [["3"]],
                       15, "the row retried in a window to be sent")
            stop_worker(idle)
            # A resend on ITFlow's page touches no Outbound table: the next walk of the whole table
            # finds it (a minute; 2 s here).
            walking = start_worker({"OUTBOUND_TEST_ITFLOW_FULL_LOOK_MS": "2000"})
            sent_before = len(handler.messages)
            sql(add_to_mail_queue_sql({"recipient": "newer@example.org", "recipient_name": "Newer",
                                       "from": "billing@example.com", "from_name": "Example IT",
                                       "subject": "Fresher", "body": "<p>Fresher</p>"}))
            wait_until(lambda: len(handler.messages) > sent_before, 15, "a new row to be sent (the worker has started)")
            sql(f"UPDATE email_queue SET email_status = 0, email_attempts = 3 WHERE email_id = {old[1]}")
            wait_until(lambda: sql(f"SELECT email_status FROM email_queue WHERE email_id = {old[1]}") == [["3"]],
                       20, "the row resent on ITFlow's page to be sent")
            stop_worker(walking)
            # A drain stops after a look at the whole table: a resend on ITFlow's page while it sends
            # goes with it, although its other looks start above the rows it claimed.
            handler.gate = threading.Event()
            handler.held.clear()
            sql(add_to_mail_queue_sql({"recipient": "drained@example.org", "recipient_name": "Drained",
                                       "from": "billing@example.com", "from_name": "Example IT",
                                       "subject": "Drained", "body": "<p>Drained</p>"}))
            draining = subprocess.Popen([args.cli, "--db", url, "worker", "--drain"], env=env,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            assert handler.held.wait(30), "the drain's message did not reach the server"
            sql(f"UPDATE email_queue SET email_status = 0, email_attempts = 3 WHERE email_id = {old[2]}")
            gate, handler.gate = handler.gate, None
            gate.set()
            _, err = draining.communicate(timeout=60)
            assert draining.returncode == 0, err
            assert sql(f"SELECT email_status FROM email_queue WHERE email_id = {old[2]}") == [["3"]], \
                "the drain stopped with a row resent on ITFlow's page still waiting"
            print(f"itflow idle: {read} rows read in 6 s of polling ({at_start} while starting) beside {history} rows "
                  "of history; retried and resent rows sent, also by a drain")
    finally:
        controller.stop()
    print("itflow: version check, db init beside ITFlow's tables, settings on ITFlow's row, takeover, "
          f"{len(handler.messages)} rows drained as ITFlow would send them, page labels, release")


if __name__ == "__main__":
    main()
