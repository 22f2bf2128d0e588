import type { IAuthenticateGeneric, Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * Clickatell REST API (Bearer token). Tested by the Clickatell node (testedBy 'clickatellRestApiTest')
 * so a refusal shows Clickatell's own error code and description, not only the HTTP status.
 */
export class ClickatellRestApi implements ICredentialType {
	name = 'clickatellRestApi';

	displayName = 'Clickatell REST API';

	icon: Icon = {
		light: 'file:../nodes/Clickatell/clickatell.svg',
		dark: 'file:../nodes/Clickatell/clickatell.dark.svg',
	};

	documentationUrl = 'https://github.com/gatewaykit/n8n-nodes-sms#clickatell-rest-api';

	properties: INodeProperties[] = [
		{
			displayName: 'Auth Token',
			name: 'authToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: "The REST API connection's authentication token from Developers' Central",
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.clickatell.com',
			description: 'Change only to use a proxy or the local sandbox (e.g. http://127.0.0.1:8080)',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.authToken.trim()}}',
			},
		},
	};
}
