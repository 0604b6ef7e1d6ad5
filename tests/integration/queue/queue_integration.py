"""Integration tests of the mail queue through outbound-cli against real SMTP servers on loopback.

Run with Debian's /usr/bin/python3 (it has aiosmtpd):
    queue_integration.py --cli build/src/outbound-cli [unittest args, e.g. -k Acceptance]
"""

import argparse
import json
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import unittest

from aiosmtpd.controller import Controller

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "support"))
from waiting import wait_for_output, wait_until  # noqa: E402

CLI = None
SMTP_SINK = "/usr/sbin/smtp-sink"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class SwitchableHandler:
    """An aiosmtpd handler whose answer to RCPT the test changes; records every Message-ID."""

    def __init__(self, log_path=None):
        self.mode = "accept"  # accept | 451 | 550
        self.lock = threading.Lock()
        self.message_ids = []
        self.log = open(log_path, "a", buffering=1) if log_path else None

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.mode == "451":
            return "451 4.3.0 Try again later"
        if self.mode == "550":
            return "550 5.1.1 No such user"
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 Ok"

    async def handle_DATA(self, server, session, envelope):
        content = envelope.original_content or envelope.content
        if isinstance(content, str):
            content = content.encode()
        match = re.search(rb"^Message-ID:\s*(<[^>\r\n]+>)", content, re.IGNORECASE | re.MULTILINE)
        mid = match.group(1).decode() if match else "<none>"
        with self.lock:
            self.message_ids.append(mid)
            if self.log:
                self.log.write(mid + "\n")
        return "250 2.0.0 Ok: queued"


class QueueTestCase(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="outbound-queue-it-")
        self.db = os.path.join(self.dir, "q.sqlite")
        self.env = dict(os.environ, OUTBOUND_NO_KEYCHAIN="1", QT_QPA_PLATFORM="offscreen")
        self.servers = []

    def tearDown(self):
        for stop in reversed(self.servers):
            stop()
        shutil.rmtree(self.dir, ignore_errors=True)

    def cli(self, *args, check=True, timeout=120):
        result = subprocess.run([CLI, "--db", self.db, *args], env=self.env, capture_output=True, text=True,
                                timeout=timeout)
        if check and result.returncode != 0:
            self.fail(f"outbound-cli {' '.join(args)} exited {result.returncode}: {result.stderr}")
        return result

    def configure(self, port, *extra):
        self.cli("settings", "set", "smtp.host", "127.0.0.1", "smtp.port", str(port), "smtp.encryption", "none",
                 "smtp.auth", "none", "from.default.email", "office@example.com", "timeout.greeting", "10",
                 *extra)

    def write_jsonl(self, count, name="messages.jsonl", body_size=1500):
        path = os.path.join(self.dir, name)
        body = ("Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * (body_size // 57 + 1))[:body_size]
        with open(path, "w") as f:
            for i in range(count):
                f.write(json.dumps({"to": f"user{i}@example.org", "subject": f"Message {i}", "text": body,
                                    "category": "invoice" if i % 2 else "system"}) + "\n")
        return path

    def stats(self):
        return json.loads(self.cli("queue", "stats", "--json").stdout)

    def start_aiosmtpd(self, handler):
        port = free_port()
        controller = Controller(handler, hostname="127.0.0.1", port=port)
        controller.start()
        self.servers.append(controller.stop)
        return port

    def rows(self):
        con = sqlite3.connect(f"file:{self.db}?mode=ro", uri=True)
        try:
            return con.execute("SELECT id, status, attempts, message_id, next_attempt_at, last_attempt_at "
                               "FROM messages ORDER BY id").fetchall()
        finally:
            con.close()


class Acceptance(QueueTestCase):
    def test_5000_messages_through_smtp_sink(self):
        port = free_port()
        cmd = [SMTP_SINK, "-c"]
        if os.geteuid() == 0:
            cmd += ["-u", "nobody"]
        cmd += [f"127.0.0.1:{port}", "256"]
        # Counters go to a file: a pipe nobody reads would fill up and stall the sink.
        sink_log = open(os.path.join(self.dir, "sink.log"), "wb")
        sink = subprocess.Popen(cmd, stdout=sink_log, stderr=subprocess.STDOUT)
        self.servers.append(sink_log.close)
        self.servers.append(lambda: (sink.kill(), sink.wait()))
        deadline = time.time() + 10
        while time.time() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.05)
        self.configure(port)
        jsonl = self.write_jsonl(5000)
        out = self.cli("enqueue", "--jsonl", jsonl).stdout
        self.assertIn("5000", out)
        self.assertEqual(self.stats()["queued"], 5000)
        worker = self.cli("worker", "--drain", timeout=300)
        self.assertIn("sent 5000", worker.stdout)
        stats = self.stats()
        self.assertEqual(stats["sent"], 5000, stats)
        self.assertEqual(stats["total"], 5000, stats)
        # smtp-sink -c prints running counters; its last mesg= is the number it received.
        sink.kill()
        sink.wait(timeout=10)
        sink_log.flush()
        with open(os.path.join(self.dir, "sink.log"), "rb") as f:
            output = f.read().decode(errors="replace")
        counts = [int(n) for n in re.findall(r"mesg=(\d+)", output)]
        self.assertTrue(counts, "smtp-sink printed no counters")
        self.assertEqual(max(counts), 5000)

    def test_bad_jsonl_line_writes_nothing_of_its_batch(self):
        self.configure(free_port())
        path = os.path.join(self.dir, "bad.jsonl")
        with open(path, "w") as f:
            for i in range(10):
                f.write(json.dumps({"to": f"u{i}@example.org", "subject": "s", "text": "t"}) + "\n")
            f.write('{"to": "not an address", "subject": "s", "text": "t"}\n')
        result = self.cli("enqueue", "--jsonl", path, check=False)
        self.assertEqual(result.returncode, 2)
        self.assertIn("line 11", result.stderr)
        self.assertEqual(self.stats()["total"], 0)

    def test_worker_without_settings_exits_3(self):
        result = self.cli("worker", "--drain", check=False, timeout=30)
        self.assertEqual(result.returncode, 3, result.stderr)
        self.assertIn("smtp.host", result.stderr)

    def test_second_worker_exits_3(self):
        handler = SwitchableHandler()
        port = self.start_aiosmtpd(handler)
        self.configure(port)
        first = subprocess.Popen([CLI, "--db", self.db, "worker"], env=self.env, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True)
        try:
            # It says so once it holds the single-worker lock.
            wait_for_output(first.stdout, "worker running", 30)
            self.assertIsNone(first.poll(), "the first worker should keep running")
            second = self.cli("worker", "--drain", check=False, timeout=30)
            self.assertEqual(second.returncode, 3, second.stderr)
            self.assertIn("Another worker", second.stderr)
        finally:
            first.send_signal(signal.SIGTERM)
            first.communicate(timeout=30)
            self.assertEqual(first.returncode, 0)


