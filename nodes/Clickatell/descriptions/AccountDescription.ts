import type { INodeProperties } from 'n8n-workflow';

import { HTTP_API, REST_API } from '../GenericFunctions';

const onAccount = { resource: ['account'] };

export const accountOperations: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { ...onAccount, authentication: [HTTP_API] } },
		options: [
			{
				name: 'Get Balance',
				value: 'getBalance',
				action: 'Get the account balance',
				description: 'Credits left on the account (getbalance)',
			},
			{
				name: 'Redeem Voucher',
				value: 'redeemVoucher',
				action: 'Redeem a credit voucher',
				description: 'Add credits to the account with a voucher code (token_pay)',
			},
		],
		default: 'getBalance',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		// The REST API has no voucher command.
		displayOptions: { show: { ...onAccount, authentication: [REST_API] } },
		options: [
			{
				name: 'Get Balance',
				value: 'getBalance',
				action: 'Get the account balance',
				description: 'Credits left on the account (GET /rest/account/balance)',
			},
		],
		default: 'getBalance',
	},
];

export const accountFields: INodeProperties[] = [
	{
		displayName: 'Voucher Code',
		name: 'voucher',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		displayOptions: { show: { ...onAccount, operation: ['redeemVoucher'], authentication: [HTTP_API] } },
		description: 'The credit voucher (token) to redeem',
	},
];
