/**
 * Which ward handles a synced dossier (ARCHITECTURE §4.2). DVCQG has no ward field, so the ward is told from
 * the item's MaDonVi, then from the unit id that prefixes MaHoSo, then from the API key's single ward.
 */

export interface WardContext {
	/** True for a commune-level unit code of the administrative unit list (e.g. `16681`). */
	isWardCode(code: string): boolean;
	/** Unit id (the prefix of MaHoSo, such as `000.00.12.H40`) → ward code, as configured by an administrator. */
	unitWards: ReadonlyMap<string, string>;
	/** The ward of the API key, when its scope is one ward. */
	keyWard?: string;
}

export type WardResolution = { ward: string } | { error: string };

const WARD_CODE = /^\d{5}$/;

/** The unit id of a dossier code `{unit id}-{yyMMdd}-{NNNN}`: the part before the first '-'; null without one. */
export function unitIdOf(dossierCode: string): string | null {
	const dash = dossierCode.indexOf('-');
	return dash > 0 ? dossierCode.slice(0, dash) : null;
}

/**
 * The handling ward of an item: its `MaDonVi` when that is a known ward code (5 digits); else the unit map
 * applied to `MaDonVi` (some vendors put the unit id there) and then to the unit id prefixing `MaHoSo`; else the
 * API key's single ward. Otherwise an error saying why the ward cannot be told.
 */
export function resolveWard(
	item: { MaHoSo: string; MaDonVi?: string | null },
	ctx: WardContext
): WardResolution {
	const known = (code: string | null | undefined): code is string =>
		typeof code === 'string' && WARD_CODE.test(code) && ctx.isWardCode(code);
	const unitId = item.MaDonVi?.trim() || null;
	if (known(unitId)) return { ward: unitId };
	const prefix = unitIdOf(item.MaHoSo);
	for (const unit of [unitId, prefix]) {
		const mapped = unit === null ? undefined : ctx.unitWards.get(unit);
		// A map entry naming an unknown ward is a configuration error; it must not hide behind the key's ward.
		if (mapped !== undefined) {
			return known(mapped)
				? { ward: mapped }
				: { error: `the unit ${unit} is mapped to ${mapped}, which is not a ward code` };
		}
	}
	if (ctx.keyWard !== undefined) return { ward: ctx.keyWard };
	const tried = [
		unitId === null ? 'no MaDonVi' : `MaDonVi ${unitId} is neither a ward code nor a mapped unit`,
		prefix === null ? 'MaHoSo has no unit prefix' : `unit ${prefix} of MaHoSo is not mapped`,
		'the API key is not scoped to one ward'
	];
	return { error: `the handling ward cannot be told: ${tried.join('; ')}` };
}
