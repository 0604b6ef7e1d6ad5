#!/usr/bin/env bash
# Pictures of each OAuth sign-in state of Settings › Mail into docs/screenshots/oauth-*.png: the app
# runs under Xvfb against the mock authorization server of the tests (loopback only), signs in with
# the device flow, and shows the warning, waiting, code, signed-in, sign-in-needed and app states.
# Usage: scripts/oauth-screenshots.sh [BUILD_DIR] [OUT_DIR]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
out=${2:-$root/docs/screenshots}
cli=$build/src/outbound-cli
app=$build/src/outbound
[[ -x $cli && -x $app ]] || { echo "build outbound and outbound-cli first" >&2; exit 1; }

work=$(mktemp -d)
mock_pid=
cleanup() {
    [[ -n $mock_pid ]] && kill "$mock_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
export OUTBOUND_NO_KEYCHAIN=1 OUTBOUND_DB=$work/demo.sqlite
export XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/data LANGUAGE=en LC_ALL=C.UTF-8

/usr/bin/python3 "$root/tests/integration/oauth/mock_oauth.py" >"$work/mock.json" &
mock_pid=$!
for _ in $(seq 50); do [[ -s $work/mock.json ]] && break; sleep 0.1; done
auth=$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["auth"])' "$work/mock.json")

"$cli" settings preset microsoft365 >/dev/null
"$cli" settings set smtp.username ops@contoso.com from.default.name "Contoso IT Services" \
    oauth.client_id outbound-test oauth.tenant contoso.onmicrosoft.com \
    oauth.authorize_url "$auth/authorize" oauth.token_url "$auth/token" \
    oauth.device_url "$auth/devicecode" >/dev/null
# The device "verification address" the mock hands out is a loopback URL; the code is real.

# An app certificate that expires in 20 days (made here; never a key that looks real).
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/key.pem" -out "$work/cert.pem" -days 20 \
    -subj "/CN=Outbound unattended sender" 2>/dev/null
cat "$work/cert.pem" "$work/key.pem" >"$work/app.pem"
export OUTBOUND_SCREENSHOT_CERTIFICATE=$work/app.pem

mkdir -p "$out"
"$root/scripts/with-display.sh" 1600x1100 timeout 90 "$app" --screenshot-oauth "$out"
