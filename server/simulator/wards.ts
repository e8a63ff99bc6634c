import { PROCEDURE_PROFILES, type ProcedureProfile } from './procedure-mix';
import { hashUnit, weightedTable, type WeightedTable } from './random';

/**
 * Simulated wards: how many dossiers each receives, which fields, and how many online. The administrative units
 * carry no population, so each ward gets a deterministic population class from its kind and a hash of its code;
 * Phường Thành Vinh (16681), the one ward with published figures (DOMAIN §1), is the calibration point.
 */

/** An administrative unit as the database lists it (kind: `ward`, `commune` or `special_zone`). */
export interface AdminUnit {
	code: string;
	name: string;
	kind: string;
	provinceCode: string;
}

export type PopulationClass =
	'urban-large' | 'urban' | 'urban-small' | 'rural-large' | 'rural' | 'rural-small' | 'island';

export interface SimulatedWard extends AdminUnit {
	population: number;
	populationClass: PopulationClass;
	/** Dossiers received in a 30-day month with 22 working days (the Thành Vinh month of DOMAIN §1). */
	receivedPerMonth: number;
	/** Share of received dossiers submitted online. */
	onlineShare: number;
	/** Share of received dossiers per field code (sums to 1). */
	fieldMix: Readonly<Record<string, number>>;
	/** Headcount behind the pseudonymous officer ids. */
	staff: { desk: number; specialists: number; leaders: number };
}

/** The published month (DOMAIN §1) for Thành Vinh: its own figures, not a class average. */
export interface WardCalibration {
	population: number;
	receivedPerMonth: number;
	onlineShare: number;
	fieldMix: Readonly<Record<string, number>>;
}

/** Phường Thành Vinh, Nghệ An, first month after the 2025 reform: 2,718 received, 65.8% online. */
export const THANH_VINH: WardCalibration = {
	population: 123_000,
	receivedPerMonth: 2718,
	onlineShare: 0.658,
	// 1,182 certification, 748 civil status, 417 social protection; the other 371 split by assumption.
	fieldMix: {
		'chung-thuc': 1182 / 2718,
		'ho-tich': 748 / 2718,
		'bao-tro-xa-hoi': 417 / 2718,
		'dat-dai': 120 / 2718,
		'ho-kinh-doanh': 110 / 2718,
		'nguoi-co-cong': 55 / 2718,
		khac: 86 / 2718
	}
};

export const CALIBRATED_WARDS: Readonly<Record<string, WardCalibration>> = { '16681': THANH_VINH };

/** Communes: more land and social protection, fewer certifications than a city ward (assumption). */
const RURAL_FIELD_MIX: Readonly<Record<string, number>> = {
	'chung-thuc': 0.36,
	'ho-tich': 0.3,
	'bao-tro-xa-hoi': 0.18,
	'dat-dai': 0.08,
	'ho-kinh-doanh': 0.03,
	'nguoi-co-cong': 0.03,
	khac: 0.02
};

interface ClassSpec {
	name: PopulationClass;
	/** Cumulative probability bound for drawing this class within its kind. */
	upTo: number;
	population: readonly [number, number];
}

/** Population classes per kind of unit (rough shape of the 2025 merged units: assumption, not data). */
const CLASSES: Readonly<Record<'urban' | 'rural' | 'island', readonly ClassSpec[]>> = {
	urban: [
		{ name: 'urban-large', upTo: 0.25, population: [80_000, 130_000] },
		{ name: 'urban', upTo: 0.7, population: [40_000, 80_000] },
		{ name: 'urban-small', upTo: 1, population: [18_000, 40_000] }
	],
	rural: [
		{ name: 'rural-large', upTo: 0.2, population: [30_000, 50_000] },
		{ name: 'rural', upTo: 0.7, population: [15_000, 30_000] },
		{ name: 'rural-small', upTo: 1, population: [6_000, 15_000] }
	],
	island: [{ name: 'island', upTo: 1, population: [3_000, 30_000] }]
};

/** Dossiers received per inhabitant per month: Thành Vinh's rate for city wards, less in communes. */
const PER_CAPITA: Readonly<Record<'urban' | 'rural' | 'island', number>> = {
	urban: THANH_VINH.receivedPerMonth / THANH_VINH.population,
	rural: 0.017,
	island: 0.02
};

/** Online share around which each kind's wards scatter (communes submit less online: assumption). */
const ONLINE_SHARE: Readonly<Record<'urban' | 'rural' | 'island', readonly [number, number]>> = {
	urban: [0.6, 0.7],
	rural: [0.4, 0.6],
	island: [0.45, 0.65]
};

