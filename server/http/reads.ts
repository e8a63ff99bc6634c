import { Hono, type Context } from 'hono';
import type { z } from 'zod';
import { dossierListQuerySchema, snapshotQuerySchema } from '../../src/lib/contracts/snapshot';
import { formatScope, type Scope } from '../../src/lib/contracts/scope';
import { seriesQuerySchema } from '../../src/lib/contracts/series';
import { vnDateOf, type Instant } from '../../src/lib/domain/calendar/vn-time';
import type { AccessService } from '../access/access-service';
import type { Principal } from '../access/policy';
import type { DatabaseHandle } from '../db/client';
import { dossierDetail } from '../read/dossier-detail';
import { BadCursorError, listDossiers } from '../read/dossier-lists';
import { sqlIntakeSeries } from '../read/series.sql';
import { readServiceIndexJson } from '../read/service-index-reader';
import type { SnapshotReader } from '../read/snapshot-reader';
import type { ReferenceData } from '../reference/reference-data';
import { credentialsOf } from './auth';
import { apiError } from './errors';

export interface ReadDeps {
	database: DatabaseHandle;
	access: AccessService;
	reference: ReferenceData;
	snapshots: SnapshotReader;
	/** The clock (tests pass a fixed one). */
	now?: () => Instant;
}

/**
 * The reader of a request: `Authorization: Bearer` with an API key or a display token, else a browser's session
 * or display cookie; null is a 401.
 */
export async function readerOf(c: Context, access: AccessService): Promise<Principal | null> {
	return (await access.authenticate(credentialsOf(c)))?.principal ?? null;
}

/** A 400 naming the first bad query parameter. */
function badQuery(c: Context, error: z.ZodError) {
	const issue = error.issues[0];
	const parameter = String(issue?.path[0] ?? 'query');
	return apiError(c, 400, 'invalid_query', `${parameter}: ${issue?.message ?? 'invalid'}`, {
		parameter
	});
}

const unauthorized = (c: Context) =>
	apiError(
		c,
		401,
		'unauthorized',
		'Sign in, or present an API key or display token: Authorization: Bearer <token>'
	);

/**
 * `GET /api/v1/snapshot`, `GET /api/v1/series`, `GET /api/v1/service-index`, `GET /api/v1/dossiers`,
 * `GET /api/v1/dossiers/{code}` (ARCHITECTURE §4.3).
 */
export function readRoutes(deps: ReadDeps) {
	const routes = new Hono();
	const clock = deps.now ?? Date.now;
	const db = deps.database.db;
	const adminUnits = () => deps.snapshots.adminUnits();

	/** Authenticates, then checks the scope exists and lies inside the reader's: 401, 400 or 403, else null. */
	const refuse = async (c: Context, reader: Principal | null, scope: Scope) => {
		if (!reader) return unauthorized(c);
		const known = await adminUnits();
		if (!known.exists(scope)) {
			return apiError(c, 400, 'invalid_query', `scope: no such unit ${formatScope(scope)}`, {
				parameter: 'scope'
			});
		}
		if (!deps.access.allows(reader, 'read', scope)) {
			return apiError(
				c,
				403,
				'forbidden',
				`This ${reader.kind === 'user' ? 'account' : 'credential'} may read ${reader.scopes.map(formatScope).join(', ') || 'nothing'}, not ${formatScope(scope)}`
			);
		}
		return null;
	};

	routes.get('/api/v1/snapshot', async (c) => {
		const reader = await readerOf(c, deps.access);
		if (!reader) return unauthorized(c);
		const now = clock();
		const parsed = snapshotQuerySchema(vnDateOf(now)).safeParse(c.req.query());
		if (!parsed.success) return badQuery(c, parsed.error);
		const { scope, period } = parsed.data;
		const refused = await refuse(c, reader, scope);
		if (refused) return refused;
		return c.json(await deps.snapshots.read(scope, period, now));
	});

	// Intake against resolved per hour or day; checked exactly like the snapshot it must add up to.
	routes.get('/api/v1/series', async (c) => {
		const reader = await readerOf(c, deps.access);
		if (!reader) return unauthorized(c);
		const now = clock();
		const parsed = seriesQuerySchema(vnDateOf(now)).safeParse(c.req.query());
		if (!parsed.success) return badQuery(c, parsed.error);
		const { scope, period, bucket } = parsed.data;
		const refused = await refuse(c, reader, scope);
		if (refused) return refused;
		return c.json(await sqlIntakeSeries(db, { scope, period, bucket, now }));
	});

	// The Decision 766 estimate; the snapshot's period parameters and checks, counted by SQL.
	routes.get('/api/v1/service-index', async (c) => {
		const reader = await readerOf(c, deps.access);
		if (!reader) return unauthorized(c);
		const now = clock();
		const parsed = snapshotQuerySchema(vnDateOf(now)).safeParse(c.req.query());
		if (!parsed.success) return badQuery(c, parsed.error);
		const { scope, period } = parsed.data;
		const refused = await refuse(c, reader, scope);
		if (refused) return refused;
		return c.json(await readServiceIndexJson(db, deps.reference, { scope, period, now }));
	});

	routes.get('/api/v1/dossiers', async (c) => {
		const reader = await readerOf(c, deps.access);
		if (!reader) return unauthorized(c);
		const parsed = dossierListQuerySchema.safeParse(c.req.query());
		if (!parsed.success) return badQuery(c, parsed.error);
		const refused = await refuse(c, reader, parsed.data.scope);
		if (refused) return refused;
		try {
			return c.json(await listDossiers(db, deps.reference, parsed.data, clock()));
		} catch (error) {
			if (error instanceof BadCursorError) {
				return apiError(c, 400, 'invalid_query', `cursor: ${error.message}`, {
					parameter: 'cursor'
				});
			}
			throw error;
		}
	});

	routes.get('/api/v1/dossiers/:code', async (c) => {
		const reader = await readerOf(c, deps.access);
		if (!reader) return unauthorized(c);
		const code = c.req.param('code');
		const detail =
			code.length > 128
				? null
				: await dossierDetail(
						db,
						deps.reference,
						code,
						(ward) => deps.access.allowsWard(reader, 'read', ward),
						clock()
					);
		if (!detail)
			return apiError(c, 404, 'not_found', `No dossier ${code.slice(0, 128)} within your scope`);
		return c.json(detail);
	});

	return routes;
}
