#!/usr/bin/python3
"""Draining an ITFlow queue: Outbound's worker against the way ITFlow's own worker sends.

    /usr/bin/python3 bench/itflow/run.py [BUILD_DIR] [--messages 5000] [--reference 400] [--runs 3]
                                         [--connections 4] [--itflow ../shared/itflow] [--statements N]
                                         [--history N]

A throwaway MariaDB (tests/support/dbservers.py) loaded with ITFlow's db.sql; MESSAGES rows of
about 2 KB of HTML written as ITFlow's addToMailQueue() writes them; one Postfix smtp-sink. Each run drains every row:

  outbound   `outbound-cli worker --drain --connections N`, every row's status written to ITFlow's
             email_queue (3 = sent) and Outbound's side table before the worker exits; each run
             checks that all MESSAGES rows are 3.
  reference  ITFlow's pattern (cron/mail_queue.php through PHPMailer): for each message a new
             connection, EHLO, MAIL/RCPT/DATA of the same kind of message, QUIT, then an UPDATE of
             its row; REFERENCE messages with Python's smtplib, the UPDATEs through one `mariadb`
             client session fed by a pipe.
--history N first fills email_queue with N rows ITFlow sent long ago (status 3, content blanked), as a
real installation keeps its whole history in that table (it has no index but its key).
smtp-sink answers AUTH with 250 rather than 235, so neither side signs in (smtp-sink -a): that
leaves out the login ITFlow's worker does per message, which flatters the reference; the ratio is
conservative.

Medians of RUNS, printed as messages per second and as ratios: Outbound / reference (same machine,
same run) and Outbound / 23 msg/s (PHPMailer's rate on this machine class, given in issue 12).
The database server runs without fsync (dbservers.py): the figures are about the work, not the disk.
Each Outbound drain also reports the CPU time per message of the worker, of this run's MariaDB
server and of its smtp-sink (their own processes, read from /proc; other servers on the machine do
not count). --statements N logs every statement of the last Outbound drain (MariaDB's slow query
log with long_query_time 0, prepared statements included) and prints the N that cost the server
most in total, as mariadb-dumpslow sums them (count, time, lock time, rows).
"""

import argparse
import datetime
import os
import re
import smtplib
import statistics
import subprocess
import sys
import tempfile
import time
import zoneinfo
from email.message import EmailMessage

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tests", "support"))
import dbservers  # noqa: E402
from dbservers import free_port  # noqa: E402
from waiting import wait_for_port  # noqa: E402

PHPMAILER_RATE = 23.0
ZONE = "Europe/Berlin"


def body(i):
    para = "<p>Dear customer, please find the details of invoice %d below. Thank you for your business.</p>\n" % i
    return "<html><body>" + para * 20 + "</body></html>"


HZ = os.sysconf("SC_CLK_TCK")


