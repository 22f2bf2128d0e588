import {
	NodeConnectionTypes,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';
import { CLICKSEND_API, testClickSendApi } from '../ClickSend/GenericFunctions';
import { setupNotice, eventsProperty, statusFilterProperty } from '../triggers-common/properties';
import { pollClickSend } from './poll';

export class ClickSendPollingTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ClickSend Polling Trigger',
		name: 'clickSendPollingTrigger',
		icon: { light: 'file:clickSendPollingTrigger.svg', dark: 'file:clickSendPollingTrigger.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow when ClickSend has new SMS replies or delivery reports, by polling its API',
		defaults: { name: 'ClickSend Polling Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CLICKSEND_API, required: true, testedBy: 'clickSendApiTest' }],
		properties: [
			setupNotice(
				"Use this trigger when ClickSend is set to 'Poll our server' for replies or delivery reports (SMS > Settings in the ClickSend dashboard). ClickSend returns each unread record once and marks it read, so fetching a test event here takes those records away from the active workflow.",
			),
			eventsProperty(
				{ name: 'Reply (Inbound SMS)', value: 'inbound', description: 'New replies from reply.php' },
				{ name: 'Delivery Report', value: 'status', description: 'New delivery reports from delivery.php' },
			),
			statusFilterProperty('delivery reports'),
		],
	};

	methods = {
		credentialTest: { clickSendApiTest: testClickSendApi },
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollClickSend(this);
	}
}
