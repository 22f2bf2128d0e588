// The three npm packages built from this one tree, each with only what its users need:
//
//   n8n       @gatewaykit/n8n-nodes-sms   n8n nodes + credentials + the gateways/ code they require, the
//                                         example workflows; `n8n-workflow` as its only peer
//   node-red  @gatewaykit/node-red-sms    config, action and in nodes + the gateways/ code they require,
//                                         the example flows; no dependency and no peer at all
//   sandbox   @gatewaykit/sms-sandbox     the `sms-sandbox` CLI and the `startSandbox` library
//
// Why staging instead of three package folders: the core (gateways/) has one copy in the tree and each package
// takes exactly the compiled files its entry points reach (found by following `require("./...")` through
// dist/), so nothing n8n's scanner or Node-RED's scorecard does not want can slip in. The repository root's
// package.json stays the n8n package's source manifest (n8n's scanner lints the folder whose package.json
// carries the package name: `package.json`, `nodes/`, `credentials/`); version, licence, author and
// repository of all three come from it.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const rootManifest = () => JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

/** Fields every package takes from the root manifest, so a release changes one version number. */
function commonFields(root) {
	const { version, license, author, homepage, repository, bugs, engines } = root;
	return { version, license, author, homepage, repository, bugs, engines };
}

/** Node-RED's node map, defined once here (the root manifest is the n8n package's and carries none). */
const NODE_RED_NODES = {
	'clickatell-http-config': 'dist/node-red/clickatell-http-config/clickatell-http-config.js',
	'clickatell-rest-config': 'dist/node-red/clickatell-rest-config/clickatell-rest-config.js',
	'clickatell-portal-config': 'dist/node-red/clickatell-portal-config/clickatell-portal-config.js',
	'clicksend-config': 'dist/node-red/clicksend-config/clicksend-config.js',
	clickatell: 'dist/node-red/clickatell/clickatell.js',
	clicksend: 'dist/node-red/clicksend/clicksend.js',
	'clickatell-in': 'dist/node-red/clickatell-in/clickatell-in.js',
	'clicksend-in': 'dist/node-red/clicksend-in/clicksend-in.js',
};

export const PACKAGES = {
	n8n: {
		directory: 'n8n-nodes-sms',
		manifest(root) {
			return {
				name: root.name,
				...commonFields(root),
				description:
					'n8n community nodes for SMS through Clickatell (Portal One API and Platform SMS API, legacy HTTP and REST APIs) and ClickSend (REST v3 and HTTP v2): send, track delivery, receive replies.',
				keywords: ['n8n-community-node-package', 'n8n', 'sms', 'clickatell', 'clicksend', 'otp', 'notifications'],
				n8n: root.n8n,
				peerDependencies: root.peerDependencies,
			};
		},
		entries: (manifest) => [...manifest.n8n.nodes, ...manifest.n8n.credentials],
		// Icons and codex files (*.node.json) that n8n reads beside each node and credential.
		assets: [{ from: 'dist/nodes', to: 'dist/nodes', match: /\.(svg|png|json)$/ }, { from: 'dist/credentials', to: 'dist/credentials', match: /\.(svg|png)$/ }],
		extra: [
			// Importable workflows, their sandbox credentials and the sandbox config they expect (examples/n8n/README.md).
			{ from: 'examples/n8n', to: 'examples/n8n' },
			{ from: 'nodes/README.md', to: 'README.md', readme: true },
		],
	},
	'node-red': {
		directory: 'node-red-sms',
		manifest(root) {
			return {
				name: '@gatewaykit/node-red-sms',
				...commonFields(root),
				description:
					'Node-RED nodes for SMS through Clickatell (Portal One API and Platform SMS API, legacy HTTP and REST APIs) and ClickSend (REST v3 and HTTP v2): send, track delivery, receive replies, with a local sandbox for offline tries.',
				keywords: ['node-red', 'sms', 'clickatell', 'clicksend', 'otp', 'notifications'],
				'node-red': { version: '>=4.0.0', nodes: NODE_RED_NODES },
			};
		},
		entries: (manifest) => Object.values(manifest['node-red'].nodes),
		// Each node's editor .html, icons and locales; shared editor resources (served at resources/<module>/).
		assets: [{ from: 'dist/node-red', to: 'dist/node-red', match: /\.(html|svg|png|json)$/ }],
		extra: [
			{ from: 'examples', to: 'examples', match: /\.json$/, flat: true },
			{ from: 'node-red/resources', to: 'resources', optional: true },
			{ from: 'node-red/README.md', to: 'README.md', readme: true },
		],
	},
	sandbox: {
		directory: 'sms-sandbox',
		manifest(root) {
			return {
				name: '@gatewaykit/sms-sandbox',
				...commonFields(root),
				description:
					'A local SMS gateway that speaks the Clickatell Portal (Platform SMS, One API), Clickatell HTTP and REST, and ClickSend REST v3 and HTTP v2 APIs over real HTTP, for trying and testing SMS workflows offline.',
				keywords: ['sms', 'sandbox', 'emulator', 'clickatell', 'clicksend', 'mock-server', 'testing'],
				main: 'dist/sandbox/index.js',
				types: 'dist/sandbox/index.d.ts',
				bin: { 'sms-sandbox': 'dist/sandbox/cli.js' },
			};
		},
		entries: () => ['dist/sandbox/index.js', 'dist/sandbox/cli.js'],
		withTypes: true,
		assets: [],
		extra: [{ from: 'sandbox/README.md', to: 'README.md', readme: true }],
	},
};

