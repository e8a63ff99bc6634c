import { z } from 'zod';
import {
	HOUR_MS,
	isCalendarDate,
	MINUTE_MS,
	startOfVnDay,
	vnDateTimeOf,
	type Instant
} from '../domain/calendar/vn-time';
import type { Channel, DossierStatus } from '../domain/dossier';

/**
 * The national portal's (DVCQG) dossier sync as one-door systems already send it (DOMAIN §3, ARCHITECTURE §4.2).
 * Only what the dashboard needs is declared: `z.object` strips every other key, so citizens' personal data
 * (ChuHoSo, SoGiayToChuHoSo, DinhDanhCHS, SoDienThoai, Email, Fax, ThongTinKhac, TrichYeuHoSo, ThongTinTra,
 * MaDoiTuong, file paths, NoiDungBoSung and the other free texts of a supplement) never leaves the parser
 * (Decree 13/2023). An officer's name (NguoiXuLy) only survives as a pseudonym, and a step's free text
 * (NoiDungXuLy) only as the stage phrases it contains, through `dvcqgProgressSchemaWith`.
 */

export const DVCQG_SERVICES = ['DongBoHoSoMC', 'CapNhatTienDoHoSoMC'] as const;
/** `DongBoHoSoMC` dossier snapshots; `CapNhatTienDoHoSoMC` processing steps. */
export type DvcqgService = (typeof DVCQG_SERVICES)[number];

const DATE_FORMAT = 'yyyyMMddHHmmss';
const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/**
 * Reads a DVCQG date, `yyyyMMddHHmmss` in Vietnam time (UTC+7), as an instant; a malformed text gives the
 * problem as a message instead (wrong length, non-digits, a month 13 or a 30 February, an hour 24).
 */
