import type { INodeProperties, INodePropertyOptions, IWebhookDescription } from 'n8n-workflow';
import { ACCEPTED_BODY } from './respond';

/**
 * Both webhook triggers answer on one URL for GET and POST (`setup` and `default` share the path):
 * Clickatell lets the user choose GET, form POST or JSON POST per callback type, and a URL that takes
 * all of them cannot be set up wrong. `responseData` is the literal body n8n sends with the 200 once the
 * execution is registered (without it n8n 2.x answers the text "firstEntryJson").
 */
export const CALLBACK_WEBHOOKS: IWebhookDescription[] = [
	{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', responseData: ACCEPTED_BODY, path: 'webhook' },
	{ name: 'setup', httpMethod: 'GET', responseMode: 'onReceived', responseData: ACCEPTED_BODY, path: 'webhook' },
];

/** Normalized message states a status update can have (gateways/events.ts MessageState, without 'received'). */
const STATE_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Accepted', value: 'accepted', description: 'Taken by the gateway, nothing more known yet' },
	{ name: 'Cancelled', value: 'cancelled' },
	{ name: 'Delivered', value: 'delivered', description: 'Confirmed on the handset' },
	{ name: 'Expired', value: 'expired' },
	{ name: 'Failed', value: 'failed' },
	{ name: 'Queued', value: 'queued' },
	{ name: 'Scheduled', value: 'scheduled' },
	{ name: 'Sent', value: 'sent', description: 'Handed to the network' },
	{ name: 'Unknown', value: 'unknown', description: 'A status code the gateway does not document' },
];

/** Status updates whose normalized state is not in the list start nothing (they still get a 200). */
export function statusFilterProperty(statusEventLabel: string): INodeProperties {
	return {
		displayName: 'Only These States',
		name: 'statusFilter',
		type: 'multiOptions',
		options: STATE_OPTIONS,
		default: [],
		displayOptions: { show: { events: ['status'] } },
		description: `Emit ${statusEventLabel} only when the message reaches one of these states. Leave empty for all states.`,
	};
}

export function eventsProperty(inbound: INodePropertyOptions, status: INodePropertyOptions): INodeProperties {
	return {
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		options: [inbound, status],
		default: ['inbound', 'status'],
		description: 'Which callbacks start the workflow. The others still get a 200 so the gateway does not retry them.',
	};
}

export function setupNotice(text: string): INodeProperties {
	return { displayName: text, name: 'setupNotice', type: 'notice', default: '' };
}
