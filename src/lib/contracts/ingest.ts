import { z } from 'zod';
import { CHANNELS, EVENT_TYPES, STAGES, type DossierEvent } from '../domain/dossier';
import { WARD_CODE } from './scope';

/** Limits of one ingest request (ARCHITECTURE §4.1). */
export const MAX_EVENTS_PER_REQUEST = 5_000;
export const MAX_BODY_BYTES = 5 * 1024 * 1024;
/** How far an event's `at` may lie ahead of the server clock (sources' clocks drift a little). */
export const MAX_CLOCK_AHEAD_MS = 5 * 60_000;

const instant = z.iso
	.datetime({ offset: true, message: 'must be an RFC 3339 timestamp with an offset' })
	.transform((text) => Date.parse(text));

const wardCode = z.string().regex(WARD_CODE, 'must be a 5-digit ward code');
const text = (max: number) => z.string().trim().min(1).max(max);

/** Which fields each event type cannot do without. */
const REQUIRED_BY_TYPE: Partial<Record<(typeof EVENT_TYPES)[number], string[]>> = {
	submitted: ['procedure', 'channel'],
	received: ['procedure', 'channel'],
	stage_changed: ['stage'],
	due_extended: ['dueAt'],
	rated: ['satisfied']
};

/** One native event on the wire (ARCHITECTURE §4.1); parses to the domain's DossierEvent. */
export const nativeEventSchema = z
	.object({
		id: text(128).describe("The source's unique event id; resending it is harmless"),
		type: z.enum(EVENT_TYPES).describe('What happened to the dossier'),
		dossier: text(128).describe('Dossier code (MaHoSo)'),
		ward: wardCode.describe('Handling ward code'),
		at: instant.describe(
			`When it happened (RFC 3339 with an offset); at most ${MAX_CLOCK_AHEAD_MS / 60_000} minutes ahead of the server clock`
		),
		receivingWard: wardCode
			.optional()
			.describe('Receiving ward code when it differs (NĐ 118/2025)'),
		procedure: text(64)
			.optional()
			.describe('National procedure code (MaTTHC); required on submitted and received'),
		field: text(64)
			.optional()
			.describe('Field code (MaLinhVuc); default from the procedure catalogue'),
		channel: z.enum(CHANNELS).optional().describe('Required on submitted and received'),
		dueAt: instant
			.optional()
			.describe('Due date from the source; on due_extended the new due date (required)'),
		stage: z.enum(STAGES).optional().describe('Required on stage_changed'),
		step: text(200).optional(),
		unit: text(200).optional(),
		officer: text(128).optional().describe('A pseudonymous officer id, never a name'),
		stageDueAt: instant.optional().describe("The step's own deadline"),
		reason: z.string().max(2_000).optional(),
		paidOnline: z.boolean().optional().describe('On fee_paid'),
		satisfied: z.boolean().optional().describe('Required on rated'),
		digitised: z.boolean().optional().describe('Digitised components and an electronic result')
	})
	.superRefine((event, ctx) => {
		for (const field of REQUIRED_BY_TYPE[event.type] ?? []) {
			if (event[field as keyof typeof event] === undefined)
				ctx.addIssue({ code: 'custom', path: [field], message: `is required on ${event.type}` });
		}
	}) satisfies z.ZodType<DossierEvent>;

export type NativeEventInput = z.input<typeof nativeEventSchema>;

/** The JSON body `{events: [...]}`; each event is validated on its own so one bad event rejects only itself. */
export const eventBatchSchema = z.object({
	events: z.array(z.unknown(), { message: 'must be an array of events' })
});

export interface IngestRejection {
	index: number;
	id?: string;
	error: string;
}

export interface IngestResult {
	accepted: number;
	duplicates: number;
	rejected: IngestRejection[];
}

/** "field: problem; field: problem" — what is wrong and where, for one rejected item. */
export function describeIssues(error: z.ZodError): string {
	return error.issues
		.map((issue) => `${issue.path.length ? issue.path.join('.') : 'event'}: ${issue.message}`)
		.join('; ');
}
