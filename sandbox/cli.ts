#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEMO_CREDENTIALS, type AccountPatch, type SandboxOptions } from './config';
import { parseFaultArgument, type FaultSpec } from './faults';
import { type Sandbox, startSandbox } from './index';
import { BEHAVIOUR_CODES } from './test-numbers';

/**
 * `sms-sandbox`: start the sandbox from a shell.
 *   sms-sandbox --port 4010 --time-factor 0.01 --fault kind=429,api=clickatell-rest,count=3
 * Prints the web page's address, the three API base URLs and the demo credentials, logs requests (paths only, never query
 * strings), and stops cleanly on Ctrl-C / SIGTERM.
 */

const USAGE = `Usage: sms-sandbox [options]

  --port <n>              port to listen on (default 4010; 0 picks a free one)
  --host <address>        address to bind (default 127.0.0.1)
  --config <file.json>    accounts and options: [accounts...] or { "accounts": [...], "vouchers": {...}, ... }
  --time-factor <x>       scale lifecycle delays and callback retry schedules (e.g. 0.01)
  --session-idle-ms <n>   Clickatell session idle expiry (default 900000 = 15 min)
  --callback-secret <s>   shared secret sent with every callback (?token=... or basic auth)
  --max-history <n>       messages kept for inspection (default 100000)
  --fault <spec>          fault to inject, repeatable: JSON or name=value pairs,
                          e.g. kind=429,api=clickatell-rest,count=2,retryAfterSeconds=5
  --quiet                 no request log
  --help                  this text
`;

export interface CliResult {
  options: SandboxOptions;
  help: boolean;
}

/** Options from the command line (and the --config file, which flags override). Throws on bad input. */
export function parseCli(argv: string[]): CliResult {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      config: { type: 'string' },
      'time-factor': { type: 'string' },
      'session-idle-ms': { type: 'string' },
      'callback-secret': { type: 'string' },
      'max-history': { type: 'string' },
      fault: { type: 'string', multiple: true },
      quiet: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  const fromFile: SandboxOptions = values.config ? readConfigFile(values.config) : {};
  const number = (name: string, value: string | undefined): number | undefined => {
    if (value === undefined) return undefined;
    const parsed = Number(value);
    if (value.trim() === '' || !Number.isFinite(parsed)) throw new TypeError(`--${name} must be a number, got '${value}'`);
    return parsed;
  };
  const faults: FaultSpec[] = [...(fromFile.faults ?? []), ...(values.fault ?? []).map(parseFaultArgument)];
  const options: SandboxOptions = {
    ...fromFile,
    port: number('port', values.port) ?? fromFile.port ?? 4010,
    host: values.host ?? fromFile.host,
    timeFactor: number('time-factor', values['time-factor']) ?? fromFile.timeFactor,
    sessionIdleMs: number('session-idle-ms', values['session-idle-ms']) ?? fromFile.sessionIdleMs,
    callbackSecret: values['callback-secret'] ?? fromFile.callbackSecret,
    maxHistory: number('max-history', values['max-history']) ?? fromFile.maxHistory,
    faults,
    quiet: values.quiet ?? fromFile.quiet ?? false,
  };
  return { options, help: values.help ?? false };
}

function readConfigFile(path: string): SandboxOptions {
  const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
  if (Array.isArray(parsed)) return { accounts: parsed as AccountPatch[] };
  if (parsed === null || typeof parsed !== 'object') throw new TypeError(`${path}: expected a JSON array of accounts or an object`);
  return parsed as SandboxOptions;
}

/** The start banner: where each API lives and the demo credentials (sandbox-only values, printed on purpose). */
export function banner(sandbox: Sandbox): string {
  const demo = DEMO_CREDENTIALS;
  const lines = [
    `SMS sandbox listening on ${sandbox.url}`,
    '',
    `  Web page          ${sandbox.url}/   (phones, traffic, accounts and faults, live)`,
    `  Clickatell HTTP   ${sandbox.urls.clickatellHttp}<command>   (and ${sandbox.url}/utils/routeCoverage)`,
    `  Clickatell REST   ${sandbox.urls.clickatellRest}message`,
    `  Clickatell Portal ${sandbox.urls.clickatellPortal}/messages   and ${sandbox.urls.clickatellPortal}/v1/message (One API)`,
    `  ClickSend v2      ${sandbox.urls.clicksend}send.php`,
    `  ClickSend v3      ${sandbox.urls.clicksendV3}sms/send   (REST API v3, Basic auth)`,
    `  Inspection        ${sandbox.urls.inspect}messages   (see ${sandbox.url}/sandbox)`,
    '',
    'Demo credentials (sandbox only):',
    `  Clickatell HTTP   api_id ${demo.clickatellHttp.apiId}   user ${demo.clickatellHttp.user}   password ${demo.clickatellHttp.password}`,
    `  Clickatell REST   Authorization: Bearer ${demo.clickatellRest.token}`,
    `  Clickatell Portal Authorization: ${demo.clickatellPortal.apiKey}   (API key; Platform SMS API and One API)`,
    `  ClickSend         username ${demo.clicksend.username}   key ${demo.clicksend.key}   (HTTP v2 and REST v3)`,
    `  ClickSend tests   usernames nocredit, notactive, banned   key ${demo.clicksendTestKey}`,
    `  Vouchers          ${Object.entries(demo.vouchers)
      .map(([token, credits]) => `${token} (+${credits})`)
      .join(', ')}`,
    `  Callback secret   ${demo.callbackSecret} (unless --callback-secret)`,
    '',
    `Test numbers: 999<code>xxxx with code ${Object.keys(BEHAVIOUR_CODES).sort().join(', ')}; Clickatell 279991xxxx / 1999xxxxxx (1/3 credit).`,
    'Ctrl-C to stop.',
  ];
  return lines.join('\n');
}

export async function main(argv: string[]): Promise<Sandbox | null> {
  let parsed: CliResult;
  try {
    parsed = parseCli(argv);
  } catch (error) {
    process.stderr.write(`sms-sandbox: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    process.exitCode = 2;
    return null;
  }
  if (parsed.help) {
    process.stdout.write(USAGE);
    return null;
  }
  const sandbox = await startSandbox(parsed.options);
  process.stdout.write(`${banner(sandbox)}\n`);
  const stop = (signal: string): void => {
    process.stdout.write(`\n${signal}: stopping the sandbox\n`);
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  return sandbox;
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`sms-sandbox: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
