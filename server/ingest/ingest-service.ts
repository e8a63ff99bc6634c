import type { Logger } from 'pino';
import {
	describeIssues,
	MAX_CLOCK_AHEAD_MS,
	nativeEventSchema,
	type IngestRejection,
	type IngestResult
} from '../../src/lib/contracts/ingest';
import { inArray } from 'drizzle-orm';
import type { Instant } from '../../src/lib/domain/calendar/vn-time';
import type { DossierEvent, DossierState, EventType, Stage } from '../../src/lib/domain/dossier';
import type { ApiKeyGrant } from '../access/api-keys';
import { scopeCoversWard } from '../access/scope';
import type { Database } from '../db/client';
import { dossiers } from '../db/schema';
import type { ReferenceData } from '../reference/reference-data';
import { storeEvents, type DossierChange } from './store-events';

export type ChangeListener = (changes: DossierChange[]) => void;

/**
 * Why an event dated after `now` plus the allowed drift is refused (null when it is not). Further ahead, the
 * figures could not agree: the live store counts a dossier where its latest event put it, while reads at an
 * instant (SQL, reports) count it where it was at that instant.
 */
function aheadOfClockError(at: Instant, now: Instant): string | null {
	if (at <= now + MAX_CLOCK_AHEAD_MS) return null;
	const minutes = Math.ceil((at - now) / 60_000);
	const clock = new Date(now).toISOString();
	const allowed = MAX_CLOCK_AHEAD_MS / 60_000;
	return `at: ${new Date(at).toISOString()} is ${minutes} minutes ahead of the server clock (${clock}); events may be at most ${allowed} minutes ahead`;
}

/** The non-personal facts of a newly stored event, for the live ticker. */
export interface AcceptedEvent {
	dossier: string;
	type: EventType;
	at: Instant;
	ward: string;
	/** The event's field, else its dossier's. */
	field: string | null;
	/** The stage a `stage_changed` event moved to; null for other events. */
	stage: Stage | null;
}

export type AcceptedListener = (events: AcceptedEvent[]) => void;

/** Storage failed: nothing of the batch was stored, and the client may retry. */
export class StorageUnavailableError extends Error {
	constructor(readonly cause: unknown) {
		super('storage unavailable');
	}
}

export interface CheckedBatch {
	events: DossierEvent[];
	rejected: IngestRejection[];
	/** How many rejections were for a ward outside the key's scope. */
	outOfScope: number;
}

/**
 * Validates, authorises and stores batches of native events for every way in (REST, DVCQG sync, import),
 * then tells listeners (the aggregator) which dossiers changed.
 */
export class IngestService {
	private listeners = new Set<ChangeListener>();
	private acceptedListeners = new Set<AcceptedListener>();

	constructor(
		private readonly db: Database,
		private readonly reference: ReferenceData,
		private readonly log: Logger,
		private readonly clock: () => Instant = Date.now
	) {}

	onChanges(listener: ChangeListener): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	/** Listens to newly stored events (after commit), e.g. for the live ticker. */
	onAccepted(listener: AcceptedListener): () => void {
		this.acceptedListeners.add(listener);
		return () => this.acceptedListeners.delete(listener);
	}

	private tellAccepted(
		events: readonly DossierEvent[],
		acceptedIds: ReadonlySet<string>,
		changes: readonly DossierChange[]
	): void {
		const fieldOf = new Map(changes.map((change) => [change.code, change.after.field]));
		const accepted = events
			.filter((event) => acceptedIds.has(event.id))
			.map((event): AcceptedEvent => ({
				dossier: event.dossier,
				type: event.type,
				at: event.at,
				ward: event.ward,
				field: event.field ?? fieldOf.get(event.dossier) ?? null,
				stage: event.type === 'stage_changed' ? (event.stage ?? null) : null
			}));
		for (const listener of this.acceptedListeners) {
			try {
				listener(accepted);
			} catch (error) {
				this.log.error({ err: error }, 'accepted-event listener failed');
			}
		}
	}

	/** Current states of these dossiers, for comparing incoming snapshots with what is stored. */
	async storedStates(codes: readonly string[]): Promise<Map<string, DossierState>> {
		if (codes.length === 0) return new Map();
		const rows = await this.db
			.select({ code: dossiers.code, state: dossiers.state })
			.from(dossiers)
			.where(inArray(dossiers.code, [...codes]));
		return new Map(rows.map((row) => [row.code, row.state as DossierState]));
	}

	/** Whether a key may write for this ward: the one scope check. */
	allows(grant: ApiKeyGrant, ward: string): boolean {
		return scopeCoversWard(grant.scope, ward, (w) => this.reference.provinceOf(w));
	}

	/** The refusal of the first event of `events` dated too far ahead of the server clock, if any. */
	aheadOfClock(events: readonly DossierEvent[]): string | null {
		const now = this.clock();
		for (const event of events) {
			const error = aheadOfClockError(event.at, now);
			if (error !== null) return error;
		}
		return null;
	}

	/** Checks each raw event on its own: shape, not dated ahead of the clock, known ward, and the key's scope. */
	check(raw: readonly unknown[], grant: ApiKeyGrant | null): CheckedBatch {
		const now = this.clock();
		const events: DossierEvent[] = [];
		const rejected: IngestRejection[] = [];
		let outOfScope = 0;
		raw.forEach((item, index) => {
			const id =
				typeof (item as { id?: unknown })?.id === 'string'
					? (item as { id: string }).id
					: undefined;
			const parsed = nativeEventSchema.safeParse(item);
			if (!parsed.success) return rejected.push({ index, id, error: describeIssues(parsed.error) });
			const event = parsed.data;
			const reject = (error: string) => rejected.push({ index, id, error });
			const ahead = aheadOfClockError(event.at, now);
			if (ahead !== null) return reject(ahead);
			if (!this.reference.isWard(event.ward))
				return reject(`ward: unknown ward code ${event.ward}`);
			if (event.receivingWard !== undefined && !this.reference.isWard(event.receivingWard))
				return reject(`receivingWard: unknown ward code ${event.receivingWard}`);
			if (grant && !this.allows(grant, event.ward)) {
				outOfScope += 1;
				return reject(`ward: this API key may not send events for ward ${event.ward}`);
			}
			events.push(event);
		});
		return { events, rejected, outOfScope };
	}

	/** Stores checked events; resolves only after commit. */
	async store(
		source: string,
		events: readonly DossierEvent[]
	): Promise<Omit<IngestResult, 'rejected'> & { acceptedIds: ReadonlySet<string> }> {
		let result;
		try {
			result = await storeEvents(this.db, source, events, this.reference);
		} catch (error) {
			this.log.error({ err: error, source, events: events.length }, 'storing events failed');
			throw new StorageUnavailableError(error);
		}
		if (result.changes.length > 0) {
			for (const listener of this.listeners) {
				try {
					listener(result.changes);
				} catch (error) {
					// The outbox still holds these changes; the aggregator catches up from it.
					this.log.error({ err: error }, 'change listener failed');
				}
			}
		}
		if (this.acceptedListeners.size > 0 && result.acceptedIds.size > 0)
			this.tellAccepted(events, result.acceptedIds, result.changes);
		return {
			accepted: result.accepted,
			duplicates: result.duplicates,
			acceptedIds: result.acceptedIds
		};
	}
}
