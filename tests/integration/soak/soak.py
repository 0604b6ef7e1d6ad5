#!/usr/bin/python3
"""Soak test: outbound-cli's worker against a flaky loopback SMTP server under continuous enqueue.

    soak.py --cli build/src/outbound-cli --minutes 60 [--seed N] [--keep DIR]

For --minutes the server misbehaves at random (4xx and 5xx at every step, disconnects before and
after the final dot, stalls, replies dripped a byte at a time) while batches of messages are
enqueued every second. Then the server turns well-behaved and the worker gets time to send what
is left. Every message is then accounted for by its Message-ID on the server side:

  lost        a row `sent` that the server never received, or an enqueued message with no row,
              or a row still waiting after the calm phase;
  duplicated  received more than once; allowed only when the row is `interrupted` (the outcome
              was unknown and the operator decides), never for `sent` or any other status.

The worker's RSS and open file descriptors are sampled every 2 s; the slope of each over the
second half of the run is reported (a leak shows as a steady climb). Exit 0 when nothing is lost,
no duplicate is outside `interrupted` and the fd count did not climb; 1 otherwise.
"""

import argparse
import asyncio
import json
import os
import random
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

MESSAGE_ID = re.compile(rb"^Message-ID:\s*(<[^>\r\n]+>)", re.IGNORECASE | re.MULTILINE)


class FlakyServer:
    """A small SMTP server (PIPELINING, no TLS) whose faults are drawn per step from `rates`."""

    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.calm = False
        self.lock = threading.Lock()
        self.received = {}  # Message-ID -> times the full message and its dot arrived
        self.faults = {}  # fault name -> count
        self.connections = 0
        self.rates = {
            "greeting_421": 0.03, "greeting_stall": 0.01,
            "mail_451": 0.02, "mail_550": 0.005,
            "rcpt_450": 0.02, "rcpt_550": 0.005,
            "data_451": 0.02, "close_in_body": 0.02,
            "dot_451": 0.02, "dot_554": 0.005,
            "dot_close": 0.03, "dot_stall": 0.01,
            "drip": 0.03, "random_close": 0.01,
        }

    def roll(self, name):
        if self.calm:
            return False
        hit = self.rng.random() < self.rates[name]
        if hit:
            with self.lock:
                self.faults[name] = self.faults.get(name, 0) + 1
        return hit

    async def reply(self, writer, text):
        data = (text + "\r\n").encode()
        if self.roll("drip"):
            for i in range(len(data)):  # slow drip, well inside every budget
                writer.write(data[i:i + 1])
                await writer.drain()
                await asyncio.sleep(0.01)  # the drip is the fault: one byte every 10 ms
        else:
            writer.write(data)
            await writer.drain()

    async def stall(self, reader):
        # Read and ignore until the client gives up.
        while await reader.read(65536):
            pass

    async def handle(self, reader, writer):
        with self.lock:
            self.connections += 1
        try:
            await self.session(reader, writer)
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.close()

    async def session(self, reader, writer):
        if self.roll("greeting_stall"):
            return await self.stall(reader)
        if self.roll("greeting_421"):
            return await self.reply(writer, "421 4.3.2 soak: busy, come back later")
        await self.reply(writer, "220 soak.test ESMTP")
        mail_ok = False
        rcpts = 0
        while True:
            line = await reader.readline()
            if not line:
                return
            cmd = line.rstrip(b"\r\n").decode("utf-8", "replace")
            verb = cmd.split(" ", 1)[0].upper()
            if self.roll("random_close"):
                return
            if verb in ("EHLO", "HELO"):
                await self.reply(writer, "250-soak.test\r\n250-PIPELINING\r\n250-ENHANCEDSTATUSCODES\r\n250 8BITMIME")
            elif verb == "MAIL":
                mail_ok = not self.roll("mail_451")
                if not mail_ok:
                    await self.reply(writer, "451 4.3.0 soak: sender check failed")
                elif self.roll("mail_550"):
                    mail_ok = False
                    await self.reply(writer, "550 5.7.1 soak: sender refused")
                else:
                    rcpts = 0
                    await self.reply(writer, "250 2.1.0 Ok")
            elif verb == "RCPT":
                if self.roll("rcpt_450"):
                    await self.reply(writer, "450 4.2.1 soak: mailbox busy")
                elif self.roll("rcpt_550"):
                    await self.reply(writer, "550 5.1.1 soak: no such user")
                else:
                    rcpts += 1
                    await self.reply(writer, "250 2.1.5 Ok")
            elif verb == "DATA":
                if not mail_ok or rcpts == 0:
                    await self.reply(writer, "554 5.5.1 soak: no valid recipients")
                    continue
                if self.roll("data_451"):
                    await self.reply(writer, "451 4.3.0 soak: not now")
                    continue
                await self.reply(writer, "354 go ahead")
                body = bytearray()
                close_in_body = self.roll("close_in_body")
                while True:
                    chunk = await reader.readline()
                    if not chunk:
                        return
                    if chunk == b".\r\n":
                        break
                    if close_in_body and len(body) > 200:
                        return  # gone mid-body: the message did not arrive
                    body += chunk[1:] if chunk.startswith(b"..") else chunk
                match = MESSAGE_ID.search(bytes(body))
                mid = match.group(1).decode() if match else "<none>"
                mail_ok, rcpts = False, 0
                if self.roll("dot_451"):
                    await self.reply(writer, "451 4.3.0 soak: queue file write error")
                    continue
                if self.roll("dot_554"):
                    await self.reply(writer, "554 5.7.1 soak: rejected")
                    continue
                # From here the server has taken the message, whatever the client learns.
                with self.lock:
                    self.received[mid] = self.received.get(mid, 0) + 1
                if self.roll("dot_close"):
                    return
                if self.roll("dot_stall"):
                    return await self.stall(reader)
                await self.reply(writer, "250 2.0.0 Ok: queued")
            elif verb == "RSET" or verb == "NOOP":
                mail_ok, rcpts = False, 0
                await self.reply(writer, "250 2.0.0 Ok")
            elif verb == "QUIT":
                await self.reply(writer, "221 2.0.0 Bye")
                return
            else:
                await self.reply(writer, "500 5.5.2 soak: what?")

    def start(self):
        self.loop = asyncio.new_event_loop()
        ready = threading.Event()

        def run():
            asyncio.set_event_loop(self.loop)
            self.server = self.loop.run_until_complete(asyncio.start_server(self.handle, "127.0.0.1", 0))
            self.port = self.server.sockets[0].getsockname()[1]
            ready.set()
            self.loop.run_forever()

        self.thread = threading.Thread(target=run, daemon=True)
        self.thread.start()
        ready.wait(10)
        return self.port


