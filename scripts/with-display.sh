#!/usr/bin/env bash
# Runs a command on a screen of its own: Xvfb at the given size with the openbox window manager,
# so windows are placed, framed and limited by the screen as on a desktop. The screenshot scripts
# use it; by hand it is the quickest way to look at the window at a given size:
#   scripts/with-display.sh 1024x768 bash -c 'build/src/outbound & sleep 5; import -window root shot.png'
# Usage: scripts/with-display.sh WIDTHxHEIGHT COMMAND [ARG...]
# Exit status: the command's; 75 when the command succeeded but openbox was gone by then.
set -euo pipefail
[[ $# -ge 2 && $1 =~ ^[0-9]+x[0-9]+$ ]] || { echo "usage: $0 WIDTHxHEIGHT COMMAND [ARG...]" >&2; exit 2; }
size=$1
shift
for tool in xvfb-run openbox xprop; do
    command -v "$tool" >/dev/null || { echo "$tool is missing: run scripts/install-deps.sh" >&2; exit 1; }
done
exec xvfb-run -a -s "-screen 0 ${size}x24" bash -c '
    # openbox now and then exits right after starting (seen about once in ten runs on a loaded
    # machine, with no message); a shot without a window manager has no frames, so start it again
    # (three tries) and wait, at most 10 s each, until it names itself on the root window.
    log=$(mktemp)
    wm=
    for try in 1 2 3; do
        openbox >"$log" 2>&1 &
        wm=$!
        for _ in $(seq 100); do
            kill -0 "$wm" 2>/dev/null || break
            xprop -root _NET_SUPPORTING_WM_CHECK 2>/dev/null | grep -q "window id" && break 2
            sleep 0.1
        done
        kill "$wm" 2>/dev/null || true
        wm=
    done
    if [[ -z $wm ]]; then
        echo "with-display.sh: openbox did not start:" >&2
        cat "$log" >&2
        rm -f "$log"
        exit 1
    fi
    rm -f "$log"
    rc=0
    "$@" || rc=$?
    if ! kill -0 "$wm" 2>/dev/null; then
        echo "with-display.sh: openbox exited while the command ran (windows without frames)" >&2
        [[ $rc -ne 0 ]] || rc=75
    fi
    kill "$wm" 2>/dev/null || true
    exit "$rc"' bash "$@"
