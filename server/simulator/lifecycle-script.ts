import { HOUR_MS, MINUTE_MS, vnDateOf, type Instant } from '../../src/lib/domain/calendar/vn-time';
import {
	WORKING_DAY_HOURS,
	type WorkingCalendar
} from '../../src/lib/domain/calendar/working-calendar';
import { computeDueAt, type ProcessingTime } from '../../src/lib/domain/deadline';
import type { Channel, DossierEvent, Stage } from '../../src/lib/domain/dossier';
import { processingTimeFor, type ProcedureRule } from '../../src/lib/domain/procedure-catalogue';
import {
	FIELD_UNITS,
	STAGE_WEIGHT,
	STEP_LABEL,
	type Effort,
	type ProcedureProfile
} from './procedure-mix';
import type { Random } from './random';
import type { WardConditions } from './scenarios';
import type { SimulatedWard } from './wards';
import { deskAfter, deskInstantOn, subtractWorkingMs, wholeSeconds } from './working-time';

/**
 * One dossier's whole life, written at once when it arrives: submission, acceptance (or refusal) at the desk,
 * the stages with dwell times that fit its legal time, supplements, fees, extensions with apologies,
 * withdrawals, completion, return and rating. Desk work only happens in office hours; the applicant's own
 * actions (online submission, online payment, uploading a supplement, rating) may come at any hour.
 */

/** Refused at intake (không được tiếp nhận): online dossiers more often than those checked face to face. */
export const REFUSED_ONLINE = 0.02;
export const REFUSED_DIRECT = 0.005;
/** Finished on a date after the due date in normal conditions (DOMAIN §1: about 0.1%). */
export const LATE = 0.001;

const WORKING_DAY_MS = WORKING_DAY_HOURS * HOUR_MS;
/** Work never uses more than this share of the legal time on a normal day. */
const MAX_EFFORT_SHARE = 0.85;

/** An event whose id is not given yet (ids follow the dossier's time order): `id` is empty. */
export type DraftEvent = DossierEvent;

export interface Arrival {
	code: string;
	ward: SimulatedWard;
	profile: ProcedureProfile;
	/** The catalogue entry: field and legal processing time. */
	rule: ProcedureRule;
	channel: Channel;
	/** Submitted online, or walked in (or the post came in) at the desk. */
	at: Instant;
	/** The ward whose desk took the dossier when it is not the handling ward (NĐ 118/2025). */
	receivingWard?: string;
}

export interface ScriptContext {
	calendar: WorkingCalendar;
	conditions: WardConditions | null;
}

const REFUSAL_REASONS = [
	'Hồ sơ không thuộc thẩm quyền giải quyết',
	'Thành phần hồ sơ không đúng quy định',
	'Thông tin kê khai không khớp với giấy tờ'
];
const SUPPLEMENT_REASONS = [
	'Bổ sung giấy tờ còn thiếu',
	'Bản sao chưa rõ, đề nghị nộp lại',
	'Bổ sung văn bản xác nhận của cơ quan có thẩm quyền'
];

