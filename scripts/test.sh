#!/usr/bin/env bash
# One command on a fresh Debian 12: install everything (including the loopback test servers:
# aiosmtpd, Postfix smtp-sink), build, and run every test. Exit status is ctest's.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
export QT_QPA_PLATFORM=offscreen
# No keychain daemon runs in a test session; the database fallback is what the tests exercise.
export OUTBOUND_NO_KEYCHAIN=1
ctest --test-dir build --output-on-failure --timeout 600 "$@"
