/**
 * n8n queue-mode benchmark: the time for 10,000 sends and 10,000 callbacks through a real n8n 2.41 stack
 * (test/e2e/n8n-queue/stack.ts: PostgreSQL, Redis, main, webhook processor) with 1 and with 2 workers,
 * side by side, with the counts that matter: accepted, sent twice, lost.
 *
 *   sends      BENCH_SENDS recipients (default 10,000; a third per API) in executions of 1,000, each
 *              started by a POST to the send workflow's webhook on the webhook processor; timed from the
 *              first POST until n8n has finished every execution. Counted from the sandbox's records.
 *   callbacks  BENCH_CALLBACKS inbound messages (default 10,000) injected into the sandbox, which pushes
 *              each to the Clickatell Trigger through the webhook processor; every trigger execution
 *              posts its item to a recorder. Timed from the first injection until every message was
 *              recorded (or BENCH_TIMEOUT_S, default 900, passed: the rest count as lost).
 *
 * Run: `npm run build` (the package is installed from its tarball), then
 *   node -r ./scripts/bench/register-ts.js scripts/bench/queue.ts   (npm run bench:queue)
 * Environment: BENCH_WORKERS (default "1,2"), BENCH_SENDS, BENCH_CALLBACKS, BENCH_TIMEOUT_S.
 * The sandbox runs in this process; n8n's processes and Redis/PostgreSQL are the machine's, so the
 * figures are for this machine only. Prints figures; exits 1 when a send went out twice.
 */
