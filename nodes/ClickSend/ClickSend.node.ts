import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { accountOperations } from './descriptions/AccountDescription';
import { deliveryReportFields, deliveryReportOperations } from './descriptions/DeliveryReportDescription';
import { inboundFields, inboundOperations } from './descriptions/InboundDescription';
import { messageFields, messageOperations } from './descriptions/MessageDescription';
import { sendMessages, testClickSendApi } from './GenericFunctions';
import { getBalance, getDeliveryReports, getHistory, getReplies } from './lookups';

/**
 * ClickSend HTTP API v2. Every operation is a custom operation on the gateways client: Send batches
 * items through the bulk planner, the lookups and pulls run per item (lookups.ts), and all of them
 * report errors with the same fields.
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
		// No request is built from this: every operation is a custom operation and its gateways client
		// takes the base URL from the credential. n8n reads requestDefaults as "declarative node" and then
		// gives the node the execute function it expects of every executable node (n8n 2.41 utils.js
		// shouldAssignExecuteMethod; execute-node.service.js assertExecutable).
		requestDefaults: {
			baseURL:
				'={{ String($credentials.baseUrl || "https://api-mapper.clicksend.com").trim().replace(/\\/+$/, "").replace(/\\/http\\/v2$/i, "") }}',
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
			getHistory,
		},
		inbound: {
			getReplies,
		},
		deliveryReport: {
			getReports: getDeliveryReports,
		},
		account: {
			getBalance,
		},
	};
}
