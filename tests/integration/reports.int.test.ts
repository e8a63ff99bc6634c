import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { sql, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../server/access/api-keys';
import { createUser } from '../../server/access/users';
import { createApp, type App } from '../../server/app';
import { testConfig } from '../../server/config';
import { queryRows } from '../../server/db/rows';
import { auditLog } from '../../server/db/schema';
import { PacedFeed } from '../../server/feed/paced-feed';
import { planEvents, simulationPlanSchema } from '../../server/feed/simulation-plan';
import { StorageSink } from '../../server/feed/sinks';
import { listDossiers } from '../../server/read/dossier-lists';
import { reportByField } from '../../server/read/report-by-field.sql';
import { dossierListQuerySchema, type SnapshotJson } from '../../src/lib/contracts/snapshot';
import {
	serviceIndexJsonSchema,
	type ServiceIndexJson
} from '../../src/lib/contracts/service-index';
import { fingerprintOf } from '../../src/lib/server/queries/report-reads';
import { formatCell } from '../../src/lib/report/report-tables';
import { sampleReport } from '../../src/lib/report/report-tables.test-support';
import { bieu06Columns, bieu06Of, sumBieu06 } from '../../src/lib/domain/bieu06';
import { addDays, vnDateOf } from '../../src/lib/domain/calendar/vn-time';
import type { DossierState } from '../../src/lib/domain/dossier';
import { UNKNOWN_FIELD } from '../../src/lib/domain/kpi';
import { computeSnapshot } from '../../src/lib/domain/oracle';
import type { Period } from '../../src/lib/domain/period';
import { signIn } from '../support/access';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { ensurePagesBuilt } from '../support/pages';

/**
 * The inspection report of issue #11 over three weeks of two simulated Nghệ An wards, through the real app:
 * its figures against the snapshot API and the oracle, each export read back (exceljs, the CSV's bytes,
 * pdftotext), the fingerprint reproduced, access refused outside the viewer's scope, and every export audited.
 */
const DAY_MS = 24 * 3_600_000;
const PASSWORD = 'mat-khau-kiem-thu-du-dai';
const SCOPE = 'province:40';

describe('the inspection report and its exports', () => {
	let database: TestDatabase;
	let app: App;
	let base = '';
	let key = '';
	let leader = '';
	let outsider = '';
	let leaderId = '';
	let period: Period;
	let query = '';
	let asOf = '';
	let snapshot: SnapshotJson;
	let serviceIndex: ServiceIndexJson;
	const dir = mkdtempSync(join(tmpdir(), 'mcl-report-'));

	const download = async (path: string, cookie = leader) => {
		const response = await fetch(`${base}${path}`, { headers: { cookie }, redirect: 'manual' });
		return { response, bytes: Buffer.from(await response.arrayBuffer()) };
	};
	const exportOf = async (format: 'xlsx' | 'csv' | 'pdf') => {
		const { response, bytes } = await download(`/report/${SCOPE}/export/${format}?${query}`);
		expect(response.status, format).toBe(200);
		return { bytes, fingerprint: response.headers.get('x-report-fingerprint') as string };
	};
	const pdfText = (bytes: Buffer, name: string) => {
		const file = join(dir, name);
		writeFileSync(file, bytes);
		return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
	};

	beforeAll(async () => {
		ensurePagesBuilt();
		database = await createTestDatabase();
		app = await createApp(testConfig({ DATABASE_URL: database.url }), { pages: true });
		base = `http://127.0.0.1:${(await app.listen(0, '127.0.0.1')).port}`;
		const db = app.backend.database.db;
		key = (await createApiKey(db, { name: 'reports', scope: 'national' }, 'test')).key;
		const actor = { id: 'test' };
		const made = await createUser(
			db,
			{ email: 'leader@reports.test', role: 'province_leader', scope: SCOPE, password: PASSWORD },
			actor,
			() => true
		);
		leaderId = made.user.id;
		// A ward director in Thanh Hóa (38): Nghệ An is outside their scope.
		await createUser(
			db,
			{
				email: 'outsider@reports.test',
				role: 'ward_director',
				scope: 'ward:15229',
				password: PASSWORD
			},
			actor,
			() => true
		);
		leader = (await signIn(base, 'leader@reports.test', PASSWORD)).cookie as string;
		outsider = (await signIn(base, 'outsider@reports.test', PASSWORD)).cookie as string;

		const now = Date.now();
		const plan = simulationPlanSchema.parse({
			seed: 'reports',
			wards: ['16681', '16690'],
			from: now - 21 * DAY_MS,
			rateMultiplier: 2,
			// A land registration backlog, so that dossiers are overdue in the period and still now.
			scenarios: [{ name: 'land-backlog', ward: '16690', from: now - 14 * DAY_MS }]
		});
		const sink = new StorageSink(app.backend.ingest, 'reports-test');
		await new PacedFeed(await planEvents(db, app.backend.reference, plan), sink, {
			clock: () => now
		}).backfill();
		expect(sink.totals.imported).toBeGreaterThan(500);

		// Two weeks that have ended (so the report can be frozen; longer than any holiday), dossiers carried in.
		const today = vnDateOf(now);
		period = { from: addDays(today, -16), to: addDays(today, -3) };
		asOf = new Date(now).toISOString();
		query = new URLSearchParams({ period: 'custom', ...period, asOf }).toString();
		// Three dossiers received before the period, due in it and still open: overdue at its end and now,
		// whatever the simulation's day gives.
		const vn = (at: number) => `${new Date(at + 7 * 3_600_000).toISOString().slice(0, 19)}+07:00`;
		const start = Date.parse(`${period.from}T08:00:00+07:00`);
		const events = [1, 2, 3].flatMap((n) => [
			{
				id: `late-${n}:0`,
				type: 'received',
				dossier: `REPORT-LATE-${n}`,
				ward: '16681',
				at: vn(start - (2 + n) * DAY_MS),
				procedure: '1.001612',
				channel: 'direct',
				dueAt: vn(start + n * DAY_MS)
			},
			{
				id: `late-${n}:1`,
				type: 'stage_changed',
				dossier: `REPORT-LATE-${n}`,
				ward: '16681',
				at: vn(start - (2 + n) * DAY_MS + 3_600_000),
				stage: 'processing'
			}
		]);
		const ingested = await fetch(`${base}/api/v1/events`, {
			method: 'POST',
			headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
			body: JSON.stringify({ events })
		});
		expect(await ingested.json()).toMatchObject({ accepted: 6, rejected: [] });

		const response = await fetch(
			`${base}/api/v1/snapshot?scope=${SCOPE}&from=${period.from}&to=${period.to}`,
			{ headers: { authorization: `Bearer ${key}` } }
		);
		expect(response.status).toBe(200);
		snapshot = (await response.json()) as SnapshotJson;
		expect(snapshot.received.total).toBeGreaterThan(50);
		expect(snapshot.received.carriedOver).toBeGreaterThan(0);
		expect(snapshot.inProgress.overdue).toBeGreaterThan(0);
		const estimate = await fetch(
			`${base}/api/v1/service-index?scope=${SCOPE}&from=${period.from}&to=${period.to}`,
			{ headers: { authorization: `Bearer ${key}` } }
		);
		expect(estimate.status).toBe(200);
		serviceIndex = serviceIndexJsonSchema.parse(await estimate.json());
		expect(serviceIndex.maxPoints).toBeGreaterThan(0);
	}, 300_000);

	afterAll(async () => {
		await app?.close();
		await database?.drop();
		rmSync(dir, { recursive: true, force: true });
	});

	it('splits the snapshot by field: the fields sum to the snapshot, and each field matches the oracle', async () => {
		const { db, reference } = { db: app.backend.database.db, reference: app.backend.reference };
		const byField = await reportByField(db, reference, {
			scope: { kind: 'province', code: '40' },
			period,
			now: Date.parse(asOf)
		});
		expect(bieu06Columns(sumBieu06(byField.fields.map(bieu06Of)))).toEqual(
			bieu06Columns(bieu06Of(snapshot))
		);
		const received = Object.fromEntries(
			byField.fields
				.filter((row) => row.received.total > 0)
				.map((row) => [row.field, row.received.total])
		);
		expect(received).toEqual(snapshot.received.byField);
		expect(byField.overdue).toHaveLength(snapshot.inProgress.overdue);

		// The oracle, field by field, over every stored state (both wards are in Nghệ An).
		const states = (
			await queryRows<{ state: DossierState }>(db, sql`select state from dossiers`)
		).map((row) => row.state);
		for (const row of byField.fields) {
			const truth = computeSnapshot(
				states.filter((state) => (state.field ?? UNKNOWN_FIELD) === row.field),
				{
					scope: { id: SCOPE, wards: null },
					period,
					now: Date.parse(asOf),
					calendar: reference.calendar
				}
			);
			expect({ field: row.field, ...bieu06Of(row) }).toEqual({
				field: row.field,
				...bieu06Of(truth)
			});
			expect(row.inProgress).toEqual(truth.inProgress);
		}
	});

	it('sums to the snapshot API for the nation and for a ward as well', async () => {
		for (const [scope, parsed] of [
			['national', { kind: 'national' }],
			['ward:16681', { kind: 'ward', code: '16681' }]
		] as const) {
			const response = await fetch(
				`${base}/api/v1/snapshot?scope=${scope}&from=${period.from}&to=${period.to}`,
				{ headers: { authorization: `Bearer ${key}` } }
			);
			const whole = (await response.json()) as SnapshotJson;
			const byField = await reportByField(app.backend.database.db, app.backend.reference, {
				scope: parsed,
				period,
				now: Date.parse(asOf)
			});
			expect(bieu06Columns(sumBieu06(byField.fields.map(bieu06Of))), scope).toEqual(
				bieu06Columns(bieu06Of(whole))
			);
			expect(whole.received.total, scope).toBeGreaterThan(0);
		}
	});

	it('gives the same fingerprint in English: it covers codes and figures, not words', async () => {
		const vi = await exportOf('csv');
		const { response, bytes } = await download(`/report/${SCOPE}/export/csv?${query}&lang=en`);
		expect(response.status).toBe(200);
		const text = bytes.toString('utf8');
		expect(text).toContain('Received: total');
		expect(text).not.toContain('Tiếp nhận: tổng số');
		expect(response.headers.get('x-report-fingerprint')).toBe(vi.fingerprint);
		expect(text).toContain(vi.fingerprint);
	});

	it('exports an XLSX whose figures, read back with exceljs, are the snapshot API’s', async () => {
		const { bytes, fingerprint } = await exportOf('xlsx');
		expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
		expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
			'Thông tin',
			'Biểu 06',
			'Tỷ lệ',
			'Ước tính QĐ 766',
			'Xếp hạng',
			'Điểm nghẽn',
			'Quá hạn'
		]);
		const info = workbook.getWorksheet('Thông tin')!;
		const stamp = new Map<string, string>();
		info.eachRow((row) => stamp.set(String(row.getCell(1).value), String(row.getCell(2).value)));
		expect(stamp.get('Dấu vân tay SHA-256')).toBe(fingerprint);
		expect(stamp.get('Phạm vi')).toContain(SCOPE);
		expect(stamp.get('Số liệu tính lúc')).toContain(asOf);

		const form = workbook.getWorksheet('Biểu 06')!;
		expect(form.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
		expect(form.getRow(2).getCell(2).value).toBe('Tiếp nhận: tổng số');
		expect(form.getRow(1).getCell(2).value).toBe('Số hồ sơ nhận giải quyết');
		expect(form.getColumn(1).width).toBeGreaterThan(20);
		const rows: (string | number)[][] = [];
		form.eachRow((row, n) => {
			if (n > 2) rows.push((row.values as (string | number)[]).slice(1));
		});
		const total = rows.find((row) => row[0] === 'Tổng cộng')!;
		expect(total.slice(1)).toEqual(bieu06Columns(bieu06Of(snapshot)));
		expect(form.getRow(3).getCell(2).numFmt).toBe('#,##0');

		const rates = workbook.getWorksheet('Tỷ lệ')!;
		expect(rates.getRow(2).getCell(2).value).toBe(snapshot.onTimeRate);
		expect(rates.getRow(2).getCell(2).numFmt).toBe('0.0%');

		// The Decision 766 estimate, labelled as one, with the API's points group by group and in total.
		const index = workbook.getWorksheet('Ước tính QĐ 766')!;
		const indexRows: unknown[][] = [];
		index.eachRow((row, n) => {
			if (n > 1) indexRows.push(Array.from((row.values as unknown[]).slice(1), (v) => v ?? null));
		});
		expect(indexRows[0]).toEqual(['Công khai, minh bạch', null, null, 18]);
		expect(indexRows[1]).toEqual([
			'Tiến độ giải quyết',
			serviceIndex.groups.progress.rate,
			serviceIndex.groups.progress.points,
			20
		]);
		expect(indexRows.find((row) => row[0] === 'Tổng điểm ước tính')).toEqual([
			'Tổng điểm ước tính',
			null,
			serviceIndex.points,
			serviceIndex.maxPoints
		]);
		expect(indexRows.some((row) => String(row[0]).startsWith('ƯỚC TÍNH'))).toBe(true);

		const ranking = workbook.getWorksheet('Xếp hạng')!;
		const ranked = new Map<string, number>();
		ranking.eachRow((row, n) => {
			if (n > 1 && typeof row.getCell(1).value === 'number')
				ranked.set(String(row.getCell(3).value), row.getCell(1).value as number);
		});
		expect(ranked).toEqual(new Map(snapshot.children.map((child) => [child.scope, child.rank])));

		const stages = workbook.getWorksheet('Điểm nghẽn')!;
		const wip: number[] = [];
		stages.eachRow((row, n) => {
			if (n > 1) wip.push(row.getCell(2).value as number);
		});
		expect(wip).toEqual(snapshot.stages.map((stage) => stage.wip));

		const overdue = workbook.getWorksheet('Quá hạn')!;
		let listed = 0;
		overdue.eachRow((row, n) => {
			if (n > 1 && typeof row.getCell(8).value === 'number') listed++;
		});
		expect(listed).toBe(snapshot.inProgress.overdue);
	});

	it('agrees with itself for a running period too: the live store’s totals equal the fields read from SQL', async () => {
		const { response, bytes } = await download(`/report/${SCOPE}/export/xlsx?period=week`);
		expect(response.status).toBe(200);
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
		const rows: number[][] = [];
		let total: number[] = [];
		workbook.getWorksheet('Biểu 06')!.eachRow((row, n) => {
			const values = (row.values as (string | number)[]).slice(1);
			if (n <= 2 || typeof values[1] !== 'number') return;
			if (values[0] === 'Tổng cộng') total = values.slice(1) as number[];
			else rows.push(values.slice(1) as number[]);
		});
		expect(rows.length).toBeGreaterThan(0);
		expect(total).toEqual(total.map((_, i) => rows.reduce((sum, row) => sum + row[i], 0)));
	});

	it('exports a CSV in UTF-8 with a BOM, the Vietnamese headers intact, and the same fingerprint', async () => {
		const { bytes, fingerprint } = await exportOf('csv');
		expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const text = bytes.toString('utf8');
		expect(text).toContain('Tiếp nhận: tổng số');
		expect(text).toContain('Số hồ sơ đang giải quyết');
		expect(text).toContain(fingerprint);
		const records = parse(text.slice(1), { relax_column_count: true }) as string[][];
		const total = records.find((record) => record[0] === 'Tổng cộng')!;
		expect(total.slice(1).map(Number)).toEqual(bieu06Columns(bieu06Of(snapshot)));
		expect(text).toContain('Ước tính Chỉ số phục vụ (Quyết định 766/QĐ-TTg)');
		const index = records.find((record) => record[0] === 'Tổng điểm ước tính')!;
		expect(index.slice(2, 4)).toEqual([
			formatCell(serviceIndex.points, 'points', 'vi'),
			String(serviceIndex.maxPoints)
		]);
	});

	it('fingerprints the estimate with the rest: another estimate is another fingerprint', async () => {
		const report = sampleReport();
		const other = sampleReport({
			serviceIndex: { ...report.data.serviceIndex, points: report.data.serviceIndex.points + 1 }
		});
		expect(await fingerprintOf(other.data)).not.toBe(await fingerprintOf(report.data));
		expect(await fingerprintOf(sampleReport().data)).toBe(await fingerprintOf(report.data));
	});

	it('exports a PDF whose text holds the Vietnamese headers, the period and the fingerprint', async () => {
		const { bytes, fingerprint } = await exportOf('pdf');
		expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
		const text = pdfText(bytes, 'report.pdf');
		for (const words of [
			'Biểu 06/VPCP/KSTT',
			'Số hồ sơ nhận giải quyết',
			'Số hồ sơ đã giải quyết',
			'Số hồ sơ đang giải quyết',
			'Xếp hạng đơn vị trực thuộc',
			'Điểm nghẽn theo bước xử lý',
			'Ước tính Chỉ số phục vụ (Quyết định 766/QĐ-TTg)',
			'Tổng điểm ước tính',
			'Dấu vân tay SHA-256'
		])
			expect(text, words).toContain(words);
		const day = (date: string) => `${date.slice(8)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
		expect(text).toContain(`${day(period.from)} – ${day(period.to)}`);
		expect(text).toContain(fingerprint);
		// The footer carries the fingerprint on every page.
		const pages = text.split('\f').filter((page) => page.trim() !== '');
		expect(pages.every((page) => page.includes(`SHA-256 ${fingerprint}`))).toBe(true);
		// A table that runs onto another page repeats its header there.
		const headerOf: Record<string, string> = {
			'Tình hình giải quyết hồ sơ theo lĩnh vực (Biểu 06/VPCP/KSTT)': 'Số hồ sơ đang giải quyết',
			'Xếp hạng đơn vị trực thuộc': 'Đơn vị',
			'Điểm nghẽn theo bước xử lý': 'Đang xử lý',
			'Ước tính Chỉ số phục vụ (Quyết định 766/QĐ-TTg)': 'Nhóm chỉ số',
			'Hồ sơ quá hạn': 'Mã hồ sơ'
		};
		const continued = pages.filter((page) => page.includes('(tiếp theo)'));
		expect(pages.length).toBeGreaterThan(1);
		expect(continued.length).toBeGreaterThan(0);
		for (const page of continued) {
			const title = Object.keys(headerOf).find((t) => page.includes(`${t} (tiếp theo)`));
			expect(title, page.slice(0, 200)).toBeDefined();
			expect(page).toContain(headerOf[title!]);
		}
	});

	it('gives the same fingerprint to every export and the page of one frozen report', async () => {
		const [a, b, c, d] = await Promise.all([
			exportOf('xlsx'),
			exportOf('xlsx'),
			exportOf('csv'),
			exportOf('pdf')
		]);
		expect(new Set([a.fingerprint, b.fingerprint, c.fingerprint, d.fingerprint]).size).toBe(1);
		const page = await download(`/report/${SCOPE}?${query}`);
		expect(page.response.status).toBe(200);
		const html = page.bytes.toString('utf8');
		expect(html).toContain(a.fingerprint);
		expect(html).toContain('Tiếp nhận: tổng số');
		// Opened without an instant, an ended period's page is frozen now and links to itself with that instant;
		// the export of that instant has the page's fingerprint.
		const fresh = await download(
			`/report/${SCOPE}?${new URLSearchParams({ period: 'custom', ...period })}`
		);
		const freshHtml = fresh.bytes.toString('utf8');
		const permalink = /<a href="([^"]+)"[^>]*data-testid="report-permalink"/.exec(freshHtml);
		const href = (permalink?.[1] ?? '').replace(/&amp;/g, '&');
		expect(href).toMatch(/asOf=/);
		const frozenAt = new URL(href, base).searchParams.get('asOf')!;
		const again = await download(
			`/report/${SCOPE}/export/csv?${new URLSearchParams({ period: 'custom', ...period, asOf: frozenAt })}`
		);
		const shown = /Dấu vân tay SHA-256<\/dt>\s*<dd[^>]*>([0-9a-f]{64})</.exec(freshHtml)![1];
		expect(again.response.headers.get('x-report-fingerprint')).toBe(shown);
		// Another instant is another report: its stamp, hence its fingerprint, differs.
		const later = new URLSearchParams({
			period: 'custom',
			...period,
			asOf: new Date(Date.parse(asOf) + 1).toISOString()
		});
		const other = await download(`/report/${SCOPE}/export/csv?${later}`);
		expect(other.response.headers.get('x-report-fingerprint')).not.toBe(a.fingerprint);
	});

	it('refuses an asOf inside the period, and anyone outside the scope, and sends strangers to sign in', async () => {
		const inside = new URLSearchParams({
			period: 'custom',
			...period,
			asOf: `${period.to}T00:00:00Z`
		});
		expect((await download(`/report/${SCOPE}/export/csv?${inside}`)).response.status).toBe(400);
		for (const path of [`/report/${SCOPE}?${query}`, `/report/${SCOPE}/export/pdf?${query}`])
			expect((await download(path, outsider)).response.status, path).toBe(403);
		expect((await download(`/report/${SCOPE}/lists/overdue/csv`, outsider)).response.status).toBe(
			403
		);
		const anonymous = await fetch(`${base}/report/${SCOPE}/export/xlsx?${query}`, {
			redirect: 'manual',
			headers: { authorization: `Bearer ${key}` }
		});
		// API keys do not export (policy: exports are for people); without a session it is the sign-in page.
		expect(anonymous.status).toBe(303);
		expect(anonymous.headers.get('location')).toMatch(/^\/login/);
	});

	it('exports the overdue and due-soon lists as the REST lists give them at the stamped instant', async () => {
		let listed = 0;
		for (const status of ['overdue', 'dueSoon'] as const) {
			const { response, bytes } = await download(`/report/${SCOPE}/lists/${status}/csv`);
			expect(response.status).toBe(200);
			expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
			const records = parse(bytes.toString('utf8').slice(1), {
				relax_column_count: true
			}) as string[][];
			const stamped = records.find((r) => r[0] === 'Số liệu tính lúc')![1];
			const at = Date.parse(/\((\S+Z)\)/.exec(stamped)![1]);
			const header = records.findIndex((r) => r[0] === 'Mã hồ sơ');
			const codes = records
				.slice(header + 1)
				.map((r) => r[0])
				.filter((code) => code !== '');

			const expected: string[] = [];
			let cursor: string | null = null;
			do {
				const page = await listDossiers(
					app.backend.database.db,
					app.backend.reference,
					dossierListQuerySchema.parse({
						scope: SCOPE,
						status,
						limit: 200,
						...(cursor && { cursor })
					}),
					at
				);
				expected.push(...page.items.map((item) => item.code));
				cursor = page.nextCursor;
			} while (cursor);
			expect(codes, status).toEqual(expected);
			listed += codes.length;
		}
		// Whatever the day, some of the 700-odd open dossiers are overdue or due within a working day.
		expect(listed).toBeGreaterThan(0);

		const xlsx = await download(`/report/${SCOPE}/lists/dueSoon/xlsx?stage=processing`);
		expect(xlsx.response.status).toBe(200);
		const bad = await download(`/report/${SCOPE}/lists/dueSoon/xlsx?stage=nowhere`);
		expect(bad.response.status).toBe(400);
	});

	it('writes every export to the audit log with its fingerprint, and none refused', async () => {
		const rows = await app.backend.database.db
			.select()
			.from(auditLog)
			.where(eq(auditLog.action, 'export'));
		expect(rows.length).toBeGreaterThanOrEqual(9);
		// Only the leader's exports: the outsider's refused attempts left no entry.
		expect(rows.every((row) => row.target === SCOPE && row.actor === `user:${leaderId}`)).toBe(
			true
		);
		const details = rows.map(
			(row) =>
				(typeof row.details === 'string' ? JSON.parse(row.details) : row.details) as Record<
					string,
					unknown
				>
		);
		expect(details.every((d) => typeof d.fingerprint === 'string')).toBe(true);
		expect(details.filter((d) => d.kind === 'report').map((d) => d.format)).toEqual(
			expect.arrayContaining(['xlsx', 'csv', 'pdf'])
		);
		expect(details.filter((d) => d.kind === 'list').map((d) => d.status)).toEqual(
			expect.arrayContaining(['overdue', 'dueSoon'])
		);
	});
});
