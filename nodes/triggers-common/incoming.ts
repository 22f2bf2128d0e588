import type { IWebhookFunctions } from 'n8n-workflow';
import { parseCallbackQuery } from '../../gateways/callbacks';

/**
 * What n8n's web server leaves on an incoming request besides Express's own fields: `rawBody`, the bytes
 * as received (set by its raw-body reader before the trigger runs, for every body that is not multipart),
 * and `readRawBody()` to fill it when it is not there yet.
 */
interface N8nIncomingRequest {
	method?: string;
	originalUrl?: string;
	url?: string;
	rawBody?: Buffer;
	readRawBody?: () => Promise<void>;
}

/** What the secret check may look at: the request line and the headers, nothing parsed. */
export interface WebhookRequestLine {
	method: string;
	/** Path and query exactly as on the request line (undecoded). */
	url: string;
	headers: Record<string, string | string[] | undefined>;
	contentType: string | undefined;
	multipart: boolean;
}

/** One callback request, reduced to what the gateways normalizers need. */
export interface IncomingCallback {
	/** Query parameters decoded from the raw URL bytes (gateways parseCallbackQuery). */
	query: Record<string, unknown>;
	/** The body exactly as received; undefined for GET and for multipart bodies (not a callback format). */
	rawBody: Buffer | undefined;
}

function requestOf(context: IWebhookFunctions): N8nIncomingRequest {
	return context.getRequestObject() as unknown as N8nIncomingRequest;
}

/** The query string as parsed callback parameters (see gateways parseCallbackQuery). */
export function queryFromUrl(url: string): Record<string, unknown> {
	return parseCallbackQuery(url);
}

/** The request line and headers, for the secret check: reads no body and parses no query. */
export function readRequestLine(context: IWebhookFunctions): WebhookRequestLine {
	const request = requestOf(context);
	const headers = context.getHeaderData() as Record<string, string | string[] | undefined>;
	const contentTypeHeader = headers['content-type'];
	const contentType = Array.isArray(contentTypeHeader) ? contentTypeHeader[0] : contentTypeHeader;
	return {
		method: (request.method ?? 'POST').toUpperCase(),
		url: request.originalUrl ?? request.url ?? '',
		headers,
		contentType,
		multipart: (contentType ?? '').trim().toLowerCase().startsWith('multipart/'),
	};
}

/**
 * The body's bytes and the query's parameters, for a request whose secret was verified. n8n has read the
 * body before the trigger runs (see README, "What n8n does before the trigger runs"); `readRawBody()` is
 * only called when n8n left it unread. The query is parsed here, bounded (CALLBACK_LIMITS).
 */
export async function readCallback(context: IWebhookFunctions, line: WebhookRequestLine): Promise<IncomingCallback> {
	const request = requestOf(context);
	// n8n has parsed multipart bodies into files and fields already, so their bytes cannot be read again.
	if (!line.multipart && request.rawBody === undefined && line.method !== 'GET' && typeof request.readRawBody === 'function') {
		await request.readRawBody();
	}
	return { query: parseCallbackQuery(line.url), rawBody: line.multipart ? undefined : request.rawBody };
}
