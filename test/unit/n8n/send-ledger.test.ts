/**
 * The send ledger (nodes/shared/sendLedger.ts): the Send operation run twice within one execution sends
 * each request once. The node runs against the in-process sandbox; n8n's processed-data store is
 * stood in for by an in-memory one with n8n's 'entries' semantics (a real n8n runs it in
 * test/e2e/n8n-queue/). The first run plays the attempt whose result n8n lost (Retry On Fail, a job
 * handed to another worker); a retry from the executions list has a new execution ID and the failed
 * run's execution context, as n8n copies it (ExecutionService.retry).
 */
import type { DeduplicationItemTypes, ICheckProcessedOptions, IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { ClickSendApi } from '../../../credentials/ClickSendApi.credentials';
import { sendMessages as clickSendSend } from '../../../nodes/ClickSend/GenericFunctions';
import { ALREADY_ATTEMPTED } from '../../../nodes/shared/sendLedger';
import { startSandbox, type Sandbox } from '../../../sandbox';
import { authenticatedFetch, executeContext } from './fakes';

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0, quiet: true, timeFactor: 0.001, clicksendThrottleMs: 0 });
});
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.reset());

/**
 * n8n's processed-data store for one node, as n8n 2.41 runs it: one row of entries (newest kept up to
 * maxEntries) that each call reads, changes and writes back whole, with database round trips between,
 * and no lock: two calls that overlap lose one of the two writes. Keeping calls apart is the caller's job.
 */
class ProcessedStore {
	entries: string[] = [];
	calls = 0;
	async checkProcessedAndRecord(items: DeduplicationItemTypes[], _scope: string, options: ICheckProcessedOptions) {
		this.calls++;
		const row = [...this.entries];
		await new Promise((resolve) => setTimeout(resolve, 2));
		const result = { new: [] as DeduplicationItemTypes[], processed: [] as DeduplicationItemTypes[] };
		for (const item of items) {
			if (row.includes(String(item))) result.processed.push(item);
			else {
				result.new.push(item);
				row.push(String(item));
			}
		}
		if (options.maxEntries) row.splice(0, Math.max(0, row.length - options.maxEntries));
		await new Promise((resolve) => setTimeout(resolve, 2));
		this.entries = row;
		return result;
	}
	async removeProcessed(items: DeduplicationItemTypes[]) {
		this.entries = this.entries.filter((entry) => !items.map(String).includes(entry));
	}
}

/** How n8n runs the node: its mode, and when the execution's context was established (IExecutionContext). */
interface Run {
	mode?: string;
	establishedAt?: number;
}

function clickSendRun(store: ProcessedStore, executionId: string, items: IDataObject[], run: Run = {}): IExecuteFunctions {
	const data = { username: 'demo', apiKey: 'demo-key', baseUrl: sandbox.url };
	const { context } = executeContext({ items, credentials: data, continueOnFail: true, server: authenticatedFetch(new ClickSendApi().authenticate as never, data) });
	const helpers = context.helpers as unknown as Record<string, unknown>;
	helpers.checkProcessedAndRecord = store.checkProcessedAndRecord.bind(store);
	helpers.removeProcessed = store.removeProcessed.bind(store);
	Object.assign(context as unknown as Record<string, unknown>, {
		getExecutionId: () => executionId,
		getWorkflow: () => ({ id: 'wf-ledger', name: 'Ledger', active: true }),
		getMode: () => run.mode ?? 'webhook',
		getExecutionContext: () => (run.establishedAt === undefined ? undefined : { version: 1, establishedAt: run.establishedAt, source: 'webhook' }),
	});
	return context;
}

const ITEMS = [
	{ to: '+61400000101, +61400000102', text: 'Ledger A' },
	{ to: '+61400000103', text: 'Ledger B' },
];

/** The store's entries for requests (without the "started" and "certainly not sent" marks). */
function requestEntries(store: ProcessedStore): string[] {
	return store.entries.filter((entry) => !entry.endsWith(':started') && !entry.endsWith(':not-sent'));
}

function sentTo(): string[] {
	return [...sandbox.state.messages.values()].map((message) => message.to).sort();
}

