/**
 * Callback abuse benchmark (issue 12). Prints figures only; nothing here asserts a speed.
 *
 *   npm run build && tsc -p tsconfig.bench.json && node .bench/scripts/bench/callbacks.js [--runtime node-red|n8n|both] [--repeats 5] [--accepted 50]
 *
 * Part 1, in this process: the gateways parsers on hostile inputs next to a harmless callback.
 * Part 2, per runtime (a real Node-RED 5 and a real n8n 2.41, the package installed from its tarball,
 * everything on 127.0.0.1): the requests of the abuse suite (test/e2e/callback-abuse/attacks.ts, the same
 * ones the e2e tests send), with
 *   - how many wrong or near-miss secrets got 401,
 *   - the time of each hostile input (median of --repeats) next to a harmless callback, as a ratio,
 *   - a harmless callback's time while ten hostile requests run in parallel,
 *   - events per accepted callback,
 *   - whether the process is still alive and still takes a callback afterwards.
 */
import fs from 'node:fs';
import Module from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseCallbackBody, parseCallbackQuery } from '../../gateways/callbacks/body';
import { verifyCallbackRequest } from '../../gateways/callbacks/verify';
import type * as Attacks from '../../test/e2e/callback-abuse/attacks';

type CallbackTarget = Attacks.CallbackTarget;

const ROOT = path.resolve(__dirname, '..', '..', '..');

/** Loads a TypeScript file of this repository (and what it imports) compiled in memory, so the e2e harnesses run as they are. */
function requireTs<T>(file: string): T {
  const extensions = (Module as unknown as { _extensions: Record<string, (module: { _compile(code: string, filename: string): void }, filename: string) => void> })._extensions;
  if (!extensions['.ts']) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const ts = require('typescript') as typeof import('typescript');
    extensions['.ts'] = (module, filename) => {
      const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
        compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, esModuleInterop: true },
        fileName: filename,
      });
      module._compile(outputText, filename);
    };
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(ROOT, file)) as T;
}

interface Args {
  runtimes: Array<'node-red' | 'n8n'>;
  repeats: number;
  accepted: number;
}