function isSameDay(time: ProcessingTime | null): boolean {
	return !time || time.unit === 'same_day' || !((time.value ?? 0) > 0);
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** One dossier's events without ids, in the order written (the caller sorts them and gives the ids). */
export function scriptDossier(arrival: Arrival, rng: Random, ctx: ScriptContext): DraftEvent[] {
	const { calendar, conditions } = ctx;
	const { ward, profile, rule, channel, code } = arrival;
	const field = rule.field;
	const time = processingTimeFor(rule, channel);
	const sameDay = isSameDay(time);
	const units = FIELD_UNITS[field] ?? FIELD_UNITS.khac;
	const out: DraftEvent[] = [];
	const emit = (type: DossierEvent['type'], at: Instant, extra: Partial<DraftEvent> = {}) => {
		out.push({ id: '', type, dossier: code, ward: ward.code, at, ...extra });
	};
	const officer = (role: 'mc' | 'cv' | 'ld') => {
		const count =
			role === 'mc' ? ward.staff.desk : role === 'cv' ? ward.staff.specialists : ward.staff.leaders;
		return `${ward.code}-${role}${pad2(1 + rng.below(count))}`;
	};
	const identity: Partial<DraftEvent> = {
		procedure: profile.code,
		field,
		channel,
		...(arrival.receivingWard ? { receivingWard: arrival.receivingWard } : {})
	};
	const minutes = (low: number, high: number) => rng.between(low, high) * MINUTE_MS;

	// Submission and acceptance: online dossiers wait for the desk's next working moments.
	let receivedAt: Instant;
	if (channel === 'online') {
		emit('submitted', arrival.at, identity);
		const acceptAt = deskAfter(
			calendar,
			arrival.at,
			Math.min(4 * HOUR_MS, rng.exponential(35 * MINUTE_MS))
		);
		if (rng.chance(REFUSED_ONLINE)) {
			emit('not_accepted', acceptAt, {
				reason: REFUSAL_REASONS[rng.below(REFUSAL_REASONS.length)],
				officer: officer('mc')
			});
			return out;
		}
		receivedAt = acceptAt;
	} else {
		if (rng.chance(REFUSED_DIRECT)) {
			emit('not_accepted', arrival.at, {
				...identity,
				reason: REFUSAL_REASONS[rng.below(REFUSAL_REASONS.length)],
				officer: officer('mc')
			});
			return out;
		}
		receivedAt = arrival.at;
	}
	let dueAt = computeDueAt(time, receivedAt, calendar);
	const digitised = rng.chance(channel === 'online' ? 0.97 : 0.8);
	emit('received', receivedAt, {
		...identity,
		dueAt,
		step: STEP_LABEL.intake,
		unit: 'Bộ phận Một cửa',
		officer: officer('mc'),
		digitised
	});

	// Fees paid with the submission: at the desk (sometimes by QR code), or online right after submitting.
	let payAtReturn = false;
	if (profile.fee === 'at_receipt') {
		if (channel !== 'online') {
			emit('fee_paid', deskAfter(calendar, receivedAt, minutes(1, 4)), {
				paidOnline: rng.chance(0.15)
			});
		} else if (rng.chance(0.88)) {
			emit('fee_paid', arrival.at + wholeSeconds(minutes(1, 20)), { paidOnline: true });
		} else payAtReturn = true;
	}

	const effort = (from: Instant, due: Instant, shape: Effort): number => {
		const allotted = Math.max(MINUTE_MS, calendar.workingMsBetween(from, due));
		const cap = MAX_EFFORT_SHARE * allotted;
		const drawn =
			shape.kind === 'minutes'
				? rng.logNormal(shape.median, shape.sigma)
				: allotted * rng.between(shape.low, shape.high);
		return Math.max(MINUTE_MS, Math.min(cap, drawn));
	};

	// The fate of the dossier, drawn once.
	const late = rng.chance(LATE);
	let extended = !sameDay && !late && rng.chance(profile.extension);
	const supplement = !late && !extended && rng.chance(profile.supplement);
	const withdraw = !late && !extended && rng.chance(profile.withdraw);
	let budget = effort(receivedAt, dueAt, profile.effort);
	if (late) {
		// Finished on a working day after the due date: late by Biểu 06's calendar-date rule.
		const target = deskInstantOn(
			calendar,
			calendar.nextWorkingDay(vnDateOf(dueAt)),
			rng.between(0, 0.6)
		);
		budget = Math.max(MINUTE_MS, calendar.workingMsBetween(receivedAt, target));
	} else if (extended) {
		// An apology with a new date, normally a working day or more before the old one (in time).
		const ahead = rng.chance(0.85) ? minutes(8 * 60, 24 * 60) : minutes(60, 6 * 60);
		const at = subtractWorkingMs(calendar, dueAt, ahead);
		if (calendar.workingMsBetween(receivedAt, at) < HOUR_MS) extended = false;
		else {
			const newDue = calendar.addWorkingDays(dueAt, 2 + rng.below(4));
			emit('due_extended', at, {
				dueAt: newDue,
				reason: 'Hồ sơ cần xác minh thêm; đã gửi phiếu xin lỗi và hẹn lại ngày trả kết quả',
				officer: officer('cv')
			});
			const finish = deskAfter(
				calendar,
				dueAt,
				calendar.workingMsBetween(dueAt, newDue) * rng.between(0.2, 0.9)
			);
			budget = Math.max(MINUTE_MS, calendar.workingMsBetween(receivedAt, finish));
			dueAt = newDue;
		}
	}

	/** The stages from intake (entered at `start`) to completion; null when the dossier never completes. */
	const walk = (start: Instant, work: number, mayAskSupplement: boolean): Instant | null => {
		const usesAgency = rng.chance(profile.interagency);
		const jitter = () => Math.exp(0.25 * rng.normal());
		const weight = {
			intake: STAGE_WEIGHT.intake * jitter(),
			processing: STAGE_WEIGHT.processing * jitter(),
			interagency: usesAgency ? STAGE_WEIGHT.interagency * jitter() : 0,
			fee_wait: profile.fee === 'obligation' ? STAGE_WEIGHT.fee_wait * jitter() : 0,
			approval: STAGE_WEIGHT.approval * jitter(),
			result: STAGE_WEIGHT.result * jitter()
		};
		const sum = Object.values(weight).reduce((s, w) => s + w, 0);
		const dwell = (stage: keyof typeof weight) => (work * weight[stage]) / sum;
		const enter = (stage: Stage, at: Instant, who: string, unit: string) =>
			emit('stage_changed', at, { stage, step: STEP_LABEL[stage], unit, officer: who });

		// Intake: checked, scanned and sent on to the specialist.
		let at = start;
		let exit = deskAfter(calendar, at, dwell('intake'));
		if (conditions) exit = conditions.queueExit('intake', at, exit);
		enter('processing', exit, officer('mc'), units.department);
		at = exit;

		// Processing, where supplements are asked for and applicants may withdraw.
		if (withdraw) {
			emit('withdrawn', deskAfter(calendar, at, dwell('processing') * rng.between(0.1, 0.9)), {
				reason: 'Người nộp hồ sơ đề nghị rút hồ sơ',
				officer: officer('mc')
			});
			return null;
		}
		if (supplement && mayAskSupplement) {
			const asked = deskAfter(calendar, at, dwell('processing') * rng.between(0.2, 0.6));
			emit('supplement_requested', asked, {
				reason: SUPPLEMENT_REASONS[rng.below(SUPPLEMENT_REASONS.length)],
				officer: officer('cv')
			});
			const waited = Math.min(
				15 * WORKING_DAY_MS,
				Math.max(2 * HOUR_MS, rng.logNormal(2 * WORKING_DAY_MS, 0.6))
			);
			let back = deskAfter(calendar, asked, waited);
			// Online, the applicant uploads whenever suits them, evenings included.
			if (channel === 'online') back += wholeSeconds(rng.between(0, 8 * HOUR_MS));
			// The legal clock restarts on the complete dossier (NĐ 61/2018 Art. 19.4): the new date goes with it.
			const restartedDue = computeDueAt(time, back, calendar);
			emit('supplement_received', back, { dueAt: restartedDue });
			dueAt = restartedDue;
			const again = deskAfter(calendar, back, minutes(5, 60));
			enter('intake', again, officer('mc'), 'Bộ phận Một cửa');
			return walk(again, effort(again, restartedDue, profile.effort), false);
		}
		exit = deskAfter(calendar, at, dwell('processing'));
		if (conditions) exit = conditions.queueExit('processing', at, exit);

		// Another agency (liên thông): stalls hold dossiers here.
		if (usesAgency || conditions?.forcesInteragency(field, profile.code, exit)) {
			enter('interagency', exit, officer('cv'), units.agency);
			at = exit;
			exit = deskAfter(calendar, at, dwell('interagency') || minutes(10, 40));
			const hold = conditions?.hold('interagency', field, profile.code, at, exit);
			if (hold) {
				if (!extended && rng.chance(hold.extension)) {
					extended = true;
					const apology = deskAfter(calendar, hold.since, minutes(60, 240));
					emit('due_extended', apology, {
						dueAt: calendar.addWorkingDays(Math.max(dueAt, apology), 3),
						reason: 'Chờ kết quả của cơ quan liên thông; đã gửi phiếu xin lỗi và hẹn lại',
						officer: officer('cv')
					});
				}
				if (hold.releaseAt === null) return null;
				exit = Math.max(exit, hold.releaseAt);
			}
		}

		// Land: financial obligations are notified, the applicant pays, then the leader signs.
		if (profile.fee === 'obligation') {
			emit('fee_requested', exit, {
				reason: 'Thông báo thực hiện nghĩa vụ tài chính',
				officer: officer('cv')
			});
			const paid = deskAfter(calendar, exit, dwell('fee_wait'));
			emit('fee_paid', paid, { paidOnline: rng.chance(0.6) });
			exit = deskAfter(calendar, paid, minutes(10, 90));
		}
		enter('approval', exit, officer('cv'), 'Lãnh đạo UBND');
		at = exit;
		exit = deskAfter(calendar, at, dwell('approval'));
		enter('result', exit, officer('ld'), 'Bộ phận Một cửa');
		at = exit;
		exit = deskAfter(calendar, at, dwell('result'));
		emit('completed', exit, { officer: officer('mc'), digitised });
		return exit;
	};

	const completedAt = walk(receivedAt, budget, true);
	if (completedAt === null) return out;

	// The result goes back: electronically, to an applicant waiting at the desk, or collected days later.
	let returnedAt: Instant;
	if (channel === 'online' && rng.chance(0.6))
		returnedAt = deskAfter(calendar, completedAt, minutes(1, 20));
	else if (sameDay && rng.chance(0.85))
		returnedAt = deskAfter(calendar, completedAt, minutes(2, 30));
	else
		returnedAt = deskAfter(
			calendar,
			completedAt,
			Math.min(10 * WORKING_DAY_MS, rng.exponential(1.5 * WORKING_DAY_MS))
		);
	if (payAtReturn) emit('fee_paid', returnedAt, { paidOnline: false });
	emit('returned', returnedAt, { officer: officer('mc') });
	if (rng.chance(0.3))
		emit('rated', returnedAt + wholeSeconds(minutes(1, 180)), { satisfied: rng.chance(0.96) });
	return out;
}
