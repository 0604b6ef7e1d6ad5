"""Waiting on a condition with a deadline, for the Python tests (never a bare sleep).

    sys.path.insert(0, ".../tests/support")
    from waiting import wait_until, wait_for_output

    wait_until(lambda: server.received >= 3, 10, "three messages at the server")
    wait_for_output(worker.stdout, "worker running", 10)

Both raise WaitTimeout (an AssertionError, so unittest reports a failure, not an error) with what
was awaited when the deadline passes. The short pause between two looks at the condition is the
poll interval of that wait, not a wait for time to pass.
"""

import os
import select
import socket
import time


class WaitTimeout(AssertionError):
    pass


def wait_until(predicate, timeout, what="the condition", interval=0.02):
    """Returns the first truthy value of predicate() within timeout seconds."""
    deadline = time.monotonic() + timeout
    delay = min(interval, 0.005)
    while True:
        value = predicate()
        if value:
            return value
        left = deadline - time.monotonic()
        if left <= 0:
            raise WaitTimeout(f"timed out after {timeout} s waiting for {what}")
        time.sleep(min(delay, left))  # poll interval of a condition wait
        delay = min(delay * 2, interval)


def wait_for_output(stream, text, timeout):
    """Reads a child's pipe (stdout or stderr of a Popen) until `text` appears; returns what was read.

    It reads the descriptor itself (os.read), so what it consumed never sits in a Python buffer:
    a later Popen.communicate() gets exactly the rest.
    """
    fd = stream.fileno()
    seen = b""
    needle = text.encode()
    deadline = time.monotonic() + timeout
    while needle not in seen:
        left = deadline - time.monotonic()
        if left <= 0:
            raise WaitTimeout(f"timed out after {timeout} s waiting for {text!r}; got {seen!r}")
        ready, _, _ = select.select([fd], [], [], left)
        if not ready:
            continue
        chunk = os.read(fd, 4096)
        if not chunk:
            raise WaitTimeout(f"the stream ended before {text!r} appeared; got {seen!r}")
        seen += chunk
    return seen.decode(errors="replace")


def wait_for_port(port, timeout=10.0, host="127.0.0.1"):
    """Returns once something accepts TCP connections on host:port (a server that just started)."""

    def listening():
        with socket.socket() as s:
            return s.connect_ex((host, port)) == 0

    wait_until(listening, timeout, f"something listening on {host}:{port}", interval=0.05)
