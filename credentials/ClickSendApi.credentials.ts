import type { IAuthenticate, Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

import { addFormAuthentication } from './shared/formAuthentication';

/**
 * ClickSend HTTP API v2 (username + API key as form fields). Tested by the ClickSend node
 * (testedBy 'clickSendApiTest'): the API always answers HTTP 200 and reports bad credentials as
 * `<result>2022</result>` in XML, which a declarative `test` request cannot read.
 */
export class ClickSendApi implements ICredentialType {
	name = 'clickSendApi';

	displayName = 'ClickSend API';

	icon: Icon = {
		light: 'file:../nodes/ClickSend/clicksend.svg',
		dark: 'file:../nodes/ClickSend/clicksend.dark.svg',
	};

	documentationUrl = 'https://github.com/gatewaykit/n8n-nodes-sms#clicksend';

	properties: INodeProperties[] = [
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			required: true,
			description: 'The API username (or a subaccount username)',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: "The API key shown under 'API Credentials' in the ClickSend dashboard (or the subaccount password)",
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api-mapper.clicksend.com',
			description: 'Change only to use a proxy or the local sandbox (e.g. http://127.0.0.1:8080)',
		},
	];

	// A request without authentication (n8n's HTTP Request node using this credential type, for example)
	// gets username + key added to its form body; requests from the gateways client (every operation of
	// the ClickSend node) already carry them.
	authenticate: IAuthenticate = async (credentials, requestOptions) =>
		addFormAuthentication(
			requestOptions,
			{ username: String(credentials.username ?? '').trim(), key: String(credentials.apiKey ?? '') },
			['key'],
		);
}
