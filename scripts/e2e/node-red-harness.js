'use strict';
// Starts a real headless Node-RED 5 (on Node 24, installed by ensure-node-red.sh outside the package's
// devDependencies) with a given flows.json + flows_cred.json, and stops it. Used by the end-to-end tests and
// by the demo. Our package is loaded the way users get it: the Node-RED package's tarball (scripts/pack)
// installed with npm into the run's user directory, as the palette manager does.
const { spawn, spawnSync, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { packOne } = require('../pack/pack-sync');

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * Where Node 24 and Node-RED 5 are installed, from `ensure-node-red.sh --check` (one source of truth for the
 * cache paths). Throws with the install command when they are missing: the tests fail, they never skip.
 */
function locateNodeRed() {
  const result = spawnSync('bash', [path.join(__dirname, 'ensure-node-red.sh'), '--check'], { encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(
      `Node-RED 5 is not installed for the end-to-end tests.\n${result.stderr.trim()}\n` +
        '(It lives in a cache folder outside node_modules; the command above installs Node 24 and Node-RED 5.0.7 from the npm registry.)',
    );
  }
  const vars = {};
  for (const line of result.stdout.split('\n')) {
    const match = /^export (\w+)="(.*)"$/.exec(line.trim());
    if (match) vars[match[1]] = match[2];
  }
  const nodeBinDir = vars.PATH.replace(/:\$PATH$/, '');
  const nodeRedDir = vars.GATEWAYKIT_NODE_RED_DIR;
  return {
    nodeBinary: path.join(nodeBinDir, 'node'),
    nodeBinDir,
    nodeRedDir,
    redJs: path.join(nodeRedDir, 'node_modules', 'node-red', 'red.js'),
    nodeRedVersion: JSON.parse(fs.readFileSync(path.join(nodeRedDir, 'node_modules', 'node-red', 'package.json'), 'utf8')).version,
  };
}

/** The Node-RED package's tarball (scripts/pack: no n8n code) into `destination`; returns its path. */
function packPackage(destination) {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'node-red'))) {
    throw new Error('dist/node-red is missing: run `npm run build` before packing the package for Node-RED.');
  }
  return packOne('node-red', destination).tarball;
}

/** A port free right now on 127.0.0.1. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function settingsSource(extra) {
  const settings = {
    flowFile: 'flows.json',
    // Plain-text flows_cred.json: the run's credentials are written by the harness itself.
    credentialSecret: false,
    httpAdminRoot: false,
    httpNodeRoot: '/',
    diagnostics: { enabled: false, ui: false },
    runtimeState: { enabled: false, ui: false },
    telemetry: { enabled: false, updateNotification: false },
    externalModules: { autoInstall: false, palette: { allowInstall: false }, modules: { allowInstall: false } },
    functionExternalModules: false,
    logging: { console: { level: 'info', metrics: false, audit: false } },
    ...extra,
  };
  return `module.exports = ${JSON.stringify(settings, null, 2)};\n`;
}

function installTarball(userDir, tarball) {
  fs.writeFileSync(path.join(userDir, 'package.json'), JSON.stringify({ name: 'node-red-project', private: true }, null, 2));
  // As Node-RED's palette manager installs a module (the npm flags of @node-red/registry's installer)
  // (the package has neither dependencies nor peers, so nothing else comes along).
  execFileSync(
    'npm',
    ['install', '--no-audit', '--no-update-notifier', '--no-fund', '--save', '--save-prefix=~', '--omit=dev', '--engine-strict', '--ignore-scripts=false', '--loglevel=error', tarball],
    { cwd: userDir, stdio: ['ignore', 'pipe', 'pipe'] },
  );
}

/**
 * Start Node-RED headless and resolve once it logged "Started flows".
 * options: flows (array), credentials (object keyed by node id), tarball (path of the Node-RED package, required),
 * userDir (default: a fresh temp folder), port, env (extra environment), settings (extra settings),
 * startTimeoutMs (default 30 s), echo (write Node-RED's output to this stream as it comes).
 */
async function startNodeRed(options) {
  const install = locateNodeRed();
  const userDir = options.userDir || fs.mkdtempSync(path.join(os.tmpdir(), 'gatewaykit-nr-'));
  fs.mkdirSync(userDir, { recursive: true });
  const port = options.port || (await freePort());
  const extraSettings = { uiHost: '127.0.0.1', uiPort: port, ...(options.settings || {}) };
  if (!options.tarball) throw new Error('startNodeRed needs options.tarball (packPackage): the nodes are loaded as users install them');
  installTarball(userDir, options.tarball);
  fs.writeFileSync(path.join(userDir, 'settings.js'), settingsSource(extraSettings));
  fs.writeFileSync(path.join(userDir, 'flows.json'), JSON.stringify(options.flows, null, 2));
  fs.writeFileSync(path.join(userDir, 'flows_cred.json'), JSON.stringify(options.credentials || {}, null, 2));

  const child = spawn(install.nodeBinary, [install.redJs, '-u', userDir, '-s', path.join(userDir, 'settings.js'), '-p', String(port), 'flows.json'], {
    cwd: userDir,
    env: { ...process.env, PATH: `${install.nodeBinDir}:${process.env.PATH}`, NODE_OPTIONS: '', ...(options.env || {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const waiters = new Set();
  const onData = (chunk) => {
    const text = chunk.toString('utf8');
    output += text;
    if (options.echo) options.echo.write(text);
    for (const waiter of waiters) waiter.check();
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  let exited = null;
  const exitPromise = new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      for (const waiter of waiters) waiter.check();
      resolve(exited);
    });
  });

  /** Resolves with the match once Node-RED's output matches `pattern`. */
  function waitForLog(pattern, timeoutMs = 10000) {
    return new Promise((resolve, reject) => {
      const waiter = {
        check() {
          const match = pattern.exec(output);
          if (match) return done(null, match);
          if (exited) return done(new Error(`Node-RED exited (${JSON.stringify(exited)}) before logging ${pattern}:\n${output}`));
          return undefined;
        },
      };
      const timer = setTimeout(() => done(new Error(`Node-RED did not log ${pattern} within ${timeoutMs} ms:\n${output}`)), timeoutMs);
      function done(error, match) {
        clearTimeout(timer);
        waiters.delete(waiter);
        if (error) reject(error);
        else resolve(match);
      }
      waiters.add(waiter);
      waiter.check();
    });
  }

  async function stop() {
    if (!exited) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10000);
      await exitPromise;
      clearTimeout(timer);
    }
    if (!options.keepUserDir && !options.userDir) fs.rmSync(userDir, { recursive: true, force: true });
  }

  try {
    await waitForLog(/\[info\] Started flows/, options.startTimeoutMs || 30000);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    userDir,
    pid: child.pid,
    nodeRedVersion: install.nodeRedVersion,
    output: () => output,
    waitForLog,
    stop,
  };
}

module.exports = { locateNodeRed, packPackage, startNodeRed, freePort, ROOT };
