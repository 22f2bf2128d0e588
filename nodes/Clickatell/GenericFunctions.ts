import {
	NodeOperationError,
	type ICredentialDataDecryptedObject,
	type ICredentialsDecrypted,
	type ICredentialTestFunctions,
	type IDataObject,
	type IExecuteFunctions,
	type IExecuteSingleFunctions,
	type IHttpRequestOptions,
	type INodeCredentialTestResult,
	type INodeExecutionData,
} from 'n8n-workflow';

import {
	ClickatellHttpClient,
	httpStatusError,
	isSuccessStatus,
	parseBalanceResponse as parseHttpBalance,
	parseCoverageResponse as parseHttpCoverage,
	parseStatusResponse as parseHttpStatus,
	parseTokenPayResponse,
	prepareSend as prepareHttpSend,
	type ClickatellHttpCredentials,
} from '../../gateways/clickatell-http';
import {
	ClickatellRestClient,
	parseBalanceResponse as parseRestBalance,
	parseCoverageResponse as parseRestCoverage,
	parseStatusResponse as parseRestStatus,
	parseStopResponse as parseRestStop,
	prepareSend as prepareRestSend,
	type ClickatellRestCredentials,
} from '../../gateways/clickatell-rest';
import { invalidInput } from '../../gateways/errors';
import type { SmsGateway } from '../../gateways/gateway';
import { FetchTransport, type HttpResponse } from '../../gateways/transport';
import { executeBulkSend, type SendValidator } from '../shared/bulkSend';
import { toNodeError } from '../shared/errors';
import { N8nTransport } from '../shared/N8nTransport';
import { balanceJson, coverageJson, eventJson } from '../shared/output';
import { messageIdParameter, numberParameter, readResponseWith } from '../shared/routing';

export const HTTP_API = 'clickatellHttpApi';
export const REST_API = 'clickatellRestApi';

/** The legacy API takes form posts (POST keeps parameters out of URLs and allows 600 recipients). */
export const HTTP_FORM_HEADERS = { 'Content-Type': 'application/x-www-form-urlencoded' };
/** Every REST call names the API version; responses are asked for in JSON. */
export const REST_HEADERS = { 'X-Version': '1', Accept: 'application/json' };

// ------------------------------------------------------------------------------------------------
// Credentials as the gateways clients take them

export function httpCredentials(data: ICredentialDataDecryptedObject | undefined): ClickatellHttpCredentials {
	return {
		apiId: String(data?.apiId ?? ''),
		user: String(data?.username ?? ''),
		password: String(data?.password ?? ''),
		authMode: data?.authMode === 'perRequest' ? 'perRequest' : 'session',
		baseUrl: typeof data?.baseUrl === 'string' ? data.baseUrl : undefined,
	};
}

export function restCredentials(data: ICredentialDataDecryptedObject | undefined): ClickatellRestCredentials {
	return {
		token: String(data?.authToken ?? ''),
		baseUrl: typeof data?.baseUrl === 'string' ? data.baseUrl : undefined,
	};
}

// ------------------------------------------------------------------------------------------------
// Declarative routing: preSend (parameters checked and placed) and postReceive (gateways parsers)

/** querymsg / getmsgcharge / delmsg: the message ID goes into the form body as apimsgid. */
export async function httpMessageIdToBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const body = (requestOptions.body ?? {}) as IDataObject;
	return { ...requestOptions, body: { ...body, apimsgid: messageIdParameter(this) } };
}

/** GET / DELETE /rest/message/{id}. */
export async function restMessageIdToPath(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	return { ...requestOptions, url: `/rest/message/${messageIdParameter(this)}` };
}

/** /utils/routeCoverage takes the number as msisdn, in international digits. */
export async function httpCoverageNumberToBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const body = (requestOptions.body ?? {}) as IDataObject;
	return { ...requestOptions, body: { ...body, msisdn: numberParameter(this, 'number', 'digits') } };
}

/** GET /rest/coverage/{msisdn}. */
export async function restCoverageNumberToPath(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	return { ...requestOptions, url: `/rest/coverage/${numberParameter(this, 'number', 'digits')}` };
}

/** token_pay: the voucher code, which never contains white space. */
export async function voucherToBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const token = String(this.getNodeParameter('voucher', '') ?? '').trim();
	if (token === '' || /\s/.test(token)) {
		const problem = token === '' ? 'is required' : 'must not contain spaces';
		throw toNodeError(this.getNode(), invalidInput('voucher', problem), this.getItemIndex());
	}
	const body = (requestOptions.body ?? {}) as IDataObject;
	return { ...requestOptions, body: { ...body, token } };
}

/** The legacy API answers every command with HTTP 200; anything else comes from a proxy or front end. */
function httpBody(response: HttpResponse): string {
	if (!isSuccessStatus(response.status)) throw httpStatusError(response, { quoteBody: true });
	return response.body;
}

