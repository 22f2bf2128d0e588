/**
 * The sandbox as a user starts it: `sms-sandbox` (dist/sandbox/cli.js) in a process of its own, on a free
 * port, with its start-up banner captured.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const CLI = path.join(ROOT, 'dist', 'sandbox', 'cli.js');

export interface RunningSandbox {
  url: string;
  banner: string;
  output(): string;
  stop(): Promise<void>;
}

export async function startSandboxCli(args: string[]): Promise<RunningSandbox> {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first.`);
  const child: ChildProcess = spawn(process.execPath, [CLI, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the sandbox printed no banner within 15 s:\n${output}`)), 15_000);
    const check = (): void => {
      const match = /SMS sandbox listening on (http:\/\/\S+)/.exec(output);
      if (match && /Ctrl-C to stop/.test(output)) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the sandbox exited (${code}) before listening:\n${output}`));
    });
  });
  return {
    url,
    banner: output,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
