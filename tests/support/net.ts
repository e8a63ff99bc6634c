import { createServer, connect, type Server, type Socket } from 'node:net';

/** A TCP port nobody listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const { port } = probe.address() as { port: number };
			probe.close(() => resolve(port));
		});
	});
}

/**
 * A TCP proxy on 127.0.0.1 in front of one or more backends (round robin, skipping a backend that refuses), whose
 * connections a test can cut: `cut()` drops every open connection and refuses new ones until `restore()`, as a
 * lost network or a dead load-balancer path does.
 */
export class TcpProxy {
	private server: Server | null = null;
	private readonly pairs = new Set<{ client: Socket; upstream: Socket }>();
	private next = 0;
	private down = false;
	port = 0;

	constructor(private readonly backends: number[]) {}

	get url(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	/** Open client connections, with the backend port each was forwarded to. */
	get connections(): number[] {
		return [...this.pairs].map((pair) => pair.upstream.remotePort ?? 0);
	}

	async listen(port = 0): Promise<this> {
		this.server = createServer((client) => this.accept(client));
		await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
		this.port = (this.server.address() as { port: number }).port;
		return this;
	}

	private accept(client: Socket, attempt = 0): void {
		if (this.down) return void client.destroy();
		const backend = this.backends[this.next++ % this.backends.length];
		const upstream = connect(backend, '127.0.0.1');
		const pair = { client, upstream };
		let connected = false;
		upstream.once('connect', () => {
			connected = true;
			this.pairs.add(pair);
			client.pipe(upstream);
			upstream.pipe(client);
		});
		upstream.once('error', () => {
			// A backend that refuses (killed) is skipped, as a load balancer's health check would.
			if (!connected && attempt < this.backends.length && !this.down)
				return this.accept(client, attempt + 1);
			client.destroy();
		});
		const close = () => {
			this.pairs.delete(pair);
			client.destroy();
			upstream.destroy();
		};
		client.on('error', close).on('close', close);
		upstream.on('close', () => {
			if (connected) close();
		});
	}

	/** Drops every open connection and refuses new ones. */
	cut(): void {
		this.down = true;
		for (const { client, upstream } of this.pairs) {
			client.destroy();
			upstream.destroy();
		}
		this.pairs.clear();
	}

	restore(): void {
		this.down = false;
	}

	async close(): Promise<void> {
		this.cut();
		await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
	}
}