class RetryAndFaults(QueueTestCase):
    def test_451_defers_with_growing_delay_550_fails_then_retry_sends(self):
        handler = SwitchableHandler()
        port = self.start_aiosmtpd(handler)
        self.configure(port, "queue.backoff_initial", "1", "queue.backoff_max", "60", "queue.max_attempts", "10")

        handler.mode = "451"
        self.cli("enqueue", "--to", "deferred@example.org", "--subject", "later", "--text-file",
                 self.write_text("body.txt", "hello"))
        delays = []
        for attempt in range(1, 4):
            # A drain that leaves messages waiting because of a failure says why and exits 1.
            drained = self.cli("worker", "--drain", check=False, timeout=60)
            self.assertEqual(drained.returncode, 1, drained.stderr)
            self.assertIn("451", drained.stderr)
            (row,) = self.rows()
            _, status, attempts, _, next_at, last_at = row
            self.assertEqual(status, "deferred")
            self.assertEqual(attempts, attempt)
            delays.append((next_at - last_at) / 1000.0)
            if attempt < 3:
                # Wait until it is due again (bounded by the largest possible delay): the backoff
                # delay is what this test measures, so this one waits for time to pass.
                time.sleep(max(0.0, next_at / 1000.0 - time.time()) + 0.05)
        self.assertTrue(delays[0] < delays[1] < delays[2], delays)
        # backoff_initial 1 s doubling, +-25 % jitter (a few ms of slack for the clock reads).
        self.assertTrue(0.99 <= delays[0] <= 1.26 and 1.49 <= delays[1] <= 2.51 and 2.99 <= delays[2] <= 5.01,
                        delays)

        handler.mode = "550"
        for i in range(3):
            self.cli("enqueue", "--to", f"gone{i}@example.org", "--subject", "nope", "--text-file",
                     os.path.join(self.dir, "body.txt"))
        # The deferred message is not due yet (its next attempt is seconds away), so only these go.
        self.assertEqual(self.cli("worker", "--drain", check=False, timeout=60).returncode, 1)
        failed = [r for r in self.rows() if r[1] == "failed"]
        self.assertEqual(len(failed), 3)
        self.assertTrue(all(r[2] == 1 for r in failed), failed)
        shown = json.loads(self.cli("queue", "show", str(failed[0][0]), "--json").stdout)
        self.assertEqual(shown["error"]["code"], 550)
        self.assertEqual(shown["error"]["phase"], "rcpt")
        self.assertFalse(shown["error"]["transient"])

        handler.mode = "accept"
        before = len(handler.message_ids)
        self.cli("queue", "retry", "--all-failed")
        self.cli("queue", "retry", str(self.rows()[0][0]))
        self.cli("worker", "--drain", timeout=60)
        stats = self.stats()
        self.assertEqual(stats["sent"], 4, stats)
        self.assertEqual(len(handler.message_ids) - before, 4)

    def test_unreachable_server_exits_1_with_the_error_and_a_hint(self):
        port = free_port()  # nothing listens there
        self.configure(port)
        self.cli("enqueue", "--to", "a@example.org", "--subject", "x", "--text-file",
                 self.write_text("body.txt", "hello"))
        drained = self.cli("worker", "--drain", check=False, timeout=60)
        self.assertEqual(drained.returncode, 1, drained.stdout + drained.stderr)
        self.assertIn(f"port {port}", drained.stderr)
        self.assertRegex(drained.stderr, r"(?m)^hint: .+")
        self.assertNotIn("%n", drained.stdout + drained.stderr)
        # The summary line is printed once, and the message waits untried.
        self.assertEqual(drained.stdout.count("sent 0, failed 0"), 1, drained.stdout)
        (row,) = self.rows()
        self.assertEqual((row[1], row[2]), ("queued", 0))

    def test_drain_with_everything_sent_exits_0_and_prints_one_summary(self):
        handler = SwitchableHandler()
        port = self.start_aiosmtpd(handler)
        self.configure(port)
        self.cli("enqueue", "--jsonl", self.write_jsonl(3))
        drained = self.cli("worker", "--drain", timeout=60)
        self.assertEqual(drained.stdout.strip().splitlines(), ["sent 3, failed 0, due 0"])
        self.assertEqual(drained.stderr, "")

    def write_text(self, name, text):
        path = os.path.join(self.dir, name)
        with open(path, "w") as f:
            f.write(text)
        return path


