/**
 * The webhook triggers are version 2 for new nodes (the same behaviour as 1): n8n evaluates a Webhook-v1
 * option in its expression sandbox for every request to a version-1 webhook node, so version 1 made each
 * callback cost more than the rest of n8n's work on it. Workflows saved with version 1 still load.
 */
import { ClickatellTrigger } from '../../../nodes/ClickatellTrigger/ClickatellTrigger.node';
import { ClickSendTrigger } from '../../../nodes/ClickSendTrigger/ClickSendTrigger.node';

test.each([
	['Clickatell Trigger', new ClickatellTrigger()],
	['ClickSend Trigger', new ClickSendTrigger()],
])('%s offers versions 1 and 2, 2 (the newest) for new nodes', (_name, node) => {
	expect(node.description.version).toEqual([1, 2]);
	// No property is shown for one version only: both versions take the same parameters.
	expect(node.description.properties.some((property) => JSON.stringify(property.displayOptions ?? {}).includes('@version'))).toBe(false);
});
