import type { z } from 'zod';
import {
	dvcqgDossierSchema,
	dvcqgProgressSchemaWith,
	dvcqgRequestSchema,
	type DvcqgService
} from '../../../src/lib/contracts/dvcqg';
import type { DossierEvent, DossierState, EventType } from '../../../src/lib/domain/dossier';
import { phrasesIn, progressToEvents, type StepStageMap } from './progress-to-events';
import { resolveWard, type WardContext } from './resolve-ward';
import { dossierSnapshotToEvents } from './snapshot-to-events';

export { buildDvcqgReply, dvcqgFailureReply, type DvcqgItemOutcome } from './reply';
export { createOfficerPseudonymiser } from './pseudonymise';
export { DEFAULT_STEP_STAGE_MAP, type StepStageMap } from './progress-to-events';

/**
 * The DVCQG-compatible sync (`POST /api/v1/dvcqg`, ARCHITECTURE §4.2) as one pure function: the route
 * authenticates, loads the stored states of `dossierCodesOf(body)`, calls `translateDvcqgRequest`, stores the
 * events and answers with `buildDvcqgReply`.
 */

export interface TranslateContext extends WardContext {
	/** Current states of the dossiers named in the request (absent: never seen). */
	storedStates: ReadonlyMap<string, DossierState>;
	/** Officer name → pseudonym, e.g. `createOfficerPseudonymiser(secret)`. */
	pseudonymise(name: string): string;
	stageMap?: StepStageMap;
}

export type TranslatedItem =
	| { index: number; MaHoSo?: string; ward?: string; events: DossierEvent[] }
	| { index: number; MaHoSo?: string; error: string };

export type TranslateResult =
	| { ok: false; error: string }
	| { ok: true; service: DvcqgService; isUpdating: boolean | null; items: TranslatedItem[] };

/** `DanhSachHoSoBoSung[0].NgayBoSung: message; …`; an issue with the whole value reads `{root}: …`. */
export function formatIssues(issues: readonly z.core.$ZodIssue[], root = 'item'): string {
	return issues
		.map((issue) => {
			const path = issue.path
				.map((part, i) =>
					typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`
				)
				.join('');
			return `${path || root}: ${issue.message}`;
		})
		.join('; ');
}

/** The MaHoSo of a raw item, when it has a usable one. */
function rawCodeOf(item: unknown): string | undefined {
	if (typeof item !== 'object' || item === null) return undefined;
	const code = (item as { MaHoSo?: unknown }).MaHoSo;
	return typeof code === 'string' && code.trim() !== '' ? code.trim() : undefined;
}

/** The dossier codes a request names, best effort and de-duplicated, to load their stored states first. */
export function dossierCodesOf(body: unknown): string[] {
	const data = typeof body === 'object' && body !== null ? (body as { data?: unknown }).data : null;
	if (!Array.isArray(data)) return [];
	return [...new Set(data.map(rawCodeOf).filter((code): code is string => code !== undefined))];
}

// Facts a dossier has once: when two snapshots of one dossier come in one request, the first one's stands.
const ONCE: ReadonlySet<EventType> = new Set<EventType>([
	'submitted',
	'received',
	'not_accepted',
	'fee_paid',
	'withdrawn',
	'completed',
	'returned'
]);

/**
 * Validates a sync request and turns each item into native events. The envelope failing rejects the whole
 * request; an item failing (a malformed date, no ward) rejects only itself, with an error naming the field.
 * Items are compared with the stored state of their dossier; a ward that cannot be told from the item, the
 * unit map or the key falls back to the stored dossier's. Two items of one dossier in a request are both
 * compared with the stored state; an event id (or a once-only fact) already produced by an earlier item of the
 * same request is dropped from the later one.
 */
export function translateDvcqgRequest(body: unknown, ctx: TranslateContext): TranslateResult {
	const envelope = dvcqgRequestSchema.safeParse(body);
	if (!envelope.success) return { ok: false, error: formatIssues(envelope.error.issues, 'body') };
	const { service, data, isUpdating } = envelope.data;
	const progressSchema = dvcqgProgressSchemaWith({
		pseudonymise: ctx.pseudonymise,
		keepPhrases: (content) => phrasesIn(content, ctx.stageMap)
	});
	const seenIds = new Set<string>();
	const seenOnce = new Set<string>();

	const items = data.map((raw, index): TranslatedItem => {
		const rawCode = rawCodeOf(raw);
		const parsed =
			service === 'DongBoHoSoMC'
				? dvcqgDossierSchema.safeParse(raw)
				: progressSchema.safeParse(raw);
		if (!parsed.success) {
			return { index, MaHoSo: rawCode, error: formatIssues(parsed.error.issues) };
		}
		const item = parsed.data;
		const code = item.MaHoSo;
		const stored = ctx.storedStates.get(code) ?? null;
		const maDonVi = 'MaDonVi' in item ? item.MaDonVi : null;
		const resolution = resolveWard({ MaHoSo: code, MaDonVi: maDonVi }, ctx);
		const ward = 'ward' in resolution ? resolution.ward : stored?.ward;
		if (ward === undefined || ward === '') {
			return { index, MaHoSo: code, error: 'error' in resolution ? resolution.error : 'no ward' };
		}

		let events: DossierEvent[];
		if ('KenhThucHien' in item) {
			const place = item.NoiNopHoSo;
			const receivingWard =
				place !== null && /^\d{5}$/.test(place) && place !== ward && ctx.isWardCode(place)
					? place
					: undefined;
			events = dossierSnapshotToEvents(item, stored, { ward, receivingWard });
		} else {
			events = progressToEvents(item, stored, { ward, stageMap: ctx.stageMap });
		}

		const fresh = events.filter((event) => {
			const once = `${code}\u0000${event.type}`;
			if (seenIds.has(event.id) || (ONCE.has(event.type) && seenOnce.has(once))) return false;
			seenIds.add(event.id);
			if (ONCE.has(event.type)) seenOnce.add(once);
			return true;
		});
		return { index, MaHoSo: code, ward, events: fresh };
	});
	return { ok: true, service, isUpdating, items };
}
