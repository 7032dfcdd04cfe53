#!/usr/bin/env bash
# bootstrap.sh — install whatever this machine is missing to build and test Attention Explorer:
# Debian packages, the npm test driver, and Dear ImGui's source (into build/_deps). Idempotent: on
# a machine that has everything it only checks, in about a second. Uses sudo only when not root.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"

# Build tools; header-only libraries; GLFW, GL and zlib for the desktop app; Emscripten for the
# page; clang 14 with its sanitizer and libFuzzer runtimes (libclang-rt-14-dev is only a Recommends
# of clang-14, so it is named here); the font and its subsetter; shader validation; Xvfb, Chromium,
# NumPy, and PyTorch (whose autograd checks every gradient) for the tests; desktop-file-utils to
# check the package's menu entry.
packages=(
  build-essential cmake pkg-config
  xtensor-dev xtl-dev doctest-dev nlohmann-json3-dev libfmt-dev
  libglfw3-dev libgl-dev zlib1g-dev
  emscripten nodejs
  clang-14 libclang-rt-14-dev
  fonts-dejavu-core fonttools
  glslang-tools
  xvfb xauth chromium python3-numpy python3-torch
  desktop-file-utils
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
command -v npm >/dev/null || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  echo "bootstrap: installing ${missing[*]}"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# playwright-core drives Debian's /usr/bin/chromium; it never downloads a browser.
if [ ! -f "$root/node_modules/playwright-core/package.json" ]; then
  echo "bootstrap: installing npm packages"
  (cd "$root" && npm install --no-audit --no-fund --loglevel=error)
fi

"$root/scripts/fetch-imgui.sh"
