import { EventEmitter } from 'node:events';
import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Instant } from '../../src/lib/domain/calendar/vn-time';
import type { Database } from '../db/client';
import { rowsOf } from '../db/rows';
import type { RedisClient } from '../redis/client';

/** A dossier that has just crossed its due time. */
export interface OverdueCrossing {
	dossier: string;
	ward: string;
	dueAt: Instant;
}

/** How long a claim on an announcement is kept: longer than any plausible restart gap. */
const CLAIM_SECONDS = 3 * 24 * 3600;

/**
 * Announces each open dossier that crosses its due time, once across all processes (a Redis SET NX claim,
 * or in-process without Redis), within a second of the instant. It reads counts nowhere and changes none:
 * overdue figures are computed at read time.
 */
export class DeadlineSweeper extends EventEmitter<{ overdue: [OverdueCrossing] }> {
	private last: Instant;
	private timer: NodeJS.Timeout | undefined;
	private announced = new Map<string, Instant>();

	constructor(
		private readonly db: Database,
		private readonly redis: RedisClient | undefined,
		private readonly log: Logger,
		private readonly clock: () => Instant = Date.now,
		private readonly prefix = 'mcl'
	) {
		super();
		// A few seconds back, so a quick restart does not skip crossings.
		this.last = clock() - 5_000;
	}

	start(intervalMs = 1_000): void {
		this.timer = setInterval(() => {
			this.sweep().catch((error: unknown) =>
				this.log.warn({ err: error }, 'deadline sweep failed')
			);
		}, intervalMs);
		this.timer.unref();
	}

	/** Finds dossiers whose due time fell in (last sweep, now] and still open, and announces each once. */
	async sweep(): Promise<OverdueCrossing[]> {
		const now = this.clock();
		const from = this.last;
		const rows = rowsOf<{ code: string; ward_code: string; due_at: Date | string }>(
			await this.db.execute(sql`
				select code, ward_code, due_at from dossiers
				where finished_at is null and status not in (1, 3, 5, 6, 7) and due_at > ${new Date(from).toISOString()}::timestamptz
				  and due_at <= ${new Date(now).toISOString()}::timestamptz`)
		);
		this.last = now;
		const crossings: OverdueCrossing[] = [];
		for (const row of rows) {
			const dueAt = new Date(row.due_at).getTime();
			if (!(await this.claim(row.code, dueAt))) continue;
			const crossing = { dossier: row.code, ward: row.ward_code, dueAt };
			crossings.push(crossing);
			this.emit('overdue', crossing);
		}
		return crossings;
	}

	private async claim(code: string, dueAt: Instant): Promise<boolean> {
		if (this.redis?.isReady) {
			const key = `${this.prefix}:overdue-announced:{${code}}:${dueAt}`;
			return (await this.redis.set(key, '1', { NX: true, EX: CLAIM_SECONDS })) === 'OK';
		}
		if (this.announced.get(code) === dueAt) return false;
		// Bounded memory: forget claims older than the claim window.
		if (this.announced.size > 100_000) this.announced.clear();
		this.announced.set(code, dueAt);
		return true;
	}

	stop(): void {
		clearInterval(this.timer);
	}
}
