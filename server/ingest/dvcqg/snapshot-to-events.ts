import { formatDvcqgDate, type DvcqgDossier } from '../../../src/lib/contracts/dvcqg';
import type { Instant } from '../../../src/lib/domain/calendar/vn-time';
import type { DossierEvent, DossierState, EventType } from '../../../src/lib/domain/dossier';

/**
 * A `DongBoHoSoMC` item is a snapshot of a dossier, not an event: comparing it with the stored state tells which
 * native events explain the difference (ARCHITECTURE §4.2). Pure: no clock, no storage.
 *
 * Dates win over status codes (vendors map statuses unevenly; one reports 5, 6 and 8 as 9). A change that only
 * a status code shows (stopped, resumed, withdrawn, processing, an extension) carries no time of its own: it is
 * timed at the latest instant known for the dossier (the snapshot's dates and the stored state's last event),
 * the earliest moment it can honestly be said to have happened, and never after the dossier's finish.
 */

export interface SnapshotContext {
	/** Handling ward, from `resolveWard`. */
	ward: string;
	/** Receiving ward when it differs (NĐ 118/2025). */
	receivingWard?: string;
}

/**
 * The id of an event derived from DVCQG data: `dvcqg:{MaHoSo}:{type}:{key}`, the key being the fact's own
 * date (`yyyyMMddHHmmss`) or id. Resending a snapshot gives the same ids, which storage counts as duplicates.
 */
export function dvcqgEventId(dossier: string, type: EventType, key: string): string {
	return `dvcqg:${dossier}:${type}:${key}`;
}

type Extra = Partial<Omit<DossierEvent, 'id' | 'type' | 'dossier' | 'ward' | 'at'>>;

// A supplement id short and plain enough to sit in an event id; otherwise the request date stands in.
const SUPPLEMENT_ID = /^[\w.-]{1,40}$/;

const latest = (instants: readonly (Instant | null | undefined)[]): Instant | null => {
	const known = instants.filter((at): at is Instant => typeof at === 'number');
	return known.length === 0 ? null : Math.max(...known);
};

const known = (at: Instant | null | undefined): at is Instant => typeof at === 'number';

/** HoSoCoThanhPhanSoHoa; without it, whether any submitted document (TaiLieuNop) was digitised. */
function digitisedOf(item: DvcqgDossier): boolean | undefined {
	if (item.HoSoCoThanhPhanSoHoa !== null) return item.HoSoCoThanhPhanSoHoa;
	const flags = item.TaiLieuNop.map((doc) => doc.DuocSoHoa).filter((f) => f !== null);
	return flags.length === 0 ? undefined : flags.some(Boolean);
}

/**
 * The native events that explain how `item` differs from `stored` (null: never seen). Facts already in the
 * stored state are not emitted again; a fact the state holds with another value (a corrected receipt date) is
 * left as stored, since the lifecycle would count a second receipt as an anomaly.
 * - `submitted` at NgayNopHoSo; `received` at NgayTiepNhan with the due date in force at receipt (the first
 *   supplement's NgayHenTraTruoc, else NgayHenTra); neither for a dossier refused at intake.
 * - `not_accepted` at NgayTuChoi, or status 3.
 * - per DanhSachHoSoBoSung entry with a NgayBoSung: `supplement_requested` at it and `supplement_received` at
 *   NgayTiepNhanBoSung with NgayHenTraMoi as the new due date (for the last entry, NgayHenTra when it has none).
 * - `fee_paid` (online) when DuocThanhToanTrucTuyen is 1 or 2, timed at the submission (or the receipt): online
 *   payment is made when the applicant submits.
 * - `due_extended` to NgayHenTra when it differs from the source's due date in force and no supplement explains
 *   it (a due date the lifecycle computed is not compared). DVCQG has no date for the apology, so the extension
 *   is timed like a status change: usually earlier than it really was, so `apologyInTime` errs on the lenient
 *   side.
 * - `stopped` / `resumed` from status 8; `stage_changed` to `processing` from status 4 while still at intake.
 * - `withdrawn` from status 7 (at NgayTra when given); `completed` at NgayKetThucXuLy, or from status 9/10 unless
 *   a supplement is still awaited (a status 5 reported as 9); `returned` at NgayTra, or from status 10.
 */
