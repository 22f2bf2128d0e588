import type { ClickatellHttpClient } from '../../gateways/clickatell-http/client';
import type { ClickatellRestClient } from '../../gateways/clickatell-rest/client';
import type { ClickSendClient } from '../../gateways/clicksend/client';
import type { RedNode } from './red';

/** Node type names, registered once each (unique across the package and the flow library). */
export const NODE_TYPES = {
  clickatellHttpConfig: 'clickatell-http-config',
  clickatellRestConfig: 'clickatell-rest-config',
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
export type ClickSendConfigNode = GatewayConfigNode<ClickSendClient>;
