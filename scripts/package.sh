#!/usr/bin/env bash
# package.sh — install what is missing, then build the two things a release ships:
#   build/desktop/packages/attention-explorer_<version>_amd64.deb   the desktop app and the CLI
#   build/web/attention-explorer-site-<version>.zip                  the page, for any static host
# The version is CMake's project(VERSION …) (CMakeLists.txt); CHANGELOG.md says what it holds.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
scripts/bootstrap.sh
jobs=$(nproc)

cmake --preset desktop >/dev/null
cmake --build --preset desktop -j "$jobs" --target attention-explorer attention-cli
cmake --build --preset desktop --target package
cmake --preset web >/dev/null
cmake --build --preset web -j "$jobs" --target attention-explorer
cmake --build --preset web --target site-archive

version=$(build/desktop/attention-cli --version | cut -d' ' -f2)
echo "package.sh: built release $version"
ls -l "build/desktop/packages/attention-explorer_${version}_amd64.deb" "build/web/attention-explorer-site-${version}.zip"
