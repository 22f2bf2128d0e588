import type { RedNode } from './red';

/**
 * The `use` of a config node for a stateless API (a key or token on every call): the client is built on
 * first use, from the node's credentials as they are then, and dropped when the node closes (a redeploy
 * with other credentials builds a new one). A missing credential thus fails the msg that needed it, with
 * the error naming the field, instead of the deploy.
 */
export function lazyClient<Client>(node: RedNode, build: () => Client): <T>(call: (client: Client) => Promise<T>) => Promise<T> {
  let client: Client | undefined;
  node.on('close', (_removed, done) => {
    client = undefined;
    done();
  });
  return async <T>(call: (client: Client) => Promise<T>): Promise<T> => {
    client ??= build();
    return call(client);
  };
}
