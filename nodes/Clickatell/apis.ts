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

/*
 * Every rule below names the version it is for ('@version'). n8n resolves a node's parameters against
 * the defaults of all its properties, displayed or not (n8n-workflow getNodeParameters builds its display
 * check with returnNoneDisplayed), so a version-1 node "has" version 2's API default and a version-2 node
 * version 1's Authentication default; only '@version' tells them apart.
 */

/**
 * One property per version for the APIs in `apis`: version 1 shows it by `authentication` (only for the
 * legacy APIs among them), version 2 by `api`. `show` holds the other conditions (resource ...).
 */
export function onApis(property: INodeProperties, apis: readonly ClickatellApi[]): INodeProperties[] {
	const show = property.displayOptions?.show ?? {};
	const copies: INodeProperties[] = [];
	const v1 = apis.map((api) => V1_AUTHENTICATION[api]).filter((value): value is string => value !== undefined);
	if (v1.length > 0) copies.push({ ...property, displayOptions: { ...property.displayOptions, show: { ...show, '@version': [1], authentication: v1 } } });
	copies.push({ ...property, displayOptions: { ...property.displayOptions, show: { ...show, '@version': [2], api: [...apis] } } });
	return copies;
}

/** For a send option inside the Options collection: offered on these APIs only (see perVersionCollection). */
export function onlyOnApis(apis: readonly ClickatellApi[]): { show: { '/api': string[] } } {
	return { show: { '/api': [...apis] } };
}

/** The option without its display rule. */
function withoutRule(option: INodeProperties): INodeProperties {
	const copy = { ...option };
	delete copy.displayOptions;
	return copy;
}

/**
 * A collection whose options carry onlyOnApis rules, as one property per version: version 2's keeps the
 * rules on `api`; version 1's has them on `authentication` (as version 1 always had), without the
 * options neither legacy API has. (A collection option cannot be listed twice, and n8n reads a
 * collection option's root rule against every root default, hence two collections.)
 */
export function perVersionCollection(property: INodeProperties): INodeProperties[] {
	const options = (property.options ?? []) as INodeProperties[];
	const v1Options = options.flatMap((option): INodeProperties[] => {
		const apis = option.displayOptions?.show?.['/api'] as ClickatellApi[] | undefined;
		if (apis === undefined) return [option];
		const legacy = apis.map((api) => V1_AUTHENTICATION[api]).filter((value): value is string => value !== undefined);
		if (legacy.length === 0) return [];
		const rest = withoutRule(option);
		return [legacy.length === 2 ? rest : { ...rest, displayOptions: { show: { '/authentication': legacy } } }];
	});
	const v2Options = options.map((option): INodeProperties => {
		const apis = option.displayOptions?.show?.['/api'] as ClickatellApi[] | undefined;
		if (apis === undefined || apis.length < CLICKATELL_APIS.length) return option;
		return withoutRule(option);
	});
	const show = property.displayOptions?.show ?? {};
	return [
		{ ...property, displayOptions: { ...property.displayOptions, show: { ...show, '@version': [1] } }, options: v1Options },
		{ ...property, displayOptions: { ...property.displayOptions, show: { ...show, '@version': [2] } }, options: v2Options },
	];
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
