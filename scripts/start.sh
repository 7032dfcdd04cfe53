#!/usr/bin/env bash
# start.sh — install what is missing, build the explorer and start it.
#   scripts/start.sh             build the web page and serve it on http://127.0.0.1:8080/
#   scripts/start.sh --desktop   build and open the desktop app instead
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
scripts/bootstrap.sh
jobs=$(nproc)

if [ "${1:-}" = "--desktop" ]; then
  cmake --preset desktop >/dev/null
  cmake --build --preset desktop --target attention-explorer -j "$jobs"
  exec build/desktop/attention-explorer "${@:2}"
fi

cmake --preset web >/dev/null
cmake --build --preset web --target attention-explorer -j "$jobs"
exec node scripts/serve.mjs build/web/site "${PORT:-8080}"
