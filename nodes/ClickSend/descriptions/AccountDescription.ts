import type { INodeProperties } from 'n8n-workflow';

import { notV3 } from '../apis';

export const accountOperations: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['account'] }, hide: notV3 },
		options: [
			{
				name: 'Get Balance',
				value: 'getBalance',
				action: 'Get the account balance',
				description: 'Balance and currency of the account (balance.php)',
			},
		],
		default: 'getBalance',
	},
];
