import {
	dossierListQuerySchema,
	type DossierListPage,
	type SnapshotJson
} from '../../contracts/snapshot';
import { formatScope, type Scope } from '../../contracts/scope';
import type { Instant } from '../../domain/calendar/vn-time';
import type { Period } from '../../domain/period';
import { listDossiers } from '../../../../server/read/dossier-lists';
import { services } from '../services';

/**
 * What the dashboard pages read about a scope, in one place: access control (issue #8) checks the reader's grant
 * here, as the REST API does in server/http/reads.ts. Today every page is public, like the home page.
 */

/** The scope's snapshot for the period (ARCHITECTURE §4.3): from the live store, else SQL. */
export async function readScopeSnapshot(
	scope: Scope,
	period: Period,
	now: Instant
): Promise<SnapshotJson> {
	return services().snapshots.read(scope, period, now);
}

/** The first `limit` overdue or due-soon dossiers of the scope at `now`, soonest due date first. */
export async function listScopeDossiers(
	scope: Scope,
	status: 'overdue' | 'dueSoon',
	now: Instant,
	limit = 50
): Promise<DossierListPage> {
	const { db, reference } = services();
	const query = dossierListQuerySchema.parse({ scope: formatScope(scope), status, limit });
	return listDossiers(db, reference, query, now);
}
