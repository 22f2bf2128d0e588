import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { ClickSendClient } from '../../gateways/clicksend';
import { invalidInput } from '../../gateways/errors';
import { checkedMessageId, filterText, filtersParameter } from '../shared/lookupParameters';
import { runLookups, type LookupResult } from '../shared/lookups';
import { N8nTransport } from '../shared/N8nTransport';
import { balanceJson, eventJson } from '../shared/output';
import { CLICKSEND_API, clickSendCredentials } from './GenericFunctions';

type ItemLookup = (client: ClickSendClient, context: IExecuteFunctions, itemIndex: number) => Promise<LookupResult>;

/** A custom operation running `lookup` for every input item on one client (see runLookups for the error items). */
function operation(lookup: ItemLookup) {
	return async function (this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const data = await this.getCredentials(CLICKSEND_API);
		const client = new ClickSendClient({ credentials: clickSendCredentials(data), transport: new N8nTransport(this, CLICKSEND_API, 'clicksend') });
		return await runLookups.call(this, async (itemIndex) => await lookup(client, this, itemIndex));
	};
}

/** reply.php / delivery.php: without a message ID ClickSend returns every unread record. */
function messageIdFilter(context: IExecuteFunctions, itemIndex: number): string | undefined {
	const given = filterText(filtersParameter(context, itemIndex), 'messageId');
	return given === undefined ? undefined : checkedMessageId(given, 'filters.messageId');
}

/** history.php: only messages sent through email-to-SMS from this address. */
function fromEmailFilter(context: IExecuteFunctions, itemIndex: number): string | undefined {
	const email = filterText(filtersParameter(context, itemIndex), 'fromEmail');
	if (email !== undefined && !/^[^\s@]+@[^\s@]+$/.test(email)) throw invalidInput('filters.fromEmail', `'${email}' is not an email address`);
	return email;
}

export const getHistory = operation(async (client, context, itemIndex) => (await client.getHistory(fromEmailFilter(context, itemIndex))).map(eventJson));
export const getReplies = operation(async (client, context, itemIndex) => (await client.getReplies(messageIdFilter(context, itemIndex))).map(eventJson));
export const getDeliveryReports = operation(async (client, context, itemIndex) =>
	(await client.getDeliveryReports(messageIdFilter(context, itemIndex))).map(eventJson),
);
export const getBalance = operation(async (client) => balanceJson(await client.getBalance()));
