#!/usr/bin/python3
"""The roles and GRANTs of docs/shared-database.md, run as written, on a throwaway PostgreSQL or MariaDB.

The backend's block of the document is executed (database name and passwords replaced), then:
the owner role runs `db init`; the window role saves settings and a password and enqueues; the
worker role drains the queue to Postfix smtp-sink and the window role sees every message sent; and
neither the worker nor the window role may change the schema. A GRANT missing from the document
makes one of these commands fail with "permission denied", so the document cannot drift from what
the program needs.

    /usr/bin/python3 test_roles.py --cli build/src/outbound-cli postgresql|mariadb
"""

import argparse
import json
import os
import re
import socket
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "support"))
import dbservers  # noqa: E402
from waiting import wait_until  # noqa: E402

DOC = os.path.join(os.path.dirname(ROOT), "docs", "shared-database.md")
MESSAGES = 20


def doc_block(backend):
    """The SQL of one GRANTs block: (statements before `db init`, statements after it)."""
    text = open(DOC, encoding="utf-8").read()
    section = text[text.index("### Roles and GRANTs an admin gives"):]
    title = "PostgreSQL" if backend == "postgresql" else "MariaDB"
    block = re.search(title + r" \(.*?```sql\n(.*?)```", section, re.S).group(1)
    marker = "-- in the database outbound" if backend == "postgresql" else "-- after `outbound-cli db init`"
    server_part, database_part = block.split(marker, 1)
    database_part = database_part.split("\n", 1)[1]  # the rest of the comment line

    def statements(sql):
        sql = re.sub(r"--[^\n]*", "", sql)
        return [s.strip() for s in sql.split(";") if s.strip()]

    return statements(server_part), statements(database_part)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cli", required=True)
    parser.add_argument("backend", choices=["postgresql", "mariadb"])
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="outbound-roles.")
    passwords = {role: f"pw-{role}:x" for role in ("outbound_owner", "outbound_worker", "outbound_window")}
    pgsql = args.backend == "postgresql"
    with (dbservers.PostgresServer() if pgsql else dbservers.MariaDbServer()) as pg:
        server_sql, database_sql = doc_block(args.backend)

        def psql(sql, database):
            if pgsql:
                cmd = [f"{dbservers.PG_BIN}/psql", "-X", "-q", "-A", "-t", "-h", pg.base, "-p", str(pg.port),
                       "-U", "postgres", "-d", database, "-v", "ON_ERROR_STOP=1", "-c", sql]
            else:
                cmd = [dbservers.MARIADB_CLIENT, "--no-defaults", f"--socket={pg._socket()}", "-uroot", "-N", "-B",
                       "-e", sql]
            return subprocess.run(cmd, capture_output=True, text=True, timeout=60)

        def adapt(statement):
            # The document's database is `outbound`; the throwaway server already has one by that name.
            statement = statement.replace("DATABASE outbound", "DATABASE roles").replace("outbound.", "roles.")
            # Outbound connects over TCP; the owner's 'localhost' would mean the socket.
            statement = statement.replace("'outbound_owner'@'localhost'", "'outbound_owner'@'%'")
            for role, password in passwords.items():
                literal = "'" + password.replace("'", "''") + "'"
                statement = re.sub(rf"(ROLE {role} LOGIN PASSWORD )'\.\.\.'", rf"\g<1>{literal}", statement)
                statement = re.sub(rf"('{role}'@'%' IDENTIFIED BY )'\.\.\.'", rf"\g<1>{literal}", statement)
            return statement

        for statement in server_sql:
            result = psql(adapt(statement), "postgres")
            assert result.returncode == 0, f"{statement}: {result.stderr}"

        pgpass = dbservers.write_private_file(
            os.path.join(work, "pgpass"),
            "".join(pg.passfile_line(database="roles", role=role, password=password)
                    for role, password in passwords.items()))
        env = dict(os.environ, PGPASSFILE=pgpass, OUTBOUND_DBPASS_FILE=pgpass, OUTBOUND_NO_KEYCHAIN="1")
        scheme = "postgresql" if pgsql else "mariadb"

        def cli(role, *command, check=True):
            url = f"{scheme}://{role}@127.0.0.1:{pg.port}/roles"
            result = subprocess.run([args.cli, "--db", url, *command], env=env, capture_output=True, text=True,
                                    timeout=120)
            for password in passwords.values():
                assert password not in result.stdout + result.stderr, "a password was printed"
            if check:
                assert result.returncode == 0, f"{role} {' '.join(command)}: {result.stderr}"
            return result

        # Before `db init`, a worker is told what to run, not given a database error.
        # (MariaDB lets a user without a grant on the database not even connect: exit 3 too.)
        early = cli("outbound_worker", "queue", "stats", check=False)
        assert early.returncode == 3, early.stderr
        assert not pgsql or "db init" in early.stderr, early.stderr
        assert "creates none" not in early.stderr, early.stderr  # that hint is about files
        cli("outbound_owner", "db", "init")
        for statement in database_sql:
            result = psql(adapt(statement), "roles")
            assert result.returncode == 0, f"{statement}: {result.stderr}"

        sink_port = free_port()
        sink_cmd = ["/usr/sbin/smtp-sink"] + (["-u", "nobody"] if os.getuid() == 0 else []) + [
            f"127.0.0.1:{sink_port}", "100"]
        sink = subprocess.Popen(sink_cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            def listening():
                with socket.socket() as s:
                    return s.connect_ex(("127.0.0.1", sink_port)) == 0

            wait_until(listening, 10, "smtp-sink listening")
            # The window role: settings, the SMTP password (the secrets table), messages.
            cli("outbound_window", "settings", "set", "smtp.host", "127.0.0.1", "smtp.port", str(sink_port),
                "smtp.encryption", "none", "smtp.auth", "none", "from.default.email", "office@example.com")
            subprocess.run([args.cli, "--db", f"{scheme}://outbound_window@127.0.0.1:{pg.port}/roles",
                            "settings", "set-password"], input="smtp-secret\n", env=env, check=True,
                           capture_output=True, text=True, timeout=60)
            jsonl = os.path.join(work, "messages.jsonl")
            with open(jsonl, "w") as f:
                for i in range(MESSAGES):
                    f.write(json.dumps({"to": f"user{i}@example.org", "subject": f"Invoice {i}",
                                        "text": "Hello", "key": f"invoice-{i}"}) + "\n")
            cli("outbound_window", "enqueue", "--jsonl", jsonl)
            # The worker role drains (claims, marks, outcomes, history, heartbeat, the shared rate).
            cli("outbound_worker", "settings", "show")
            cli("outbound_worker", "worker", "--drain", "--connections", "2")
            status = cli("outbound_window", "db", "status", "--json")
            state = json.loads(status.stdout)
            assert state["queue"]["sent"] == MESSAGES, state["queue"]
            assert any(w["state"] == "stopped" and w["sent"] == MESSAGES for w in state["workers"]), state["workers"]
            # The window role manages the queue: retry, cancel and delete rules still apply.
            cli("outbound_window", "queue", "purge", "--days", "0")
        finally:
            sink.kill()
            sink.wait()

        # Neither role may change the schema.
        for role in ("outbound_worker", "outbound_window"):
            if pgsql:
                cmd = [f"{dbservers.PG_BIN}/psql", "-X", "-q", "-h", "127.0.0.1", "-p", str(pg.port), "-U", role,
                       "-d", "roles", "-v", "ON_ERROR_STOP=1", "-c", "CREATE TABLE intruder (x int)"]
                denied = "permission denied"
            else:
                cmd = [dbservers.MARIADB_CLIENT, "--no-defaults", "-h", "127.0.0.1", "-P", str(pg.port), "-u", role,
                       f"-p{passwords[role]}", "roles", "-e", "CREATE TABLE intruder (x int)"]
                denied = "denied"
            result = subprocess.run(cmd, env=dict(env, PGPASSWORD=passwords[role]), capture_output=True, text=True,
                                    timeout=60)
            assert result.returncode != 0 and denied in result.stderr, (role, result.stderr)
            migrate = cli(role, "db", "migrate", check=False)
            assert migrate.returncode == 0, migrate.stderr  # up to date: nothing to change, nothing refused
    print(f"roles ({args.backend}): the document's GRANTs let the owner set up, the window enqueue {MESSAGES} and manage, "
          "the worker drain them; neither may change the schema")


if __name__ == "__main__":
    main()
