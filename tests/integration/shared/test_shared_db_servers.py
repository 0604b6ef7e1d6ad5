"""Integration test `shared_db_servers`: real PostgreSQL 15 and MariaDB 10.11 on loopback.

Starts both servers with tests/support/dbservers.py (in parallel), then runs shared_db_probe, a
small Qt program, against each through a --db address and a password from stdin or a password
file: SELECT 1, FOR UPDATE SKIP LOCKED between two connections, LISTEN/NOTIFY on PostgreSQL.
Also: a wrong password and an open password file are refused without showing the password, a
password inside the address is refused, sslmode reaches libpq, and both servers answer again
after restart() and after kill() + start_again(). Prints the seconds each step took.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "support"))
import dbservers  # noqa: E402

failures = []


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what, flush=True)
    if not condition:
        failures.append(what)


def probe(args, url, *checks, stdin=None, password_file=None, env=None):
    argv = [args.probe, "--db", url]
    if stdin is not None:
        argv.append("--db-password-stdin")
    if password_file is not None:
        argv += ["--db-password-file", password_file]
    for c in checks:
        argv += ["--check", c]
    full_env = dict(os.environ)
    full_env.update(env or {})
    result = subprocess.run(argv, input=stdin, capture_output=True, text=True, timeout=120, env=full_env)
    output = result.stdout + result.stderr
    for line in output.strip().splitlines():
        print("     | " + line, flush=True)
    return result.returncode, output


def write_passfile(folder, name, content, mode):
    path = os.path.join(folder, name)
    with open(path, "w") as f:
        f.write(content)
    os.chmod(path, mode)
    return path


def run(args):
    began = time.monotonic()
    pg = dbservers.PostgresServer()
    maria = dbservers.MariaDbServer()
    with ExitStack() as stack, tempfile.TemporaryDirectory(prefix="outbound-shared-") as tmp:
        stack.callback(pg.close)
        stack.callback(maria.close)
        dbservers.start_together(pg, maria)
        print(f"servers ready after {pg.start_seconds:.2f} s (postgresql) and {maria.start_seconds:.2f} s (mariadb), "
              f"init side by side", flush=True)

        # sslmode=disable and connect_timeout travel through the address to libpq.
        pg_url = pg.url + "?sslmode=disable&connect_timeout=10"
        secrets_seen = [pg.password, maria.password]

        rc, output = probe(args, pg_url, "select", "skip-locked", "notify", stdin=pg.password + "\n")
        check(rc == 0 and "ok select" in output and "ok skip-locked" in output and "ok notify" in output,
              "PostgreSQL through QPSQL: SELECT 1, SKIP LOCKED, LISTEN/NOTIFY (password from stdin)")
        check(not any(s in output for s in secrets_seen), "no password in the PostgreSQL probe's output")

        rc, output = probe(args, maria.url, "select", "skip-locked", stdin=maria.password + "\n")
        check(rc == 0 and "ok select" in output and "ok skip-locked" in output,
              "MariaDB through QMYSQL: SELECT 1, SKIP LOCKED (password from stdin)")
        check(not any(s in output for s in secrets_seen), "no password in the MariaDB probe's output")

        itflow_url = maria.url.replace("mariadb://", "itflow+mariadb://", 1)
        rc, output = probe(args, itflow_url, "select", stdin=maria.password + "\n")
        check(rc == 0 and "ok select" in output, "itflow+mariadb:// opens through QMYSQL")

        # Password files: ':' and '\' in the password are escaped in the line; the server's own
        # line is not the first, a wildcard line for another user comes before it.
        pgpass = write_passfile(tmp, "pgpass", "# test\n*:*:*:someone_else:wrong\n" + pg.passfile_line(),
                                0o600)
        rc, output = probe(args, pg.url, "select", password_file=pgpass)
        check(rc == 0 and "ok select" in output, "PostgreSQL password from a pgpass file")
        os.chmod(pgpass, 0o644)
        rc, output = probe(args, pg.url, "select", password_file=pgpass)
        check(rc == 3 and "chmod 600" in output and pg.password not in output,
              "a pgpass file others can read is refused, and says chmod 600")

        dbpass = write_passfile(tmp, "dbpass", maria.passfile_line(), 0o600)
        rc, output = probe(args, maria.url, "select", env={"OUTBOUND_DBPASS_FILE": dbpass})
        check(rc == 0 and "ok select" in output, "MariaDB password from $OUTBOUND_DBPASS_FILE")

        # Refusals that must not show a secret.
        wrong = "Wrong-Secret-Value-123"
        for server, refusal in ((pg, "password authentication failed"), (maria, "Access denied")):
            rc, output = probe(args, server.url, "select", stdin=wrong + "\n")
            check(rc == 3 and refusal in output and wrong not in output and "--db-password-stdin" in output,
                  f"{server.kind}: a wrong password is refused by the server; the hint shows, the password not")
        rc, output = probe(args, f"postgresql://{pg.role}:{wrong}@127.0.0.1:{pg.port}/{pg.database}", "select")
        check(rc == 2 and wrong not in output and ".pgpass" in output,
              "a password inside the address is refused without repeating it")
        rc, output = probe(args, pg.url + "?sslmode=require", "select", stdin=pg.password + "\n")
        check(rc == 3 and "server does not support SSL" in output, "sslmode=require reaches libpq (this test server has no TLS)")

        # The database server restarted mid-run: both answer again on the same port and data.
        pg.restart()
        maria.restart()
        print(f"restarted: postgresql {pg.restart_seconds:.2f} s, mariadb {maria.restart_seconds:.2f} s", flush=True)
        rc, output = probe(args, pg.url, "select", stdin=pg.password + "\n")
        check(rc == 0, "PostgreSQL answers after restart()")
        rc, output = probe(args, maria.url, "select", stdin=maria.password + "\n")
        check(rc == 0, "MariaDB answers after restart()")

        # A crash: SIGKILL to every server process, then recovery on the same port and data.
        pg.kill()
        maria.kill()
        pg.start_again()
        maria.start_again()
        print(f"recovered after kill(): postgresql {pg.restart_seconds:.2f} s, mariadb {maria.restart_seconds:.2f} s",
              flush=True)
        rc, output = probe(args, pg.url, "select", stdin=pg.password + "\n")
        check(rc == 0, "PostgreSQL answers after kill() and start_again()")
        rc, output = probe(args, maria.url, "select", stdin=maria.password + "\n")
        check(rc == 0, "MariaDB answers after kill() and start_again()")

        folders = [pg.base, maria.base]
    check(not any(f and os.path.exists(f) for f in folders), "server folders removed")
    print(f"shared_db_servers: {time.monotonic() - began:.1f} s in total", flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--probe", required=True)
    args = parser.parse_args()
    run(args)
    if failures:
        print(f"{len(failures)} check(s) failed", flush=True)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
