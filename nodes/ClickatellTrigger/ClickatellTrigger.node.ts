import {
	NodeConnectionTypes,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';
import { clickatellSource } from './source';
import { handleCallback } from '../triggers-common/handle-callback';
import { callbackUrlKnown, forgetCallbackUrl, rememberCallbackUrl } from '../triggers-common/lifecycle';
import { CALLBACK_WEBHOOKS, setupNotice, eventsProperty, statusFilterProperty } from '../triggers-common/properties';
import { testWebhookSecret, verificationProperty } from '../triggers-common/verification';

export class ClickatellTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Clickatell Trigger',
		name: 'clickatellTrigger',
		icon: { light: 'file:clickatellTrigger.svg', dark: 'file:clickatellTrigger.dark.svg' },
		group: ['trigger'],
		// Version 2 behaves exactly as 1. n8n evaluates `$parameter.options.binaryData` in its expression
		// sandbox for every request to a version-1 webhook node (a Webhook v1 option; n8n's webhook-helpers
		// parseRequestBody), which cost each callback more than the rest of n8n's work on it (issue 13).
		// Version 3 (new triggers) adds the Portal APIs' callbacks and starts on them; versions 1 and 2 keep
		// their API choice and its HTTP API default.
		version: [1, 2, 3],
		defaultVersion: 3,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow when Clickatell reports a message status or forwards an inbound SMS',
		defaults: { name: 'Clickatell Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'smsWebhookAuthApi',
				required: true,
				displayOptions: { show: { verification: ['token', 'basic'] } },
				testedBy: 'smsWebhookAuthTest',
			},
		],
		webhooks: [...CALLBACK_WEBHOOKS],
		properties: [
			setupNotice(
				"Clickatell has no API to register callback URLs: copy the Production URL above into Clickatell's API settings (Callback URL, for status updates) and into the two-way number's settings (for inbound messages); for a Portal API integration, into the integration's status and reply callback URLs. With Query Token verification add ?token=<secret> to the URL; with Basic Auth enable Clickatell's basic HTTP authentication. GET, form POST and JSON callbacks all work on this URL. Status updates only come for messages sent with a callback level (Clickatell node: Options > Callback).",
			),
			{
				displayName: 'API',
				name: 'api',
				type: 'options',
				options: [
					{
						name: 'HTTP API (Legacy)',
						value: 'clickatell-http',
						description: 'Callbacks of the legacy HTTP API (GET query or form POST)',
					},
					{
						name: 'REST API',
						value: 'clickatell-rest',
						description: 'Callbacks of the REST API (JSON POST)',
					},
				],
				default: 'clickatell-http',
				displayOptions: { show: { '@version': [1, 2] } },
				description: 'The Clickatell API the messages were sent with; it names the provider in each event',
			},
			{
				displayName: 'API',
				name: 'api',
				type: 'options',
				options: [
					{
						name: 'HTTP API (Legacy)',
						value: 'clickatell-http',
						description: 'Callbacks of the legacy HTTP API (GET query or form POST)',
					},
					{
						name: 'Portal (One API and Platform SMS API)',
						value: 'clickatell-portal',
						description:
							"Callbacks of a Clickatell Portal integration: the One API's JSON envelope (one callback may carry several events, each becomes an item) and the Platform SMS API's GET or JSON callbacks",
					},
					{
						name: 'REST API (Legacy)',
						value: 'clickatell-rest',
						description: 'Callbacks of the REST API (JSON POST)',
					},
				],
				default: 'clickatell-portal',
				displayOptions: { show: { '@version': [3] } },
				description: 'The Clickatell API the messages were sent with; it names the provider in each event',
			},
			eventsProperty(
				{ name: 'Inbound Message', value: 'inbound', description: 'An SMS sent to your two-way number (MO)' },
				{ name: 'Status Update', value: 'status', description: 'A status change of a message you sent' },
			),
			statusFilterProperty('status updates'),
			verificationProperty,
		],
	};

	methods = {
		credentialTest: { smsWebhookAuthTest: testWebhookSecret },
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await callbackUrlKnown(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return rememberCallbackUrl(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return forgetCallbackUrl(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const fallback = this.getNode().typeVersion < 3 ? 'clickatell-http' : 'clickatell-portal';
		return await handleCallback(this, clickatellSource(this.getNodeParameter('api', fallback) as string));
	}
}
