import type { Scope } from '../../src/lib/contracts/scope';
import { formatScope } from '../../src/lib/contracts/scope';
import { toServiceIndexJson, type ServiceIndexJson } from '../../src/lib/contracts/service-index';
import type { Instant } from '../../src/lib/domain/calendar/vn-time';
import type { Period } from '../../src/lib/domain/period';
import {
	DEFAULT_SERVICE_INDEX_CONFIG,
	estimateFromCounts,
	type ServiceIndexConfig
} from '../../src/lib/domain/service-index';
import type { Database } from '../db/client';
import type { ReferenceData } from '../reference/reference-data';
import { sqlServiceIndexCounts } from './service-index.sql';

/**
 * The Decision 766 estimate of a scope and period as the REST API and the pages give it: counts from SQL, the
 * estimate from the domain. Access is the caller's to check; caching is the pages' (they read it often).
 */
export async function readServiceIndexJson(
	db: Database,
	reference: ReferenceData,
	options: { scope: Scope; period: Period; now: Instant; config?: ServiceIndexConfig }
): Promise<ServiceIndexJson> {
	const { scope, period, now } = options;
	const counts = await sqlServiceIndexCounts(db, reference, { scope, period, now });
	const estimate = estimateFromCounts(counts, options.config ?? DEFAULT_SERVICE_INDEX_CONFIG);
	return toServiceIndexJson(formatScope(scope), period, now, counts, estimate);
}
