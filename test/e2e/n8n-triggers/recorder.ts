import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Where the e2e workflows send what their trigger emitted: each workflow ends in an HTTP Request node
 * that POSTs every item as JSON to `/<channel>`. The test reads the items per channel.
 */
export class Recorder {
	private readonly received = new Map<string, Array<Record<string, unknown>>>();
	private server: http.Server | null = null;
	port = 0;

	async start(): Promise<void> {
		this.server = http.createServer((request, response) => {
			const chunks: Buffer[] = [];
			request.on('data', (chunk: Buffer) => chunks.push(chunk));
			request.on('end', () => {
				const channel = (request.url ?? '/').slice(1);
				try {
					const item = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
					this.items(channel).push(item);
					response.writeHead(200, { 'content-type': 'application/json' }).end('{"recorded":true}');
				} catch {
					response.writeHead(400).end('not JSON');
				}
			});
		});
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		this.port = (this.server.address() as AddressInfo).port;
	}

	url(channel: string): string {
		return `http://127.0.0.1:${this.port}/${channel}`;
	}

	items(channel: string): Array<Record<string, unknown>> {
		let list = this.received.get(channel);
		if (!list) this.received.set(channel, (list = []));
		return list;
	}

	total(): number {
		let count = 0;
		for (const list of this.received.values()) count += list.length;
		return count;
	}

	async stop(): Promise<void> {
		if (!this.server) return;
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server!.close(() => resolve()));
	}
}
