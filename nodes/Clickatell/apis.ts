import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { invalidInput } from '../../gateways/errors';

/**
 * Which Clickatell API a node runs on. Version 1 chose between the two legacy APIs with `authentication`
 * (the credential type); version 2 chooses between all four with `api` (the provider name), a plain
 * parameter so the choice shows in the parameter panel: n8n moves a field that the node's credentials
 * select with `displayOptions.show` out of the panel into the credential dialog (editor-ui
 * nodeTypesUtils getMainAuthField / isAuthRelatedParameter), which is why the credentials below are
 * selected with `hide` rules instead.
 */
export const HTTP_API = 'clickatellHttpApi';
export const REST_API = 'clickatellRestApi';
export const PORTAL_API = 'clickatellPortalApi';

export type ClickatellApi = 'clickatell-one' | 'clickatell-platform' | 'clickatell-http' | 'clickatell-rest';
export type PortalApi = 'clickatell-one' | 'clickatell-platform';

export const CLICKATELL_APIS: readonly ClickatellApi[] = ['clickatell-one', 'clickatell-platform', 'clickatell-http', 'clickatell-rest'];
export const PORTAL_APIS: readonly PortalApi[] = ['clickatell-one', 'clickatell-platform'];

/** Version 1's `authentication` values, per legacy API. */
const V1_AUTHENTICATION: Readonly<Partial<Record<ClickatellApi, string>>> = {
	'clickatell-http': HTTP_API,
	'clickatell-rest': REST_API,
};

/** The credential type each API authenticates with. */
export const CREDENTIAL_OF: Readonly<Record<ClickatellApi, string>> = {
	'clickatell-one': PORTAL_API,
	'clickatell-platform': PORTAL_API,
	'clickatell-http': HTTP_API,
	'clickatell-rest': REST_API,
};

export function isPortalApi(api: ClickatellApi): api is PortalApi {
	return api === 'clickatell-one' || api === 'clickatell-platform';
}

/**
 * The node's credential entry for one credential type: hidden on every API that uses another one, in
 * both versions (see the comment at the top for why `hide`).
 */
export function credentialDisplay(credentialType: string): { hide: Record<string, string[]> } {
	const others = CLICKATELL_APIS.filter((api) => CREDENTIAL_OF[api] !== credentialType);
	const v1Others = [HTTP_API, REST_API].filter((value) => value !== credentialType);
	return { hide: { authentication: v1Others, api: [...others] } };
}

/**
 * One property per version for the APIs in `apis`: version 1 shows it by `authentication` (only for the
 * legacy APIs among them), version 2 by `api`. `show` holds the other conditions (resource ...).
 */
export function onApis(property: INodeProperties, apis: readonly ClickatellApi[]): INodeProperties[] {
	const show = property.displayOptions?.show ?? {};
	const copies: INodeProperties[] = [];
	const v1 = apis.map((api) => V1_AUTHENTICATION[api]).filter((value): value is string => value !== undefined);
	if (v1.length > 0) copies.push({ ...property, displayOptions: { ...property.displayOptions, show: { ...show, authentication: v1 } } });
	copies.push({ ...property, displayOptions: { ...property.displayOptions, show: { ...show, api: [...apis] } } });
	return copies;
}

/**
 * For a send option inside the Options collection: hidden on every API not in `apis`, in both versions
 * (a collection option cannot be listed twice, so `hide` on the root parameters instead of copies).
 */
export function onlyOnApis(apis: readonly ClickatellApi[]): { hide: Record<string, string[]> } {
	const v1Hidden = (['clickatell-http', 'clickatell-rest'] as const).filter((api) => !apis.includes(api)).map((api) => V1_AUTHENTICATION[api] as string);
	const v2Hidden = CLICKATELL_APIS.filter((api) => !apis.includes(api));
	const hide: Record<string, string[]> = {};
	if (v1Hidden.length > 0) hide['/authentication'] = v1Hidden;
	if (v2Hidden.length > 0) hide['/api'] = [...v2Hidden];
	return { hide };
}

/** The API this execution runs on, from the node's version and parameters. */
export function selectedApi(context: IExecuteFunctions): ClickatellApi {
	if (context.getNode().typeVersion < 2) {
		const authentication = context.getNodeParameter('authentication', 0) as string;
		if (authentication === HTTP_API) return 'clickatell-http';
		if (authentication === REST_API) return 'clickatell-rest';
		throw invalidInput('authentication', `must be '${HTTP_API}' or '${REST_API}', got '${authentication}'`);
	}
	const api = context.getNodeParameter('api', 0) as string;
	if (!(CLICKATELL_APIS as readonly string[]).includes(api)) {
		throw invalidInput('api', `must be one of ${CLICKATELL_APIS.join(', ')}, got '${api}'`);
	}
	return api as ClickatellApi;
}
