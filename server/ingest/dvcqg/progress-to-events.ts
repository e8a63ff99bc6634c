import { formatDvcqgDate, type DvcqgProgress } from '../../../src/lib/contracts/dvcqg';
import type { Instant } from '../../../src/lib/domain/calendar/vn-time';
import type { DossierEvent, DossierState, Stage } from '../../../src/lib/domain/dossier';
import { dvcqgEventId } from './snapshot-to-events';

/**
 * `CapNhatTienDoHoSoMC` processing steps become stage changes. Vendors name their steps freely, so the stage is
 * read from the step's texts through a phrase → stage map that an administrator can replace.
 */

/**
 * Phrase → stage rules, in priority order: the first rule whose phrase occurs (as whole words, ignoring case and
 * diacritics) in any of the step's texts wins. A record keeps its insertion order.
 */
export type StepStageMap =
	ReadonlyArray<readonly [string, Stage]> | Readonly<Record<string, Stage>>;

/**
 * Vietnamese defaults. Another agency comes first (where the dossier waits matters more than what is done
 * there), then the return, the signature, the desk's intake and the specialist's work; the one-stop desk named
 * alone means the result is back at the desk. Bare 'thuế' and 'ký' are left out: without diacritics they read
 * as 'thuê' (a lease) and 'kỳ'/'kỹ', so only phrases that cannot be mistaken are listed.
 */
export const DEFAULT_STEP_STAGE_MAP: ReadonlyArray<readonly [string, Stage]> = [
	['liên thông', 'interagency'],
	['công an', 'interagency'],
	['cục thuế', 'interagency'],
	['cơ quan thuế', 'interagency'],
	['thuế cơ sở', 'interagency'],
	['thuế tỉnh', 'interagency'],
	['văn phòng đăng ký đất đai', 'interagency'],
	['chi nhánh', 'interagency'],
	['trả kết quả', 'result'],
	['lãnh đạo', 'approval'],
	['phê duyệt', 'approval'],
	['chủ tịch', 'approval'],
	['trình ký', 'approval'],
	['ký duyệt', 'approval'],
	['ký số', 'approval'],
	['chờ ký', 'approval'],
	['ký kết quả', 'approval'],
	['tiếp nhận', 'intake'],
	['chuyên viên', 'processing'],
	['thụ lý', 'processing'],
	['thẩm định', 'processing'],
	['xử lý', 'processing'],
	['bộ phận một cửa', 'result'],
	['một cửa', 'result']
];

// The desk's formal name contains both 'tiếp nhận' and 'trả kết quả'; it names the place, not a step.
const DESK_NAME = / bo phan tiep nhan va tra ket qua | tiep nhan va tra ket qua /g;

/** Lower case, no diacritics (đ → d), words separated by single spaces and padded, for whole-word search. */
export function normaliseStepText(text: string): string {
	const plain = text
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replaceAll('đ', 'd')
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim();
	return ` ${plain} `.replace(DESK_NAME, ' bo phan mot cua ');
}

const rulesOf = (map: StepStageMap): ReadonlyArray<readonly [string, Stage]> =>
	Array.isArray(map) ? map : Object.entries(map);

/**
 * The stage a step's texts point to, and the phrase that told it; `processing` with no phrase when nothing
 * matches (an unknown step is most likely specialist work).
 */
export function stageOfStep(
	texts: readonly (string | null | undefined)[],
	map: StepStageMap = DEFAULT_STEP_STAGE_MAP
): { stage: Stage; phrase: string | null } {
	const haystacks = texts.filter((t): t is string => !!t).map(normaliseStepText);
	for (const [phrase, stage] of rulesOf(map)) {
		const needle = normaliseStepText(phrase);
		if (needle.trim() !== '' && haystacks.some((text) => text.includes(needle))) {
			return { stage, phrase };
		}
	}
	return { stage: 'processing', phrase: null };
}

/**
 * The phrases of the map that occur in a free text, in map order and joined by ' | ', or null: all that is kept
 * of NoiDungXuLy, so names written in it are dropped while the stage it tells is not.
 */
export function phrasesIn(text: string, map: StepStageMap = DEFAULT_STEP_STAGE_MAP): string | null {
	const found = rulesOf(map)
		.map(([phrase]) => phrase)
		.filter((phrase) => stageOfStep([text], [[phrase, 'processing']]).phrase !== null);
	return found.length === 0 ? null : found.join(' | ');
}

export interface ProgressContext {
	ward: string;
	receivingWard?: string;
	stageMap?: StepStageMap;
}

/** A parsed step; `dvcqgProgressSchemaWith` adds the officer's pseudonym and NoiDungXuLy's known phrases. */
export type ProgressStep = DvcqgProgress & {
	officer?: string | null;
	contentPhrases?: string | null;
};

/**
 * The `stage_changed` event of a processing step: the stage from NoiDungXuLy's phrases, TrangThai,
 * PhongBanXuLy and ChucDanh through the stage map; `at` the step's start (NgayBatDau, else ThoiDiemXuLy);
 * `stageDueAt` its own deadline (NgayKetThucTheoQuyDinh); `step` the matched phrase (a fixed vocabulary that
 * groups well across vendors); `unit` the department; `officer` the pseudonym.
 * Nothing is emitted when the stored state already has a visit of that stage entered at that instant.
 */
export function progressToEvents(
	step: ProgressStep,
	stored: DossierState | null,
	ctx: ProgressContext
): DossierEvent[] {
	const at = (step.NgayBatDau ?? step.ThoiDiemXuLy) as Instant;
	const { stage, phrase } = stageOfStep(
		[step.contentPhrases, step.TrangThai, step.PhongBanXuLy, step.ChucDanh],
		ctx.stageMap
	);
	if (stored?.stages.some((visit) => visit.stage === stage && visit.enteredAt === at)) return [];
	const event: DossierEvent = {
		id: dvcqgEventId(step.MaHoSo, 'stage_changed', `step-${formatDvcqgDate(at)}-${stage}`),
		type: 'stage_changed',
		dossier: step.MaHoSo,
		ward: ctx.ward,
		at,
		stage,
		...(ctx.receivingWard === undefined ? {} : { receivingWard: ctx.receivingWard }),
		...(phrase === null ? {} : { step: phrase }),
		...(step.PhongBanXuLy === null ? {} : { unit: step.PhongBanXuLy }),
		...(step.officer ? { officer: step.officer } : {}),
		...(step.NgayKetThucTheoQuyDinh === null ? {} : { stageDueAt: step.NgayKetThucTheoQuyDinh })
	};
	return [event];
}
