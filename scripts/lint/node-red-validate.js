#!/usr/bin/env node
'use strict';
// Runs the Node-RED flow library scorecard (`node-red-dev validate`) on this package and fails on any failed
// check. The online flow catalogue is answered locally with an empty one (offline-flow-catalogue.js), so
// every other check runs for real and the scorecard prints as the tool prints it.
// node-red-dev reads each node's editor .html beside the runtime .js named in package.json, so the package
// must be built first (`npm run lint` builds it first).
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const { packOne } = require('../pack/pack-sync');

/** Every check node-red-dev 0.1.6 scores; a missing one means the tool stopped before reaching it. */
const EXPECTED_CHECKS = {
  P01: 'licence declared',
  P03: 'repository or bugs URL',
  P04: 'scoped or valid name',
  P05: '"node-red" keyword',
  P06: 'declared Node-RED version matches a current release',
  P07: 'engines.node compatible with Node-RED',
  P08: 'no similarly named package in the catalogue',
  N01: 'node type names unique in the catalogue',
  N02: 'an example for every (non-config) node',
  D01: 'six or fewer dependencies',
  D02: 'no incompatible packages in the dependency tree',
  D03: 'production dependencies at their latest version',
};

function fail(message) {
  console.error(`\nnode-red scorecard: FAILED - ${message}`);
  process.exit(1);
}

// Score what the Flow Library scores: the Node-RED package's published tarball (scripts/pack), unpacked.
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'nr-scorecard-'));
const scorecardFile = path.join(scratch, 'scorecard.json');
process.on('exit', () => fs.rmSync(scratch, { recursive: true, force: true }));
let packed;
try {
  packed = packOne('node-red', path.join(scratch, 'pack'));
} catch (error) {
  fail(error.message);
}
const unpacked = path.join(scratch, 'package');
fs.mkdirSync(unpacked);
const untar = spawnSync('tar', ['-xzf', packed.tarball, '-C', unpacked, '--strip-components=1']);
if (untar.status !== 0) fail('could not unpack the Node-RED package');
const pkg = JSON.parse(fs.readFileSync(path.join(unpacked, 'package.json'), 'utf8'));
const declared = Object.entries((pkg['node-red'] && pkg['node-red'].nodes) || {});
if (declared.length === 0) fail('the Node-RED package declares no nodes');
const missing = declared.filter(([, js]) => !fs.existsSync(path.join(unpacked, js.replace(/\.js$/, '.html'))));
if (missing.length > 0) fail(`editor files not found for ${missing.map(([name]) => name).join(', ')} (run \`npm run build\` first)`);
const cli = path.join(path.dirname(require.resolve('node-red-dev/package.json', { paths: [root] })), 'bin', 'run');
const preload = path.join(__dirname, 'offline-flow-catalogue.js');
const result = spawnSync(process.execPath, [cli, 'validate', '--path', unpacked, '--output', scorecardFile], {
  cwd: unpacked,
  encoding: 'utf8',
  env: { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS || ''} --require ${preload}`.trim() },
});
process.stdout.write(result.stdout);
process.stderr.write(result.stderr);
if (result.status !== 0) fail(`node-red-dev exited with ${result.status}`);
// checknodes logs this (and carries on without the node's definitions) when an editor file cannot be parsed.
if (/Unable to parse/.test(result.stdout)) fail('node-red-dev could not parse an editor .html file');
if (/Unable to read example/.test(result.stdout + result.stderr)) fail('node-red-dev could not read an example flow');
if (!fs.existsSync(scorecardFile)) fail('node-red-dev wrote no scorecard');

const scorecard = JSON.parse(fs.readFileSync(scorecardFile, 'utf8'));
console.log(`\nScorecard for ${scorecard.package.name}@${scorecard.package.version}:`);
const problems = [];
for (const [id, what] of Object.entries(EXPECTED_CHECKS)) {
  const entry = scorecard[id];
  const mark = !entry ? 'missing' : entry.test ? 'pass' : 'FAIL';
  const extra = entry && entry.nodes ? ` (${entry.nodes.join(', ')})` : '';
  console.log(`  ${id}  ${mark.padEnd(7)} ${what}${extra}`);
  if (mark !== 'pass') problems.push(`${id} ${what}: ${mark}`);
}
// N02 passes vacuously when node-red-dev read no definitions: check it saw every non-config node type.
const editorTypes = declared.flatMap(([, js]) => {
  const html = fs.readFileSync(path.join(unpacked, js.replace(/\.js$/, '.html')), 'utf8');
  if (/category:\s*['"]config['"]/.test(html)) return [];
  return [...html.matchAll(/registerType\(\s*['"]([^'"]+)['"]/g)].map((m) => m[1]);
});
const covered = (scorecard.N02 && scorecard.N02.nodes) || [];
const unseen = editorTypes.filter((type) => !covered.includes(type));
if (unseen.length > 0) problems.push(`N02 did not see examples for: ${unseen.join(', ')}`);
if (problems.length > 0) fail(problems.join('; '));
console.log(`node-red scorecard: all ${Object.keys(EXPECTED_CHECKS).length} checks pass`);
