/**
 * The shared protocol core: everything the n8n nodes, the Node-RED nodes and the sandbox have in common.
 * Cross-cutting pieces are exported flat; each API's builders and parsers under its own namespace, because
 * the three APIs name their steps alike (prepareSend, parseSendResponse ...).
 */
export * from './provider';
export * from './errors';
export * from './events';
export * from './gateway';
export * from './transport';
export * from './limits';
export * from './http-failure';
export * from './codes/clickatell-status';
export * from './codes/clickatell-errors';
export * from './codes/clicksend-results';
export * from './codes/clicksend-delivery';
export * from './codes/callback-levels';
export * from './codes/clickatell-one-status';
export * from './codes/clickatell-one-errors';
export * from './codes/clickatell-platform-status';
export * from './text';
export * from './callbacks';
export * from './bulk';

export * as clickatellHttp from './clickatell-http';
export * as clickatellRest from './clickatell-rest';
export * as clickSend from './clicksend';
export { ClickatellHttpClient, ClickatellSession, type ClickatellHttpCredentials } from './clickatell-http';
export { ClickatellRestClient, type ClickatellRestCredentials } from './clickatell-rest';
export { ClickSendClient, type ClickSendCredentials } from './clicksend';
export * as clickatellPortal from './clickatell-portal';
export { ClickatellPlatformClient, ClickatellOneClient, PORTAL_OPERATIONS, type ClickatellPortalCredentials } from './clickatell-portal';
export * as clickSendV3 from './clicksend-v3';
export { ClickSendV3Client, clickSendV3BaseUrl, type ClickSendV3Page, type PriceEstimate } from './clicksend-v3';
