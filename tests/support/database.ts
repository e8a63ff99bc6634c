import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { TEST_POSTGRES_ADMIN_URL } from './env';

export interface TestDatabase {
	name: string;
	url: string;
	drop(): Promise<void>;
}

/** A fresh, empty database of its own for one test file, so runs never collide. */
export async function createTestDatabase(): Promise<TestDatabase> {
	const name = `mcl_test_${process.pid}_${randomBytes(4).toString('hex')}`;
	const admin = postgres(TEST_POSTGRES_ADMIN_URL, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database "${name}"`);
	await admin.end();
	const url = new URL(TEST_POSTGRES_ADMIN_URL);
	url.pathname = `/${name}`;
	return {
		name,
		url: url.toString(),
		async drop() {
			const admin = postgres(TEST_POSTGRES_ADMIN_URL, { max: 1, onnotice: () => {} });
			await admin.unsafe(`drop database if exists "${name}" with (force)`);
			await admin.end();
		}
	};
}
