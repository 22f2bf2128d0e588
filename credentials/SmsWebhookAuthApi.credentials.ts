import type { ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

/**
 * The shared secret an SMS gateway's callback must carry to start a workflow (Clickatell and ClickSend
 * triggers). It lives in a credential, not in a node parameter, because node parameters are stored in
 * the workflow JSON in clear text and travel with every export; credentials are encrypted at rest.
 *
 * Which of the fields is checked depends on the trigger's "Verification" parameter: the query token
 * (`?token=<secret>` on the callback URL) or HTTP Basic auth (user name and password, as Clickatell's
 * "basic HTTP authentication" option and any `https://user:password@host/...` URL send it).
 * There is nothing to call at the provider, so the credential is checked locally by the trigger nodes
 * (`testedBy: 'smsWebhookAuthTest'`).
 */
export class SmsWebhookAuthApi implements ICredentialType {
	name = 'smsWebhookAuthApi';

	displayName = 'SMS Webhook Verification API';

	icon: Icon = { light: 'file:smsWebhookAuth.svg', dark: 'file:smsWebhookAuth.dark.svg' };

	documentationUrl = 'https://github.com/gatewaykit/n8n-nodes-sms#verifying-callbacks';

	properties: INodeProperties[] = [
		{
			displayName: 'Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The token the callback URL must carry (Query Token verification), or the password (Basic Auth verification). Use at least 16 random characters.',
		},
		{
			displayName: 'Query Parameter Name',
			name: 'queryParameter',
			type: 'string',
			default: 'token',
			description:
				'Query Token verification only: the name of the query parameter that carries the secret, as in ?token=…',
		},
		{
			displayName: 'User Name',
			name: 'user',
			type: 'string',
			default: '',
			description:
				'Basic Auth verification only: the user name the gateway must send. Leave empty to check the password alone.',
		},
	];
}
