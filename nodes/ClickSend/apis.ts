import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { invalidInput } from '../../gateways/errors';

/**
 * Which ClickSend API a node runs on. Version 1 spoke HTTP API v2 only; version 2 chooses with `api`,
 * REST API v3 by default (ClickSend's current API, the one its own SDKs and n8n node use). Both use the
 * same clickSendApi credential (username and API key).
 */
export type ClickSendApi = 'clicksend' | 'clicksend-v3';

export const V2_API: ClickSendApi = 'clicksend';
export const V3_API: ClickSendApi = 'clicksend-v3';

/*
 * Every rule names its version ('@version'): n8n resolves a node's parameters against the defaults of all
 * its properties, displayed or not (n8n-workflow getNodeParameters), so a version-1 node "has" version
 * 2's API default (REST API v3); only '@version' says it is a version-1 node.
 */

/** Shown only on REST API v3 (version 2 nodes set to it). */
export const onlyV3 = { '@version': [2], api: [V3_API] };

/** An HTTP API v2 property as two: version 1 (always v2) and version 2 set to HTTP API v2. */
export function onV2Api(property: INodeProperties): INodeProperties[] {
	const show = property.displayOptions?.show ?? {};
	return [
		{ ...property, displayOptions: { ...property.displayOptions, show: { ...show, '@version': [1] } } },
		{ ...property, displayOptions: { ...property.displayOptions, show: { ...show, '@version': [2], api: [V2_API] } } },
	];
}

export function selectedClickSendApi(context: IExecuteFunctions): ClickSendApi {
	if (context.getNode().typeVersion < 2) return V2_API;
	const api = context.getNodeParameter('api', 0) as string;
	if (api !== V2_API && api !== V3_API) throw invalidInput('api', `must be '${V2_API}' or '${V3_API}', got '${api}'`);
	return api;
}
