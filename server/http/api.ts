import { Hono } from 'hono';
import type { Logger } from 'pino';
import type { AccessService } from '../access/access-service';
import type { ApiKeyRegistry } from '../access/api-keys';
import type { DatabaseHandle } from '../db/client';
import type { IngestService } from '../ingest/ingest-service';
import type { Metrics } from '../metrics';
import type { RedisClient } from '../redis/client';
import { apiError } from './errors';
import { eventRoutes } from './events';
import { dvcqgRoutes } from './dvcqg';
import type { ReferenceData } from '../reference/reference-data';
import { openApiDocument } from '../../src/lib/contracts/openapi';
import { operationsRoutes } from './operations';
import { readRoutes } from './reads';
import type { SnapshotReader } from '../read/snapshot-reader';
import type { Aggregator } from '../jobs/aggregator';
import { apiSecurityHeaders } from './security-headers';

export interface ApiDeps {
	database: DatabaseHandle;
	redis?: RedisClient;
	metrics: Metrics;
	log: Logger;
	keys: ApiKeyRegistry;
	access: AccessService;
	ingest: IngestService;
	reference: ReferenceData;
	pseudonymise: (name: string) => string;
	aggregator: Aggregator;
	snapshots: SnapshotReader;
}

/** Paths answered by the REST API rather than by SvelteKit's pages. */
export const API_PATH = /^\/(?:api\/|healthz$|readyz$|metrics$)/;

/** The REST API and operations endpoints; routes stay thin: parse, call, answer. */
export function createApi(deps: ApiDeps): Hono {
	const api = new Hono();
	api.use('*', apiSecurityHeaders(deps.access.cookieSecure));
	api.route('/', operationsRoutes(deps));
	api.route('/', eventRoutes(deps));
	api.route('/', dvcqgRoutes(deps));
	api.route('/', readRoutes(deps));
	const openApi = openApiDocument('v1');
	api.get('/api/v1/openapi.json', (c) => c.json(openApi));
	api.notFound((c) =>
		apiError(c, 404, 'not_found', `No API route for ${c.req.method} ${c.req.path}`)
	);
	api.onError((error, c) => {
		deps.log.error({ err: error, path: c.req.path }, 'API request failed');
		return apiError(c, 500, 'internal', 'Internal error; the request may be retried');
	});
	return api;
}
