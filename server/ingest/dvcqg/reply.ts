import {
	DVCQG_ERROR_CODES,
	type DvcqgErrorCode,
	type DvcqgReply
} from '../../../src/lib/contracts/dvcqg';

/**
 * Replies shaped like the national portal's, so a one-door system's existing sync client reads them unchanged:
 * `{error_code, message, result: [{MaHoSo, error_code, message}]}`, `result[i]` answering `data[i]`.
 * Codes (`DVCQG_ERROR_CODES`): `00` success; `01` invalid request or item; `02` missing or bad API key;
 * `03` ward outside the key's scope; `04` request too large; `99` storage unavailable (nothing stored, retry).
 */

/** What became of one item: rejected (`error`, with `code` `01` unless given) or stored. */
export interface DvcqgItemOutcome {
	MaHoSo?: string;
	error?: string;
	code?: Exclude<DvcqgErrorCode, '00'>;
	/** Events newly stored for the item. */
	accepted?: number;
	/** Events already stored before (a resent snapshot). */
	duplicates?: number;
}

/**
 * The reply to a request that was processed: `00` overall, even when some items were rejected (the portal
 * answers per item), with a summary message and one result per item.
 */
export function buildDvcqgReply(outcomes: readonly DvcqgItemOutcome[]): DvcqgReply {
	const result = outcomes.map((outcome) => {
		const MaHoSo = outcome.MaHoSo ?? '';
		if (outcome.error !== undefined) {
			const code = outcome.code ?? DVCQG_ERROR_CODES.invalid;
			return { MaHoSo, error_code: code, message: outcome.error };
		}
		const accepted = outcome.accepted ?? 0;
		const duplicates = outcome.duplicates ?? 0;
		const events = `${accepted} new event${accepted === 1 ? '' : 's'}`;
		const message = duplicates === 0 ? events : `${events}, ${duplicates} already known`;
		return { MaHoSo, error_code: DVCQG_ERROR_CODES.ok, message };
	});
	const rejected = result.filter((r) => r.error_code !== DVCQG_ERROR_CODES.ok).length;
	return {
		error_code: DVCQG_ERROR_CODES.ok,
		message: `${result.length - rejected} items accepted, ${rejected} rejected`,
		result
	};
}

/** The reply to a request refused as a whole (bad envelope, bad key, too large, storage down): no results. */
export function dvcqgFailureReply(
	code: Exclude<DvcqgErrorCode, '00'>,
	message: string
): DvcqgReply {
	return { error_code: code, message, result: [] };
}
