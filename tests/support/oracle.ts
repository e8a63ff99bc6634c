import pino from 'pino';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../../server/db/client';
import { AdminUnits, childScopeId } from '../../server/read/scopes';
import { queryRows } from '../../server/read/sql-rows';
import { ReferenceData } from '../../server/reference/reference-data';
import {
	snapshotJsonSchema,
	toSnapshotJson,
	type SnapshotJson
} from '../../src/lib/contracts/snapshot';
import { scopeSchema } from '../../src/lib/contracts/scope';
import type { DossierState } from '../../src/lib/domain/dossier';
import { computeSnapshot, type SnapshotScope } from '../../src/lib/domain/oracle';
import { snapshotDifferences } from './live';

/** `GET /api/v1/snapshot?scope=…` (today) as a reader with this bearer sees it. */
export async function snapshotApi(base: string, key: string, scope: string): Promise<SnapshotJson> {
	const response = await fetch(`${base}/api/v1/snapshot?scope=${scope}`, {
		headers: { authorization: `Bearer ${key}` }
	});
	if (response.status !== 200)
		throw new Error(`snapshot ${scope}: ${response.status} ${await response.text()}`);
	return snapshotJsonSchema.parse(await response.json());
}

/**
 * Reads each scope's snapshot from a running server and computes the domain oracle over every dossier state in
 * its database at the snapshot's own `asOf`; returns the differences per scope (empty lists when exact).
 */
export async function oracleDifferences(
	databaseUrl: string,
	base: string,
	key: string,
	scopes: readonly string[]
): Promise<Record<string, string[]>> {
	const handle = openDatabase({ databaseUrl, dataDir: '' }, pino({ level: 'silent' }));
	try {
		const reference = await new ReferenceData(handle.db).load();
		const units = await AdminUnits.load(handle.db);
		const out: Record<string, string[]> = {};
		for (const text of scopes) {
			const api = await snapshotApi(base, key, text);
			const states = (
				await queryRows<{ state: DossierState }>(handle.db, sql`select state from dossiers`)
			).map((row) => row.state);
			const scope = scopeSchema.parse(text);
			const wardsOf = (unit: string): string[] =>
				scope.kind === 'national'
					? [...units.childrenOf({ kind: 'province', code: unit })]
					: [unit];
			const own: SnapshotScope = {
				id: text,
				wards: scope.kind === 'national' ? null : scope.kind === 'ward' ? [scope.code] : []
			};
			if (scope.kind === 'province') own.wards = [...units.childrenOf(scope)];
			const oracle = computeSnapshot(states, {
				scope: own,
				period: api.period,
				now: Date.parse(api.asOf),
				calendar: reference.calendar,
				children: units.childrenOf(scope).map((code) => ({
					id: childScopeId(scope, code),
					wards: wardsOf(code)
				}))
			});
			out[text] = snapshotDifferences(api, toSnapshotJson(oracle, units.namesFor(scope)));
		}
		return out;
	} finally {
		await handle.close();
	}
}

/**
 * Dossiers received at all, and within a snapshot's period (Vietnam dates): a load sent "today" counts whole in
 * today's figures unless the run crossed Vietnamese midnight, so tests compare with the stored receipts.
 */
export async function receivedCounts(
	databaseUrl: string,
	period: { from: string; to: string }
): Promise<{ all: number; inPeriod: number }> {
	const handle = openDatabase({ databaseUrl, dataDir: '' }, pino({ level: 'silent' }));
	try {
		const [counts] = await queryRows<{ all: number; inPeriod: number }>(
			handle.db,
			sql`select count(received_at)::int as "all", count(*) filter (
					where (received_at at time zone 'Asia/Ho_Chi_Minh')::date
						between ${period.from}::date and ${period.to}::date
				)::int as "inPeriod"
				from dossiers`
		);
		return counts as { all: number; inPeriod: number };
	} finally {
		await handle.close();
	}
}