def process_cpu(pid):
    """CPU seconds (user + system, with waited-for children) of one process, from /proc."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            stat = f.read()
    except OSError:
        return 0.0
    fields = stat[stat.rindex(")") + 2:].split()
    return sum(int(v) for v in fields[11:15]) / HZ


def print_statements(path, top, messages):
    """The slow log's statements grouped by shape (numbers, strings and lists folded), by total time."""
    shapes = {}
    with open(path, errors="replace") as f:
        text = f.read()
    for entry in re.split(r"^# Time: .*$|^(?=# User@Host)", text, flags=re.M):
        m = re.search(r"# Query_time: ([0-9.]+)\s+Lock_time: ([0-9.]+)\s+Rows_sent: (\d+)\s+Rows_examined: (\d+)",
                      entry)
        if not m:
            continue
        lines = [line for line in entry.splitlines()
                 if line and not line.startswith("#") and not line.startswith("SET timestamp")
                 and not line.startswith("use ")]
        statement = " ".join(lines)
        shape = re.sub(r"'(?:[^'\\]|\\.|'')*'", "'S'", statement)
        shape = re.sub(r"\b\d+\b", "N", shape)
        shape = re.sub(r"(?:N|'S')(?:\s*,\s*(?:N|'S'))+", "N,..", shape)
        shape = re.sub(r"\((?:N,\.\.|N)\)(?:\s*,\s*\((?:N,\.\.|N)\))+", "(..),..", shape)
        total = shapes.setdefault(shape, [0, 0.0, 0])
        total[0] += 1
        total[1] += float(m.group(1))
        total[2] += int(m.group(4))
    print(f"statements of the last drain by server time (us per message = total / {messages} messages):")
    print("   calls   total ms  us/call  us/msg  rows examined  statement")
    for shape, (calls, seconds, examined) in sorted(shapes.items(), key=lambda kv: -kv[1][1])[:top]:
        print(f"{calls:8d} {seconds * 1e3:10.1f} {seconds * 1e6 / calls:8.1f} {seconds * 1e6 / messages:7.1f} "
              f"{examined:14d}  {shape[:160]}")
    print(f"all: {sum(v[1] for v in shapes.values()) * 1e6 / messages:.1f} us per message", flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("build", nargs="?", default=os.path.join(ROOT, "build"))
    parser.add_argument("--messages", type=int, default=5000)
    parser.add_argument("--reference", type=int, default=400)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--itflow", default=os.path.join(os.path.dirname(ROOT), "shared", "itflow"))
    parser.add_argument("--statements", type=int, default=0)
    parser.add_argument("--history", type=int, default=0)
    args = parser.parse_args()
    cli_path = os.path.join(args.build, "src", "outbound-cli")
    db_sql = os.path.join(args.itflow, "db.sql")
    if not os.path.isfile(db_sql):
        sys.exit(f"ITFlow's schema {db_sql} is missing (../shared/itflow beside the project)")
    work = tempfile.mkdtemp(prefix="outbound-bench-itflow.")
    os.makedirs(os.path.join(work, "itflow", "uploads"))
    sink_port = free_port()
    sink_cmd = ["/usr/sbin/smtp-sink"] + (["-u", "nobody"] if os.getuid() == 0 else []) + [
        "-a", f"127.0.0.1:{sink_port}", "256"]
    sink = subprocess.Popen(sink_cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_port(sink_port)
        with dbservers.MariaDbServer() as db:
            sql = db.database_sql
            db.load_sql_file(db_sql)
            sql("INSERT INTO settings SET company_id = 1, config_current_database_version = '2.6.7', "
                f"config_timezone = '{ZONE}', config_smtp_provider = 'standard_smtp', "
                "config_mail_from_email = 'billing@example.com', config_mail_from_name = 'Example IT'")
            passfile = dbservers.write_private_file(os.path.join(work, "dbpass"), db.passfile_line())
            env = dict(os.environ, OUTBOUND_DBPASS_FILE=passfile, OUTBOUND_NO_KEYCHAIN="1")
            url = f"itflow+mariadb://{db.role}@127.0.0.1:{db.port}/{db.database}"

            def cli(*command, stdin=None, wrap=()):
                result = subprocess.run([*wrap, cli_path, "--db", url, *command], env=env, capture_output=True,
                                        text=True, input=stdin, timeout=900)
                if result.returncode != 0:
                    raise RuntimeError(f"{' '.join(command)}: exit {result.returncode}: {result.stderr}")
                return result

            cli("db", "init")
            cli("itflow", "takeover")
            cli("settings", "set", "smtp.host", "127.0.0.1", "smtp.port", str(sink_port), "smtp.encryption", "none",
                "smtp.auth", "none", "itflow.root", os.path.join(work, "itflow"))

            def fill(count):
                sql("DELETE FROM email_queue; DELETE FROM outbound_email")
                if args.history:
                    sql("INSERT INTO email_queue (email_recipient, email_recipient_name, email_from, email_from_name, "
                        "email_subject, email_content, email_queued_at, email_cal_str, email_attachments, "
                        "email_status, email_attempts, email_sent_at) SELECT CONCAT('old', seq, '@example.org'), "
                        "'Old customer', 'billing@example.com', 'Example IT', CONCAT('Invoice ', seq), '', "
                        f"NOW() - INTERVAL 1 YEAR, '', '', 3, 1, NOW() - INTERVAL 1 YEAR FROM seq_1_to_{args.history}")
                rows = []
                for i in range(count):
                    rows.append(f"('c{i}@example.org', 'Customer {i}', 'billing@example.com', 'Example IT', "
                                f"'Invoice {i}', '{body(i)}', CURRENT_TIMESTAMP(), '', '')")
                for start in range(0, len(rows), 1000):
                    sql("INSERT INTO email_queue (email_recipient, email_recipient_name, email_from, email_from_name, "
                        "email_subject, email_content, email_queued_at, email_cal_str, email_attachments) VALUES "
                        + ",".join(rows[start:start + 1000]))

            outbound, reference, worker_cpu, server_cpu, sink_cpu = [], [], [], [], []
            for run in range(args.runs):
                fill(args.messages)
                slow_log = os.path.join(db.base, f"statements-{run + 1}.log")
                if args.statements and run == args.runs - 1:
                    sql(f"SET GLOBAL slow_query_log_file = '{slow_log}'; SET GLOBAL long_query_time = 0; "
                        "SET GLOBAL log_slow_verbosity = 'query_plan'; SET GLOBAL slow_query_log = 1")
                began = time.monotonic()
                usage = os.times()
                server0, sink0 = process_cpu(db.proc.pid), process_cpu(sink.pid)
                # OUTBOUND_BENCH_WRAP: a profiler to run the worker under, e.g. "perf record -g -o w.perf".
                cli("worker", "--drain", "--connections", str(args.connections),
                    wrap=os.environ.get("OUTBOUND_BENCH_WRAP", "").split())
                seconds = time.monotonic() - began
                after = os.times()
                cpu = (after.children_user - usage.children_user) + (after.children_system - usage.children_system)
                server_cpu.append((process_cpu(db.proc.pid) - server0) * 1e6 / args.messages)
                sink_cpu.append((process_cpu(sink.pid) - sink0) * 1e6 / args.messages)
                if args.statements and run == args.runs - 1:
                    sql("SET GLOBAL slow_query_log = 0")
                    print_statements(slow_log, args.statements, args.messages)
                sent = int(sql("SELECT count(*) FROM email_queue WHERE email_status = 3")[0][0]) - args.history
                if sent != args.messages:
                    raise RuntimeError(f"run {run + 1}: {sent} of {args.messages} rows are sent (3)")
                outbound.append(args.messages / seconds)
                worker_cpu.append(cpu * 1e6 / args.messages)

                # ITFlow's way: one connection, one login, one message, QUIT; then its row's UPDATE.
                zone = zoneinfo.ZoneInfo(ZONE)
                updates = subprocess.Popen(db._database_client(), stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
                began = time.monotonic()
                for i in range(args.reference):
                    msg = EmailMessage()
                    msg["From"] = "Example IT <billing@example.com>"
                    msg["To"] = f"Customer {i} <c{i}@example.org>"
                    msg["Subject"] = f"Invoice {i}"
                    msg.set_content("Dear customer")
                    msg.add_alternative(body(i), subtype="html")
                    with smtplib.SMTP("127.0.0.1", sink_port, timeout=30) as smtp:
                        smtp.ehlo("itflow.example")
                        smtp.send_message(msg)
                    now = datetime.datetime.now(zone).strftime("%Y-%m-%d %H:%M:%S")
                    updates.stdin.write(f"UPDATE email_queue SET email_status = 3, email_sent_at = '{now}' "
                                        f"WHERE email_id = {i + 1};\n")
                updates.stdin.close()
                updates.wait()
                reference.append(args.reference / (time.monotonic() - began))
                print(f"run {run + 1}: outbound {outbound[-1]:.0f} msg/s ({args.messages} rows, "
                      f"{args.connections} connections; CPU per message: worker {worker_cpu[-1]:.0f} us, "
                      f"MariaDB {server_cpu[-1]:.0f} us, smtp-sink {sink_cpu[-1]:.0f} us), "
                      f"reference {reference[-1]:.1f} msg/s", flush=True)
    finally:
        sink.kill()
        sink.wait()
    o, r = statistics.median(outbound), statistics.median(reference)
    load = os.getloadavg()[0]
    print(f"median over {args.runs} runs (load average {load:.1f}):")
    print(f"  outbound-cli worker, {args.connections} connections: {o:.0f} msg/s "
          f"(CPU per message: worker {statistics.median(worker_cpu):.0f} us, MariaDB "
          f"{statistics.median(server_cpu):.0f} us, smtp-sink {statistics.median(sink_cpu):.0f} us)")
    print(f"  one connection per message (ITFlow's way, Python smtplib, no sign-in): {r:.1f} msg/s")
    print(f"  ratio outbound / reference: {o / r:.1f}x")
    print(f"  ratio outbound / PHPMailer's {PHPMAILER_RATE:.0f} msg/s: {o / PHPMAILER_RATE:.1f}x")


if __name__ == "__main__":
    main()
