"""Integration test `shared_window_live`: the window's live view on a real PostgreSQL server.

Starts a throwaway PostgreSQL 15 (tests/support/dbservers.py), sets up Outbound's tables with
`outbound-cli db init` (password from a pgpass file, as an admin would give it), then runs the
test_gui function liveUpdatesFromPostgres against it. That test prints
"OUTBOUND-TEST: stop-server" and "OUTBOUND-TEST: start-server" when it wants the server restarted;
this script does it (a real stop and start on the same port and data). A skipped Qt test counts as
a failure here.
"""

import argparse
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "support"))
import dbservers  # noqa: E402
from guirun import run_on_servers  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--test-gui", required=True)
    parser.add_argument("--cli", required=True)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder, dbservers.PostgresServer() as pg:
        print(f"postgresql up after {pg.start_seconds:.1f} s", flush=True)
        pgpass = dbservers.write_private_file(os.path.join(folder, "pgpass"), pg.passfile_line())
        env = dict(os.environ)
        env.update({"PGPASSFILE": pgpass, "OUTBOUND_NO_KEYCHAIN": "1", "QT_QPA_PLATFORM": "offscreen",
                    "HOME": folder, "XDG_CONFIG_HOME": os.path.join(folder, "config"),
                    "OUTBOUND_TEST_PG_URL": pg.url, "OUTBOUND_TEST_CLI": args.cli,
                    "LANGUAGE": "en", "LC_ALL": "C.UTF-8"})
        init = subprocess.run([args.cli, "--db", pg.url, "db", "init"], env=env, capture_output=True,
                              text=True, timeout=120)
        print(init.stdout + init.stderr, flush=True)
        if init.returncode != 0:
            print("FAIL outbound-cli db init", flush=True)
            return 1

        def serve(line):
            if line.startswith("OUTBOUND-TEST: stop-server"):
                pg.stop()
                print("server stopped", flush=True)
            elif line.startswith("OUTBOUND-TEST: start-server"):
                pg.start_again()
                print(f"server started again after {pg.restart_seconds:.1f} s", flush=True)

        passed, _ = run_on_servers(args.test_gui, "liveUpdatesFromPostgres", env, 240, serve)
        if not passed:
            return 1
        print("ok   liveUpdatesFromPostgres", flush=True)
        return 0


if __name__ == "__main__":
    sys.exit(main())
