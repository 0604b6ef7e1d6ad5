"""Throwaway PostgreSQL 15 and MariaDB 10.11 servers for tests and benchmarks.

Standard library only; run with Debian's /usr/bin/python3.

    with PostgresServer() as pg, MariaDbServer() as maria:
        pg.url        # postgresql://outbound@127.0.0.1:PORT/outbound  (no password inside)
        pg.password   # the test role's password (give it through stdin or a password file)
        pg.restart()  # "the database server restarted mid-run"

Each server lives in its own temporary folder (data, unix socket, pid file, log), listens on
127.0.0.1 only, on a port picked free at start, and is built for speed, not durability (no fsync).
Readiness is a real connection attempt repeated until a deadline, never a fixed sleep. The server
is killed and the folder removed on leaving the `with` block, also when the start failed; the
server also gets SIGKILL if the thread that started it ends first (PR_SET_PDEATHSIG), so a test
killed by its timeout leaves no server behind. Start servers from a thread that outlives them (the
main thread); start_together() overlaps the slow part (initdb, mariadb-install-db) in threads and
launches the servers from the caller's thread.

PostgreSQL and MariaDB refuse to run as root: as root the servers run as the `postgres` and
`mysql` users the Debian packages create; as any other user they run as that user.

Creating a data directory is the slow part (initdb, mariadb-install-db: seconds). The first one
made is kept as a template, per server version, in $TMPDIR/outbound-dbtemplates-<uid>/, and
later servers copy it (a fraction of a second). OUTBOUND_DB_TEMPLATES=0 turns this off; another
folder can be named with OUTBOUND_DB_TEMPLATES=/path.

Run directly to measure start-up or to keep servers up for manual work:
    /usr/bin/python3 tests/support/dbservers.py measure
    /usr/bin/python3 tests/support/dbservers.py serve postgres|mariadb
"""

import ctypes
import hashlib
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

PG_BIN = "/usr/lib/postgresql/15/bin"
MARIADB_SERVER = "/usr/sbin/mariadbd"
MARIADB_INSTALL_DB = "/usr/bin/mariadb-install-db"
MARIADB_CLIENT = "/usr/bin/mariadb"

DATABASE = "outbound"
ROLE = "outbound"

_PR_SET_PDEATHSIG = 1


class ServerError(RuntimeError):
    pass


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _random_password():
    # Characters that need escaping in a pgpass line (':' and '\') and in SQL ("'"), so every
    # consumer of the password is exercised with them.
    return "pw-" + secrets.token_urlsafe(12) + ":\\'x"


def _sql_literal(text):
    # Works for PostgreSQL (standard_conforming_strings) and for MariaDB with
    # NO_BACKSLASH_ESCAPES off: double the quote; double the backslash only for MariaDB (caller).
    return "'" + text.replace("'", "''") + "'"


def passfile_line(host, port, database, role, password):
    """One line of a pgpass-format password file (what Outbound and libpq read), with ':' and
    backslash escaped; '*' for any field matches everything."""

    def escape(text):
        text = str(text)
        return text if text == "*" else text.replace("\\", "\\\\").replace(":", "\\:")

    return ":".join(escape(field) for field in (host, port, database, role, password)) + "\n"


def write_private_file(path, text):
    """Creates `path` (it must not exist) readable by its owner only from its first moment."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(text)
    return path


def _service_user(name):
    """(uid, gid) to run a server as: the package's user when we are root, else ourselves."""
    if os.geteuid() != 0:
        return None
    try:
        entry = pwd.getpwnam(name)
    except KeyError as e:
        raise ServerError(f"user {name!r} does not exist (is the server package installed?)") from e
    return entry.pw_uid, entry.pw_gid


def _child_setup(ids):
    def setup():
        if ids is not None:
            os.setgroups([])
            os.setgid(ids[1])
            os.setuid(ids[0])
        # After the uid change (a credential change clears the setting): die with our parent.
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)

    return setup


