import type { IAuthenticateGeneric, Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * Clickatell Portal (platform.clickatell.com): one integration's API key serves the Platform SMS API and
 * the One API. The key travels bare in the Authorization header (no "Bearer"), never in a URL.
 * Tested by the Clickatell node (testedBy 'clickatellPortalApiTest'), through the gateways client, so a
 * refusal shows Clickatell's own code and text and the key is never echoed.
 */
export class ClickatellPortalApi implements ICredentialType {
	name = 'clickatellPortalApi';

	displayName = 'Clickatell Portal API';

	icon: Icon = {
		light: 'file:../nodes/Clickatell/clickatell.svg',
		dark: 'file:../nodes/Clickatell/clickatell.dark.svg',
	};

	documentationUrl = 'https://github.com/gatewaykit/n8n-nodes-sms#which-api-to-choose';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: "The API key of an API integration in the Clickatell Portal (My Workspace → API Integrations → API Details)",
		},
		{
			displayName: 'Integration Type',
			name: 'integrationType',
			type: 'options',
			options: [
				{ name: 'REST', value: 'rest', description: 'Platform SMS API sends with POST /messages (up to 200 numbers per request)' },
				{ name: 'HTTP', value: 'http', description: 'Platform SMS API sends with GET /messages/http/send (one number per request, sender only)' },
			],
			default: 'rest',
			description: "The API type chosen when the integration was created in the Portal; the One API ignores it",
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://platform.clickatell.com',
			description: 'Change only to use a proxy or the local sandbox',
			hint: 'For the local sandbox use its root URL, e.g. http://127.0.0.1:4010',
		},
	];

	// Requests of the gateways client already carry the header; this covers n8n's HTTP Request node
	// using this credential type.
	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '={{String($credentials.apiKey).trim()}}',
			},
		},
	};
}
