import { invalidate } from '$app/navigation';

/** What a page's load `depends` on for its trend series: read again every few minutes while the page is live. */
export const SERIES_DEPENDENCY = 'mcl:series';

/** How often a live page reads its series again (back-dated events land in their own buckets then). */
export const SERIES_REFRESH_MS = 5 * 60_000;

/** While `live()` holds, reads the page's series again every SERIES_REFRESH_MS (call while a component initialises). */
export function refreshSeriesWhile(live: () => boolean): void {
	$effect(() => {
		if (!live()) return;
		const timer = setInterval(() => void invalidate(SERIES_DEPENDENCY), SERIES_REFRESH_MS);
		return () => clearInterval(timer);
	});
}
