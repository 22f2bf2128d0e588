import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { ClickatellHttpClient } from '../../gateways/clickatell-http';
import { ClickatellRestClient } from '../../gateways/clickatell-rest';
import { invalidInput } from '../../gateways/errors';
import type { BalanceResult, CoverageResult, SmsEvent } from '../../gateways/events';
import { messageIdParameter, numberParameter } from '../shared/lookupParameters';
import { runLookups, type LookupResult } from '../shared/lookups';
import { N8nTransport } from '../shared/N8nTransport';
import { balanceJson, coverageJson, eventJson } from '../shared/output';
import { HTTP_API, httpCredentials, REST_API, restCredentials } from './GenericFunctions';

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

/**
 * The client for this execution. Lookups authenticate per request on the legacy API in both
 * authentication modes, as the credential's description says: one lookup is one request, and a
 * session would add an `auth` request to every execution.
 */
async function clickatellLookups(context: IExecuteFunctions): Promise<ClickatellLookups> {
	const credentialType = context.getNodeParameter('authentication', 0) as string;
	if (credentialType === HTTP_API) {
		const data = await context.getCredentials(HTTP_API);
		return httpLookups(
			new ClickatellHttpClient({
				credentials: { ...httpCredentials(data), authMode: 'perRequest' },
				transport: new N8nTransport(context, HTTP_API, 'clickatell-http'),
			}),
		);
	}
	if (credentialType === REST_API) {
		const data = await context.getCredentials(REST_API);
		return restLookups(
			new ClickatellRestClient({ credentials: restCredentials(data), transport: new N8nTransport(context, REST_API, 'clickatell-rest') }),
		);
	}
	throw new NodeOperationError(context.getNode(), `Unknown authentication '${credentialType}'`);
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
