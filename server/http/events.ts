import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import {
	eventBatchSchema,
	MAX_BODY_BYTES,
	MAX_EVENTS_PER_REQUEST,
	type IngestResult
} from '../../src/lib/contracts/ingest';
import type { AccessService } from '../access/access-service';
import type { ApiKeyRegistry } from '../access/api-keys';
import { IngestService, StorageUnavailableError } from '../ingest/ingest-service';
import { bearerToken } from './auth';
import { apiError } from './errors';
import { requestText } from './request-text';

const storageUnavailable = (c: Context) =>
	apiError(
		c,
		503,
		'storage_unavailable',
		'Storage is unavailable; nothing was stored. Retry later.'
	);

/** Parses a JSON `{events}` body or an NDJSON body into raw events; a string is the reason it is malformed. */
function parseBody(text: string, contentType: string): unknown[] | string {
	if (contentType.startsWith('application/x-ndjson')) {
		const events: unknown[] = [];
		const lines = text.split('\n');
		for (let i = 0; i < lines.length; i++) {
			if (lines[i].trim() === '') continue;
			try {
				events.push(JSON.parse(lines[i]));
			} catch {
				return `line ${i + 1} is not valid JSON`;
			}
		}
		return events;
	}
	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch {
		return 'the body is not valid JSON';
	}
	const batch = eventBatchSchema.safeParse(body);
	return batch.success ? batch.data.events : 'the body must be an object {"events": [...]}';
}

/** `POST /api/v1/events` (ARCHITECTURE §4.1). */
export function eventRoutes(deps: {
	ingest: IngestService;
	keys: ApiKeyRegistry;
	access: Pick<AccessService, 'ingestAllowed'>;
}) {
	const routes = new Hono();
	routes.post(
		'/api/v1/events',
		bodyLimit({
			maxSize: MAX_BODY_BYTES,
			onError: (c) =>
				apiError(c, 413, 'too_large', `A request may carry at most ${MAX_BODY_BYTES} bytes`)
		}),
		async (c) => {
			let grant;
			try {
				grant = await deps.keys.authenticate(bearerToken(c));
			} catch {
				// Checking the key reads Postgres: while it is away the answer is the contract's 503, not a 500.
				return storageUnavailable(c);
			}
			if (!grant)
				return apiError(
					c,
					401,
					'unauthorized',
					'A valid API key is required: Authorization: Bearer <key>'
				);
			const limit = await deps.access.ingestAllowed(grant.id);
			if (!limit.allowed) {
				c.header('Retry-After', String(limit.retryAfterS));
				return apiError(
					c,
					429,
					'rate_limited',
					`Too many requests for this API key; retry in ${limit.retryAfterS} s`
				);
			}
			const contentType = (c.req.header('content-type') ?? '').toLowerCase();
			if (
				!contentType.startsWith('application/json') &&
				!contentType.startsWith('application/x-ndjson')
			)
				return apiError(
					c,
					415,
					'unsupported_media_type',
					'Send application/json or application/x-ndjson'
				);
			const body = await requestText(c);
			if (!body.ok) return apiError(c, 400, 'malformed_body', `Nothing stored: ${body.error}`);
			const raw = parseBody(body.text, contentType);
			if (typeof raw === 'string')
				return apiError(c, 400, 'malformed_body', `Nothing stored: ${raw}`);
			if (raw.length > MAX_EVENTS_PER_REQUEST)
				return apiError(
					c,
					413,
					'too_many_events',
					`A request may carry at most ${MAX_EVENTS_PER_REQUEST} events; this one has ${raw.length}`
				);
			const checked = deps.ingest.check(raw, grant);
			let stored;
			try {
				stored = await deps.ingest.store(grant.id, checked.events);
			} catch (error) {
				if (error instanceof StorageUnavailableError) return storageUnavailable(c);
				throw error;
			}
			deps.keys.recordUse(grant, stored.accepted);
			const result: IngestResult = {
				accepted: stored.accepted,
				duplicates: stored.duplicates,
				rejected: checked.rejected
			};
			// Every event refused for the key's scope: the whole request was forbidden.
			const forbidden = raw.length > 0 && checked.outOfScope === raw.length;
			return c.json(result, forbidden ? 403 : 200);
		}
	);
	return routes;
}
