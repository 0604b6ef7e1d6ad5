#!/usr/bin/python3
"""The queue worker against a real Dovecot submission server (Debian's dovecot-submissiond),
started here as a throwaway instance: its own configuration, base and state folders in a
temporary directory, a free loopback port, a static password, relaying to an aiosmtpd sink on
another loopback port that records every Message-ID it receives.

Dovecot 2.3.19's submission process relays a message and then fails an assertion when the next
message's MAIL/RCPT/DATA arrive in the same write as the previous final dot; a client that
then sends the message again delivers it many times. With default settings the worker waits for
the final reply before the next envelope, so every message arrives exactly once.

    test_dovecot_submission.py --cli build/src/outbound-cli [--count 300] [--across]

--across also runs the opt-in smtp.pipeline_across_messages=true and prints what Dovecot does
with it (informational; not asserted). Run as root (Dovecot's master needs it) with Debian's
/usr/bin/python3 (it has aiosmtpd).
"""

import argparse
import collections
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time

from aiosmtpd.controller import Controller

USER = "submit@example.org"
PASSWORD = "Dv-integration-S3cret"
DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port, limit=10.0):
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return True
        time.sleep(0.05)
    return False


class Sink:
    """Records the Message-ID of every message Dovecot relays."""

    def __init__(self):
        self.lock = threading.Lock()
        self.message_ids = []

    async def handle_DATA(self, server, session, envelope):
        content = envelope.original_content or envelope.content
        if isinstance(content, str):
            content = content.encode()
        match = re.search(rb"^Message-ID:\s*(<[^>\r\n]+>)", content, re.IGNORECASE | re.MULTILINE)
        with self.lock:
            self.message_ids.append(match.group(1).decode() if match else "<none>")
        return "250 2.0.0 Ok: queued"

    def counts(self):
        with self.lock:
            return collections.Counter(self.message_ids)


DOVECOT_CONF = """\
protocols = submission
base_dir = {dir}/run
state_dir = {dir}/state
instance_name = outbound-it-{port}
log_path = {dir}/dovecot.log
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = dovecot
default_login_user = dovenull
hostname = localhost
submission_relay_host = 127.0.0.1
submission_relay_port = {relay}
submission_relay_trusted = yes
mail_location = maildir:{dir}/home/%u/Maildir
passdb {{
  driver = static
  args = password={password}
}}
userdb {{
  driver = static
  args = uid=nobody gid=nogroup home={dir}/home/%u
}}
service submission-login {{
  chroot =
  inet_listener submission {{
    address = 127.0.0.1
    port = {port}
  }}
}}
service anvil {{
  chroot =
}}
"""


