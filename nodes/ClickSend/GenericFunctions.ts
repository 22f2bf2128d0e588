import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IDataObject,
	IExecuteFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeCredentialTestResult,
	INodeExecutionData,
} from 'n8n-workflow';

import {
	ClickSendClient,
	parseBalanceResponse,
	parseDeliveryReportsResponse,
	parseHistoryResponse,
	parseRepliesResponse,
	prepareSend,
	type ClickSendCredentials,
} from '../../gateways/clicksend';
import { invalidInput } from '../../gateways/errors';
import { FetchTransport } from '../../gateways/transport';
import { executeBulkSend } from '../shared/bulkSend';
import { toNodeError } from '../shared/errors';
import { N8nTransport } from '../shared/N8nTransport';
import { balanceJson, eventJson } from '../shared/output';
import { messageIdParameter, readResponseWith } from '../shared/routing';

export const CLICKSEND_API = 'clickSendApi';

export const FORM_HEADERS = { 'Content-Type': 'application/x-www-form-urlencoded' };

export function clickSendCredentials(data: ICredentialDataDecryptedObject | undefined): ClickSendCredentials {
	return {
		username: String(data?.username ?? ''),
		key: String(data?.apiKey ?? ''),
		baseUrl: typeof data?.baseUrl === 'string' ? data.baseUrl : undefined,
	};
}

// ------------------------------------------------------------------------------------------------
// Declarative routing

function filters(context: IExecuteSingleFunctions): IDataObject {
	return (context.getNodeParameter('filters', {}) ?? {}) as IDataObject;
}

/** reply.php / delivery.php: without a message ID ClickSend returns every unread record. */
export async function messageIdFilterToBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const given = filters(this).messageId;
	if (given === undefined || String(given).trim() === '') return requestOptions;
	const body = (requestOptions.body ?? {}) as IDataObject;
	return { ...requestOptions, body: { ...body, messageid: messageIdParameter(this, 'filters.messageId') } };
}

/** history.php: only messages sent through email-to-SMS from this address. */
export async function fromEmailFilterToBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const given = filters(this).fromEmail;
	if (given === undefined || String(given).trim() === '') return requestOptions;
	const email = String(given).trim();
	if (!/^[^\s@]+@[^\s@]+$/.test(email)) {
		throw toNodeError(this.getNode(), invalidInput('filters.fromEmail', `'${email}' is not an email address`), this.getItemIndex());
	}
	const body = (requestOptions.body ?? {}) as IDataObject;
	return { ...requestOptions, body: { ...body, from_email: email } };
}

export const readBalance = readResponseWith((response) => balanceJson(parseBalanceResponse(response)));
export const readHistory = readResponseWith((response) => parseHistoryResponse(response).map(eventJson));
export const readReplies = readResponseWith((response) => parseRepliesResponse(response).map(eventJson));
export const readDeliveryReports = readResponseWith((response) => parseDeliveryReportsResponse(response).map(eventJson));

// ------------------------------------------------------------------------------------------------
// Send: a custom operation (items merged into multi-recipient send.php requests by the bulk planner)

export async function sendMessages(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const data = await this.getCredentials(CLICKSEND_API);
	const gateway = new ClickSendClient({
		credentials: clickSendCredentials(data),
		transport: new N8nTransport(this, CLICKSEND_API, 'clicksend'),
	});
	return await executeBulkSend.call(this, gateway, (request) => void prepareSend(request));
}

// ------------------------------------------------------------------------------------------------
// Credential test (testedBy): ClickSend answers HTTP 200 with <result>2022</result> for bad credentials.
// The test context only offers the deprecated `helpers.request`, so the probe runs on the gateways
// FetchTransport (Node's fetch) and reports ClickSend's own message.

export async function testClickSendApi(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const client = new ClickSendClient({
		credentials: clickSendCredentials(credential.data),
		transport: new FetchTransport({ provider: 'clicksend', timeoutMs: 15_000 }),
	});
	try {
		const balance = await client.getBalance();
		const currency = balance.currency ? ` ${balance.currency}` : '';
		return { status: 'OK', message: `Connection successful (balance: ${balance.balance}${currency})` };
	} catch (error) {
		return { status: 'Error', message: error instanceof Error ? error.message : 'ClickSend could not be reached' };
	}
}
