import {
	NodeConnectionTypes,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';
import { clickSendSourceFor } from './source';
import { createRules, deleteRules, rulesExist } from './automation-rules';
import { handleCallback } from '../triggers-common/handle-callback';
import { callbackUrlKnown, forgetCallbackUrl, rememberCallbackUrl } from '../triggers-common/lifecycle';
import { CALLBACK_WEBHOOKS, setupNotice, eventsProperty, statusFilterProperty } from '../triggers-common/properties';
import { testWebhookSecret, verificationProperty } from '../triggers-common/verification';
import { testClickSendApi } from '../ClickSend/GenericFunctions';

export class ClickSendTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ClickSend Trigger',
		name: 'clickSendTrigger',
		icon: { light: 'file:clickSendTrigger.svg', dark: 'file:clickSendTrigger.dark.svg' },
		group: ['trigger'],
		// Version 2 behaves exactly as 1. n8n evaluates `$parameter.options.binaryData` in its expression
		// sandbox for every request to a version-1 webhook node (a Webhook v1 option; n8n's webhook-helpers
		// parseRequestBody), which cost each callback more than the rest of n8n's work on it (issue 13).
		// Version 3 (new triggers) chooses the API, REST v3 by default, and registers its URL with
		// ClickSend's automation rules; versions 1 and 2 keep listening for HTTP v2 pushes set up by hand.
		version: [1, 2, 3],
		defaultVersion: 3,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow when ClickSend pushes an SMS reply or a delivery report',
		defaults: { name: 'ClickSend Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'smsWebhookAuthApi',
				required: true,
				displayOptions: { show: { verification: ['token', 'basic'] } },
				testedBy: 'smsWebhookAuthTest',
			},
			{
				// Selected with `hide`: a `show` rule on Register Webhook would make n8n's editor take that
				// switch out of the parameter panel (it treats fields credentials `show` on as auth choices).
				name: 'clickSendApi',
				required: true,
				displayOptions: { hide: { '@version': [1, 2], api: ['clicksend'], registerWebhook: [false] } },
				testedBy: 'clickSendApiTest',
			},
		],
		webhooks: [...CALLBACK_WEBHOOKS],
		properties: [
			{
				displayName: 'API',
				name: 'api',
				type: 'options',
				options: [
					{ name: 'HTTP API V2', value: 'clicksend', description: 'Pushes set up by hand in the dashboard (reply and delivery report forwarding)' },
					{ name: 'REST API V3', value: 'clicksend-v3', description: 'Pushes of automation rules (post, get or JSON)' },
				],
				default: 'clicksend-v3',
				displayOptions: { show: { '@version': [3] } },
				description: 'The ClickSend API whose pushes arrive here; it names the provider in each event',
			},
			{
				displayName: 'Register Webhook Automatically',
				name: 'registerWebhook',
				type: 'boolean',
				default: true,
				displayOptions: { show: { '@version': [3], api: ['clicksend-v3'] } },
				description:
					'Whether to create ClickSend automation rules (inbound: JSON push; delivery reports) that call this trigger when the workflow is activated, and delete them when it is deactivated',
			},
			{
				...setupNotice(
					'On activation n8n creates ClickSend automation rules pushing replies and delivery reports to the Production URL (with the verification secret in it), and deletes them on deactivation. Query Token or Basic Auth verification keeps working: the registered URL carries the secret.',
				),
				name: 'setupNoticeRegistered',
				displayOptions: { show: { '@version': [3], api: ['clicksend-v3'], registerWebhook: [true] } },
			},
			{
				...setupNotice(
					'Create ClickSend automation rules by hand (Automations > Inbound SMS rules with action URL, and Delivery Receipt rules) pointing at the Production URL above. With Query Token verification add ?token=<secret> to the URL; with Basic Auth use https://user:secret@host/... as the URL.',
				),
				name: 'setupNoticeManual',
				displayOptions: { show: { '@version': [3], api: ['clicksend-v3'], registerWebhook: [false] } },
			},
			// The HTTP API v2 notice: versions 1 and 2, and version 3 set to HTTP API v2 (each rule names its
			// version: n8n reads rules against every property's default, displayed or not).
			...[{ '@version': [1, 2] }, { '@version': [3], api: ['clicksend'] }].map((show, index) => ({
				...setupNotice(
					"ClickSend has no API to register push URLs: in the ClickSend dashboard open SMS > Settings, choose 'Forward to URL' under 'Reply/Incoming SMS Settings' (replies) and 'SMS Delivery Report Settings' (delivery reports), and paste the Production URL above. With Query Token verification add ?token=<secret> to the URL; with Basic Auth use https://user:secret@host/... as the URL.",
				),
				name: index === 0 ? 'setupNotice' : 'setupNoticeV2',
				displayOptions: { show },
			})),
			eventsProperty(
				{ name: 'Reply (Inbound SMS)', value: 'inbound', description: 'An SMS reply pushed by ClickSend' },
				{ name: 'Delivery Report', value: 'status', description: 'A delivery report of a message you sent' },
			),
			statusFilterProperty('delivery reports'),
			verificationProperty,
		],
	};

	methods = {
		credentialTest: { smsWebhookAuthTest: testWebhookSecret, clickSendApiTest: testClickSendApi },
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return registers(this) ? await rulesExist(this) : await callbackUrlKnown(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return registers(this) ? await createRules(this) : rememberCallbackUrl(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return registers(this) ? await deleteRules(this) : forgetCallbackUrl(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleCallback(this, clickSendSourceFor(apiOf(this)));
	}
}

/** Versions 1 and 2 listen for HTTP v2 pushes only. */
function apiOf(context: IHookFunctions | IWebhookFunctions): string {
	return context.getNode().typeVersion < 3 ? 'clicksend' : (context.getNodeParameter('api', 'clicksend-v3') as string);
}

/** Whether this trigger creates and deletes its ClickSend automation rules itself. */
function registers(context: IHookFunctions): boolean {
	return apiOf(context) === 'clicksend-v3' && context.getNodeParameter('registerWebhook', true) === true;
}
