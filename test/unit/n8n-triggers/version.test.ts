/**
 * The webhook triggers' versions. Version 2 behaves as 1: n8n evaluates a Webhook-v1 option in its
 * expression sandbox for every request to a version-1 webhook node, so version 1 made each callback cost
 * more than the rest of n8n's work on it. Version 3 (new nodes) adds the providers' current APIs, with the
 * current API as the default; workflows saved with versions 1 and 2 load and keep their API.
 */
import type { INodeProperties } from 'n8n-workflow';

import { ClickatellTrigger } from '../../../nodes/ClickatellTrigger/ClickatellTrigger.node';
import { ClickSendTrigger } from '../../../nodes/ClickSendTrigger/ClickSendTrigger.node';

const showsOnlyFor = (property: INodeProperties) => property.displayOptions?.show?.['@version'] as number[] | undefined;

test.each([
	['Clickatell Trigger', new ClickatellTrigger()],
	['ClickSend Trigger', new ClickSendTrigger()],
])('%s offers versions 1, 2 and 3, 3 (the newest) for new nodes', (_name, node) => {
	expect(node.description.version).toEqual([1, 2, 3]);
	expect(node.description.defaultVersion).toBe(3);
	// Versions 1 and 2 take the same parameters: no property is shown for one of them only.
	for (const property of node.description.properties) {
		const versions = showsOnlyFor(property);
		if (versions !== undefined) expect({ name: property.name, v1: versions.includes(1), v2: versions.includes(2) }).toEqual({ name: property.name, v1: versions.includes(2), v2: versions.includes(2) });
	}
});

test('ClickSend Trigger: versions 1 and 2 keep HTTP API v2 pushes set up by hand; version 3 starts on REST API v3 with registration on', () => {
	const { properties, credentials } = new ClickSendTrigger().description;
	const api = properties.find((property) => property.name === 'api') as INodeProperties;
	const register = properties.find((property) => property.name === 'registerWebhook') as INodeProperties;
	expect(showsOnlyFor(api)).toEqual([3]);
	expect(api.default).toBe('clicksend-v3');
	expect(register.default).toBe(true);
	// The ClickSend credential is asked for only where the trigger registers its rules.
	const clickSend = credentials?.find((credential) => credential.name === 'clickSendApi');
	expect(clickSend?.displayOptions?.hide).toEqual({ '@version': [1, 2], api: ['clicksend'], registerWebhook: [false] });
});
