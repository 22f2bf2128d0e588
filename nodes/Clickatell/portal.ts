import type { ICredentialDataDecryptedObject, ICredentialsDecrypted, ICredentialTestFunctions, IExecuteFunctions, INodeCredentialTestResult } from 'n8n-workflow';

import {
	ClickatellOneClient,
	ClickatellPlatformClient,
	PORTAL_OPERATIONS,
	preparePlatformHttpSend,
	preparePlatformSend,
	prepareOneSend,
	portalIntegrationType,
	type ClickatellPortalCredentials,
	type PortalOperation,
} from '../../gateways/clickatell-portal';
import type { SendValidator } from '../shared/bulkSend';
import { FetchTransport } from '../../gateways/transport';
import { N8nTransport } from '../shared/N8nTransport';
import { PORTAL_API, type PortalApi } from './apis';

/** The operations the node offers for a Portal API: gateways' confirmed list, the one table both runtimes read. */
export function portalOperationsAvailable(api: PortalApi): readonly PortalOperation[] {
	return PORTAL_OPERATIONS[api];
}

export function portalCredentials(data: ICredentialDataDecryptedObject | undefined): ClickatellPortalCredentials {
	return {
		apiKey: String(data?.apiKey ?? ''),
		baseUrl: typeof data?.baseUrl === 'string' ? data.baseUrl : undefined,
		integrationType: data?.integrationType === 'http' ? 'http' : 'rest',
	};
}

export function platformClient(context: IExecuteFunctions, data: ICredentialDataDecryptedObject): ClickatellPlatformClient {
	return new ClickatellPlatformClient({ credentials: portalCredentials(data), transport: new N8nTransport(context, PORTAL_API, 'clickatell-platform') });
}

export function oneClient(context: IExecuteFunctions, data: ICredentialDataDecryptedObject): ClickatellOneClient {
	return new ClickatellOneClient({ credentials: portalCredentials(data), transport: new N8nTransport(context, PORTAL_API, 'clickatell-one') });
}

/** The check each recipient goes through before planning: the request builder the client will use. */
export function portalSendValidator(api: PortalApi, data: ICredentialDataDecryptedObject): SendValidator {
	if (api === 'clickatell-one') return (request) => void prepareOneSend(request);
	return portalIntegrationType(portalCredentials(data)) === 'http' ? (request) => void preparePlatformHttpSend(request) : (request) => void preparePlatformSend(request);
}

/**
 * Credential test (testedBy). One key serves both Portal APIs; the Platform SMS API's balance is the
 * confirmed read-only call (PORTAL_OPERATIONS), so it proves the key without sending anything. The
 * probe runs on the gateways FetchTransport (the test context has no httpRequestWithAuthentication)
 * and reports Clickatell's own message; the key is never part of it.
 */
export async function testClickatellPortalApi(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const client = new ClickatellPlatformClient({
		credentials: portalCredentials(credential.data),
		transport: new FetchTransport({ provider: 'clickatell-platform', timeoutMs: 15_000 }),
	});
	try {
		const balance = await client.getBalance();
		const currency = balance.currency ? ` ${balance.currency}` : '';
		return { status: 'OK', message: `Connection successful (balance: ${balance.balance}${currency})` };
	} catch (error) {
		return { status: 'Error', message: error instanceof Error ? error.message : 'Clickatell could not be reached' };
	}
}
