import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, type Locator } from '@playwright/test';
import type { NativeEventInput } from '../../src/lib/contracts/ingest';
import {
	MIN_RESOLVED_TO_RANK,
	type DossierListPage,
	type SnapshotJson
} from '../../src/lib/contracts/snapshot';
import type { ServiceIndexJson } from '../../src/lib/contracts/service-index';
import { startOfVnDay, vnDateOf } from '../../src/lib/domain/calendar/vn-time';
import { formatters } from '../../src/lib/i18n/format';
import {
	createApiKey,
	embeddedServerEnv,
	listeningBase,
	runCli,
	runTs,
	type RunningProcess
} from '../support/process';
import { createUserWithCli } from './support/users';

/**
 * The dashboards' end-to-end tests run their own server (the built pages, the embedded database in a fresh
 * directory, no demo feed) so they can hold an API key: keys are created with the CLI before the server opens
 * the database, which the embedded engine owns alone. Figures on the pages are compared with what the REST API
 * answers for the same scope, never with fixed numbers. Each test signs in first as the server's administrator.
 */
export interface DashboardServer {
	base: string;
	/** Display URLs (`/display/<token>`) created before start, by name (`options.displays`). */
	displays: Record<string, string>;
	ingest(events: NativeEventInput[]): Promise<void>;
	snapshot(scope: string, period?: { from: string; to: string }): Promise<SnapshotJson>;
	dossiers(scope: string, status: 'overdue' | 'dueSoon'): Promise<DossierListPage>;
	serviceIndex(scope: string, period?: { from: string; to: string }): Promise<ServiceIndexJson>;
	/** Kills the server at once (SIGKILL: no goodbye to its sockets), keeping its data directory. */
	kill(): Promise<void>;
	/** Starts it again on the same port and data directory (after `kill`). */
	restart(): Promise<void>;
	stop(): Promise<void>;
}

export interface DashboardServerOptions {
	/** Wall displays to create with the CLI before the server opens the database: name → scope. */
	displays?: Record<string, `ward:${string}` | `province:${string}`>;
	/** More environment for the server (e.g. `WALL_*` settings). */
	env?: Record<string, string>;
}

export async function startDashboardServer(
	options: DashboardServerOptions = {}
): Promise<DashboardServer> {
	const dataDir = mkdtempSync(path.join(tmpdir(), 'mcl-e2e-dash-'));
	const env = embeddedServerEnv(dataDir, { DEMO: 'off', ...options.env });
	const created = await createApiKey(env, 'e2e dashboards', 'national');
	if (created.exit.code !== 0) throw new Error(`apikey create failed: ${created.key}`);
	const key = created.key;
	// Pages need a signed-in person: the tests sign in as this server's administrator (`signIn(page, 'admin', base)`).
	await createUserWithCli(env, 'admin');
	const tokens: Record<string, string> = {};
	for (const [name, scope] of Object.entries(options.displays ?? {})) {
		const [kind, code] = scope.split(':');
		const made = await runCli(env, ['display', 'create', `--${kind}`, code, '--name', name]);
		const token = /\/display\/(\S+)$/.exec(made.last)?.[1];
		if (made.code !== 0 || !token) throw new Error(`display create failed: ${made.output}`);
		tokens[name] = token;
	}
	let server: RunningProcess | undefined = runTs('server/index.ts', env);
	const base = await listeningBase(server);
	// A restart must come back where the pages and sockets look for it.
	const port = new URL(base).port;
	const auth = { authorization: `Bearer ${key}` };

	async function read<T>(url: string): Promise<T> {
		const response = await fetch(`${base}${url}`, { headers: auth });
		if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
		return (await response.json()) as T;
	}

	return {
		base,
		displays: Object.fromEntries(
			Object.entries(tokens).map(([name, token]) => [name, `${base}/display/${token}`])
		),
		async ingest(events) {
			const response = await fetch(`${base}/api/v1/events`, {
				method: 'POST',
				headers: { ...auth, 'content-type': 'application/json' },
				body: JSON.stringify({ events })
			});
			const body = (await response.json()) as { accepted: number; rejected: unknown[] };
			if (response.status !== 200 || body.rejected.length > 0)
				throw new Error(`ingest: ${response.status} ${JSON.stringify(body)}`);
		},
		snapshot(scope, period) {
			const query = new URLSearchParams({ scope, ...(period ?? {}) });
			return read<SnapshotJson>(`/api/v1/snapshot?${query}`);
		},
		dossiers(scope, status) {
			return read<DossierListPage>(
				`/api/v1/dossiers?${new URLSearchParams({ scope, status, limit: '50' })}`
			);
		},
		serviceIndex(scope, period) {
			const query = new URLSearchParams({ scope, ...(period ?? {}) });
			return read<ServiceIndexJson>(`/api/v1/service-index?${query}`);
		},
		async kill() {
			if (server && server.child.exitCode === null) {
				server.child.kill('SIGKILL');
				await server.exited;
			}
			server = undefined;
		},
		async restart() {
			if (server && server.child.exitCode === null) throw new Error('the server is still running');
			server = runTs('server/index.ts', { ...env, PORT: port });
			await listeningBase(server);
		},
		async stop() {
			if (server && server.child.exitCode === null) {
				server.child.kill('SIGTERM');
				await server.exited;
			}
			server = undefined;
			rmSync(dataDir, { recursive: true, force: true });
		}
	};
}