const REQUIRE = /require\("(\.{1,2}\/[^"]+)"\)/g;

/** Every compiled file reachable from `entries` by relative require, as paths relative to the root. */
export function requireClosure(entries) {
	const seen = new Set();
	const pending = entries.map((entry) => resolve(ROOT, entry));
	while (pending.length > 0) {
		const file = pending.pop();
		if (seen.has(file)) continue;
		if (!existsSync(file)) throw new Error(`${relative(ROOT, file)} is missing: run \`npm run build\` first`);
		seen.add(file);
		for (const [, specifier] of readFileSync(file, 'utf8').matchAll(REQUIRE)) {
			const target = resolve(dirname(file), specifier);
			const candidates = [`${target}.js`, join(target, 'index.js'), target];
			const found = candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
			if (!found) throw new Error(`${relative(ROOT, file)} requires ${specifier}, which is not in dist/`);
			pending.push(found);
		}
	}
	return [...seen].map((file) => relative(ROOT, file)).sort();
}

function walk(directory) {
	if (!existsSync(directory)) return [];
	return readdirSync(directory, { withFileTypes: true }).flatMap((entry) =>
		entry.isDirectory() ? walk(join(directory, entry.name)) : [join(directory, entry.name)],
	);
}

function copyFile(from, to) {
	mkdirSync(dirname(to), { recursive: true });
	cpSync(from, to);
}

/**
 * A README moves to the package root on npm, where its links relative to the repository would break:
 * relative images point at the raw file on GitHub and other relative links at the file's page there.
 */
export function absoluteLinks(markdown, sourceFolder, root) {
	const repository = String(root.repository?.url ?? '').replace(/^git\+/, '').replace(/\.git$/, '');
	const match = /^https:\/\/github\.com\/([^/]+\/[^/]+)$/.exec(repository);
	if (!match) throw new Error(`package.json repository.url must be a GitHub URL to rewrite README links (got '${repository}')`);
	return markdown.replace(/(!?)\[([^\]]*)\]\((?![a-z]+:|#|\/)([^)\s]+)\)/g, (_whole, bang, text, target) => {
		const path = join(sourceFolder, target).replace(/\\/g, '/');
		const base = bang ? `https://raw.githubusercontent.com/${match[1]}/main/` : `https://github.com/${match[1]}/blob/main/`;
		return `${bang}[${text}](${base}${path})`;
	});
}

/** Lays out one package under `stageRoot` and returns its folder. */
export function stagePackage(key, stageRoot) {
	const spec = PACKAGES[key];
	if (!spec) throw new Error(`unknown package '${key}' (use ${Object.keys(PACKAGES).join(', ')})`);
	const manifest = spec.manifest(rootManifest());
	const folder = join(stageRoot, spec.directory);
	rmSync(folder, { recursive: true, force: true });
	mkdirSync(folder, { recursive: true });

	const code = requireClosure(spec.entries(manifest));
	for (const file of code) {
		copyFile(join(ROOT, file), join(folder, file));
		const types = file.replace(/\.js$/, '.d.ts');
		if (spec.withTypes && existsSync(join(ROOT, types))) copyFile(join(ROOT, types), join(folder, types));
	}
	for (const asset of spec.assets) {
		for (const file of walk(join(ROOT, asset.from))) {
			if (asset.match.test(file)) copyFile(file, join(folder, asset.to, relative(join(ROOT, asset.from), file)));
		}
	}
	for (const item of spec.extra) {
		const from = join(ROOT, item.from);
		if (!existsSync(from)) {
			if (item.optional) continue;
			throw new Error(`${item.from} is missing`);
		}
		if (statSync(from).isDirectory()) {
			const files = item.flat ? readdirSync(from).map((name) => join(from, name)).filter((file) => statSync(file).isFile()) : walk(from);
			for (const file of files) {
				if (!item.match || item.match.test(file)) copyFile(file, join(folder, item.to, relative(from, file)));
			}
		} else if (item.readme) {
			mkdirSync(dirname(join(folder, item.to)), { recursive: true });
			writeFileSync(join(folder, item.to), absoluteLinks(readFileSync(from, 'utf8'), dirname(item.from), rootManifest()));
		} else {
			copyFile(from, join(folder, item.to));
		}
	}
	copyFile(join(ROOT, 'LICENSE'), join(folder, 'LICENSE'));
	writeFileSync(join(folder, 'package.json'), `${JSON.stringify(manifest, null, '\t')}\n`);
	return folder;
}

/** `npm pack` of one staged package into `destination`; returns the tarball's path and its file list. */
export function packPackage(key, destination, stageRoot = join(destination, 'stage')) {
	const folder = stagePackage(key, stageRoot);
	mkdirSync(destination, { recursive: true });
	const out = execFileSync('npm', ['pack', '--ignore-scripts=true', '--json', '--pack-destination', destination], {
		cwd: folder,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const [info] = JSON.parse(out);
	return { key, name: info.name, tarball: join(destination, basename(info.filename)), folder, files: info.files.map((file) => file.path), size: info.size, unpackedSize: info.unpackedSize };
}
