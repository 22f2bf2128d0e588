import type { ICredentialDataDecryptedObject, IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { ClickSendClient } from '../../gateways/clicksend';
import type { SmsEvent } from '../../gateways/events';
import { CLICKSEND_API, clickSendCredentials } from '../ClickSend/GenericFunctions';
import { toNodeError } from '../shared/errors';
import { N8nTransport, type HttpContext } from '../shared/N8nTransport';
import { eventJson } from '../shared/output';
import type { CallbackKind } from '../triggers-common/handle-callback';
import { admit, readPollState, takePending, writePollState } from './poll-state';

/** Replies first: they are what a conversation workflow waits for. */
const ORDER: readonly CallbackKind[] = ['inbound', 'status'];

function clientFor(context: IPollFunctions, credentials: ICredentialDataDecryptedObject): ClickSendClient {
	return new ClickSendClient({
		credentials: clickSendCredentials(credentials),
		// A poll context carries the same authenticated HTTP helper as an execute context; N8nTransport
		// only calls helpers.httpRequestWithAuthentication on it.
		transport: new N8nTransport(context as unknown as HttpContext, CLICKSEND_API, 'clicksend'),
	});
}

async function fetchKind(client: ClickSendClient, kind: CallbackKind): Promise<SmsEvent[]> {
	return kind === 'inbound' ? await client.getReplies() : await client.getDeliveryReports();
}

/**
 * One poll of reply.php and/or delivery.php. Active workflows emit only events not emitted before (see
 * poll-state.ts); a manual run ("Fetch Test Event") shows what ClickSend returns now and leaves the
 * node's static data alone. ClickSend marks what it returns as read either way.
 */
export async function pollClickSend(context: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const kinds = ORDER.filter((kind) => (context.getNodeParameter('events', []) as string[]).includes(kind));
	const states = context.getNodeParameter('statusFilter', []) as string[];
	const wanted = (json: IDataObject) =>
		json.type !== 'message.status' || states.length === 0 || states.includes(String(json.state));
	const client = clientFor(context, await context.getCredentials<ICredentialDataDecryptedObject>(CLICKSEND_API));

	if (context.getMode() === 'manual') {
		const items: IDataObject[] = [];
		for (const kind of kinds) {
			try {
				items.push(...(await fetchKind(client, kind)).map(eventJson));
			} catch (error) {
				throw toNodeError(context.getNode(), error);
			}
		}
		const shown = items.filter(wanted);
		return shown.length > 0 ? [context.helpers.returnJsonArray(shown)] : null;
	}

	const staticData = context.getWorkflowStaticData('node');
	const state = readPollState(staticData);
	for (const kind of kinds) {
		let events: SmsEvent[];
		try {
			events = await fetchKind(client, kind);
		} catch (error) {
			// What earlier requests of this poll returned is already parked in `pending`: it goes out next time.
			throw toNodeError(context.getNode(), error);
		}
		admit(state, events);
		writePollState(staticData, state);
	}
	const ready = takePending(state).filter(wanted);
	writePollState(staticData, state);
	return ready.length > 0 ? [context.helpers.returnJsonArray(ready)] : null;
}
