import { z } from 'zod';
import { dvcqgRequestSchema } from './dvcqg';
import { MAX_BODY_BYTES, MAX_EVENTS_PER_REQUEST, nativeEventSchema } from './ingest';
import {
	LIST_SORTS,
	LIST_STATUSES,
	MAX_LIST_LIMIT,
	MAX_PERIOD_DAYS,
	snapshotJsonSchema
} from './snapshot';
import { MAX_HOURLY_DAYS, SERIES_BUCKETS, seriesJsonSchema } from './series';
import { serviceIndexJsonSchema } from './service-index';

type JsonSchema = Record<string, unknown>;

/** JSON Schema of what the server answers. */
function outputSchema(schema: z.ZodType): JsonSchema {
	const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
		io: 'output',
		unrepresentable: 'any'
	}) as JsonSchema;
	return rest;
}

const query = (name: string, description: string, schema: JsonSchema, required = false) => ({
	name,
	in: 'query',
	required,
	description,
	schema
});
const scopeParameter = query(
	'scope',
	'national, province:<code> or ward:<code>; must lie inside the key’s scope',
	{ type: 'string' },
	true
);

/** JSON Schema of what a client sends (transforms are described by their input). */
function inputSchema(schema: z.ZodType): JsonSchema {
	const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
		io: 'input',
		unrepresentable: 'any'
	}) as JsonSchema;
	return rest;
}

const errorSchema: JsonSchema = {
	type: 'object',
	required: ['error'],
	properties: {
		error: {
			type: 'object',
			required: ['code', 'message'],
			properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} }
		}
	}
};

const ingestResultSchema: JsonSchema = {
	type: 'object',
	required: ['accepted', 'duplicates', 'rejected'],
	properties: {
		accepted: { type: 'integer', description: 'New events stored' },
		duplicates: {
			type: 'integer',
			description: 'Events already stored under the same (source, id)'
		},
		rejected: {
			type: 'array',
			items: {
				type: 'object',
				required: ['index', 'error'],
				properties: {
					index: { type: 'integer', description: 'Position of the event in the request' },
					id: { type: 'string' },
					error: { type: 'string', description: '"field: problem" for each problem' }
				}
			}
		}
	}
};

const error = (description: string) => ({
	description,
	content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } }
});

/** The OpenAPI 3.1 description of the v1 REST API, generated from the same zod schemas the server validates with. */
/** Reads accept any of these (ARCHITECTURE §4.4): a key, a display token, or a browser's session. */
const READERS = [{ apiKey: [] }, { displayToken: [] }, { session: [] }];

