import { NodeOperationError, type IWebhookFunctions, type IWebhookResponseData } from 'n8n-workflow';
import {
	CALLBACK_TOO_LARGE,
	classifyCallback,
	normalizeCallbackEvents,
	normalizeClassified,
	parseCallbackBody,
	verifyCallbackRequest,
	type CallbackKind,
	type CallbackOptions,
} from '../../gateways/callbacks';
import type { Provider } from '../../gateways/provider';
import { isGatewayError, type GatewayError } from '../../gateways/errors';
import type { SmsEvent } from '../../gateways/events';
import { eventJson } from '../shared/output';
import type { WebhookRequestLine } from './incoming';
import { readCallback, readRequestLine } from './incoming';
import { ignore, refuse } from './respond';
import { readVerification } from './verification';

export type { CallbackKind };


/** Which provider a webhook trigger listens for; classifying and normalizing live in gateways/callbacks. */
export interface CallbackSource {
	provider: Provider;
	/** 'Clickatell' or 'ClickSend', for the 400 reason. */
	label: string;
}

/** Errors that mean "this request cannot be read" (400, 413 when too large), as opposed to a fault on our side. */
const UNREADABLE_CODES = new Set(['MALFORMED_CALLBACK', 'UNDECODABLE_TEXT', CALLBACK_TOO_LARGE]);

function unreadable(error: unknown): error is GatewayError {
	return isGatewayError(error) && UNREADABLE_CODES.has(error.code);
}

function badRequest(context: IWebhookFunctions, error: GatewayError): IWebhookResponseData {
	// providerText is the parser's own short description ("required field 'apiMsgId' is missing").
	if (error.code === CALLBACK_TOO_LARGE) return refuse(context, 413, `Payload Too Large: ${error.providerText ?? error.message}`);
	return refuse(context, 400, `Bad Request: ${error.providerText ?? error.message}`);
}

/**
 * One callback request to at most one execution, in this order: verify the secret from the request line
 * and headers alone (401; the query is not parsed and the body not looked at), read the parameters,
 * bounded (413 when too large, 400 when they cannot be read), drop what the node is not set to emit
 * (200, no execution), emit one item in the gateways event model. Nothing is kept between calls, so any
 * n8n process (main or webhook processor in queue mode) can take any callback.
 */
export async function handleCallback(context: IWebhookFunctions, source: CallbackSource): Promise<IWebhookResponseData> {
	const verification = await readVerification(context);
	const line = readRequestLine(context);

	let verified: boolean;
	try {
		verified = verifyCallbackRequest(verification, line);
	} catch (error) {
		// An empty secret: a configuration fault, surfaced as a failed execution, never as an open door.
		throw new NodeOperationError(context.getNode(), error as Error, {
			description: 'Set a secret in the SMS Webhook Verification API credential, or set Verification to None.',
		});
	}
	if (!verified) {
		const challenge: Record<string, string> =
			verification.mode === 'basic' ? { 'WWW-Authenticate': 'Basic realm="sms-callback", charset="UTF-8"' } : {};
		return refuse(context, 401, 'Unauthorized', challenge);
	}

	if (line.multipart) {
		return refuse(context, 400, 'Bad Request: multipart bodies are not a callback format; use GET, a form POST or JSON');
	}
	const options: CallbackOptions = { secretParams: verification.mode === 'token' && verification.tokenParam ? [verification.tokenParam] : [] };
	if (MULTI_EVENT_PROVIDERS.has(source.provider)) return await handleEvents(context, source, line, options);
	let event: SmsEvent;
	try {
		const incoming = await readCallback(context, line);
		const params = parseCallbackBody(line.contentType, incoming.rawBody, incoming.query);
		const kind = classifyCallback(source.provider, params);
		if (kind === null) {
			return refuse(context, 400, `Bad Request: the parameters are neither a ${source.label} status callback nor an inbound message`);
		}
		const wanted = context.getNodeParameter('events', []) as CallbackKind[];
		if (!wanted.includes(kind)) return ignore();
		event = normalizeClassified(source.provider, kind, params, options);
	} catch (error) {
		if (unreadable(error)) return badRequest(context, error);
		throw new NodeOperationError(context.getNode(), error as Error);
	}

	const states = context.getNodeParameter('statusFilter', []) as string[];
	if (event.type === 'message.status' && states.length > 0 && !states.includes(event.state)) return ignore();

	return { workflowData: [context.helpers.returnJsonArray([eventJson(event)])] };
}

/**
 * The current APIs' callbacks are normalized as a list: one One API callback may carry several events
 * (`event.messageStatusUpdate[]`, `event.moText[]`; "batches currently hold one event but may hold more
 * later", ../shared/specs/clickatell-platform-api.md §6.5). Each event the node is set to emit becomes
 * its own item of one execution; a callback with none of them gets a 200 and starts nothing.
 */
const MULTI_EVENT_PROVIDERS: ReadonlySet<Provider> = new Set<Provider>(['clickatell-one', 'clickatell-platform', 'clicksend-v3']);

function kindOf(event: SmsEvent): CallbackKind {
	return event.type === 'message.inbound' ? 'inbound' : 'status';
}

async function handleEvents(context: IWebhookFunctions, source: CallbackSource, line: WebhookRequestLine, options: CallbackOptions): Promise<IWebhookResponseData> {
	const wanted = context.getNodeParameter('events', []) as CallbackKind[];
	let events: SmsEvent[];
	try {
		const incoming = await readCallback(context, line);
		const params = parseCallbackBody(line.contentType, incoming.rawBody, incoming.query);
		// Kinds the node does not emit are dropped before they are normalized, as on the one-event path.
		events = normalizeCallbackEvents(source.provider, params, options, wanted);
	} catch (error) {
		if (unreadable(error)) return badRequest(context, error);
		throw new NodeOperationError(context.getNode(), error as Error);
	}
	const states = context.getNodeParameter('statusFilter', []) as string[];
	const emitted = events.filter(
		(event) => wanted.includes(kindOf(event)) && (event.type !== 'message.status' || states.length === 0 || states.includes(event.state)),
	);
	if (emitted.length === 0) return ignore();
	return { workflowData: [context.helpers.returnJsonArray(emitted.map(eventJson))] };
}
