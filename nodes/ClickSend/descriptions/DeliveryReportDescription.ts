import type { INodeProperties } from 'n8n-workflow';

const onDeliveryReport = { resource: ['deliveryReport'] };

export const deliveryReportOperations: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: onDeliveryReport },
		options: [
			{
				name: 'Get Reports',
				value: 'getReports',
				action: 'Get delivery reports',
				description: 'Unread delivery reports, one item per report (delivery.php)',
			},
		],
		default: 'getReports',
	},
];

export const deliveryReportFields: INodeProperties[] = [
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description: 'Narrow down the records ClickSend returns',
		displayOptions: { show: { ...onDeliveryReport, operation: ['getReports'] } },
		options: [
			{
				displayName: 'Message ID',
				name: 'messageId',
				type: 'string',
				default: '',
				description: 'Only reports for this sent message (messageid); without it, all unread reports',
			},
		],
	},
];
