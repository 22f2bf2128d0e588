import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { parseCli } from '../../../sandbox/cli';
import { DEMO, HTTP_AUTH, getQuery } from './helpers';

/** The `sms-sandbox` command: its options, and a real process started, used and stopped with a signal. */

const ROOT = join(__dirname, '..', '..', '..');

describe('parseCli', () => {
  it('maps every flag; --fault is repeatable as name=value pairs or JSON', () => {
    const { options } = parseCli([
      '--port', '4011', '--host', '0.0.0.0', '--time-factor', '0.01', '--session-idle-ms', '5000', '--callback-secret', 's3', '--max-history', '50',
      '--fault', 'kind=429,api=clickatell-rest,count=2,retryAfterSeconds=5', '--fault', '{"kind":"latency","latencyMs":20}', '--quiet',
    ]);
    expect(options).toMatchObject({ port: 4011, host: '0.0.0.0', timeFactor: 0.01, sessionIdleMs: 5000, callbackSecret: 's3', maxHistory: 50, quiet: true });
    expect(options.faults).toEqual([
      { kind: '429', api: 'clickatell-rest', count: '2', retryAfterSeconds: '5' },
      { kind: 'latency', latencyMs: 20 },
    ]);
  });

  it('defaults to port 4010 with the request log on', () => {
    expect(parseCli([]).options).toMatchObject({ port: 4010, quiet: false, faults: [] });
  });

  it('reads --config (accounts and options); flags win over the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sms-sandbox-config-'));
    try {
      const file = join(dir, 'sandbox.json');
      writeFileSync(file, JSON.stringify({ port: 5000, timeFactor: 0.5, accounts: [{ id: 'mine', provider: 'clicksend', username: 'me', key: 'k' }] }));
      const { options } = parseCli(['--config', file, '--port', '5001']);
      expect(options).toMatchObject({ port: 5001, timeFactor: 0.5, accounts: [{ id: 'mine' }] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a bad number and an unknown flag', () => {
    expect(() => parseCli(['--port', 'eighty'])).toThrow(/--port/);
    expect(() => parseCli(['--colour'])).toThrow();
  });
});

/** Transpile sandbox/ and gateways/ (no type check) so the CLI runs as the built package would run it. */
function transpileTo(dir: string): void {
  for (const folder of ['sandbox', 'gateways']) {
    const walk = (path: string): void => {
      for (const name of readdirSync(path)) {
        const full = join(path, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (name.endsWith('.ts') && !name.endsWith('.test.ts')) {
          const output = ts.transpileModule(readFileSync(full, 'utf8'), {
            compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
          }).outputText;
          const target = join(dir, relative(ROOT, full)).replace(/\.ts$/, '.js');
          mkdirSync(join(target, '..'), { recursive: true });
          writeFileSync(target, output);
        }
      }
    };
    walk(join(ROOT, folder));
  }
}

describe('sms-sandbox process', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sms-sandbox-cli-'));
    transpileTo(dir);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('starts with a shebang, prints the URLs and demo credentials, serves, and stops cleanly on SIGTERM', async () => {
    const script = join(dir, 'sandbox', 'cli.js');
    expect(readFileSync(script, 'utf8').startsWith('#!/usr/bin/env node')).toBe(true);
    const child = spawn(process.execPath, [script, '--port', '0', '--fault', 'kind=503,route=getbalance,count=1'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no banner: ${output}`)), 15_000);
        child.stdout.on('data', () => {
          const match = /listening on (http:\/\/\S+)/.exec(output);
          if (match && output.includes('Ctrl-C')) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        });
      });
      expect(output).toContain(`${url}/http/`);
      expect(output).toContain(`${url}/rest/`);
      expect(output).toContain(`${url}/http/v2/`);
      expect(output).toContain(DEMO.clickatellHttp.password);
      expect(output).toContain(DEMO.clickatellRest.token);
      expect(output).toContain(DEMO.clicksend.key);
      // The --fault flag is active: the first getbalance fails, the next succeeds.
      expect((await getQuery(`${url}/http/getbalance`, HTTP_AUTH)).status).toBe(503);
      expect((await getQuery(`${url}/http/getbalance`, HTTP_AUTH)).text).toMatch(/^Credit: /);
      // The request log shows paths, never the credentials in the query string.
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(output).toMatch(/GET \/http\/getbalance 200/);
      expect(output.split('Ctrl-C to stop.')[1]).not.toContain(DEMO.clickatellHttp.password);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(output).toContain('SIGTERM: stopping the sandbox');
    } finally {
      child.kill('SIGKILL');
    }
  }, 30_000);

  it('exits with status 2 and the usage on a bad flag', async () => {
    const child = spawn(process.execPath, [join(dir, 'sandbox', 'cli.js'), '--time-factor', 'fast'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(2);
    expect(errors).toMatch(/--time-factor must be a number/);
    expect(errors).toMatch(/Usage: sms-sandbox/);
  }, 30_000);
});
