import { NodeConnectionTypes, type INodeProperties, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { accountFields, accountOperations } from './descriptions/AccountDescription';
import { coverageFields, coverageOperations } from './descriptions/CoverageDescription';
import { messageFields, messageOperations } from './descriptions/MessageDescription';
import { credentialDisplay, HTTP_API, onApis, PORTAL_API, PORTAL_APIS, REST_API, type PortalApi } from './apis';
import { sendMessages, testClickatellHttpApi, testClickatellRestApi } from './GenericFunctions';
import { checkCoverage, getBalance, getCharge, getStatus, redeemVoucher, stopMessage } from './lookups';
import { portalOperationsAvailable, testClickatellPortalApi } from './portal';

const resourceProperty = (options: Array<{ name: string; value: string }>): INodeProperties => ({
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options,
	default: 'message',
});

const ACCOUNT = { name: 'Account', value: 'account' };
const COVERAGE = { name: 'Coverage', value: 'coverage' };
const MESSAGE = { name: 'Message', value: 'message' };

/** A Portal API has the Account resource only where a balance endpoint is confirmed (PORTAL_OPERATIONS). */
function portalResources(api: PortalApi): INodeProperties[] {
	const options = portalOperationsAvailable(api).includes('balance') ? [ACCOUNT, MESSAGE] : [MESSAGE];
	return onApis(resourceProperty(options), [api]);
}

/**
 * Clickatell: the Portal APIs (One API, Platform SMS API; an API key) and the legacy Developers'
 * Central APIs (HTTP, REST). Version 1 offered the two legacy APIs through Authentication (default:
 * HTTP API); version 2, what a new node gets, offers all four through API (default: One API,
 * Clickatell's current API for new accounts: it sends and reads a message's status). Saved version-1
 * nodes keep their parameters and their API.
 * Every operation is a custom operation on the gateways clients: Send batches items through the bulk
 * planner, the lookups run per item (lookups.ts), and all of them report errors with the same fields.
 */
export class Clickatell implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Clickatell',
		name: 'clickatell',
		icon: { light: 'file:clickatell.svg', dark: 'file:clickatell.dark.svg' },
		group: ['output'],
		version: [1, 2],
		defaultVersion: 2,
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
				displayOptions: credentialDisplay(HTTP_API),
			},
			{
				name: 'clickatellRestApi',
				required: true,
				testedBy: 'clickatellRestApiTest',
				displayOptions: credentialDisplay(REST_API),
			},
			{
				name: 'clickatellPortalApi',
				required: true,
				testedBy: 'clickatellPortalApiTest',
				displayOptions: credentialDisplay(PORTAL_API),
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
				displayOptions: { show: { '@version': [1] } },
				description: 'Which Clickatell API to use; operations the chosen API lacks are hidden',
			},
			{
				displayName: 'API',
				name: 'api',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'HTTP API (Legacy)',
						value: 'clickatell-http',
						description: "Developers' Central accounts: API ID, user name and password",
					},
					{
						name: 'One API (Portal)',
						value: 'clickatell-one',
						description: 'Clickatell Portal accounts (API key): send and message status',
					},
					{
						name: 'Platform SMS API (Portal)',
						value: 'clickatell-platform',
						description: 'Clickatell Portal accounts (API key): send with scheduling and validity, balance',
					},
					{
						name: 'REST API (Legacy)',
						value: 'clickatell-rest',
						description: "Developers' Central accounts: REST auth token",
					},
				],
				default: 'clickatell-one',
				displayOptions: { show: { '@version': [2] } },
				description: 'Which Clickatell API to use; operations the chosen API lacks are hidden',
			},
			...onApis(resourceProperty([ACCOUNT, COVERAGE, MESSAGE]), ['clickatell-http', 'clickatell-rest']),
			...PORTAL_APIS.flatMap(portalResources),
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
			clickatellPortalApiTest: testClickatellPortalApi,
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
