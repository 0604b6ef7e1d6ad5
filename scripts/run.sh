#!/usr/bin/env bash
# One command on a fresh Debian 12: install what the app needs, build it, and open the window.
# The queue and settings live in an embedded SQLite file (default ~/.local/share/outbound/).
# Extra arguments go to the app, e.g. scripts/run.sh --db /tmp/demo.sqlite
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --run-only
scripts/build.sh
exec build/src/outbound "$@"
