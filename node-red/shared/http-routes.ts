import type { ExpressApp, RED, RouteHandler, RouterLayer } from './red';

export type RouteMethod = 'get' | 'post';

/** A route this node added to RED.httpNode, remembered so the node can remove exactly it and nothing else. */
export interface OwnRoute {
  path: string;
  methods: RouteMethod[];
  handler: RouteHandler;
}

/** Node-RED's optional per-route middleware (settings.httpNodeMiddleware), applied the way core http-in does. */
function userMiddleware(RED: RED): RouteHandler[] {
  const middleware = RED.settings.httpNodeMiddleware;
  if (typeof middleware === 'function') return [middleware as RouteHandler];
  if (Array.isArray(middleware)) return middleware.filter((m): m is RouteHandler => typeof m === 'function');
  return [];
}

/** Registers `handler` for each method on `path` of RED.httpNode. */
export function addRoute(RED: RED, path: string, methods: RouteMethod[], handler: RouteHandler): OwnRoute {
  const middleware = userMiddleware(RED);
  for (const method of methods) RED.httpNode[method](path, ...middleware, handler);
  return { path, methods, handler };
}

function routerStack(app: ExpressApp): RouterLayer[] {
  // express 4 keeps the router on app._router, express 5 on app.router.
  return app._router?.stack ?? app.router?.stack ?? [];
}

/**
 * Removes the routes whose handler is ours. Core http-in removes every route with the same path and
 * method, which would also unregister another node listening on the same path; matching the handler
 * function itself leaves other nodes' routes alone. Returns how many routes were removed.
 */
export function removeRoute(RED: RED, route: OwnRoute): number {
  const stack = routerStack(RED.httpNode);
  let removed = 0;
  // Walk backwards: splicing while walking forwards would skip the layer after each removal.
  for (let i = stack.length - 1; i >= 0; i--) {
    const layer = stack[i];
    if (layer.route && layer.route.stack.some((entry) => entry.handle === route.handler)) {
      stack.splice(i, 1);
      removed += 1;
    }
  }
  return removed;
}

/** The URL path a route is served at, with RED.settings.httpNodeRoot in front (as the editor shows it). */
export function fullPath(RED: RED, path: string): string {
  const root = typeof RED.settings.httpNodeRoot === 'string' ? RED.settings.httpNodeRoot : '/';
  return `${root.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

/** Normalizes the path typed in the editor: one leading slash, no trailing slash, no query. */
export function normalizeRoutePath(path: string): string {
  const trimmed = path.trim().split('?')[0].replace(/\/+$/, '');
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}
