import type { CallbackSource } from '../triggers-common/handle-callback';

/** ClickSend reply and delivery-report pushes (classified and normalized in gateways/callbacks). */
export const clickSendSource: CallbackSource = { provider: 'clicksend', label: 'ClickSend' };
