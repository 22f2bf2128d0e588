#!/usr/bin/env bash
# Installs the pinned n8n used by the end-to-end tests, once, into a cache folder outside the repo,
# and prints the lines to source to use it:
#   eval "$(bash scripts/e2e/ensure-n8n.sh)"      # exports PATH (Node 24 first), N8N_BIN, N8N_HOME_DIR
#
# Why a folder of its own: n8n 2.41 needs Node 24 and pulls ~2.9 GB of dependencies; it must not become a
# devDependency of the package (which builds and unit-tests on Node 20).
# What is installed is fixed by test/e2e/n8n/host/package.json + package-lock.json (committed). The cache
# folder name carries a hash of both, so changing the pin installs a fresh copy and a second run is instant.
#
# Recipe (verified, see /work/shared/notes/install-and-e2e-notes.md section 2B):
# - Node 24 from the npm package `node@24` (scripts/e2e/ensure-node24.sh), with its own headers for node-gyp;
# - override linkedom to 0.18.14 (0.18.15 needs `cssomnom`, missing from the registry) — in host/package.json;
# - `--ignore-scripts` (the Kafka client's install script downloads from github.com), then `npm rebuild
#   sqlite3`, the one native module n8n needs to start.
# Progress goes to stderr; only the `export` lines go to stdout.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
host="$root/test/e2e/n8n/host"
cache="${GATEWAYKIT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/gatewaykit}"

eval "$(bash "$here/ensure-node24.sh")"

if [ ! -f "$host/package-lock.json" ]; then
  echo "ensure-n8n: $host/package-lock.json is missing; create it with" >&2
  echo "  (cd $host && npm install --package-lock-only --ignore-scripts)   # under Node 24" >&2
  exit 1
fi

step() { echo "ensure-n8n: $(date +%H:%M:%S) $*" >&2; }
fail() { echo "ensure-n8n: step '$1' failed (see above); nothing was installed into $dir" >&2; exit 1; }

hash="$(cat "$host/package.json" "$host/package-lock.json" | sha256sum | cut -c1-16)"
dir="$cache/n8n-$hash"
bin="$dir/node_modules/.bin/n8n"

if [ ! -f "$dir/.installed" ]; then
  # Several test files (jest workers) may ask at once: one installs, the others wait for it.
  mkdir -p "$cache"
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$cache/n8n-install.lock"
    flock 9
  fi
fi
if [ ! -f "$dir/.installed" ]; then
  started=$(date +%s)
  rm -rf "$dir".partial.*   # left behind by an interrupted install (we hold the lock)
  echo "ensure-n8n: installing n8n into $dir (first run only, about 5 minutes)" >&2
  # Build in a temporary folder and rename at the end, so an interrupted install is never mistaken for a good one.
  work="$dir.partial.$$"
  rm -rf "$work"
  mkdir -p "$work"
  cp "$host/package.json" "$host/package-lock.json" "$work/"
  (
    cd "$work"
    # `npm install` (not `npm ci`): it installs exactly the locked versions, and tolerates the lockfile's
    # missing entries for platform-only optional packages (msgpackr-extract-darwin-*, ...) that `npm ci` rejects.
    # Every npm setting that matters is stated here, never inherited: the caller may run under `npm run`
    # with this repo's ignore-scripts=true in its environment.
    step "npm install (n8n and ~2,400 packages, about 2.9 GB, 3-4 minutes)"
    npm install --ignore-scripts=true --no-audit --no-fund --loglevel=error >&2 || fail "npm install"
    step "npm rebuild sqlite3 (compiles n8n's database driver from source, about 1 minute)"
    npm rebuild sqlite3 --ignore-scripts=false --loglevel=error >&2 || fail "npm rebuild sqlite3"
  )
  # Proof of a working install: n8n creates and opens its SQLite database (runs its migrations) in a throwaway
  # user folder and lists its (no) workflows. Without the sqlite3 build it fails with "SQLite package has not
  # been found installed". (`--version` would pass without a database.)
  step "checking that n8n opens its database (n8n list:workflow in a throwaway user folder)"
  smoke="$(mktemp -d)"
  if ! out="$(cd "$smoke" && N8N_USER_FOLDER="$smoke" N8N_DIAGNOSTICS_ENABLED=false \
      timeout 180 "$work/node_modules/.bin/n8n" list:workflow 2>&1)" || [ ! -s "$smoke/.n8n/database.sqlite" ]; then
    rm -rf "$smoke"
    echo "$out" | tail -n 20 >&2
    fail "n8n list:workflow against a fresh SQLite database"
  fi
  rm -rf "$smoke"
  version="$(N8N_USER_FOLDER="$(mktemp -d)" "$work/node_modules/.bin/n8n" --version 2>/dev/null | tail -n 1)"
  expected="$(node -p "require('$host/package.json').dependencies.n8n")"
  if [ "$version" != "$expected" ]; then
    echo "ensure-n8n: installed n8n reports version '$version', expected '$expected'" >&2
    exit 1
  fi
  echo "$version" > "$work/.installed"
  rm -rf "$dir"
  mv "$work" "$dir"
  echo "ensure-n8n: n8n $version installed in $(( $(date +%s) - started )) s" >&2
fi

echo "export PATH=\"$(dirname "$(command -v node)"):\$PATH\""
echo "export N8N_BIN=\"$bin\""
echo "export N8N_HOME_DIR=\"$dir\""
