import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { accountOperations } from './descriptions/AccountDescription';
import { deliveryReportFields, deliveryReportOperations } from './descriptions/DeliveryReportDescription';
import { inboundFields, inboundOperations } from './descriptions/InboundDescription';
import { messageFields, messageOperations } from './descriptions/MessageDescription';
import { sendMessages, testClickSendApi } from './GenericFunctions';

/**
 * ClickSend HTTP API v2. Lookups are declarative (routing + gateways XML parsers in postReceive);
 * Send is a custom operation that batches items through the gateways bulk planner.
 */
export class ClickSend implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ClickSend',
		name: 'clickSend',
		icon: { light: 'file:clicksend.svg', dark: 'file:clicksend.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Send SMS and read history, replies, delivery reports and balance with ClickSend',
		defaults: { name: 'ClickSend' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		// A literal name: n8n's lint reads it from the source to check every credential is tested.
		credentials: [{ name: 'clickSendApi', required: true, testedBy: 'clickSendApiTest' }],
		requestDefaults: {
			baseURL:
				'={{ String($credentials.baseUrl || "https://api-mapper.clicksend.com").trim().replace(/\\/+$/, "").replace(/\\/http\\/v2$/i, "") }}',
			// ClickSend always answers HTTP 200 with XML; the gateways parser reads its <result> codes.
			encoding: 'text',
			json: false,
			ignoreHttpStatusErrors: true,
		},
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Account', value: 'account' },
					{ name: 'Delivery Report', value: 'deliveryReport' },
					{ name: 'Inbound', value: 'inbound' },
					{ name: 'Message', value: 'message' },
				],
				default: 'message',
			},
			...messageOperations,
			...messageFields,
			...inboundOperations,
			...inboundFields,
			...deliveryReportOperations,
			...deliveryReportFields,
			...accountOperations,
		],
	};

	methods = {
		credentialTest: {
			clickSendApiTest: testClickSendApi,
		},
	};

	customOperations = {
		message: {
			send: sendMessages,
		},
	};
}
