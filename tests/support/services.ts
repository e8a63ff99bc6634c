import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { createClient } from 'redis';
import { freePort } from './net';
import { waitUntil } from './wait';

/**
 * Private Redis and Postgres servers for fault tests, which stop and restart them: the shared services on 6379
 * and 5432 carry other people's test runs and are never touched.
 */

/** A redis-server child process on a free port, without persistence: a restart comes back empty. */
export class PrivateRedis {
	private child: ChildProcess | null = null;
	private constructor(readonly port: number) {}

	get url(): string {
		return `redis://127.0.0.1:${this.port}`;
	}

	static async start(): Promise<PrivateRedis> {
		const redis = new PrivateRedis(await freePort());
		await redis.start();
		return redis;
	}

	async start(): Promise<void> {
		this.child = spawn(
			'redis-server',
			[
				'--port',
				String(this.port),
				'--bind',
				'127.0.0.1',
				'--save',
				'',
				'--appendonly',
				'no',
				'--daemonize',
				'no'
			],
			{ stdio: 'ignore' }
		);
		await waitUntil(() => this.ping(), Boolean, 10_000);
	}

	/** Kills the server without warning; everything it held is gone. */
	async kill(): Promise<void> {
		const child = this.child;
		if (!child || child.exitCode !== null || child.signalCode !== null) return;
		const exited = new Promise((resolve) => child.once('exit', resolve));
		child.kill('SIGKILL');
		await exited;
	}

	private async ping(): Promise<boolean> {
		const client = createClient({ url: this.url, socket: { reconnectStrategy: false } });
		client.on('error', () => {});
		try {
			await client.connect();
			await client.ping();
			return true;
		} catch {
			return false;
		} finally {
			if (client.isOpen) await client.close();
		}
	}
}

/** The Postgres binaries of the newest installed major version (Debian's layout). */
function postgresBin(tool: string): string {
	const root = '/usr/lib/postgresql';
	const majors = readdirSync(root)
		.filter((name) => /^\d+$/.test(name))
		.sort((a, b) => Number(b) - Number(a));
	if (majors.length === 0) throw new Error(`no Postgres binaries under ${root}`);
	return path.join(root, majors[0], 'bin', tool);
}

/** Runs a Postgres tool as the `postgres` OS user when we are root (Postgres refuses to run as root). */
function asPostgres(tool: string, args: string[]): void {
	const [command, argv] =
		process.getuid?.() === 0
			? ['runuser', ['-u', 'postgres', '--', postgresBin(tool), ...args]]
			: [postgresBin(tool), args];
	execFileSync(command, argv, { stdio: 'pipe' });
}

/** A throw-away Postgres cluster in a temporary directory, on a free port, that a test may stop and start. */
export class PrivatePostgres {
	private constructor(
		private readonly dir: string,
		readonly port: number
	) {}

	/** The URL of a database in it (trust auth, user `postgres`). */
	url(database = 'postgres'): string {
		return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
	}

	static async create(): Promise<PrivatePostgres> {
		const dir = mkdtempSync(path.join(tmpdir(), 'mcl-faults-pg-'));
		chmodSync(dir, 0o777);
		const cluster = new PrivatePostgres(dir, await freePort());
		asPostgres('initdb', [
			'-D',
			cluster.dataDir,
			'-A',
			'trust',
			'-U',
			'postgres',
			'-E',
			'UTF8',
			'--no-sync'
		]);
		cluster.start();
		return cluster;
	}

	private get dataDir(): string {
		return path.join(this.dir, 'data');
	}

	start(): void {
		asPostgres('pg_ctl', [
			'-D',
			this.dataDir,
			'-l',
			path.join(this.dir, 'log'),
			'-w',
			'-o',
			`-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60`,
			'start'
		]);
	}

	/** Stops the server at once (`immediate`: no checkpoint, clients cut), as a crash or an outage does. */
	stop(): void {
		asPostgres('pg_ctl', ['-D', this.dataDir, '-m', 'immediate', '-w', 'stop']);
	}

	async createDatabase(name: string): Promise<string> {
		const admin = postgres(this.url(), { max: 1, onnotice: () => {} });
		await admin.unsafe(`create database "${name}"`);
		await admin.end();
		return this.url(name);
	}

	/** Stops the server if it runs and removes its files. */
	destroy(): void {
		try {
			this.stop();
		} catch {
			// already stopped
		}
		rmSync(this.dir, { recursive: true, force: true });
	}
}
