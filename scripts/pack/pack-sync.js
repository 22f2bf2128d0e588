'use strict';
// Synchronous access to scripts/pack/packages.mjs for the CommonJS and TypeScript harnesses (the tests, the
// demo): packs one of the three packages from the built dist/ and returns its tarball's path.
const { spawnSync } = require('node:child_process');
const path = require('node:path');

/** `key`: 'n8n' | 'node-red' | 'sandbox'. Needs `npm run build` first. */
function packOne(key, destination) {
  const result = spawnSync(process.execPath, [path.join(__dirname, 'pack.mjs'), '--json', '--out', destination, key], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`packing the ${key} package failed:\n${result.stderr}`);
  const [info] = JSON.parse(result.stdout);
  return info;
}

module.exports = { packOne };
