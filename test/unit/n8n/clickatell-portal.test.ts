import type { INodeProperties } from 'n8n-workflow';

import { prepareOneSend, preparePlatformSend, PORTAL_OPERATIONS } from '../../../gateways/clickatell-portal';
import { isGatewayError } from '../../../gateways/errors';
import type { SendOptions } from '../../../gateways/gateway';
import { Clickatell } from '../../../nodes/Clickatell/Clickatell.node';
import { portalCredentials, portalSendValidator } from '../../../nodes/Clickatell/portal';

type Params = Record<string, unknown>;

/** n8n's displayOptions check for collection options ('/name' reads the root parameters). */
function visible(property: { displayOptions?: INodeProperties['displayOptions'] }, params: Params): boolean {
	const { show, hide } = property.displayOptions ?? {};
	const value = (key: string) => params[key.replace(/^\//, '')];
	for (const [key, allowed] of Object.entries(show ?? {})) if (!(allowed as unknown[]).includes(value(key))) return false;
	for (const [key, denied] of Object.entries(hide ?? {})) if ((denied as unknown[]).includes(value(key))) return false;
	return true;
}

const description = new Clickatell().description;
/** Version 2's Options collection (version 1 has its own, with version 1's rules). */
const sendOptions = (
	description.properties.find((property) => property.name === 'options' && (property.displayOptions?.show?.['@version'] as number[]).includes(2)) as INodeProperties
).options as INodeProperties[];

/** A value each send option could really be given in the editor. */
const SAMPLES: Record<string, unknown> = {
	binary: true,
	bypassDnc: true,
	callback: 3,
	clientReference: 'order4711',
	deliveryDelayMinutes: 10,
	escalate: true,
	flash: true,
	from: 'Shop',
	maxCredits: 1,
	maxParts: 2,
	mo: true,
	priorityQueue: 1,
	requiredFeatures: 1,
	scheduledAt: new Date(Date.now() + 3_600_000),
	udh: '050003CC0201',
	unicode: 'on',
	validityMinutes: 60,
};

const BUILDERS = {
	'clickatell-platform': (options: SendOptions) => preparePlatformSend({ to: ['27999123456'], text: options.binary ? '48656C6C6F' : 'Hello', options }),
	'clickatell-one': (options: SendOptions) => prepareOneSend({ to: ['27999123456'], text: 'Hello', options }),
};

describe('Clickatell node, Portal APIs (version 2)', () => {
	test.each(Object.keys(BUILDERS))('%s: the editor offers exactly the send options its request builder accepts', (api) => {
		const build = BUILDERS[api as keyof typeof BUILDERS];
		for (const option of sendOptions) {
			expect(SAMPLES).toHaveProperty(option.name);
			const shown = visible(option, { '@version': 2, api });
			let refusedField: string | undefined;
			try {
				build({ [option.name]: SAMPLES[option.name] } as SendOptions);
			} catch (error) {
				if (!isGatewayError(error)) throw error;
				refusedField = error.field;
			}
			expect({ option: option.name, shown, refused: refusedField }).toEqual({
				option: option.name,
				shown,
				refused: shown ? undefined : `options.${option.name}`,
			});
		}
	});

	test('a new node starts on the One API; version 1 keeps Authentication with the HTTP API as its default', () => {
		const api = description.properties.find((property) => property.name === 'api') as INodeProperties;
		const authentication = description.properties.find((property) => property.name === 'authentication') as INodeProperties;
		expect(description.defaultVersion).toBe(2);
		expect(api.default).toBe('clickatell-one');
		expect(api.displayOptions?.show?.['@version']).toEqual([2]);
		expect(authentication.default).toBe('clickatellHttpApi');
		expect((authentication.options as Array<{ value: string }>).map((option) => option.value)).toEqual(['clickatellHttpApi', 'clickatellRestApi']);
		expect(authentication.displayOptions?.show?.['@version']).toEqual([1]);
	});

	test('the API choice is a panel parameter: no credential selects itself by a `show` rule on it', () => {
		// n8n's editor moves a field that credentials `show` on into the credential dialog (getMainAuthField).
		for (const credential of description.credentials ?? []) expect(credential.displayOptions?.show).toBeUndefined();
	});

	test('Portal operations come from PORTAL_OPERATIONS only', () => {
		const portalOperations = (api: string, resource: string) =>
			description.properties
				.filter((property) => property.name === 'operation' && visible(property, { '@version': 2, api, resource }))
				.flatMap((property) => (property.options as Array<{ value: string }>).map((option) => option.value));
		for (const api of ['clickatell-one', 'clickatell-platform'] as const) {
			const offered = PORTAL_OPERATIONS[api];
			expect(portalOperations(api, 'message').includes('getStatus')).toBe(offered.includes('status'));
			expect(portalOperations(api, 'message')).toContain('send');
			expect(portalOperations(api, 'account').includes('getBalance')).toBe(offered.includes('balance'));
			expect(portalOperations(api, 'coverage')).toEqual([]);
		}
	});

	test("the credential's Integration Type picks the Platform request builder the client will use", () => {
		const scheduled = { to: ['27999123456'], text: 'Later', options: { scheduledAt: new Date(Date.now() + 3_600_000) } };
		expect(() => portalSendValidator('clickatell-platform', { apiKey: 'k', integrationType: 'rest' })(scheduled)).not.toThrow();
		// An HTTP integration's GET send takes a sender only (gateways/clickatell-portal preparePlatformHttpSend).
		expect(() => portalSendValidator('clickatell-platform', { apiKey: 'k', integrationType: 'http' })(scheduled)).toThrow(/scheduledAt/);
		expect(portalCredentials({ apiKey: ' k ', baseUrl: 'http://127.0.0.1:4010' })).toEqual({ apiKey: ' k ', baseUrl: 'http://127.0.0.1:4010', integrationType: 'rest' });
	});
});