export function openApiDocument(version: string) {
	return {
		openapi: '3.1.0',
		info: {
			title: 'Một Cửa Live API',
			version,
			description:
				'Live supervision of one-stop public service centres. Timestamps are RFC 3339 with an offset on input and UTC ISO strings on output. Scopes: national, province:<code>, ward:<code>.'
		},
		servers: [{ url: '/' }],
		components: {
			securitySchemes: {
				apiKey: { type: 'http', scheme: 'bearer', description: 'A connector API key (mcl_…)' },
				displayToken: {
					type: 'http',
					scheme: 'bearer',
					description: 'A wall display’s read-only token (mcd_…)'
				},
				session: {
					type: 'apiKey',
					in: 'cookie',
					name: 'mcl_session',
					description: 'A signed-in person’s session (browsers)'
				}
			},
			schemas: {
				Error: errorSchema,
				NativeEvent: inputSchema(nativeEventSchema),
				IngestResult: ingestResultSchema,
				DvcqgRequest: inputSchema(dvcqgRequestSchema),
				Snapshot: outputSchema(snapshotJsonSchema),
				Series: outputSchema(seriesJsonSchema),
				ServiceIndex: outputSchema(serviceIndexJsonSchema)
			}
		},
		paths: {
			'/api/v1/events': {
				post: {
					operationId: 'postEvents',
					summary: 'Send native dossier events',
					description: `At most ${MAX_EVENTS_PER_REQUEST} events or ${MAX_BODY_BYTES} bytes per request. Valid events are stored even when others are rejected; the answer is sent only after they are committed. Resending an event (same source and id) is harmless.`,
					security: [{ apiKey: [] }],
					requestBody: {
						required: true,
						content: {
							'application/json': {
								schema: {
									type: 'object',
									required: ['events'],
									properties: {
										events: {
											type: 'array',
											maxItems: MAX_EVENTS_PER_REQUEST,
											items: { $ref: '#/components/schemas/NativeEvent' }
										}
									}
								}
							},
							'application/x-ndjson': {
								schema: { $ref: '#/components/schemas/NativeEvent' },
								description: 'One event per line'
							}
						}
					},
					responses: {
						'200': {
							description: 'Stored',
							content: {
								'application/json': { schema: { $ref: '#/components/schemas/IngestResult' } }
							}
						},
						'400': error('Malformed body; nothing stored'),
						'401': error('No API key, or an unknown or revoked one'),
						'403': {
							description: 'Every event is for a ward outside the key’s scope (listed in rejected)',
							content: {
								'application/json': { schema: { $ref: '#/components/schemas/IngestResult' } }
							}
						},
						'413': error(`More than ${MAX_EVENTS_PER_REQUEST} events or ${MAX_BODY_BYTES} bytes`),
						'415': error('Neither application/json nor application/x-ndjson'),
						'429': error(
							'Too many requests for this key (INGEST_RATE_LIMIT a minute); see Retry-After'
						),
						'503': error('Storage unavailable; nothing stored; safe to retry')
					}
				}
			},
			'/api/v1/dvcqg': {
				post: {
					operationId: 'postDvcqg',
					summary: 'DVCQG-compatible sync (DongBoHoSoMC, CapNhatTienDoHoSoMC)',
					description:
						'The same body a one-door system sends to the national public service portal, with DVCQG field names and yyyyMMddHHmmss dates in Vietnam time. Personal data in the payload is dropped at the door and never stored. Replies in the portal’s shape, per item.',
					security: [{ apiKey: [] }],
					requestBody: {
						required: true,
						content: {
							'application/json': { schema: { $ref: '#/components/schemas/DvcqgRequest' } }
						}
					},
					responses: {
						'200': {
							description: 'Per-item result; error_code "00" when the request was processed',
							content: {
								'application/json': {
									schema: {
										type: 'object',
										required: ['error_code', 'message'],
										properties: {
											error_code: { type: 'string' },
											message: { type: 'string' },
											result: {
												type: 'array',
												items: {
													type: 'object',
													properties: {
														MaHoSo: { type: 'string' },
														error_code: { type: 'string' },
														message: { type: 'string' }
													}
												}
											}
										}
									}
								}
							}
						},
						'401': { description: 'No valid API key (portal-shaped reply)' },
						'413': { description: 'Too large (portal-shaped reply)' },
						'429': {
							description: 'Too many requests for this key; see Retry-After (portal-shaped)'
						},
						'503': { description: 'Storage unavailable; nothing stored (portal-shaped reply)' }
					}
				}
			},
			'/api/v1/snapshot': {
				get: {
					operationId: 'getSnapshot',
					summary:
						'Figures of a scope for a period (received, resolved, in progress, stages, children)',
					description: `Period in Vietnam calendar dates, both inclusive, at most ${MAX_PERIOD_DAYS} days; defaults to today. In-progress figures are as of the end of the period, or now for a period that includes today. Rates are fractions in [0, 1] or null.`,
					security: READERS,
					parameters: [
						scopeParameter,
						query('from', 'YYYY-MM-DD', { type: 'string', format: 'date' }),
						query('to', 'YYYY-MM-DD', { type: 'string', format: 'date' })
					],
					responses: {
						'200': {
							description: 'The snapshot',
							content: { 'application/json': { schema: { $ref: '#/components/schemas/Snapshot' } } }
						},
						'400': error('A query parameter is invalid (named in details.parameter)'),
						'401': error('No valid API key, display token or session'),
						'403': error('The scope is outside the reader’s scopes')
					}
				}
			},
			'/api/v1/service-index': {
				get: {
					operationId: 'getServiceIndex',
					summary: 'ESTIMATE of the national service index (Decision 766/QĐ-TTg) from dossier data',
					description: `An estimate, always (estimate: true): the portal's split of points inside each group is not public. Per group: the rate behind it (fraction in [0, 1]), points and maxPoints; rate and points are null when dossiers cannot tell (publicity, always; others without data). points is out of maxPoints, the estimable groups' weights. The counts it came from are included. Period as for the snapshot (defaults to today, at most ${MAX_PERIOD_DAYS} days); measured at the end of the period, or now for a period that includes today.`,
					security: READERS,
					parameters: [
						scopeParameter,
						query('from', 'YYYY-MM-DD', { type: 'string', format: 'date' }),
						query('to', 'YYYY-MM-DD', { type: 'string', format: 'date' })
					],
					responses: {
						'200': {
							description: 'The estimate',
							content: {
								'application/json': { schema: { $ref: '#/components/schemas/ServiceIndex' } }
							}
						},
						'400': error('A query parameter is invalid (named in details.parameter)'),
						'401': error('No valid API key, display token or session'),
						'403': error('The scope is outside the reader’s scopes')
					}
				}
			},
			'/api/v1/series': {
				get: {
					operationId: 'getSeries',
					summary: 'Dossiers received and resolved per hour or per day of a period (a trend chart)',
					description: `Buckets in Vietnam time, every one of the period present (zeros included), in order; buckets after asOf are marked future. The points add up to the snapshot's received.total and resolved.total for the same scope and period. Period as for the snapshot (defaults to today, at most ${MAX_PERIOD_DAYS} days); hour buckets for at most ${MAX_HOURLY_DAYS} days.`,
					security: READERS,
					parameters: [
						scopeParameter,
						query('from', 'YYYY-MM-DD', { type: 'string', format: 'date' }),
						query('to', 'YYYY-MM-DD', { type: 'string', format: 'date' }),
						query('bucket', 'hour (default for one day) or day (default otherwise)', {
							type: 'string',
							enum: [...SERIES_BUCKETS]
						})
					],
					responses: {
						'200': {
							description: 'The series',
							content: { 'application/json': { schema: { $ref: '#/components/schemas/Series' } } }
						},
						'400': error('A query parameter is invalid (named in details.parameter)'),
						'401': error('No valid API key, display token or session'),
						'403': error('The scope is outside the reader’s scopes')
					}
				}
			},
			'/api/v1/dossiers': {
				get: {
					operationId: 'listDossiers',
					summary: 'Paged dossier lists (open, overdue, due soon, resolved) without personal data',
					security: READERS,
					parameters: [
						scopeParameter,
						query('status', 'Which dossiers', { type: 'string', enum: [...LIST_STATUSES] }),
						query('stage', 'Only this stage', { type: 'string' }),
						query('field', 'Only this field (unknown: no field)', { type: 'string' }),
						query('sort', 'Order; ties broken by code', { type: 'string', enum: [...LIST_SORTS] }),
						query('cursor', 'nextCursor of the previous page', { type: 'string' }),
						query('limit', `1–${MAX_LIST_LIMIT}`, {
							type: 'integer',
							minimum: 1,
							maximum: MAX_LIST_LIMIT
						})
					],
					responses: {
						'200': { description: '{items, nextCursor}' },
						'400': error('A query parameter is invalid'),
						'401': error('No valid API key, display token or session'),
						'403': error('The scope is outside the reader’s scopes')
					}
				}
			},
			'/api/v1/dossiers/{code}': {
				get: {
					operationId: 'getDossier',
					summary: 'A dossier’s current state and its event timeline',
					security: READERS,
					parameters: [{ name: 'code', in: 'path', required: true, schema: { type: 'string' } }],
					responses: {
						'200': { description: 'State and timeline' },
						'401': error('No valid API key, display token or session'),
						'404': error('Unknown, or outside the reader’s scopes')
					}
				}
			},
			'/healthz': {
				get: {
					operationId: 'health',
					summary: 'The process is up',
					responses: { '200': { description: 'Up' } }
				}
			},
			'/readyz': {
				get: {
					operationId: 'ready',
					summary: 'Database and Redis reachable',
					responses: {
						'200': { description: 'Ready' },
						'503': { description: 'A dependency is down; the failing check is named' }
					}
				}
			},
			'/metrics': {
				get: {
					operationId: 'metrics',
					summary: 'Prometheus metrics',
					responses: { '200': { description: 'Prometheus text format' } }
				}
			},
			'/api/v1/openapi.json': {
				get: {
					operationId: 'openapi',
					summary: 'This document',
					responses: { '200': { description: 'OpenAPI 3.1' } }
				}
			}
		}
	};
}

export type OpenApiDocument = ReturnType<typeof openApiDocument>;
