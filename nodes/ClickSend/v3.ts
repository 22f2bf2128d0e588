import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { ClickSendV3Client, prepareV3Send, type ClickSendV3Page, type ClickSendV3PageQuery, type PriceEstimate } from '../../gateways/clicksend-v3';
import { invalidInput } from '../../gateways/errors';
import { executeBulkSend } from '../shared/bulkSend';
import { filtersParameter, messageIdParameter } from '../shared/lookupParameters';
import { runLookups, type LookupResult } from '../shared/lookups';
import { N8nTransport } from '../shared/N8nTransport';
import { balanceJson, eventJson } from '../shared/output';
import { sendItemReader } from '../shared/sendParameters';
import { V3_API } from './apis';
import { CLICKSEND_API, clickSendCredentials } from './GenericFunctions';

/** ClickSend's largest page (C1: per-page limit 15 to 100). */
const MAX_PAGE = 100;

async function v3Client(context: IExecuteFunctions): Promise<ClickSendV3Client> {
	const data = await context.getCredentials(CLICKSEND_API);
	return new ClickSendV3Client({ credentials: clickSendCredentials(data), transport: new N8nTransport(context, CLICKSEND_API, V3_API) });
}

type ItemLookup = (client: ClickSendV3Client, context: IExecuteFunctions, itemIndex: number) => Promise<LookupResult>;

/** A custom operation running `lookup` for every input item on one client (see runLookups for the error items). */
function operation(lookup: ItemLookup) {
	return async function (this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const client = await v3Client(this);
		return await runLookups.call(this, async (itemIndex) => await lookup(client, this, itemIndex));
	};
}

/** Send: items merged into POST /sms/send requests of up to 1,000 messages by the bulk planner. */
export async function sendV3(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await executeBulkSend.call(this, await v3Client(this), (request) => void prepareV3Send(request));
}

/** Return All pages, or the first `limit` records (one request of that size). */
async function collect(
	context: IExecuteFunctions,
	itemIndex: number,
	fetchPage: (query: ClickSendV3PageQuery) => Promise<ClickSendV3Page>,
): Promise<IDataObject[]> {
	const returnAll = context.getNodeParameter('returnAll', itemIndex, false) === true;
	if (!returnAll) {
		const limit = Number(context.getNodeParameter('limit', itemIndex, 50));
		if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) throw invalidInput('limit', `must be a whole number from 1 to ${MAX_PAGE}`);
		const page = await fetchPage({ page: 1, limit });
		return page.events.slice(0, limit).map(eventJson);
	}
	const records: IDataObject[] = [];
	const signal = context.getExecutionCancelSignal();
	for (let page = 1; ; page++) {
		const result = await fetchPage({ page, limit: MAX_PAGE });
		for (const event of result.events) records.push(eventJson(event));
		// Also stop on an empty page: a lastPage that grew while we read must not loop for ever.
		if (result.page >= result.lastPage || result.events.length === 0 || signal?.aborted === true) return records;
	}
}

/** A dateTime filter as a Date (undefined when not set). */
function dateFilter(filters: Record<string, unknown>, name: string): Date | undefined {
	const value = filters[name];
	if (value === undefined || value === null || value === '') return undefined;
	const date = value instanceof Date ? value : new Date(String(value));
	if (Number.isNaN(date.getTime())) throw invalidInput(`filters.${name}`, `'${String(value)}' is not a date and time`);
	return date;
}

function priceJson(estimate: PriceEstimate): IDataObject {
	return {
		provider: estimate.provider,
		totalPrice: estimate.totalPrice,
		currency: estimate.currency,
		totalCount: estimate.totalCount,
		queuedCount: estimate.queuedCount,
		messages: estimate.messages as unknown as IDataObject[],
		raw: estimate.raw as IDataObject,
	};
}

export const getPriceV3 = async function (this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const client = await v3Client(this);
	const read = sendItemReader(this);
	return await runLookups.call(this, async (itemIndex) => priceJson(await client.priceEstimate(read(itemIndex))));
};

export const getHistoryV3 = operation(async (client, context, itemIndex) => {
	const filters = filtersParameter(context, itemIndex);
	const dateFrom = dateFilter(filters, 'dateFrom');
	const dateTo = dateFilter(filters, 'dateTo');
	return await collect(context, itemIndex, async (query) => await client.getHistory({ ...query, dateFrom, dateTo }));
});
export const getInboundV3 = operation(async (client, context, itemIndex) => await collect(context, itemIndex, async (query) => await client.getInbound(query)));
export const getReportsV3 = operation(
	async (client, context, itemIndex) => await collect(context, itemIndex, async (query) => await client.getDeliveryReports(query)),
);
export const getReplyToV3 = operation(async (client, context, itemIndex) => (await client.getReplyTo(messageIdParameter(context, itemIndex))).map(eventJson));
export const getReportV3 = operation(async (client, context, itemIndex) => eventJson(await client.getDeliveryReport(messageIdParameter(context, itemIndex))));
export const cancelV3 = operation(async (client, context, itemIndex) => eventJson(await client.cancel(messageIdParameter(context, itemIndex))));
export const cancelAllV3 = operation(async (client) => ({ provider: V3_API, cancelled: (await client.cancelAll()).count }));
export const getBalanceV3 = operation(async (client) => balanceJson(await client.getBalance()));
