import type { IWebhookFunctions } from 'n8n-workflow';
import { parseCallbackBody } from '../../gateways/callbacks';

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

/** One callback request, reduced to what verification and the gateways normalizers need. */
export interface IncomingCallback {
	method: string;
	/** Query parameters decoded from the raw URL bytes (see queryFromUrl). */
	query: Record<string, unknown>;
	headers: Record<string, string | string[] | undefined>;
	contentType: string | undefined;
	/** The body exactly as received; undefined for GET and for multipart bodies (not a callback format). */
	rawBody: Buffer | undefined;
	multipart: boolean;
}

/**
 * The query string decoded from the bytes of the request line rather than taken from Express's
 * `req.query`: Clickatell sends inbound text in ISO-8859-1 by default (`text=caf%E9`), and Express's
 * UTF-8 decoder turns such bytes into U+FFFD before anyone can apply the declared charset. Node keeps
 * the request line one character per byte (latin1), so the bytes are recovered exactly and the gateways
 * form reader decodes them (UTF-8 when valid, one character per byte otherwise).
 */
export function queryFromUrl(url: string): Record<string, unknown> {
	const start = url.indexOf('?');
	if (start < 0) return {};
	const end = url.indexOf('#', start);
	const raw = url.slice(start + 1, end < 0 ? undefined : end);
	return parseCallbackBody('application/x-www-form-urlencoded', Buffer.from(raw, 'latin1'));
}

/** Read the callback from n8n's webhook context: query from the raw URL, body as raw bytes. */
export async function readIncomingCallback(context: IWebhookFunctions): Promise<IncomingCallback> {
	const request = context.getRequestObject() as unknown as N8nIncomingRequest;
	const headers = context.getHeaderData() as Record<string, string | string[] | undefined>;
	const method = (request.method ?? 'POST').toUpperCase();
	const contentTypeHeader = headers['content-type'];
	const contentType = Array.isArray(contentTypeHeader) ? contentTypeHeader[0] : contentTypeHeader;
	const multipart = (contentType ?? '').trim().toLowerCase().startsWith('multipart/');
	// n8n has parsed multipart bodies into files and fields already, so their bytes cannot be read again.
	if (!multipart && request.rawBody === undefined && method !== 'GET' && typeof request.readRawBody === 'function') {
		await request.readRawBody();
	}
	return {
		method,
		query: queryFromUrl(request.originalUrl ?? request.url ?? ''),
		headers,
		contentType,
		rawBody: multipart ? undefined : request.rawBody,
		multipart,
	};
}