def _template_root():
    setting = os.environ.get("OUTBOUND_DB_TEMPLATES", "")
    if setting == "0":
        return None
    root = setting or os.path.join(tempfile.gettempdir(), f"outbound-dbtemplates-{os.geteuid()}")
    os.makedirs(root, mode=0o700, exist_ok=True)
    if os.stat(root).st_uid != os.geteuid():
        raise ServerError(f"the template folder {root} belongs to another user")
    return root


def _copy_tree(source, target):
    # cp -a keeps the owner (postgres/mysql) and the modes the servers insist on.
    subprocess.run(["cp", "-a", source, target], check=True, capture_output=True, timeout=120)


class _Server:
    """The shared part: temporary folder, process, readiness by condition, cleanup."""

    kind = ""
    scheme = ""
    service_user = ""
    start_timeout = 60.0

    def __init__(self, password=None, database=DATABASE, role=ROLE):
        self.password = password if password is not None else _random_password()
        self.database = database
        self.role = role
        self.port = None
        self.base = None
        self.proc = None
        self.log_file = None
        self.ids = None
        self.start_seconds = None  # first start, init included
        self.restart_seconds = None  # last restart()

    # --- public -----------------------------------------------------------------------------

    @property
    def host(self):
        return "127.0.0.1"

    @property
    def url(self):
        return f"{self.scheme}://{self.role}@{self.host}:{self.port}/{self.database}"

    def passfile_line(self, database=None, role=None, password=None):
        """This server's line of a pgpass-format file (its own role and password by default)."""
        return passfile_line(self.host, self.port, database or self.database, role or self.role,
                             self.password if password is None else password)

    def __enter__(self):
        try:
            self.start()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def start(self):
        began = time.monotonic()
        self.prepare()
        self.launch()
        self.start_seconds = time.monotonic() - began

    def prepare(self):
        """Makes the temporary folder and the data directory; starts no long-lived process."""
        self.ids = _service_user(self.service_user)
        self.base = tempfile.mkdtemp(prefix=f"outbound-{self.kind}-")
        os.chmod(self.base, 0o700)
        if self.ids is not None:
            os.chown(self.base, *self.ids)
        root = _template_root()
        template = os.path.join(root, self._template_name()) if root else None
        if template and os.path.isdir(template):
            _copy_tree(template, self._datadir())
            return
        self._init_datadir()
        if template:
            # Publish atomically: a copy made beside the template, then renamed into place; when
            # another run got there first, its template is as good as ours.
            staging = tempfile.mkdtemp(prefix=".staging-", dir=root)
            try:
                _copy_tree(self._datadir(), os.path.join(staging, "data"))
                os.rename(os.path.join(staging, "data"), template)
            except OSError:
                pass
            finally:
                shutil.rmtree(staging, ignore_errors=True)

    def _template_name(self):
        version = subprocess.run(self._version_command(), capture_output=True, text=True, timeout=30).stdout
        digest = hashlib.sha256((version + repr(self._template_key())).encode()).hexdigest()[:16]
        return f"{self.kind}-{digest}"

    def launch(self):
        """Starts the server on a free port, waits until it is ready, creates database and role."""
        self._launch_on_free_port()
        self._create_database_and_role()

    def stop(self, timeout=30.0):
        """Stops the server (fast shutdown) and waits for the process; the data stays."""
        if self.proc is None:
            return
        if self.proc.poll() is None:
            self.proc.send_signal(self._stop_signal())
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.kill()
                return
        self.proc = None
        if self.log_file:
            self.log_file.close()
            self.log_file = None

    def kill(self):
        """SIGKILL to the server and all its processes (PostgreSQL's backends too), as a crashed
        machine; the data stays and start_again() recovers it."""
        if self.proc is not None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)  # its own session: see _launch()
            except ProcessLookupError:
                pass
            self.proc.wait()
        self.proc = None
        if self.log_file:
            self.log_file.close()
            self.log_file = None

    def start_again(self):
        """Starts the stopped or killed server on the same port and data; waits until ready."""
        began = time.monotonic()
        self._launch(self.port)
        self._wait_ready()
        self.restart_seconds = time.monotonic() - began

    def restart(self):
        """The database server restarted mid-run: clients lose their connections."""
        self.stop()
        self.start_again()

    def close(self):
        try:
            self.kill()
        finally:
            if self.base and os.path.isdir(self.base):
                shutil.rmtree(self.base, ignore_errors=True)
            self.base = None

    def log_text(self):
        try:
            with open(self._log_path(), encoding="utf-8", errors="replace") as f:
                return f.read()
        except OSError:
            return ""

    def superuser_sql(self, sql):
        """Runs SQL as the server's superuser over the unix socket; returns stdout."""
        result = subprocess.run(self._superuser_command(sql), capture_output=True, text=True, timeout=60)
        if result.returncode != 0:
            raise ServerError(f"{self.kind}: SQL failed: {result.stderr.strip()}")
        return result.stdout

    # --- shared mechanics -----------------------------------------------------------------

    def _path(self, name):
        return os.path.join(self.base, name)

    def _log_path(self):
        return self._path("server.log")

    def _run_as_service(self, argv, what):
        result = subprocess.run(
            argv, capture_output=True, text=True, timeout=120, preexec_fn=_child_setup(self.ids), cwd=self.base
        )
        if result.returncode != 0:
            raise ServerError(f"{self.kind}: {what} failed ({result.returncode}): {result.stderr.strip()[-2000:]}")

    def _launch(self, port):
        self.log_file = open(self._log_path(), "ab")
        self.proc = subprocess.Popen(
            self._server_command(port),
            stdin=subprocess.DEVNULL,
            stdout=self.log_file,
            stderr=subprocess.STDOUT,
            preexec_fn=_child_setup(self.ids),
            cwd=self.base,
            start_new_session=True,  # one process group to kill, apart from ours
        )

    def _launch_on_free_port(self):
        # The port is free when picked but another process may take it before the server binds:
        # then the server exits with "address in use" and we pick again.
        for attempt in range(5):
            self.port = free_port()
            self._launch(self.port)
            try:
                self._wait_ready()
                return
            except ServerError:
                in_use = "in use" in self.log_text()
                self.kill()
                if not in_use or attempt == 4:
                    raise

    def _wait_ready(self):
        deadline = time.monotonic() + self.start_timeout
        delay = 0.02
        while True:
            if self.proc.poll() is not None:
                raise ServerError(
                    f"{self.kind} exited with {self.proc.returncode} before accepting connections:\n"
                    + self.log_text()[-3000:]
                )
            if self._accepts_connection():
                return
            if time.monotonic() > deadline:
                raise ServerError(f"{self.kind} did not accept connections within {self.start_timeout} s")
            time.sleep(delay)  # poll interval of a condition wait, not a wait for time to pass
            delay = min(delay * 1.5, 0.2)

    def _accepts_connection(self):
        try:
            socket.create_connection((self.host, self.port), timeout=2).close()
        except OSError:
            return False
        try:
            result = subprocess.run(
                self._superuser_command("SELECT 1"), capture_output=True, text=True, timeout=10
            )
        except subprocess.TimeoutExpired:
            return False
        return result.returncode == 0


