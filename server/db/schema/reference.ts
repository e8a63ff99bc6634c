import { boolean, date, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** The 34 provinces and centrally-run cities (QĐ 19/2025/QĐ-TTg codes). */
export const provinces = pgTable('provinces', {
	code: text('code').primaryKey(),
	name: text('name').notNull(),
	nameEn: text('name_en').notNull(),
	fullName: text('full_name').notNull(),
	kind: text('kind').notNull()
});

/** Commune-level units: phường (ward), xã (commune), đặc khu (special zone); all called "ward" in code. */
export const wards = pgTable(
	'wards',
	{
		code: text('code').primaryKey(),
		provinceCode: text('province_code')
			.notNull()
			.references(() => provinces.code),
		name: text('name').notNull(),
		nameEn: text('name_en').notNull(),
		fullName: text('full_name').notNull(),
		kind: text('kind').notNull()
	},
	(t) => [index('wards_province_idx').on(t.provinceCode)]
);

/** Fields (lĩnh vực) of procedures, e.g. certification, civil status. */
export const fields = pgTable('fields', {
	code: text('code').primaryKey(),
	name: text('name').notNull(),
	nameEn: text('name_en').notNull()
});

/** The procedure catalogue (thủ tục hành chính) with its legal processing time; editable by admins. */
export const procedures = pgTable('procedures', {
	code: text('code').primaryKey(),
	name: text('name').notNull(),
	fieldCode: text('field_code')
		.notNull()
		.references(() => fields.code),
	/** Legal processing time; null value with unit same_day means done on the spot. */
	processingTimeValue: integer('processing_time_value'),
	processingTimeUnit: text('processing_time_unit', {
		enum: ['working_days', 'working_hours', 'days', 'same_day']
	}).notNull(),
	/** Free-text note on the legal basis or what still needs verifying. */
	note: text('note'),
	/** The processing time still needs verifying against the legal text. */
	provisional: boolean('provisional').notNull().default(false),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});

/**
 * Exceptions to the weekday rule: public holidays, compensatory or swapped days off, and weekend days
 * declared working days. Data, not a formula: the government announces Tết and National Day breaks yearly.
 */
export const calendarDays = pgTable('calendar_days', {
	date: date('date', { mode: 'string' }).primaryKey(),
	kind: text('kind', { enum: ['holiday', 'day_off', 'working_day'] }).notNull(),
	name: text('name').notNull(),
	provisional: boolean('provisional').notNull().default(false),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});

/** Which version (content hash) of each bundled reference data set was last applied, so start-up seeds only on change. */
export const seedVersions = pgTable('seed_versions', {
	name: text('name').primaryKey(),
	hash: text('hash').notNull(),
	appliedAt: timestamp('applied_at', { withTimezone: true }).notNull().defaultNow()
});

/**
 * DVCQG unit identifiers (the prefix of MaHoSo, e.g. `000.00.12.H40`, or a vendor's MaDonVi) mapped to the
 * ward that handles their dossiers; maintained by administrators (`cli unit set`).
 */
export const unitWards = pgTable('unit_wards', {
	unitId: text('unit_id').primaryKey(),
	wardCode: text('ward_code')
		.notNull()
		.references(() => wards.code),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});

/** Process-wide settings generated once and shared by every process, such as the pseudonymisation key. */
export const appSettings = pgTable('app_settings', {
	name: text('name').primaryKey(),
	value: text('value').notNull()
});
