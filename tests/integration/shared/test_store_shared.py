"""Integration test `store_shared`: the one store test suite on SQLite, PostgreSQL and MariaDB.

Starts throwaway PostgreSQL 15 and MariaDB 10.11 servers (tests/support/dbservers.py, side by side),
then runs the Qt Test executable test_store_shared three times: on a temporary SQLite file, on the
PostgreSQL server and on the MariaDB server (OUTBOUND_TEST_DB; the password in a pgpass-style file
named by $PGPASSFILE or $OUTBOUND_DBPASS_FILE, mode 0600, as an admin would keep it). A backend
that fails any function fails the test; the output says which. No password may appear in the output.

    /usr/bin/python3 test_store_shared.py --suite build/tests/integration/shared/test_store_shared
        [--only sqlite|postgresql|mariadb]... [-- extra Qt Test arguments]
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "support"))
import dbservers  # noqa: E402

BACKENDS = ("sqlite", "postgresql", "mariadb")


# Functions about what only a server database has (sessions the server ends, several processes
# writing at once); an SQLite queue has one worker process, so they are not run there at all.
SERVER_ONLY = {"stoppedClientInsideATransactionBlocksNobody"}


def functions_for(suite, backend):
    """The suite's test functions for this backend (none skipped: a skip would pass unseen)."""
    listed = subprocess.run([suite, "-functions"], capture_output=True, text=True, timeout=60,
                            env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    names = [line.strip().removesuffix("()") for line in listed.stdout.splitlines() if line.strip()]
    return [n for n in names if backend != "sqlite" or n not in SERVER_ONLY]


def run_suite(suite, backend, address, env, extra):
    full_env = dict(os.environ)
    full_env.update(env)
    full_env["OUTBOUND_TEST_DB"] = address
    full_env.setdefault("QT_QPA_PLATFORM", "offscreen")
    full_env["OUTBOUND_NO_KEYCHAIN"] = "1"
    began = time.monotonic()
    result = subprocess.run([suite] + extra, env=full_env, capture_output=True, text=True, timeout=400)
    seconds = time.monotonic() - began
    return result.returncode, result.stdout + result.stderr, seconds


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--suite", required=True)
    parser.add_argument("--only", action="append", choices=BACKENDS)
    parser.add_argument("extra", nargs="*")
    args = parser.parse_args()
    wanted = args.only or list(BACKENDS)

    failures = []
    secrets = []
    with ExitStack() as stack, tempfile.TemporaryDirectory(prefix="outbound-store-shared-") as tmp:
        servers = {}
        if "postgresql" in wanted:
            servers["postgresql"] = dbservers.PostgresServer()
        if "mariadb" in wanted:
            servers["mariadb"] = dbservers.MariaDbServer()
        for s in servers.values():
            stack.callback(s.close)
            secrets.append(s.password)
        if servers:
            dbservers.start_together(*servers.values())
            for name, s in servers.items():
                print(f"{name} ready in {s.start_seconds:.2f} s on port {s.port}", flush=True)

        runs = []
        if "sqlite" in wanted:
            runs.append(("sqlite", os.path.join(tmp, "store.sqlite"), {}))
        if "postgresql" in wanted:
            pg = servers["postgresql"]
            path = dbservers.write_private_file(os.path.join(tmp, "pgpass"), pg.passfile_line())
            runs.append(("postgresql", pg.url + "?sslmode=disable", {"PGPASSFILE": path}))
        if "mariadb" in wanted:
            maria = servers["mariadb"]
            path = dbservers.write_private_file(os.path.join(tmp, "dbpass"), maria.passfile_line())
            runs.append(("mariadb", maria.url, {"OUTBOUND_DBPASS_FILE": path}))

        for backend, address, env in runs:
            chosen = args.extra or functions_for(args.suite, backend)
            rc, output, seconds = run_suite(args.suite, backend, address, env, chosen)
            if re.search(r"^SKIP ", output, re.MULTILINE):
                failures.append(f"{backend}: a function skipped")
            for line in output.splitlines():
                print(f"  [{backend}] {line}", flush=True)
            leaked = [s for s in secrets if s in output]
            if leaked:
                failures.append(f"{backend}: the database password appeared in the output")
            print(("ok   " if rc == 0 else "FAIL ") + f"{backend}: store suite exit {rc} in {seconds:.1f} s",
                  flush=True)
            if rc != 0:
                failures.append(f"{backend}: store suite exit {rc}")

    if failures:
        print("FAILED:\n  " + "\n  ".join(failures), flush=True)
        return 1
    print("store suite passed on: " + ", ".join(b for b, _, _ in runs), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
