import {
	WorkingCalendar,
	type CalendarDayRow
} from '../../src/lib/domain/calendar/working-calendar';
import type { ProcedureRule } from '../../src/lib/domain/lifecycle';
import type { Database } from '../db/client';
import { calendarDays, procedures, unitWards, wards } from '../db/schema';

/**
 * The reference data every ingest needs, held in memory: ward → province, the procedure catalogue and the
 * working calendar. Reloaded after an edit in this process and periodically for edits made by others.
 */
export class ReferenceData {
	private provinceOfWard = new Map<string, string>();
	private catalogue = new Map<string, ProcedureRule>();
	calendar = new WorkingCalendar([]);
	/** DVCQG unit id → ward code. */
	unitWards: ReadonlyMap<string, string> = new Map();

	constructor(private readonly db: Database) {}

	async load(): Promise<this> {
		const [wardRows, procedureRows, dayRows, unitRows] = await Promise.all([
			this.db.select({ code: wards.code, provinceCode: wards.provinceCode }).from(wards),
			this.db.select().from(procedures),
			this.db.select().from(calendarDays),
			this.db.select().from(unitWards)
		]);
		this.unitWards = new Map(unitRows.map((u) => [u.unitId, u.wardCode]));
		this.provinceOfWard = new Map(wardRows.map((w) => [w.code, w.provinceCode]));
		this.catalogue = new Map(
			procedureRows.map((p) => [
				p.code,
				{
					field: p.fieldCode,
					processingTime: { value: p.processingTimeValue, unit: p.processingTimeUnit }
				}
			])
		);
		this.calendar = new WorkingCalendar(dayRows as CalendarDayRow[]);
		return this;
	}

	/** The province of a ward, or undefined for a code that is not a ward. */
	provinceOf(ward: string): string | undefined {
		return this.provinceOfWard.get(ward);
	}

	isWard(code: string): boolean {
		return this.provinceOfWard.has(code);
	}

	procedure(code: string): ProcedureRule | undefined {
		return this.catalogue.get(code);
	}

	get procedures(): ReadonlyMap<string, ProcedureRule> {
		return this.catalogue;
	}
}