export const PROVINCE = '40';
export const WARD = '16681';
/** Another ward of Nghệ An: Phường Trường Vinh. */
export const OTHER_WARD = '16690';

const HOUR = 3_600_000;
/** RFC 3339 in Vietnam time, as a one-door system sends it. */
export function vnIso(at: number): string {
	return `${new Date(at + 7 * HOUR).toISOString().slice(0, 19)}+07:00`;
}

/**
 * `now − offset` for events meant to fall earlier today (Vietnam time), offsets up to `span`: while the day is
 * younger than `span` (a run just after midnight), every offset shrinks in proportion, so the events stay today
 * and in their order. Later in the day it is `now − offset` exactly.
 */
export function earlierToday(now: number, span: number): (offset: number) => number {
	const sinceMidnight = now - startOfVnDay(vnDateOf(now));
	const scale = Math.min(1, Math.max(0, sinceMidnight - 1) / span);
	return (offset) => now - offset * scale;
}

/**
 * A few dossiers of Thành Vinh and one of Trường Vinh around `now`: one overdue (in processing), one due soon,
 * ten resolved, one within time at approval and, unless today is the 1st, one received earlier this month.
 * `tag` keeps ids and codes apart between test files.
 */
export function seedEvents(now: number, tag: string): NativeEventInput[] {
	const code = (name: string) => `E2E-${tag}-${name}`;
	const events: NativeEventInput[] = [];
	const add = (
		dossier: string,
		ward: string,
		list: Omit<NativeEventInput, 'id' | 'dossier' | 'ward'>[]
	) => list.forEach((event, i) => events.push({ ...event, id: `${dossier}:${i}`, dossier, ward }));
	add(code('OVERDUE'), WARD, [
		{
			type: 'received',
			at: vnIso(now - 72 * HOUR),
			procedure: '1.001612',
			channel: 'direct',
			dueAt: vnIso(now - 2 * HOUR)
		},
		{ type: 'stage_changed', at: vnIso(now - 71 * HOUR), stage: 'processing' }
	]);
	// Received today, whatever the hour: the pages' figures for today must have something to show.
	const ago = earlierToday(now, 2 * HOUR);
	add(code('DUESOON'), WARD, [
		{
			type: 'received',
			at: vnIso(ago(2 * HOUR)),
			procedure: '2.000815',
			channel: 'online',
			dueAt: vnIso(now + HOUR)
		},
		{ type: 'stage_changed', at: vnIso(ago(2 * HOUR - 60_000)), stage: 'processing' }
	]);
	// Enough finished dossiers for Thành Vinh to be ranked (MIN_RESOLVED_TO_RANK); Trường Vinh has none.
	for (let i = 0; i < MIN_RESOLVED_TO_RANK; i++)
		add(code(i === 0 ? 'DONE' : `DONE-${i}`), WARD, [
			{ type: 'received', at: vnIso(ago(HOUR)), procedure: '1.001193', channel: 'online' },
			{ type: 'completed', at: vnIso(ago(HOUR / 2 - i * 1_000)) }
		]);
	add(code('WITHIN'), WARD, [
		{
			type: 'received',
			at: vnIso(now - 24 * HOUR),
			procedure: '1.001776',
			channel: 'postal',
			dueAt: vnIso(now + 240 * HOUR)
		},
		{ type: 'stage_changed', at: vnIso(now - 23 * HOUR), stage: 'approval' }
	]);
	add(code('OTHER'), OTHER_WARD, [
		{ type: 'received', at: vnIso(ago(HOUR)), procedure: '2.000884', channel: 'direct' }
	]);
	const today = vnIso(now).slice(0, 10);
	if (!today.endsWith('-01')) {
		const firstOfMonth = `${today.slice(0, 8)}01`;
		add(code('MONTH'), WARD, [
			{
				type: 'received',
				at: `${firstOfMonth}T09:00:00+07:00`,
				procedure: '2.000815',
				channel: 'online'
			},
			{ type: 'completed', at: `${firstOfMonth}T10:00:00+07:00` }
		]);
	}
	return events;
}

/** The figures the KPI tiles show, by their `data-figure` name. */
export const TILE_FIGURES = [
	'received.total',
	'received.online',
	'received.direct',
	'received.postal',
	'received.carriedOver',
	'resolved.total',
	'resolved.early',
	'resolved.onTime',
	'resolved.late',
	'resolved.withdrawn',
	'onTimeRate',
	'onlineRate',
	'inProgress.total',
	'inProgress.withinTime',
	'inProgress.dueSoon',
	'inProgress.overdue',
	'inProgress.awaitingCitizen'
] as const;

const vi = formatters('vi');

/** A figure of a snapshot (or child row) as the page writes it in Vietnamese. */
export function figureText(figures: object, name: string): string {
	const value = name
		.split('.')
		.reduce<unknown>((at, key) => (at as Record<string, unknown>)[key], figures);
	if (name.endsWith('Rate')) return vi.percent(value as number | null);
	return vi.integer(value as number);
}

/** Every tile of `tiles` shows the figure of `figures` (retrying while the page settles). */
export async function expectTiles(tiles: Locator, figures: object): Promise<void> {
	for (const name of TILE_FIGURES) {
		await expect(tiles.locator(`[data-figure="${name}"]`), name).toHaveText(
			figureText(figures, name)
		);
	}
}

/** dd/MM/yyyy HH:mm in Vietnam time. */
export function dueText(iso: string): string {
	return vi.dateTime(Date.parse(iso));
}
