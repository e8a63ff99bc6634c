/**
 * `npm run bench -- live-payload`: how large a province room's live update is in a working hour, with
 * working-hour ages as computed and as the wire rounds them (`ageToWire`). The live bench runs at whatever hour
 * it is started, often outside working hours when ages do not move with time; this scenario fixes the hour.
 *
 * Data: BENCH_PAYLOAD_DAYS (default 30) days of Nghệ An's 130 wards from the simulator up to Tuesday 24/11/2026
 * 10:00 in Vietnam. Then, at 20 instants spread over the next hour, the province snapshot (130 ward rows) is
 * computed by the domain at the instant and one coalescing tick (250 ms) later with no new event in between —
 * what time alone changes — and the update is the diff the room would send (`diffSnapshot`, JSON Pointers to
 * absolute values).
 */
import { toSnapshotJson, type SnapshotJson } from '../../src/lib/contracts/snapshot';
import { computeSnapshot, type Snapshot } from '../../src/lib/domain/oracle';
import { periodOfDay } from '../../src/lib/domain/period';
import { diffSnapshot } from '../../src/lib/realtime/snapshot-changes';
import {
	calendar,
	NGHE_AN,
	options,
	runStates
} from '../../server/simulator/simulator.test-support';
import { wardProfiles } from '../../server/simulator/wards';

const DAYS = Number(process.env.BENCH_PAYLOAD_DAYS ?? 30);
const DAY = '2026-11-24';
const START = Date.parse(`${DAY}T10:00:00+07:00`);
const TICK_MS = 250;
const SAMPLES = 20;
const SAMPLE_EVERY_MS = 180_000;

/** The wire form with the ages as computed, not rounded. */
function unrounded(snapshot: Snapshot): SnapshotJson {
	const json = toSnapshotJson(snapshot);
	const restore = (to: SnapshotJson['stages'], from: Snapshot['stages']) =>
		to.forEach((stage, i) => {
			stage.medianAgeHours = from[i]!.medianAgeHours;
			stage.p90AgeHours = from[i]!.p90AgeHours;
		});
	restore(json.stages, snapshot.stages);
	json.children.forEach((child, k) => restore(child.stages, snapshot.children![k]!.stages));
	return json;
}

export async function livePayloadBench() {
	const wards = wardProfiles(NGHE_AN);
	const states = runStates({
		...options({ wards, from: START - DAYS * 86_400_000, seed: 'mot-cua-live' }),
		until: START
	});
	const scope = { id: 'province:40', wards: wards.map((w) => w.code) };
	const children = wards.map((w) => ({ id: `ward:${w.code}`, wards: [w.code] }));
	const period = periodOfDay(DAY);
	const at = (now: number) => computeSnapshot(states, { scope, children, period, now, calendar });
	const totals = { raw: { pointers: 0, bytes: 0 }, rounded: { pointers: 0, bytes: 0 } };
	const add = (total: { pointers: number; bytes: number }, changes: object) => {
		total.pointers += Object.keys(changes).length;
		total.bytes += Buffer.byteLength(JSON.stringify(changes));
	};
	for (let sample = 0; sample < SAMPLES; sample++) {
		const instant = START + sample * SAMPLE_EVERY_MS;
		const [before, after] = [at(instant), at(instant + TICK_MS)];
		add(totals.raw, diffSnapshot(unrounded(before), unrounded(after), ['/asOf']));
		add(totals.rounded, diffSnapshot(toSnapshotJson(before), toSnapshotJson(after), ['/asOf']));
	}
	const mean = (total: { pointers: number; bytes: number }) => ({
		pointers: Math.round(total.pointers / SAMPLES),
		bytes: Math.round(total.bytes / SAMPLES)
	});
	return {
		data: { province: '40', wards: wards.length, days: DAYS, dossiers: states.length },
		hour: `${DAY} 10:00–11:00 (Vietnam), a working day; ${SAMPLES} ticks of ${TICK_MS} ms`,
		perUpdate: { agesAsComputed: mean(totals.raw), agesToOneDecimal: mean(totals.rounded) }
	};
}
