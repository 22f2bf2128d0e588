/**
 * The sandbox as a user gets and starts it: the @gatewaykit/sms-sandbox tarball (scripts/pack) installed with
 * npm into a project folder, its `sms-sandbox` command run in a process of its own on a free port, with its
 * start-up banner captured. So the page is tested as the package ships it, with nothing from this tree.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { packOne } from '../../../scripts/pack/pack-sync';

/** Pack the sandbox package and install it into `folder`; returns the path of its `sms-sandbox` command. */
export function installSandboxPackage(folder: string): string {
  const packed = packOne('sandbox', path.join(folder, 'pack'));
  const project = path.join(folder, 'project');
  fs.mkdirSync(project, { recursive: true });
  fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'sandbox-page-test', private: true }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', packed.tarball], { cwd: project, stdio: ['ignore', 'pipe', 'pipe'] });
  return path.join(project, 'node_modules', '.bin', 'sms-sandbox');
}

export interface RunningSandbox {
  url: string;
  banner: string;
  output(): string;
  stop(): Promise<void>;
}

export async function startSandboxCli(command: string, args: string[]): Promise<RunningSandbox> {
  const child: ChildProcess = spawn(command, ['--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
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
