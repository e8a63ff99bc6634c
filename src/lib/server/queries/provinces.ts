import { asc, count, eq } from 'drizzle-orm';
import type { Database } from '../../../../server/db/client';
import { provinces, wards } from '../../../../server/db/schema';

export interface ProvinceRow {
	code: string;
	name: string;
	fullName: string;
	wardCount: number;
}

/** Every province with the number of its commune-level units, in code order. */
export async function provincesWithWardCounts(db: Database): Promise<ProvinceRow[]> {
	return db
		.select({
			code: provinces.code,
			name: provinces.name,
			fullName: provinces.fullName,
			wardCount: count(wards.code)
		})
		.from(provinces)
		.leftJoin(wards, eq(wards.provinceCode, provinces.code))
		.groupBy(provinces.code)
		.orderBy(asc(provinces.code));
}
