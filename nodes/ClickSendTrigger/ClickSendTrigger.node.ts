import {
	NodeConnectionTypes,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';
import { clickSendSource } from './source';
import { handleCallback } from '../triggers-common/handle-callback';
import { callbackUrlKnown, forgetCallbackUrl, rememberCallbackUrl } from '../triggers-common/lifecycle';
import { CALLBACK_WEBHOOKS, setupNotice, eventsProperty, statusFilterProperty } from '../triggers-common/properties';
import { testWebhookSecret, verificationProperty } from '../triggers-common/verification';

export class ClickSendTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ClickSend Trigger',
		name: 'clickSendTrigger',
		icon: { light: 'file:clickSendTrigger.svg', dark: 'file:clickSendTrigger.dark.svg' },
		group: ['trigger'],
		// Version 2 behaves exactly as 1. n8n evaluates `$parameter.options.binaryData` in its expression
		// sandbox for every request to a version-1 webhook node (a Webhook v1 option; n8n's webhook-helpers
		// parseRequestBody), which cost each callback more than the rest of n8n's work on it (issue 13).
		version: [1, 2],
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
		],
		webhooks: [...CALLBACK_WEBHOOKS],
		properties: [
			setupNotice(
				"ClickSend has no API to register push URLs: in the ClickSend dashboard open SMS > Settings, choose 'Forward to URL' under 'Reply/Incoming SMS Settings' (replies) and 'SMS Delivery Report Settings' (delivery reports), and paste the Production URL above. With Query Token verification add ?token=<secret> to the URL; with Basic Auth use https://user:secret@host/... as the URL.",
			),
			eventsProperty(
				{ name: 'Reply (Inbound SMS)', value: 'inbound', description: 'An SMS reply pushed by ClickSend' },
				{ name: 'Delivery Report', value: 'status', description: 'A delivery report of a message you sent' },
			),
			statusFilterProperty('delivery reports'),
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
		return await handleCallback(this, clickSendSource);
	}
}
