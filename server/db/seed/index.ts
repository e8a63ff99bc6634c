import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { eq, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import { VN_CALENDAR_SEED } from '../../../src/lib/domain/calendar/vn-calendar-seed';
import type { Database } from '../client';
import { calendarDays, fields, procedures, provinces, seedVersions, wards } from '../schema';
import { FIELD_SEED, PROCEDURE_SEED } from './catalogue';

interface AdminUnits {
	provinces: { code: string; name: string; nameEn: string; fullName: string; kind: string }[];
	wards: {
		code: string;
		name: string;
		nameEn: string;
		fullName: string;
		kind: string;
		provinceCode: string;
	}[];
}

const adminUnitsFile = new URL('./vn-admin-units.json', import.meta.url);
const INSERT_CHUNK = 1000;

function hashOf(data: unknown): string {
	return createHash('sha256').update(JSON.stringify(data)).digest('hex');
}

function chunks<T>(rows: T[], size = INSERT_CHUNK): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
	return out;
}

/**
 * Loads the bundled reference data: provinces and wards (updated to the bundled list), and the fields,
 * procedures and calendar days (inserted when missing, so an administrator's edits always win).
 * Each set is skipped when its content hash matches the last one applied.
 */
export async function seedReferenceData(db: Database, log: Logger): Promise<void> {
	const units = JSON.parse(readFileSync(adminUnitsFile, 'utf8')) as AdminUnits;
	const sets: { name: string; data: unknown; apply: (tx: Database) => Promise<void> }[] = [
		{
			name: 'admin-units',
			data: units,
			apply: async (tx) => {
				for (const rows of chunks(units.provinces))
					await tx
						.insert(provinces)
						.values(rows)
						.onConflictDoUpdate({
							target: provinces.code,
							set: {
								name: sql`excluded.name`,
								nameEn: sql`excluded.name_en`,
								fullName: sql`excluded.full_name`,
								kind: sql`excluded.kind`
							}
						});
				for (const rows of chunks(units.wards))
					await tx
						.insert(wards)
						.values(rows)
						.onConflictDoUpdate({
							target: wards.code,
							set: {
								provinceCode: sql`excluded.province_code`,
								name: sql`excluded.name`,
								nameEn: sql`excluded.name_en`,
								fullName: sql`excluded.full_name`,
								kind: sql`excluded.kind`
							}
						});
			}
		},
		{
			name: 'catalogue',
			data: { FIELD_SEED, PROCEDURE_SEED },
			apply: async (tx) => {
				await tx.insert(fields).values(FIELD_SEED).onConflictDoNothing();
				await tx
					.insert(procedures)
					.values(
						PROCEDURE_SEED.map((p) => ({
							code: p.code,
							name: p.name,
							fieldCode: p.fieldCode,
							processingTimeValue: p.processingTime.value,
							processingTimeUnit: p.processingTime.unit,
							note: p.note ?? null
						}))
					)
					.onConflictDoNothing();
			}
		},
		{
			name: 'calendar',
			data: VN_CALENDAR_SEED,
			apply: async (tx) => {
				await tx.insert(calendarDays).values(VN_CALENDAR_SEED).onConflictDoNothing();
			}
		}
	];

	for (const set of sets) {
		const hash = hashOf(set.data);
		const [applied] = await db
			.select({ hash: seedVersions.hash })
			.from(seedVersions)
			.where(eq(seedVersions.name, set.name));
		if (applied?.hash === hash) continue;
		await db.transaction(async (tx) => {
			await set.apply(tx as unknown as Database);
			await tx
				.insert(seedVersions)
				.values({ name: set.name, hash })
				.onConflictDoUpdate({ target: seedVersions.name, set: { hash, appliedAt: new Date() } });
		});
		log.info({ seed: set.name }, 'reference data applied');
	}
}
