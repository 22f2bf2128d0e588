/**
 * The package's nodes in a real n8n 2.41 queue-mode stack (stack.ts): PostgreSQL, Redis, one main, two
 * workers, one webhook processor, all on loopback, plus the sandbox. Sends start as production webhook
 * executions on the webhook processor and run on the workers; the sandbox's callbacks and inbound
 * messages reach the triggers through the webhook processor; the ClickSend Polling Trigger polls on the
 * main. Faults: a worker killed (SIGKILL) in the middle of the bulk send and started again, the webhook
 * processor restarted and Redis stopped while callbacks arrive.
 *
 * What is counted comes from the sandbox's records (every accepted message, every callback attempt) and
 * n8n's executions table; docs/queue-mode.md explains the guarantee these assertions check.
 * Needs `npm run build` first (the package is installed from its tarball), and Redis + PostgreSQL from
 * scripts/e2e/ensure-queue-services.sh (run here if needed; it installs them with apt-get once).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type Sandbox } from '../../../sandbox';
import type { CallbackAttempt } from '../../../sandbox/callbacks';
import { ensureN8n, packPackage, setupOwner, type RestSession } from '../n8n/harness';
import { Recorder } from '../n8n-triggers/recorder';
import { chunksOfSuccessfulExecutions, eventually, planChunks, startChunk, summarize, tallyChunks, waitForExecutions, type Chunk } from './scenario';
import { QueueStack } from './stack';
import { APIS, CALLBACK_SECRET, credentialFixtures, SEND_ACCOUNTS, sendWorkflow, triggerUrl, triggerWorkflows, type Triggers } from './workflows';

const MINUTE = 60_000;
const POLL_ACCOUNT = { id: 'q-poll', provider: 'clicksend' as const, username: 'poller', key: 'poller-key', balance: 50, virtualNumber: '+61400000099' };

let scratch: string;
let sandbox: Sandbox;
let stack: QueueStack;
let triggers: Triggers;
const recorder = new Recorder();
const sends = APIS.map((api) => sendWorkflow(api));
const sendIds = sends.map((flow) => flow.id);
/** Send executions started so far (each test waits for all of them). */
let sendExecutionsStarted = 0;

async function injectInbound(body: Record<string, unknown>): Promise<string> {
	const response = await fetch(`${sandbox.url}/sandbox/inbound`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
	const answer = (await response.json()) as { id?: string };
	if (!response.ok || !answer.id) throw new Error(`inbound injection failed: ${JSON.stringify(answer)}`);
	return answer.id;
}

let session: RestSession | undefined;

/** The owner's session on the main's REST API (set up once, on first use). */
async function mainSession(): Promise<RestSession> {
	if (!stack.main) throw new Error('the main is not running');
	session ??= await setupOwner(stack.main);
	return session;
}

/** A trigger's webhook answers for itself (401 without the secret) once the webhook processor knows it. */
async function waitForTrigger(url: string): Promise<void> {
	await eventually(`${url} to be registered`, async () => ((await fetch(url, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } })).status === 401 ? true : undefined), 2 * MINUTE);
}

/** The sandbox's pushes by kind and state, with the HTTP status of each one's last attempt. */
function pushSummary(): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const push of sandbox.state.callbacks.toArray()) {
		const last = push.attempts[push.attempts.length - 1];
		const key = `${push.kind} ${push.state} ${String(last?.httpStatus ?? last?.error ?? 'none')}`;
		counts[key] = (counts[key] ?? 0) + 1;
	}
	return counts;
}

function table(rows: Array<Record<string, unknown>>): string {
	return rows.map((row) => Object.entries(row).map(([key, value]) => `${key}=${String(value)}`).join('  ')).join('\n');
}

