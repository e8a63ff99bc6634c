import { MINUTE_MS } from '../../src/lib/domain/calendar/vn-time';
import type { Stage } from '../../src/lib/domain/dossier';

/**
 * What each simulated procedure looks like at a commune-level desk: its share within its field, how often it is
 * submitted online, fees, whether another agency takes part, how much of the legal time the work really takes,
 * and how often supplements, withdrawals and extensions happen. Codes are rows of the seeded catalogue
 * (server/db/seed/catalogue.ts); the legal processing time itself always comes from the catalogue passed in.
 */

/** How fees are paid: none; with the submission (copies, registrations); financial obligations after review (land). */
export type FeeMode = 'none' | 'at_receipt' | 'obligation';

/**
 * The working time the work takes: `minutes` for same-day procedures (log-normal around a median, capped well
 * inside the day's legal time), `share` of the legal working time for the others (uniform in [low, high]).
 */
export type Effort =
	{ kind: 'minutes'; median: number; sigma: number } | { kind: 'share'; low: number; high: number };

export interface ProcedureProfile {
	code: string;
	field: string;
	/** Share of the field's dossiers. */
	share: number;
	/** Relative propensity to be submitted online (scaled per ward to hit its online share). */
	online: number;
	fee: FeeMode;
	/** Probability that another agency takes part in normal conditions (liên thông). */
	interagency: number;
	effort: Effort;
	/** Probability of a supplement request (yêu cầu bổ sung). */
	supplement: number;
	/** Probability that the applicant withdraws the dossier. */
	withdraw: number;
	/** Probability of an extension with an apology (multi-day procedures only). */
	extension: number;
}

const minutes = (median: number, sigma = 0.5): Effort => ({
	kind: 'minutes',
	median: median * MINUTE_MS,
	sigma
});
const share = (low: number, high: number): Effort => ({ kind: 'share', low, high });

/** Shares within each field are from the field's usual make-up at an urban ward; to tune with real data. */
export const PROCEDURE_PROFILES: readonly ProcedureProfile[] = [
	// Chứng thực: copies are the bulk; signatures need the signer in person, so never online.
	{
		code: '2.000815',
		field: 'chung-thuc',
		share: 0.74,
		online: 0.9,
		fee: 'at_receipt',
		interagency: 0,
		effort: minutes(30),
		supplement: 0,
		withdraw: 0.0005,
		extension: 0
	},
	{
		code: '2.000884',
		field: 'chung-thuc',
		share: 0.21,
		online: 0,
		fee: 'at_receipt',
		interagency: 0,
		effort: minutes(20),
		supplement: 0,
		withdraw: 0.0005,
		extension: 0
	},
	{
		code: '2.001035',
		field: 'chung-thuc',
		share: 0.05,
		online: 0.1,
		fee: 'at_receipt',
		interagency: 0,
		effort: share(0.15, 0.7),
		supplement: 0.03,
		withdraw: 0.003,
		extension: 0.005
	},
	// Hộ tịch: births and deaths go through the interlinked system (residence, health insurance, funeral aid).
	{
		code: '1.001193',
		field: 'ho-tich',
		share: 0.4,
		online: 0.85,
		fee: 'none',
		interagency: 0.6,
		effort: minutes(60),
		supplement: 0,
		withdraw: 0.0005,
		extension: 0
	},
	{
		code: '1.000656',
		field: 'ho-tich',
		share: 0.15,
		online: 0.75,
		fee: 'none',
		interagency: 0.6,
		effort: minutes(60),
		supplement: 0,
		withdraw: 0.0005,
		extension: 0
	},
	{
		code: '1.000894',
		field: 'ho-tich',
		share: 0.12,
		online: 0.3,
		fee: 'none',
		interagency: 0,
		effort: minutes(45),
		supplement: 0,
		withdraw: 0.002,
		extension: 0
	},
	{
		code: '1.004873',
		field: 'ho-tich',
		share: 0.33,
		online: 0.9,
		fee: 'at_receipt',
		interagency: 0,
		effort: share(0.15, 0.6),
		supplement: 0.03,
		withdraw: 0.002,
		extension: 0.003
	},
	{
		code: '1.001776',
		field: 'bao-tro-xa-hoi',
		share: 1,
		online: 0.6,
		fee: 'none',
		interagency: 0.15,
		effort: share(0.4, 0.85),
		supplement: 0.08,
		withdraw: 0.004,
		extension: 0.01
	},
	// Đất đai: first registrations go to the land registration office and wait for financial obligations.
	{
		code: '1.013978',
		field: 'dat-dai',
		share: 0.8,
		online: 0.35,
		fee: 'obligation',
		interagency: 1,
		effort: share(0.5, 0.85),
		supplement: 0.12,
		withdraw: 0.006,
		extension: 0.02
	},
	{
		code: '1.012812',
		field: 'dat-dai',
		share: 0.2,
		online: 0.15,
		fee: 'none',
		interagency: 0,
		effort: share(0.3, 0.8),
		supplement: 0.05,
		withdraw: 0.02,
		extension: 0.01
	},
	{
		code: '1.001612',
		field: 'ho-kinh-doanh',
		share: 1,
		online: 0.95,
		fee: 'at_receipt',
		interagency: 0.3,
		effort: share(0.25, 0.8),
		supplement: 0.08,
		withdraw: 0.004,
		extension: 0.005
	},
	{
		code: '1.010803',
		field: 'nguoi-co-cong',
		share: 1,
		online: 0.4,
		fee: 'none',
		interagency: 0.3,
		effort: share(0.4, 0.85),
		supplement: 0.06,
		withdraw: 0.003,
		extension: 0.01
	},
	{
		code: '2.002481',
		field: 'khac',
		share: 1,
		online: 0.75,
		fee: 'none',
		interagency: 0,
		effort: share(0.2, 0.7),
		supplement: 0.03,
		withdraw: 0.005,
		extension: 0.005
	}
];

