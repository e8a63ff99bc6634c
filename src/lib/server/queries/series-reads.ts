import type { SeriesBucket, SeriesJson } from '../../contracts/series';
import type { Scope } from '../../contracts/scope';
import type { Instant } from '../../domain/calendar/vn-time';
import type { Period } from '../../domain/period';
import { sqlIntakeSeries } from '../../../../server/read/series.sql';
import { services } from '../services';

/**
 * Intake against resolved for a page's trend chart, the same answer as `GET /api/v1/series`. Like
 * `scope-reads.ts`, access is the caller's: the hook checks a page's own scope, `requireScope` any other.
 */
export async function readIntakeSeries(
	scope: Scope,
	period: Period,
	bucket: SeriesBucket,
	now: Instant
): Promise<SeriesJson> {
	return sqlIntakeSeries(services().db, { scope, period, bucket, now });
}
