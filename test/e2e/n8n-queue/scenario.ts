/**
 * The measured parts of the queue-mode runs, shared by the e2e test and `npm run bench:queue`: sending
 * chunks of recipients through the webhook processor, waiting for n8n to finish their executions, and
 * counting, from the sandbox's own records, what happened to every recipient and every callback.
 */
import type { Sandbox } from '../../../sandbox';
import { eventually as poll } from '../eventually';
import type { QueueStack } from './stack';
import { recipient, type Api } from './workflows';

/** One send execution: `count` recipients of one API, starting at recipient number `first`. */
export interface Chunk {
	api: Api;
	index: number;
	first: number;
	count: number;
	/** Unique per chunk, so the sandbox's messages tell which chunk (execution) sent them. */
	text: string;
	/** Clickatell callback level to ask for (0: none). */
	callback: number;
}

/** `total` recipients per API in chunks of `chunkSize` (one execution each). */
export function planChunks(apis: readonly Api[], total: number, chunkSize: number, options: { label: string; offset?: number; callback?: number }): Chunk[] {
	const chunks: Chunk[] = [];
	for (const api of apis) {
		for (let first = 0, index = 0; first < total; first += chunkSize, index++) {
			chunks.push({
				api,
				index,
				first: (options.offset ?? 0) + first,
				count: Math.min(chunkSize, total - first),
				text: `${options.label} ${api} chunk ${index}`,
				callback: options.callback ?? 0,
			});
		}
	}
	return chunks;
}

export function chunkRecipients(chunk: Chunk): string[] {
	return Array.from({ length: chunk.count }, (_, offset) => recipient(chunk.api, chunk.first + offset));
}

/**
 * Starts the chunk's execution: POST to the send workflow's production webhook on the webhook processor,
 * which answers once the execution is on the queue (responseMode onReceived).
 */
export async function startChunk(stack: QueueStack, chunk: Chunk): Promise<void> {
	const body = JSON.stringify({ to: chunkRecipients(chunk).join(','), text: chunk.text, callback: chunk.callback });
	// 404 only while the webhook processor does not know the workflow's webhook yet (nothing started).
	const deadline = Date.now() + 60_000;
	for (;;) {
		const response = await fetch(stack.webhookUrl(`queue-send-${chunk.api}`), { method: 'POST', headers: { 'content-type': 'application/json' }, body });
		const text = await response.text();
		if (response.ok) return;
		if (response.status !== 404 || Date.now() > deadline) throw new Error(`starting ${chunk.text}: HTTP ${response.status} ${text}`);
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
}

const UNFINISHED = new Set(['new', 'running', 'waiting', 'unknown']);

/**
 * Waits until n8n has recorded `expected` executions of the workflows, none of them unfinished, and
 * returns their counts by status. A crashed worker's executions end as n8n marks them (crashed/error).
 */
export async function waitForExecutions(stack: QueueStack, workflowIds: string[], expected: number, timeoutMs: number): Promise<Record<string, number>> {
	const deadline = Date.now() + timeoutMs;
	let counts: Record<string, number> = {};
	while (Date.now() < deadline) {
		counts = {};
		for (const id of workflowIds) {
			for (const [status, count] of Object.entries(stack.executionsByStatus(id))) counts[status] = (counts[status] ?? 0) + count;
		}
		const total = Object.values(counts).reduce((sum, count) => sum + count, 0);
		const unfinished = Object.entries(counts).reduce((sum, [status, count]) => sum + (UNFINISHED.has(status) ? count : 0), 0);
		if (total >= expected && unfinished === 0) return counts;
		await new Promise((resolve) => setTimeout(resolve, 1_000));
	}
	throw new Error(`n8n did not finish ${expected} executions within ${timeoutMs} ms: ${JSON.stringify(counts)}\n${stack.logs(15)}`);
}

/** What happened to one chunk's recipients, from the sandbox's records. */
export interface ChunkTally {
	chunk: Chunk;
	/** Recipients accepted exactly once. */
	once: number;
	/** Recipients accepted more than once (an SMS sent twice). */
	twice: number;
	/** Recipients never accepted. */
	none: number;
	/** Sandbox message ids of the chunk's accepted messages. */
	messageIds: string[];
}

/** Counts each chunk's recipients among the sandbox's accepted messages (matched by text and number). */
export function tallyChunks(sandbox: Sandbox, chunks: Chunk[]): ChunkTally[] {
	const byText = new Map<string, Map<string, string[]>>();
	for (const message of sandbox.state.messages.values()) {
		let perTo = byText.get(message.text);
		if (!perTo) byText.set(message.text, (perTo = new Map()));
		const ids = perTo.get(message.to);
		if (ids) ids.push(message.id);
		else perTo.set(message.to, [message.id]);
	}
	return chunks.map((chunk) => {
		const perTo = byText.get(chunk.text) ?? new Map<string, string[]>();
		const tally: ChunkTally = { chunk, once: 0, twice: 0, none: 0, messageIds: [] };
		for (const to of chunkRecipients(chunk)) {
			const ids = perTo.get(to) ?? [];
			if (ids.length === 0) tally.none++;
			else if (ids.length === 1) tally.once++;
			else tally.twice++;
			tally.messageIds.push(...ids);
		}
		return tally;
	});
}

export interface SendSummary {
	recipients: number;
	once: number;
	twice: number;
	none: number;
	/** Chunks with every recipient accepted once / some / none. */
	complete: number;
	partial: number;
	empty: number;
}

export function summarize(tallies: ChunkTally[]): SendSummary {
	const summary: SendSummary = { recipients: 0, once: 0, twice: 0, none: 0, complete: 0, partial: 0, empty: 0 };
	for (const tally of tallies) {
		summary.recipients += tally.chunk.count;
		summary.once += tally.once;
		summary.twice += tally.twice;
		summary.none += tally.none;
		if (tally.once === tally.chunk.count) summary.complete++;
		else if (tally.once + tally.twice === 0) summary.empty++;
		else summary.partial++;
	}
	return summary;
}

/**
 * The chunks whose execution n8n finished successfully: a successful execution's stored data holds its
 * webhook body, chunk text included (a failed one's holds only the error, so it cannot be matched).
 */
export function chunksOfSuccessfulExecutions(stack: QueueStack, chunks: Chunk[], workflowIds: string[]): Map<Chunk, number> {
	const ids = workflowIds.map((id) => `'${id.replace(/'/g, "''")}'`).join(',');
	const result = new Map<Chunk, number>();
	for (const chunk of chunks) {
		const text = chunk.text.replace(/'/g, "''");
		const count = Number(
			stack.sql(
				`SELECT COUNT(*) FROM execution_entity e JOIN execution_data d ON d."executionId" = e.id ` +
					`WHERE e."workflowId" IN (${ids}) AND e.status = 'success' AND strpos(d.data, '"${text}"') > 0`,
			),
		);
		if (count > 0) result.set(chunk, count);
	}
	return result;
}

/** Waits until `check` returns a value other than undefined (the e2e suites' poller, every 500 ms unless told). */
export function eventually<T>(what: string, check: () => T | undefined | Promise<T | undefined>, timeoutMs: number, pollMs = 500): Promise<T> {
	return poll(what, check, timeoutMs, pollMs);
}
