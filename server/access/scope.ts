import type { Scope } from '../../src/lib/contracts/scope';

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
