import { formatScope, type Scope } from '../../src/lib/contracts/scope';

/**
 * The one scope check: does a grant for `scope` cover this ward? `provinceOf` tells a ward's province.
 * Used for keys, people and displays alike.
 */
export function scopeCoversWard(
	scope: Scope,
	ward: string,
	provinceOf: (ward: string) => string | undefined
): boolean {
	switch (scope.kind) {
		case 'national':
			return true;
		case 'province':
			return provinceOf(ward) === scope.code;
		case 'ward':
			return ward === scope.code;
	}
}

/**
 * Whether a grant for `grant` may read `requested`: the nation reads everything, a province its wards and
 * itself, a ward only itself. Ward scopes go through `scopeCoversWard` above.
 */
export function scopeCoversScope(
	grant: Scope,
	requested: Scope,
	provinceOf: (ward: string) => string | undefined
): boolean {
	if (requested.kind === 'ward') return scopeCoversWard(grant, requested.code, provinceOf);
	if (grant.kind === 'national') return true;
	return formatScope(grant) === formatScope(requested);
}
