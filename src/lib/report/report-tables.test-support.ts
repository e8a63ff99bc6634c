import { bieu06Of } from '../domain/bieu06';
import { estimateFromCounts } from '../domain/service-index';
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
			serviceIndex: sampleServiceIndex(),
			...overrides
		}
	};
}

/** The estimate of a small sample: 10 received, 4 online; 2 with a fee, 1 paid online; 6 on time, 2 late. */
export function sampleServiceIndex(): Report['data']['serviceIndex'] {
	const counts = {
		received: 10,
		online: 4,
		withFee: 2,
		paidOnline: 1,
		digitisable: 8,
		digitised: 6,
		measured: { onTime: 6, late: 2, disliked: 1 }
	};
	const { groups, points, maxPoints } = estimateFromCounts(counts);
	return { estimate: true, groups, points, maxPoints, counts };
}
