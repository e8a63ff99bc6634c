import { describe, expect, it } from 'vitest';
import { exportQuery, parseReportRequest } from './report-request';

// 2026-11-02 10:00 in Vietnam (UTC+7).
const NOW = Date.parse('2026-11-02T03:00:00Z');
const params = (query: string) => new URLSearchParams(query);
const OCTOBER = 'period=custom&from=2026-10-01&to=2026-10-31';

describe('parseReportRequest', () => {
	it('refuses a scope that is not one', () => {
		expect(parseReportRequest('province:4x', params(''), NOW)).toEqual({
			ok: false,
			problem: 'scope'
		});
	});

	it('computes a running period now, not frozen', () => {
		const request = parseReportRequest('province:40', params('period=month'), NOW);
		expect(request).toMatchObject({ ok: true, asOf: NOW, frozen: false });
		if (request.ok)
			expect(request.selection.period).toEqual({ from: '2026-11-01', to: '2026-11-02' });
	});

	it('freezes an ended period now, or at the asOf asked for', () => {
		expect(parseReportRequest('ward:16681', params(OCTOBER), NOW)).toMatchObject({
			ok: true,
			asOf: NOW,
			frozen: true
		});
		const at = '2026-11-01T00:00:00.000Z';
		expect(parseReportRequest('ward:16681', params(`${OCTOBER}&asOf=${at}`), NOW)).toMatchObject({
			ok: true,
			asOf: Date.parse(at),
			frozen: true
		});
	});

	it('refuses an asOf before the end of the period, in the future, or malformed', () => {
		for (const asOf of [
			'2026-10-31T16:59:59.999Z',
			'2026-11-02T03:00:01Z',
			'yesterday',
			'1730000000000'
		])
			expect(parseReportRequest('national', params(`${OCTOBER}&asOf=${asOf}`), NOW)).toEqual({
				ok: false,
				problem: 'asOf'
			});
		expect(parseReportRequest('national', params('asOf=2026-11-02T02:00:00Z'), NOW)).toEqual({
			ok: false,
			problem: 'asOf'
		});
	});
});

describe('exportQuery', () => {
	it('keeps the period, and the instant of a frozen report', () => {
		const request = parseReportRequest('national', params(OCTOBER), NOW);
		if (!request.ok) throw new Error('expected a request');
		expect(exportQuery(request.selection, request.asOf, true)).toBe(
			`?${OCTOBER}&asOf=2026-11-02T03%3A00%3A00.000Z`
		);
		expect(
			exportQuery({ choice: 'today', period: { from: '2026-11-02', to: '2026-11-02' } }, NOW, false)
		).toBe('');
	});
});
