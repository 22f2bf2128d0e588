import type { INodeProperties } from 'n8n-workflow';

import { API_LIMITS } from '../../../gateways/limits';
import { sendingSettings } from '../../shared/sendParameters';
import { onV2Api } from '../apis';

const onMessage = { resource: ['message'] };
const LIMITS = API_LIMITS.clicksend;

export const messageOperations: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: onMessage },
		options: [
			{
				name: 'Get History',
				value: 'getHistory',
				action: 'Get the message history',
				description: 'Sent and received messages of the account, one item per message (history.php)',
			},
			{
				name: 'Send',
				value: 'send',
				action: 'Send an SMS',
				description: 'Send a text to one or more numbers; items sharing a text are batched (send.php)',
			},
		],
		default: 'send',
	},
];

const onSend = { show: { ...onMessage, operation: ['send'] } };
/** REST v3's price estimate takes what a send takes: recipients, text and options. */
const onSendOrPrice = { show: { ...onMessage, operation: ['send', 'getPrice'] } };

export const messageFields: INodeProperties[] = [
	{
		displayName: 'To',
		name: 'to',
		type: 'string',
		required: true,
		default: '',
		placeholder: '+61411111111, +61422222222',
		displayOptions: onSendOrPrice,
		description:
			'Recipient numbers in international format: one number, a comma-separated list, or an expression returning an array',
		hint: 'With a plus sign and country code (e.g. +61411111111), or local numbers together with the Country option',
	},
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 4 },
		displayOptions: onSendOrPrice,
		description: 'The message text',
		hint: `At most ${LIMITS.maxTextChars} characters. Up to 160 GSM-7 characters (70 in Unicode) fit one part; the output reports the encoding and parts.`,
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: onSendOrPrice,
		description: 'Optional message settings; each one is sent to ClickSend only when added',
		options: [
			{
				displayName: 'Country',
				name: 'country',
				type: 'string',
				default: '',
				placeholder: 'AU',
				description: 'Two-letter country code used to complete local numbers (country)',
			},
			{
				displayName: 'Custom String',
				name: 'clientReference',
				type: 'string',
				default: '',
				description: 'Your own reference, returned with replies and delivery reports (customstring)',
				hint: `At most ${LIMITS.maxClientReferenceLength} characters`,
			},
			{
				displayName: 'Schedule',
				name: 'scheduledAt',
				type: 'dateTime',
				default: '',
				description: 'When to deliver the message (schedule)',
				hint: 'A value without a time zone is read in the n8n server’s time zone',
			},
			{
				displayName: 'Sender ID',
				name: 'from',
				type: 'string',
				default: '',
				description: 'Number or name shown as the sender (senderid)',
				hint: 'A phone number, or at most 11 letters and digits without spaces',
			},
		],
	},
	sendingSettings(
		onSend,
		`up to ${LIMITS.maxRecipientsPerRequest} recipients per request on HTTP API v2, ${API_LIMITS['clicksend-v3'].maxRecipientsPerRequest} on REST API v3`,
	),
	// History's filter belongs to HTTP API v2 (REST v3's are in V3Description).
	...onV2Api(
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			description: 'Narrow down the records ClickSend returns',
			displayOptions: { show: { ...onMessage, operation: ['getHistory'] } },
			options: [
				{
					displayName: 'From Email',
					name: 'fromEmail',
					type: 'string',
					placeholder: 'name@email.com',
					default: '',
					description: 'Only messages sent through email-to-SMS from this address (from_email)',
				},
			],
		},
	),
];
