#!/usr/bin/python3
"""Integration test `itflow_window`: the window as the console of a real ITFlow database.

Starts a throwaway MariaDB (tests/support/dbservers.py) loaded with ITFlow's db.sql (../shared/itflow
beside the project; a missing file fails, it never skips), writes ITFlow's settings row with an empty
provider and a plain-text password, two email_queue rows as addToMailQueue() writes them and ITFlow's
cron job mail_queue enabled, runs `outbound-cli db init`, then the test_gui function itflowWindow
against it (the window reads the settings and the queue, says who drains the queue, keeps Start
sending off until `outbound-cli itflow takeover`). A skipped Qt test counts as a failure here.

With --screenshot DIR it instead opens `outbound --db itflow+mariadb://...` on a 1366x768 Xvfb
screen (scripts/with-display.sh) with the window's --screenshot tool and leaves the pictures in DIR.

    /usr/bin/python3 test_itflow_window.py --test-gui build/tests/gui/app/test_gui \
        --cli build/src/outbound-cli --itflow ../shared/itflow
"""

import argparse
import datetime
import os
import subprocess
import sys
import tempfile
import zoneinfo

HERE = os.path.dirname(os.path.abspath(__file__))
TESTS = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(TESTS, "support"))
import dbservers  # noqa: E402
from guirun import run_on_servers  # noqa: E402

sys.path.insert(0, HERE)
from test_itflow import add_to_mail_queue_sql  # noqa: E402

ZONE = "Europe/Berlin"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--test-gui")
    parser.add_argument("--cli", required=True)
    parser.add_argument("--itflow", required=True, help="the folder with ITFlow's db.sql")
    parser.add_argument("--screenshot", metavar="DIR", help="take the window's screenshots instead")
    parser.add_argument("--outbound", help="the outbound program (for --screenshot)")
    args = parser.parse_args()
    db_sql = os.path.join(args.itflow, "db.sql")
    if not os.path.isfile(db_sql):
        print(f"FAIL: ITFlow's schema {db_sql} is missing; this test needs ../shared/itflow beside the project",
              flush=True)
        return 1

    with tempfile.TemporaryDirectory() as folder, dbservers.MariaDbServer() as db:
        print(f"mariadb up after {db.start_seconds:.1f} s", flush=True)

        # ITFlow's PHP sets its session to config_timezone, so CURRENT_TIMESTAMP() in its inserts is
        # that zone's wall-clock time; this session does the same.
        offset = datetime.datetime.now(zoneinfo.ZoneInfo(ZONE)).strftime("%z")
        offset = offset[:3] + ":" + offset[3:]

        def sql(statement):
            return db.database_sql(statement, time_zone=offset)

        db.load_sql_file(db_sql)
        # ITFlow's sending switched off (no provider), its password in plain text as ITFlow keeps it.
        sql("INSERT INTO settings SET company_id = 1, config_current_database_version = '2.6.7', "
            f"config_timezone = '{ZONE}', config_enable_cron = 1, config_smtp_provider = '', "
            "config_smtp_host = 'mail.example.net', config_smtp_port = 587, config_smtp_encryption = 'tls', "
            "config_smtp_username = 'office@example.com', config_smtp_password = 'itflow-plain-secret', "
            "config_mail_from_email = 'office@example.com', config_mail_from_name = 'Example IT'")
        sql("INSERT INTO cron_jobs SET cron_job_name = 'mail_queue', cron_job_enabled = 1")
        body = "<p>Dear customer,</p><p>your invoice is attached.</p>"
        sql(add_to_mail_queue_sql({
            "from": "billing@example.com", "from_name": "Example IT Billing", "recipient": "client@example.org",
            "recipient_name": "Client O'Neil", "subject": 'Invoice INV-1 from "Example IT"', "body": body}))
        sql(add_to_mail_queue_sql({
            "from": "support@example.com", "from_name": "Example IT Support", "recipient": "user@example.org",
            "recipient_name": "User", "subject": "Ticket [TCK-7] update", "body": "<p>We are on it.</p>"}))

        passfile = dbservers.write_private_file(os.path.join(folder, "dbpass"), db.passfile_line())
        url = f"itflow+mariadb://{db.role}@{db.host}:{db.port}/{db.database}"
        env = dict(os.environ)
        env.update({"OUTBOUND_DBPASS_FILE": passfile, "OUTBOUND_NO_KEYCHAIN": "1", "QT_QPA_PLATFORM": "offscreen",
                    "HOME": folder, "XDG_CONFIG_HOME": os.path.join(folder, "config"),
                    "XDG_DATA_HOME": os.path.join(folder, "data"),
                    "OUTBOUND_TEST_ITFLOW_URL": url, "OUTBOUND_TEST_CLI": args.cli,
                    "LANGUAGE": "en", "LC_ALL": "C.UTF-8"})
        init = subprocess.run([args.cli, "--db", url, "db", "init"], env=env, capture_output=True, text=True,
                              timeout=120)
        print(init.stdout + init.stderr, flush=True)
        if init.returncode != 0:
            print("FAIL outbound-cli db init", flush=True)
            return 1

        if args.screenshot:
            env.pop("QT_QPA_PLATFORM")
            os.makedirs(args.screenshot, exist_ok=True)
            script = os.path.join(os.path.dirname(TESTS), "scripts", "with-display.sh")
            shot = subprocess.run([script, "1366x768", args.outbound, "--db", url, "--screenshot", args.screenshot],
                                  env=env, capture_output=True, text=True, timeout=180)
            print(shot.stdout + shot.stderr, flush=True)
            return shot.returncode

        passed, text = run_on_servers(args.test_gui, "itflowWindow", env, 120)
        if db.password in text or "itflow-plain-secret" in text:
            print("FAIL a secret appeared in the output", flush=True)
            return 1
        if not passed:
            return 1
        print("ok   itflowWindow", flush=True)
        return 0


if __name__ == "__main__":
    sys.exit(main())
