import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NativeEventInput } from '../../src/lib/contracts/ingest';
import { messages } from '../../src/lib/i18n/messages';
import { MAX_BODY_BYTES, MAX_EVENTS_PER_REQUEST } from '../../src/lib/contracts/ingest';
import type { LiveAck, ScopeSubscribed } from '../../src/lib/contracts/socket-events';
import { csrfOf, openLive, signIn } from '../support/access';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { TEST_REDIS_URL } from '../support/env';
import { batchOf, killAll, SIZE, startServer } from '../support/faults';
import { snapshotDifferences } from '../support/live';
import { snapshotApi } from '../support/oracle';
import { ensurePagesBuilt } from '../support/pages';
import { createApiKey, ROOT, runCli, type RunningProcess } from '../support/process';
import { deleteRedisKeys } from '../support/redis';

/** One seed per run, printed on failure, so a failing body can be generated again (FAULTS_SEED=…). */
const SEED = Number(process.env.FAULTS_SEED ?? Date.now() % 2_147_483_647);
/** Bodies per surface, quick size; `FAULTS_SIZE=long` multiplies them. */
const RUNS = {
	events: 4_000 * SIZE.hostileRuns,
	dvcqg: 2_500 * SIZE.hostileRuns,
	login: 600 * SIZE.hostileRuns,
	admin: 1_500 * SIZE.hostileRuns,
	socket: 1_500 * SIZE.hostileRuns
};
const CONCURRENCY = 4;
const ADMIN = { email: 'quantri@faults.test', password: 'mat-khau-quan-tri-du-dai' };

const sample = <T>(arb: fc.Arbitrary<T>, runs: number): T[] =>
	fc.sample(arb, { numRuns: runs, seed: SEED });

/**
 * Runs `send` over every item with a few at a time; collects what was not a refusal. A request whose connection
 * fails is sent once more (`againOnce`): another worker's oversized request, refused with 413 before its body is
 * read, closes the pooled connection it may share. An input that breaks the connection itself fails twice.
 */
async function sendAll<T>(
	items: readonly T[],
	send: (item: T) => Promise<string | null>
): Promise<{ sent: number; failures: { item: T; why: string }[] }> {
	const failures: { item: T; why: string }[] = [];
	let next = 0;
	const worker = async () => {
		while (next < items.length) {
			const item = items[next++];
			const why = await againOnce(() => send(item)).catch(
				(error: Error) => `request failed: ${error.message}`
			);
			if (why !== null) failures.push({ item, why });
		}
	};
	await Promise.all(Array.from({ length: CONCURRENCY }, worker));
	return { sent: items.length, failures };
}

/** A short printable form of a failing input for the report. */
const show = (value: unknown) => {
	const text =
		typeof value === 'string'
			? value
			: JSON.stringify(value, (_k, v) => (v instanceof Blob ? `<${v.size} bytes>` : v));
	return (text ?? String(value)).slice(0, 300);
};

/**
 * A read tried again once if its pooled keep-alive connection was closed under it: the server closes the
 * connection of a request it refused with 413 before reading its body. A server that is down fails twice.
 */
async function againOnce<T>(read: () => Promise<T>): Promise<T> {
	try {
		return await read();
	} catch {
		return read();
	}
}

let unique = 0;
/** A valid event nobody sent before: if a refused request stored it, the counts would show it. */
function validEvent(ward = '16681'): NativeEventInput {
	const code = `HOSTILE-${SEED}-${unique++}`;
	return {
		id: `${code}:r`,
		type: 'received',
		dossier: code,
		ward,
		at: new Date(Date.now() - 60_000).toISOString(),
		procedure: '1.001612',
		channel: 'online'
	};
}

const junkString = fc.oneof(
	fc.string(),
	fc.string({ unit: 'binary' }),
	fc.string({ unit: 'grapheme', maxLength: 40 }),
	fc.constantFrom('', ' ', '\u0000', 'a\u0000b', '\ud800', '💥'.repeat(100), 'x'.repeat(10_000))
);
const wrongType = fc.oneof(
	fc.integer(),
	fc.double(),
	fc.boolean(),
	fc.constant(null),
	fc.array(fc.string(), { maxLength: 3 }),
	fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 })
);