/* eslint-disable no-console, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports --
   a command-line benchmark, not an n8n node. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox } from '../../sandbox';
import { ensureN8n, packPackage } from '../../test/e2e/n8n/harness';
import { Recorder } from '../../test/e2e/n8n-triggers/recorder';
import { planChunks, startChunk, summarize, tallyChunks, waitForExecutions, type Chunk } from '../../test/e2e/n8n-queue/scenario';
import { ensureQueueServices, QueueStack } from '../../test/e2e/n8n-queue/stack';
import { APIS, CALLBACK_SECRET, credentialFixtures, SEND_ACCOUNTS, sendWorkflow, triggerUrl, triggerWorkflows } from '../../test/e2e/n8n-queue/workflows';

const WORKER_COUNTS = (process.env.BENCH_WORKERS ?? '1,2').split(',').map(Number);
const SENDS = Number(process.env.BENCH_SENDS ?? 10_000);
const CALLBACKS = Number(process.env.BENCH_CALLBACKS ?? 10_000);
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_S ?? 900) * 1000;

interface Row {
	workers: number;
	sendSeconds: number;
	sent: number;
	sentTwice: number;
	notSent: number;
	sendExecutions: string;
	callbackSeconds: number;
	callbacksRecorded: number;
	callbacksTwice: number;
	callbacksLost: number;
}

async function runWith(workers: number, tarball: string): Promise<Row> {
	const recorder = new Recorder();
	await recorder.start();
	const triggers = triggerWorkflows((channel) => recorder.url(channel));
	const sandbox = await startSandbox({ callbackSecret: CALLBACK_SECRET, timeFactor: 0.01, lifecycle: { sentAfterMs: 300, deliveredAfterMs: 600 }, accounts: Object.values(SEND_ACCOUNTS), maxCallbackHistory: CALLBACKS * 2 });
	const stack = await QueueStack.create(ensureN8n(), { tarball, workers, services: ensureQueueServices() });
	try {
		const sends = APIS.map((api) => sendWorkflow(api));
		await stack.home.importCredentials(credentialFixtures(sandbox.url));
		await stack.home.importWorkflows([...sends.map((flow) => flow.json), triggers.clickatellHttp.json]);
		for (const id of [...sends.map((flow) => flow.id), triggers.clickatellHttp.id]) await stack.home.publishWorkflow(id);
		await stack.start();
		const hook = triggerUrl(`http://127.0.0.1:${stack.webhookPort}`, triggers.clickatellHttp);
		sandbox.state.upsertAccount(SEND_ACCOUNTS['clickatell-http'].id, { inboundUrl: hook, callbackFormat: 'get', callbackAuth: 'token' });

		// Sends.
		const perApi = Math.floor(SENDS / APIS.length);
		const chunks: Chunk[] = [
			...planChunks([APIS[0]], SENDS - perApi * (APIS.length - 1), 1000, { label: `Bench ${workers}w` }),
			...planChunks(APIS.slice(1), perApi, 1000, { label: `Bench ${workers}w` }),
		];
		const sendStart = performance.now();
		for (const chunk of chunks) await startChunk(stack, chunk);
		const executions = await waitForExecutions(stack, sends.map((flow) => flow.id), chunks.length, TIMEOUT_MS);
		const sendSeconds = (performance.now() - sendStart) / 1000;
		const sent = summarize(tallyChunks(sandbox, chunks));

		// Callbacks: inbound messages pushed to the Clickatell Trigger through the webhook processor.
		const injected: string[] = [];
		const callbackStart = performance.now();
		const inject = async (index: number): Promise<void> => {
			const response = await fetch(`${sandbox.url}/sandbox/inbound`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ provider: 'clickatell-http', account: SEND_ACCOUNTS['clickatell-http'].id, from: `4478${String(index).padStart(8, '0')}`, text: `Bench MO ${index}` }),
			});
			injected.push(String(((await response.json()) as { id: string }).id));
		};
		for (let next = 0; next < CALLBACKS; next += 50) await Promise.all(Array.from({ length: Math.min(50, CALLBACKS - next) }, (_, i) => inject(next + i)));
		const deadline = Date.now() + TIMEOUT_MS;
		while (recorder.items('clickatell-http').length < CALLBACKS && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 500));
		const callbackSeconds = (performance.now() - callbackStart) / 1000;
		await new Promise((resolve) => setTimeout(resolve, 3000)); // late duplicates, if any
		const counts = new Map<string, number>();
		for (const item of recorder.items('clickatell-http')) counts.set(String(item.messageId), (counts.get(String(item.messageId)) ?? 0) + 1);
		return {
			workers,
			sendSeconds,
			sent: sent.once,
			sentTwice: sent.twice,
			notSent: sent.none,
			sendExecutions: JSON.stringify(executions),
			callbackSeconds,
			callbacksRecorded: injected.filter((id) => counts.has(id)).length,
			callbacksTwice: injected.filter((id) => (counts.get(id) ?? 0) > 1).length,
			callbacksLost: injected.filter((id) => !counts.has(id)).length,
		};
	} finally {
		await stack.stop();
		await sandbox.close();
		await recorder.stop();
	}
}

async function main(): Promise<void> {
	const scratch = mkdtempSync(join(tmpdir(), 'gatewaykit-bench-queue-'));
	try {
		const tarball = packPackage(scratch);
		const rows: Row[] = [];
		for (const workers of WORKER_COUNTS) {
			console.log(`running with ${workers} worker(s): ${SENDS} sends, ${CALLBACKS} callbacks ...`);
			rows.push(await runWith(workers, tarball));
		}
		const line = (cells: Array<string | number>) => cells.map((cell) => String(cell).padStart(12)).join(' ');
		console.log(`\nn8n 2.41.1 queue mode, one main, one webhook processor, worker concurrency 5; ${SENDS} sends, ${CALLBACKS} callbacks`);
		console.log(line(['workers', 'sends s', 'sends/s', 'accepted', 'twice', 'not sent', 'callbacks s', 'callbacks/s', 'recorded', 'twice', 'lost']));
		for (const row of rows) {
			console.log(
				line([
					row.workers,
					row.sendSeconds.toFixed(1),
					(SENDS / row.sendSeconds).toFixed(0),
					row.sent,
					row.sentTwice,
					row.notSent,
					row.callbackSeconds.toFixed(1),
					(row.callbacksRecorded / row.callbackSeconds).toFixed(1),
					row.callbacksRecorded,
					row.callbacksTwice,
					row.callbacksLost,
				]),
			);
		}
		for (const row of rows) console.log(`send executions with ${row.workers} worker(s): ${row.sendExecutions}`);
		if (rows.some((row) => row.sentTwice > 0)) process.exitCode = 1;
	} finally {
		rmSync(scratch, { recursive: true, force: true });
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
