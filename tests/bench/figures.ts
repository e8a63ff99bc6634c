/**
 * The headline figures of each scenario, each next to its target, for the one summary `npm run bench` prints.
 * A scenario's full JSON line stays the detailed record; these pick what the issues promise.
 */

export interface Figure {
	scenario: string;
	figure: string;
	value: number | string | null;
	unit: string;
	target: string;
	/** null when the target does not apply at this run's size (e.g. a 1M-dossier target on a quick run). */
	met: boolean | null;
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const atLeast = (value: number | null | undefined, target: number) =>
	value == null || Number.isNaN(value) ? false : value >= target;
const atMost = (value: number | null | undefined, target: number) =>
	value == null || Number.isNaN(value) ? false : value <= target;

function ingest(r: Json): Omit<Figure, 'scenario'>[] {
	return [
		{
			figure: 'POST /api/v1/events',
			value: r.http.eventsPerSecond,
			unit: 'events/s',
			target: '≥ 20,000',
			met: atLeast(r.http.eventsPerSecond, 20_000)
		},
		{
			figure: 'cli import (NDJSON)',
			value: r.import.eventsPerSecond,
			unit: 'events/s',
			target: '≥ 50,000',
			met: atLeast(r.import.eventsPerSecond, 50_000)
		}
	];
}

/** Figures promised at a million dossiers apply only to a run of that size; smaller runs say so. */
const MILLION = 1_000_000;

function aggregate(r: Json): Omit<Figure, 'scenario'>[] {
	const full = r.dossiers >= MILLION;
	const secondsAtMillion = Math.round(MILLION / r.rebuild.dossiersPerSecond);
	return [
		{
			figure: 'dossier changes applied to Redis',
			value: r.apply.perSecond,
			unit: 'changes/s',
			target: '≥ 50,000',
			met: atLeast(r.apply.perSecond, 50_000)
		},
		{
			figure: `national snapshot from the store (${r.dossiers.toLocaleString('en')} dossiers)`,
			value: r.nationalSnapshot.store.p50Ms,
			unit: 'ms p50',
			target: '≤ 20',
			met: full ? atMost(r.nationalSnapshot.store.p50Ms, 20) : null
		},
		{
			figure: full
				? 'rebuild of 1,000,000 dossiers'
				: `rebuild, extrapolated to 1,000,000 from ${r.dossiers.toLocaleString('en')}`,
			value: full ? r.rebuild.seconds : secondsAtMillion,
			unit: 's',
			target: '≤ 60',
			met: full ? atMost(r.rebuild.seconds, 60) : null
		},
		{
			figure: `Redis memory (${r.dossiers.toLocaleString('en')} dossiers)`,
			value: r.redisMemoryMB,
			unit: 'MB',
			target: '≤ 1,024 at 1,000,000',
			met: full ? atMost(r.redisMemoryMB, 1024) : null
		}
	];
}

function live(r: Json): Omit<Figure, 'scenario'>[] {
	const share = Number.parseFloat(r.finalStateEqualToApi);
	return [
		{
			figure: `ingest → client latency (${r.clients.toLocaleString('en')} clients, ${r.eventsPerSecond} events/s)`,
			value: r.latencyMs.p99,
			unit: 'ms p99',
			target: '≤ 400',
			met: atMost(r.latencyMs.p99, 400)
		},
		{
			figure: 'clients whose final state equals the snapshot API',
			value: share,
			unit: '%',
			target: '100',
			met: share === 100
		},
		{
			figure: `server RSS at ${r.clients.toLocaleString('en')} clients`,
			value: r.server.rssMb,
			unit: 'MB',
			target: '≤ 600 at 5,000 clients',
			met: r.clients >= 5_000 ? atMost(r.server.rssMb, 600) : null
		}
	];
}

function pages(r: Json): Omit<Figure, 'scenario'>[] {
	return [
		...(r.pages as Json[])
			.filter((p) => p.path.startsWith('/ward/'))
			.map((p) => ({
				figure: `JavaScript of ${p.path} (gzip)`,
				value: p.jsKbGzip,
				unit: 'KB',
				target: '≤ 200',
				met: atMost(p.jsKbGzip, 200)
			})),
		...(r.pages as Json[]).map((p) => ({
			figure: `first contentful paint ${p.path}`,
			value: p.fcpMsP50,
			unit: 'ms p50',
			target: '≤ 1,000',
			met: atMost(p.fcpMsP50, 1000)
		}))
	];
}

function startup(r: Json): Omit<Figure, 'scenario'>[] {
	return (r.scenarios as Json[]).flatMap((s) => {
		const cold = s.database === 'postgres' ? 3000 : 10_000;
		return [
			{
				figure: `cold start (${s.database})`,
				value: s.coldStartMs,
				unit: 'ms',
				target: `< ${cold.toLocaleString('en')}`,
				met: s.coldStartMs < cold
			},
			{
				figure: `warm start (${s.database})`,
				value: s.warmStartMs,
				unit: 'ms',
				target: '< 1,500',
				met: s.warmStartMs < 1500
			},
			{
				figure: `home page (${s.database})`,
				value: s.homePage.p95Ms,
				unit: 'ms p95',
				target: '< 50',
				met: s.homePage.p95Ms < 50
			}
		];
	});
}

function serviceIndex(r: Json): Omit<Figure, 'scenario'>[] {
	const full = r.dossiers >= MILLION;
	return Object.entries(r.reads as Record<string, Json>).map(([scope, periods]) => ({
		figure: `Decision 766 estimate by SQL, ${scope}, running 30 days (${r.dossiers.toLocaleString('en')} dossiers)`,
		value: periods.running30Days.p50Ms,
		unit: 'ms p50',
		target: scope === 'national' ? '< 5,000 at 1,000,000' : '—',
		met: scope === 'national' && full ? atMost(periods.running30Days.p50Ms, 5000) : null
	}));
}

function soak(r: Json): Omit<Figure, 'scenario'>[] {
	return (['heap', 'domNodes'] as const).map((kind) => ({
		figure: `wall in Chromium for ${r.minutes} min at ${r.eventsPerSecond} events/s: ${kind === 'heap' ? 'JS heap' : 'DOM nodes'} growth after warm-up`,
		value: r[kind].growthAfterWarmupPct,
		unit: '%',
		target: `≤ ${r.target.growthPct}`,
		met: atMost(r[kind].growthAfterWarmupPct, r.target.growthPct)
	}));
}

function livePayload(r: Json): Omit<Figure, 'scenario'>[] {
	return [
		{
			figure: `province update in a working hour (${r.data.wards} wards), ages to one decimal (as computed: ${r.perUpdate.agesAsComputed.bytes.toLocaleString('en')} B)`,
			value: r.perUpdate.agesToOneDecimal.bytes,
			unit: 'bytes',
			target: '—',
			met: null
		}
	];
}

const FIGURES: Record<string, (result: Json) => Omit<Figure, 'scenario'>[]> = {
	ingest,
	aggregate,
	live,
	'live-payload': livePayload,
	pages,
	startup,
	'service-index': serviceIndex,
	soak
};

/** The headline figures of one scenario's result; a scenario without a picker contributes none. */
export function figuresOf(scenario: string, result: unknown): Figure[] {
	const pick = FIGURES[scenario];
	return pick ? pick(result as Json).map((f) => ({ scenario, ...f })) : [];
}