class PostgresServer(_Server):
    kind = "postgresql"
    scheme = "postgresql"
    service_user = "postgres"

    def _datadir(self):
        return self._path("data")

    def _version_command(self):
        return [f"{PG_BIN}/postgres", "--version"]

    def _template_key(self):
        return ("initdb", "trust-local", "scram-host", "UTF8", "C")

    def _init_datadir(self):
        pwfile = self._path("superuser.pw")  # initdb wants a file; the superuser uses the socket
        with open(pwfile, "w") as f:
            f.write(secrets.token_urlsafe(16) + "\n")
        if self.ids is not None:
            os.chown(pwfile, *self.ids)
        self._run_as_service(
            [
                f"{PG_BIN}/initdb",
                "-D", self._datadir(),
                "-U", "postgres",
                f"--pwfile={pwfile}",
                "--auth-local=trust",  # the socket is in our 0700 folder: only we reach it
                "--auth-host=scram-sha-256",  # TCP: the test role must really log in
                "--encoding=UTF8",
                "--locale=C",
                "--no-sync",
                "--no-instructions",
            ],
            "initdb",
        )

    def _server_command(self, port):
        return [
            f"{PG_BIN}/postgres",
            "-D", self._datadir(),
            "-p", str(port),
            "-k", self.base,
            "-c", "listen_addresses=127.0.0.1",
            "-c", "fsync=off",
            "-c", "synchronous_commit=off",
            "-c", "full_page_writes=off",
            "-c", "shared_buffers=16MB",
            "-c", "max_connections=60",
            "-c", "logging_collector=off",
            "-c", "max_wal_size=256MB",
        ]

    def _stop_signal(self):
        return signal.SIGINT  # PostgreSQL's "fast" shutdown: disconnect clients, checkpoint, exit

    def _superuser_command(self, sql):
        return [
            f"{PG_BIN}/psql", "-X", "-q", "-A", "-t",
            "-h", self.base, "-p", str(self.port), "-U", "postgres", "-d", "postgres",
            "-v", "ON_ERROR_STOP=1", "-c", sql,
        ]

    def _create_database_and_role(self):
        self.superuser_sql(f"CREATE ROLE {self.role} LOGIN PASSWORD {_sql_literal(self.password)}")
        self.superuser_sql(f"CREATE DATABASE {self.database} OWNER {self.role}")


