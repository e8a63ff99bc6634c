import { inArray } from 'drizzle-orm';
import type { Database } from '../../../../server/db/client';
import { fields, procedures } from '../../../../server/db/schema';
import type { Lang } from '../../i18n/messages';

/** Names of the fields (lĩnh vực) by code, in the reader's language. */
export async function fieldNames(db: Database, lang: Lang): Promise<Record<string, string>> {
	const rows = await db
		.select({ code: fields.code, name: fields.name, nameEn: fields.nameEn })
		.from(fields);
	return Object.fromEntries(rows.map((row) => [row.code, lang === 'en' ? row.nameEn : row.name]));
}

/** Names of these procedures by code (the catalogue holds them in Vietnamese only). */
export async function procedureNames(
	db: Database,
	codes: readonly string[]
): Promise<Record<string, string>> {
	const wanted = [...new Set(codes)];
	if (wanted.length === 0) return {};
	const rows = await db
		.select({ code: procedures.code, name: procedures.name })
		.from(procedures)
		.where(inArray(procedures.code, wanted));
	return Object.fromEntries(rows.map((row) => [row.code, row.name]));
}
