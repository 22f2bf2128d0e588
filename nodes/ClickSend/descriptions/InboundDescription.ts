import type { INodeProperties } from 'n8n-workflow';

const onInbound = { resource: ['inbound'] };

export const inboundOperations: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: onInbound },
		options: [
			{
				name: 'Get Replies',
				value: 'getReplies',
				action: 'Get inbound replies',
				description: 'Unread inbound messages, one item per reply (reply.php)',
			},
		],
		default: 'getReplies',
	},
];

export const inboundFields: INodeProperties[] = [
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description: 'Narrow down the records ClickSend returns',
		displayOptions: { show: { ...onInbound, operation: ['getReplies'] } },
		options: [
			{
				displayName: 'Message ID',
				name: 'messageId',
				type: 'string',
				default: '',
				description: 'Only replies to this sent message (messageid); without it, all unread replies',
			},
		],
	},
];