export const PROFILE_BY_CODE: ReadonlyMap<string, ProcedureProfile> = new Map(
	PROCEDURE_PROFILES.map((p) => [p.code, p])
);

/**
 * How a stage's share of the working time is weighted (normalised over the stages a dossier visits), kept
 * under the bottleneck rule's stage shares so normal days raise no flag. `fee_wait` is the time the applicant
 * takes to pay land obligations: not a stage, but it uses the legal time.
 */
export const STAGE_WEIGHT: Readonly<Record<Stage | 'fee_wait', number>> = {
	intake: 0.08,
	processing: 0.45,
	interagency: 0.35,
	fee_wait: 0.15,
	approval: 0.15,
	result: 0.05
};

/** Where the work goes at each stage (Vietnamese labels as one-door systems show them). */
export const STEP_LABEL: Readonly<Record<Stage, string>> = {
	intake: 'Tiếp nhận hồ sơ',
	processing: 'Thẩm định, xử lý hồ sơ',
	interagency: 'Chờ cơ quan liên thông xử lý',
	approval: 'Trình lãnh đạo ký duyệt',
	result: 'Trả kết quả'
};

/** The specialist department of a field, and the other agency it waits on. */
export const FIELD_UNITS: Readonly<Record<string, { department: string; agency: string }>> = {
	'chung-thuc': { department: 'Công chức Tư pháp - Hộ tịch', agency: 'Cơ quan có liên quan' },
	'ho-tich': {
		department: 'Công chức Tư pháp - Hộ tịch',
		agency: 'Hệ thống liên thông khai sinh, khai tử (Công an, Bảo hiểm xã hội)'
	},
	'bao-tro-xa-hoi': { department: 'Phòng Văn hóa - Xã hội', agency: 'Cơ quan cấp tỉnh' },
	'dat-dai': {
		department: 'Phòng Kinh tế - Hạ tầng - Đô thị',
		agency: 'Chi nhánh Văn phòng đăng ký đất đai'
	},
	'ho-kinh-doanh': { department: 'Phòng Kinh tế - Hạ tầng - Đô thị', agency: 'Cơ quan thuế' },
	'nguoi-co-cong': { department: 'Phòng Văn hóa - Xã hội', agency: 'Cơ quan cấp tỉnh' },
	khac: { department: 'Phòng Văn hóa - Xã hội', agency: 'Cơ quan có liên quan' }
};
