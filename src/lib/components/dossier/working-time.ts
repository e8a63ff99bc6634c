import { MINUTE_MS } from '../../domain/calendar/vn-time';
import type { formatters } from '../../i18n/format';
import type { DossierMessages } from '../../i18n/dossier-messages';

/** Working time as hours and minutes ("12 giờ 5 phút"), rounded to the minute; never negative. */
export function workingTimeText(
	ms: number,
	d: DossierMessages,
	f: ReturnType<typeof formatters>
): string {
	const minutes = Math.max(0, Math.round(ms / MINUTE_MS));
	return d.workingTime(f.integer(Math.floor(minutes / 60)), f.integer(minutes % 60));
}
