import { describe, expect, it } from 'vitest';
import { createOfficerPseudonymiser } from './pseudonymise';

describe('createOfficerPseudonymiser', () => {
	const pseudonymise = createOfficerPseudonymiser('unit-test-secret-0123456789');

	it('gives one officer one short id, whatever the case, spacing or Unicode form', () => {
		const id = pseudonymise('Nguyễn Thị Hoa');
		expect(id).toMatch(/^o-[0-9a-f]{16}$/);
		expect(pseudonymise('  nguyễn   thị HOA ')).toBe(id);
		expect(pseudonymise('Nguyễn Thị Hoa'.normalize('NFD'))).toBe(id);
		expect(pseudonymise('Nguyễn Thị Hòa')).not.toBe(id);
	});

	it('depends on the secret, so a list of common names cannot reverse it', () => {
		const other = createOfficerPseudonymiser('another-secret-0123456789');
		expect(other('Nguyễn Thị Hoa')).not.toBe(pseudonymise('Nguyễn Thị Hoa'));
		expect(() => createOfficerPseudonymiser('short')).toThrow(RangeError);
	});
});
