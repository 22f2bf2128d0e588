#!/usr/bin/env bash
# Makes sure Debian's Chromium is installed for the browser end-to-end test of the Node-RED editor
# (test/e2e/node-red/editor-browser.test.ts drives it with playwright-core, executablePath /usr/bin/chromium).
# The test never uses Playwright's own browser download (`npx playwright install`): our machines reach only the
# npm registry and Debian's packages, so the browser comes from Debian.
#   bash scripts/e2e/ensure-chromium.sh          installs it with apt-get when /usr/bin/chromium is absent
#                                                (CI runs as root on a fresh Debian machine)
#   bash scripts/e2e/ensure-chromium.sh --check  installs nothing; exits 1 with the install command when missing
# Prints the browser's path on success. GATEWAYKIT_CHROMIUM overrides the path (another build of Chromium).
set -euo pipefail
browser="${GATEWAYKIT_CHROMIUM:-/usr/bin/chromium}"

if [ -x "$browser" ]; then
  echo "$browser"
  exit 0
fi

if [ "${1:-}" = "--check" ]; then
  echo "Chromium for the browser end-to-end test is not installed (looked for $browser)." >&2
  echo "Install it once with: bash scripts/e2e/ensure-chromium.sh   (runs: apt-get update && apt-get install -y chromium)" >&2
  exit 1
fi

if [ "$(id -u)" != "0" ]; then
  echo "Chromium is missing at $browser and installing it needs root: sudo apt-get update && sudo apt-get install -y chromium" >&2
  exit 1
fi

echo "Installing Debian's chromium package ..." >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update >&2
apt-get install -y --no-install-recommends chromium fonts-liberation >&2

if [ ! -x "$browser" ]; then
  echo "apt-get installed chromium but $browser is still missing." >&2
  exit 1
fi
echo "$browser"
