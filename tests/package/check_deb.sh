#!/usr/bin/env bash
# check_deb.sh BUILD VERSION ARTIFACTS — the Debian package as a school's IT department gets it:
# built by the package target, unpacked with dpkg-deb -x into a temporary root, its files and
# control fields checked, and the unpacked programs run: both print VERSION for --version, the
# CLI traces an example, and the app under Xvfb draws a screenshot that is not blank.
set -uo pipefail
build=$1 version=$2 artifacts=$3
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$artifacts"
passed=0 failed=0
check() {  # check NAME COMMAND…: one assertion
  local name=$1; shift
  if "$@"; then echo "PASS deb: $name"; passed=$((passed + 1)); else echo "FAIL deb: $name"; failed=$((failed + 1)); fi
}

if ! cmake --build "$build" --target package >"$artifacts/package.log" 2>&1; then
  echo "FAIL deb: the package target (see $artifacts/package.log)"; exit 1
fi
deb="$build/packages/attention-explorer_${version}_amd64.deb"
check "named attention-explorer_${version}_amd64.deb" test -f "$deb" || exit 1
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
dpkg-deb -x "$deb" "$root"

# Files: both programs, the menu entry and its icon, the examples (and lessons, once there are
# any), the docs.
share="$root/usr/share"
for f in usr/bin/attention-explorer usr/bin/attention-cli usr/share/applications/attention-explorer.desktop \
         usr/share/icons/hicolor/scalable/apps/attention-explorer.svg usr/share/doc/attention-explorer/README.md \
         usr/share/doc/attention-explorer/CHANGELOG.md; do
  check "holds /$f" test -s "$root/$f"
done
check "holds every example" diff <(ls "$here/../../examples") <(ls "$share/attention-explorer/examples")
if [ -d "$here/../../lessons" ]; then
  check "holds every lesson" diff <(ls "$here/../../lessons") <(ls "$share/attention-explorer/lessons")
fi
check "the programs are executable" test -x "$root/usr/bin/attention-explorer" -a -x "$root/usr/bin/attention-cli"

# Control fields.
field() { dpkg-deb -f "$deb" "$1"; }
check "Package: attention-explorer" test "$(field Package)" = attention-explorer
check "Version: $version" test "$(field Version)" = "$version"
check "Architecture: amd64" test "$(field Architecture)" = amd64
check "Section: education" test "$(field Section)" = education
depends=$(field Depends)
echo "Depends: $depends"
for d in libglfw3 libgl1 libopengl0 libstdc++6 zlib1g; do check "Depends names $d" grep -qw "$d" <<<"$depends"; done

# The menu entry: valid, and starting the installed binary with the installed icon.
entry="$share/applications/attention-explorer.desktop"
check "the .desktop entry is valid" desktop-file-validate "$entry"
check "the entry runs attention-explorer" grep -qx "Exec=attention-explorer" "$entry"
check "the entry names the icon" grep -qx "Icon=attention-explorer" "$entry"
check "the icon is an SVG drawing" grep -q "<svg" "$share/icons/hicolor/scalable/apps/attention-explorer.svg"

# The unpacked programs.
check "attention-cli --version" test "$("$root/usr/bin/attention-cli" --version)" = "attention-cli $version"
check "attention-explorer --version" test "$("$root/usr/bin/attention-explorer" --version)" = "attention-explorer $version"
example="$share/attention-explorer/examples/mask_causal.json"
check "attention-cli traces an example" /usr/bin/python3 -c '
import json, sys
trace = json.load(sys.stdin)
ok = trace["explorer_version"] == sys.argv[1] and any(s["id"] == "weights" for s in trace["steps"])
sys.exit(0 if ok else 1)' "$version" < <("$root/usr/bin/attention-cli" "$example")
png="$artifacts/package-desktop.png"
rm -f "$png"
if XDG_CONFIG_HOME="$root/config" xvfb-run -a -s "-screen 0 1280x800x24" "$root/usr/bin/attention-explorer" --frames 10 --screenshot "$png" \
     --scenario "$example"; then
  v=$(/usr/bin/python3 "$here/../desktop/luma_variance.py" "$png")
  check "the unpacked app draws the explorer ($png, luma variance $v)" awk "BEGIN { exit !($v > 100) }"
else
  check "the unpacked app runs under Xvfb" false
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
