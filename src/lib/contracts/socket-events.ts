import { z } from 'zod';
import type { EventType, Stage } from '../domain/dossier';
import { scopeSchema } from './scope';
import type { SnapshotJson } from './snapshot';

/**
 * Every Socket.IO event name and payload (ARCHITECTURE §4.4), declared once and used as the generics of both the
 * server (`server/realtime/`) and the browser client (`src/lib/realtime/`). No payload carries personal data.
 */
export const LIVE_NAMESPACE = '/live';
export const SOCKET_PATH = '/socket.io';

/** Scopes one socket may watch at once; a wall display needs one, a leader's laptop a handful. */
export const MAX_SUBSCRIPTIONS_PER_SOCKET = 20;

export interface ServerHello {
	/** Version of the deployed build; a wall display reloads itself when it changes. */
	build: string;
	/** Server clock as a UTC ISO string, so a client can tell how far its own clock drifts. */
	serverTime: string;
}

/** `scope:subscribe` and `scope:unsubscribe` as sent: `{scope: "national" | "province:40" | "ward:16681"}`. */
export interface ScopeRequest {
	scope: string;
}

/** The server's check of a `ScopeRequest` (clients are untrusted). */
export const scopeRequestSchema = z.object({ scope: scopeSchema }).strict();

export type LiveErrorCode =
	| 'invalid_request'
	| 'unknown_scope'
	| 'forbidden'
	| 'too_many_subscriptions'
	| 'rate_limited'
	| 'unavailable';

export interface LiveError {
	code: LiveErrorCode;
	message: string;
}

/** The one acknowledgement shape of every client → server event. */
export type LiveAck<T> = { ok: true; data: T } | { ok: false; error: LiveError };

/**
 * What a subscription starts from: the scope's snapshot (the JSON of `GET /api/v1/snapshot` for today) at `seq`
 * of `epoch`; the next `scope:update` to apply is `seq + 1`.
 */
export interface ScopeSubscribed {
	epoch: number;
	seq: number;
	snapshot: SnapshotJson;
}

/**
 * Changed snapshot fields as absolute values, keyed by JSON Pointer (RFC 6901): `/inProgress/overdue`,
 * `/children/3/received/total`, `/received/byField` (a whole object when its keys changed). Never a delta.
 */
export type SnapshotChanges = Record<string, unknown>;

/**
 * A coalesced change of one scope's figures. `seq` grows by exactly one per update of the scope; a client that sees
 * a gap or another `epoch` (the aggregates were rebuilt) subscribes again for a fresh snapshot. An update with no
 * changes still moves `asOf`: the figures were checked and are current.
 */
export interface ScopeUpdate {
	scope: string;
	epoch: number;
	seq: number;
	asOf: string;
	changes: SnapshotChanges;
}

/** One dossier event for the live ticker: codes and times only (a sample under load; the figures are exact). */
export interface DossierTick {
	scope: string;
	dossier: string;
	type: EventType;
	at: string;
	ward: string;
	field: string | null;
	stage: Stage | null;
}

/** A dossier that has just crossed its due time, announced once across all processes. */
export interface DossierOverdue {
	scope: string;
	dossier: string;
	ward: string;
	dueAt: string;
}

/**
 * Why access ended: `revoked` (a display token or API key was revoked), `signed_out` (the session ended: sign-out,
 * expiry, account disabled), `scope_removed` (this scope is no longer allowed, e.g. an inspector's grant ended).
 */
export type AccessRevokedReason = 'revoked' | 'signed_out' | 'scope_removed';

/**
 * Sent before the server cuts a connection whose credential no longer holds (then `scope` is absent and the
 * socket is disconnected), or when one watched scope is no longer allowed (the socket leaves that scope only).
 * Checked every few seconds: a revoked display token's socket is cut within 5 s.
 */
export interface AccessRevoked {
	reason: AccessRevokedReason;
	scope?: string;
	message: string;
}

export interface LiveServerToClientEvents {
	'server:hello': (hello: ServerHello) => void;
	'scope:update': (update: ScopeUpdate) => void;
	'dossier:event': (event: DossierTick) => void;
	'dossier:overdue': (overdue: DossierOverdue) => void;
	'access:revoked': (revoked: AccessRevoked) => void;
}

export interface LiveClientToServerEvents {
	'scope:subscribe': (
		request: ScopeRequest,
		ack: (reply: LiveAck<ScopeSubscribed>) => void
	) => void;
	'scope:unsubscribe': (
		request: ScopeRequest,
		ack?: (reply: LiveAck<ScopeRequest>) => void
	) => void;
}

/**
 * The handshake's `auth` object: a display token, an API key or LIVE_TOKEN; browsers send none, their session
 * or display cookie travels with the handshake.
 */
export interface LiveHandshakeAuth {
	token?: string;
}
