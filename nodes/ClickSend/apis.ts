import type { IExecuteFunctions } from 'n8n-workflow';

import { invalidInput } from '../../gateways/errors';

/**
 * Which ClickSend API a node runs on. Version 1 spoke HTTP API v2 only; version 2 chooses with `api`,
 * REST API v3 by default (ClickSend's current API, the one its own SDKs and n8n node use). Both use the
 * same clickSendApi credential (username and API key).
 */
export type ClickSendApi = 'clicksend' | 'clicksend-v3';

export const V2_API: ClickSendApi = 'clicksend';
export const V3_API: ClickSendApi = 'clicksend-v3';

/** Shown only on REST API v3 (version 2 nodes set to it). */
export const onlyV3 = { api: [V3_API] };
/** Hidden on REST API v3: version 1 (no `api` parameter) and version 2 set to HTTP API v2 show it. */
export const notV3 = { api: [V3_API] };

export function selectedClickSendApi(context: IExecuteFunctions): ClickSendApi {
	if (context.getNode().typeVersion < 2) return V2_API;
	const api = context.getNodeParameter('api', 0) as string;
	if (api !== V2_API && api !== V3_API) throw invalidInput('api', `must be '${V2_API}' or '${V3_API}', got '${api}'`);
	return api;
}
