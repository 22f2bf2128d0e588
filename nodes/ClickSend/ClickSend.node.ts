import { NodeConnectionTypes, type IExecuteFunctions, type INodeExecutionData, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { accountOperations } from './descriptions/AccountDescription';
import { deliveryReportFields, deliveryReportOperations } from './descriptions/DeliveryReportDescription';
import { inboundFields, inboundOperations } from './descriptions/InboundDescription';
import { messageFields, messageOperations } from './descriptions/MessageDescription';
import { v3Fields, v3Operations } from './descriptions/V3Description';
import { onV2Api, selectedClickSendApi, V2_API, V3_API, type ClickSendApi } from './apis';
import { sendMessages, testClickSendApi } from './GenericFunctions';
import { getBalance, getDeliveryReports, getHistory, getReplies } from './lookups';
import { invalidInput } from '../../gateways/errors';
import { PROVIDER_LABELS } from '../../gateways/provider';
import { toNodeError } from '../shared/errors';
import {
	cancelAllV3,
	cancelV3,
	getBalanceV3,
	getHistoryV3,
	getInboundV3,
	getPriceV3,
	getReplyToV3,
	getReportsV3,
	getReportV3,
	sendV3,
} from './v3';

type Operation = (this: IExecuteFunctions) => Promise<INodeExecutionData[][]>;

/** One custom operation for both APIs: the implementation of the API the node is set to. */
function byApi(implementations: Partial<Record<ClickSendApi, Operation>>): Operation {
	return async function (this: IExecuteFunctions) {
		let api: ClickSendApi;
		try {
			api = selectedClickSendApi(this);
		} catch (error) {
			throw toNodeError(this.getNode(), error);
		}
		const implementation = implementations[api];
		// Only reachable from a workflow edited by hand: the editor offers each API's own operations.
		if (!implementation) throw toNodeError(this.getNode(), invalidInput('operation', `is not available on ${PROVIDER_LABELS[api]}`));
		return await implementation.call(this);
	};
}

/**
 * ClickSend: REST API v3 (version 2's default) and HTTP API v2, with the same credential. Version 1
 * spoke HTTP API v2 only and keeps doing so; version 2 chooses with API. Every operation is a custom operation on the gateways client: Send batches
 * items through the bulk planner, the lookups and pulls run per item (lookups.ts), and all of them
 * report errors with the same fields.
 */
export class ClickSend implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ClickSend',
		name: 'clickSend',
		icon: { light: 'file:clicksend.svg', dark: 'file:clicksend.dark.svg' },
		group: ['output'],
		version: [1, 2],
		defaultVersion: 2,
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
				displayName: 'API',
				name: 'api',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'HTTP API V2', value: V2_API, description: 'The older form API (send.php ...), as version 1 of this node' },
					{ name: 'REST API V3', value: V3_API, description: "ClickSend's current JSON API: also price estimates, cancelling and single reports" },
				],
				default: V3_API,
				displayOptions: { show: { '@version': [2] } },
				description: 'Which ClickSend API to use; both take the same username and API key',
			},
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
			// Each API's Operation right below Resource: n8n shows parameters in this order.
			...v3Operations,
			...messageOperations.flatMap(onV2Api),
			...messageFields,
			...inboundOperations.flatMap(onV2Api),
			...inboundFields.flatMap(onV2Api),
			...deliveryReportOperations.flatMap(onV2Api),
			...deliveryReportFields.flatMap(onV2Api),
			...accountOperations.flatMap(onV2Api),
			...v3Fields,
		],
	};

	methods = {
		credentialTest: {
			clickSendApiTest: testClickSendApi,
		},
	};

	customOperations = {
		message: {
			send: byApi({ [V2_API]: sendMessages, [V3_API]: sendV3 }),
			getHistory: byApi({ [V2_API]: getHistory, [V3_API]: getHistoryV3 }),
			getPrice: byApi({ [V3_API]: getPriceV3 }),
			cancel: byApi({ [V3_API]: cancelV3 }),
			cancelAll: byApi({ [V3_API]: cancelAllV3 }),
		},
		inbound: {
			getReplies: byApi({ [V2_API]: getReplies, [V3_API]: getInboundV3 }),
			getReplyTo: byApi({ [V3_API]: getReplyToV3 }),
		},
		deliveryReport: {
			getReports: byApi({ [V2_API]: getDeliveryReports, [V3_API]: getReportsV3 }),
			getReport: byApi({ [V3_API]: getReportV3 }),
		},
		account: {
			getBalance: byApi({ [V2_API]: getBalance, [V3_API]: getBalanceV3 }),
		},
	};
}
