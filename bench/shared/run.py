#!/usr/bin/python3
"""The queue on a shared database, measured beside references in the same run.

    /usr/bin/python3 bench/shared/run.py [BUILD_DIR] [--messages 20000] [--runs 3] [--only claims|drain]

1. Claim + complete without SMTP (bench_claims): 1, 2, 4 and 8 workers on SQLite, PostgreSQL
   and MariaDB; each figure beside the same backend's 1-worker figure (ratio).
2. Full drains of MESSAGES x 2 KB to one Postfix smtp-sink: 1, 2 and 4 `outbound-cli worker`
   processes (one connection each), one worker with 4 connections and 4 workers with 2 each, on
   PostgreSQL and MariaDB, beside `smtp-source -s N` with as many connections in all; one SQLite
   worker with 4 connections beside `smtp-source -s 4`.
Medians of RUNS. The throwaway servers come from tests/support/dbservers.py (no fsync: the
figures are about Outbound's work, not the disk). The load average is printed with the figures.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tests", "support"))
import dbservers  # noqa: E402
from dbservers import free_port  # noqa: E402
from waiting import wait_for_port  # noqa: E402


class Backend:
    def __init__(self, name, address, env):
        self.name, self.address, self.env = name, address, env


def run(cmd, env, **kwargs):
    result = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited {result.returncode}: {result.stderr.strip()}")
    return result


def claims(build, backends, messages, runs):
    tool = os.path.join(build, "bench", "shared", "bench_claims")
    print(f"claim + complete, {messages} rows, no SMTP (median of {runs}; load {os.getloadavg()[0]:.1f})")
    print(f"{'backend':<12}{'workers':>8}{'msg/s':>10}{'vs 1 worker':>13}")
    for b in backends:
        base = None
        for workers in (1, 2, 4, 8):
            rates = []
            for _ in range(runs):
                out = run([tool, "--db", b.address, "--workers", str(workers), "--messages", str(messages)], b.env)
                fields = dict(kv.split("=") for kv in out.stdout.split())
                rates.append(int(fields["rate"]))
            rate = int(statistics.median(rates))
            base = base or rate
            print(f"{b.name:<12}{workers:>8}{rate:>10}{rate / base:>13.2f}", flush=True)


def drains(build, backends, sqlite, messages, runs, work):
    cli = os.path.join(build, "src", "outbound-cli")
    claims_tool = os.path.join(build, "bench", "shared", "bench_claims")
    port = free_port()
    sink_cmd = ["/usr/sbin/smtp-sink"] + (["-u", "nobody"] if os.getuid() == 0 else []) + [
        f"127.0.0.1:{port}", "1000"]
    sink = subprocess.Popen(sink_cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_port(port)
        jsonl = os.path.join(work, "messages.jsonl")
        body = ("The quick brown fox jumps over the lazy dog. " * 50)[:1660]
        with open(jsonl, "w") as f:
            for i in range(messages):
                f.write(json.dumps({"to": f"user{i}@example.org", "subject": f"Invoice {i}", "text": body,
                                    "category": "invoice"}) + "\n")

        def source(connections):
            times = []
            for _ in range(runs):
                start = time.monotonic()
                run(["/usr/sbin/smtp-source", "-d", "-s", str(connections), "-m", str(messages), "-l", "2000",
                     "-f", "billing@example.com", "-t", "user@example.org", f"127.0.0.1:{port}"], os.environ)
                times.append(time.monotonic() - start)
            return statistics.median(times)

        def drain(b, workers, connections):
            times = []
            for _ in range(runs):
                cli_env = dict(b.env, OUTBOUND_NO_KEYCHAIN="1")
                if b.name == "sqlite" and os.path.exists(b.address):
                    os.remove(b.address)
                if b.name != "sqlite":
                    run([cli, "--db", b.address, "db", "init"], cli_env)
                    # bench_claims with no rows empties the queue.
                    run([claims_tool, "--db", b.address, "--workers", "1", "--messages", "0"], cli_env)
                run([cli, "--db", b.address, "settings", "set", "smtp.host", "127.0.0.1", "smtp.port", str(port),
                     "smtp.encryption", "none", "smtp.auth", "none", "from.default.email", "billing@example.com"],
                    cli_env)
                run([cli, "--db", b.address, "enqueue", "--jsonl", jsonl], cli_env)
                start = time.monotonic()
                procs = [subprocess.Popen([cli, "--db", b.address, "worker", "--drain", "--connections",
                                           str(connections)], env=cli_env, stdout=subprocess.DEVNULL,
                                          stderr=subprocess.PIPE, text=True) for _ in range(workers)]
                for p in procs:
                    _, err = p.communicate()
                    if p.returncode != 0:
                        raise RuntimeError(f"worker failed: {err}")
                times.append(time.monotonic() - start)
                stats = json.loads(run([cli, "--db", b.address, "db", "status", "--json"], cli_env).stdout)
                if stats["queue"]["sent"] != messages:
                    raise RuntimeError(f"{b.name}: {stats['queue']} after the drain")
            return statistics.median(times)

        print(f"\nfull drain, {messages} x 2 KB to one smtp-sink (median of {runs}; "
              f"load {os.getloadavg()[0]:.1f})")
        print(f"{'what':<34}{'ms':>8}{'msg/s':>9}{'reference':>26}{'ratio':>7}")
        reference = {n: source(n) for n in (1, 2, 4, 8)}

        def line(what, seconds, n):
            ref = reference[n]
            print(f"{what:<34}{seconds * 1000:>8.0f}{messages / seconds:>9.0f}"
                  f"{f'smtp-source -s {n}: {ref * 1000:.0f} ms':>26}{seconds / ref:>7.2f}", flush=True)

        line("sqlite, 1 worker x 4 connections", drain(sqlite, 1, 4), 4)
        for b in backends:
            for workers, connections in ((1, 1), (2, 1), (4, 1), (1, 4), (4, 2)):
                line(f"{b.name}, {workers} worker(s) x {connections} conn.", drain(b, workers, connections),
                     workers * connections)
    finally:
        sink.kill()
        sink.wait()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("build", nargs="?", default=os.path.join(ROOT, "build"))
    parser.add_argument("--messages", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", choices=["claims", "drain"])
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="outbound-bench-shared.")
    try:
        with dbservers.PostgresServer() as pg, dbservers.MariaDbServer() as maria:
            pgpass = os.path.join(work, "pgpass")
            dbpass = os.path.join(work, "dbpass")
            for path, server in ((pgpass, pg), (dbpass, maria)):
                dbservers.write_private_file(path, server.passfile_line(database="*"))
            env = dict(os.environ, PGPASSFILE=pgpass, OUTBOUND_DBPASS_FILE=dbpass, OUTBOUND_NO_KEYCHAIN="1")
            sqlite = Backend("sqlite", os.path.join(work, "bench.sqlite"), env)
            backends = [Backend("postgresql", pg.url, env), Backend("mariadb", maria.url, env)]
            if args.only in (None, "claims"):
                claims(args.build, [sqlite] + backends, args.messages, args.runs)
            if args.only in (None, "drain"):
                drains(args.build, backends, sqlite, args.messages, args.runs, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
