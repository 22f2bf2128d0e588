import type { INodeProperties } from 'n8n-workflow';

import { onApis } from '../apis';

const onCoverage = { resource: ['coverage'] };

/** Neither Portal API has a coverage command that could be confirmed (docs/current-apis.md). */
const httpOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: onCoverage },
	options: [
		{
			name: 'Check',
			value: 'check',
			action: 'Check coverage of a number',
			description: 'Whether Clickatell can route to a number and the lowest charge (routeCoverage)',
		},
	],
	default: 'check',
};

const restOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: onCoverage },
	options: [
		{
			name: 'Check',
			value: 'check',
			action: 'Check coverage of a number',
			description: 'Whether Clickatell can route to a number and the lowest charge (GET /rest/coverage/{number})',
		},
	],
	default: 'check',
};

export const coverageOperations: INodeProperties[] = [...onApis(httpOperations, ['clickatell-http']), ...onApis(restOperations, ['clickatell-rest'])];

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
