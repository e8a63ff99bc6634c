import { asc, eq } from 'drizzle-orm';
import type { Database } from '../../../../server/db/client';
import { provinces, wards } from '../../../../server/db/schema';
import { PROVINCE_CODE, WARD_CODE } from '../../contracts/scope';

/** A province or ward as a page names it. */
export interface UnitRow {
	code: string;
	name: string;
	nameEn: string;
	/** With its kind: "Tỉnh Nghệ An", "Phường Thành Vinh". */
	fullName: string;
}

export interface WardRow extends UnitRow {
	province: UnitRow;
}

const unitColumns = {
	code: provinces.code,
	name: provinces.name,
	nameEn: provinces.nameEn,
	fullName: provinces.fullName
};

/** The province with this code, or null (also for a code that cannot be one). */
export async function provinceByCode(db: Database, code: string): Promise<UnitRow | null> {
	if (!PROVINCE_CODE.test(code)) return null;
	const [row] = await db.select(unitColumns).from(provinces).where(eq(provinces.code, code));
	return row ?? null;
}

/** The ward with this code and its province, or null (also for a code that cannot be one). */
export async function wardByCode(db: Database, code: string): Promise<WardRow | null> {
	if (!WARD_CODE.test(code)) return null;
	const [row] = await db
		.select({
			code: wards.code,
			name: wards.name,
			nameEn: wards.nameEn,
			fullName: wards.fullName,
			province: unitColumns
		})
		.from(wards)
		.innerJoin(provinces, eq(provinces.code, wards.provinceCode))
		.where(eq(wards.code, code));
	return row ?? null;
}

/** Full names of a province's wards by code ("Phường Thành Vinh"; snapshots carry the short name). */
export async function wardNamesOfProvince(
	db: Database,
	province: string
): Promise<Record<string, string>> {
	const rows = await db
		.select({ code: wards.code, fullName: wards.fullName })
		.from(wards)
		.where(eq(wards.provinceCode, province))
		.orderBy(asc(wards.code));
	return Object.fromEntries(rows.map((row) => [row.code, row.fullName]));
}