class MariaDbServer(_Server):
    kind = "mariadb"
    scheme = "mariadb"
    service_user = "mysql"

    def _datadir(self):
        return self._path("data")

    def _socket(self):
        return self._path("mariadb.sock")

    def _version_command(self):
        return [MARIADB_SERVER, "--version"]

    def _template_key(self):
        return ("install-db", "root-normal", "skip-test-db")

    def _init_datadir(self):
        os.mkdir(self._datadir(), 0o700)
        if self.ids is not None:
            os.chown(self._datadir(), *self.ids)
        self._run_as_service(
            [
                MARIADB_INSTALL_DB,
                "--no-defaults",
                f"--datadir={self._datadir()}",
                "--auth-root-authentication-method=normal",  # root without password, socket only
                "--skip-test-db",
                "--skip-name-resolve",
                "--innodb-flush-log-at-trx-commit=0",
                "--innodb-doublewrite=0",
                "--innodb-buffer-pool-size=32M",
            ],
            "mariadb-install-db",
        )

    def _server_command(self, port):
        return [
            MARIADB_SERVER,
            "--no-defaults",
            f"--datadir={self._datadir()}",
            f"--socket={self._socket()}",
            f"--pid-file={self._path('mariadb.pid')}",
            f"--port={port}",
            "--bind-address=127.0.0.1",
            "--skip-networking=0",
            "--skip-name-resolve",
            "--skip-log-bin",
            "--innodb-flush-log-at-trx-commit=0",
            "--innodb-doublewrite=0",
            "--innodb-flush-method=nosync",
            "--innodb-buffer-pool-size=32M",
            "--innodb-log-file-size=48M",
            "--sync-frm=0",
            "--max-connections=100",
        ]

    def _stop_signal(self):
        return signal.SIGTERM  # a normal shutdown

    def _superuser_command(self, sql):
        return [MARIADB_CLIENT, "--no-defaults", f"--socket={self._socket()}", "-uroot", "-N", "-B", "-e", sql]

    def _database_client(self):
        return [MARIADB_CLIENT, "--no-defaults", f"--socket={self._socket()}", "-uroot", "-N", "-B", self.database]

    def database_sql(self, statements, time_zone=None):
        """Runs SQL as the superuser in the test database, the session in `time_zone` when given
        (an offset such as '+01:00'); returns the rows, each a list of tab-separated fields."""
        prefix = f"SET time_zone = '{time_zone}';\n" if time_zone else ""
        result = subprocess.run(self._database_client(), input=prefix + statements, capture_output=True, text=True,
                                timeout=600)
        if result.returncode != 0:
            raise ServerError(f"{self.kind}: SQL failed: {statements[:200]}: {result.stderr.strip()}")
        return [line.split("\t") for line in result.stdout.splitlines()]

    def load_sql_file(self, path):
        """Loads a file of SQL (a schema dump such as ITFlow's db.sql) into the test database."""
        with open(path, "rb") as f:
            result = subprocess.run(self._database_client(), stdin=f, capture_output=True, timeout=600)
        if result.returncode != 0:
            raise ServerError(f"{self.kind}: loading {path} failed: {result.stderr.decode(errors='replace').strip()}")

    def _create_database_and_role(self):
        # MariaDB reads backslashes in string literals as escapes: double them too.
        literal = _sql_literal(self.password.replace("\\", "\\\\"))
        self.superuser_sql(
            f"CREATE DATABASE {self.database} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;"
            f"CREATE USER '{self.role}'@'127.0.0.1' IDENTIFIED BY {literal};"
            f"CREATE USER '{self.role}'@'localhost' IDENTIFIED BY {literal};"
            f"GRANT ALL ON {self.database}.* TO '{self.role}'@'127.0.0.1';"
            f"GRANT ALL ON {self.database}.* TO '{self.role}'@'localhost';"
        )


