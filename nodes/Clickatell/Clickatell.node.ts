import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { accountFields, accountOperations } from './descriptions/AccountDescription';
import { coverageFields, coverageOperations } from './descriptions/CoverageDescription';
import { messageFields, messageOperations } from './descriptions/MessageDescription';
import { HTTP_API, REST_API, sendMessages, testClickatellHttpApi, testClickatellRestApi } from './GenericFunctions';
import { checkCoverage, getBalance, getCharge, getStatus, redeemVoucher, stopMessage } from './lookups';

/**
 * Clickatell: the legacy HTTP API and the REST API behind one Authentication choice.
 * Every operation is a custom operation on the gateways clients: Send batches items through the bulk
 * planner, the lookups run per item (lookups.ts), and all of them report errors with the same fields.
 */
export class Clickatell implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Clickatell',
		name: 'clickatell',
		icon: { light: 'file:clickatell.svg', dark: 'file:clickatell.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Send SMS and check messages, balance and coverage with Clickatell',
		defaults: { name: 'Clickatell' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			// Literal names: n8n's lint reads them from the source to check every credential is tested.
			{
				name: 'clickatellHttpApi',
				required: true,
				testedBy: 'clickatellHttpApiTest',
				displayOptions: { show: { authentication: ['clickatellHttpApi'] } },
			},
			{
				name: 'clickatellRestApi',
				required: true,
				testedBy: 'clickatellRestApiTest',
				displayOptions: { show: { authentication: ['clickatellRestApi'] } },
			},
		],
		// No request is built from this: every operation is a custom operation and its gateways client
		// takes the base URL from the credential. n8n reads requestDefaults as "declarative node" and then
		// gives the node the execute function it expects of every executable node (n8n 2.41 utils.js
		// shouldAssignExecuteMethod; execute-node.service.js assertExecutable).
		requestDefaults: {
			baseURL: '={{ String($credentials.baseUrl || "https://api.clickatell.com").trim().replace(/\\/+$/, "") }}',
		},
		properties: [
			{
				displayName: 'Authentication',
				name: 'authentication',
				type: 'options',
				options: [
					{ name: 'HTTP API (Legacy)', value: HTTP_API },
					{ name: 'REST API', value: REST_API },
				],
				default: HTTP_API,
				description: 'Which Clickatell API to use; operations the chosen API lacks are hidden',
			},
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Account', value: 'account' },
					{ name: 'Coverage', value: 'coverage' },
					{ name: 'Message', value: 'message' },
				],
				default: 'message',
			},
			...messageOperations,
			...messageFields,
			...accountOperations,
			...accountFields,
			...coverageOperations,
			...coverageFields,
		],
	};

	methods = {
		credentialTest: {
			clickatellHttpApiTest: testClickatellHttpApi,
			clickatellRestApiTest: testClickatellRestApi,
		},
	};

	customOperations = {
		message: {
			send: sendMessages,
			getStatus,
			getCharge,
			stop: stopMessage,
		},
		account: {
			getBalance,
			redeemVoucher,
		},
		coverage: {
			check: checkCoverage,
		},
	};
}