test('a second run of the node in the same execution sends nothing again and reports each recipient as not sent again', async () => {
	const store = new ProcessedStore();
	const [first] = await clickSendSend.call(clickSendRun(store, 'exec-1', ITEMS));
	expect(first.map((item) => item.json.type)).toEqual(['message.sent', 'message.sent', 'message.sent']);

	const [second] = await clickSendSend.call(clickSendRun(store, 'exec-1', ITEMS));
	expect(sentTo()).toEqual(['+61400000101', '+61400000102', '+61400000103']);
	expect(second).toHaveLength(3);
	for (const item of second) expect(item.json).toMatchObject({ providerCode: ALREADY_ATTEMPTED, delivery: 'unknown', certainlyNotSent: false });
	expect(second.map((item) => [item.json.to, item.pairedItem])).toEqual([
		['+61400000101', { item: 0 }],
		['+61400000102', { item: 0 }],
		['+61400000103', { item: 1 }],
	]);
});

test('another execution sends the same messages again (the ledger is per execution)', async () => {
	const store = new ProcessedStore();
	await clickSendSend.call(clickSendRun(store, 'exec-1', ITEMS));
	const [output] = await clickSendSend.call(clickSendRun(store, 'exec-2', ITEMS));
	expect(output.map((item) => item.json.type)).toEqual(['message.sent', 'message.sent', 'message.sent']);
	expect(sentTo()).toHaveLength(6);
});

test('a request the gateway proved it did not take (503) is taken out of the ledger, so the safe retry goes out', async () => {
	const store = new ProcessedStore();
	sandbox.faults.add({ kind: '503', api: 'clicksend', route: 'send.php', count: 1 });
	const [output] = await clickSendSend.call(clickSendRun(store, 'exec-3', [{ to: '+61400000201', text: 'Ledger retry', sending: { maxRetries: 2 } }]));
	expect(output.map((item) => item.json.type)).toEqual(['message.sent']);
	expect(sentTo()).toEqual(['+61400000201']);
	// Recorded, taken out after the 503 (and marked certainly not sent), recorded again for the retry.
	expect(requestEntries(store)).toHaveLength(1);
	expect(store.entries.filter((entry) => entry.endsWith(':not-sent'))).toHaveLength(1);
});

test('an empty or changed request is a different entry: a changed text in a re-run is sent', async () => {
	const store = new ProcessedStore();
	await clickSendSend.call(clickSendRun(store, 'exec-4', [{ to: '+61400000301', text: 'Version 1' }]));
	const [output] = await clickSendSend.call(clickSendRun(store, 'exec-4', [{ to: '+61400000301', text: 'Version 2' }]));
	expect(output[0].json.type).toBe('message.sent');
});

test('a retry from the executions list (a new execution ID, the failed run’s execution context) sends nothing the failed run sent', async () => {
	const store = new ProcessedStore();
	await clickSendSend.call(clickSendRun(store, 'exec-5', ITEMS, { establishedAt: 1_796_000_000_005 }));

	const [retried] = await clickSendSend.call(clickSendRun(store, 'exec-6', ITEMS, { mode: 'retry', establishedAt: 1_796_000_000_005 }));
	expect(retried.map((item) => item.json.providerCode)).toEqual([ALREADY_ATTEMPTED, ALREADY_ATTEMPTED, ALREADY_ATTEMPTED]);
	expect(sentTo()).toEqual(['+61400000101', '+61400000102', '+61400000103']);
});

test('a new execution (its own execution context) sends the same messages again', async () => {
	const store = new ProcessedStore();
	await clickSendSend.call(clickSendRun(store, 'exec-7', ITEMS, { establishedAt: 1_796_000_000_007 }));
	const [output] = await clickSendSend.call(clickSendRun(store, 'exec-8', ITEMS, { establishedAt: 1_796_000_000_008 }));
	expect(output.map((item) => item.json.type)).toEqual(['message.sent', 'message.sent', 'message.sent']);
	expect(sentTo()).toHaveLength(6);
});

test('a run from the editor is scoped by its own execution ID: testing the node again sends again', async () => {
	const store = new ProcessedStore();
	await clickSendSend.call(clickSendRun(store, 'exec-11', ITEMS, { mode: 'manual', establishedAt: 1_796_000_000_011 }));
	const [output] = await clickSendSend.call(clickSendRun(store, 'exec-12', ITEMS, { mode: 'manual', establishedAt: 1_796_000_000_011 }));
	expect(output.map((item) => item.json.type)).toEqual(['message.sent', 'message.sent', 'message.sent']);
	expect(sentTo()).toHaveLength(6);
});

