import type { INodeProperties } from 'n8n-workflow';

import { HTTP_API, REST_API } from '../GenericFunctions';

const onCoverage = { resource: ['coverage'] };

export const coverageOperations: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { ...onCoverage, authentication: [HTTP_API] } },
		options: [
			{
				name: 'Check',
				value: 'check',
				action: 'Check coverage of a number',
				description: 'Whether Clickatell can route to a number and the lowest charge (routeCoverage)',
			},
		],
		default: 'check',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { ...onCoverage, authentication: [REST_API] } },
		options: [
			{
				name: 'Check',
				value: 'check',
				action: 'Check coverage of a number',
				description: 'Whether Clickatell can route to a number and the lowest charge (GET /rest/coverage/{number})',
			},
		],
		default: 'check',
	},
];

export const coverageFields: INodeProperties[] = [
	{
		displayName: 'Number',
		name: 'number',
		type: 'string',
		required: true,
		default: '',
		placeholder: '27999123456',
		displayOptions: { show: { ...onCoverage, operation: ['check'] } },
		description: 'The mobile number to check, in international format',
		hint: 'Checks routing without sending anything; do not call it before every message',
	},
];
