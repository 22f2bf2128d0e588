import type { INodeProperties } from 'n8n-workflow';

import { CALLBACK_LEVELS } from '../../../gateways/codes/callback-levels';
import { API_LIMITS, MAX_DELAY_MINUTES } from '../../../gateways/limits';
import { sendingSettings } from '../../shared/sendParameters';
import { onApis, onlyOnApis, perVersionCollection, PORTAL_APIS, type ClickatellApi, type PortalApi } from '../apis';
import { portalOperationsAvailable } from '../portal';

const onMessage = { resource: ['message'] };

/** The legacy HTTP API has a command for each of these. */
const httpOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: onMessage },
	options: [
		{
			name: 'Get Charge',
			value: 'getCharge',
			action: 'Get the charge of a message',
			description: 'Credits a message cost, with its status (getmsgcharge)',
		},
		{
			name: 'Get Status',
			value: 'getStatus',
			action: 'Get the status of a message',
			description: 'Current delivery status of a message (querymsg)',
		},
		{
			name: 'Send',
			value: 'send',
			action: 'Send an SMS',
			description: 'Send a text to one or more numbers; items sharing a text are batched (sendmsg)',
		},
		{
			name: 'Stop',
			value: 'stop',
			action: 'Stop a scheduled message',
			description: 'Stop a delayed or scheduled message that has not left the gateway (delmsg)',
		},
	],
	default: 'send',
};

/** The REST API has no separate charge command: Get Status returns the charge too. */
const restOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: onMessage },
	options: [
		{
			name: 'Get Status',
			value: 'getStatus',
			action: 'Get the status of a message',
			description: 'Current delivery status and charge of a message (GET /rest/message/{ID})',
		},
		{
			name: 'Send',
			value: 'send',
			action: 'Send an SMS',
			description: 'Send a text to one or more numbers; items sharing a text are batched (POST /rest/message)',
		},
		{
			name: 'Stop',
			value: 'stop',
			action: 'Stop a scheduled message',
			description: 'Stop a scheduled or queued message that has not left the gateway (DELETE /rest/message/{ID})',
		},
	],
	default: 'send',
};

/** The Portal APIs' message operations: those portal-core confirmed (PORTAL_OPERATIONS), nothing guessed. */
const PORTAL_MESSAGE_OPERATIONS: Readonly<Record<PortalApi, { send: string; status: string }>> = {
	'clickatell-platform': { send: 'POST /messages', status: 'GET /public-client/message/status' },
	'clickatell-one': { send: 'POST /v1/message', status: 'GET /v1/message/{ID}' },
};

function portalOperations(api: PortalApi): INodeProperties[] {
	const available = portalOperationsAvailable(api);
	const options = [];
	if (available.includes('status')) {
		options.push({
			name: 'Get Status',
			value: 'getStatus',
			action: 'Get the status of a message',
			description: `Current delivery status of a message (${PORTAL_MESSAGE_OPERATIONS[api].status})`,
		});
	}
	options.push({
		name: 'Send',
		value: 'send',
		action: 'Send an SMS',
		description: `Send a text to one or more numbers; items sharing a text are batched (${PORTAL_MESSAGE_OPERATIONS[api].send})`,
	});
	return onApis({ displayName: 'Operation', name: 'operation', type: 'options', noDataExpression: true, displayOptions: { show: onMessage }, options, default: 'send' }, [api]);
}

export const messageOperations: INodeProperties[] = [
	...onApis(httpOperations, ['clickatell-http']),
	...onApis(restOperations, ['clickatell-rest']),
	...PORTAL_APIS.flatMap(portalOperations),
];

