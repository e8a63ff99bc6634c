/**
 * The Decision 766 estimate read by SQL (`sqlServiceIndexCounts`) at national, province and ward scope, for a
 * past week and for the running 30 days. Size: BENCH_DOSSIERS (default 100,000; the aggregate bench's full scale
 * is 1,000,000) dossier states over all 3,321 wards, received over the last 40 days, with online submissions,
 * fees paid online or not, digitisation flags, ratings and one or two supplement requests.
 */
import { readFileSync } from 'node:fs';
import pino from 'pino';
import { openDatabase } from '../../server/db/client';
import { upsertDossiers, type DossierChange } from '../../server/ingest/store-events';
import { sqlServiceIndexCounts } from '../../server/read/service-index.sql';
import { ReferenceData } from '../../server/reference/reference-data';
import { addDays, vnDateOf } from '../../src/lib/domain/calendar/vn-time';
import type { DossierEvent } from '../../src/lib/domain/dossier';
import { deriveDossierState } from '../../src/lib/domain/lifecycle';
import type { Period } from '../../src/lib/domain/period';
import { estimateFromCounts } from '../../src/lib/domain/service-index';
import { createTestDatabase } from '../support/database';

const DOSSIERS = Number(process.env.BENCH_DOSSIERS ?? 100_000);
const READS = Number(process.env.BENCH_READS ?? 3);
const HOUR = 3_600_000;
const CHUNK = 5_000;

/** A seeded generator (mulberry32), so every run loads the same dossiers. */
function random(seed: number) {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

async function timed(reads: number, read: () => Promise<unknown>) {
	const times: number[] = [];
	for (let i = 0; i < reads; i++) {
		const started = performance.now();
		await read();
		times.push(performance.now() - started);
	}
	const sorted = [...times].sort((a, b) => a - b);
	const round = (ms: number) => Math.round(ms * 10) / 10;
	return {
		p50Ms: round(sorted[Math.floor(sorted.length / 2)]),
		maxMs: round(sorted.at(-1)!),
		reads
	};
}

/** One dossier's events: received, maybe supplements and a fee, then completed (70%), returned and rated. */
function lifeOf(code: string, ward: string, next: () => number, now: number): DossierEvent[] {
	const received = now - Math.floor(next() * 40 * 24) * HOUR - HOUR;
	const base = { dossier: code, ward };
	const digitised = next() < 0.8;
	const events: DossierEvent[] = [
		{
			...base,
			id: `${code}:r`,
			type: 'received',
			at: received,
			procedure: ['2.000815', '2.000884', '1.001193', '1.001612', '1.001776'][
				Math.floor(next() * 5)
			],
			channel: next() < 0.66 ? 'online' : 'direct',
			digitised
		},
		{
			...base,
			id: `${code}:s`,
			type: 'stage_changed',
			at: received + HOUR / 2,
			stage: 'processing'
		}
	];
	let at = received + HOUR;
	const supplements = next() < 0.1 ? (next() < 0.2 ? 2 : 1) : 0;
	for (let n = 0; n < supplements; n++) {
		events.push({ ...base, id: `${code}:q${n}`, type: 'supplement_requested', at });
		at += 4 * HOUR;
		events.push({ ...base, id: `${code}:b${n}`, type: 'supplement_received', at });
		at += HOUR;
	}
	if (next() < 0.3) {
		events.push({ ...base, id: `${code}:f`, type: 'fee_requested', at });
		at += HOUR;
		events.push({ ...base, id: `${code}:p`, type: 'fee_paid', at, paidOnline: next() < 0.5 });
		at += HOUR;
	}
	if (next() < 0.7) {
		const done = Math.min(now - 3, at + Math.floor(next() * 60) * HOUR);
		events.push({ ...base, id: `${code}:c`, type: 'completed', at: done, digitised });
		events.push({ ...base, id: `${code}:t`, type: 'returned', at: done + 1 });
		if (next() < 0.4)
			events.push({
				...base,
				id: `${code}:v`,
				type: 'rated',
				at: done + 2,
				satisfied: next() < 0.9
			});
	}
	return events.filter((event) => event.at < now);
}

export async function serviceIndexBench() {
	const log = pino({ level: 'warn' });
	const test = await createTestDatabase();
	const database = openDatabase({ databaseUrl: test.url, dataDir: '.' }, log);
	try {
		await database.prepare();
		const reference = await new ReferenceData(database.db).load();
		const units = JSON.parse(
			readFileSync(new URL('../../server/db/seed/vn-admin-units.json', import.meta.url), 'utf8')
		) as { wards: { code: string }[] };
		const wards = units.wards.map((w) => w.code);
		const next = random(20261128);
		const now = Date.now();
		const context = { procedures: reference.procedures, calendar: reference.calendar };
		let loadMs = 0;
		for (let start = 0; start < DOSSIERS; start += CHUNK) {
			const changes: DossierChange[] = [];
			for (let i = start; i < Math.min(DOSSIERS, start + CHUNK); i++) {
				const code = `BENCH-${i}`;
				const events = lifeOf(code, wards[Math.floor(next() * wards.length)], next, now);
				changes.push({ code, before: null, after: deriveDossierState(events, context) });
			}
			const started = performance.now();
			await database.db.transaction((tx) => upsertDossiers(tx as never, changes, reference));
			loadMs += performance.now() - started;
		}
		await database.db.execute('analyze dossiers');

		const today = vnDateOf(now);
		const periods: Record<string, Period> = {
			pastWeek: { from: addDays(today, -13), to: addDays(today, -7) },
			running30Days: { from: addDays(today, -29), to: today }
		};
		const scopes = {
			national: { kind: 'national' as const },
			province: { kind: 'province' as const, code: '40' },
			ward: { kind: 'ward' as const, code: '16681' }
		};
		const reads: Record<string, Record<string, unknown>> = {};
		for (const [scopeName, scope] of Object.entries(scopes)) {
			reads[scopeName] = {};
			for (const [periodName, period] of Object.entries(periods)) {
				const read = () => sqlServiceIndexCounts(database.db, reference, { scope, period, now });
				const counts = await read(); // warm the cache, and say what was counted
				const estimate = estimateFromCounts(counts);
				reads[scopeName][periodName] = {
					...(await timed(READS, read)),
					received: counts.received,
					measured: counts.measured.onTime + counts.measured.late,
					points: Math.round(estimate.points * 10) / 10,
					maxPoints: estimate.maxPoints
				};
			}
		}
		return {
			targets: { nationalReadP50Ms: '< 5000 (pages stream it; cached 5 min for past periods)' },
			dossiers: DOSSIERS,
			loadSeconds: Math.round(loadMs / 100) / 10,
			reads
		};
	} finally {
		await database.close();
		await test.drop();
	}
}
