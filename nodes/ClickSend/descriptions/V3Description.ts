import type { INodeProperties } from 'n8n-workflow';

import { onlyV3 } from '../apis';

/**
 * The operations of ClickSend REST API v3 (version 2 nodes set to it), each one method of the gateways
 * ClickSendV3Client. Send shares its fields with HTTP API v2 (MessageDescription); the pulls page
 * through ClickSend's paginated lists.
 */

function operations(resource: string, options: INodeProperties['options'], defaultValue: string): INodeProperties {
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource], ...onlyV3 } },
		options,
		default: defaultValue,
	};
}

export const v3Operations: INodeProperties[] = [
	operations(
		'message',
		[
			{
				name: 'Cancel',
				value: 'cancel',
				action: 'Cancel a scheduled message',
				description: 'Cancel one scheduled message that has not been sent yet (PUT /sms/{ID}/cancel)',
			},
			{
				name: 'Cancel All',
				value: 'cancelAll',
				action: 'Cancel all scheduled messages',
				description: 'Cancel every scheduled message of the account; returns how many were cancelled (PUT /sms/cancel-all)',
			},
			{
				name: 'Get History',
				value: 'getHistory',
				action: 'Get the message history',
				description: 'Sent messages with their current status, one item per message (GET /sms/history)',
			},
			{
				name: 'Get Price Estimate',
				value: 'getPrice',
				action: 'Get the price of a message',
				description: 'What sending the text to the numbers would cost; nothing is sent (POST /sms/price)',
			},
			{
				name: 'Send',
				value: 'send',
				action: 'Send an SMS',
				description: 'Send a text to one or more numbers; items sharing a text are batched (POST /sms/send)',
			},
		],
		'send',
	),
	operations(
		'inbound',
		[
			{
				name: 'Get Replies',
				value: 'getReplies',
				action: 'Get inbound messages',
				description: 'Inbound messages of the account, one item per message (GET /sms/inbound)',
			},
			{
				name: 'Get Replies to a Message',
				value: 'getReplyTo',
				action: 'Get the replies to a message',
				description: 'The inbound replies to one message you sent (GET /sms/inbound/{ID})',
			},
		],
		'getReplies',
	),
	operations(
		'deliveryReport',
		[
			{
				name: 'Get Report',
				value: 'getReport',
				action: 'Get the delivery report of a message',
				description: 'The delivery receipt of one message you sent (GET /sms/receipts/{ID})',
			},
			{
				name: 'Get Reports',
				value: 'getReports',
				action: 'Get delivery reports',
				description: 'Delivery receipts of the account, one item per receipt (GET /sms/receipts)',
			},
		],
		'getReports',
	),
	operations(
		'account',
		[
			{
				name: 'Get Balance',
				value: 'getBalance',
				action: 'Get the account balance',
				description: 'Balance and currency of the account (GET /account)',
			},
		],
		'getBalance',
	),
];

/** The pulls that page through a list. */
const LIST_OPERATIONS = { resource: ['message', 'inbound', 'deliveryReport'], operation: ['getHistory', 'getReplies', 'getReports'], ...onlyV3 };

export const v3Fields: INodeProperties[] = [
	{
		displayName: 'Message ID',
		name: 'messageId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'BF7AD270-0DE2-418B-B606-71D527D9C1AE',
		displayOptions: { show: { resource: ['message', 'inbound', 'deliveryReport'], operation: ['cancel', 'getReplyTo', 'getReport'], ...onlyV3 } },
		description: 'The message ID ClickSend returned when the message was sent (the messageId of a Send output item)',
	},
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		displayOptions: { show: LIST_OPERATIONS },
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 100 },
		default: 50,
		displayOptions: { show: { ...LIST_OPERATIONS, returnAll: [false] } },
		description: 'Max number of results to return',
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description: 'Narrow down the messages ClickSend returns',
		displayOptions: { show: { resource: ['message'], operation: ['getHistory'], ...onlyV3 } },
		options: [
			{
				displayName: 'Sent After',
				name: 'dateFrom',
				type: 'dateTime',
				default: '',
				description: 'Only messages sent at or after this time (date_from)',
			},
			{
				displayName: 'Sent Before',
				name: 'dateTo',
				type: 'dateTime',
				default: '',
				description: 'Only messages sent before this time (date_to)',
			},
		],
	},
];