const onSend = { show: { ...onMessage, operation: ['send'] } };
const onlyRest = onlyOnApis(['clickatell-rest']);
const LEGACY: readonly ClickatellApi[] = ['clickatell-http', 'clickatell-rest'];
/** Options of the legacy APIs that neither Portal API has a field for (gateways/clickatell-portal/requests.ts SUPPORTED). */
const onlyLegacy = onlyOnApis(LEGACY);
/** Options the Platform SMS API has too (SendMessageRequest: scheduledDeliveryTime, validityPeriod, userDataHeader, binary). */
const legacyAndPlatform = onlyOnApis([...LEGACY, 'clickatell-platform']);
/** binary: the REST API and the Platform SMS API. */
const restAndPlatform = onlyOnApis(['clickatell-rest', 'clickatell-platform']);

const sendFields: INodeProperties[] = [
	{
		displayName: 'To',
		name: 'to',
		type: 'string',
		required: true,
		default: '',
		placeholder: '27821234567, 27831234567',
		displayOptions: onSend,
		description:
			'Recipient numbers in international format: one number, a comma-separated list, or an expression returning an array',
		hint: 'Country code first, no leading 0 (e.g. 27821234567). A plus sign, spaces and dashes are removed.',
	},
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 4 },
		displayOptions: onSend,
		description: 'The message text',
		hint: 'Up to 160 GSM-7 characters (70 in Unicode) fit one part; longer texts need Max Parts. The output reports the encoding and parts.',
	},
	...perVersionCollection(
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions: onSend,
			description: 'Optional message settings; each one is sent to Clickatell only when added',
			options: [
				{
					displayName: 'Binary Content',
					name: 'binary',
					type: 'boolean',
					default: false,
					displayOptions: restAndPlatform,
					description: 'Whether the text is hexadecimal 8-bit binary data rather than readable text',
				},
				{
					displayName: 'Bypass DNC Check',
					name: 'bypassDnc',
					type: 'boolean',
					default: false,
					displayOptions: onlyRest,
					description: 'Whether to skip the Do Not Contact list lookup. Only where you are allowed to contact the recipient.',
				},
				{
					displayName: 'Callback Level',
					name: 'callback',
					type: 'options',
					default: 0,
					// The level table lives in gateways/codes/callback-levels.ts; the names come from there.
					options: CALLBACK_LEVELS.map((level) => ({
						name: `${level.level}: ${level.name}`,
						value: level.level,
						description: level.description,
					})),
					description: 'Which status changes Clickatell posts to the callback URL set on the API connection',
					displayOptions: onlyLegacy,
				},
				{
					displayName: 'Client Message ID',
					name: 'clientReference',
					type: 'string',
					default: '',
					description: 'Your own reference (climsgid / clientMessageId), returned with status callbacks',
					hint: `Letters and digits, up to ${API_LIMITS['clickatell-http'].maxClientReferenceLength} characters, no spaces`,
				},
				{
					displayName: 'Delivery Delay (Minutes)',
					name: 'deliveryDelayMinutes',
					type: 'number',
					typeOptions: { minValue: 1, maxValue: MAX_DELAY_MINUTES },
					default: 60,
					description: 'Hold the message this many minutes before delivery (deliv_time)',
					hint: 'At most 10080 (7 days). Use either this or Scheduled Time.',
					displayOptions: onlyLegacy,
				},
				{
					displayName: 'Escalate',
					name: 'escalate',
					type: 'boolean',
					default: false,
					description: 'Whether to move to a more expensive route when the message is delayed on the cheapest one',
					displayOptions: onlyLegacy,
				},
				{
					displayName: 'Flash Message',
					name: 'flash',
					type: 'boolean',
					default: false,
					description: 'Whether the message shows on the screen at once without being stored (class 0)',
					displayOptions: onlyLegacy,
				},
				{
					displayName: 'Max Credits',
					name: 'maxCredits',
					type: 'number',
					typeOptions: { minValue: 0.1, maxValue: 3, numberPrecision: 1 },
					default: 1,
					description: 'Most credits the message may cost, overriding the routing profile',
					hint: 'Documented values: 0.8, 1, 1.5, 2, 2.5, 3',
					displayOptions: onlyLegacy,
				},
				{
					displayName: 'Max Parts',
					name: 'maxParts',
					type: 'number',
					typeOptions: { minValue: 1, maxValue: API_LIMITS['clickatell-http'].maxParts },
					default: 3,
					description: 'Most concatenated parts a long text may be split into (concat / maxMessageParts)',
					hint: 'Texts over one part fail with error 113 unless this allows enough parts',
					displayOptions: onlyLegacy,
				},
				{
					displayName: 'Priority Queue',
					name: 'priorityQueue',
					type: 'options',
					default: 3,
					options: [
						{ name: '1 (Highest)', value: 1 },
						{ name: '2', value: 2 },
						{ name: '3 (Default)', value: 3 },
					],
					description: 'Which of the account’s three delivery queues to use (queue / userPriorityQueue)',
					displayOptions: onlyLegacy,
				},
				{
					displayName: 'Reply-Capable Routing',
					name: 'mo',
					type: 'boolean',
					default: false,
					description: 'Whether to use only networks that let recipients reply to the sender ID (mo=1), which may cost more',
					displayOptions: onlyLegacy,
				},
				{
					displayName: 'Required Features',
					name: 'requiredFeatures',
					type: 'number',
					typeOptions: { minValue: 0, maxValue: 65535 },
					default: 0,
					description: 'Bit mask of FEAT_* flags the route must support (req_feat / requiredFeatures)',
					displayOptions: onlyLegacy,
				},
				{
					displayName: 'Scheduled Time',
					name: 'scheduledAt',
					type: 'dateTime',
					default: '',
					description: 'When to deliver the message, up to 7 days ahead',
					hint: 'A value without a time zone is read in the n8n server’s time zone',
					displayOptions: legacyAndPlatform,
				},
				{
					displayName: 'Sender ID',
					name: 'from',
					type: 'string',
					default: '',
					description: 'Number or name shown as the sender; must be registered with Clickatell',
				},
				{
					displayName: 'Unicode',
					name: 'unicode',
					type: 'options',
					default: 'auto',
					options: [
						{ name: 'Auto', value: 'auto', description: 'GSM-7 when every character allows it, otherwise Unicode (UCS-2)' },
						{ name: 'Off', value: 'off', description: 'Always GSM-7; fails if the text has other characters' },
						{ name: 'On', value: 'on', description: 'Always Unicode (UCS-2): 70 characters per part' },
					],
					description:
						"How the text is encoded. On the HTTP API (legacy), text without Unicode travels as single-byte Windows-1252, so GSM-7's Greek capitals (Δ, Ω …) need Unicode too; nothing is ever replaced silently.",
					displayOptions: onlyLegacy,
				},
				{
					displayName: 'User Data Header',
					name: 'udh',
					type: 'string',
					default: '',
					description: 'Raw user data header in hexadecimal (udh)',
					displayOptions: legacyAndPlatform,
				},
				{
					displayName: 'Validity (Minutes)',
					name: 'validityMinutes',
					type: 'number',
					typeOptions: { minValue: 1, maxValue: MAX_DELAY_MINUTES },
					default: 1440,
					description: 'Drop the message if it is still queued at the gateway after this many minutes',
					displayOptions: legacyAndPlatform,
				},
			],
		},
	),
	sendingSettings(
		onSend,
		`up to ${API_LIMITS['clickatell-http'].maxRecipientsPerRequest} recipients per request on the HTTP API, ${API_LIMITS['clickatell-rest'].maxRecipientsPerRequest} on the REST API, ${API_LIMITS['clickatell-platform'].maxRecipientsPerRequest} on the Platform SMS API and ${API_LIMITS['clickatell-one'].maxRecipientsPerRequest} on the One API`,
	),
];

const lookupFields: INodeProperties[] = [
	{
		displayName: 'Message ID',
		name: 'messageId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'a55b8f8d56f33440e993aa614c68bf8b',
		displayOptions: { show: { ...onMessage, operation: ['getStatus', 'getCharge', 'stop'] } },
		description: 'The API message ID returned when the message was sent (the messageId of a Send output item)',
	},
];

export const messageFields: INodeProperties[] = [...sendFields, ...lookupFields];