function readArgs(argv: string[]): Args {
  const value = (name: string): string | undefined => {
    const at = argv.indexOf(`--${name}`);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const runtime = value('runtime') ?? 'both';
  return {
    runtimes: runtime === 'both' ? ['node-red', 'n8n'] : [runtime as 'node-red' | 'n8n'],
    repeats: Number(value('repeats') ?? 5),
    accepted: Number(value('accepted') ?? 50),
  };
}

const ms = (value: number): string => (value >= 100 ? value.toFixed(0) : value >= 1 ? value.toFixed(1) : value.toFixed(3));

function timeIt(action: () => unknown, repeats: number): number {
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    try {
      action();
    } catch {
      // Refusing is the expected outcome for the hostile inputs; the time is what is measured.
    }
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/** Part 1: the parsers alone. */
function libraryFigures(repeats: number): void {
  console.log('\n== gateways/callbacks in this process (median of', repeats * 4, 'runs) ==');
  const config = { mode: 'token' as const, secret: 'abuse-suite-secret-0123456789' };
  const harmlessUrl = `/cb?token=${config.secret}&apiMsgId=abc&cliMsgId=x&api_id=1&to=2799&timestamp=1700000000&status=004`;
  const cases: Array<[string, () => unknown]> = [
    ['harmless: verify + parse a status query', () => verifyCallbackRequest(config, { url: harmlessUrl }) && parseCallbackQuery(harmlessUrl)],
    ['verify a 14 KB query of one repeated key', () => verifyCallbackRequest(config, { url: `/cb?${'a&'.repeat(7000)}` })],
    ['verify a 1 MB query of one repeated key', () => verifyCallbackRequest(config, { url: `/cb?${'a&'.repeat(512 * 1024)}` })],
    ['parse a 14 KB query of one repeated key', () => parseCallbackQuery(`/cb?${'a&'.repeat(7000)}`)],
    ['parse a 64 KB form of one repeated key', () => parseCallbackBody('application/x-www-form-urlencoded', 'a&'.repeat(32 * 1024))],
    ['parse 256 repeats of one key (the most accepted)', () => parseCallbackBody('application/x-www-form-urlencoded', 'a=1&'.repeat(256))],
    ['parse JSON nested 5,000 levels', () => parseCallbackBody('application/json', `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`)],
    ['parse a 128 KB body (refused by size)', () => parseCallbackBody('application/x-www-form-urlencoded', Buffer.alloc(128 * 1024, 0x61))],
  ];
  const base = timeIt(cases[0][1], repeats * 4);
  for (const [label, action] of cases) {
    const time = timeIt(action, repeats * 4);
    console.log(`  ${label.padEnd(52)} ${ms(time).padStart(9)} ms   x${(time / base).toFixed(1)}`);
  }
}

async function runtimeFigures(name: string, start: () => Promise<CallbackTarget>, n8n: boolean, args: Args): Promise<void> {
  const attacks = requireTs<typeof Attacks>('test/e2e/callback-abuse/attacks.ts');
  console.log(`\n== ${name} ==`);
  const startedAt = performance.now();
  const target = await start();
  console.log(`  started ${target.name} in ${((performance.now() - startedAt) / 1000).toFixed(1)} s`);
  try {
    // Warm-up: the first requests pay for JIT and connection setup.
    for (let i = 0; i < 5; i++) await attacks.send(attacks.harmless(target));

    const bad = attacks.badSecrets(target);
    let refused = 0;
    const other: string[] = [];
    for (const probe of bad) {
      const answer = await attacks.send(probe);
      if (answer.status === 401) refused++;
      else other.push(`${probe.label}: ${answer.status}`);
    }
    console.log(`  bad secrets: ${refused} of ${bad.length} got 401${other.length ? ` (others: ${other.join('; ')})` : ''}`);

    // Interleaved rounds: every probe once per round, so load from elsewhere on the machine hits all alike.
    const origin = new URL(target.tokenUrl).origin;
    // The query flood on a path no node listens on: what the runtime's web server spends on that URL
    // (Express parses req.query in Node-RED; n8n looks the webhook up) before any node of this package runs.
    const unrouted: Attacks.Hostile = {
      label: 'same 14 KB query flood, path without a node (runtime)',
      method: 'GET',
      url: `${origin}/${n8n ? 'webhook/' : ''}no-such-callback-path?${'a&'.repeat(7000)}`,
      expect: [404],
    };
    const baselineFlood: Attacks.Hostile = {
      label: `same 14 KB query flood, ${target.baselineName} (runtime)`,
      method: 'GET',
      url: `${target.baselineUrl}?${'a&'.repeat(7000)}`,
      expect: [200],
    };
    const baselinePlain: Attacks.Hostile = { label: `a plain GET, ${target.baselineName} (runtime)`, method: 'GET', url: `${target.baselineUrl}?a=1`, expect: [200] };
    const hostile = [...attacks.hostileInputs(target, { n8n }), unrouted, baselineFlood, baselinePlain];
    const isBig = (probe: Attacks.Probe) => Buffer.isBuffer(probe.body) && probe.body.length > 4 * 1024 * 1024;
    const rounds = hostile.filter((probe) => !isBig(probe));
    const times = new Map<Attacks.Probe, number[]>();
    const statuses = new Map<Attacks.Probe, number>();
    const texts = new Map<Attacks.Probe, string>();
    const harmlessTimes: number[] = [];
    for (let round = 0; round < args.repeats; round++) {
      for (const probe of rounds) {
        harmlessTimes.push((await attacks.send(attacks.harmless(target))).ms);
        const answer = await attacks.send(probe);
        statuses.set(probe, answer.status);
        times.set(probe, [...(times.get(probe) ?? []), answer.ms]);
      }
    }
    for (const probe of hostile.filter(isBig)) {
      const answer = await attacks.send(probe);
      statuses.set(probe, answer.status);
      texts.set(probe, answer.text);
      times.set(probe, [answer.ms]);
    }
    const harmless = attacks.median(harmlessTimes);
    console.log(`  harmless callback: ${ms(harmless)} ms (median of ${harmlessTimes.length}, interleaved with the hostile inputs)`);
    console.log(`  ${'hostile input'.padEnd(58)} ${'status'.padStart(6)} ${'median ms'.padStart(10)}  ratio`);
    for (const probe of hostile) {
      const time = attacks.median(times.get(probe) ?? [0]);
      console.log(`  ${probe.label.padEnd(58)} ${String(statuses.get(probe)).padStart(6)} ${ms(time).padStart(10)}  x${(time / harmless).toFixed(1)}${isBig(probe) ? ' (1 run)' : ''}`);
      if (probe.runtimeNote) {
        const text = (texts.get(probe) ?? '').replace(/\s+/g, ' ');
        console.log(`      (${probe.runtimeNote}; answer: ${text.slice(0, 200)}${text.length > 200 ? '…' : ''})`);
      }
    }

    // Ten hostile requests at once (a query flood without the secret), and a harmless callback among them.
    const flood = { label: 'flood', method: 'GET' as const, url: `${target.tokenUrl}?${'a&'.repeat(7000)}` };
    const floodStart = performance.now();
    const [answer] = await Promise.all([attacks.send(attacks.harmless(target)), ...Array.from({ length: 10 }, () => attacks.send(flood))]);
    console.log(`  harmless callback among 10 parallel 14 KB query floods: ${answer.status} in ${ms(answer.ms)} ms (all 11 done in ${ms(performance.now() - floodStart)} ms)`);

    const ids = Array.from({ length: args.accepted }, (_, i) => `bench-${Date.now()}-${i}`);
    const wanted = new Set(ids);
    const mine = () => target.events().filter((event) => wanted.has(String(event.messageId))).length;
    let accepted = 0;
    for (const id of ids) if ((await attacks.send(attacks.harmless(target, id))).status === 200) accepted++;
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline && mine() < accepted) await new Promise((resolve) => setTimeout(resolve, 200));
    // A little longer: a second event for any of them would show up here.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const emitted = mine();
    console.log(`  events per accepted callback: ${emitted} events / ${accepted} accepted = ${(emitted / Math.max(accepted, 1)).toFixed(2)}`);

    const after = await attacks.send(attacks.harmless(target));
    console.log(`  process alive: ${target.alive() ? 'yes' : 'NO'}; a callback afterwards: HTTP ${after.status}`);
    const leaked = target.logs().includes(target.secret) || JSON.stringify(target.events()).includes(target.secret);
    console.log(`  secret in the log or an event: ${leaked ? 'YES' : 'no'}`);
  } finally {
    await target.stop();
  }
}

async function main(): Promise<void> {
  const args = readArgs(process.argv.slice(2));
  console.log(`callback abuse benchmark: Node ${process.version}, ${args.repeats} repeats per hostile input`);
  libraryFigures(args.repeats);
  for (const runtime of args.runtimes) {
    if (runtime === 'node-red') {
      const { startNodeRedTarget } = requireTs<{ startNodeRedTarget(): Promise<CallbackTarget> }>('test/e2e/callback-abuse/node-red-target.ts');
      await runtimeFigures('Node-RED 5 (in nodes wired to two nodes)', startNodeRedTarget, false, args);
    } else {
      const { startN8nTarget } = requireTs<{ startN8nTarget(): Promise<CallbackTarget> }>('test/e2e/callback-abuse/n8n-target.ts');
      await runtimeFigures('n8n 2.41 (active Clickatell Trigger workflows)', startN8nTarget, true, args);
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
