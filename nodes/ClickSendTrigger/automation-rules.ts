import { NodeOperationError, type ICredentialDataDecryptedObject, type IExecuteFunctions, type IHookFunctions, type INode } from 'n8n-workflow';

import { ClickSendV3Client } from '../../gateways/clicksend-v3';
import { isGatewayError } from '../../gateways/errors';
import { CLICKSEND_API, clickSendCredentials } from '../ClickSend/GenericFunctions';
import { toNodeError } from '../shared/errors';
import { N8nTransport } from '../shared/N8nTransport';
import type { CallbackKind } from '../triggers-common/handle-callback';
import { assertVerificationReady, readVerification } from '../triggers-common/verification';

/*
 * ClickSend REST v3 lets us register the push URL ourselves (automation rules, ../shared/specs
 * clicksend-rest-api-v3.md §7), so a trigger set to register does what n8n's own triggers do with a
 * provider's webhook API: checkExists / create / delete, with the rules' ids in the node's static data
 * (stored by n8n in its database, so every main and webhook process sees them in queue mode).
 * - inbound: POST /automations/sms/inbound with webhook_type 'json' (C5; ClickSend's own n8n trigger);
 * - status:  POST /automations/sms/receipts (its model has no webhook_type, C2).
 * The URL carries the verification secret the trigger checks (query token, or user:secret@ for Basic
 * auth), exactly as a URL typed into the dashboard would; it is built here and never stored or logged.
 */

interface RuleIds {
	clickSendInboundRuleId?: string;
	clickSendReceiptRuleId?: string;
}

/**
 * The ids of the rules for this URL: n8n runs the same hooks for the editor's test URL (/webhook-test/)
 * while the workflow may be active on its production URL, so each keeps its own ids and listening for a
 * test event never replaces or deletes the production rules.
 */
function staticData(context: IHookFunctions): RuleIds {
	const data = context.getWorkflowStaticData('node') as Record<string, RuleIds | undefined>;
	const key = /\/webhook-test\//.test(context.getNodeWebhookUrl('default') ?? '') ? 'clickSendTestRules' : 'clickSendRules';
	data[key] ??= {};
	return data[key];
}

function client(context: IHookFunctions, data: ICredentialDataDecryptedObject): ClickSendV3Client {
	// N8nTransport only uses helpers.httpRequestWithAuthentication, which hook functions have as well.
	const transport = new N8nTransport(context as unknown as IExecuteFunctions, CLICKSEND_API, 'clicksend-v3');
	return new ClickSendV3Client({ credentials: clickSendCredentials(data), transport });
}

async function v3Client(context: IHookFunctions): Promise<ClickSendV3Client> {
	return client(context, await context.getCredentials(CLICKSEND_API));
}

/** The webhook URL ClickSend should call, with the secret the trigger verifies. */
async function pushUrl(context: IHookFunctions): Promise<string> {
	const webhookUrl = context.getNodeWebhookUrl('default');
	if (!webhookUrl) throw new NodeOperationError(context.getNode(), 'n8n gave the trigger no webhook URL to register');
	const url = new URL(webhookUrl);
	const verification = await readVerification(context);
	if (verification.mode === 'token') url.searchParams.set(verification.tokenParam ?? 'token', verification.secret ?? '');
	if (verification.mode === 'basic') {
		url.username = verification.user ?? '';
		url.password = verification.secret ?? '';
	}
	return url.toString();
}

function wantedKinds(context: IHookFunctions): CallbackKind[] {
	return context.getNodeParameter('events', []) as CallbackKind[];
}

/** At most 100 characters (the builder's limit): names the workflow so the rule can be found in ClickSend's dashboard. */
function ruleName(context: IHookFunctions): string {
	const name = `n8n: ${context.getWorkflow().name ?? 'workflow'} (${context.getNode().name})`;
	return [...name].slice(0, 100).join('');
}

function isNotFound(error: unknown): boolean {
	return isGatewayError(error) && error.httpStatus === 404;
}

/** A rule we stored that ClickSend still has, pushing to the URL we would register now. */
async function ruleMatches(node: INode, lookup: () => Promise<{ url: string | null }>, url: string): Promise<boolean> {
	try {
		return (await lookup()).url === url;
	} catch (error) {
		if (isNotFound(error)) return false;
		throw toNodeError(node, error);
	}
}

export async function rulesExist(context: IHookFunctions): Promise<boolean> {
	await assertVerificationReady(context);
	const ids = staticData(context);
	const kinds = wantedKinds(context);
	if (kinds.includes('inbound') !== (ids.clickSendInboundRuleId !== undefined)) return false;
	if (kinds.includes('status') !== (ids.clickSendReceiptRuleId !== undefined)) return false;
	if (ids.clickSendInboundRuleId === undefined && ids.clickSendReceiptRuleId === undefined) return false;
	const api = await v3Client(context);
	const url = await pushUrl(context);
	const { clickSendInboundRuleId: inboundId, clickSendReceiptRuleId: receiptId } = ids;
	const node = context.getNode();
	if (inboundId !== undefined && !(await ruleMatches(node, async () => await api.getInboundRule(inboundId), url))) return false;
	if (receiptId !== undefined && !(await ruleMatches(node, async () => await api.getReceiptRule(receiptId), url))) return false;
	return true;
}

/** Deletes what is stored; a rule already gone counts as deleted. Returns whether everything is gone. */
async function deleteStored(context: IHookFunctions, api: ClickSendV3Client): Promise<boolean> {
	const ids = staticData(context);
	let clean = true;
	const remove = async (id: string | undefined, del: (id: string) => Promise<void>, clear: () => void): Promise<void> => {
		if (id === undefined) return;
		try {
			await del(id);
			clear();
		} catch (error) {
			if (isNotFound(error)) clear();
			else clean = false;
		}
	};
	await remove(ids.clickSendInboundRuleId, async (id) => await api.deleteInboundRule(id), () => delete ids.clickSendInboundRuleId);
	await remove(ids.clickSendReceiptRuleId, async (id) => await api.deleteReceiptRule(id), () => delete ids.clickSendReceiptRuleId);
	return clean;
}

export async function createRules(context: IHookFunctions): Promise<boolean> {
	const api = await v3Client(context);
	// A stale rule of an earlier activation (another URL, another event choice) is replaced, not duplicated.
	await deleteStored(context, api);
	const url = await pushUrl(context);
	const name = ruleName(context);
	const kinds = wantedKinds(context);
	const ids = staticData(context);
	try {
		if (kinds.includes('inbound')) ids.clickSendInboundRuleId = (await api.createInboundRule({ url, ruleName: name, webhookType: 'json' })).id;
		if (kinds.includes('status')) ids.clickSendReceiptRuleId = (await api.createReceiptRule({ url, ruleName: name })).id;
	} catch (error) {
		// Half a registration is worse than none: remove what was created, then report why.
		await deleteStored(context, api);
		throw new NodeOperationError(context.getNode(), error as Error, {
			message: 'ClickSend refused to create the automation rule for this trigger',
			description: isGatewayError(error) ? (error.hint ?? error.message) : undefined,
		});
	}
	return true;
}

export async function deleteRules(context: IHookFunctions): Promise<boolean> {
	return await deleteStored(context, await v3Client(context));
}
