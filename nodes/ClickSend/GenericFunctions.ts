import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IExecuteFunctions,
	INodeCredentialTestResult,
	INodeExecutionData,
} from 'n8n-workflow';

import { ClickSendClient, prepareSend, type ClickSendCredentials } from '../../gateways/clicksend';
import { FetchTransport } from '../../gateways/transport';
import { executeBulkSend } from '../shared/bulkSend';
import { N8nTransport } from '../shared/N8nTransport';

export const CLICKSEND_API = 'clickSendApi';

export function clickSendCredentials(data: ICredentialDataDecryptedObject | undefined): ClickSendCredentials {
	return {
		username: String(data?.username ?? ''),
		key: String(data?.apiKey ?? ''),
		baseUrl: typeof data?.baseUrl === 'string' ? data.baseUrl : undefined,
	};
}

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