/** Ways to make one event certainly invalid: each breaks a rule of ARCHITECTURE §4.1. */
const corruptions: fc.Arbitrary<(event: Record<string, unknown>) => void>[] = [
	wrongType.map((v) => (e) => void (e.id = v)),
	fc.constantFrom('', ' ', 'x'.repeat(129), 'a\u0000b').map((v) => (e) => void (e.id = v)),
	fc.constantFrom('a\u0000b', '\u0000').map((v) => (e) => void (e.dossier = v)),
	junkString.filter((s) => !EVENT_TYPES.has(s)).map((v) => (e) => void (e.type = v)),
	wrongType.map((v) => (e) => void (e.type = v)),
	junkString.filter((s) => !/^\d{5}$/.test(s)).map((v) => (e) => void (e.ward = v)),
	fc.constantFrom('99999', '00000', '12345').map((v) => (e) => void (e.ward = v)),
	fc
		.oneof(junkString, fc.constantFrom('2026-05-20', '2026-05-20T10:00:00', '20261111093000'))
		.map((v) => (e) => void (e.at = v)),
	wrongType.map((v) => (e) => void (e.at = v)),
	fc.constant((e: Record<string, unknown>) => void delete e.procedure),
	fc.constant((e: Record<string, unknown>) => void delete e.id),
	junkString
		.filter((s) => !['direct', 'online', 'postal'].includes(s))
		.map((v) => (e) => void (e.channel = v)),
	fc.constant((e: Record<string, unknown>) => void (e.reason = 'r'.repeat(2_001))),
	wrongType.filter((v) => typeof v !== 'boolean').map((v) => (e) => void (e.paidOnline = v)),
	fc.constant((e: Record<string, unknown>) => {
		e.type = 'stage_changed';
		e.stage = 'nowhere';
	})
];
const EVENT_TYPES = new Set([
	'submitted',
	'received',
	'not_accepted',
	'stage_changed',
	'supplement_requested',
	'supplement_received',
	'fee_requested',
	'fee_paid',
	'due_extended',
	'withdrawn',
	'stopped',
	'resumed',
	'completed',
	'returned',
	'rated'
]);
const corruptEvent = fc
	.array(fc.oneof(...corruptions), { minLength: 1, maxLength: 3 })
	.map((breaks) => () => {
		const event = validEvent() as unknown as Record<string, unknown>;
		for (const corrupt of breaks) corrupt(event);
		return event;
	});

/** Bytes that are not UTF-8 (a lone continuation byte, an overlong form, a truncated sequence, 0xFF). */
const invalidUtf8 = fc
	.constantFrom([0x80], [0xc0, 0xaf], [0xe2, 0x82], [0xff], [0xed, 0xa0, 0x80])
	.map((bytes) => [...bytes]);
/** A JSON body with raw invalid bytes spliced into one of its strings. */
function withInvalidBytes(json: string, bytes: readonly number[], at: number): Blob {
	const quote = json.indexOf('"', Math.min(at, json.length - 1)) + 1 || 2;
	const head = Buffer.from(json.slice(0, quote));
	const tail = Buffer.from(json.slice(quote));
	return new Blob([head, Buffer.from(bytes), tail]);
}

const notOurContentType = fc
	.oneof(
		fc.constantFrom(
			'text/plain',
			'application/xml',
			'multipart/form-data; boundary=x',
			'application/x-www-form-urlencoded',
			'application/octet-stream',
			'text/json'
		),
		fc.string({ minLength: 1, maxLength: 40 })
	)
	.filter((type) => {
		const t = type.trim().toLowerCase();
		return t !== '' && !t.startsWith('application/json') && !t.startsWith('application/x-ndjson');
	});

/** An HTTP request a hostile client could send, and the refusal it must get. */
interface Hostile {
	kind: string;
	headers: Record<string, string>;
	body: string | Blob;
	/** 'each': a well-formed batch whose every event is invalid, refused one by one (the contract's 200). */
	refusal: 'whole' | 'each';
	events?: number;
}

