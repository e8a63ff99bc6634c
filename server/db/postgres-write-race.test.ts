import { describe, expect, it } from 'vitest';
import { isPostgresWriteRace } from './postgres-write-race';

const raced = (stack: string) => {
	const error = new TypeError("Cannot read properties of null (reading 'write')");
	error.stack = stack;
	return error;
};

describe('isPostgresWriteRace', () => {
	it('recognises the postgres.js write to a closed connection, and nothing else', () => {
		const stack = `TypeError: Cannot read properties of null (reading 'write')
    at Immediate.nextWrite (file:///app/node_modules/postgres/src/connection.js:255:22)
    at process.processImmediate (node:internal/timers:483:21)`;
		expect(isPostgresWriteRace(raced(stack))).toBe(true);
		expect(isPostgresWriteRace(raced(stack.replace('postgres/src', 'other/src')))).toBe(false);
		expect(isPostgresWriteRace(new TypeError("Cannot read properties of null (reading 'x')"))).toBe(
			false
		);
		expect(isPostgresWriteRace(new Error(stack))).toBe(false);
	});
});
