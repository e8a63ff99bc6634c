import type { NativeEventInput } from '../../src/lib/contracts/ingest';
import { VN_UTC_OFFSET_MS, type Instant } from '../../src/lib/domain/calendar/vn-time';
import type { DossierEvent } from '../../src/lib/domain/dossier';

/** Events as the ingest API takes them (ARCHITECTURE §4.1): times in RFC 3339 with the Vietnam offset. */

/** `2025-07-01T08:30:00+07:00`; milliseconds appear only when the instant has them. */
export function formatVnRfc3339(at: Instant): string {
	const local = new Date(at + VN_UTC_OFFSET_MS).toISOString();
	const seconds = at % 1000 === 0 ? local.slice(0, 19) : local.slice(0, 23);
	return `${seconds}+07:00`;
}

/** A domain event as the wire JSON for `POST /api/v1/events`; `seq` (arrival order) is not sent. */
export function toNativeEvent(event: DossierEvent): NativeEventInput {
	const wire: NativeEventInput = {
		id: event.id,
		type: event.type,
		dossier: event.dossier,
		ward: event.ward,
		at: formatVnRfc3339(event.at)
	};
	if (event.receivingWard !== undefined) wire.receivingWard = event.receivingWard;
	if (event.procedure !== undefined) wire.procedure = event.procedure;
	if (event.field !== undefined) wire.field = event.field;
	if (event.channel !== undefined) wire.channel = event.channel;
	if (event.dueAt !== undefined) wire.dueAt = formatVnRfc3339(event.dueAt);
	if (event.stage !== undefined) wire.stage = event.stage;
	if (event.step !== undefined) wire.step = event.step;
	if (event.unit !== undefined) wire.unit = event.unit;
	if (event.officer !== undefined) wire.officer = event.officer;
	if (event.stageDueAt !== undefined) wire.stageDueAt = formatVnRfc3339(event.stageDueAt);
	if (event.reason !== undefined) wire.reason = event.reason;
	if (event.paidOnline !== undefined) wire.paidOnline = event.paidOnline;
	if (event.satisfied !== undefined) wire.satisfied = event.satisfied;
	if (event.digitised !== undefined) wire.digitised = event.digitised;
	return wire;
}
