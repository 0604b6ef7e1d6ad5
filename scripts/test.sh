#!/usr/bin/env bash
# One command on a fresh Debian 12: install everything (including the loopback test servers:
# aiosmtpd, Postfix smtp-sink), build, and run every test. Then the sanitizer pass: the unit tests
# and the fuzz targets built with clang under ASan+UBSan (CMakePresets.json `asan`, build-asan/),
# each fuzz target fuzzing for a few seconds. Exit status: 0 only when both passes are clean.
# OUTBOUND_SKIP_ASAN=1 skips the sanitizer pass (for a quick local run).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
export QT_QPA_PLATFORM=offscreen
# No keychain daemon runs in a test session; the database fallback is what the tests exercise.
export OUTBOUND_NO_KEYCHAIN=1
status=0
ctest --test-dir build --output-on-failure --timeout 600 "$@" || status=$?
if [ "${OUTBOUND_SKIP_ASAN:-0}" != 1 ]; then
    cmake --preset asan >/dev/null
    # Only the unit tests and the fuzz targets (target outbound_checks), not the app or the GUI.
    cmake --build --preset asan --parallel "${OUTBOUND_JOBS:-$(nproc)}"
    ctest --preset asan "$@" || status=$?
fi
exit $status
