import {
	NodeOperationError,
	type ICredentialsDecrypted,
	type ICredentialTestFunctions,
	type IHookFunctions,
	type INodeCredentialTestResult,
	type INodeProperties,
	type IWebhookFunctions,
} from 'n8n-workflow';
import { DEFAULT_TOKEN_PARAM, type CallbackSecretConfig } from '../../gateways/callbacks';

/** How a trigger checks that a callback comes from the gateway: the `verification` node parameter. */
export type VerificationMode = CallbackSecretConfig['mode'];

export const VERIFICATION_CREDENTIAL = 'smsWebhookAuthApi';

/** Shorter secrets can be guessed by anyone who can reach the webhook URL often enough. */
export const MIN_SECRET_LENGTH = 16;

export const verificationProperty: INodeProperties = {
	displayName: 'Verification',
	name: 'verification',
	type: 'options',
	options: [
		{
			name: 'Basic Auth',
			value: 'basic',
			description: 'The gateway sends HTTP Basic auth with the user name and secret of the credential',
		},
		{
			name: 'None',
			value: 'none',
			description: 'Anyone who knows the webhook URL can start the workflow',
		},
		{
			name: 'Query Token',
			value: 'token',
			description: 'The callback URL carries the secret of the credential, as in ?token=…',
		},
	],
	default: 'token',
	description:
		'How a callback proves it comes from the gateway. Requests without the secret get HTTP 401 and start nothing.',
};

interface StoredSecret {
	secret?: unknown;
	user?: unknown;
	queryParameter?: unknown;
}

function text(value: unknown): string {
	return typeof value === 'string' ? value : '';
}

/** What is wrong with the stored secret, or null when it can be used. */
export function secretProblem(data: StoredSecret | undefined): string | null {
	const secret = text(data?.secret);
	if (secret === '') return 'The secret is empty';
	if (secret.length < MIN_SECRET_LENGTH) return `The secret has ${secret.length} characters; use at least ${MIN_SECRET_LENGTH}`;
	const queryParameter = text(data?.queryParameter);
	if (queryParameter !== '' && !/^[A-Za-z0-9_.~-]+$/.test(queryParameter)) {
		return 'The query parameter name may only contain letters, digits and _ . ~ -';
	}
	return null;
}

/** The settings verifyCallbackSecret needs, read from the node parameter and, when needed, the credential. */
export async function readVerification(context: IWebhookFunctions | IHookFunctions): Promise<CallbackSecretConfig> {
	const mode = context.getNodeParameter('verification', 'token') as VerificationMode;
	if (mode === 'none') return { mode };
	const data = (await context.getCredentials(VERIFICATION_CREDENTIAL)) as StoredSecret;
	return {
		mode,
		secret: text(data.secret),
		user: text(data.user),
		tokenParam: text(data.queryParameter) || DEFAULT_TOKEN_PARAM,
	};
}

/**
 * Refuse to activate a workflow whose verification cannot work: a trigger that silently accepted every
 * caller because its secret is empty would be worse than one that does not start.
 */
export async function assertVerificationReady(context: IHookFunctions): Promise<void> {
	const mode = context.getNodeParameter('verification', 'token') as VerificationMode;
	if (mode === 'none') return;
	const problem = secretProblem((await context.getCredentials(VERIFICATION_CREDENTIAL)) as StoredSecret);
	if (problem !== null) {
		throw new NodeOperationError(context.getNode(), `${problem} in the SMS Webhook Verification API credential`, {
			description: 'Fix the credential, or set Verification to None to accept unauthenticated callbacks.',
		});
	}
}

/**
 * The credential test: there is no provider endpoint to ask, so it checks what can be checked locally,
 * that the secret is long enough and the parameter name can travel in a URL unescaped.
 */
export async function testWebhookSecret(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const problem = secretProblem(credential.data as StoredSecret | undefined);
	if (problem !== null) return { status: 'Error', message: problem };
	return {
		status: 'OK',
		message: 'The secret can be used. Send a test callback from the gateway to check its side.',
	};
}
