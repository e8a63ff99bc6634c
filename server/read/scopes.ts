import { asc } from 'drizzle-orm';
import type { Scope } from '../../src/lib/contracts/scope';
import type { Database } from '../db/client';
import { provinces, wards } from '../db/schema';

/**
 * The administrative units a read can name: which scopes exist, their names and their children (the wards of a
 * province, the provinces of the nation). Loaded once from the reference tables; units change by decree, rarely.
 */
export class AdminUnits {
	private constructor(
		private readonly provinceNames: ReadonlyMap<string, string>,
		private readonly wardsOfProvince: ReadonlyMap<string, readonly string[]>,
		private readonly wardNames: ReadonlyMap<string, string>,
		private readonly provinceOfWard: ReadonlyMap<string, string>
	) {}

	static async load(db: Database): Promise<AdminUnits> {
		const [provinceRows, wardRows] = await Promise.all([
			db
				.select({ code: provinces.code, name: provinces.name })
				.from(provinces)
				.orderBy(asc(provinces.code)),
			db
				.select({ code: wards.code, name: wards.name, province: wards.provinceCode })
				.from(wards)
				.orderBy(asc(wards.code))
		]);
		const byProvince = new Map<string, string[]>(provinceRows.map((p) => [p.code, []]));
		for (const ward of wardRows) byProvince.get(ward.province)?.push(ward.code);
		return new AdminUnits(
			new Map(provinceRows.map((p) => [p.code, p.name])),
			byProvince,
			new Map(wardRows.map((w) => [w.code, w.name])),
			new Map(wardRows.map((w) => [w.code, w.province]))
		);
	}

	/** Whether the scope names a real province or ward. */
	exists(scope: Scope): boolean {
		if (scope.kind === 'national') return true;
		return scope.kind === 'province'
			? this.provinceNames.has(scope.code)
			: this.wardNames.has(scope.code);
	}

	/** Child unit codes in code order: provinces of the nation, wards of a province; a ward has none. */
	childrenOf(scope: Scope): readonly string[] {
		if (scope.kind === 'national') return [...this.provinceNames.keys()];
		if (scope.kind === 'province') return this.wardsOfProvince.get(scope.code) ?? [];
		return [];
	}

	/** Names by scope id (`province:40`, `ward:16681`) of a scope and its children, for the snapshot JSON. */
	namesFor(scope: Scope): Map<string, string> {
		const names = new Map<string, string>([['national', 'Việt Nam']]);
		const add = (kind: 'province' | 'ward', code: string) => {
			const name = (kind === 'province' ? this.provinceNames : this.wardNames).get(code);
			if (name !== undefined) names.set(`${kind}:${code}`, name);
		};
		if (scope.kind !== 'national') add(scope.kind, scope.code);
		const childKind = scope.kind === 'national' ? 'province' : 'ward';
		for (const code of this.childrenOf(scope)) add(childKind, code);
		return names;
	}

	/** The province of a ward, or undefined for a code that is not a ward. */
	provinceOf(ward: string): string | undefined {
		return this.provinceOfWard.get(ward);
	}
}

/** Scope ids of a child unit code: the nation's children are provinces, a province's are wards. */
export function childScopeId(parent: Scope, code: string): string {
	return parent.kind === 'national' ? `province:${code}` : `ward:${code}`;
}
