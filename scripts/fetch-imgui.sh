#!/usr/bin/env bash
# Fetch Dear ImGui's source from Debian's `imgui` source package into DEST (default build/_deps/imgui).
#
# Debian ships no ImGui core sources in a binary package, so we download the source package with a
# private apt configuration: its deb-src entries are derived from this machine's own apt sources (we
# write no host name), and its lists and caches live under build/_deps/apt, so the system's apt setup
# is left untouched. Idempotent: an existing DEST/imgui.h means there is nothing to do.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
dest=${1:-$root/build/_deps/imgui}
[ -f "$dest/imgui.h" ] && exit 0

apt_dir=$root/build/_deps/apt
mkdir -p "$apt_dir/sources.list.d" "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$apt_dir/download"

# 1. Derive deb-src entries from the machine's enabled Debian sources (one-line and deb822 formats).
out=$apt_dir/sources.list.d
rm -f "$out"/*
if [ -f /etc/apt/sources.list ]; then
  sed -nE 's/^[[:space:]]*deb[[:space:]]+/deb-src /p' /etc/apt/sources.list > "$out/derived.list"
fi
for f in /etc/apt/sources.list.d/*.sources; do
  [ -f "$f" ] || continue
  grep -qiE '^URIs:.*debian' "$f" || continue
  sed -E 's/^Types:.*/Types: deb-src/' "$f" > "$out/$(basename "$f")"
done
for f in /etc/apt/sources.list.d/*.list; do
  [ -f "$f" ] || continue
  sed -nE '/debian/ s/^[[:space:]]*deb[[:space:]]+/deb-src /p' "$f" >> "$out/derived.list"
done

apt_opts=(-o Dir::Etc::SourceList=/dev/null -o "Dir::Etc::SourceParts=$out"
          -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir/cache"
          -o Debug::NoLocking=1 -o APT::Sandbox::User=root)

# 2. A private index update, then download (not build) the source package.
apt-get "${apt_opts[@]}" -q update >/dev/null
cd "$apt_dir/download"
rm -f ./*
apt-get "${apt_opts[@]}" -q source --download-only imgui >/dev/null

# 3. Unpack the upstream tarball: it holds imgui*.cpp and backends/.
tarball=$(ls imgui_*.orig.tar.* | head -n 1)
tmp=$(mktemp -d)
tar -xf "$tarball" -C "$tmp"
src=$(dirname "$(find "$tmp" -maxdepth 3 -name imgui.h | head -n 1)")
mkdir -p "$(dirname "$dest")"
rm -rf "$dest"
mv "$src" "$dest"
rm -rf "$tmp"
echo "imgui source: $dest ($(basename "$tarball"))"
