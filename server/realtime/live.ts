import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { Server, type Socket } from 'socket.io';
import type { Logger } from 'pino';
import { formatScope, type Scope } from '../../src/lib/contracts/scope';
import {
	LIVE_NAMESPACE,
	MAX_SUBSCRIPTIONS_PER_SOCKET,
	SOCKET_PATH,
	scopeRequestSchema,
	type LiveAck,
	type LiveClientToServerEvents,
	type LiveErrorCode,
	type LiveServerToClientEvents,
	type ScopeRequest,
	type ScopeSubscribed
} from '../../src/lib/contracts/socket-events';
import type { AccessService, Credential } from '../access/access-service';
import type { Principal } from '../access/policy';
import type { Config } from '../config';
import type { Metrics } from '../metrics';
import type { RedisClient } from '../redis/client';
import type { ReferenceData } from '../reference/reference-data';
import { authenticateLive, mayWatch } from './live-auth';
import { startRevalidation } from './live-revocation';
import type { LiveService } from './live-service';
import { originAllowed } from './origin-check';
import { newBucket, takeToken, type SubscribeBucket } from './subscribe-limits';

/** Kept per socket, and restored with it by connection-state recovery. */
export interface LiveSocketData {
	/** Who the socket is and what it may watch, refreshed every few seconds from `credential`. */
	principal: Principal;
	credential: Credential;
	bucket: SubscribeBucket;
}

export type LiveServer = Server<
	LiveClientToServerEvents,
	LiveServerToClientEvents,
	Record<never, never>,
	LiveSocketData
>;
type LiveSocket = Socket<
	LiveClientToServerEvents,
	LiveServerToClientEvents,
	Record<never, never>,
	LiveSocketData
>;

/** Stops each attached server's credential checks. */
const stoppers = new WeakMap<LiveServer, () => void>();
/** Each server's Redis client and adapter channel prefix, to confirm its subscriptions before closing it. */
const adapterChannels = new WeakMap<
	LiveServer,
	{ redis: NonNullable<LiveDeps['redis']>; channelPrefix: string }
>();

/** Clients send only small requests; anything bigger is not ours. */
const MAX_MESSAGE_BYTES = 16_384;
/** A connection lost for up to this long resumes with its rooms and the packets it missed. */
const RECOVERY_MS = 30_000;

export interface LiveDeps {
	build: string;
	config: Config;
	metrics: Metrics;
	log: Logger;
	access: AccessService;
	reference: ReferenceData;
	service: LiveService;
	redis?: RedisClient;
}

const refuse = (code: LiveErrorCode, message: string): LiveAck<never> => ({
	ok: false,
	error: { code, message }
});

/** Checks, authorises and joins one subscription, then acknowledges with the room's snapshot. */
async function subscribe(
	socket: LiveSocket,
	raw: unknown,
	deps: LiveDeps
): Promise<LiveAck<ScopeSubscribed> & { scope?: Scope }> {
	const parsed = scopeRequestSchema.safeParse(raw);
	if (!parsed.success)
		return refuse('invalid_request', 'send {scope: national | province:<code> | ward:<code>}');
	if (!takeToken(socket.data.bucket, Date.now()))
		return refuse('rate_limited', 'too many subscriptions in a short time; retry in a second');
	const scope = parsed.data.scope;
	const room = formatScope(scope);
	const joined = socket.rooms.has(room);
	const subscriptions = [...socket.rooms].filter((r) => r !== socket.id).length;
	if (!joined && subscriptions >= MAX_SUBSCRIPTIONS_PER_SOCKET)
		return refuse(
			'too_many_subscriptions',
			`a connection may watch at most ${MAX_SUBSCRIPTIONS_PER_SOCKET} scopes`
		);
	const units = await deps.service.adminUnits();
	if (!units.exists(scope)) return refuse('unknown_scope', `no such unit ${room}`);
	if (!mayWatch(socket.data.principal, scope, (ward) => units.provinceOf(ward)))
		return refuse('forbidden', `this connection may not watch ${room}`);
	// Join before reading the record: every update committed after the read reaches this socket.
	await socket.join(room);
	await deps.service.roomJoined(room);
	const subscribed = await deps.service.subscription(room);
	if (subscribed) return { ok: true, data: subscribed, scope };
	if (!joined) await socket.leave(room);
	return refuse('unavailable', 'the live figures are being built; retry shortly');
}

/**
 * Starts a new subscriber's ticker with the scope's latest events (their own times, oldest first), so a quiet
 * hour shows what happened last rather than nothing. A failed read leaves the ticker to the live events.
 */
function sendRecentTicks(socket: LiveSocket, scope: Scope, deps: LiveDeps): void {
	const room = formatScope(scope);
	deps.service.recentTicks(scope, room).then(
		(ticks) => {
			if (!socket.connected || !socket.rooms.has(room)) return;
			for (const tick of ticks) socket.emit('dossier:event', tick);
		},
		(error: unknown) => deps.log.warn({ err: error, room }, 'recent ticker events unavailable')
	);
}

/**
 * Attaches Socket.IO to an HTTP server: the `/live` namespace (ARCHITECTURE §4.4) with handshake
 * authentication, an Origin check, small payload limits, connection-state recovery and, with Redis, the Redis
 * Streams adapter so that broadcasts reach every process's sockets.
 */
