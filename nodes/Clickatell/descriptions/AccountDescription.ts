import type { INodeProperties } from 'n8n-workflow';

import { onApis, PORTAL_APIS, type PortalApi } from '../apis';
import { portalOperationsAvailable } from '../portal';

const onAccount = { resource: ['account'] };

const httpOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: onAccount },
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
};

/** The REST API has no voucher command. */
const restOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: onAccount },
	options: [
		{
			name: 'Get Balance',
			value: 'getBalance',
			action: 'Get the account balance',
			description: 'Credits left on the account (GET /rest/account/balance)',
		},
	],
	default: 'getBalance',
};

/** The Portal APIs: Get Balance where portal-core confirmed a balance endpoint (PORTAL_OPERATIONS). */
function portalOperations(api: PortalApi): INodeProperties[] {
	if (!portalOperationsAvailable(api).includes('balance')) return [];
	return onApis(
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: onAccount },
			options: [{ name: 'Get Balance', value: 'getBalance', action: 'Get the account balance', description: 'Balance of the Portal account' }],
			default: 'getBalance',
		},
		[api],
	);
}

export const accountOperations: INodeProperties[] = [
	...onApis(httpOperations, ['clickatell-http']),
	...onApis(restOperations, ['clickatell-rest']),
	...PORTAL_APIS.flatMap(portalOperations),
];

export const accountFields: INodeProperties[] = [
	{
		displayName: 'Voucher Code',
		name: 'voucher',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		displayOptions: { show: { ...onAccount, operation: ['redeemVoucher'] } },
		description: 'The credit voucher (token) to redeem',
	},
];
