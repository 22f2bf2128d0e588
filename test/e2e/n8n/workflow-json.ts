/**
 * The workflow JSON the e2e suites hand to `n8n import:workflow`, as n8n's editor saves it: the workflow's
 * shell (imported inactive, then published by the test) and n8n's own Webhook node (n8n-nodes-base.webhook
 * version 2), the entry point most test workflows start with.
 */
import { randomUUID } from 'node:crypto';

/** A workflow that runs its nodes in n8n's v1 execution order, inactive until the test publishes it. */
export function workflowJson(id: string, name: string, nodes: object[], connections: object = {}) {
	return { id, name, active: false, settings: { executionOrder: 'v1' }, nodes, connections };
}

/** n8n's Webhook node named 'Webhook'; `parameters` are its own (httpMethod, path, responseMode, options ...). */
export function webhookNode(parameters: object, position: [number, number] = [0, 0]) {
	return {
		id: randomUUID(),
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position,
		webhookId: randomUUID(),
		parameters,
	};
}