export function parseDvcqgDate(text: string): Instant | { problem: string } {
	const fail = (why: string) => ({ problem: `not a ${DATE_FORMAT} date: ${why}` });
	if (!/^\d*$/.test(text)) return fail('only digits are allowed');
	if (text.length !== 14) return fail(`${text.length} digits, expected 14`);
	const [year, month, day, hour, minute, second] = [0, 4, 6, 8, 10, 12].map((at, i) =>
		Number(text.slice(at, i === 0 ? 4 : at + 2))
	) as [number, number, number, number, number, number];
	// Outside these years a date is a vendor's placeholder (00010101…) or a typo, never a dossier's.
	if (year < 1990 || year > 2100) return fail(`year ${year} is out of range`);
	if (month < 1 || month > 12) return fail(`month ${month} does not exist`);
	const date = `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
	if (!isCalendarDate(date)) return fail(`day ${day} does not exist in ${date.slice(0, 7)}`);
	if (hour > 23 || minute > 59 || second > 59) {
		return fail(`${pad(hour)}:${pad(minute)}:${pad(second)} is not a time of day`);
	}
	return startOfVnDay(date) + hour * HOUR_MS + minute * MINUTE_MS + second * 1000;
}

/** An instant written as DVCQG writes it: `yyyyMMddHHmmss` in Vietnam time (milliseconds dropped). */
export function formatDvcqgDate(at: Instant): string {
	const parts = vnDateTimeOf(at);
	const second = Math.floor(parts.msOfDay / 1000) % 60;
	return `${parts.date.replaceAll('-', '')}${pad(parts.hour)}${pad(parts.minute)}${pad(second)}`;
}

const blank = (value: unknown): boolean =>
	value === null || value === undefined || (typeof value === 'string' && value.trim() === '');

const dateInput = z.union([z.string(), z.number(), z.null()]).optional();

/** A required DVCQG date: `yyyyMMddHHmmss` in Vietnam time → instant. Vendors send strings or numbers. */
export const dvcqgDate = dateInput.transform((value, ctx): Instant => {
	const parsed = blank(value)
		? { problem: `required: a ${DATE_FORMAT} date` }
		: parseDvcqgDate(String(value).trim());
	if (typeof parsed === 'number') return parsed;
	ctx.issues.push({ code: 'custom', message: parsed.problem, input: value });
	return z.NEVER;
});

/** An optional DVCQG date: absent, null or an empty string (how vendors say "not yet") → null. */
export const dvcqgOptionalDate = dateInput.transform((value, ctx): Instant | null => {
	if (blank(value)) return null;
	const parsed = parseDvcqgDate(String(value).trim());
	if (typeof parsed === 'number') return parsed;
	ctx.issues.push({ code: 'custom', message: parsed.problem, input: value });
	return z.NEVER;
});

/**
 * A numeric code that vendors send as a number or a numeric string (`2` or `"2"`), booleans for 0/1 flags;
 * absent or empty → null; anything outside `allowed` is an issue.
 */
export function dvcqgCode<const T extends number>(allowed: readonly T[]) {
	return z
		.union([z.number(), z.string(), z.boolean(), z.null()])
		.optional()
		.transform((value, ctx): T | null => {
			if (blank(value)) return null;
			const text = typeof value === 'boolean' ? String(Number(value)) : String(value).trim();
			// Only plain digits: Number() would also read '0x2' or '2e0' as 2.
			const code = /^\d{1,3}$/.test(text) ? Number(text) : NaN;
			if ((allowed as readonly number[]).includes(code)) return code as T;
			ctx.issues.push({
				code: 'custom',
				message: `expected one of ${allowed.join(', ')}`,
				input: value
			});
			return z.NEVER;
		});
}

/** Optional text of at most `max` characters; absent or blank → null. Numbers are accepted as text. */
const optionalText = (max: number) =>
	z
		.union([z.string(), z.number(), z.null()])
		.optional()
		.transform((value) => (blank(value) ? null : String(value).trim()))
		.pipe(z.string().max(max).nullable());

/** A dossier code (MaHoSo), `{unit id}-{yyMMdd}-{NNNN}`; kept opaque, but short enough for event ids. */
export const dvcqgDossierCode = z
	.string({
		error: (issue) =>
			issue.input === undefined ? 'required: the dossier code' : 'expected a string dossier code'
	})
	.trim()
	.min(1, 'required: the dossier code')
	.max(60)
	.regex(/^\S+$/, 'must not contain spaces');

const CHANNEL_BY_CODE: Readonly<Record<1 | 2 | 3, Channel>> = {
	1: 'direct',
	2: 'online',
	3: 'postal'
};

/** KenhThucHien: 1 in person (also when empty or absent), 2 online, 3 public postal service. */
export const dvcqgChannel = dvcqgCode([1, 2, 3] as const).transform(
	(code): Channel => CHANNEL_BY_CODE[code ?? 1]
);

/** TrangThaiHoSo 1–10 (DOMAIN §3); absent or empty → null (some vendors leave unmapped statuses blank). */
export const dvcqgStatus = dvcqgCode([1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const).transform(
	(code) => code as DossierStatus | null
);

/** A 0/1 indicator (digitised or not): 1 → true, 0 → false, absent or empty → null. */
const flag = dvcqgCode([0, 1] as const).transform((code) => (code === null ? null : code === 1));

/**
 * One supplement request (DanhSachHoSoBoSung[]). NoiDungBoSung, the officer's free text, is dropped: it often
 * names the applicant or their papers, and a truncated text would still carry the name.
 */
export const dvcqgSupplementSchema = z.object({
	HoSoBoSungId: optionalText(64),
	/** The request. */
	NgayBoSung: dvcqgOptionalDate,
	/** The complete dossier back at the desk. */
	NgayTiepNhanBoSung: dvcqgOptionalDate,
	TrangThaiBoSung: optionalText(32),
	NgayHenTraTruoc: dvcqgOptionalDate,
	NgayHenTraMoi: dvcqgOptionalDate
});

const PROCEDURE_REQUIRED = 'required: the national procedure code (MaTTHC)';

/** A `DongBoHoSoMC` item: a snapshot of one dossier, reduced to what the dashboard needs. */
export const dvcqgDossierSchema = z.object({
	MaHoSo: dvcqgDossierCode,
	MaTTHC: z
		.union([z.string(), z.number()], { error: PROCEDURE_REQUIRED })
		.transform((code) => String(code).trim())
		.pipe(z.string().min(1, PROCEDURE_REQUIRED).max(64)),
	TenTTHC: optionalText(1000),
	MaLinhVuc: optionalText(64),
	TenLinhVuc: optionalText(500),
	KenhThucHien: dvcqgChannel,
	NgayNopHoSo: dvcqgOptionalDate,
	NgayTiepNhan: dvcqgOptionalDate,
	NgayHenTra: dvcqgOptionalDate,
	TrangThaiHoSo: dvcqgStatus,
	NgayKetThucXuLy: dvcqgOptionalDate,
	NgayTra: dvcqgOptionalDate,
	NgayTuChoi: dvcqgOptionalDate,
	DanhSachHoSoBoSung: z
		.array(dvcqgSupplementSchema)
		.nullish()
		.transform((list) => list ?? []),
	/** 1 paid on DVCQG, 2 through a local gateway, 0 or empty not paid online. */
	DuocThanhToanTrucTuyen: dvcqgCode([0, 1, 2] as const),
	HoSoCoThanhPhanSoHoa: flag,
	/** Submitted documents: only the digitised flag is kept (names and file paths are dropped). */
	TaiLieuNop: z
		.array(z.object({ DuocSoHoa: flag }))
		.nullish()
		.transform((list) => list ?? []),
	/** The handling unit: a ward code, or the unit id some vendors put here. */
	MaDonVi: optionalText(64),
	/** The handling unit's name (an office, not a person). */
	DonViXuLy: optionalText(500),
	/** Where the dossier was handed in: a ward code for some vendors, a place name for others. */
	NoiNopHoSo: optionalText(500),
	/** Applicant type (citizen, business…); codes differ by vendor. */
	LoaiDoiTuong: optionalText(32)
});

const progressShape = {
	MaHoSo: dvcqgDossierCode,
	/** The officer's title (chuyên viên, phó chủ tịch…): a role, used to tell the stage. */
	ChucDanh: optionalText(200),
	ThoiDiemXuLy: dvcqgOptionalDate,
	PhongBanXuLy: optionalText(300),
	/** The vendor's status or step name for the step. */
	TrangThai: optionalText(200),
	NgayBatDau: dvcqgOptionalDate,
	/** The step's own deadline. */
	NgayKetThucTheoQuyDinh: dvcqgOptionalDate
};

// A step with no time cannot be placed in the dossier's history.
function requireStepTime(
	step: { NgayBatDau: Instant | null; ThoiDiemXuLy: Instant | null },
	ctx: z.RefinementCtx
): void {
	if (step.NgayBatDau === null && step.ThoiDiemXuLy === null) {
		ctx.addIssue({
			code: 'custom',
			path: ['NgayBatDau'],
			message: `required: NgayBatDau or ThoiDiemXuLy, a ${DATE_FORMAT} date`
		});
	}
}

/**
 * A `CapNhatTienDoHoSoMC` item: one processing step. NguoiXuLy (the officer's name) and NoiDungXuLy (free text
 * that often names the applicant) are not declared, so they are dropped; `dvcqgProgressSchemaWith` keeps a
 * pseudonym of the one and the known phrases of the other.
 */
export const dvcqgProgressSchema = z.object(progressShape).superRefine(requireStepTime);

export interface ProgressParsing {
	/** Officer name → pseudonymous id (a keyed hash, on the server). */
	pseudonymise(name: string): string;
	/** The phrases of NoiDungXuLy worth keeping (those that tell the stage), or null for none. */
	keepPhrases(content: string): string | null;
}

/**
 * The step schema that keeps `officer`, a pseudonym of NguoiXuLy, and `contentPhrases`, the phrases of
 * NoiDungXuLy that `keepPhrases` recognises: the names in either are gone as soon as the item is parsed.
 */
export function dvcqgProgressSchemaWith(parsing: ProgressParsing) {
	return z
		.object({ ...progressShape, NguoiXuLy: optionalText(200), NoiDungXuLy: optionalText(2000) })
		.superRefine(requireStepTime)
		.transform(({ NguoiXuLy, NoiDungXuLy, ...step }) => ({
			...step,
			officer: NguoiXuLy === null ? null : parsing.pseudonymise(NguoiXuLy),
			contentPhrases: NoiDungXuLy === null ? null : parsing.keepPhrases(NoiDungXuLy)
		}));
}

/** `isUpdating`: "True" an update of dossiers already sent, "False" a first sync (booleans tolerated). */
export const dvcqgIsUpdating = z
	.union([z.boolean(), z.string().regex(/^(true|false)$/i, 'expected "True" or "False"')])
	.optional()
	.transform((value) => (value === undefined ? null : String(value).toLowerCase() === 'true'));

/** The sync envelope; items are validated one by one afterwards, so one bad item rejects only itself. */
export const dvcqgRequestSchema = z.object({
	service: z.enum(DVCQG_SERVICES, { error: 'expected "DongBoHoSoMC" or "CapNhatTienDoHoSoMC"' }),
	data: z.array(z.unknown(), { error: 'expected an array of items' }),
	isUpdating: dvcqgIsUpdating
});

/**
 * The portal's reply codes. `00` success (per item: accepted); `01` invalid request or item; `02` missing or
 * bad API key; `03` ward outside the key's scope; `04` request too large; `99` storage unavailable, nothing
 * stored, safe to retry.
 */
export const DVCQG_ERROR_CODES = {
	ok: '00',
	invalid: '01',
	unauthorised: '02',
	forbidden: '03',
	tooLarge: '04',
	unavailable: '99'
} as const;
export type DvcqgErrorCode = (typeof DVCQG_ERROR_CODES)[keyof typeof DVCQG_ERROR_CODES];

const errorCodeSchema = z.enum(['00', '01', '02', '03', '04', '99']);

/** The reply, shaped like the portal's; `result[i]` answers `data[i]`. */
export const dvcqgReplySchema = z.object({
	error_code: errorCodeSchema,
	message: z.string(),
	result: z.array(
		z.object({ MaHoSo: z.string(), error_code: errorCodeSchema, message: z.string() })
	)
});

export type DvcqgRequest = z.output<typeof dvcqgRequestSchema>;
export type DvcqgDossier = z.output<typeof dvcqgDossierSchema>;
export type DvcqgSupplement = z.output<typeof dvcqgSupplementSchema>;
export type DvcqgProgress = z.output<typeof dvcqgProgressSchema>;
export type DvcqgProgressWithOfficer = z.output<ReturnType<typeof dvcqgProgressSchemaWith>>;
export type DvcqgReply = z.output<typeof dvcqgReplySchema>;