def cli(args, db, **kwargs):
    return subprocess.run([CLI, "--db", db] + args, capture_output=True, text=True, **kwargs)


def sample(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            rss = next(int(l.split()[1]) for l in f if l.startswith("VmRSS:"))
        fds = len(os.listdir(f"/proc/{pid}/fd"))
        return rss, fds
    except (FileNotFoundError, ProcessLookupError, StopIteration):
        return None


def slope_per_minute(points):
    """Least-squares slope of (seconds, value) points, per minute."""
    if len(points) < 3:
        return 0.0
    n = len(points)
    mx = sum(p[0] for p in points) / n
    my = sum(p[1] for p in points) / n
    den = sum((p[0] - mx) ** 2 for p in points)
    return 0.0 if den == 0 else 60.0 * sum((p[0] - mx) * (p[1] - my) for p in points) / den


def main():
    global CLI
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cli", required=True)
    ap.add_argument("--minutes", type=float, default=1.0)
    ap.add_argument("--batch", type=int, default=20, help="messages enqueued each second")
    ap.add_argument("--calm-seconds", type=int, default=120, help="at most this long for the rest after the faults stop")
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--keep", help="keep the database and a JSON report in this folder")
    ap.add_argument("--json", action="store_true", help="print the report as JSON")
    opts = ap.parse_args()
    CLI = os.path.abspath(opts.cli)
    seed = opts.seed if opts.seed is not None else random.randrange(1 << 30)

    work = opts.keep or tempfile.mkdtemp(prefix="outbound-soak-")
    os.makedirs(work, exist_ok=True)
    db = os.path.join(work, "soak.sqlite")
    server = FlakyServer(seed)
    port = server.start()
    settings = ["smtp.host", "127.0.0.1", "smtp.port", str(port), "smtp.encryption", "none", "smtp.auth", "none",
                "smtp.helo_name", "soak.client.test", "from.default.email", "soak@example.com",
                "timeout.connect", "5", "timeout.greeting", "3", "timeout.command", "3",
                "timeout.data_idle", "5", "timeout.final_dot", "3",
                "queue.backoff_initial", "1", "queue.backoff_max", "4", "queue.max_attempts", "8",
                "queue.connections", "2"]
    r = cli(["settings", "set"] + settings, db)
    if r.returncode != 0:
        print("soak: settings set failed:", r.stderr, file=sys.stderr)
        return 2

    env = dict(os.environ, OUTBOUND_NO_KEYCHAIN="1")
    worker_log = open(os.path.join(work, "worker.log"), "w")
    worker = subprocess.Popen([CLI, "--db", db, "worker"], stdout=worker_log, stderr=subprocess.STDOUT, env=env)
    enqueued = 0
    samples = []  # (seconds, rss_kb, fds)
    start = time.time()
    end = start + opts.minutes * 60
    next_sample = start
    try:
        while time.time() < end:
            lines = "".join(json.dumps({"to": f"r{(enqueued + i) % 50}@example.org",
                                        "subject": f"soak {enqueued + i}",
                                        "text": f"Soak message {enqueued + i}.\n.a line that starts with a dot\n"})
                            + "\n" for i in range(opts.batch))
            r = cli(["enqueue", "--jsonl", "-"], db, input=lines, env=env)
            if r.returncode != 0:
                print("soak: enqueue failed:", r.stderr.strip(), file=sys.stderr)
                return 1
            enqueued += opts.batch
            now = time.time()
            if now >= next_sample:
                s = sample(worker.pid)
                if s:
                    samples.append((now - start, s[0], s[1]))
                next_sample = now + 2
            if worker.poll() is not None:
                with open(os.path.join(work, "worker.log")) as f:
                    print("soak: the worker exited early:", f.read()[-2000:], file=sys.stderr)
                return 1
            time.sleep(max(0.0, 1.0 - (time.time() - now)))  # pacing: one batch a second is the load

        # Calm: the server behaves; the worker sends what is left.
        server.calm = True
        calm_start = time.time()
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
        while time.time() - calm_start < opts.calm_seconds:
            waiting = con.execute("SELECT COUNT(*) FROM messages WHERE status IN "
                                  "('queued','deferred','sending')").fetchone()[0]
            s = sample(worker.pid)
            if s:
                samples.append((time.time() - start, s[0], s[1]))
            if waiting == 0:
                break
            time.sleep(1)  # one sample a second (RSS, fds) while waiting, with a deadline, for the rest
    finally:
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(30)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()

    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
    rows = con.execute("SELECT id, status, message_id FROM messages").fetchall()
    with server.lock:
        received = dict(server.received)
    by_status = {}
    lost, dup_ok, dup_bad, waiting = [], [], [], []
    for rid, status, mid in rows:
        by_status[status] = by_status.get(status, 0) + 1
        times = received.get(mid, 0)
        if status == "sent" and times == 0:
            lost.append((rid, status, mid))
        if status in ("queued", "deferred", "sending"):
            waiting.append((rid, status, mid))
        if times > 1:
            (dup_ok if status == "interrupted" else dup_bad).append((rid, status, mid, times))
    missing_rows = enqueued - len(rows)

    # Slopes over the second half (after warm-up), and how far the fd count climbed.
    half = [p for p in samples if p[0] >= (samples[-1][0] / 2 if samples else 0)]
    rss_slope = slope_per_minute([(p[0], p[1] / 1024.0) for p in half])
    fd_slope = slope_per_minute([(p[0], p[2]) for p in half])
    first_half_fds = max((p[2] for p in samples if p not in half), default=0)
    fd_climb = max((p[2] for p in half), default=0) - first_half_fds if first_half_fds else 0

    report = {
        "seed": seed, "minutes": opts.minutes, "enqueued": enqueued, "rows": len(rows),
        "statuses": by_status, "received_distinct": len(received),
        "deliveries": sum(received.values()), "connections": server.connections,
        "faults": server.faults,
        "lost": len(lost) + max(0, missing_rows) + len(waiting),
        "lost_sent_not_received": len(lost), "lost_no_row": max(0, missing_rows),
        "still_waiting_after_calm": len(waiting),
        "duplicated": len(dup_ok) + len(dup_bad),
        "duplicated_interrupted": len(dup_ok), "duplicated_outside_interrupted": len(dup_bad),
        "rss_mb_first": samples[0][1] / 1024.0 if samples else None,
        "rss_mb_last": samples[-1][1] / 1024.0 if samples else None,
        "rss_slope_mb_per_min": round(rss_slope, 3),
        "fds_first": samples[0][2] if samples else None, "fds_last": samples[-1][2] if samples else None,
        "fd_slope_per_min": round(fd_slope, 3),
        "examples_duplicated_outside_interrupted": dup_bad[:5], "examples_lost": (lost + waiting)[:5],
    }
    if opts.keep:
        with open(os.path.join(work, "report.json"), "w") as f:
            json.dump(report, f, indent=2)
    if opts.json:
        print(json.dumps(report, indent=2))
    else:
        print(f"soak: {opts.minutes:g} min, seed {seed}: {enqueued} enqueued, {report['deliveries']} deliveries "
              f"({len(received)} distinct) over {server.connections} connections; statuses {by_status}")
        print(f"soak: faults injected {server.faults}")
        print(f"soak: lost {report['lost']} (sent but never received {len(lost)}, no row {max(0, missing_rows)}, "
              f"still waiting {len(waiting)}); duplicated {report['duplicated']} "
              f"({len(dup_ok)} interrupted, {len(dup_bad)} outside interrupted)")
        print(f"soak: worker RSS {report['rss_mb_first']:.1f} -> {report['rss_mb_last']:.1f} MB, slope "
              f"{rss_slope:+.3f} MB/min; fds {report['fds_first']} -> {report['fds_last']}, slope {fd_slope:+.3f}/min")
        for d in dup_bad[:5]:
            print(f"soak: DUPLICATE outside interrupted: row {d[0]} is {d[1]}, {d[2]} received {d[3]} times")
        for l in (lost + waiting)[:5]:
            print(f"soak: LOST: row {l[0]} is {l[1]}, {l[2]}")
    ok = report["lost"] == 0 and not dup_bad and fd_climb <= 4
    if fd_climb > 4:
        print(f"soak: open fds climbed by {fd_climb} in the second half", file=sys.stderr)
    if not opts.keep:
        import shutil
        shutil.rmtree(work, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
