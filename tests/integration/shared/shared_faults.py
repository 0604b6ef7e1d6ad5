"""Integration tests `shared_faults_*`: many `outbound-cli worker` processes on one server database.

Each scenario gets a database of its own on a throwaway PostgreSQL 15 or MariaDB 10.11 server
(tests/support/dbservers.py), a Postfix smtp-sink that dumps every message it receives into a file
of its own (-d), N small messages enqueued through `outbound-cli enqueue --jsonl`, and 4 worker
processes with 2 connections each. At the end every Message-ID is accounted for on the server side:

  lost        a row that is not `sent` (or `interrupted`), or a `sent` row the sink never received
  duplicate   a Message-ID the sink received more than once whose row is not `interrupted`
  stray       a Message-ID the sink received that no row has
  interrupted at most the connection count of the workers that were disturbed

Scenarios:
  drain    4 workers x 2 connections drain everything (`worker --drain`); nothing disturbed
  kill     one worker gets SIGKILL mid-run; its rows never handed over are requeued after its
           lease ran out and sent by the others; `interrupted` <= its 2 connections
  stop     one worker gets SIGSTOP until the others have taken its rows back (past its lease),
           then SIGCONT: its late writes are refused and it sends nothing it no longer holds
  restart  the database server restarts mid-run: the workers keep their outcomes, reconnect and
           finish; nothing is lost
  stall    one worker whose outcome write waits on a row another session holds: the outcomes that
           come in meanwhile are written as soon as that write lands (3 messages)

Sizes: drain 20,000 messages, stop 10,000 (work must be left when the stopped worker resumes), kill
and restart 3,000 each. Leases are shortened with OUTBOUND_TEST_LEASE_MS (3 s), and a session idle
inside a transaction ends after 1 s (OUTBOUND_TEST_IDLE_TRANSACTION_MS). Waits are conditions polled with
deadlines (SQL as the server's superuser over its unix socket). Two pauses are deliberate: the
SIGSTOP, which lasts until the condition "the others took its rows" holds, and the stall's one
second in which outcomes wait behind the held write.

    /usr/bin/python3 shared_faults.py --cli build/src/outbound-cli [--backend postgresql|mariadb]
        [--messages N] [--drain-messages N] [--stop-messages N] drain kill stop restart stall
"""

import argparse
import glob
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "support"))
import dbservers  # noqa: E402

SMTP_SINK = "/usr/sbin/smtp-sink"
WORKERS = 4
CONNECTIONS = 2
LEASE_MS = 3000
MESSAGE_ID = re.compile(rb"Message-ID:[ \t]*(<[^>\r\n]+>)", re.IGNORECASE)


class ScenarioFailed(Exception):
    pass


