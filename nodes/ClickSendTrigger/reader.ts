import {
	classifyClickSendCallback,
	normalizeClickSendDeliveryReport,
	normalizeClickSendReply,
} from '../../gateways/callbacks';
import type { CallbackReader } from '../triggers-common/handle-callback';

/** ClickSend reply and delivery-report pushes through the gateways normalizers. */
export const clickSendReader: CallbackReader = {
	label: 'ClickSend',
	classify: classifyClickSendCallback,
	normalize: (kind, params, options) =>
		kind === 'status' ? normalizeClickSendDeliveryReport(params, options) : normalizeClickSendReply(params, options),
};
