import { createHash } from 'node:crypto';

import type { IExecuteFunctions } from 'n8n-workflow';

import { GatewayError, isGatewayError } from '../../gateways/errors';
import type { RecipientOutcome, SendRequest, SmsGateway } from '../../gateways/gateway';

/** Error code of a request the ledger refused because this execution already sent or tried to send it. */
export const ALREADY_ATTEMPTED = 'ALREADY_ATTEMPTED';

/**
 * Most entries the ledger remembers per node (n8n keeps the newest): one per request, plus a "started"
 * entry per node run and a "certainly not sent" mark per request the gateway did not take. A request is
 * at most the API's recipient limit, so this covers millions of recipients of the node's recent executions.
 */
const LEDGER_ENTRIES = 10_000;

function alreadyAttempted(provider: SmsGateway['provider']): GatewayError {
	return new GatewayError({
		provider,
		code: ALREADY_ATTEMPTED,
		message: 'Not sent again: this execution (or the one it retries) already sent or tried to send this request to these recipients',
		hint: "n8n ran the node again for the same execution (Retry On Fail, a retry from the executions list, or a job handed to another worker). The earlier attempt's result is unknown here: check the gateway's records (message status by recipient or client reference) before sending again.",
		delivery: 'unknown',
		retryable: false,
	});
}

function ledgerUnavailable(provider: SmsGateway['provider'], cause: unknown): GatewayError {
	return new GatewayError({
		provider,
		code: 'LEDGER_UNAVAILABLE',
		message: `Not sent: n8n's database did not record the request before sending (${cause instanceof Error ? cause.message : String(cause)})`,
		delivery: 'no',
		retryable: true,
	});
}

type LedgerHelpers = Pick<IExecuteFunctions['helpers'], 'checkProcessedAndRecord' | 'removeProcessed'>;

/**
 * n8n keeps a node's entries in one database row and each call reads the row, changes it and writes it
 * back whole, without a lock (n8n 2.41 deduplication-helper.js handleHashedItems): two calls that overlap
 * lose one of the two writes. Every execution of a node in this process (a worker runs several at once)
 * takes turns on that row here, so none of them loses another's entry. Executions on other processes
 * cannot be ordered from here: the ledger reads its entry back before and after each send instead.
 */
const rowTurns = new Map<string, Promise<unknown>>();

async function takeTurn<T>(row: string, work: () => Promise<T>): Promise<T> {
	const run = (rowTurns.get(row) ?? Promise.resolve()).then(work, work);
	const settled = run.catch(() => undefined);
	rowTurns.set(row, settled);
	try {
		return await run;
	} finally {
		// The last in line cleans up, so the map holds only rows in use.
		if (rowTurns.get(row) === settled) rowTurns.delete(row);
	}
}

/**
 * The request as the ledger keys it: the execution (ledgerScope), then a SHA-256 of exactly what would be sent. n8n keeps
 * a node's entries in one database row that it reads and rewrites on every call, so each entry stays 80-odd
 * characters however many recipients (up to 1,000) and however long the text a request carries.
 */
function ledgerKey(scope: string, request: SendRequest): string {
	const options = request.options ?? {};
	const sorted = Object.keys(options)
		.sort()
		.map((name) => [name, (options as Record<string, unknown>)[name]]);
	const digest = createHash('sha256').update(`${request.to.join(',')}\n${request.text}\n${JSON.stringify(sorted)}`).digest('hex');
	return `${scope}:${digest}`;
}

/** What the ledger reads of n8n's execution context (n8n-workflow IExecutionContext, n8n 2.x). */
interface ExecutionContextLike {
	establishedAt?: unknown;
}

/**
 * Which execution a run's requests belong to. n8n 2.x establishes an execution context once, when the
 * execution is first stored (WorkflowRunner.establishContextForPersistence), keeps it in the run data,
 * and keeps it again when that run data is run anew (establishExecutionContext leaves an existing one in
 * place). So Retry On Fail, a job another worker takes over, and a retry from the executions list (n8n
 * ExecutionService.retry runs a copy of the failed execution's run data under a new ID) all carry the
 * first run's `establishedAt`; a new execution gets its own. That moment, in milliseconds, is the scope.
 * Runs from the editor keep their own execution ID as the scope, so testing a node again always sends;
 * so does an n8n without execution contexts.
 */
function ledgerScope(context: IExecuteFunctions): string {
	const executionId = context.getExecutionId();
	if (context.getMode() === 'manual') return executionId;
	const read = (context as unknown as { getExecutionContext?: () => ExecutionContextLike | undefined }).getExecutionContext;
	const established = typeof read === 'function' ? read.call(context)?.establishedAt : undefined;
	return typeof established === 'number' && Number.isFinite(established) ? `run@${established}` : executionId;
}

