import { NodeHelpers, type INode, type INodeParameters, type INodeTypeDescription } from 'n8n-workflow';

import { ClickSend } from '../../../nodes/ClickSend/ClickSend.node';
import { Clickatell } from '../../../nodes/Clickatell/Clickatell.node';
import { ClickSendTrigger } from '../../../nodes/ClickSendTrigger/ClickSendTrigger.node';

/**
 * The parameters a node runs with, resolved by n8n's own NodeHelpers.getNodeParameters as n8n does when it
 * loads a workflow. n8n checks a parameter's display rules against the defaults of every property,
 * displayed or not: a version-1 node "has" version 2's API default and the reverse. These cases failed
 * (options and filters silently dropped) until every rule named its version.
 */
function resolve(description: INodeTypeDescription, typeVersion: number, parameters: INodeParameters): INodeParameters {
	const node: INode = { id: '1', name: 'SMS', type: description.name, typeVersion, position: [0, 0], parameters };
	return NodeHelpers.getNodeParameters(description.properties, parameters, true, false, node, description) as INodeParameters;
}

const clickatell = new Clickatell().description;
const clickSend = new ClickSend().description;

describe('a saved version-1 Clickatell node keeps every send option', () => {
	test.each([
		['clickatellHttpApi', { deliveryDelayMinutes: 5, callback: 7, maxParts: 2, flash: true }],
		['clickatellRestApi', { scheduledAt: '2030-01-01T00:00:00Z', callback: 7, bypassDnc: true, binary: true }],
	])('%s', (authentication, options) => {
		const resolved = resolve(clickatell, 1, { authentication, resource: 'message', operation: 'send', to: '27999123456', text: 'Hi', options });
		expect(resolved.authentication).toBe(authentication);
		expect(resolved.api).toBeUndefined();
		expect(resolved.options).toEqual(options);
	});

	test('a version-1 node without Authentication is on the HTTP API, as before', () => {
		expect(resolve(clickatell, 1, { resource: 'message', operation: 'send', to: '1', text: 'Hi' }).authentication).toBe('clickatellHttpApi');
	});
});

describe('a version-2 Clickatell node keeps the options of its API', () => {
	test.each([
		['clickatell-rest', { bypassDnc: true, binary: true, callback: 3 }],
		['clickatell-platform', { scheduledAt: '2030-01-01T00:00:00Z', validityMinutes: 90, udh: '050003CC0201', binary: true, clientReference: 'a1' }],
		['clickatell-one', { from: 'Shop', clientReference: 'a1' }],
	])('%s', (api, options) => {
		const resolved = resolve(clickatell, 2, { api, resource: 'message', operation: 'send', to: '27999123456', text: 'Hi', options });
		expect(resolved.api).toBe(api);
		expect(resolved.authentication).toBeUndefined();
		expect(resolved.options).toEqual(options);
	});

	test('a new node without API is on the One API', () => {
		expect(resolve(clickatell, 2, { resource: 'message', operation: 'send', to: '1', text: 'Hi' }).api).toBe('clickatell-one');
	});
});

describe('ClickSend filters and paging survive for both versions', () => {
	test('version 1: the replies filter (HTTP API v2)', () => {
		const resolved = resolve(clickSend, 1, { resource: 'inbound', operation: 'getReplies', filters: { messageId: 'ABC-1' } });
		expect(resolved.filters).toEqual({ messageId: 'ABC-1' });
		expect(resolved.api).toBeUndefined();
	});

	test('version 2 on HTTP API v2: the history filter', () => {
		const resolved = resolve(clickSend, 2, { api: 'clicksend', resource: 'message', operation: 'getHistory', filters: { fromEmail: 'a@b.c' } });
		expect(resolved.filters).toEqual({ fromEmail: 'a@b.c' });
	});

	test('version 2 on REST API v3: date filters and limit', () => {
		const resolved = resolve(clickSend, 2, { api: 'clicksend-v3', resource: 'message', operation: 'getHistory', limit: 20, filters: { dateFrom: '2030-01-01T00:00:00Z' } });
		expect(resolved).toMatchObject({ api: 'clicksend-v3', returnAll: false, limit: 20, filters: { dateFrom: '2030-01-01T00:00:00Z' } });
	});
});

test('ClickSend Trigger: versions 1 and 2 resolve without version 3 parameters; version 3 registers by default', () => {
	const trigger = new ClickSendTrigger().description;
	for (const version of [1, 2]) {
		const resolved = resolve(trigger, version, { events: ['inbound'], verification: 'token' });
		expect(resolved.api).toBeUndefined();
		expect(resolved.registerWebhook).toBeUndefined();
	}
	expect(resolve(trigger, 3, { events: ['inbound'], verification: 'token' })).toMatchObject({ api: 'clicksend-v3', registerWebhook: true });
});
