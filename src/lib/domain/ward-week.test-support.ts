import type { DossierEvent, DossierState, EventType } from './dossier';
import { ctx, dossierEvents, vn } from './dossier.test-support';
import { deriveDossierState } from './lifecycle';
import type { Period } from './period';

/**
 * A hand-built week at two wards, for the KPI, bottleneck, index and oracle tests. Every expected figure in those
 * tests is worked out by hand from the comments here (office hours 07:00–11:30, 13:30–17:00; May 2026 has no
 * holidays after 1 May). Period: Monday 11 – Friday 15 May 2026; "now" is Wednesday 13 May 10:00.
 */

export const WARD_A = '16681';
export const WARD_B = '16682';
export const PERIOD: Period = { from: '2026-05-11', to: '2026-05-15' };
export const LAST_WEEK: Period = { from: '2026-05-04', to: '2026-05-08' };
export const NOW = vn('2026-05-13 10:00');

type Step = [EventType, string, Partial<DossierEvent>?];
const CERT = { procedure: '2.000815' }; // same day, field chung-thuc
const BIZ = { procedure: '1.001612' }; // 3 working days, field ho-kinh-doanh
const SOCIAL = { procedure: '1.001776' }; // 10 working days, field bao-tro-xa-hoi

const dossiers: [string, string, Step[]][] = [
	// Due Mon 11 17:00; finished the same day: on time. Fee paid at the desk; rated "dislike".
	[
		'D1',
		WARD_A,
		[
			['received', '2026-05-11 08:00', { ...CERT, channel: 'direct', digitised: true }],
			['fee_paid', '2026-05-11 08:05', { paidOnline: false }],
			['completed', '2026-05-11 10:00'],
			['returned', '2026-05-11 10:30'],
			['rated', '2026-05-11 10:35', { satisfied: false }]
		]
	],
	// Online; due Mon 11 17:00; finished Tue 12: late.
	[
		'D2',
		WARD_A,
		[
			['submitted', '2026-05-10 20:00', { ...CERT, channel: 'online' }],
			['received', '2026-05-11 07:30', { ...CERT, channel: 'online', digitised: false }],
			['completed', '2026-05-12 09:00']
		]
	],
	// Received last Thursday 10:00, due Tue 12 10:00 (5 + 8 + 8 + 3 h); finished Mon 11: early, carried over.
	[
		'D3',
		WARD_A,
		[
			['received', '2026-05-07 10:00', { ...BIZ, channel: 'online' }],
			['completed', '2026-05-11 15:00']
		]
	],
	// Postal; 10 working days from Tue 12 09:00: due Tue 26 May 09:00. In processing since Tue 10:00.
	[
		'D4',
		WARD_A,
		[
			['received', '2026-05-12 09:00', { ...SOCIAL, channel: 'postal' }],
			['stage_changed', '2026-05-12 10:00', { stage: 'processing' }]
		]
	],
	// Received last Thursday 08:00, due Tue 12 08:00 (7 + 8 + 8 + 1 h): overdue now, carried over.
	[
		'D5',
		WARD_A,
		[
			['received', '2026-05-07 08:00', { ...BIZ, channel: 'direct' }],
			['stage_changed', '2026-05-07 09:00', { stage: 'processing' }]
		]
	],
	// Due Thu 14 10:00 (5 + 8 + 8 + 3 h): 8 working hours left now, due soon. Fee paid online.
	[
		'D6',
		WARD_A,
		[
			['received', '2026-05-11 10:00', { ...BIZ, channel: 'direct' }],
			['fee_requested', '2026-05-11 10:30'],
			['fee_paid', '2026-05-11 10:40', { paidOnline: true }],
			['stage_changed', '2026-05-11 11:00', { stage: 'processing' }]
		]
	],
	// Online; waiting for a supplement since Tue 12 09:00.
	[
		'D7',
		WARD_A,
		[
			['received', '2026-05-11 09:00', { ...BIZ, channel: 'online' }],
			['stage_changed', '2026-05-11 09:30', { stage: 'processing' }],
			['supplement_requested', '2026-05-12 09:00']
		]
	],
	// Submitted online this morning, not yet accepted.
	['D8', WARD_A, [['submitted', '2026-05-13 08:00', { ...BIZ, channel: 'online' }]]],
	// Withdrawn an hour after receipt.
	[
		'D9',
		WARD_A,
		[
			['received', '2026-05-12 08:00', { ...CERT, channel: 'direct' }],
			['withdrawn', '2026-05-12 09:00']
		]
	],
	// The other ward: one certification, finished on time.
	[
		'D10',
		WARD_B,
		[
			['received', '2026-05-11 08:00', { ...CERT, channel: 'direct' }],
			['completed', '2026-05-11 09:00']
		]
	],
	// Last week, finished last week (due Wed 13 08:00): early then; nothing this week.
	[
		'D11',
		WARD_A,
		[
			['received', '2026-05-08 08:00', { ...BIZ, channel: 'direct' }],
			['completed', '2026-05-08 16:00']
		]
	],
	// Refused at the desk: counted nowhere.
	['D12', WARD_A, [['not_accepted', '2026-05-11 08:00', { ...CERT, channel: 'direct' }]]]
];

export const WEEK: DossierState[] = dossiers.map(([code, ward, steps]) =>
	deriveDossierState(dossierEvents(code, steps, ward), ctx)
);
