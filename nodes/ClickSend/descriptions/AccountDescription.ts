import type { INodeProperties } from 'n8n-workflow';

import { FORM_HEADERS, readBalance } from '../GenericFunctions';

export const accountOperations: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['account'] } },
		options: [
			{
				name: 'Get Balance',
				value: 'getBalance',
				action: 'Get the account balance',
				description: 'Balance and currency of the account (balance.php)',
				routing: {
					request: { method: 'POST', url: '/http/v2/balance.php', headers: FORM_HEADERS },
					output: { postReceive: [readBalance] },
				},
			},
		],
		default: 'getBalance',
	},
];
