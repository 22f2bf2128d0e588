/**
 * The sandbox in a process of its own, as a real gateway is another machine: in the benchmark's process
 * its work would share the event loop and CPU with the client side being measured. Every account gets a
 * balance no run can exhaust. Driven through the sandbox's own inspection API (/sandbox/reset, /stats).
 */
/* eslint-disable no-console, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-hardcoded-secrets --
   a command-line benchmark, never loaded by n8n: printing, processes, files and the sandbox's demo secrets are its job. */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { DEMO_ACCOUNTS, startSandbox } from '../../../sandbox';

const ROLE = 'GATEWAYKIT_BENCH_SANDBOX';

export interface SandboxProcess {
  url: string;
  pid: number;
  reset(): Promise<void>;
  /** Requests the sandbox counted per route since the last reset ('clickatell-rest POST /rest/message', ...). */
  requests(): Promise<Record<string, number>>;
  close(): Promise<void>;
}

export async function startSandboxProcess(): Promise<SandboxProcess> {
  const register = resolve(__dirname, '..', 'register-ts.js');
  const child: ChildProcess = spawn(process.execPath, ['-r', register, __filename], {
    env: { ...process.env, [ROLE]: '1' },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((done, fail) => {
    let seen = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /SANDBOX (\S+)/.exec(seen);
      if (match) done(match[1]);
    });
    child.once('exit', (code) => fail(new Error(`the sandbox process exited (${String(code)}) before it listened`)));
  });
  const call = async (method: string, path: string): Promise<unknown> => {
    const response = await fetch(`${url}/sandbox/${path}`, { method });
    if (!response.ok) throw new Error(`sandbox ${method} ${path}: HTTP ${response.status}`);
    return response.json();
  };
  return {
    url,
    pid: child.pid as number,
    reset: async () => void (await call('POST', 'reset')),
    requests: async () => ((await call('GET', 'stats')) as { requests: Record<string, number> }).requests,
    close: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((done) => child.once('exit', done));
      child.stdin?.end(); // the child exits when its stdin closes
      await exited;
    },
  };
}

if (process.env[ROLE]) {
  void (async () => {
    const sandbox = await startSandbox({
      port: 0,
      quiet: true,
      accounts: DEMO_ACCOUNTS.map((account) => ({ ...account, balance: account.balance === 0 ? 0 : 1e12 })),
    });
    console.log(`SANDBOX ${sandbox.url}`);
    process.stdin.resume();
    process.stdin.on('end', () => void sandbox.close().then(() => process.exit(0)));
  })();
}
