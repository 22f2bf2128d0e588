import type { IHookFunctions } from 'n8n-workflow';
import { assertVerificationReady } from './verification';

/*
 * Webhook lifecycle for gateways that have no API to register a callback URL (Clickatell's and ClickSend's
 * callback URLs are typed into their dashboards by hand). There is nothing remote to create, look up or
 * delete, so no network call is made; what is left to do honestly is local:
 * - checkExists: refuse to activate when verification cannot work, then answer whether this workflow has
 *   already handed out exactly this URL (kept in the node's static data, which n8n stores in the database,
 *   so every main and webhook process sees the same answer in queue mode);
 * - create: record the URL and when it was handed out;
 * - delete: forget it. The callbacks the user configured at the gateway keep arriving and get 404 from
 *   n8n until the workflow is active again, which is the gateway's cue to retry later.
 */

interface CallbackUrlRecord {
	callbackUrl?: string;
	callbackUrlSince?: string;
}

function record(context: IHookFunctions): CallbackUrlRecord {
	return context.getWorkflowStaticData('node') as CallbackUrlRecord;
}

export async function callbackUrlKnown(context: IHookFunctions): Promise<boolean> {
	await assertVerificationReady(context);
	const url = context.getNodeWebhookUrl('default');
	return url !== undefined && record(context).callbackUrl === url;
}

export function rememberCallbackUrl(context: IHookFunctions, now: Date = new Date()): boolean {
	const data = record(context);
	data.callbackUrl = context.getNodeWebhookUrl('default');
	data.callbackUrlSince = now.toISOString();
	return true;
}

export function forgetCallbackUrl(context: IHookFunctions): boolean {
	const data = record(context);
	delete data.callbackUrl;
	delete data.callbackUrlSince;
	return true;
}
