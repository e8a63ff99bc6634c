import pino, { type Logger } from 'pino';

/** Structured JSON logs on stdout, one line per event, ISO timestamps. */
export function createLogger(level: string): Logger {
	return pino({
		level,
		base: { service: 'mot-cua-live' },
		timestamp: pino.stdTimeFunctions.isoTime
	});
}
