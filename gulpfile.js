// Copies the non-TypeScript assets next to the compiled JavaScript in dist/:
// n8n node and credential icons and node codex files (*.node.json, which n8n reads beside each
// *.node.js), and each Node-RED node's editor .html, icons/ and locales/.
const { src, dest, parallel } = require('gulp');

function n8nIcons() {
	return src(['nodes/**/*.{png,svg}', 'nodes/**/*.node.json', 'credentials/**/*.{png,svg}'], { base: '.', encoding: false }).pipe(
		dest('dist'),
	);
}

function nodeRedAssets() {
	return src(['node-red/**/*.html', 'node-red/**/icons/*', 'node-red/**/locales/**/*'], {
		base: '.',
		encoding: false,
		allowEmpty: true,
	}).pipe(dest('dist'));
}

exports.default = parallel(n8nIcons, nodeRedAssets);