export function attachLive(httpServer: HttpServer, deps: LiveDeps): LiveServer {
	const { config, log, metrics } = deps;
	const prefix = `${config.REDIS_KEY_PREFIX}:live`;
	const io: LiveServer = new Server(httpServer, {
		path: SOCKET_PATH,
		serveClient: false,
		transports: ['websocket', 'polling'],
		// Leave other upgrade requests (Vite's HMR socket in dev) alone instead of closing them.
		destroyUpgrade: false,
		maxHttpBufferSize: MAX_MESSAGE_BYTES,
		allowRequest: (req, callback) =>
			callback(null, originAllowed(req.headers.origin, req.headers.host, config.ORIGIN)),
		connectionStateRecovery: { maxDisconnectionDuration: RECOVERY_MS, skipMiddlewares: true },
		...(deps.redis && {
			adapter: createAdapter(deps.redis, {
				streamName: `${prefix}:stream`,
				channelPrefix: `${prefix}:channel`,
				sessionKeyPrefix: `${prefix}:session:`,
				// Ours are JSON documents: skip the scan for binary parts.
				onlyPlaintext: true,
				// Shorter blocking reads let a closing process let go of Redis sooner.
				blockTimeInMs: 1_000
			})
		})
	});
	const live = io.of(LIVE_NAMESPACE);
	live.use((socket, next) => {
		authenticateLive(
			{
				auth: socket.handshake.auth,
				origin: socket.handshake.headers.origin,
				cookie: socket.handshake.headers.cookie
			},
			{ access: deps.access, config }
		).then(
			(found) => {
				if (!found) return next(new Error('unauthorized: sign in, or present auth.token'));
				socket.data.principal = found.principal;
				socket.data.credential = found.credential;
				socket.data.bucket = newBucket(Date.now());
				next();
			},
			(error: unknown) => {
				log.warn({ err: error }, 'live handshake check failed');
				next(new Error('unavailable'));
			}
		);
	});
	live.on('connection', (socket) => {
		// The handshake keeps the headers it needs; the raw HTTP request costs kilobytes per socket
		// (Socket.IO's memory-usage guide).
		(socket.conn as { request: unknown }).request = null;
		metrics.liveSockets.inc();
		metrics.liveConnections.inc();
		socket.emit('server:hello', { build: deps.build, serverTime: new Date().toISOString() });
		socket.on('scope:subscribe', (raw: unknown, ack: unknown) => {
			if (typeof ack !== 'function') return;
			subscribe(socket, raw, deps).then(
				({ scope, ...reply }) => {
					metrics.liveSubscriptions.inc({ result: reply.ok ? 'ok' : reply.error.code });
					ack(reply);
					if (scope) sendRecentTicks(socket, scope, deps);
				},
				(error: unknown) => {
					log.warn({ err: error }, 'live subscription failed');
					ack(refuse('unavailable', 'the subscription failed; retry shortly'));
				}
			);
		});
		socket.on('scope:unsubscribe', (raw: unknown, ack?: unknown) => {
			const parsed = scopeRequestSchema.safeParse(raw);
			const reply: LiveAck<ScopeRequest> = parsed.success
				? { ok: true, data: { scope: formatScope(parsed.data.scope) } }
				: refuse('invalid_request', 'send {scope}');
			if (reply.ok) void socket.leave(reply.data.scope);
			if (typeof ack === 'function') ack(reply);
		});
		socket.on('disconnect', () => metrics.liveSockets.dec());
	});
	deps.service.start(live);
	stoppers.set(io, startRevalidation(live, deps.access, log));
	if (deps.redis)
		adapterChannels.set(io, { redis: deps.redis, channelPrefix: `${prefix}:channel` });
	log.debug(
		{ namespace: LIVE_NAMESPACE, adapter: deps.redis ? 'redis-streams' : 'memory' },
		'live namespace attached'
	);
	return io;
}

/**
 * Waits (at most 2 s) until Redis confirms each namespace adapter's private channel: the Streams adapter issues its
 * SUBSCRIBE without a catch, so closing before the confirmation rejects it unhandled and kills the process.
 */
async function subscriptionsConfirmed(
	io: LiveServer,
	redis: NonNullable<LiveDeps['redis']>,
	channelPrefix: string
): Promise<void> {
	const channels = [...io._nsps.values()].map(
		(nsp) => `${channelPrefix}#${nsp.name}#${(nsp.adapter as unknown as { uid: string }).uid}#`
	);
	for (const until = Date.now() + 2_000; Date.now() < until && redis.isReady;) {
		const counts = (await redis
			.sendCommand(['PUBSUB', 'NUMSUB', ...channels])
			.catch(() => null)) as unknown[] | null;
		// Redis gone: nothing is subscribing any more, so nothing can be rejected late.
		if (counts === null) return;
		if (counts.every((value, i) => i % 2 === 0 || Number(value) > 0)) return;
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}

/** Stops the live service and the adapters (Socket.IO's own close() would also close the HTTP server). */
export async function closeLive(io: LiveServer, service: LiveService): Promise<void> {
	stoppers.get(io)?.();
	await service.stop();
	io.of(LIVE_NAMESPACE).disconnectSockets(true);
	io.engine.close();
	const channels = adapterChannels.get(io);
	if (channels) await subscriptionsConfirmed(io, channels.redis, channels.channelPrefix);
	for (const nsp of io._nsps.values()) nsp.adapter.close();
}