export function dossierSnapshotToEvents(
	item: DvcqgDossier,
	stored: DossierState | null,
	ctx: SnapshotContext
): DossierEvent[] {
	const code = item.MaHoSo;
	const status = item.TrangThaiHoSo;
	const events: DossierEvent[] = [];
	const base = {
		dossier: code,
		ward: ctx.ward,
		...(ctx.receivingWard === undefined ? {} : { receivingWard: ctx.receivingWard })
	};
	const emit = (type: EventType, at: Instant, extra: Extra = {}, key = formatDvcqgDate(at)) => {
		events.push({ id: dvcqgEventId(code, type, key), type, ...base, at, ...extra });
	};
	const procedureFacts: Extra = {
		procedure: item.MaTTHC,
		channel: item.KenhThucHien,
		...(item.MaLinhVuc === null ? {} : { field: item.MaLinhVuc })
	};
	const digitised = digitisedOf(item);
	const digitisedFact: Extra = digitised === undefined ? {} : { digitised };

	const supplements = item.DanhSachHoSoBoSung.filter(
		(s): s is typeof s & { NgayBoSung: Instant } => s.NgayBoSung !== null
	).sort((a, b) => a.NgayBoSung - b.NgayBoSung);
	const awaitingSupplement = status === 5 || supplements.some((s) => s.NgayTiepNhanBoSung === null);
	const refused = item.NgayTuChoi !== null || status === 3;
	const withdrawn = status === 7;

	const observed = latest([
		item.NgayNopHoSo,
		item.NgayTiepNhan,
		item.NgayTuChoi,
		item.NgayKetThucXuLy,
		item.NgayTra,
		...supplements.flatMap((s) => [s.NgayBoSung, s.NgayTiepNhanBoSung]),
		stored?.lastEventAt
	]);
	const resolvedByStatus = (status === 9 || status === 10) && !awaitingSupplement;
	const finishAt =
		withdrawn || refused
			? null
			: (item.NgayKetThucXuLy ?? (resolvedByStatus ? (item.NgayTra ?? observed) : null));
	const returnAt =
		withdrawn || refused ? null : (item.NgayTra ?? (status === 10 ? observed : null));
	const end = finishAt ?? returnAt;
	// Status-only changes happened before the finish, whatever the snapshot's later dates say.
	const beforeEnd = observed === null || end === null ? observed : Math.min(observed, end);

	if (item.NgayNopHoSo !== null && !known(stored?.submittedAt)) {
		emit('submitted', item.NgayNopHoSo, procedureFacts);
	}
	if (refused) {
		const at = item.NgayTuChoi ?? observed;
		if (at !== null && !known(stored?.refusedAt)) emit('not_accepted', at, procedureFacts);
	}

	const firstDue = supplements[0]?.NgayHenTraTruoc ?? null;
	const receiptDue = supplements.length === 0 ? item.NgayHenTra : firstDue;
	const receiving = item.NgayTiepNhan !== null && !refused && !known(stored?.receivedAt);
	if (receiving) {
		emit('received', item.NgayTiepNhan as Instant, {
			...procedureFacts,
			...(receiptDue === null ? {} : { dueAt: receiptDue }),
			...digitisedFact
		});
	}
	const accepted = receiving || known(stored?.receivedAt);

	if (item.DuocThanhToanTrucTuyen === 1 || item.DuocThanhToanTrucTuyen === 2) {
		const at = item.NgayNopHoSo ?? item.NgayTiepNhan ?? beforeEnd;
		const paid = stored?.fees.some((fee) => fee.paidAt !== null && fee.paidOnline === true);
		if (at !== null && !paid) emit('fee_paid', at, { paidOnline: true }, 'online');
	}

	// The due date in force after this snapshot's events, as far as the source tells it (undefined: computed).
	let dueInForce: Instant | null | undefined = stored?.dueAtHistory.at(-1)?.fromSource
		? stored.dueAt
		: undefined;
	if (receiving) dueInForce = receiptDue ?? undefined;
	for (const [index, supplement] of supplements.entries()) {
		const key = SUPPLEMENT_ID.test(supplement.HoSoBoSungId ?? '')
			? (supplement.HoSoBoSungId as string)
			: formatDvcqgDate(supplement.NgayBoSung);
		const episode = stored?.supplements.find((s) => s.requestedAt === supplement.NgayBoSung);
		if (!episode) emit('supplement_requested', supplement.NgayBoSung, {}, key);
		const backAt = supplement.NgayTiepNhanBoSung;
		if (backAt === null || (episode && episode.receivedAt !== null)) continue;
		const last = index === supplements.length - 1;
		const dueAt = supplement.NgayHenTraMoi ?? (last ? item.NgayHenTra : null);
		emit('supplement_received', backAt, dueAt === null ? {} : { dueAt }, key);
		dueInForce = dueAt ?? undefined;
	}

	const newDue = item.NgayHenTra;
	const explained =
		awaitingSupplement || supplements.some((s) => s.NgayHenTraMoi === newDue) || !accepted;
	if (
		newDue !== null &&
		typeof dueInForce === 'number' &&
		newDue !== dueInForce &&
		!explained &&
		!refused &&
		!withdrawn &&
		beforeEnd !== null
	) {
		emit('due_extended', beforeEnd, { dueAt: newDue }, formatDvcqgDate(newDue));
	}

	if (beforeEnd !== null && accepted && !withdrawn && !refused) {
		if (status === 8 && end === null && !known(stored?.stoppedAt)) emit('stopped', beforeEnd);
		// A stop still open when processing goes on (or finishes) has ended by then.
		if (status !== 8 && status !== null && known(stored?.stoppedAt)) emit('resumed', beforeEnd);
	}
	const atIntake = !stored?.stage || stored.stage === 'intake';
	if (status === 4 && accepted && atIntake && end === null && beforeEnd !== null) {
		emit(
			'stage_changed',
			beforeEnd,
			{ stage: 'processing' },
			`status4-${formatDvcqgDate(beforeEnd)}`
		);
	}

	if (withdrawn && !known(stored?.withdrawnAt)) {
		const at = item.NgayTra ?? observed;
		if (at !== null) emit('withdrawn', at);
	}
	if (finishAt !== null && !known(stored?.finishedAt)) emit('completed', finishAt, digitisedFact);
	if (returnAt !== null && !known(stored?.returnedAt)) emit('returned', returnAt);
	return events;
}
