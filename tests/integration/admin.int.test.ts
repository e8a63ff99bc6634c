import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../server/access/users';
import { createApp, type App } from '../../server/app';
import { testConfig } from '../../server/config';
import { auditLog, calendarDays, procedures, users } from '../../server/db/schema';
import { csrfOf, postForm, signIn } from '../support/access';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { ensurePagesBuilt } from '../support/pages';

const PASSWORD = 'mat-khau-quan-tri-du-dai';

/** An instant as a `datetime-local` field shows it in Vietnam (UTC+7). */
const vnLocal = (instant: number) => new Date(instant + 7 * 3_600_000).toISOString().slice(0, 16);
/** Drizzle wraps the database's error; the trigger's message is in its cause. */
const appendOnly = (error: unknown) =>
	/append-only/.test(String((error as { cause?: Error }).cause?.message ?? error));

/**
 * The administration pages through the real SvelteKit handler: admins only, every form CSRF-checked, every
 * change audited with who made it and from where; the audit log is filterable and append-only.
 */
describe('administration pages and the audit log', () => {
	let database: TestDatabase;
	let app: App;
	let base = '';
	let admin = { id: '', cookie: '', csrf: '' };

	const db = () => app.backend.database.db;
	const html = async (response: Response) => {
		const text = await response.text();
		return text;
	};
	const act = (path: string, fields: Record<string, string>, as = admin) =>
		postForm(base, path, as.cookie, { _csrf: as.csrf, ...fields });
	const trail = (action: string) => db().select().from(auditLog).where(eq(auditLog.action, action));

	beforeAll(async () => {
		ensurePagesBuilt();
		database = await createTestDatabase();
		app = await createApp(testConfig({ DATABASE_URL: database.url }), { pages: true });
		base = `http://127.0.0.1:${(await app.listen(0, '127.0.0.1')).port}`;
		const { user } = await createUser(
			db(),
			{ email: 'quantri@admin.test', role: 'admin', scope: 'national', password: PASSWORD },
			{ id: 'test' },
			() => true
		);
		const { cookie } = await signIn(base, 'quantri@admin.test', PASSWORD);
		admin = { id: user.id, cookie: cookie!, csrf: await csrfOf(base, cookie!, '/admin/users') };
	});

	afterAll(async () => {
		await app?.close();
		await database?.drop();
	});

	it('creates, changes, resets and disables people, each change audited with its actor and address', async () => {
		const created = await act('/admin/users?/create', {
			email: 'GiamDoc@Admin.test',
			name: 'Giám đốc',
			role: 'ward_director',
			scope: 'ward:16681',
			password: ''
		});
		expect(created.status).toBe(200);
		const password = /data-secret="password">([^<]+)</.exec(await html(created))![1];
		const [director] = await db().select().from(users).where(eq(users.email, 'giamdoc@admin.test'));
		expect(director).toMatchObject({ role: 'ward_director', scope: 'ward:16681' });
		const [row] = await trail('user.create').then((rows) =>
			rows.filter((r) => r.target === `user:${director.id}`)
		);
		expect(row).toMatchObject({ actor: `user:${admin.id}` });
		expect(row.address).toMatch(/127\.0\.0\.1/);

		const theirs = await signIn(base, 'giamdoc@admin.test', password);
		expect(theirs.cookie).not.toBeNull();

		expect(
			(
				await act('/admin/users?/update', {
					id: director.id,
					name: 'Giám đốc',
					role: 'ward_director',
					scope: 'ward:16690'
				})
			).status
		).toBe(200);
		// The new scope holds at the person's next request.
		const moved = await fetch(`${base}/api/v1/snapshot?scope=ward:16690`, {
			headers: { cookie: theirs.cookie! }
		});
		expect(moved.status).toBe(200);

		const reset = await act('/admin/users?/password', { id: director.id });
		expect(/data-secret="password">([^<]+)</.exec(await html(reset))![1]).not.toBe(password);
		// A reset ends the person's sessions.
		expect(
			(
				await fetch(`${base}/api/v1/snapshot?scope=ward:16690`, {
					headers: { cookie: theirs.cookie! }
				})
			).status
		).toBe(401);

		expect((await act('/admin/users?/disable', { id: director.id })).status).toBe(200);
		expect((await signIn(base, 'giamdoc@admin.test', password)).cookie).toBeNull();
		for (const action of ['user.update', 'user.password_reset', 'user.disable'])
			expect((await trail(action)).map((r) => r.target)).toContain(`user:${director.id}`);
	});

	it('refuses bad input by naming the field, and changes nothing', async () => {
		const before = (await trail('user.create')).length;
		const refused = await act('/admin/users?/create', {
			email: 'lanhdao@admin.test',
			role: 'province_leader',
			scope: 'ward:16681'
		});
		expect(refused.status).toBe(400);
		expect(await html(refused)).toContain('scope: a province leader’s scope is province:&lt;code>');
		expect((await trail('user.create')).length).toBe(before);
	});

	it('grants an inspector a scope for a time, and revokes it', async () => {
		const { user } = await createUser(
			db(),
			{ email: 'doan@admin.test', role: 'inspector', scope: '', password: PASSWORD },
			{ id: 'test' },
			() => true
		);
		const startsAt = vnLocal(Date.now() - 86_400_000);
		const granted = await act('/admin/grants?/create', {
			userId: user.id,
			scope: 'province:40',
			startsAt,
			expiresAt: vnLocal(Date.now() + 7 * 86_400_000),
			reason: 'Quyết định kiểm tra số 12/QĐ-BKHCN'
		});
		expect(granted.status).toBe(200);
		const [grant] = await trail('grant.create');
		expect(grant.actor).toBe(`user:${admin.id}`);
		const details = JSON.parse(grant.details!) as { startsAt: string; scope: string };
		// datetime-local fields are Vietnam time.
		expect(details).toMatchObject({
			scope: 'province:40',
			startsAt: new Date(`${startsAt}:00+07:00`).toISOString()
		});
		const id = grant.target!.slice('grant:'.length);
		expect((await act('/admin/grants?/revoke', { id })).status).toBe(200);
		expect((await trail('grant.revoke')).map((r) => r.target)).toEqual([`grant:${id}`]);
		// Only inspectors receive grants.
		const refused = await act('/admin/grants?/create', {
			userId: admin.id,
			scope: 'province:40',
			startsAt,
			expiresAt: vnLocal(Date.now() + 86_400_000)
		});
		expect(refused.status).toBe(400);
	});

	it('creates and revokes display tokens and API keys, showing each secret once', async () => {
		const display = await act('/admin/displays?/create', { name: 'TV sảnh', scope: 'ward:16681' });
		const url = /data-secret="display-url">([^<]+)</.exec(await html(display))![1];
		expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/display\/mcd_/);
		const opened = await fetch(url, { redirect: 'manual' });
		expect(opened.status).toBe(303);
		expect(opened.headers.get('location')).toBe('/wall/ward/16681');
		const [made] = await trail('display.create');
		expect((await act('/admin/displays?/revoke', { id: made.target!.slice(8) })).status).toBe(200);
		expect(await trail('display.revoke')).toHaveLength(1);
		expect((await fetch(url, { redirect: 'manual' })).headers.get('location')).toBe(
			'/wall/revoked'
		);

		const key = await act('/admin/keys?/create', { name: 'Một cửa Nghệ An', scope: 'province:40' });
		const secret = /data-secret="api-key">([^<]+)</.exec(await html(key))![1];
		const read = () =>
			fetch(`${base}/api/v1/snapshot?scope=province:40`, {
				headers: { authorization: `Bearer ${secret}` }
			});
		expect((await read()).status).toBe(200);
		const [keyRow] = await trail('apikey.create');
		expect(keyRow.actor).toBe(`user:${admin.id}`);
		expect((await act('/admin/keys?/revoke', { id: keyRow.target!.slice(7) })).status).toBe(200);
		expect(await trail('apikey.revoke')).toHaveLength(1);
		// Checked keys are trusted for at most 5 s.
		await new Promise((resolve) => setTimeout(resolve, 5_200));
		expect((await read()).status).toBe(401);
	});

	it('edits the procedure catalogue and the holiday calendar, marking entries provisional', async () => {
		const saved = await act('/admin/procedures?/save', {
			code: '1.009999',
			name: 'Thủ tục thử',
			field: 'ho-tich',
			time: '5',
			unit: 'working_days',
			provisional: 'on',
			note: 'Cần xác minh'
		});
		expect(saved.status).toBe(200);
		const [procedure] = await db().select().from(procedures).where(eq(procedures.code, '1.009999'));
		expect(procedure).toMatchObject({
			processingTimeValue: 5,
			provisional: true,
			note: 'Cần xác minh'
		});
		// This process uses the new entry at once.
		expect(app.backend.reference.procedure('1.009999')).toMatchObject({ field: 'ho-tich' });
		await act('/admin/procedures?/save', {
			code: '1.009999',
			name: 'Thủ tục thử',
			field: 'ho-tich',
			time: '4',
			unit: 'working_days'
		});
		expect((await trail('procedure.create')).map((r) => r.target)).toEqual(['procedure:1.009999']);
		expect((await trail('procedure.update')).map((r) => r.target)).toEqual(['procedure:1.009999']);

		// Saved first as ISO, then again as typed in the form (day/month/year): the same day, updated.
		for (const [date, provisional] of [
			['2027-11-24', 'on'],
			['24/11/2027', '']
		]) {
			const day = await act('/admin/calendar?/save', {
				date,
				kind: 'holiday',
				name: 'Ngày Văn hóa Việt Nam',
				provisional
			});
			expect(day.status).toBe(200);
		}
		const [day] = await db().select().from(calendarDays).where(eq(calendarDays.date, '2027-11-24'));
		expect(day).toMatchObject({ kind: 'holiday', provisional: false });
		expect(app.backend.reference.calendar.isWorkingDay('2027-11-24')).toBe(false);
		expect((await act('/admin/calendar?/remove', { date: '2027-11-24' })).status).toBe(200);
		for (const action of ['calendar.create', 'calendar.update', 'calendar.delete'])
			expect((await trail(action)).map((r) => r.target)).toEqual(['calendar:2027-11-24']);
	});

	it('shows the audit log to admins, filtered by action family and target', async () => {
		// Dates typed day/month/year, as the filter's fields take them.
		const today = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh' }).format(
			new Date()
		);
		const page = await fetch(
			`${base}/admin/audit?action=grant.*&target=province%3A40&from=01/01/2026&to=${today}`,
			{
				headers: { cookie: admin.cookie }
			}
		);
		const text = await html(page);
		const actions = [...text.matchAll(/data-action="([^"]+)"/g)].map((m) => m[1]);
		expect(actions.length).toBeGreaterThan(0);
		expect(actions.every((a) => a.startsWith('grant.'))).toBe(true);
		expect(text).toContain('quantri@admin.test');
		const later = await fetch(`${base}/admin/audit?action=grant.*&from=01/01/2099`, {
			headers: { cookie: admin.cookie }
		});
		expect([...(await html(later)).matchAll(/data-action="/g)]).toHaveLength(0);
	});

	it('keeps the audit log append-only, even for the application', async () => {
		await expect(db().update(auditLog).set({ actor: 'someone else' })).rejects.toSatisfy(
			appendOnly
		);
		await expect(db().delete(auditLog)).rejects.toSatisfy(appendOnly);
	});

	it('refuses forms without the CSRF token or from another site, and non-admins entirely', async () => {
		const count = async () => (await trail('apikey.create')).length;
		const before = await count();
		const noToken = await postForm(base, '/admin/keys?/create', admin.cookie, {
			name: 'x',
			scope: 'national'
		});
		expect(noToken.status).toBe(403);
		const crossSite = await fetch(`${base}/admin/keys?/create`, {
			method: 'POST',
			headers: {
				cookie: admin.cookie,
				origin: 'https://evil.example',
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: new URLSearchParams({ _csrf: admin.csrf, name: 'x', scope: 'national' })
		});
		expect(crossSite.status).toBe(403);
		expect(await count()).toBe(before);

		await createUser(
			db(),
			{
				email: 'lanhdao@admin.test',
				role: 'province_leader',
				scope: 'province:40',
				password: PASSWORD
			},
			{ id: 'test' },
			() => true
		);
		const { cookie } = await signIn(base, 'lanhdao@admin.test', PASSWORD);
		const leader = { id: '', cookie: cookie!, csrf: await csrfOf(base, cookie!) };
		const page = await fetch(`${base}/admin/users`, { headers: { cookie: leader.cookie } });
		expect(page.status).toBe(403);
		const post = await act('/admin/keys?/create', { name: 'x', scope: 'national' }, leader);
		expect(post.status).toBe(403);
		expect(await count()).toBe(before);
	});
});