class Dovecot:
    def __init__(self, directory, relay_port):
        self.dir = os.path.join(directory, "dovecot")
        for sub in ("", "run", "state", "home"):
            os.makedirs(os.path.join(self.dir, sub), exist_ok=True)
            os.chmod(os.path.join(self.dir, sub), 0o755)
        os.chmod(directory, 0o755)
        self.port = free_port()
        self.conf = os.path.join(self.dir, "dovecot.conf")
        with open(self.conf, "w") as f:
            f.write(DOVECOT_CONF.format(dir=self.dir, port=self.port, relay=relay_port, password=PASSWORD))
        self.process = subprocess.Popen([DOVECOT, "-F", "-c", self.conf], stdout=subprocess.PIPE,
                                        stderr=subprocess.STDOUT)
        if not wait_for_port(self.port):
            self.stop()
            raise RuntimeError("dovecot did not start:\n" + self.log())

    def log(self):
        try:
            with open(os.path.join(self.dir, "dovecot.log")) as f:
                return f.read()
        except OSError:
            return ""

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def run_drain(cli, directory, dovecot_port, count, across):
    db = os.path.join(directory, f"queue-{'across' if across else 'default'}.sqlite")
    env = dict(os.environ, OUTBOUND_NO_KEYCHAIN="1", QT_QPA_PLATFORM="offscreen")

    def run(*args, stdin=None, timeout=120):
        result = subprocess.run([cli, "--db", db, *args], env=env, input=stdin, capture_output=True, text=True,
                                timeout=timeout)
        return result

    settings = ["settings", "set", "smtp.host", "127.0.0.1", "smtp.port", str(dovecot_port),
                "smtp.encryption", "none", "smtp.auth", "plain", "smtp.username", USER,
                "smtp.allow_auth_without_tls", "true", "from.default.email", USER,
                "queue.max_attempts", "3", "queue.backoff_initial", "1", "queue.backoff_max", "2",
                "timeout.final_dot", "30"]
    if across:
        settings += ["smtp.pipeline_across_messages", "true"]
    for args, stdin in ((settings, None), (["settings", "set-password"], PASSWORD + "\n")):
        r = run(*args, stdin=stdin)
        if r.returncode != 0:
            raise RuntimeError(f"outbound-cli {' '.join(args)}: {r.stderr}")
    path = os.path.join(directory, "messages.jsonl")
    with open(path, "w") as f:
        for i in range(count):
            f.write(json.dumps({"to": f"user{i}@example.org", "subject": f"Dovecot {i}",
                                "text": f"Message {i} through Dovecot submission.\n" * 20}) + "\n")
    r = run("enqueue", "--jsonl", path)
    if r.returncode != 0:
        raise RuntimeError(f"enqueue: {r.stderr}")
    started = time.monotonic()
    drain = run("worker", "--drain", timeout=900)
    seconds = time.monotonic() - started
    stats = json.loads(run("queue", "stats", "--json").stdout)
    listing = json.loads(run("queue", "list", "--json", "--limit", str(count + 10)).stdout)
    return drain, seconds, stats, listing


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cli", required=True)
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--across", action="store_true")
    args = parser.parse_args()
    if os.geteuid() != 0:
        print("FAIL: the Dovecot test runs Dovecot's master process and needs root")
        return 1
    directory = tempfile.mkdtemp(prefix="outbound-dovecot-it-")
    failures = []
    sink = Sink()
    relay_port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=relay_port)
    controller.start()
    dovecot = None
    try:
        dovecot = Dovecot(directory, relay_port)
        drain, seconds, stats, _ = run_drain(os.path.abspath(args.cli), directory, dovecot.port, args.count, False)
        counts = sink.counts()
        twice = {mid: n for mid, n in counts.items() if n > 1}
        print(f"default settings: {args.count} messages in {seconds:.1f} s, exit {drain.returncode}, "
              f"stats {stats}, {sum(counts.values())} deliveries of {len(counts)} Message-IDs, "
              f"{len(twice)} delivered more than once")
        if drain.returncode != 0:
            failures.append(f"worker --drain exited {drain.returncode}: {drain.stderr.strip()}")
        if stats.get("sent") != args.count:
            failures.append(f"expected {args.count} sent, stats {stats}")
        if len(counts) != args.count:
            failures.append(f"expected {args.count} distinct Message-IDs at the sink, got {len(counts)}")
        if twice:
            failures.append(f"{len(twice)} messages delivered more than once, e.g. {list(twice.items())[:3]}")
        if args.across:
            before = sink.counts()
            drain, seconds, stats, _ = run_drain(os.path.abspath(args.cli), directory, dovecot.port, args.count,
                                                 True)
            after = sink.counts() - before
            print(f"pipeline_across_messages=true: exit {drain.returncode}, stats {stats}, "
                  f"{sum(after.values())} deliveries of {len(after)} Message-IDs "
                  f"(informational: Dovecot 2.3.19 breaks on it)")
    except Exception as e:  # noqa: BLE001 - reported as a failure with the server's log
        failures.append(f"{type(e).__name__}: {e}")
    finally:
        if dovecot:
            if failures:
                print(dovecot.log()[-3000:])
            dovecot.stop()
        controller.stop()
        shutil.rmtree(directory, ignore_errors=True)
    for f in failures:
        print("FAIL:", f)
    if not failures:
        print("PASS: every message delivered exactly once through Dovecot submission")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
