import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { errorItemJson, toNodeError } from './errors';

/** What one lookup gives for one input item: one output item, or one per record (history, replies ...). */
export type LookupResult = IDataObject | IDataObject[];

/** Runs the lookup for one input item; throws what the parameter checks or the gateways client threw. */
export type Lookup = (itemIndex: number) => Promise<LookupResult>;

/**
 * Input items looked up at once. n8n's declarative routing, which ran these operations before, sent
 * every item's request at the same moment; a few at a time keeps a long list quick without flooding
 * the gateway (Send's default of parallel requests is the same 4).
 */
const PARALLEL_LOOKUPS = 4;

/**
 * The lookup operations (status, charge, stop, balance, voucher, coverage, history, replies, reports)
 * of both nodes: one lookup per input item, its output items paired with that item, in input order.
 *
 * Every failure, whether the item's parameters were refused before any request, the connection failed
 * or the provider answered with an error, is reported the way Send reports it: with Continue On Fail as
 * an error item built by errorItemJson (error, providerCode, providerText, hint, retryable,
 * certainlyNotSent ...), otherwise as the NodeApiError / NodeOperationError of toNodeError, whose
 * context carries the same fields. (n8n's routing would have reduced the first two to `{ error }`.)
 * Without Continue On Fail no further item is started after a failure, and the failure of the
 * earliest item is the one reported.
 */
export async function runLookups(this: IExecuteFunctions, lookup: Lookup): Promise<INodeExecutionData[][]> {
	const count = this.getInputData().length;
	const continueOnFail = this.continueOnFail();
	const signal = this.getExecutionCancelSignal();
	const output = new Array<INodeExecutionData[]>(count);
	const failures = new Map<number, unknown>();
	let next = 0;

	const worker = async (): Promise<void> => {
		while (next < count && failures.size === 0 && signal?.aborted !== true) {
			const itemIndex = next++;
			const pairedItem = { item: itemIndex };
			try {
				const result = await lookup(itemIndex);
				output[itemIndex] = (Array.isArray(result) ? result : [result]).map((json) => ({ json, pairedItem }));
			} catch (error) {
				if (continueOnFail) output[itemIndex] = [{ json: errorItemJson(error), pairedItem }];
				else failures.set(itemIndex, error);
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(PARALLEL_LOOKUPS, count) }, worker));

	if (failures.size > 0) {
		const itemIndex = Math.min(...failures.keys());
		throw toNodeError(this.getNode(), failures.get(itemIndex), itemIndex);
	}
	// Items not started because the execution was cancelled leave holes, which flat() skips.
	return [output.flat()];
}
