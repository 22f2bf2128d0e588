import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { ClickatellHttpClient } from '../../gateways/clickatell-http';
import { ClickatellRestClient } from '../../gateways/clickatell-rest';
import { invalidInput } from '../../gateways/errors';
import type { BalanceResult, CoverageResult, SmsEvent } from '../../gateways/events';
import { messageIdParameter, numberParameter } from '../shared/lookupParameters';
import { runLookups, type LookupResult } from '../shared/lookups';
import { N8nTransport } from '../shared/N8nTransport';
import { balanceJson, coverageJson, eventJson } from '../shared/output';
import { toNodeError } from '../shared/errors';
import { PORTAL_API, selectedApi, type PortalApi } from './apis';
import { HTTP_API, httpCredentials, REST_API, restCredentials } from './GenericFunctions';
import { oneClient, platformClient, portalOperationsAvailable } from './portal';

/** The lookups of one Clickatell API, on the gateways client the node's Authentication picks. */
interface ClickatellLookups {
	status(messageId: string): Promise<SmsEvent>;
	charge(messageId: string): Promise<SmsEvent>;
	stop(messageId: string): Promise<SmsEvent>;
	balance(): Promise<BalanceResult>;
	voucher(token: string): Promise<IDataObject>;
	coverage(msisdn: string): Promise<CoverageResult>;
}

function httpLookups(client: ClickatellHttpClient): ClickatellLookups {
	return {
		status: async (id) => await client.queryStatus(id),
		charge: async (id) => await client.getCharge(id),
		stop: async (id) => await client.stop(id),
		balance: async () => await client.getBalance(),
		voucher: async (token) => {
			const result = await client.tokenPay(token);
			return { provider: 'clickatell-http', redeemed: result.ok, value: result.value, raw: result.raw as IDataObject };
		},
		coverage: async (msisdn) => await client.coverage(msisdn),
	};
}

function restLookups(client: ClickatellRestClient): ClickatellLookups {
	return {
		status: async (id) => await client.getStatus(id),
		// GET /rest/message/{id} returns the charge with the status; the REST API has no charge command.
		charge: async (id) => await client.getStatus(id),
		stop: async (id) => await client.stop(id),
		balance: async () => await client.getBalance(),
		// Only reachable from a workflow edited by hand: the editor hides Redeem Voucher for REST.
		voucher: () => Promise.reject(invalidInput('operation', 'Redeem Voucher is only available on the Clickatell HTTP API')),
		coverage: async (msisdn) => await client.coverage(msisdn),
	};
}

/** What a Portal API cannot do: an error item naming the operation (only reachable from a workflow edited by hand). */
function notOffered(api: PortalApi, what: string): Promise<never> {
	const name = api === 'clickatell-one' ? 'the One API' : 'the Platform SMS API';
	return Promise.reject(invalidInput('operation', `${what} is not available on ${name} (see docs/current-apis.md)`));
}

/**
 * The Portal APIs: only the operations PORTAL_OPERATIONS lists are wired; the editor offers no other
 * (One API: status; Platform SMS API: balance).
 */
function portalLookups(context: IExecuteFunctions, api: PortalApi, data: Parameters<typeof platformClient>[1]): ClickatellLookups {
	const offered = portalOperationsAvailable(api);
	const one = api === 'clickatell-one' ? oneClient(context, data) : undefined;
	const platform = api === 'clickatell-platform' ? platformClient(context, data) : undefined;
	return {
		status: async (id) => (offered.includes('status') && one ? await one.getStatus(id) : await notOffered(api, 'Get Status')),
		charge: async () => await notOffered(api, 'Get Charge'),
		stop: async () => await notOffered(api, 'Stop'),
		balance: async () => (offered.includes('balance') && platform ? await platform.getBalance() : await notOffered(api, 'Get Balance')),
		voucher: async () => await notOffered(api, 'Redeem Voucher'),
		coverage: async () => await notOffered(api, 'Coverage'),
	};
}

/**
 * The client for this execution. Lookups authenticate per request on the legacy API in both
 * authentication modes, as the credential's description says: one lookup is one request, and a
 * session would add an `auth` request to every execution.
 */
async function clickatellLookups(context: IExecuteFunctions): Promise<ClickatellLookups> {
	let api;
	try {
		api = selectedApi(context);
	} catch (error) {
		throw toNodeError(context.getNode(), error);
	}
	if (api === 'clickatell-http') {
		const data = await context.getCredentials(HTTP_API);
		return httpLookups(
			new ClickatellHttpClient({
				credentials: { ...httpCredentials(data), authMode: 'perRequest' },
				transport: new N8nTransport(context, HTTP_API, 'clickatell-http'),
			}),
		);
	}
	if (api === 'clickatell-rest') {
		const data = await context.getCredentials(REST_API);
		return restLookups(
			new ClickatellRestClient({ credentials: restCredentials(data), transport: new N8nTransport(context, REST_API, 'clickatell-rest') }),
		);
	}
	return portalLookups(context, api, await context.getCredentials(PORTAL_API));
}

type ItemLookup = (api: ClickatellLookups, context: IExecuteFunctions, itemIndex: number) => Promise<LookupResult>;

/** A custom operation running `lookup` for every input item (see runLookups for the error items). */
function operation(lookup: ItemLookup) {
	return async function (this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const api = await clickatellLookups(this);
		return await runLookups.call(this, async (itemIndex) => await lookup(api, this, itemIndex));
	};
}

/** token_pay: the voucher code, which never contains white space. */
function voucherParameter(context: IExecuteFunctions, itemIndex: number): string {
	const token = String(context.getNodeParameter('voucher', itemIndex, '') ?? '').trim();
	if (token === '') throw invalidInput('voucher', 'is required');
	if (/\s/.test(token)) throw invalidInput('voucher', 'must not contain spaces');
	return token;
}

export const getStatus = operation(async (api, context, itemIndex) => eventJson(await api.status(messageIdParameter(context, itemIndex))));
export const getCharge = operation(async (api, context, itemIndex) => eventJson(await api.charge(messageIdParameter(context, itemIndex))));
export const stopMessage = operation(async (api, context, itemIndex) => eventJson(await api.stop(messageIdParameter(context, itemIndex))));
export const getBalance = operation(async (api) => balanceJson(await api.balance()));
export const redeemVoucher = operation(async (api, context, itemIndex) => await api.voucher(voucherParameter(context, itemIndex)));
export const checkCoverage = operation(async (api, context, itemIndex) =>
	coverageJson(await api.coverage(numberParameter(context, itemIndex, 'number', 'digits'))),
);