function kindGroup(kind: string): 'urban' | 'rural' | 'island' {
	const k = kind.toLowerCase();
	if (k === 'ward' || k.includes('phường')) return 'urban';
	if (k.includes('special') || k.includes('đặc khu')) return 'island';
	return 'rural';
}

function staffFor(receivedPerMonth: number): SimulatedWard['staff'] {
	return {
		desk: Math.max(2, Math.round(receivedPerMonth / 600)),
		specialists: Math.max(3, Math.round(receivedPerMonth / 300)),
		leaders: 3
	};
}

/** A ward's profile: calibrated when known, else drawn deterministically from its kind and code. */
export function wardProfile(
	unit: AdminUnit,
	calibrations: Readonly<Record<string, WardCalibration>> = CALIBRATED_WARDS
): SimulatedWard {
	const base: AdminUnit = {
		code: unit.code,
		name: unit.name,
		kind: unit.kind,
		provinceCode: unit.provinceCode
	};
	const group = kindGroup(unit.kind);
	const known = calibrations[unit.code];
	if (known) {
		return {
			...base,
			population: known.population,
			populationClass:
				group === 'urban' ? 'urban-large' : group === 'island' ? 'island' : 'rural-large',
			receivedPerMonth: known.receivedPerMonth,
			onlineShare: known.onlineShare,
			fieldMix: { ...known.fieldMix },
			staff: staffFor(known.receivedPerMonth)
		};
	}
	const draw = hashUnit(`class:${unit.code}`);
	const spec = CLASSES[group].find((c) => draw < c.upTo) ?? CLASSES[group].at(-1)!;
	const [low, high] = spec.population;
	const population =
		Math.round((low + (high - low) * hashUnit(`population:${unit.code}`)) / 100) * 100;
	const receivedPerMonth = Math.round(population * PER_CAPITA[group]);
	const [onlineLow, onlineHigh] = ONLINE_SHARE[group];
	const onlineShare =
		Math.round((onlineLow + (onlineHigh - onlineLow) * hashUnit(`online:${unit.code}`)) * 1000) /
		1000;
	return {
		...base,
		population,
		populationClass: spec.name,
		receivedPerMonth,
		onlineShare,
		fieldMix: group === 'urban' ? { ...THANH_VINH.fieldMix } : { ...RURAL_FIELD_MIX },
		staff: staffFor(receivedPerMonth)
	};
}

/** Profiles for the given units, in their order. */
export function wardProfiles(
	units: readonly AdminUnit[],
	calibrations: Readonly<Record<string, WardCalibration>> = CALIBRATED_WARDS
): SimulatedWard[] {
	return units.map((unit) => wardProfile(unit, calibrations));
}

/** Which procedure an arriving dossier is for, per channel, so that the ward's field mix and online share hold. */
export interface ArrivalMix {
	online: WeightedTable<ProcedureProfile>;
	direct: WeightedTable<ProcedureProfile>;
	/** The online share the mix achieves (the ward's, unless its procedures cannot reach it). */
	onlineShare: number;
}

const MAX_ONLINE_PROBABILITY = 0.98;

/**
 * Splits the ward's procedure mix by channel. Each procedure's online probability is its propensity times one
 * factor, solved (bisection) so that the mix as a whole reaches the ward's online share.
 */
export function arrivalMix(ward: SimulatedWard): ArrivalMix {
	const weights = PROCEDURE_PROFILES.map((p) => ({
		profile: p,
		weight: (ward.fieldMix[p.field] ?? 0) * p.share
	})).filter((w) => w.weight > 0);
	const total = weights.reduce((sum, w) => sum + w.weight, 0);
	const probability = (factor: number, p: ProcedureProfile) =>
		Math.min(MAX_ONLINE_PROBABILITY, factor * p.online);
	const shareAt = (factor: number) =>
		weights.reduce((sum, w) => sum + (w.weight / total) * probability(factor, w.profile), 0);
	let low = 0;
	let high = 100;
	for (let i = 0; i < 60; i++) {
		const mid = (low + high) / 2;
		if (shareAt(mid) < ward.onlineShare) low = mid;
		else high = mid;
	}
	const factor = (low + high) / 2;
	const online = weights.map(
		(w) => [w.profile, w.weight * probability(factor, w.profile)] as const
	);
	const direct = weights.map(
		(w) => [w.profile, w.weight * (1 - probability(factor, w.profile))] as const
	);
	const onlineTotal = online.reduce((sum, [, w]) => sum + w, 0);
	return {
		online: weightedTable(online),
		direct: weightedTable(direct),
		onlineShare: onlineTotal / total
	};
}
