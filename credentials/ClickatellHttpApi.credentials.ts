import type { IAuthenticate, Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

import { addFormAuthentication } from './shared/formAuthentication';

/**
 * Clickatell legacy HTTP API (api_id + user + password, or a session).
 * Tested by the Clickatell node (testedBy 'clickatellHttpApiTest'): the API answers HTTP 200 with
 * `ERR: 001, Authentication failed`, which a declarative `test` request cannot tell from a success.
 */
export class ClickatellHttpApi implements ICredentialType {
	name = 'clickatellHttpApi';

	displayName = 'Clickatell HTTP API';

	icon: Icon = {
		light: 'file:../nodes/Clickatell/clickatell.svg',
		dark: 'file:../nodes/Clickatell/clickatell.dark.svg',
	};

	documentationUrl = 'https://github.com/gatewaykit/n8n-nodes-sms#clickatell-http-api';

	properties: INodeProperties[] = [
		{
			displayName: 'API ID',
			name: 'apiId',
			type: 'string',
			default: '',
			required: true,
			description:
				"The api_id of the HTTP API connection, shown in Clickatell's Developers' Central. With a newer Clickatell Portal account, enter the API Key here instead (My Workspace → API Integrations → API Details), as Clickatell's help centre advises for the legacy API.",
		},
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			required: true,
			description: "The Developers' Central username (with a newer Clickatell Portal account: the account username)",
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: "The Developers' Central password (with a newer Clickatell Portal account: the account password)",
		},
		{
			displayName: 'Authentication Mode',
			name: 'authMode',
			type: 'options',
			options: [
				{
					name: 'Per Request',
					value: 'perRequest',
					description: 'Every call carries the API ID, username and password',
				},
				{
					name: 'Session',
					value: 'session',
					description:
						'A send authenticates once per execution and reuses the session ID for all its requests, renewing it when Clickatell answers ERR: 003 (session expired). Single lookups such as balance or status authenticate per request, which sends the password just as often.',
				},
			],
			default: 'session',
			description: 'How calls prove who they are',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.clickatell.com',
			description: 'Change only to use a proxy or the local sandbox (e.g. http://127.0.0.1:8080)',
		},
	];

	// A request without authentication (n8n's HTTP Request node using this credential type, for example)
	// gets api_id + user + password added to its form body. Requests from the gateways client (every
	// operation of the Clickatell node) already carry session_id or api_id and are left alone.
	authenticate: IAuthenticate = async (credentials, requestOptions) =>
		addFormAuthentication(
			requestOptions,
			{
				api_id: String(credentials.apiId ?? '').trim(),
				user: String(credentials.username ?? '').trim(),
				password: String(credentials.password ?? ''),
			},
			['session_id', 'api_id'],
		);
}