/**
 * The message ID the request asked about, as typed (the preSend hook already checked it): the parser
 * uses it to read an answer that omits the ID and to refuse an answer about another message.
 */
function askedMessageId(context: IExecuteSingleFunctions): string | undefined {
	const value = context.getNodeParameter('messageId', '');
	return typeof value === 'string' || typeof value === 'number' ? String(value).trim() || undefined : undefined;
}

export const readHttpStatus = readResponseWith(function (response) {
	return eventJson(parseHttpStatus(httpBody(response), 'querymsg', askedMessageId(this)));
});
export const readHttpCharge = readResponseWith(function (response) {
	return eventJson(parseHttpStatus(httpBody(response), 'getmsgcharge', askedMessageId(this)));
});
export const readHttpStop = readResponseWith(function (response) {
	return eventJson(parseHttpStatus(httpBody(response), 'delmsg', askedMessageId(this)));
});
export const readHttpBalance = readResponseWith((response) => balanceJson(parseHttpBalance(httpBody(response))));
export const readHttpVoucher = readResponseWith((response) => {
	const result = parseTokenPayResponse(httpBody(response));
	return { provider: 'clickatell-http', redeemed: result.ok, value: result.value, raw: result.raw as IDataObject };
});
export const readHttpCoverage = readResponseWith(function (response) {
	const destination = numberParameter(this, 'number', 'digits');
	return coverageJson(parseHttpCoverage(httpBody(response), destination));
});

export const readRestStatus = readResponseWith(function (response) {
	return eventJson(parseRestStatus(response, messageIdParameter(this)));
});
export const readRestStop = readResponseWith(function (response) {
	return eventJson(parseRestStop(response, messageIdParameter(this)));
});
export const readRestBalance = readResponseWith((response) => balanceJson(parseRestBalance(response)));
export const readRestCoverage = readResponseWith(function (response) {
	return coverageJson(parseRestCoverage(response, numberParameter(this, 'number', 'digits')));
});

// ------------------------------------------------------------------------------------------------
// Send: a custom operation, because routing sends one request per item and cannot merge items into
// multi-recipient requests, nor renew a legacy session on ERR: 003 (n8n only refreshes on HTTP 401).

/**
 * The gateways client for this execution. It lives exactly as long as the execution: in session mode
 * its session is opened on the first send and dropped with it, so nothing is kept in process memory
 * between executions (queue mode may run the next one on another worker).
 */
function clickatellGateway(context: IExecuteFunctions, credentialType: string, data: ICredentialDataDecryptedObject): SmsGateway {
	if (credentialType === HTTP_API) {
		return new ClickatellHttpClient({
			credentials: httpCredentials(data),
			transport: new N8nTransport(context, HTTP_API, 'clickatell-http'),
		});
	}
	return new ClickatellRestClient({
		credentials: restCredentials(data),
		transport: new N8nTransport(context, REST_API, 'clickatell-rest'),
	});
}

export async function sendMessages(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const credentialType = this.getNodeParameter('authentication', 0) as string;
	if (credentialType !== HTTP_API && credentialType !== REST_API) {
		throw new NodeOperationError(this.getNode(), `Unknown authentication '${credentialType}'`);
	}
	const data = await this.getCredentials(credentialType);
	const validate: SendValidator =
		credentialType === HTTP_API ? (request) => void prepareHttpSend(request) : (request) => void prepareRestSend(request);
	return await executeBulkSend.call(this, clickatellGateway(this, credentialType, data), validate);
}

// ------------------------------------------------------------------------------------------------
// Credential tests (testedBy). The test context only offers the deprecated `helpers.request`, so the
// probe runs on the gateways FetchTransport (Node's fetch) and reports the provider's own message.

function testFailure(error: unknown): INodeCredentialTestResult {
	const message = error instanceof Error ? error.message : 'The gateway could not be reached';
	return { status: 'Error', message };
}

export async function testClickatellHttpApi(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const client = new ClickatellHttpClient({
		credentials: httpCredentials(credential.data),
		transport: new FetchTransport({ provider: 'clickatell-http', timeoutMs: 15_000 }),
	});
	try {
		const balance = await client.getBalance();
		return { status: 'OK', message: `Connection successful (balance: ${balance.balance} credits)` };
	} catch (error) {
		return testFailure(error);
	}
}

export async function testClickatellRestApi(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const client = new ClickatellRestClient({
		credentials: restCredentials(credential.data),
		transport: new FetchTransport({ provider: 'clickatell-rest', timeoutMs: 15_000 }),
	});
	try {
		const balance = await client.getBalance();
		return { status: 'OK', message: `Connection successful (balance: ${balance.balance} credits)` };
	} catch (error) {
		return testFailure(error);
	}
}