def wait_for(what, condition, timeout, interval=0.2):
    """Polls `condition` until it returns a true value; fails after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise ScenarioFailed(f"timed out after {timeout} s waiting for {what}")
        time.sleep(interval)  # poll interval of a condition wait


class Sink:
    """smtp-sink on a free loopback port, one dump file per message it accepted."""

    def __init__(self, folder, data_delay=0):
        self.folder = os.path.join(folder, "sink")
        os.mkdir(self.folder, 0o777)
        os.chmod(self.folder, 0o777)  # smtp-sink drops to `nobody` when we are root
        self.port = dbservers.free_port()
        self.data_delay = data_delay
        self.log = open(os.path.join(folder, "sink.log"), "wb")
        self.start()

    def start(self):
        cmd = [SMTP_SINK, "-d", os.path.join(self.folder, "m.")]
        if self.data_delay:
            cmd += ["-w", str(self.data_delay)]  # seconds before each DATA is answered
        if os.geteuid() == 0:
            cmd += ["-u", "nobody"]
        cmd += [f"127.0.0.1:{self.port}", "256"]
        self.proc = subprocess.Popen(cmd, stdout=self.log, stderr=subprocess.STDOUT)
        wait_for("smtp-sink to listen", self._listening, 10, 0.05)

    def _listening(self):
        if self.proc.poll() is not None:
            raise ScenarioFailed(f"smtp-sink exited with {self.proc.returncode}")
        try:
            socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
            return True
        except OSError:
            return False

    def message_ids(self):
        """Message-ID -> how many times the sink took it. A dump without a header section is a
        transaction still in progress or one that ended before its data (not a delivery)."""
        ids = Counter()
        for path in glob.glob(os.path.join(self.folder, "m.*")):
            with open(path, "rb") as f:
                found = MESSAGE_ID.findall(f.read())
            if len(found) > 1:
                raise ScenarioFailed(f"{path}: {len(found)} Message-IDs in one transaction")
            if found:
                ids[found[0].decode()] += 1
        return ids

    def stop(self):
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()

    def close(self):
        self.stop()
        self.log.close()


class Database:
    """One database of its own on the shared server for a scenario, and SQL as its superuser."""

    def __init__(self, server, name, folder):
        self.server = server
        self.name = name
        if isinstance(server, dbservers.PostgresServer):
            server.superuser_sql(f"CREATE DATABASE {name} OWNER {server.role}")
            self.url = f"postgresql://{server.role}@{server.host}:{server.port}/{name}?sslmode=disable"
            env_name = "PGPASSFILE"
        else:
            server.superuser_sql(
                f"CREATE DATABASE {name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;"
                f"GRANT ALL ON {name}.* TO '{server.role}'@'127.0.0.1';"
                f"GRANT ALL ON {name}.* TO '{server.role}'@'localhost';")
            self.url = f"mariadb://{server.role}@{server.host}:{server.port}/{name}"
            env_name = "OUTBOUND_DBPASS_FILE"

        path = dbservers.write_private_file(os.path.join(folder, "dbpass"), server.passfile_line(database=name))
        self.env = {env_name: path}

    def client(self, *options):
        """psql / mariadb as the server's superuser in this database, tab-separated rows, no headers."""
        if isinstance(self.server, dbservers.PostgresServer):
            return [f"{dbservers.PG_BIN}/psql", "-X", "-q", "-A", "-t", "-F", "\t", "-h", self.server.base, "-p",
                    str(self.server.port), "-U", "postgres", "-d", self.name, "-v", "ON_ERROR_STOP=1", *options]
        return [dbservers.MARIADB_CLIENT, "--no-defaults", f"--socket={self.server._socket()}", "-uroot", "-N", "-B",
                *options, self.name]

    def sql(self, text):
        """Rows of a query as lists of strings (tab-separated output of psql / mariadb)."""
        postgres = isinstance(self.server, dbservers.PostgresServer)
        result = subprocess.run(self.client("-c" if postgres else "-e", text), capture_output=True, text=True,
                                timeout=60)
        if result.returncode != 0:
            return None  # the server is restarting: the caller polls again
        return [line.split("\t") for line in result.stdout.splitlines() if line]

    def activity(self):
        """What the server's sessions are doing (printed when a scenario fails)."""
        if isinstance(self.server, dbservers.PostgresServer):
            rows = self.sql("SELECT pid, state, wait_event_type, wait_event, now() - xact_start, "
                            "left(query, 100) FROM pg_stat_activity WHERE datname = current_database()")
        else:
            rows = self.sql("SELECT id, command, time, state, left(info, 100) FROM information_schema.processlist "
                            "WHERE db = database()")
        return "\n".join("  " + " | ".join(r) for r in rows or [])

    def hold(self, statement):
        """A session of its own that runs `statement` in a transaction and keeps it open (and its
        locks held) until release() is called on what this returns."""
        postgres = isinstance(self.server, dbservers.PostgresServer)
        cmd = self.client() if postgres else self.client("--unbuffered")  # each row as soon as it comes
        session = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        session.stdin.write(f"BEGIN;\n{statement};\n")
        session.stdin.flush()
        if not session.stdout.readline():  # the statement's first row: its locks are taken
            raise ScenarioFailed(f"could not run {statement!r} in a session of its own")

        def release():
            session.stdin.write("COMMIT;\n")
            session.stdin.close()
            session.wait(30)

        return release

    def revision_waits(self):
        """Another session waits to take the queue's revision row (held by hold())."""
        if isinstance(self.server, dbservers.PostgresServer):
            rows = self.sql("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                            "AND datname = current_database() AND query LIKE 'UPDATE queue_state%'")
        else:
            # information_schema.innodb_trx does not list it; the session's statement shows it.
            rows = self.sql("SELECT count(*) FROM information_schema.processlist WHERE db = database() "
                            "AND command = 'Query' AND info LIKE 'UPDATE queue_state%'")
        return rows is not None and rows[0][0] != "0"

    def counts(self):
        rows = self.sql("SELECT status, count(*) FROM messages GROUP BY status")
        return None if rows is None else {status: int(n) for status, n in rows}


class Scenario:
    def __init__(self, args, server, name, folder, messages):
        self.args = args
        self.name = name
        self.folder = os.path.join(folder, name)
        os.mkdir(self.folder)
        self.messages = messages
        self.db = Database(server, f"faults_{name}", self.folder)
        self.env = dict(os.environ, OUTBOUND_NO_KEYCHAIN="1", QT_QPA_PLATFORM="offscreen",
                        OUTBOUND_TEST_LEASE_MS=str(LEASE_MS),
                        # A stopped worker's open transaction ends well within the others' leases.
                        OUTBOUND_TEST_IDLE_TRANSACTION_MS="1000", **self.db.env)
        self.sink = None
        self.workers = []
        self.log_files = []

    def cli(self, *argv, timeout=300):
        result = subprocess.run([self.args.cli, "--db", self.db.url, *argv], env=self.env, capture_output=True,
                                text=True, timeout=timeout)
        if result.returncode != 0:
            raise ScenarioFailed(f"outbound-cli {' '.join(argv)} exited {result.returncode}: {result.stderr}")
        return result.stdout

    def prepare(self, data_delay=0):
        self.sink = Sink(self.folder, data_delay)
        self.cli("db", "init")
        self.cli("settings", "set", "smtp.host", "127.0.0.1", "smtp.port", str(self.sink.port), "smtp.encryption",
                 "none", "smtp.auth", "none", "from.default.email", "office@example.com", "queue.connections",
                 str(CONNECTIONS), "timeout.greeting", "10")
        path = os.path.join(self.folder, "messages.jsonl")
        with open(path, "w") as f:
            for i in range(self.messages):
                f.write(json.dumps({"to": f"user{i}@example.org", "subject": f"{self.name} {i}",
                                    "text": f"Message {i} of the {self.name} scenario.\n"}) + "\n")
        began = time.monotonic()
        self.cli("enqueue", "--jsonl", path, timeout=600)
        print(f"  enqueued {self.messages} in {time.monotonic() - began:.1f} s", flush=True)

    def start_workers(self, drain, count=WORKERS, connections=CONNECTIONS):
        for i in range(count):
            log = open(os.path.join(self.folder, f"worker{i}.log"), "w")
            self.log_files.append(log)
            argv = [self.args.cli, "--db", self.db.url, "worker", "--connections", str(connections)]
            if drain:
                argv.append("--drain")
            self.workers.append(subprocess.Popen(argv, env=self.env, stdout=log, stderr=subprocess.STDOUT))

    def worker_id(self, proc):
        rows = wait_for(f"worker {proc.pid} to register",
                        lambda: self.db.sql(f"SELECT id FROM workers WHERE pid = {proc.pid} AND stopped_at IS NULL"),
                        30)
        return rows[0][0]

    def sent(self):
        counts = self.db.counts()
        return 0 if counts is None else counts.get("sent", 0)

    def settled(self):
        """Every row reached an end: sent, or interrupted (an operator's decision)."""
        counts = self.db.counts()
        if counts is None:
            return False
        return counts.get("sent", 0) + counts.get("interrupted", 0) == self.messages and counts

    def stop_workers(self, timeout=60):
        for p in self.workers:
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + timeout
        for p in self.workers:
            try:
                p.wait(max(1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
                raise ScenarioFailed(f"worker {p.pid} did not stop within {timeout} s after SIGTERM")

    def close(self):
        for p in self.workers:
            if p.poll() is None:
                try:
                    p.send_signal(signal.SIGCONT)
                    p.kill()
                except ProcessLookupError:
                    pass
                p.wait()
        for log in self.log_files:
            log.close()
        if self.sink:
            self.sink.close()

    def log_path(self, i):
        return os.path.join(self.folder, f"worker{i}.log")

    def worker_logs(self):
        text = []
        for i in range(len(self.workers)):
            with open(self.log_path(i), errors="replace") as f:
                lines = f.read().splitlines()
            text.append(f"--- worker {i} (last lines)\n" + "\n".join(lines[-15:]))
        return "\n".join(text)

    def account(self, max_interrupted):
        """Every Message-ID accounted for; returns the figures."""
        received = self.sink.message_ids()
        rows = self.db.sql("SELECT id, status, message_id FROM messages")
        by_mid = {}
        for _id, status, mid in rows:
            by_mid[mid] = status
        lost = [mid for mid, status in by_mid.items() if status not in ("sent", "interrupted")]
        lost += [mid for mid, status in by_mid.items() if status == "sent" and received[mid] == 0]
        dup = [mid for mid, n in received.items() if n > 1 and by_mid.get(mid) != "interrupted"]
        stray = [mid for mid in received if mid not in by_mid]
        interrupted = [mid for mid, status in by_mid.items() if status == "interrupted"]
        figures = {
            "rows": len(by_mid),
            "received": sum(received.values()),
            "lost": len(lost),
            "duplicates": len(dup),
            "stray": len(stray),
            "interrupted": len(interrupted),
            "interrupted_received": sum(received[mid] for mid in interrupted),
        }
        problems = []
        if len(by_mid) != self.messages:
            problems.append(f"{len(by_mid)} rows with distinct Message-IDs, expected {self.messages}")
        if lost:
            problems.append(f"{len(lost)} lost, e.g. {lost[:3]}")
        if dup:
            problems.append(f"{len(dup)} delivered twice outside `interrupted`, e.g. {dup[:3]}")
            quoted = ",".join("'" + mid + "'" for mid in dup[:10])
            for row in self.db.sql("SELECT id, status, attempts, handed_over, (SELECT count(*) FROM attempts a "
                                   f"WHERE a.message = m.id) FROM messages m WHERE message_id IN ({quoted})") or []:
                problems.append("  twice: id %s status %s attempts %s handed_over %s history %s" % tuple(row))
        if stray:
            problems.append(f"{len(stray)} received with no row, e.g. {stray[:3]}")
        if len(interrupted) > max_interrupted:
            problems.append(f"{len(interrupted)} interrupted, at most {max_interrupted} allowed")
        return figures, problems


def scenario_drain(s):
    s.start_workers(drain=True)
    began = time.monotonic()
    for p in s.workers:
        try:
            p.wait(timeout=max(1, 600 - (time.monotonic() - began)))
        except subprocess.TimeoutExpired:
            raise ScenarioFailed("the draining workers did not finish within 600 s")
    seconds = time.monotonic() - began
    codes = [p.returncode for p in s.workers]
    if any(codes):
        raise ScenarioFailed(f"worker exit codes {codes}")
    return {"seconds": round(seconds, 1), "msg_per_s": round(s.messages / seconds)}, 0


def scenario_kill(s):
    s.start_workers(drain=False)
    began = time.monotonic()
    victim = s.workers[0]
    victim_id = s.worker_id(victim)
    wait_for("a quarter of the messages sent", lambda: s.sent() >= s.messages // 4, 300)
    # Kill while it holds rows (claimed, some on the wire).
    held = wait_for("the victim to hold rows",
                    lambda: s.db.sql(f"SELECT count(*) FROM messages WHERE claimed_by = '{victim_id}'")[0][0] != "0"
                    and True, 60, 0.01)
    victim.send_signal(signal.SIGKILL)
    victim.wait()
    rows = s.db.sql(f"SELECT id, handed_over FROM messages WHERE claimed_by = '{victim_id}' AND status = 'sending'")
    held = len(rows)
    on_wire = sum(1 for _, h in rows if h == "1")
    settled = wait_for("every row sent or interrupted", s.settled, 300)
    seconds = time.monotonic() - began
    # The victim's rows never handed over went back and were sent by the others.
    ids = ",".join(r[0] for r in rows) or "0"
    statuses = Counter(st for (st,) in s.db.sql(f"SELECT status FROM messages WHERE id IN ({ids})"))
    s.stop_workers()
    extra = {"seconds": round(seconds, 1), "victim_held": held, "victim_on_wire": on_wire,
             "victim_rows_now": dict(statuses), "final": settled}
    if statuses.get("interrupted", 0) > on_wire:
        raise ScenarioFailed(f"more of the victim's rows interrupted ({statuses}) than were on the wire ({on_wire})")
    return extra, CONNECTIONS


def scenario_stop(s):
    s.start_workers(drain=False)
    began = time.monotonic()
    victim = s.workers[0]
    victim_id = s.worker_id(victim)
    wait_for("a quarter of the messages sent", lambda: s.sent() >= s.messages // 4, 300)
    wait_for("the victim to hold rows",
             lambda: s.db.sql(f"SELECT count(*) FROM messages WHERE claimed_by = '{victim_id}'")[0][0] != "0",
             60, 0.01)
    victim.send_signal(signal.SIGSTOP)
    stopped_at = time.monotonic()
    rows = s.db.sql(f"SELECT id, handed_over FROM messages WHERE claimed_by = '{victim_id}' AND status = 'sending'")
    held = len(rows)
    # The deliberate pause: until its lease ran out and the others took every row it held.
    wait_for("the others to take the stopped worker's rows",
             lambda: s.db.sql(f"SELECT count(*) FROM messages WHERE claimed_by = '{victim_id}'") == [["0"]],
             60)
    paused = time.monotonic() - stopped_at
    if paused * 1000 < LEASE_MS:
        raise ScenarioFailed(f"its rows were taken after {paused:.1f} s, before its lease of {LEASE_MS} ms ran out")
    received_before = sum(s.sink.message_ids().values())
    sent_before = int(s.db.sql(f"SELECT sent FROM workers WHERE id = '{victim_id}'")[0][0])
    victim.send_signal(signal.SIGCONT)
    settled = wait_for("every row sent or interrupted", s.settled, 300)
    seconds = time.monotonic() - began
    # Its late writes were refused: none of the rows it held is recorded as its outcome.
    ids = ",".join(r[0] for r in rows) or "0"
    statuses = Counter(st for (st,) in s.db.sql(f"SELECT status FROM messages WHERE id IN ({ids})"))
    s.stop_workers()
    if victim.returncode != 0:
        raise ScenarioFailed(f"the resumed worker exited {victim.returncode}")
    # What it sent after it resumed (its last heartbeat's count): it went on working.
    sent_after = int(s.db.sql(f"SELECT sent FROM workers WHERE id = '{victim_id}'")[0][0]) - sent_before
    return {"seconds": round(seconds, 1), "paused_s": round(paused, 1), "victim_held": held,
            "victim_sent_after_resume": sent_after,
            "victim_rows_now": dict(statuses), "received_at_resume": received_before, "final": settled}, CONNECTIONS


def scenario_restart(s):
    s.start_workers(drain=False)
    began = time.monotonic()
    wait_for("a quarter of the messages sent", lambda: s.sent() >= s.messages // 4, 300)
    at = s.sent()
    s.db.server.restart()
    restart_seconds = s.db.server.restart_seconds
    settled = wait_for("every row sent or interrupted", s.settled, 300)
    seconds = time.monotonic() - began
    s.stop_workers()
    codes = [p.returncode for p in s.workers]
    if any(codes):
        raise ScenarioFailed(f"worker exit codes {codes}")
    # Reconnecting opens the same connection again: Qt warns when one that queries still use is
    # removed instead, and the admin reading the worker's log would take it for a fault.
    for i in range(len(s.workers)):
        with open(os.path.join(s.folder, f"worker{i}.log"), errors="replace") as f:
            warned = [line for line in f if "still in use" in line]
        if warned:
            raise ScenarioFailed(f"worker {i}'s log has Qt's connection warning: {warned[0].strip()}")
    # A restart loses connections, not outcomes: every worker may have had 2 on the wire.
    return {"seconds": round(seconds, 1), "restart_at_sent": at, "restart_s": round(restart_seconds, 2),
            "final": settled}, WORKERS * CONNECTIONS


def scenario_stall(s):
    """Outcomes that come in while an outcome write waits on the server are written as soon as it
    lands, even when nothing else would write them.

    One worker, one connection, a daily cap as large as the queue, and a sink that answers each
    DATA after a second. Once the worker has claimed, a session holds the queue's revision row, so
    the worker's first outcome write (on its store lane) waits. The sink is then killed: the other
    messages fail or go back, and the worker pauses before connecting again (queue.backoff_initial,
    60 s). The group delay of those outcomes (200 ms) passes while the write waits. When the hold
    ends they must be written at once: no claim would carry them, because the daily cap counts rows
    in `sending` and they keep it reached until they are written."""
    s.cli("settings", "set", "queue.backoff_initial", "60", "queue.daily_cap", str(s.messages))
    s.start_workers(drain=False, count=1, connections=1)
    began = time.monotonic()
    wait_for("the worker to claim", lambda: (s.db.counts() or {}).get("sending", 0) > 0, 30, 0.01)
    release = s.db.hold("SELECT revision FROM queue_state WHERE id = 1 FOR UPDATE")
    try:
        wait_for("the sink to take the first message", lambda: sum(s.sink.message_ids().values()) >= 1, 30, 0.05)
        # The first outcome's write is on its way (its group delay is 200 ms), then held.
        wait_for("the worker's outcome write to wait for the held row", s.db.revision_waits, 10, 0.05)
        s.sink.stop()
        # The one deliberate pause: on loopback the worker learns within milliseconds that the sink
        # is gone and that nothing accepts a new connection; then the group delay of those
        # outcomes passes while the write waits.
        time.sleep(1.0)
        held = s.db.counts()
    finally:
        release()
    released = time.monotonic()
    try:
        wait_for("the outcomes that came in while the write waited to be written",
                 lambda: (lambda counts: counts is not None and counts.get("sending", 0) == 0)(s.db.counts()),
                 5, 0.05)
    except ScenarioFailed as e:
        rows = s.db.sql("SELECT id, status, handed_over, attempts FROM messages ORDER BY id") or []
        raise ScenarioFailed(f"{e} (while held: {held}; now, id status handed_over attempts: {rows})")
    written_s = time.monotonic() - released
    s.stop_workers()
    if s.workers[0].returncode not in (0, 1):  # 1: it stopped with messages not sent, as here
        raise ScenarioFailed(f"the worker exited {s.workers[0].returncode}")
    # The rest goes out once the sink is back, so that every Message-ID is accounted for.
    s.sink.start()
    unsent = [r[0] for r in s.db.sql("SELECT id FROM messages WHERE status <> 'sent'")]
    if unsent:
        s.cli("queue", "retry", *unsent)
    s.cli("worker", "--drain", "--connections", "1")
    # The message whose DATA was waiting for its answer when the sink died may end `interrupted`.
    return {"seconds": round(time.monotonic() - began, 1), "while_held": held,
            "written_after_release_s": round(written_s, 2)}, 1


SCENARIOS = {"drain": scenario_drain, "kill": scenario_kill, "stop": scenario_stop, "restart": scenario_restart,
             "stall": scenario_stall}
# What a scenario's sink and queue look like, when not the default.
SINK_DATA_DELAY = {"stall": 1}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cli", required=True)
    parser.add_argument("--backend", choices=("postgresql", "mariadb"), default="postgresql")
    parser.add_argument("--messages", type=int, default=3000, help="messages per fault scenario")
    parser.add_argument("--drain-messages", type=int, default=20000, help="messages of the drain scenario")
    # Enough that work is left when the stopped worker resumes (it then claims and sends again).
    parser.add_argument("--stop-messages", type=int, default=10000, help="messages of the stop scenario")
    parser.add_argument("scenarios", nargs="+", choices=sorted(SCENARIOS))
    args = parser.parse_args()

    failures = []
    server = dbservers.PostgresServer() if args.backend == "postgresql" else dbservers.MariaDbServer()
    with server, tempfile.TemporaryDirectory(prefix="outbound-shared-faults-") as folder:
        os.chmod(folder, 0o755)  # smtp-sink (nobody) writes its dumps below
        print(f"{args.backend} ready in {server.start_seconds:.2f} s", flush=True)
        for name in args.scenarios:
            count = {"drain": args.drain_messages, "stop": args.stop_messages, "stall": 3}.get(name, args.messages)
            shape = "1 worker x 1 connection" if name == "stall" else f"{WORKERS} workers x {CONNECTIONS} connections"
            print(f"scenario {name}: {count} messages, {shape}, "
                  f"lease {LEASE_MS} ms, {args.backend}", flush=True)
            s = Scenario(args, server, name, folder, count)
            try:
                s.prepare(SINK_DATA_DELAY.get(name, 0))
                extra, max_interrupted = SCENARIOS[name](s)
                figures, problems = s.account(max_interrupted)
                figures.update(extra)
                print(f"  figures: {json.dumps(figures, sort_keys=True)}", flush=True)
                for p in problems:
                    print(f"FAIL {name}: {p}", flush=True)
                    failures.append(f"{name}: {p}")
                if problems:
                    print(s.worker_logs(), flush=True)
                else:
                    print(f"ok   {name}", flush=True)
            except ScenarioFailed as e:
                print(f"FAIL {name}: {e}", flush=True)
                print(f"--- database sessions\n{s.db.activity()}", flush=True)
                print(s.worker_logs(), flush=True)
                failures.append(f"{name}: {e}")
            finally:
                s.close()
    if failures:
        print("FAILED:\n  " + "\n  ".join(failures), flush=True)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