/**
 * Wraps a gateway so that one execution never sends the same request twice, whichever worker runs it
 * and however often n8n runs the node: every request is written, before it is sent, to n8n's processed-
 * data store (the `processed_data` table in n8n's own database, shared by every main and worker in queue
 * mode and written at once, not at the end of the execution; the store behind n8n's Remove Duplicates
 * node). A request found there is not sent again: its recipients get ALREADY_ATTEMPTED (delivery
 * 'unknown'), because the earlier attempt may or may not have reached the gateway.
 *
 * Re-runs of one execution this covers: the node setting Retry On Fail (n8n runs the node again after it
 * threw, with requests already accepted), n8n versions that give a dead worker's job to another worker
 * (Bull stalled-job recovery; n8n 2.41 does not, see docs/queue-mode.md), and a retry started from the
 * executions list (ledgerScope). A failure that proves nothing was sent (certainlyNotSent: HTTP 429 or
 * 503, a refused connection, a gateway that refused the request or every recipient) is taken back out,
 * so the planner's safe retries and a later retry of the execution still send it; it also leaves a
 * "certainly not sent" mark. A retry of an execution in which the node had already started sending is
 * strict: an entry can be lost to another worker's rewrite of the row (takeTurn), so there only a
 * request with that mark and no entry goes out; everything else is reported ALREADY_ATTEMPTED. Two executions of one
 * workflow established in the same millisecond share a scope: of two identical requests from them
 * (same recipients, text and options), the second is reported ALREADY_ATTEMPTED instead of sent.
 *
 * Without the helpers (n8n before the processed-data store), the gateway is returned unchanged.
 */
export function withSendLedger(context: IExecuteFunctions, gateway: SmsGateway): SmsGateway {
	const helpers = context.helpers as Partial<LedgerHelpers>;
	if (typeof helpers.checkProcessedAndRecord !== 'function' || typeof helpers.removeProcessed !== 'function') return gateway;
	const { checkProcessedAndRecord, removeProcessed } = helpers as LedgerHelpers;
	const scope = ledgerScope(context);
	const options = { mode: 'entries' as const, maxEntries: LEDGER_ENTRIES };
	const row = `${String(context.getWorkflow().id)}:${context.getNode().id}`;
	const inTurn = async <T>(work: () => Promise<T>): Promise<T> => await takeTurn(row, work);
	const recordAll = async (keys: string[]) => await inTurn(async () => await checkProcessedAndRecord.call(context.helpers, keys, 'node', options));
	const record = async (key: string) => await recordAll([key]);
	// Whether this node already ran in the execution a retry retries: its first send records that.
	let strict: Promise<boolean> | undefined;
	const startedBefore = async (): Promise<boolean> => {
		const started = await record(`${scope}:started`);
		return context.getMode() === 'retry' && started.processed.length > 0;
	};

	return {
		provider: gateway.provider,
		maxRecipientsPerRequest: gateway.maxRecipientsPerRequest,
		async send(request: SendRequest): Promise<RecipientOutcome[]> {
			const key = ledgerKey(scope, request);
			const notSent = `${key}:not-sent`;
			const refuse = (): RecipientOutcome[] => {
				const error = alreadyAttempted(gateway.provider);
				return request.to.map((to) => ({ to, ok: false, error }));
			};
			try {
				strict ??= startedBefore();
				if (await strict) {
					// A retry of an execution in which this node had already started sending. An entry may have
					// been lost to another process's rewrite of the row, so its absence proves nothing: only a
					// request with a positive "certainly not sent" mark (and no entry) goes out again.
					const both = await recordAll([key, notSent]);
					if (!(both.new.includes(key) && both.processed.includes(notSent))) {
						// The store has no read-only check: a mark this call created is not true, so take it back.
						if (both.new.includes(notSent)) await inTurn(async () => await removeProcessed.call(context.helpers, [notSent], 'node', options));
						return refuse();
					}
				} else if ((await record(key)).processed.length > 0) {
					return refuse();
				}
				// Read back: another process may have rewritten the row with its older copy meanwhile;
				// this call finds the entry, or puts it back.
				await record(key);
			} catch (cause) {
				// Nothing was sent: without the record a re-run could not tell, so the request is not sent now.
				throw ledgerUnavailable(gateway.provider, cause);
			}
			const forget = async (): Promise<void> => {
				await inTurn(async () => await removeProcessed.call(context.helpers, [key], 'node', options));
				await record(notSent);
			};
			const outcomes = await gateway.send(request).catch(async (error: unknown) => {
				// Certainly not sent (never arrived, or refused): the planner may retry it, and so may a retry of the execution.
				if (isGatewayError(error) && error.certainlyNotSent) await forget();
				// Maybe sent: the entry is what keeps a re-run from sending it again, so make sure it is there.
				else await record(key).catch(() => undefined);
				// The planner decides what the failure means; the ledger only keeps its record right.
				return await Promise.reject(error);
			});
			// Every recipient refused (no credit, a barred sender): nothing went out, so a retry may send it.
			if (outcomes.length > 0 && outcomes.every((outcome) => !outcome.ok && outcome.error.certainlyNotSent)) await forget();
			// Once more after the send, for a rewrite by another process while the request was out.
			else await record(key).catch(() => undefined);
			return outcomes;
		},
	};
}