beforeAll(async () => {
	scratch = mkdtempSync(join(tmpdir(), 'gatewaykit-queue-e2e-'));
	const install = ensureN8n();
	const tarball = packPackage(scratch);
	await recorder.start();
	triggers = triggerWorkflows((channel) => recorder.url(channel));
	sandbox = await startSandbox({
		callbackSecret: CALLBACK_SECRET,
		// A failed push is retried after 6 s, 12 s, 24 s ... 384 s instead of 2, 4, 8 ... 128 minutes: the
		// retries span a webhook processor restart even on a busy machine (an n8n start can take minutes).
		timeFactor: 0.05,
		lifecycle: { sentAfterMs: 300, deliveredAfterMs: 600 },
		accounts: [...Object.values(SEND_ACCOUNTS), POLL_ACCOUNT],
	});
	stack = await QueueStack.create(install, { tarball, workers: 2, env: {
		// A dead worker's job is noticed within seconds instead of a minute (docs/queue-mode.md).
		QUEUE_WORKER_LOCK_DURATION: '10000',
		QUEUE_WORKER_LOCK_RENEW_TIME: '2000',
		QUEUE_WORKER_STALLED_INTERVAL: '5000',
	} });
	await stack.home.importCredentials(credentialFixtures(sandbox.url));
	await stack.home.importWorkflows([...sends.map((flow) => flow.json), ...Object.values(triggers).map((flow) => flow.json)]);
	for (const id of [...sendIds, ...Object.values(triggers).map((flow) => flow.id)]) await stack.home.publishWorkflow(id);

	// The poll account's first message waits for the poll at activation.
	await injectInbound({ provider: 'clicksend', account: POLL_ACCOUNT.id, from: '+61491570001', text: 'Poll 1: before n8n started' });

	await stack.start();
	const hooks = `http://127.0.0.1:${stack.webhookPort}`;
	sandbox.state.upsertAccount(SEND_ACCOUNTS['clickatell-http'].id, {
		statusCallbackUrl: triggerUrl(hooks, triggers.clickatellHttp),
		inboundUrl: triggerUrl(hooks, triggers.clickatellHttp),
		callbackFormat: 'get',
		callbackAuth: 'token',
	});
	sandbox.state.upsertAccount(SEND_ACCOUNTS['clickatell-rest'].id, { statusCallbackUrl: triggerUrl(hooks, triggers.clickatellRest), callbackFormat: 'json', callbackAuth: 'basic' });
	// ClickSend pushes a report for every message of an account with a URL: set for the callback test only.
	sandbox.state.upsertAccount(SEND_ACCOUNTS.clicksend.id, { inboundUrl: triggerUrl(hooks, triggers.clickSendPush), callbackAuth: 'token' });
	for (const flow of [triggers.clickatellHttp, triggers.clickatellRest, triggers.clickSendPush]) await waitForTrigger(triggerUrl(hooks, flow));
}, 20 * MINUTE);

afterAll(async () => {
	// Every n8n process this file started is stopped, with its Redis and its database.
	await stack?.stop();
	await sandbox?.close();
	await recorder.stop();
	if (scratch) rmSync(scratch, { recursive: true, force: true });
}, 2 * MINUTE);