class Crash(QueueTestCase):
    def test_sigkill_mid_run_loses_nothing_and_sends_nothing_twice_silently(self):
        total = 3000
        log_path = os.path.join(self.dir, "received.log")
        handler = SwitchableHandler(log_path)
        self.servers.append(handler.log.close)
        port = self.start_aiosmtpd(handler)
        self.configure(port, "queue.connections", "2")
        self.cli("enqueue", "--jsonl", self.write_jsonl(total, body_size=800))

        worker = subprocess.Popen([CLI, "--db", self.db, "worker", "--drain"], env=self.env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 120
        while len(handler.message_ids) < total // 3 and time.time() < deadline and worker.poll() is None:
            time.sleep(0.01)
        self.assertIsNone(worker.poll(), "the worker finished before it could be killed; make the run longer")
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=10)
        received_at_kill = len(handler.message_ids)
        self.assertGreater(received_at_kill, 0)
        self.assertLess(received_at_kill, total)

        # The restart finds the rows that were being sent and marks them interrupted, then drains.
        self.cli("worker", "--drain", timeout=300)
        rows = self.rows()
        self.assertEqual(len(rows), total, "a queued message was lost")
        received = {}
        for mid in handler.message_ids:
            received[mid] = received.get(mid, 0) + 1
        by_status = {}
        for _, status, _, mid, _, _ in rows:
            by_status[status] = by_status.get(status, 0) + 1
            self.assertIn(status, ("sent", "queued", "deferred", "interrupted"), (mid, status))
            if status == "sent":
                self.assertIn(mid, received, f"{mid} is marked sent but never reached the server")
            if received.get(mid, 0) > 1:
                self.assertEqual(status, "interrupted", f"{mid} reached the server twice")
        for mid in received:
            self.assertIn(mid, {r[3] for r in rows}, "the server got a message the queue does not know")
        self.assertGreater(by_status.get("sent", 0), total // 3)
        self.assertEqual(sum(by_status.values()), total)
        # Nothing was sent twice at all: interrupted rows are never re-sent automatically.
        self.assertEqual(max(received.values()), 1)
        print(f"\ncrash test: received before kill {received_at_kill}, statuses {by_status}", file=sys.stderr)


class Settings(QueueTestCase):
    def wait_for(self, condition, timeout, what):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if condition():
                return
            time.sleep(0.1)
        self.fail("timed out waiting for " + what)

    def errors_shown(self):
        con = sqlite3.connect(f"file:{self.db}?mode=ro", uri=True)
        try:
            return con.execute("SELECT count(*) FROM messages WHERE status = 'queued' AND last_error != ''").fetchone()[0]
        finally:
            con.close()

    def test_settings_set_reaches_a_running_worker_process(self):
        """`settings set` in one process changes what a running `worker` process uses for its
        next connection: no restart, and the messages that waited go out."""
        handler = SwitchableHandler()
        good_port = self.start_aiosmtpd(handler)
        bad_port = free_port()  # nothing listens there
        self.configure(bad_port)
        text = os.path.join(self.dir, "body.txt")
        with open(text, "w") as f:
            f.write("Hello\n")
        for i in range(3):
            self.cli("enqueue", "--to", f"user{i}@example.org", "--subject", f"Settings {i}", "--text-file", text)
        worker = subprocess.Popen([CLI, "--db", self.db, "worker"], env=self.env, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True)
        try:
            # The first connection is refused: nothing sent, the rows carry the error.
            self.wait_for(lambda: self.errors_shown() == 3, 30, "the refused attempt")
            self.assertEqual(handler.message_ids, [])
            self.assertIsNone(worker.poll(), "the worker keeps running")
            self.cli("settings", "set", "smtp.port", str(good_port))
            self.wait_for(lambda: self.stats().get("sent", 0) == 3, 30, "the messages to go out")
            self.assertEqual(len(handler.message_ids), 3)
            self.assertEqual(len(set(handler.message_ids)), 3)
        finally:
            worker.send_signal(signal.SIGTERM)
            out, err = worker.communicate(timeout=30)
        self.assertEqual(worker.returncode, 0, err)
        self.assertIn("saved settings applied", out)


class Concurrency(QueueTestCase):
    def test_processes_opening_a_new_database_at_once_all_succeed(self):
        rounds, processes = 10, 4
        for r in range(rounds):
            db = os.path.join(self.dir, f"fresh{r}.sqlite")
            # A writing command creates the database (a read command on a missing one says
            # "no such database"); an empty JSONL sets up the queue tables and queues nothing.
            running = [subprocess.Popen([CLI, "--db", db, "enqueue", "--jsonl", "-"], env=self.env,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                        text=True) for _ in range(processes)]
            for p in running:
                out, err = p.communicate(input="", timeout=60)
                self.assertEqual(p.returncode, 0, f"round {r}: {err}")
                self.assertNotIn("CREATE", err)

    def test_opening_waits_while_another_connection_is_about_to_write(self):
        # Another Outbound starting at the same moment holds the write lock of the new, still
        # empty database file (in rollback mode until one of them switches it to WAL). SQLite refuses the switch to WAL at once rather
        # than through the busy timeout; opening must wait for the lock, not fail.
        db = os.path.join(self.dir, "held.sqlite")
        holder = sqlite3.connect(db, isolation_level=None)
        try:
            os.chmod(db, 0o600)
            holder.execute("BEGIN IMMEDIATE")
            opener = subprocess.Popen([CLI, "--db", db, "enqueue", "--jsonl", "-"], env=self.env,
                                      stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                      text=True)
            opener.stdin.close()

            def opened_or_exited():
                if opener.poll() is not None:
                    return True
                fds = f"/proc/{opener.pid}/fd"
                try:
                    return any(os.readlink(os.path.join(fds, fd)) == db for fd in os.listdir(fds))
                except OSError:
                    return False

            wait_until(opened_or_exited, 30, "outbound-cli opening the database")
            holder.execute("COMMIT")
        finally:
            holder.close()
        err = opener.stderr.read()
        opener.wait(timeout=30)
        opener.stdout.close()
        opener.stderr.close()
        self.assertEqual(opener.returncode, 0, err)
        with sqlite3.connect(db) as check:
            self.assertEqual(check.execute("PRAGMA journal_mode").fetchone()[0], "wal")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--cli", required=True)
    args, rest = parser.parse_known_args()
    CLI = os.path.abspath(args.cli)
    unittest.main(argv=[sys.argv[0], *rest], verbosity=2)
