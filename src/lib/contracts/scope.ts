import { z } from 'zod';

/** What a person, display or key may see: the nation, one province, or one ward (codes of QĐ 19/2025). */
export type Scope =
	{ kind: 'national' } | { kind: 'province'; code: string } | { kind: 'ward'; code: string };

export const WARD_CODE = /^\d{5}$/;
export const PROVINCE_CODE = /^\d{2}$/;

/** `national`, `province:<2-digit code>` or `ward:<5-digit code>`. */
export const scopeSchema = z
	.string()
	.trim()
	.regex(
		/^(?:national|province:\d{2}|ward:\d{5})$/,
		'must be national, province:<code> or ward:<code>'
	)
	.transform((text): Scope => {
		if (text === 'national') return { kind: 'national' };
		const [kind, code] = text.split(':');
		return { kind: kind as 'province' | 'ward', code };
	});

export function formatScope(scope: Scope): string {
	return scope.kind === 'national' ? 'national' : `${scope.kind}:${scope.code}`;
}
