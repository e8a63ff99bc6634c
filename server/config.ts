import { z } from 'zod';

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
	LIVE_PUBLIC_READ: z.enum(['on', 'off']).optional()
});

export type Config = z.infer<typeof configSchema>;

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
		...overrides
	});
}
