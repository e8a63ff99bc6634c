import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { DVCQG_ERROR_CODES, type DvcqgReply } from '../../src/lib/contracts/dvcqg';
import { MAX_BODY_BYTES } from '../../src/lib/contracts/ingest';
import type { AccessService } from '../access/access-service';
import type { ApiKeyRegistry } from '../access/api-keys';
import {
	buildDvcqgReply,
	dossierCodesOf,
	dvcqgFailureReply,
	translateDvcqgRequest,
	type DvcqgItemOutcome
} from '../ingest/dvcqg';
import { IngestService, StorageUnavailableError } from '../ingest/ingest-service';
import type { ReferenceData } from '../reference/reference-data';
import { bearerToken } from './auth';
import { requestText } from './request-text';

const fail = (c: Context, status: 400 | 401 | 413 | 429 | 503, reply: DvcqgReply) =>
	c.json(reply, status);

/**
 * `POST /api/v1/dvcqg` (ARCHITECTURE §4.2): the national portal's sync body, translated into native events
 * by comparing each snapshot with the stored dossier, stored in one transaction, answered per item.
 */
export function dvcqgRoutes(deps: {
	ingest: IngestService;
	keys: ApiKeyRegistry;
	access: Pick<AccessService, 'ingestAllowed'>;
	reference: ReferenceData;
	pseudonymise: (name: string) => string;
}) {
	const routes = new Hono();
	routes.post(
		'/api/v1/dvcqg',
		bodyLimit({
			maxSize: MAX_BODY_BYTES,
			onError: (c) =>
				fail(
					c,
					413,
					dvcqgFailureReply(
						DVCQG_ERROR_CODES.tooLarge,
						`At most ${MAX_BODY_BYTES} bytes per request`
					)
				)
		}),
		async (c) => {
			let grant;
			try {
				grant = await deps.keys.authenticate(bearerToken(c));
			} catch {
				// Checking the key reads Postgres: while it is away the portal's "unavailable", not a 500.
				return fail(
					c,
					503,
					dvcqgFailureReply(DVCQG_ERROR_CODES.unavailable, 'Storage is unavailable; nothing stored')
				);
			}
			if (!grant)
				return fail(
					c,
					401,
					dvcqgFailureReply(DVCQG_ERROR_CODES.unauthorised, 'A valid API key is required')
				);
			const limit = await deps.access.ingestAllowed(grant.id);
			if (!limit.allowed) {
				c.header('Retry-After', String(limit.retryAfterS));
				return fail(
					c,
					429,
					dvcqgFailureReply(
						DVCQG_ERROR_CODES.unavailable,
						`Too many requests for this API key; retry in ${limit.retryAfterS} s`
					)
				);
			}
			const text = await requestText(c);
			if (!text.ok)
				return fail(
					c,
					400,
					dvcqgFailureReply(DVCQG_ERROR_CODES.invalid, `Nothing stored: ${text.error}`)
				);
			let body: unknown;
			try {
				body = JSON.parse(text.text);
			} catch {
				return fail(
					c,
					400,
					dvcqgFailureReply(DVCQG_ERROR_CODES.invalid, 'The body is not valid JSON; nothing stored')
				);
			}
			let translated;
			try {
				translated = translateDvcqgRequest(body, {
					isWardCode: (code) => deps.reference.isWard(code),
					unitWards: deps.reference.unitWards,
					keyWard: grant.scope.kind === 'ward' ? grant.scope.code : undefined,
					storedStates: await deps.ingest.storedStates(dossierCodesOf(body)),
					pseudonymise: deps.pseudonymise
				});
			} catch {
				// Only reading the stored states can fail here: translation itself is pure.
				return fail(
					c,
					503,
					dvcqgFailureReply(DVCQG_ERROR_CODES.unavailable, 'Storage is unavailable; nothing stored')
				);
			}
			if (!translated.ok)
				return fail(
					c,
					400,
					dvcqgFailureReply(DVCQG_ERROR_CODES.invalid, `Nothing stored: ${translated.error}`)
				);

			const outcomes: DvcqgItemOutcome[] = [];
			const allowed = [];
			for (const item of translated.items) {
				if ('error' in item) {
					outcomes.push({ MaHoSo: item.MaHoSo, error: item.error });
					continue;
				}
				const ahead = deps.ingest.aheadOfClock(item.events);
				if (ahead !== null) outcomes.push({ MaHoSo: item.MaHoSo, error: ahead });
				else if (item.ward !== undefined && !deps.ingest.allows(grant, item.ward))
					outcomes.push({
						MaHoSo: item.MaHoSo,
						code: DVCQG_ERROR_CODES.forbidden,
						error: `This API key may not sync dossiers of ward ${item.ward}`
					});
				else {
					outcomes.push({ MaHoSo: item.MaHoSo });
					allowed.push({ item, outcome: outcomes.at(-1)! });
				}
			}
			let stored;
			try {
				stored = await deps.ingest.store(
					grant.id,
					allowed.flatMap(({ item }) => item.events)
				);
			} catch (error) {
				if (error instanceof StorageUnavailableError)
					return fail(
						c,
						503,
						dvcqgFailureReply(
							DVCQG_ERROR_CODES.unavailable,
							'Storage is unavailable; nothing stored; retry'
						)
					);
				throw error;
			}
			for (const { item, outcome } of allowed) {
				outcome.accepted = item.events.filter((e) => stored.acceptedIds.has(e.id)).length;
				outcome.duplicates = item.events.length - outcome.accepted;
			}
			deps.keys.recordUse(grant, stored.accepted);
			return c.json(buildDvcqgReply(outcomes));
		}
	);
	return routes;
}
