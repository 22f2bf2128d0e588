import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

/** What the gateways expect back from a callback they pushed: any 2xx; Clickatell and ClickSend read no body. */
export const ACCEPTED_BODY = 'OK';

/**
 * Answer the callback here and start no execution: n8n then sends nothing itself
 * (`noWebhookResponse`). Used for 401 and 400, whose bodies are a short plain-text reason.
 */
export function refuse(
	context: IWebhookFunctions,
	status: number,
	reason: string,
	headers: Record<string, string> = {},
): IWebhookResponseData {
	const response = context.getResponseObject();
	response.status(status);
	for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
	response.setHeader('Content-Type', 'text/plain; charset=utf-8');
	response.end(reason);
	return { noWebhookResponse: true };
}

/**
 * A well-formed, verified callback the node is not set to emit (another event type, a filtered state):
 * 200 so the gateway does not retry it for hours, and no execution.
 */
export function ignore(): IWebhookResponseData {
	return { webhookResponse: ACCEPTED_BODY };
}
