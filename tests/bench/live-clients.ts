/**
 * A helper process of the live bench (`live.ts`): follows scopes with real socket.io clients (`followScope`),
 * records when each client's state changed and its count of today's receipts, and at the end compares every
 * client's figures with `GET /api/v1/snapshot`. Clients live here, not in the bench's own process, so that their
 * work does not delay the ingest stream or the bench's clock readings of it.
 */
import type { SnapshotJson } from '../../src/lib/contracts/snapshot';
import { connectLive, type LiveSocket } from '../../src/lib/realtime/live-client';
import { followScope } from '../../src/lib/realtime/scope-follower';
import { snapshotDifferences } from '../support/live';

export type ClientsRequest =
	{ kind: 'start'; base: string; key: string; scopes: string[] } | { kind: 'finish' };

export type ClientsReport =
	| { kind: 'ready'; baseline: number[]; connectMs: number }
	| {
			kind: 'result';
			/** Per client: [at, received, at, received, …] of every state reached. */
			seen: number[][];
			equal: number;
			differences: string[];
			losses: number;
	  };

interface Client {
	scope: string;
	socket: LiveSocket;
	seen: number[];
	state: SnapshotJson | null;
	losses: number;
	stop: () => void;
}

const clients: Client[] = [];
let base = '';
let key = '';

/** Resolves once the report is handed to the channel (a large one is written asynchronously). */
const send = (report: ClientsReport) =>
	new Promise<void>((resolve, reject) =>
		process.send!(report, undefined, {}, (error) => (error ? reject(error) : resolve()))
	);

async function start(scopes: string[]) {
	const started = performance.now();
	for (let i = 0; i < scopes.length; i += 100) {
		await Promise.all(
			scopes.slice(i, i + 100).map(
				(scope) =>
					new Promise<void>((resolve) => {
						const socket = connectLive({ url: base, token: key });
						const client: Client = {
							scope,
							socket,
							seen: [],
							state: null,
							losses: -1,
							stop: () => {}
						};
						client.stop = followScope(socket, scope, {
							state: (state) => {
								if (state.snapshot === client.state) return;
								client.seen.push(Date.now(), state.snapshot.received.total);
								if (client.state === null) resolve();
								client.state = state.snapshot;
							},
							lost: () => (client.losses += 1)
						});
						clients.push(client);
					})
			)
		);
	}
	await send({
		kind: 'ready',
		baseline: clients.map((c) => c.state!.received.total),
		connectMs: Math.round(performance.now() - started)
	});
}

async function finish() {
	const rest = new Map<string, SnapshotJson>();
	for (const scope of new Set(clients.map((c) => c.scope))) {
		const response = await fetch(`${base}/api/v1/snapshot?scope=${scope}`, {
			headers: { authorization: `Bearer ${key}` }
		});
		rest.set(scope, (await response.json()) as SnapshotJson);
	}
	let equal = 0;
	const differences: string[] = [];
	for (const client of clients) {
		const found = client.state
			? snapshotDifferences(client.state, rest.get(client.scope)!)
			: ['no state'];
		if (found.length === 0) equal += 1;
		else if (differences.length < 5)
			differences.push(`${client.scope} ${found.slice(0, 3).join('; ')}`);
	}
	await send({
		kind: 'result',
		seen: clients.map((c) => c.seen),
		equal,
		differences,
		losses: clients.reduce((sum, c) => sum + Math.max(0, c.losses), 0)
	});
	for (const client of clients) {
		client.stop();
		client.socket.disconnect();
	}
	process.disconnect();
}

process.on('message', (request: ClientsRequest) => {
	if (request.kind === 'start') {
		base = request.base;
		key = request.key;
		void start(request.scopes);
	} else void finish();
});
