import { STAGES } from '../../src/lib/domain/dossier';
import { WIP_SCORE_OFFSET, type RedisKeys } from './redis-keys';
import { BUCKETS, lookbackBuckets, SETS, sumTransitions } from './store-ops';
import { emptyUnitFigures, type StoreUnit, type UnitFigures, type UnitReadRequest } from './store';

/** One unit's read as READ_SCRIPT (redis-keys.ts) takes it, and what its reply needs to be understood. */
export interface UnitRead {
	args: string[];
	national: boolean;
	/** The hour buckets asked for, in the reply's order, with the first hour each counts from. */
	hours: { bucket: string; fromHour: number }[];
}

/** READ_SCRIPT's reply: days, carry, open, due counts, due total, hour buckets, per stage its figures. */
export type UnitReadReply = [
	string[],
	string[],
	string[],
	number[],
	number,
	string[][],
	[number, number, number, string[]][]
];

const scoreArg = (value: number) =>
	value === Number.NEGATIVE_INFINITY
		? '-inf'
		: value === Number.POSITIVE_INFINITY
			? '+inf'
			: String(value);

/** The script's arguments for one unit's figures; null for a ward of no known province (nothing to read). */
export function unitReadArgs(
	keys: RedisKeys,
	epoch: number,
	unit: StoreUnit,
	request: UnitReadRequest,
	provinceOf: (ward: string) => string | undefined
): UnitRead | null {
	const national = unit.kind === 'national';
	const province = national ? null : unit.kind === 'province' ? unit.code : provinceOf(unit.code);
	if (province === undefined) return null;
	const hours = national ? [] : lookbackBuckets(request.lookbackFrom, request.now);
	const args = [
		province === null
			? keys.nationalBase(epoch)
			: keys.levelBase(epoch, province, unit.kind === 'ward' ? unit.code : null),
		`(${WIP_SCORE_OFFSET.overdue}`,
		String(WIP_SCORE_OFFSET.overdue),
		`(${WIP_SCORE_OFFSET.overdue + request.now}`,
		String(WIP_SCORE_OFFSET.overShare),
		`(${WIP_SCORE_OFFSET.overShare + request.now}`,
		national ? '' : BUCKETS.carry,
		national ? '' : BUCKETS.open,
		national ? '' : SETS.due,
		String(national ? 0 : request.days.length),
		...(national ? [] : request.days.map((day) => BUCKETS.day(day))),
		String(hours.length),
		...hours.map(({ bucket }) => bucket),
		String(request.dueRanges.length),
		...request.dueRanges.flatMap(([min, max]) => [scoreArg(min), scoreArg(max)]),
		String(request.percentiles.length),
		...request.percentiles.map(String)
	];
	for (const stage of STAGES) {
		// The national base holds the `@` sets under their plain names, without overdue entries.
		if (national) args.push(SETS.queue(stage), '', '');
		else args.push(SETS.queue(stage), '1', '1');
	}
	return { args, national, hours };
}

const counts = (flat: string[] | number[]) => {
	const out: Record<string, number> = {};
	for (let k = 0; k < flat.length; k += 2) out[String(flat[k])] = Number(flat[k + 1]);
	return out;
};

/** A unit's figures from READ_SCRIPT's reply to `read`. */
export function unitFiguresOf(
	[days, carry, open, due, dueTotal, hourBuckets, stages]: UnitReadReply,
	read: UnitRead,
	request: UnitReadRequest
): UnitFigures {
	const figures = emptyUnitFigures(request.dueRanges.length);
	figures.days = counts(days);
	figures.carry = counts(carry);
	figures.open = counts(open);
	if (!read.national) figures.due = due.map(Number);
	figures.dueTotal = Number(dueTotal);
	const transitions = sumTransitions(
		read.hours.map(({ fromHour }, index) => ({
			fromHour,
			counters: Object.entries(counts(hourBuckets[index] ?? []))
		}))
	);
	STAGES.forEach((stage, index) => {
		const [wip, overdue, overShare, entries] = stages[index] ?? [0, 0, 0, []];
		const figure = figures.stages[stage];
		figure.wip = Number(wip);
		figure.overdue = Number(overdue);
		figure.overShare = Number(overShare);
		figure.entered = transitions.get(stage)?.entered ?? 0;
		figure.left = transitions.get(stage)?.left ?? 0;
		figure.percentileEntries = [];
		for (let k = 0; k < entries.length; k += 2)
			figure.percentileEntries.push([Number(entries[k]), Number(entries[k + 1])]);
	});
	return figures;
}