describe('hostile input: every write endpoint and socket message refuses junk and changes nothing', () => {
	let database: TestDatabase;
	let base = '';
	const prefix = `mclfault${randomBytes(3).toString('hex')}`;
	const processes: RunningProcess[] = [];
	const keys = { national: '', ward: '' };
	let admin = { cookie: '', csrf: '' };
	let sql: postgres.Sql;
	let before: Awaited<ReturnType<typeof state>>;

	/** Everything a refused request must leave as it was: row counts, the audit trail's changes, live figures. */
	async function state() {
		const [counts] = await sql`
			select (select count(*)::int from dossiers) as dossiers,
			       (select count(*)::int from dossier_events) as events,
			       (select count(*)::int from users) as users,
			       (select count(*)::int from users where disabled_at is not null) as disabled,
			       (select count(*)::int from api_keys where revoked_at is null) as keys,
			       (select count(*)::int from display_tokens) as displays,
			       (select count(*)::int from access_grants) as grants,
			       (select count(*)::int from procedures) as procedures,
			       (select count(*)::int from calendar_days) as calendar,
			       (select count(*)::int from unit_wards) as units,
			       (select count(*)::int from audit_log
			          where action not like 'login.%' and action <> 'apikey.use') as changes`;
		const snapshots = await Promise.all(
			['national', 'province:40', 'ward:16681'].map((scope) =>
				againOnce(() => snapshotApi(base, keys.national, scope))
			)
		);
		return { counts, snapshots };
	}

	/** The server is up and nothing changed since the start. */
	async function expectUnchanged() {
		expect((await againOnce(() => fetch(`${base}/healthz`))).status).toBe(200);
		const now = await state();
		expect(now.counts).toEqual(before.counts);
		for (const [i, snapshot] of now.snapshots.entries())
			expect(snapshotDifferences(snapshot, before.snapshots[i])).toEqual([]);
	}

	const report = (surface: string, result: Awaited<ReturnType<typeof sendAll>>) =>
		expect({
			surface,
			seed: SEED,
			failures: result.failures.slice(0, 5).map((f) => ({ why: f.why, input: show(f.item) }))
		}).toEqual({ surface, seed: SEED, failures: [] });

	beforeAll(async () => {
		ensurePagesBuilt();
		database = await createTestDatabase();
		sql = postgres(database.url, { max: 2, onnotice: () => {} });
		const env = {
			DATABASE_URL: database.url,
			REDIS_URL: TEST_REDIS_URL,
			REDIS_KEY_PREFIX: prefix,
			INGEST_RATE_LIMIT: '1000000'
		};
		keys.national = (await createApiKey(env, 'hostile-national', 'national')).key;
		keys.ward = (await createApiKey(env, 'hostile-ward', 'ward:16681')).key;
		const created = await runCli(env, [
			'user',
			'create',
			'--email',
			ADMIN.email,
			'--role',
			'admin',
			'--password',
			ADMIN.password
		]);
		expect(created.code).toBe(0);
		const server = await startServer(env);
		processes.push(server.process);
		base = server.base;
		// Some real figures, so that "unchanged" compares counts that are not all zero.
		const seeded = await fetch(`${base}/api/v1/events`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: `Bearer ${keys.national}` },
			body: JSON.stringify({ events: batchOf('HOSTILE-SEED', 0) })
		});
		expect(seeded.status).toBe(200);
		const { cookie } = await signIn(base, ADMIN.email, ADMIN.password);
		admin = { cookie: cookie!, csrf: await csrfOf(base, cookie!, '/admin/users') };
		// The aggregator has applied the seed once the outbox is empty.
		for (let i = 0; i < 100; i++) {
			const [{ n }] = await sql`select count(*)::int as n from dossier_changes`;
			if (n === 0) break;
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
		before = await state();
		expect(before.counts.dossiers).toBe(SIZE.batchDossiers);
	});

	afterAll(async () => {
		await killAll(processes);
		await sql?.end();
		await database?.drop();
		await deleteRedisKeys(prefix);
	});

	/** Sends one hostile request to an ingest endpoint and says what was wrong with the answer, if anything. */
	async function ingestRefusal(
		path: string,
		request: Hostile,
		refused: (status: number, body: unknown, request: Hostile) => string | null
	): Promise<string | null> {
		const response = await fetch(`${base}${path}`, {
			method: 'POST',
			headers: request.headers,
			body: request.body
		});
		const text = await response.text();
		let body: unknown = null;
		try {
			body = JSON.parse(text);
		} catch {
			return `${response.status} without a JSON answer: ${text.slice(0, 100)}`;
		}
		return refused(response.status, body, request);
	}

	it('POST /api/v1/events: malformed, mistyped, wrongly encoded, oversized and out-of-scope bodies', async () => {
		const auth = { authorization: `Bearer ${keys.national}` };
		const json = { ...auth, 'content-type': 'application/json' };
		const batch = () => JSON.stringify({ events: [validEvent()] });
		const arb: fc.Arbitrary<() => Hostile> = fc.oneof(
			// Not JSON, or JSON that is not {"events": [...]}.
			fc
				.oneof(
					junkString,
					fc.jsonValue().map((v) => JSON.stringify(v))
				)
				.filter((text) => {
					try {
						return !Array.isArray((JSON.parse(text) as { events?: unknown })?.events);
					} catch {
						return true;
					}
				})
				.map((text) => () => ({
					kind: 'malformed',
					headers: json,
					body: text,
					refusal: 'whole' as const
				})),
			// Not an array (an empty array is a valid, empty batch; one of junk is refused event by event).
			fc
				.oneof(wrongType, junkString)
				.filter((events) => !Array.isArray(events))
				.map((events) => () => ({
					kind: 'events of the wrong type',
					headers: json,
					body: JSON.stringify({ events }),
					refusal: 'whole' as const
				})),
			// A valid event, but bytes that are not UTF-8 inside it.
			fc.tuple(invalidUtf8, fc.nat({ max: 200 })).map(([bytes, at]) => () => ({
				kind: 'invalid UTF-8',
				headers: json,
				body: withInvalidBytes(batch(), bytes, at),
				refusal: 'whole' as const
			})),
			// A valid batch under a content type that is not ours.
			notOurContentType.map((type) => () => ({
				kind: 'content type',
				headers: { ...auth, 'content-type': type },
				body: batch(),
				refusal: 'whole' as const
			})),
			// A valid batch without a valid key.
			fc
				.oneof(
					fc.constant(undefined),
					fc.string({ maxLength: 60 }).map((s) => `Bearer ${s.trim() || 'x'}`),
					fc.string({ maxLength: 30 }).map((s) => `Bearer mcl_${s.replace(/\s/g, '')}`),
					fc.constantFrom('Basic dXNlcjpwYXNz', `Bearer ${keys.national}x`, keys.national)
				)
				.map((authorization) => () => ({
					kind: 'no valid key',
					headers: {
						'content-type': 'application/json',
						...(authorization === undefined ? {} : { authorization })
					},
					body: batch(),
					refusal: 'whole' as const
				})),
			// NDJSON with a line that is not JSON.
			fc
				.tuple(
					fc.nat({ max: 3 }),
					junkString.filter((s) => s.trim() !== '')
				)
				.filter(([, line]) => {
					try {
						JSON.parse(line);
						return false;
					} catch {
						return !line.includes('\n');
					}
				})
				.map(([valid, line]) => () => ({
					kind: 'ndjson',
					headers: { ...auth, 'content-type': 'application/x-ndjson' },
					body: [...Array.from({ length: valid }, () => JSON.stringify(validEvent())), line].join(
						'\n'
					),
					refusal: 'whole' as const
				})),
			// Well-formed batches whose every event breaks a rule: each refused with its reason.
			fc.array(corruptEvent, { minLength: 1, maxLength: 5 }).map((makers) => () => ({
				kind: 'invalid events',
				headers: json,
				body: JSON.stringify({ events: makers.map((make) => make()) }),
				refusal: 'each' as const,
				events: makers.length
			})),
			// Events for wards outside a ward key's scope.
			fc.constantFrom('16690', '15229', '00004').map((ward) => () => ({
				kind: 'out of scope',
				headers: { authorization: `Bearer ${keys.ward}`, 'content-type': 'application/json' },
				body: JSON.stringify({ events: [validEvent(ward), validEvent(ward)] }),
				refusal: 'whole' as const
			}))
		);
		const requests = sample(arb, RUNS.events).map((make) => make());
		// A few oversized ones: too many events, too many bytes.
		for (let i = 0; i < 3; i++) {
			requests.push({
				kind: 'too many events',
				headers: json,
				body: JSON.stringify({
					events: Array.from({ length: MAX_EVENTS_PER_REQUEST + 1 }, () => validEvent())
				}),
				refusal: 'whole' as const
			});
			requests.push({
				kind: 'too large',
				headers: json,
				body: JSON.stringify({ events: [{ ...validEvent(), reason: 'x'.repeat(MAX_BODY_BYTES) }] }),
				refusal: 'whole' as const
			});
		}
		const result = await sendAll(requests, (request) =>
			ingestRefusal('/api/v1/events', request, (status, body, { refusal, events }) => {
				const answer = body as {
					error?: { message?: unknown };
					accepted?: number;
					duplicates?: number;
					rejected?: { error?: unknown }[];
				};
				// Refused whole: a 4xx whose message is the error's, or (403, out of scope) one per event.
				if (status >= 400 && status < 500) {
					const each = answer.rejected ?? [];
					if (typeof answer.error?.message === 'string' && answer.error.message !== '') return null;
					if (each.length > 0 && each.every((r) => typeof r.error === 'string' && r.error !== ''))
						return null;
					return `no message: ${show(body)}`;
				}
				if (refusal === 'whole') return `status ${status}: ${show(body)}`;
				// A well-formed batch of invalid events: the contract's 200, every event refused with its reason.
				const each = answer.rejected ?? [];
				if (status !== 200 || answer.accepted !== 0 || answer.duplicates !== 0)
					return `${status} ${show(body)}`;
				if (
					each.length !== events ||
					each.some((r) => typeof r.error !== 'string' || r.error === '')
				)
					return `not every event refused with a reason: ${show(body)}`;
				return null;
			})
		);
		report('events', result);
		expect(result.sent).toBeGreaterThanOrEqual(RUNS.events);
		await expectUnchanged();
	});

	it('POST /api/v1/dvcqg: junk envelopes, junk items, wrong encodings, no key, oversized', async () => {
		const fixture = JSON.parse(
			readFileSync(`${ROOT}tests/fixtures/dvcqg/dong-bo-ho-so-received.json`, 'utf8')
		) as { data: Record<string, unknown>[] };
		const item = fixture.data[0];
		const auth = { authorization: `Bearer ${keys.national}`, 'content-type': 'application/json' };
		const envelope = (data: unknown[]) => ({ service: 'DongBoHoSoMC', isUpdating: 'False', data });
		const arb: fc.Arbitrary<Hostile> = fc.oneof(
			junkString.map((text) => ({
				kind: 'not JSON',
				headers: auth,
				body: `{${text}`,
				refusal: 'whole' as const
			})),
			fc
				.oneof(
					fc.jsonValue(),
					fc.record({
						service: junkString,
						isUpdating: fc.constantFrom('True', 'False'),
						data: fc.constant([])
					}),
					fc.record({
						service: fc.constant('DongBoHoSoMC'),
						isUpdating: junkString,
						data: fc.constant([item])
					}),
					fc.record({
						service: fc.constant('CapNhatTienDoHoSoMC'),
						isUpdating: fc.constant('False'),
						data: wrongType.filter((data) => !Array.isArray(data))
					})
				)
				// Some of these are well-formed envelopes of junk items: refused whole, or item by item.
				.map((value) => ({
					kind: 'envelope',
					headers: auth,
					body: JSON.stringify(value),
					refusal: 'each' as const
				})),
			// Items that are junk, or the fixture's item with a field broken; none names a ward this key can find.
			fc
				.array(
					fc.oneof(
						fc.anything(),
						fc
							.tuple(fc.constantFrom(...Object.keys(item)), fc.oneof(wrongType, junkString))
							.map(([field, value]) => ({ ...item, [field]: value, NoiNopHoSo: '' }))
					),
					{ minLength: 1, maxLength: 4 }
				)
				.map((data) => ({
					kind: 'items',
					headers: auth,
					body: JSON.stringify(envelope(data)),
					refusal: 'each' as const,
					events: data.length
				})),
			fc.tuple(invalidUtf8, fc.nat({ max: 400 })).map(([bytes, at]) => ({
				kind: 'invalid UTF-8',
				headers: auth,
				body: withInvalidBytes(JSON.stringify(envelope([item])), bytes, at),
				refusal: 'whole' as const
			})),
			fc
				.oneof(
					fc.constant(undefined),
					fc.string({ maxLength: 40 }).map((s) => `Bearer mcl_${s.replace(/\s/g, '')}`)
				)
				.map((authorization) => ({
					kind: 'no valid key',
					headers: {
						'content-type': 'application/json',
						...(authorization ? { authorization } : {})
					},
					body: JSON.stringify(envelope([item])),
					refusal: 'whole' as const
				}))
		);
		const requests = sample(arb, RUNS.dvcqg);
		for (let i = 0; i < 3; i++)
			requests.push({
				kind: 'too large',
				headers: auth,
				body: JSON.stringify(envelope([{ ...item, GhiChu: 'x'.repeat(MAX_BODY_BYTES) }])),
				refusal: 'whole' as const
			});
		const result = await sendAll(requests, (request) =>
			ingestRefusal('/api/v1/dvcqg', request, (status, body, { refusal, events }) => {
				const reply = body as {
					error_code?: unknown;
					message?: unknown;
					result?: { error_code?: unknown; message?: unknown }[];
				};
				if (typeof reply.message !== 'string' || reply.message === '')
					return `no message: ${show(body)}`;
				// A whole request the portal's way: a 4xx with a non-"00" code.
				if (status >= 400 && status < 500 && reply.error_code !== '00') return null;
				if (refusal === 'whole') return `status ${status}: ${show(body)}`;
				// Well-formed envelopes of junk items: every item refused with its code and reason.
				const items = reply.result ?? [];
				if (
					status !== 200 ||
					items.length === 0 ||
					(events !== undefined && items.length !== events)
				)
					return `${status}: ${show(body)}`;
				if (items.some((r) => r.error_code === '00' || typeof r.message !== 'string'))
					return `an item was not refused: ${show(body)}`;
				return null;
			})
		);
		report('dvcqg', result);
		await expectUnchanged();
	});

	it('the sign-in form: junk fields, wrong content types, bad encodings, foreign origins, oversized', async () => {
		type Form = { kind: string; headers: Record<string, string>; body: string | Blob };
		const browser = { origin: base, accept: 'text/html' };
		const form = { ...browser, 'content-type': 'application/x-www-form-urlencoded' };
		const arb: fc.Arbitrary<Form> = fc.oneof(
			fc
				.record({
					email: junkString,
					password: junkString,
					next: fc.oneof(junkString, fc.constantFrom('//evil.example', 'https://evil.example'))
				})
				.map((fields) => ({
					kind: 'junk fields',
					headers: form,
					body: new URLSearchParams(fields).toString()
				})),
			fc.dictionary(junkString, junkString, { maxKeys: 5 }).map((fields) => ({
				kind: 'junk names',
				headers: form,
				body: new URLSearchParams(fields).toString()
			})),
			fc.tuple(invalidUtf8, junkString).map(([bytes, text]) => ({
				kind: 'invalid UTF-8',
				headers: form,
				body: new Blob([
					`email=x&password=`,
					Buffer.from(bytes),
					new URLSearchParams({ text }).toString()
				])
			})),
			fc
				.tuple(fc.constantFrom('application/json', 'text/plain', 'application/xml'), fc.jsonValue())
				.map(([type, value]) => ({
					kind: 'content type',
					headers: { ...browser, 'content-type': type },
					body: JSON.stringify(value)
				})),
			fc.constantFrom('https://evil.example', 'null', 'http://localhost:1').map((origin) => ({
				kind: 'foreign origin',
				headers: { ...form, origin },
				body: new URLSearchParams({ email: ADMIN.email, password: ADMIN.password }).toString()
			}))
		);
		const requests = sample(arb, RUNS.login);
		requests.push({
			kind: 'too large',
			headers: form,
			body: `email=a&password=${'x'.repeat(2 * 1024 * 1024)}`
		});
		const result = await sendAll(requests, async ({ headers, body }) => {
			const response = await fetch(`${base}/login`, {
				method: 'POST',
				redirect: 'manual',
				headers,
				body
			});
			const text = await response.text();
			if (response.status < 400 || response.status >= 500) return `status ${response.status}`;
			if (response.headers.getSetCookie().some((c) => c.startsWith('mcl_session=')))
				return 'a session was opened';
			return text.trim() === '' ? `${response.status} without a message` : null;
		});
		report('login', result);
		await expectUnchanged();
	});

	it('the administration forms: junk in every field of every action, a wrong CSRF token, wrong content types', async () => {
		type Form = { path: string; fields: Record<string, string>; csrf?: string; type?: string };
		/** A value no unit, role, id or date ever has. */
		const junk = junkString.filter(
			(s) => s.trim().length > 0 && !/^(national|province:\d\d|ward:\d{5})$/.test(s.trim())
		);
		const nobody = fc.oneof(junk, fc.uuid());
		const anything = fc.oneof(junkString, fc.constantFrom('national', 'ward:16681', 'admin'));
		const actions: fc.Arbitrary<Form>[] = [
			fc
				.record({
					email: anything,
					name: anything,
					role: junk,
					scope: anything,
					password: anything
				})
				.map((fields) => ({ path: '/admin/users?/create', fields })),
			fc
				.record({
					email: junk.filter((s) => !s.includes('@')),
					name: anything,
					role: fc.constant('inspector'),
					scope: fc.constant(''),
					password: fc.constant('')
				})
				.map((fields) => ({ path: '/admin/users?/create', fields })),
			fc
				.record({ id: nobody, name: anything, role: anything, scope: anything })
				.map((fields) => ({ path: '/admin/users?/update', fields })),
			fc.record({ id: nobody }).map((fields) => ({ path: '/admin/users?/disable', fields })),
			fc.record({ id: nobody }).map((fields) => ({ path: '/admin/users?/enable', fields })),
			fc
				.record({
					userId: nobody,
					scope: anything,
					startsAt: anything,
					expiresAt: anything,
					reason: anything
				})
				.map((fields) => ({ path: '/admin/grants?/create', fields })),
			fc.record({ id: nobody }).map((fields) => ({ path: '/admin/grants?/revoke', fields })),
			fc
				.record({ name: anything, scope: junk })
				.map((fields) => ({ path: '/admin/keys?/create', fields })),
			fc
				.record({ name: fc.constantFrom('', ' ', 'x'.repeat(201)), scope: fc.constant('national') })
				.map((fields) => ({ path: '/admin/keys?/create', fields })),
			fc.record({ id: nobody }).map((fields) => ({ path: '/admin/keys?/revoke', fields })),
			fc
				.record({ name: anything, scope: fc.oneof(junk, fc.constant('national')) })
				.map((fields) => ({ path: '/admin/displays?/create', fields })),
			fc.record({ id: nobody }).map((fields) => ({ path: '/admin/displays?/revoke', fields })),
			fc
				.record({
					code: junk.filter((s) => !/^\d\.\d{6}$/.test(s.trim())),
					name: anything,
					field: anything,
					unit: anything,
					time: anything
				})
				.map((fields) => ({ path: '/admin/procedures?/save', fields })),
			fc
				.record({
					date: junk.filter((s) => !/^\d{4}-\d{2}-\d{2}$/.test(s.trim())),
					kind: anything,
					name: anything
				})
				.map((fields) => ({ path: '/admin/calendar?/save', fields })),
			fc
				.record({ date: junk.filter((s) => !/^\d{4}-\d{2}-\d{2}$/.test(s.trim())) })
				.map((fields) => ({ path: '/admin/calendar?/remove', fields })),
			// A well-formed change without the form's CSRF token, or with a wrong one.
			fc
				.record({
					csrf: fc.oneof(
						fc.constant(''),
						fc.string({
							unit: fc.constantFrom(...'0123456789abcdef'),
							minLength: 64,
							maxLength: 64
						}),
						junkString
					)
				})
				.map(({ csrf }) => ({
					path: '/admin/keys?/create',
					fields: { name: 'sneaky', scope: 'national' },
					csrf
				})),
			fc.constantFrom('application/json', 'text/plain').map((type) => ({
				path: '/admin/keys?/create',
				fields: { name: 'sneaky', scope: 'national' },
				type
			}))
		];
		const requests = sample(fc.oneof(...actions), RUNS.admin);
		const unreadable = messages('vi').formExpired;
		const result = await sendAll(requests, async ({ path, fields, csrf, type }) => {
			const body = new URLSearchParams({ _csrf: csrf ?? admin.csrf, ...fields }).toString();
			const response = await fetch(`${base}${path}`, {
				method: 'POST',
				redirect: 'manual',
				headers: {
					cookie: admin.cookie,
					origin: base,
					accept: 'text/html',
					'content-type': type ?? 'application/x-www-form-urlencoded'
				},
				body: type === 'application/json' ? JSON.stringify(fields) : body
			});
			const text = await response.text();
			if (response.status < 400 || response.status >= 500) return `status ${response.status}`;
			// A refused form names what was wrong (role="alert"); an unreadable one, and other refusals, get the
			// error page with its message.
			if (response.status === 400 && !text.includes('role="alert"') && !text.includes(unreadable))
				return '400 without the form’s message';
			return text.trim() === '' ? `${response.status} without a message` : null;
		});
		report('admin', result);
		await expectUnchanged();
	});

	it('socket messages: scope:subscribe with junk, out-of-scope and unknown scopes, oversized packets', async () => {
		const junkScope = fc
			.oneof(
				fc.anything(),
				fc.record({ scope: fc.oneof(wrongType, junkString) }),
				fc.record({ scope: fc.constantFrom('national', 'ward:16681'), extra: fc.jsonValue() }),
				fc.record({
					scope: fc.constantFrom(
						'ward:99999',
						'province:99',
						'ward:1668',
						'WARD:16681',
						'national:1'
					)
				})
			)
			.filter((payload) => {
				const scope = (payload as { scope?: unknown })?.scope;
				const keys = typeof payload === 'object' && payload !== null ? Object.keys(payload) : [];
				return !(
					keys.length === 1 &&
					typeof scope === 'string' &&
					/^(national|province:\d\d|ward:\d{5})$/.test(scope) &&
					!['ward:99999', 'province:99'].includes(scope)
				);
			});
		// The ward key's sockets ask for scopes it may not see.
		const outOfScope = fc
			.constantFrom('national', 'province:40', 'ward:16690', 'ward:15229')
			.map((scope) => ({ scope }));
		const payloads = sample(junkScope, Math.ceil(RUNS.socket * 0.8));
		const forbidden = sample(outOfScope, RUNS.socket - payloads.length);
		const refusedWith = async (token: string, batch: unknown[]) => {
			const { socket, connected } = await openLive(base, { token });
			expect(connected).toBe(true);
			const failures: { item: unknown; why: string }[] = [];
			try {
				for (const payload of batch) {
					const ack = (await socket
						.timeout(5_000)
						.emitWithAck(
							'scope:subscribe',
							payload as { scope: string }
						)) as LiveAck<ScopeSubscribed>;
					if (ack.ok || typeof ack.error?.message !== 'string' || ack.error.message === '')
						failures.push({ item: payload, why: `acknowledged ${show(ack)}` });
				}
				// Junk without an acknowledgement and events nobody declared are ignored, not fatal.
				const untyped = socket as unknown as { emit(event: string, ...args: unknown[]): void };
				untyped.emit('scope:subscribe', { scope: 42 });
				untyped.emit('no:such:event', 'x');
				return failures;
			} finally {
				socket.disconnect();
			}
		};
		const chunks = <T>(items: T[], size: number) =>
			Array.from({ length: Math.ceil(items.length / size) }, (_, i) =>
				items.slice(i * size, (i + 1) * size)
			);
		// Many messages per connection, a few connections at a time.
		const failures = (
			await Promise.all([
				...chunks(payloads, Math.ceil(payloads.length / CONCURRENCY)).map((batch) =>
					refusedWith(keys.national, batch)
				),
				refusedWith(keys.ward, forbidden)
			])
		).flat();
		report('socket', { sent: RUNS.socket, failures });

		// A packet over the 16 KB cap closes that connection; the server goes on.
		const { socket } = await openLive(base, { token: keys.national });
		const closed = new Promise<string>((resolve) => socket.once('disconnect', resolve));
		socket.emit('scope:subscribe', { scope: 'x'.repeat(20_000) }, () => {});
		expect(await closed).toMatch(/transport/);
		socket.disconnect();
		await expectUnchanged();
	});
});
