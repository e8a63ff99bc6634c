import { z } from 'zod';
import { isActiveHours, isClock, type WallSettings } from '../src/lib/wall/wall-settings';

/** Every setting of the process, parsed once at start-up; the only module that reads `process.env`. */
const optionalUrl = (protocols: string[]) =>
	z
		.string()
		.trim()
		.optional()
		.transform((value) => (value === '' ? undefined : value))
		.refine(
			(value) => {
				if (value === undefined) return true;
				try {
					return protocols.includes(new URL(value).protocol);
				} catch {
					return false;
				}
			},
			{ message: `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}` }
		);

export const configSchema = z.object({
	NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
	PORT: z.coerce.number().int().min(0).max(65535).default(3000),
	HOST: z.string().min(1).default('0.0.0.0'),
	ORIGIN: optionalUrl(['http:', 'https:']),
	DATABASE_URL: optionalUrl(['postgres:', 'postgresql:']),
	REDIS_URL: optionalUrl(['redis:', 'rediss:']),
	DATA_DIR: z.string().min(1).default('./data'),
	LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
	REDIS_KEY_PREFIX: z
		.string()
		.regex(/^[a-z0-9_.-]{1,32}$/, 'must be 1-32 of a-z 0-9 _ . -')
		.default('mcl'),
	RECONCILE_INTERVAL_MS: z.coerce.number().int().min(1_000).default(600_000),
	SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
	LIVE_COALESCE_MS: z.coerce.number().int().min(50).max(10_000).default(250),
	LIVE_TOKEN: z
		.string()
		.trim()
		.optional()
		.transform((value) => (value === '' ? undefined : value))
		.refine((value) => value === undefined || value.length >= 24, {
			message: 'must be at least 24 characters'
		}),
	LIVE_PUBLIC_READ: z.enum(['on', 'off']).optional(),
	/** How long a sign-in lasts before the person must sign in again. */
	SESSION_TTL_HOURS: z.coerce.number().min(0.01).max(720).default(12),
	/** Ingest requests (`/api/v1/events`, `/api/v1/dvcqg`) one API key may make per minute. */
	INGEST_RATE_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(1_200),
	/** The simulated demo province; default on only with the embedded database. */
	DEMO: z.enum(['on', 'off']).optional(),
	DEMO_PROVINCE: z
		.string()
		.regex(/^\d{2}$/, 'must be a 2-digit province code')
		.default('40'),
	/** Whole days of history before today loaded behind the live feed; 0: none, live from the start. */
	DEMO_DAYS: z.coerce.number().int().min(0).max(400).default(90),
	DEMO_SEED: z.string().trim().min(1).max(64).default('mot-cua-live'),
	/** Multiplies the demo's arrivals (and so its load); 1 is the calibrated province. */
	DEMO_RATE: z.coerce.number().positive().max(1_000).default(1),
	/** Seconds each panel of a wall display's playlist stays on screen (a display URL's `?interval=` wins). */
	WALL_PANEL_SECONDS: z.coerce.number().int().min(5).max(600).default(20),
	/** When wall displays show figures, `HH:mm-HH:mm` in Vietnam time; standby outside. */
	WALL_ACTIVE_HOURS: z
		.string()
		.trim()
		.refine(isActiveHours, { message: 'must be HH:mm-HH:mm (00:00-24:00: always on)' })
		.default('06:30-18:30'),
	/** Minutes without an event from a wall's scope, in office hours, before its source's lag is shown. */
	WALL_INGEST_LAG_MINUTES: z.coerce.number().int().min(1).max(1_440).default(30),
	/** When wall displays reload themselves each night, `HH:mm` in Vietnam time. */
	WALL_NIGHTLY_RELOAD: z
		.string()
		.trim()
		.refine(isClock, { message: 'must be HH:mm' })
		.default('03:00'),
	/** Seconds between a wall display's checks for a newly deployed build. */
	WALL_VERSION_POLL_SECONDS: z.coerce.number().int().min(2).max(3_600).default(60)
});

export type Config = z.infer<typeof configSchema>;

/** The wall displays' defaults, as pages receive them. */
export function wallSettingsOf(config: Config): WallSettings {
	return {
		panelSeconds: config.WALL_PANEL_SECONDS,
		activeHours: config.WALL_ACTIVE_HOURS,
		lagMinutes: config.WALL_INGEST_LAG_MINUTES,
		nightlyReload: config.WALL_NIGHTLY_RELOAD,
		versionPollSeconds: config.WALL_VERSION_POLL_SECONDS
	};
}

export class ConfigError extends Error {
	constructor(readonly issues: { variable: string; message: string }[]) {
		super(
			'Invalid configuration:\n' +
				issues.map((issue) => `  ${issue.variable}: ${issue.message}`).join('\n')
		);
		this.name = 'ConfigError';
	}
}

/** Parses the environment; throws a ConfigError naming every bad variable at once. */
export function loadConfig(
	env: Record<string, string | undefined> = process.env,
	defaults: Record<string, string> = {}
): Config {
	const result = configSchema.safeParse({ ...defaults, ...env });
	if (result.success) return result.data;
	throw new ConfigError(
		result.error.issues.map((issue) => ({
			variable: String(issue.path[0] ?? '?'),
			message: issue.message
		}))
	);
}

/** A config for tests and tools: defaults plus overrides, without touching `process.env`. */
export function testConfig(overrides: Partial<Record<keyof Config, string>> = {}): Config {
	// A Redis key prefix of its own, so tests sharing one Redis never see each other's aggregates.
	const prefix = `mcltest${process.pid}${Math.random().toString(36).slice(2, 8)}`;
	return loadConfig({
		NODE_ENV: 'test',
		LOG_LEVEL: 'silent',
		PORT: '0',
		REDIS_KEY_PREFIX: prefix,
		// Tests bring their own events; the ones about the demo turn it on.
		DEMO: 'off',
		...overrides
	});
}

/** The demo runs by default only with the embedded database, never into a real one unasked. */
export function demoEnabled(config: Config): boolean {
	return (config.DEMO ?? (config.DATABASE_URL ? 'off' : 'on')) === 'on';
}

/** The header through which the custom server tells adapter-node's handler the protocol when ORIGIN is unset. */
export const PAGES_PROTOCOL_HEADER = 'x-mcl-protocol';

/**
 * adapter-node's handler reads its own settings from the environment when it is imported, and without ORIGIN or
 * PROTOCOL_HEADER takes every request for https: SvelteKit would then refuse each form posted over plain http as
 * cross-site. Unless either is set, the handler is told to read the protocol from a header of our own, which
 * the custom server sets to `http` on each page request (app.ts). Returns whether it must.
 */
export function preparePagesHandler(
	config: Config,
	env: Record<string, string | undefined> = process.env
): boolean {
	if (config.ORIGIN !== undefined) return false;
	if (env.PROTOCOL_HEADER && env.PROTOCOL_HEADER !== PAGES_PROTOCOL_HEADER) return false;
	env.PROTOCOL_HEADER = PAGES_PROTOCOL_HEADER;
	return true;
}
