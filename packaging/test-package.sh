#!/usr/bin/env bash
# Builds the DEB with CPack, unpacks it into a temporary root and runs the tools from there.
# Usage: test-package.sh BUILD_DIR PACKAGING_SOURCE_DIR
set -euo pipefail
build=$1
source=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

desktop-file-validate "$source/io.github.outbound.Outbound.desktop"
appstreamcli validate --no-net "$source/io.github.outbound.Outbound.metainfo.xml"

(cd "$work" && cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work/out" >"$work/cpack.log" 2>&1) || {
    cat "$work/cpack.log"
    exit 1
}
deb=$(ls "$work"/out/*.deb)
echo "package: $(basename "$deb")"
depends=$(dpkg-deb -f "$deb" Depends)
echo "depends: $depends"
grep -q 'libqt6core6' <<<"$depends" || { echo "shlibdeps found no Qt dependency" >&2; exit 1; }

root="$work/root"
dpkg-deb -x "$deb" "$root"
for f in usr/bin/outbound usr/bin/outbound-cli \
    usr/share/applications/io.github.outbound.Outbound.desktop \
    usr/share/metainfo/io.github.outbound.Outbound.metainfo.xml \
    usr/share/icons/hicolor/scalable/apps/io.github.outbound.Outbound.svg; do
    [[ -e "$root/$f" ]] || { echo "missing in package: $f" >&2; exit 1; }
done

help=$("$root/usr/bin/outbound-cli" --help)
grep -q 'Usage: outbound-cli' <<<"$help" || { echo "unexpected --help output: $help" >&2; exit 1; }
"$root/usr/bin/outbound-cli" --version
QT_QPA_PLATFORM=offscreen "$root/usr/bin/outbound" --version
echo "package ok"
