import type { NativeEventInput } from '../../src/lib/contracts/ingest';

/** A realistic little life of one dossier at Phường Thành Vinh (16681), as native wire events. */
export function dossierLife(
	code: string,
	options: { ward?: string; idPrefix?: string } = {}
): NativeEventInput[] {
	const ward = options.ward ?? '16681';
	const id = (suffix: string) => `${options.idPrefix ?? code}:${suffix}`;
	return [
		{
			id: id('received'),
			type: 'received',
			dossier: code,
			ward,
			at: '2026-04-24T10:00:00+07:00',
			procedure: '1.001612',
			channel: 'online'
		},
		{
			id: id('stage-1'),
			type: 'stage_changed',
			dossier: code,
			ward,
			at: '2026-04-24T14:00:00+07:00',
			stage: 'processing'
		},
		{
			id: id('stage-2'),
			type: 'stage_changed',
			dossier: code,
			ward,
			at: '2026-04-28T09:00:00+07:00',
			stage: 'approval'
		},
		{
			id: id('completed'),
			type: 'completed',
			dossier: code,
			ward,
			at: '2026-04-29T08:30:00+07:00'
		},
		{ id: id('returned'), type: 'returned', dossier: code, ward, at: '2026-04-29T15:00:00+07:00' }
	];
}
