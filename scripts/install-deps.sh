#!/usr/bin/env bash
# Installs everything Outbound needs to build, run and test on Debian 12.
# Usage: scripts/install-deps.sh [--run-only]
#   --run-only  skip the test-only servers and tools (aiosmtpd, Postfix, Xvfb).
set -euo pipefail

run_only=0
[[ ${1:-} == --run-only ]] && run_only=1

sudo_cmd=()
[[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)

build_packages=(
    build-essential cmake ninja-build ccache pkg-config
    qt6-base-dev qt6-base-dev-tools libqt6sql6-sqlite qt6-svg-dev libqt6svg6
    qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n
    qtkeychain-qt6-dev libgl-dev qt6-networkauth-dev libqt6networkauth6
    libqt6sql6-psql libqt6sql6-mysql libssl-dev
    openssl ca-certificates
)
test_packages=(
    python3 python3-aiosmtpd postfix
    xvfb xauth openbox x11-utils imagemagick dpkg-dev file appstream desktop-file-utils time
    postgresql postgresql-15 postgresql-client-15 mariadb-server mariadb-client-core
    dovecot-submissiond dovecot-core
    clang libfuzzer-14-dev
    faketime
)

packages=("${build_packages[@]}")
((run_only)) || packages+=("${test_packages[@]}")

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
    echo "install-deps: all ${#packages[@]} packages present"
    exit 0
fi

export DEBIAN_FRONTEND=noninteractive
# Postfix asks which mail setup to make; the tests only use its smtp-sink/smtp-source tools.
echo "postfix postfix/main_mailer_type select No configuration" | "${sudo_cmd[@]}" debconf-set-selections
echo "postfix postfix/mailname string outbound.test" | "${sudo_cmd[@]}" debconf-set-selections
"${sudo_cmd[@]}" apt-get update -q
"${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
