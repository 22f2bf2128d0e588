import type { ClickatellHttpClient } from '../../gateways/clickatell-http/client';
import type { ClickatellOneClient, ClickatellPlatformClient } from '../../gateways/clickatell-portal';
import type { ClickatellRestClient } from '../../gateways/clickatell-rest/client';
import type { ClickSendClient } from '../../gateways/clicksend/client';
import type { ClickSendV3Client } from '../../gateways/clicksend-v3';
import type { RedNode } from './red';

/** Node type names, registered once each (unique across the package and the flow library). */
export const NODE_TYPES = {
  clickatellHttpConfig: 'clickatell-http-config',
  clickatellRestConfig: 'clickatell-rest-config',
  clickatellPortalConfig: 'clickatell-portal-config',
  clicksendConfig: 'clicksend-config',
  clickatell: 'clickatell',
  clicksend: 'clicksend',
  clickatellIn: 'clickatell in',
  clicksendIn: 'clicksend in',
} as const;

/** What an action node gets from a config node: one API call at a time on the config node's client. */
export interface GatewayConfigNode<Client> extends RedNode {
  use<T>(call: (client: Client) => Promise<T>): Promise<T>;
}

export interface ClickatellHttpConfigNode extends GatewayConfigNode<ClickatellHttpClient> {
  /** Whether a session id is held right now (never the id itself). */
  hasSession(): boolean;
}
export type ClickatellRestConfigNode = GatewayConfigNode<ClickatellRestClient>;
/** One Portal API key serves both Portal APIs: the config node holds a client for each. */
export interface ClickatellPortalClients {
  platform: ClickatellPlatformClient;
  one: ClickatellOneClient;
}
export interface ClickatellPortalConfigNode extends GatewayConfigNode<ClickatellPortalClients> {
  /** The Platform SMS integration's type: 'http' integrations take one handset per request. */
  integrationType: 'rest' | 'http';
}
/** The same username and key serve ClickSend's HTTP API v2 (use) and REST API v3 (useV3). */
export interface ClickSendConfigNode extends GatewayConfigNode<ClickSendClient> {
  useV3<T>(call: (client: ClickSendV3Client) => Promise<T>): Promise<T>;
}
