import { describe, expect, it } from 'vitest';
import { bieu06Columns, bieu06Of, sumBieu06 } from './bieu06';

const source = {
	received: { total: 10, online: 4, direct: 5, postal: 1, carriedOver: 3 },
	resolved: { total: 9, early: 2, onTime: 4, late: 1, withdrawn: 2 },
	inProgress: { total: 6, overdue: 2 }
};

describe('Biểu 06 columns', () => {
	it('adds the carried over to the received total, as the form does', () => {
		const row = bieu06Of(source);
		expect(row.received).toEqual({ total: 13, carriedOver: 3, online: 4, directOrPostal: 6 });
	});

	it('keeps withdrawals out of the resolved total and in their own column', () => {
		const row = bieu06Of(source);
		expect(row.resolved).toEqual({ total: 7, early: 2, onTime: 4, late: 1, withdrawn: 2 });
	});

	it('counts every open dossier that is not overdue as within time', () => {
		expect(bieu06Of(source).inProgress).toEqual({ total: 6, withinTime: 4, overdue: 2 });
	});

	it('lists the columns in the form order and sums rows column by column', () => {
		const row = bieu06Of(source);
		expect(bieu06Columns(row)).toEqual([13, 3, 4, 6, 7, 2, 4, 1, 6, 4, 2, 2]);
		expect(bieu06Columns(sumBieu06([row, row]))).toEqual(bieu06Columns(row).map((n) => n * 2));
		expect(bieu06Columns(sumBieu06([]))).toEqual(Array(12).fill(0));
	});
});
