import {
	NodeApiError,
	sleep,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { runBulk, type BulkItem } from '../../gateways/bulk/planner';
import { invalidInput, isGatewayError, type GatewayError } from '../../gateways/errors';
import type { SmsEvent } from '../../gateways/events';
import type { RecipientOutcome, SendRequest, SmsGateway } from '../../gateways/gateway';
import { analyzeText } from '../../gateways/text/segments';
import { errorItemJson, toNodeError } from './errors';
import { eventJson } from './output';
import { withSendLedger } from './sendLedger';
import { sendItemReader } from './sendParameters';

/** Name of the collection parameter holding the bulk settings (see sendingSettings in sendFields.ts). */
export const SENDING_PARAMETER = 'sending';

interface SendingSettings {
	parallelRequests: number;
	maxRetries: number;
	requestsPerSecond?: number;
}

function readSettings(context: IExecuteFunctions): SendingSettings {
	// One set of settings per execution: the planner mixes items into shared requests.
	const raw = context.getNodeParameter(SENDING_PARAMETER, 0, {}) as IDataObject;
	const setting = (name: string, fallback: number, min: number): number => {
		const value = raw[name] === undefined || raw[name] === '' ? fallback : Number(raw[name]);
		if (!Number.isFinite(value) || value < min) {
			throw toNodeError(context.getNode(), invalidInput(`${SENDING_PARAMETER}.${name}`, `must be a number of at least ${min}`));
		}
		return value;
	};
	const rate = setting('requestsPerSecond', 0, 0);
	return {
		parallelRequests: Math.floor(setting('parallelRequests', 4, 1)),
		maxRetries: Math.floor(setting('maxRetries', 3, 0)),
		requestsPerSecond: rate > 0 ? rate : undefined,
	};
}

/** Checks one single-recipient send the way the API's request builder will (throws invalidInput). */
export type SendValidator = (request: SendRequest) => void;

interface CheckedItem {
	/** What goes to the planner: the item with only the recipients that passed the checks. */
	item: BulkItem;
	/** Per original position: the index into item.to, or the error that kept the recipient back. */
	positions: Array<{ to: string; sent: number } | { to: string; error: GatewayError }>;
}

function isRecipientField(field: string | undefined): boolean {
	return field === 'to' || (field?.startsWith('to[') ?? false);
}

/**
 * Validates each recipient with the API's own builder before planning, so one bad number fails alone
 * instead of failing the shared request it would have joined. A text or option error fails the whole
 * item: it is returned as `itemError` rather than thrown, so the caller decides how to report it.
 */
function checkRecipients(read: BulkItem | { itemError: unknown }, validate: SendValidator): CheckedItem | { itemError: unknown } {
	if ('itemError' in read) return read;
	const item = read;
	const valid: string[] = [];
	const positions: CheckedItem['positions'] = [];
	for (const to of item.to) {
		const problem = validationProblem(() => validate({ to: [to], text: item.text, options: item.options }));
		if (problem === undefined) {
			positions.push({ to, sent: valid.length });
			valid.push(to);
		} else if (isGatewayError(problem) && isRecipientField(problem.field)) {
			positions.push({ to, error: problem });
		} else {
			return { itemError: problem };
		}
	}
	return { item: { ...item, to: valid }, positions };
}

/** The item's parameters, or (as an item with no recipients) the reason they cannot be read. */
function readItemOrError(read: (itemIndex: number) => BulkItem, itemIndex: number): BulkItem | { itemError: unknown } {
	let item: BulkItem | undefined;
	const problem = validationProblem(() => {
		item = read(itemIndex);
	});
	return item ?? { itemError: problem };
}

/** Every recipient of the item passed: each is sent, in its own position. */
function allValid(item: BulkItem): CheckedItem {
	const positions: CheckedItem['positions'] = new Array(item.to.length);
	for (let i = 0; i < item.to.length; i++) positions[i] = { to: item.to[i], sent: i };
	return { item, positions };
}

/**
 * checkRecipients for a list of items, with one validation for a run of consecutive items that share
 * their text and options (the same objects, as the parameter reader gives them when neither is an
 * expression): the builder then measures the text and checks the options once for the whole run
 * (up to one request's worth of recipients) instead of once per item. Only when that fails is each
 * item of the run checked on its own, to find which recipient (or whether the text) is at fault.
 */
function checkAll(reads: ReadonlyArray<BulkItem | { itemError: unknown }>, validate: SendValidator, maxPerRequest: number): Array<CheckedItem | { itemError: unknown }> {
	const checked = new Array<CheckedItem | { itemError: unknown }>(reads.length);
	let start = 0;
	while (start < reads.length) {
		const first = reads[start];
		if ('itemError' in first || first.to.length === 0 || first.to.length > maxPerRequest) {
			checked[start] = checkRecipients(first, validate);
			start += 1;
			continue;
		}
		let end = start + 1;
		let count = first.to.length;
		for (; end < reads.length; end++) {
			const next = reads[end];
			if ('itemError' in next || next.text !== first.text || next.options !== first.options || count + next.to.length > maxPerRequest) break;
			count += next.to.length;
		}
		const to: string[] = [];
		if (end - start > 1) for (let i = start; i < end; i++) for (const number of (reads[i] as BulkItem).to) to.push(number);
		const together = end - start > 1 && validationProblem(() => validate({ to, text: first.text, options: first.options })) === undefined;
		for (let i = start; i < end; i++) checked[i] = together ? allValid(reads[i] as BulkItem) : checkRecipients(reads[i], validate);
		start = end;
	}
	return checked;
}

/** What a validation threw, or undefined when it passed. */
function validationProblem(check: () => void): unknown {
	try {
		check();
		return undefined;
	} catch (error) {
		return error ?? new Error('validation failed');
	}
}

/** The event with its segment preview: encoding and parts as sent (computed when the client left them out). */
function withPreview(event: SmsEvent, item: BulkItem): SmsEvent {
	if (event.encoding !== undefined && event.parts !== undefined) return event;
	const analysis = analyzeText(item.text, item.options?.unicode ?? 'auto');
	return { ...event, encoding: event.encoding ?? analysis.encoding, parts: event.parts ?? analysis.parts };
}

/**
 * The Send operation of both nodes. Every input item is one message (its text and options) to one or
 * more recipients. Items that share text and options are merged into multi-recipient requests up to the
 * API's limit by the gateways bulk planner, which also bounds concurrency and retries only what cannot
 * have been sent. Each recipient gives one output item, paired with the input item that asked for it.
 *
 * Continue On Fail: an item with bad input, or a recipient the gateway refused, becomes an error item
 * (with the provider's code and text); everything else is still sent. Without it, bad input (a field
 * the checks refuse) stops the node before anything is sent, and the first recipient the gateway
 * refused stops it after the planned requests have completed (they cannot be recalled).
 */
export async function executeBulkSend(
	this: IExecuteFunctions,
	gateway: SmsGateway,
	validate: SendValidator,
): Promise<INodeExecutionData[][]> {
	const node = this.getNode();
	const inputCount = this.getInputData().length;
	const continueOnFail = this.continueOnFail();
	const settings = readSettings(this);

	const readItem = sendItemReader(this);
	const reads = new Array<BulkItem | { itemError: unknown }>(inputCount);
	for (let itemIndex = 0; itemIndex < inputCount; itemIndex++) reads[itemIndex] = readItemOrError(readItem, itemIndex);
	const entries = checkAll(reads, validate, gateway.maxRecipientsPerRequest);

	const checked = new Map<number, CheckedItem>();
	const planned: Array<{ itemIndex: number; item: BulkItem }> = [];
	const inputErrors = new Map<number, unknown>();
	for (let itemIndex = 0; itemIndex < inputCount; itemIndex++) {
		const entry = entries[itemIndex];
		if ('itemError' in entry) {
			if (!continueOnFail) throw toNodeError(node, entry.itemError, itemIndex);
			inputErrors.set(itemIndex, entry.itemError);
			continue;
		}
		// Without Continue On Fail, bad input stops the node before anything is sent.
		const rejected = entry.positions.find((position) => 'error' in position);
		if (rejected && 'error' in rejected && !continueOnFail) throw toNodeError(node, rejected.error, itemIndex);
		checked.set(itemIndex, entry);
		if (entry.item.to.length > 0) planned.push({ itemIndex, item: entry.item });
	}

	const results = await runBulk(
		// Each request is recorded in n8n's database before it goes out, so no re-run of this execution
		// sends it twice (sendLedger.ts, docs/queue-mode.md).
		withSendLedger(this, gateway),
		planned.map((entry) => entry.item),
		{
			concurrency: settings.parallelRequests,
			maxRetries: settings.maxRetries,
			ratePerSecond: settings.requestsPerSecond,
			sleep: async (ms: number) => await sleep(ms),
			signal: this.getExecutionCancelSignal(),
		},
	).catch((error: unknown) => {
		// runBulk rejects only for invalid settings; name the field like any other input error.
		throw toNodeError(node, error);
	});

	const outcomesByItem = new Map<number, RecipientOutcome[]>();
	results.forEach((result) => outcomesByItem.set(planned[result.index].itemIndex, result.outcomes));

	const output: INodeExecutionData[] = [];
	let firstFailure: { error: GatewayError; itemIndex: number } | undefined;
	let accepted = 0;
	let failed = 0;
	for (let itemIndex = 0; itemIndex < inputCount; itemIndex++) {
		const pairedItem = { item: itemIndex };
		if (inputErrors.has(itemIndex)) {
			output.push({ json: errorItemJson(inputErrors.get(itemIndex)), pairedItem });
			continue;
		}
		const { item, positions } = checked.get(itemIndex) as CheckedItem;
		const sent = outcomesByItem.get(itemIndex) ?? [];
		for (const position of positions) {
			const outcome: RecipientOutcome =
				'error' in position ? { to: position.to, ok: false, error: position.error } : sent[position.sent];
			if (outcome.ok) {
				accepted++;
				output.push({ json: eventJson(withPreview(outcome.event, item)), pairedItem });
				continue;
			}
			failed++;
			firstFailure ??= { error: outcome.error, itemIndex };
			if (continueOnFail) output.push({ json: { ...errorItemJson(outcome.error), to: outcome.to }, pairedItem });
		}
	}

	if (firstFailure && !continueOnFail) {
		const error = toNodeError(node, firstFailure.error, firstFailure.itemIndex);
		const summary =
			`${accepted} of ${accepted + failed} recipients were accepted and ${failed} failed. ` +
			"Set 'On Error' to 'Continue' in the node settings to get one item per recipient, failures included.";
		error.description = [error.description, summary].filter(Boolean).join(' ');
		if (error instanceof NodeApiError) error.context.accepted = accepted;
		throw error;
	}
	return [output];
}