describe('n8n queue mode: main, two workers, webhook processor, PostgreSQL, Redis', () => {
	it('sends 10,000 recipients through the three APIs with a worker killed mid-send: none twice, every unsent one in a failed execution', async () => {
		// 12 executions of up to 1,000 recipients (3,334 + 3,333 + 3,333), each sent in multi-recipient requests.
		const chunks: Chunk[] = [
			...planChunks(['clickatell-http'], 3334, 1000, { label: 'Queue e2e bulk' }),
			...planChunks(['clickatell-rest', 'clicksend'], 3333, 1000, { label: 'Queue e2e bulk' }),
		];
		expect(chunks.reduce((sum, chunk) => sum + chunk.count, 0)).toBe(10_000);
		// Each send request takes 2 s at the gateway, so the kill lands while requests are in flight.
		const slow = sandbox.faults.add({ kind: 'latency', latencyMs: 2000, route: 'sendmsg' });
		const slowRest = sandbox.faults.add({ kind: 'latency', latencyMs: 2000, route: 'POST /rest/message' });
		const slowCs = sandbox.faults.add({ kind: 'latency', latencyMs: 2000, route: 'send.php' });
		try {
			for (const chunk of chunks) await startChunk(stack, chunk);
			sendExecutionsStarted += chunks.length;
			// Kill worker 0 once it is sending: it has started an execution, and 1.5 s later its first requests
			// are waiting at the gateway (which still handles them after the worker is gone).
			await eventually('worker 0 to start an execution', () => (/Worker started execution/.test(stack.workers[0]?.logs() ?? '') ? true : undefined), 2 * MINUTE, 100);
			await new Promise((resolve) => setTimeout(resolve, 1500));
			await stack.killWorker(0);
			await new Promise((resolve) => setTimeout(resolve, 3000));
			await stack.startWorker(0);
		} finally {
			for (const fault of [slow, slowRest, slowCs]) sandbox.faults.remove(fault.id);
		}
		const executions = await waitForExecutions(stack, sendIds, sendExecutionsStarted, 6 * MINUTE);
		// Requests the dead worker had in flight are answered by the gateway after it died: let them land.
		await new Promise((resolve) => setTimeout(resolve, 3000));
		const tallies = tallyChunks(sandbox, chunks);
		const summary = summarize(tallies);
		const succeeded = chunksOfSuccessfulExecutions(stack, chunks, sendIds);
		const failed = (executions.error ?? 0) + (executions.crashed ?? 0);
		// The chunks of the executions n8n reports as failed: their recipients were either accepted (the
		// gateway took the request, n8n lost the answer with the worker: sent, uncertain to n8n) or not sent.
		const inFailed = tallies.filter((tally) => !succeeded.has(tally.chunk));
		console.log(
			`queue e2e bulk: executions ${JSON.stringify(executions)}; ${JSON.stringify(summary)}\n` +
				table(tallies.map((tally) => ({ chunk: tally.chunk.text, execution: succeeded.has(tally.chunk) ? 'success' : 'failed', sentOnce: tally.once, sentTwice: tally.twice, notSent: tally.none }))),
		);

		// Never an SMS twice, killed worker or not.
		expect(summary.twice).toBe(0);
		expect(summary.once + summary.none).toBe(10_000);
		// One execution per chunk: n8n ran none of them again (maxStalledCount 0), and the kill hit some.
		expect((executions.success ?? 0) + failed).toBe(chunks.length);
		expect(failed).toBeGreaterThan(0);
		// Every successful execution sent each of its recipients exactly once ...
		expect([...succeeded.values()].every((count) => count === 1)).toBe(true);
		for (const tally of tallies.filter((entry) => succeeded.has(entry.chunk))) expect(tally.once).toBe(tally.chunk.count);
		// ... and whatever was not sent belongs to an execution n8n reports as failed: reported, not silent.
		expect(inFailed).toHaveLength(failed);
		expect(summary.none).toBe(inFailed.reduce((sum, tally) => sum + tally.none, 0));

		// A person retries each failed execution from the executions list (on the main; the retry runs on a
		// worker). The retry carries the crashed run's execution context, and the node had started sending in
		// it, so the send ledger lets out only requests it holds a "certainly not sent" mark for: nothing twice.
		const rest = await mainSession();
		const failedIds = stack
			.sql(`SELECT id FROM execution_entity WHERE "workflowId" IN (${sendIds.map((id) => `'${id}'`).join(',')}) AND status IN ('error', 'crashed') ORDER BY id`)
			.split('\n')
			.map((line) => line.trim())
			.filter(Boolean);
		expect(failedIds).toHaveLength(failed);
		const retries: Array<{ id: string; status: string }> = [];
		for (const id of failedIds) retries.push(await rest.call<{ id: string; status: string }>('POST', `/executions/${id}/retry`, { loadWorkflow: false }));
		await new Promise((resolve) => setTimeout(resolve, 3000));
		const afterRetry = summarize(tallyChunks(sandbox, chunks));
		console.log(`queue e2e bulk, after retrying the ${failedIds.length} failed executions: ${JSON.stringify(retries.map((retry) => retry.status))}; ${JSON.stringify(afterRetry)}`);
		expect(afterRetry.twice).toBe(0);
		expect(afterRetry.once + afterRetry.none).toBe(10_000);
		// What the dead worker never handed over stays unsent (reported ALREADY_ATTEMPTED, delivery unknown):
		// the ledger cannot tell it from a request whose entry another worker's rewrite removed.
	}, 15 * MINUTE);

	it('brings every delivery callback and inbound reply to its trigger across a webhook processor restart and a Redis stop: none lost, exactly once when n8n answered in time', async () => {
		const hooks = `http://127.0.0.1:${stack.webhookPort}`;
		sandbox.state.upsertAccount(SEND_ACCOUNTS.clicksend.id, { statusCallbackUrl: triggerUrl(hooks, triggers.clickSendPush) });
		const chunks = planChunks(APIS, 100, 100, { label: 'Queue e2e callbacks', offset: 50_000, callback: 2 });
		for (const chunk of chunks) await startChunk(stack, chunk);
		sendExecutionsStarted += chunks.length;
		const executions = await waitForExecutions(stack, sendIds, sendExecutionsStarted, 3 * MINUTE);
		const tallies = tallyChunks(sandbox, chunks);
		expect(summarize(tallies)).toMatchObject({ once: 300, twice: 0, none: 0 });
		const [httpIds, restIds, csIds] = tallies.map((tally) => tally.messageIds);

		// Inbound messages: MO messages to the Clickatell HTTP account, replies to ClickSend messages.
		const inboundIds: string[] = [];
		const replyIds: string[] = [];
		for (let i = 0; i < 20; i++) {
			inboundIds.push(await injectInbound({ provider: 'clickatell-http', account: SEND_ACCOUNTS['clickatell-http'].id, from: `4478100${String(i).padStart(5, '0')}`, text: `MO ${i}` }));
			replyIds.push(await injectInbound({ provider: 'clicksend', replyTo: csIds[i], text: `Reply ${i}` }));
		}
		// Faults while callbacks arrive: the webhook processor restarts, then Redis stops for 5 s.
		await eventually('the first callbacks to arrive', () => (recorder.total() > 0 ? true : undefined), 2 * MINUTE, 100);
		const restartStart = Date.now();
		await stack.restartWebhook();
		const restartMs = Date.now() - restartStart;
		await stack.stopRedis();
		await new Promise((resolve) => setTimeout(resolve, 5000));
		await stack.startRedis();
		console.log(`queue e2e callbacks: webhook processor restarted in ${restartMs} ms; Redis stopped for 5 s`);

		const expected = { 'clickatell-http': 100 + 20, 'clickatell-rest': 100, 'clicksend-push': 100 + 20 };
		// Every expected event: where the trigger's item is recorded, and the sandbox push that carried it.
		// A ClickSend reply push names only the message it answers: its item has that as inReplyTo.
		interface Expected { channel: string; type: string; id: string; pushKind: string; pushMessageId: string; field?: 'inReplyTo' }
		const events: Expected[] = [
			...httpIds.map((id) => ({ channel: 'clickatell-http', type: 'message.status', id, pushKind: 'clickatell-status', pushMessageId: id })),
			...inboundIds.map((id) => ({ channel: 'clickatell-http', type: 'message.inbound', id, pushKind: 'clickatell-inbound', pushMessageId: id })),
			...restIds.map((id) => ({ channel: 'clickatell-rest', type: 'message.status', id, pushKind: 'clickatell-status', pushMessageId: id })),
			...csIds.map((id) => ({ channel: 'clicksend-push', type: 'message.status', id, pushKind: 'clicksend-delivery', pushMessageId: id })),
			...replyIds.map((_, i) => ({ channel: 'clicksend-push', type: 'message.inbound', id: csIds[i], pushKind: 'clicksend-reply', pushMessageId: csIds[i], field: 'inReplyTo' as const })),
		];
		const recordedCount = (event: Expected) => recorder.items(event.channel).filter((item) => item.type === event.type && String(item[event.field ?? 'messageId']) === event.id).length;
		await eventually(
			'every callback to be recorded',
			() => (events.every((event) => recordedCount(event) > 0) ? true : undefined),
			10 * MINUTE,
			1000,
		).catch((error: Error) => {
			const got = Object.fromEntries(Object.keys(expected).map((channel) => [channel, recorder.items(channel).length]));
			throw new Error(`${error.message}\nrecorded: ${JSON.stringify(got)}\npushes: ${JSON.stringify(pushSummary())}\n${stack.logs(20)}`);
		});
		// A duplicate would arrive a little later: wait, then count exactly.
		await new Promise((resolve) => setTimeout(resolve, 5000));

		const pushes = sandbox.state.callbacks.toArray();
		// A push is "uncertain" when an attempt failed after the request may have reached n8n: it timed out, the
		// connection was cut (ECONNRESET: the webhook processor's restart) or n8n answered 5xx (Redis stopped)
		// while it may already have queued the execution; the gateway then pushed again (at least once
		// delivery). A refused connection or a 4xx answer means n8n took nothing: the retry is the only delivery.
		const mayHaveReachedN8n = (attempt: CallbackAttempt) =>
			!attempt.ok && (attempt.httpStatus === null ? !/ECONNREFUSED/.test(attempt.error ?? '') : attempt.httpStatus >= 500);
		const outcome = events.map((event) => {
			const push = pushes.find((entry) => entry.kind === event.pushKind && entry.messageId === event.pushMessageId);
			const uncertain = push?.attempts.some(mayHaveReachedN8n) ?? false;
			return { event, state: push?.state ?? 'none', uncertain, recorded: recordedCount(event) };
		});
		const failedAttempts = new Map<string, number>();
		for (const push of pushes) {
			for (const attempt of push.attempts.filter((entry) => !entry.ok)) {
				const key = attempt.httpStatus === null ? String(attempt.error ?? 'no answer').slice(0, 60) : `HTTP ${attempt.httpStatus}`;
				failedAttempts.set(key, (failedAttempts.get(key) ?? 0) + 1);
			}
		}
		console.log(`queue e2e callbacks: failed attempts ${JSON.stringify(Object.fromEntries(failedAttempts))}`);
		const clean = outcome.filter((entry) => !entry.uncertain);
		const uncertain = outcome.filter((entry) => entry.uncertain);
		const triggerRuns = { http: stack.executionsByStatus(triggers.clickatellHttp.id), rest: stack.executionsByStatus(triggers.clickatellRest.id), cs: stack.executionsByStatus(triggers.clickSendPush.id) };
		console.log(
			`queue e2e callbacks: send executions ${JSON.stringify(executions)}; trigger executions ${JSON.stringify(triggerRuns)}; ` +
				`events ${events.length}: answered in time ${clean.length} (recorded once ${clean.filter((entry) => entry.recorded === 1).length}), ` +
				`an attempt may have reached n8n and was pushed again ${uncertain.length} (recorded once ${uncertain.filter((entry) => entry.recorded === 1).length}, twice or more ${uncertain.filter((entry) => entry.recorded > 1).length}); ` +
				`lost ${outcome.filter((entry) => entry.recorded === 0).length}; pushes ${JSON.stringify(pushSummary())}`,
		);
		// None lost: every callback and inbound message became at least one trigger execution.
		expect(outcome.filter((entry) => entry.recorded === 0).map((entry) => entry.event)).toEqual([]);
		// Every callback no failed attempt of which may have reached n8n became exactly one trigger execution.
		expect(clean.filter((entry) => entry.recorded !== 1).map((entry) => entry.event)).toEqual([]);
		// Each recorded item is one successful trigger execution, nothing else ran or failed to run.
		const recordedTotal = Object.keys(expected).reduce((sum, channel) => sum + recorder.items(channel).length, 0);
		expect((triggerRuns.http.success ?? 0) + (triggerRuns.rest.success ?? 0) + (triggerRuns.cs.success ?? 0)).toBe(recordedTotal);
	}, 15 * MINUTE);

	it('polls ClickSend on the main: each inbound message once, neither repeated nor skipped', async () => {
		await injectInbound({ provider: 'clicksend', account: POLL_ACCOUNT.id, from: '+61491570002', text: 'Poll 2: while n8n ran' });
		const texts = () => recorder.items('clicksend-poll').map((item) => String(item.text));
		await eventually('both polled messages', () => (texts().includes('Poll 2: while n8n ran') ? true : undefined), 3 * MINUTE, 1000);
		await injectInbound({ provider: 'clicksend', account: POLL_ACCOUNT.id, from: '+61491570003', text: 'Poll 3: one poll later' });
		await eventually('the third polled message', () => (texts().includes('Poll 3: one poll later') ? true : undefined), 3 * MINUTE, 1000);
		expect(texts().sort()).toEqual(['Poll 1: before n8n started', 'Poll 2: while n8n ran', 'Poll 3: one poll later']);
	}, 8 * MINUTE);
});
