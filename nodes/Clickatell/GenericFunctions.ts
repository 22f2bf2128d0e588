import {
	type ICredentialDataDecryptedObject,
	type ICredentialsDecrypted,
	type ICredentialTestFunctions,
	type IExecuteFunctions,
	type INodeCredentialTestResult,
	type INodeExecutionData,
} from 'n8n-workflow';

import { ClickatellHttpClient, prepareSend as prepareHttpSend, type ClickatellHttpCredentials } from '../../gateways/clickatell-http';
import { ClickatellRestClient, prepareSend as prepareRestSend, type ClickatellRestCredentials } from '../../gateways/clickatell-rest';
import type { SmsGateway } from '../../gateways/gateway';
import { FetchTransport } from '../../gateways/transport';
import { executeBulkSend, type SendValidator } from '../shared/bulkSend';
import { toNodeError } from '../shared/errors';
import { N8nTransport } from '../shared/N8nTransport';
import { CREDENTIAL_OF, HTTP_API, isPortalApi, REST_API, selectedApi, type ClickatellApi } from './apis';
import { oneClient, platformClient, portalSendValidator } from './portal';

export { HTTP_API, REST_API };

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
	let api: ClickatellApi;
	try {
		api = selectedApi(this);
	} catch (error) {
		throw toNodeError(this.getNode(), error);
	}
	const data = await this.getCredentials(CREDENTIAL_OF[api]);
	if (isPortalApi(api)) {
		const gateway = api === 'clickatell-platform' ? platformClient(this, data) : oneClient(this, data);
		return await executeBulkSend.call(this, gateway, portalSendValidator(api, data));
	}
	const credentialType = CREDENTIAL_OF[api];
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