test('a request every recipient of which the gateway refused is taken out of the ledger, so a retry of the execution sends it', async () => {
	const store = new ProcessedStore();
	const balance = sandbox.state.upsertAccount('demo-clicksend', {}).balance;
	sandbox.state.upsertAccount('demo-clicksend', { balance: 0 });
	const [refused] = await clickSendSend.call(clickSendRun(store, 'exec-9', [{ to: '+61400000401', text: 'Ledger no credit' }], { establishedAt: 1_796_000_000_009 }));
	expect(refused[0].json).toMatchObject({ providerCode: '2018', certainlyNotSent: true });
	expect(requestEntries(store)).toHaveLength(0);

	sandbox.state.upsertAccount('demo-clicksend', { balance });
	const [retried] = await clickSendSend.call(clickSendRun(store, 'exec-10', [{ to: '+61400000401', text: 'Ledger no credit' }], { mode: 'retry', establishedAt: 1_796_000_000_009 }));
	expect(retried[0].json.type).toBe('message.sent');
	expect(sentTo()).toEqual(['+61400000401']);
});

test('executions of one node running at once in this process never lose each other’s entries (n8n rewrites the row whole)', async () => {
	const store = new ProcessedStore();
	const runs = Array.from({ length: 6 }, (_, index) =>
		clickSendSend.call(clickSendRun(store, `exec-${20 + index}`, [{ to: `+6140000050${index}`, text: `Ledger parallel ${index}` }], { establishedAt: 1_796_000_000_020 + index })),
	);
	await Promise.all(runs);
	// One entry per execution's request survived every overlapping rewrite ...
	expect(new Set(requestEntries(store)).size).toBe(6);
	// ... so a retry of any of them sends nothing again.
	const [retried] = await clickSendSend.call(clickSendRun(store, 'exec-30', [{ to: '+61400000503', text: 'Ledger parallel 3' }], { mode: 'retry', establishedAt: 1_796_000_000_023 }));
	expect(retried[0].json.providerCode).toBe(ALREADY_ATTEMPTED);
	expect(sentTo()).toHaveLength(6);
});

test('a retry of an execution in which the node had started sends nothing the ledger cannot prove unsent, even if an entry was lost', async () => {
	const store = new ProcessedStore();
	await clickSendSend.call(clickSendRun(store, 'exec-40', ITEMS, { establishedAt: 1_796_000_000_040 }));
	// Another process's rewrite of the row dropped one request's entry.
	const [lost] = requestEntries(store);
	store.entries = store.entries.filter((entry) => entry !== lost);

	const [retried] = await clickSendSend.call(clickSendRun(store, 'exec-41', ITEMS, { mode: 'retry', establishedAt: 1_796_000_000_040 }));
	expect(retried.map((item) => item.json.providerCode)).toEqual([ALREADY_ATTEMPTED, ALREADY_ATTEMPTED, ALREADY_ATTEMPTED]);
	expect(sentTo()).toHaveLength(3);
	// The refusal leaves no "certainly not sent" mark behind: a later retry refuses the same request too.
	expect(store.entries.filter((entry) => entry.endsWith(':not-sent'))).toHaveLength(0);
	store.entries = store.entries.filter((entry) => entry !== lost);
	const [again] = await clickSendSend.call(clickSendRun(store, 'exec-42', ITEMS, { mode: 'retry', establishedAt: 1_796_000_000_040 }));
	expect(again.map((item) => item.json.providerCode)).toEqual([ALREADY_ATTEMPTED, ALREADY_ATTEMPTED, ALREADY_ATTEMPTED]);
	expect(sentTo()).toHaveLength(3);
});

test('a retry of an execution that failed before the node ran sends normally', async () => {
	const store = new ProcessedStore();
	const [output] = await clickSendSend.call(clickSendRun(store, 'exec-43', ITEMS, { mode: 'retry', establishedAt: 1_796_000_000_042 }));
	expect(output.map((item) => item.json.type)).toEqual(['message.sent', 'message.sent', 'message.sent']);
	expect(sentTo()).toHaveLength(3);
});
