import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INodeProperties, INodePropertyOptions, INodeType } from 'n8n-workflow';

import { CALLBACK_LEVELS } from '../../../gateways/codes/callback-levels';
import { ClickSendApi } from '../../../credentials/ClickSendApi.credentials';
import { ClickatellHttpApi } from '../../../credentials/ClickatellHttpApi.credentials';
import { ClickatellRestApi } from '../../../credentials/ClickatellRestApi.credentials';
import { ClickSend } from '../../../nodes/ClickSend/ClickSend.node';
import { Clickatell } from '../../../nodes/Clickatell/Clickatell.node';

const ROOT = join(__dirname, '../../..');
type Params = Record<string, unknown>;
type NodeWithCustom = INodeType & { customOperations?: Record<string, Record<string, unknown>> };

/** n8n's displayOptions.show / hide check for root-level properties ('/name' also means root here). */
function visible(property: { displayOptions?: INodeProperties['displayOptions'] }, params: Params): boolean {
	const { show, hide } = property.displayOptions ?? {};
	const value = (key: string) => params[key.replace(/^\//, '')];
	for (const [key, allowed] of Object.entries(show ?? {})) {
		if (!(allowed as unknown[]).includes(value(key))) return false;
	}
	for (const [key, denied] of Object.entries(hide ?? {})) {
		if ((denied as unknown[]).includes(value(key))) return false;
	}
	return true;
}

function optionsOf(property: INodeProperties): INodePropertyOptions[] {
	return (property.options ?? []) as INodePropertyOptions[];
}

/** Every property, including the options of collections, with a path for messages. */
function walk(properties: INodeProperties[], path = ''): Array<{ path: string; property: INodeProperties }> {
	return properties.flatMap((property) => {
		const here = `${path}${property.name}`;
		const nested = property.type === 'collection' ? walk(optionsOf(property) as unknown as INodeProperties[], `${here}.`) : [];
		return [{ path: here, property }, ...nested];
	});
}

interface Case {
	label: string;
	node: NodeWithCustom;
	/** The node's versions, newest last. */
	versions: number[];
	/** The API choices to try, each as the root parameters that select it (with '@version'), by label. */
	apis: Record<string, Params>;
	expected: Record<string, Record<string, string[]>>;
}

const LEGACY_HTTP = {
	account: ['getBalance', 'redeemVoucher'],
	coverage: ['check'],
	message: ['getCharge', 'getStatus', 'send', 'stop'],
};
// The REST API has no charge or voucher command: those operations are not offered for it.
const LEGACY_REST = { account: ['getBalance'], coverage: ['check'], message: ['getStatus', 'send', 'stop'] };
const CLICKSEND_V2 = {
	account: ['getBalance'],
	deliveryReport: ['getReports'],
	inbound: ['getReplies'],
	message: ['getHistory', 'send'],
};

const CASES: Case[] = [
	{
		label: 'Clickatell',
		node: new Clickatell() as NodeWithCustom,
		versions: [1, 2],
		apis: {
			'v1 HTTP': { '@version': 1, authentication: 'clickatellHttpApi' },
			'v1 REST': { '@version': 1, authentication: 'clickatellRestApi' },
			'v2 HTTP': { '@version': 2, api: 'clickatell-http' },
			'v2 REST': { '@version': 2, api: 'clickatell-rest' },
			'v2 One API': { '@version': 2, api: 'clickatell-one' },
			'v2 Platform SMS API': { '@version': 2, api: 'clickatell-platform' },
		},
		expected: {
			'v1 HTTP': LEGACY_HTTP,
			'v1 REST': LEGACY_REST,
			'v2 HTTP': LEGACY_HTTP,
			'v2 REST': LEGACY_REST,
			// Only what PORTAL_OPERATIONS confirms: One API send and status, Platform send and balance.
			'v2 One API': { message: ['getStatus', 'send'] },
			'v2 Platform SMS API': { account: ['getBalance'], message: ['send'] },
		},
	},
	{
		label: 'ClickSend',
		node: new ClickSend() as NodeWithCustom,
		versions: [1, 2],
		apis: {
			'v1 (HTTP API v2)': { '@version': 1 },
			'v2 HTTP API v2': { '@version': 2, api: 'clicksend' },
			'v2 REST API v3': { '@version': 2, api: 'clicksend-v3' },
		},
		expected: {
			'v1 (HTTP API v2)': CLICKSEND_V2,
			'v2 HTTP API v2': CLICKSEND_V2,
			'v2 REST API v3': {
				account: ['getBalance'],
				deliveryReport: ['getReport', 'getReports'],
				inbound: ['getReplies', 'getReplyTo'],
				message: ['cancel', 'cancelAll', 'getHistory', 'getPrice', 'send'],
			},
		},
	},
];

describe.each(CASES)('$label node description', ({ node, versions, apis, expected }) => {
	const { description } = node;
	const properties = description.properties;
	/** The resources offered for one API choice (exactly one Resource parameter must be visible). */
	const resourcesFor = (params: Params): string[] => {
		const shown = properties.filter((property) => property.name === 'resource' && visible(property, params));
		expect(shown).toHaveLength(1);
		return optionsOf(shown[0]).map((option) => String(option.value));
	};
	const resources = [...new Set(Object.values(apis).flatMap(resourcesFor))];

	test('is a tool-capable regular node with main input and output', () => {
		expect(description.usableAsTool).toBe(true);
		expect(description.inputs).toEqual(['main']);
		expect(description.outputs).toEqual(['main']);
		expect(description.version).toEqual(versions.length === 1 ? versions[0] : versions);
		// A new node gets the newest version; saved nodes keep theirs.
		if (versions.length > 1) expect(description.defaultVersion).toBe(versions[versions.length - 1]);
		// Kept so n8n treats the node as declarative (see the comment in the node class); nothing is routed.
		expect(description.requestDefaults?.baseURL).toMatch(/\$credentials\.baseUrl/);
	});

	test.each(Object.keys(apis).map((label) => [label]))('shows exactly the operations the API has (%s)', (label) => {
		const base = apis[label];
		const shown: Record<string, string[]> = {};
		for (const resource of resourcesFor(base)) {
			const operations = properties.filter((property) => property.name === 'operation' && visible(property, { ...base, resource }));
			expect(operations).toHaveLength(1);
			shown[resource] = optionsOf(operations[0]).map((option) => String(option.value));
		}
		expect(shown).toEqual(expected[label]);
	});

	test('every operation is a custom operation (on the gateways clients), none is routed', () => {
		for (const property of properties.filter((candidate) => candidate.name === 'operation')) {
			if (property.name === 'resource') continue;
			const resource = (property.displayOptions?.show?.resource as string[])[0];
			for (const option of optionsOf(property)) {
				expect(typeof node.customOperations?.[resource]?.[String(option.value)]).toBe('function');
				expect(option.routing).toBeUndefined();
			}
		}
		// No property routes a request either.
		for (const { property } of walk(properties)) expect(property.routing).toBeUndefined();
	});

	test('every operation option has an action and a description', () => {
		for (const property of properties.filter((candidate) => candidate.name === 'operation')) {
			expect(property.noDataExpression).toBe(true);
			for (const option of optionsOf(property)) {
				expect(option.action).toMatch(/^[A-Z][a-z]/);
				expect(option.description?.length).toBeGreaterThan(10);
			}
			expect(optionsOf(property).map((option) => option.value)).toContain(property.default);
		}
	});

	test('every parameter is shown for some existing resource and operation, and names real values', () => {
		const operationValues = new Set(
			properties.filter((property) => property.name === 'operation').flatMap((property) => optionsOf(property).map((option) => option.value)),
		);
		for (const property of properties.filter((candidate) => !['authentication', 'api', 'resource', 'operation'].includes(candidate.name))) {
			const show = property.displayOptions?.show ?? {};
			expect((show.resource as string[]).every((value) => resources.includes(value))).toBe(true);
			expect((show.operation as string[]).every((value) => operationValues.has(value))).toBe(true);
			const reachable = Object.values(apis).some((base) =>
				(show.resource as string[]).some((resource) =>
					// returnAll at its default (false) shows Limit.
					(show.operation as string[]).some((operation) => visible(property, { returnAll: false, ...base, resource, operation })),
				),
			);
			expect(reachable).toBe(true);
		}
	});

	test('every parameter and option has a description; the main send fields have hints', () => {
		for (const { path, property } of walk(properties.filter((candidate) => !['resource'].includes(candidate.name)))) {
			if (property.name === 'operation') continue;
			const text = property.description ?? '';
			if (!text) throw new Error(`${path} has no description`);
			if (property.type === 'boolean') expect(text).toMatch(/^Whether /);
		}
		for (const name of ['to', 'text']) {
			const field = properties.find((property) => property.name === name);
			expect(field?.hint?.length).toBeGreaterThan(10);
			expect(field?.required).toBe(true);
		}
	});

	test('collection options and option lists are sorted as n8n lint expects', () => {
		for (const { path, property } of walk(properties)) {
			if (property.type === 'collection') {
				const names = optionsOf(property).map((option) => (option as unknown as INodeProperties).displayName);
				expect({ path, names }).toEqual({ path, names: [...names].sort((a, b) => a.localeCompare(b)) });
			}
			if (property.type === 'options' && property.name !== 'callback' && property.name !== 'priorityQueue') {
				const names = optionsOf(property).map((option) => option.name);
				expect({ path, names }).toEqual({ path, names: [...names].sort((a, b) => a.localeCompare(b)) });
			}
		}
	});

	test('credentials are tested by functions the node provides; each API choice shows exactly one credential', () => {
		for (const credential of description.credentials ?? []) {
			const testedBy = credential.testedBy as string;
			expect(typeof (node.methods?.credentialTest as Record<string, unknown>)[testedBy]).toBe('function');
		}
		for (const base of Object.values(apis)) {
			expect((description.credentials ?? []).filter((credential) => visible(credential, base))).toHaveLength(1);
		}
	});
});

describe('Clickatell send options', () => {
	const options = new Clickatell().description.properties.find((property) => property.name === 'options') as INodeProperties;
	const byName = new Map(optionsOf(options).map((option) => [(option as unknown as INodeProperties).name, option as unknown as INodeProperties]));

	test('offer every documented option as a typed parameter', () => {
		expect([...byName.keys()].sort()).toEqual(
			[
				'binary',
				'bypassDnc',
				'callback',
				'clientReference',
				'deliveryDelayMinutes',
				'escalate',
				'flash',
				'from',
				'maxCredits',
				'maxParts',
				'mo',
				'priorityQueue',
				'requiredFeatures',
				'scheduledAt',
				'udh',
				'unicode',
				'validityMinutes',
			].sort(),
		);
		expect(byName.get('scheduledAt')?.type).toBe('dateTime');
		expect(byName.get('unicode')?.default).toBe('auto');
		expect(byName.get('maxParts')?.typeOptions).toMatchObject({ minValue: 1, maxValue: 3 });
		expect(byName.get('deliveryDelayMinutes')?.typeOptions).toMatchObject({ maxValue: 10080 });
	});

	test('callback levels are the named choices of gateways/codes/callback-levels.ts', () => {
		const choices = optionsOf(byName.get('callback') as INodeProperties);
		expect(choices.map((choice) => choice.value)).toEqual(CALLBACK_LEVELS.map((level) => level.level));
		expect(choices[7]).toMatchObject({ name: '7: Intermediate, Final and Error', description: CALLBACK_LEVELS[7].description });
	});

	test('REST-only options are hidden for the HTTP API', () => {
		for (const name of ['binary', 'bypassDnc']) {
			const option = byName.get(name) as INodeProperties;
			expect(visible(option, { authentication: 'clickatellRestApi' })).toBe(true);
			expect(visible(option, { authentication: 'clickatellHttpApi' })).toBe(false);
		}
	});
});

describe('credentials', () => {
	test.each([
		['Clickatell HTTP API', new ClickatellHttpApi(), ['apiId', 'username', 'password', 'authMode', 'baseUrl'], 'https://api.clickatell.com'],
		['Clickatell REST API', new ClickatellRestApi(), ['authToken', 'baseUrl'], 'https://api.clickatell.com'],
		['ClickSend API', new ClickSendApi(), ['username', 'apiKey', 'baseUrl'], 'https://api-mapper.clicksend.com'],
	])('%s has its fields, a password field for the secret and the real base URL by default', (_label, credential, fields, baseUrl) => {
		expect(credential.properties.map((property) => property.name)).toEqual(fields);
		const secrets = credential.properties.filter((property) => property.typeOptions?.password);
		expect(secrets).toHaveLength(1);
		expect(credential.properties.find((property) => property.name === 'baseUrl')?.default).toBe(baseUrl);
		expect(credential.icon).toEqual({ light: expect.stringMatching(/^file:.*\.svg$/), dark: expect.stringMatching(/^file:.*\.dark\.svg$/) });
		for (const path of Object.values(credential.icon as Record<string, string>)) {
			expect(existsSync(join(ROOT, 'credentials', path.replace(/^file:/, '')))).toBe(true);
		}
	});

	test('the Clickatell HTTP authentication mode offers session and per-request, session by default', () => {
		const mode = new ClickatellHttpApi().properties.find((property) => property.name === 'authMode') as INodeProperties;
		expect(optionsOf(mode).map((option) => option.value).sort()).toEqual(['perRequest', 'session']);
		expect(mode.default).toBe('session');
	});
});

describe('package wiring', () => {
	const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; n8n: { nodes: string[]; credentials: string[] } };

	test.each([
		['dist/nodes/Clickatell/Clickatell.node.js', 'nodes'],
		['dist/nodes/ClickSend/ClickSend.node.js', 'nodes'],
		['dist/credentials/ClickatellHttpApi.credentials.js', 'credentials'],
		['dist/credentials/ClickatellRestApi.credentials.js', 'credentials'],
		['dist/credentials/ClickSendApi.credentials.js', 'credentials'],
	] as const)('package.json n8n.%s lists %s, built from an existing source', (built, field) => {
		expect(pkg.n8n[field]).toContain(built);
		expect(existsSync(join(ROOT, built.replace(/^dist\//, '').replace(/\.js$/, '.ts')))).toBe(true);
	});

	test.each([
		['nodes/Clickatell/Clickatell.node.json', 'clickatell'],
		['nodes/ClickSend/ClickSend.node.json', 'clickSend'],
	])('codex %s names the node as n8n registers it', (file, name) => {
		const codex = JSON.parse(readFileSync(join(ROOT, file), 'utf8')) as { node: string; categories: string[] };
		expect(codex.node).toBe(`${pkg.name}.${name}`);
		expect(codex.categories).toContain('Communication');
	});
});
