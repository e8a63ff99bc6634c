import { bieu06Of } from '../domain/bieu06';
import type { Report } from './report-data';

/** A small frozen report with every part filled, for the table and export tests. */
export function sampleReport(overrides: Partial<Report['data']> = {}): Report {
	const row = (n: number) =>
		bieu06Of({
			received: { total: 5 * n, online: 2 * n, direct: 2 * n, postal: n, carriedOver: n },
			resolved: { total: 4 * n, early: n, onTime: 2 * n, late: n, withdrawn: 0 },
			inProgress: { total: 2 * n, overdue: n }
		});
	return {
		fingerprint: 'f'.repeat(64),
		serviceIndex: null,
		names: {
			scope: 'Nghệ An',
			fields: { 'ho-tich': 'Hộ tịch' },
			units: { 'ward:16681': 'Phường Thành Vinh', 'ward:16690': 'Phường Trường Vinh' },
			procedures: { '1.001612': 'Đăng ký khai sinh' }
		},
		data: {
			scope: 'province:40',
			period: { from: '2026-10-01', to: '2026-10-31' },
			asOf: '2026-11-02T03:00:00.000Z',
			measuredAt: '2026-10-31T16:59:59.999Z',
			filters: {},
			totals: row(3),
			onTimeRate: 0.75,
			onlineRate: 0.4,
			fields: [
				{ field: 'ho-tich', ...row(1) },
				{ field: 'unknown', ...row(2) }
			],
			children: [
				{
					scope: 'ward:16690',
					rank: 2,
					rankable: false,
					received: 3,
					resolved: 2,
					onTimeRate: null,
					inProgress: 1,
					overdue: 0
				},
				{
					scope: 'ward:16681',
					rank: 1,
					rankable: true,
					received: 12,
					resolved: 11,
					onTimeRate: 0.9,
					inProgress: 4,
					overdue: 1
				}
			],
			stages: [
				{
					stage: 'processing',
					wip: 4,
					overdue: 1,
					overShare: 2,
					medianAgeHours: 3.25,
					p90AgeHours: null,
					inflow: 7,
					outflow: 5,
					bottleneck: true
				}
			],
			overdue: [
				{
					code: 'H40.1',
					ward: '16681',
					field: 'ho-tich',
					procedure: '1.001612',
					stage: 'processing',
					receivedAt: '2026-10-20T01:00:00.000Z',
					dueAt: '2026-10-23T10:00:00.000Z',
					overdueWorkingDays: 6
				}
			],
			overdueTotal: 3,
			overdueLimit: 1,
			...overrides
		}
	};
}