def start_together(*servers):
    """Starts several servers, overlapping their data directory set-up; returns them started.

    The servers themselves are launched from the calling thread (see PR_SET_PDEATHSIG above).
    On failure every server is closed before the exception goes on."""
    from concurrent.futures import ThreadPoolExecutor

    began = time.monotonic()
    try:
        with ThreadPoolExecutor(len(servers)) as pool:
            for future in [pool.submit(s.prepare) for s in servers]:
                future.result()
        for s in servers:
            s.launch()
            s.start_seconds = time.monotonic() - began
    except BaseException:
        for s in servers:
            s.close()
        raise
    return servers


SERVERS = {"postgres": PostgresServer, "mariadb": MariaDbServer}


def _measure():
    # Cold: a new template folder, so the data directory is made from nothing; warm: copied.
    with tempfile.TemporaryDirectory(prefix="outbound-dbtemplates-measure-") as templates:
        os.environ["OUTBOUND_DB_TEMPLATES"] = templates
        for name, cls in SERVERS.items():
            times = []
            for _ in range(2):
                with cls() as server:
                    times.append(server.start_seconds)
                    server.restart()
            print(f"{name}: ready in {times[0]:.2f} s cold (initdb/install-db), {times[1]:.2f} s from the "
                  f"template, restart {server.restart_seconds:.2f} s", flush=True)


def _serve(name):
    with SERVERS[name]() as server:
        print(f"url={server.url}", flush=True)
        print(f"password={server.password}", flush=True)
        print(f"folder={server.base}", flush=True)
        print("Ctrl-C stops the server and removes the folder.", flush=True)
        try:
            signal.sigwait({signal.SIGINT, signal.SIGTERM})
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    if len(sys.argv) == 2 and sys.argv[1] == "measure":
        _measure()
    elif len(sys.argv) == 3 and sys.argv[1] == "serve" and sys.argv[2] in SERVERS:
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
        _serve(sys.argv[2])
    else:
        print(__doc__.strip().splitlines()[-2:], file=sys.stderr)
        sys.exit(2)
