"""Runs one TestGuiOnServers function of test_gui (`test_gui --on-servers NAME`) for a script that
started the servers it needs: its output is echoed as it comes, and the run counts as passed only
when the function itself passed, with no SKIP anywhere (a skipped test is not a passing one)."""

import subprocess
import sys
import threading


def run_on_servers(test_gui, name, env, timeout, on_line=None):
    """Returns (passed, output). A watchdog kills the run after `timeout` seconds so it cannot hang
    the suite; `on_line(line)` sees each line as it arrives (to act on the test's requests)."""
    proc = subprocess.Popen([test_gui, "--on-servers", name], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    watchdog = threading.Timer(timeout, proc.kill)
    watchdog.start()
    output = []
    try:
        for line in proc.stdout:
            sys.stdout.write("     | " + line)
            sys.stdout.flush()
            output.append(line)
            if on_line:
                on_line(line)
        rc = proc.wait()
    finally:
        watchdog.cancel()
    text = "".join(output)
    passed = rc == 0 and "SKIP" not in text and f"PASS   : TestGuiOnServers::{name}()" in text
    if not passed:
        print(f"FAIL {name} (exit {rc})", flush=True)
    return passed, text
