#!/usr/bin/env bash
# Runs a command on a screen of its own: Xvfb at the given size with the openbox window manager,
# so windows are placed, framed and limited by the screen as on a desktop. The screenshot scripts
# use it; by hand it is the quickest way to look at the window at a given size:
#   scripts/with-display.sh 1024x768 bash -c 'build/src/outbound & sleep 5; import -window root shot.png'
# Usage: scripts/with-display.sh WIDTHxHEIGHT COMMAND [ARG...]
set -euo pipefail
[[ $# -ge 2 && $1 =~ ^[0-9]+x[0-9]+$ ]] || { echo "usage: $0 WIDTHxHEIGHT COMMAND [ARG...]" >&2; exit 2; }
size=$1
shift
for tool in xvfb-run openbox xprop; do
    command -v "$tool" >/dev/null || { echo "$tool is missing: run scripts/install-deps.sh" >&2; exit 1; }
done
exec xvfb-run -a -s "-screen 0 ${size}x24" bash -c '
    openbox >/dev/null 2>&1 &
    wm=$!
    # Wait (at most 10 s) until openbox has taken the screen: it then names itself on the root window.
    for _ in $(seq 100); do
        xprop -root _NET_SUPPORTING_WM_CHECK 2>/dev/null | grep -q "window id" && break
        sleep 0.1
    done
    rc=0
    "$@" || rc=$?
    kill "$wm" 2>/dev/null || true
    exit "$rc"' bash "$@"
