import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const SCRIPTS = (
	JSON.parse(readFileSync(new URL('package.json', `file://${ROOT}`), 'utf8')) as {
		scripts: Record<string, string>;
	}
).scripts;

/**
 * The node flags of `npm start` or `npm run cli` (`node <flags> <entry>` in package.json), so tests and benches
 * start the server and the cli exactly as they run: the server with its heap-growth setting, the cli without
 * (README, scripts). `--import tsx` runs the entry in this very process: a signal sent to the child reaches the
 * server itself (the tsx CLI would put a second process in between, and a SIGKILL would orphan the real one).
 */
export function nodeFlagsOf(script: 'start' | 'cli'): { flags: string[]; entry: string } {
	const words = SCRIPTS[script]!.trim().split(/\s+/);
	return { flags: words.slice(1, -1), entry: words[words.length - 1]! };
}

const SERVER = nodeFlagsOf('start');
const CLI = nodeFlagsOf('cli');

/** A test server's own settings: a free port of 127.0.0.1, and the info log its `waitFor`s read. */
export const LOCAL_SERVER = { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' } as const;

/** The environment of a server on an embedded database in `dataDir`, on a free port of 127.0.0.1. */
export function embeddedServerEnv(
	dataDir: string,
	more: Record<string, string> = {}
): Record<string, string> {
	return { DATA_DIR: dataDir, ...LOCAL_SERVER, ...more };
}

export interface RunningProcess {
	child: ChildProcess;
	output: () => string;
	/** Resolves with the first output line matching the pattern. */
	waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
	exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs a TypeScript entry point of the project as a real child process with the given environment. */
export function runTs(
	entry: string,
	env: Record<string, string>,
	args: string[] = []
): RunningProcess {
	const { flags } = entry === SERVER.entry ? SERVER : CLI;
	const child = spawn(process.execPath, [...flags, entry, ...args], {
		cwd: ROOT,
		env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let text = '';
	const listeners = new Set<() => void>();
	const onData = (chunk: Buffer) => {
		text += chunk.toString();
		for (const listener of listeners) listener();
	};
	child.stdout!.on('data', onData);
	child.stderr!.on('data', onData);
	const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
		child.on('exit', (code, signal) => {
			for (const listener of listeners) listener();
			resolve({ code, signal });
		})
	);
	return {
		child,
		output: () => text,
		exited,
		waitFor(pattern, timeoutMs = 60_000) {
			return new Promise((resolve, reject) => {
				const check = () => {
					const line = text.split('\n').find((l) => pattern.test(l));
					if (line !== undefined) {
						cleanup();
						resolve(line);
					} else if (child.exitCode !== null) {
						cleanup();
						reject(new Error(`process exited (${child.exitCode}) before ${pattern}:\n${text}`));
					}
				};
				const timer = setTimeout(() => {
					cleanup();
					reject(new Error(`timed out waiting for ${pattern}:\n${text}`));
				}, timeoutMs);
				const cleanup = () => {
					clearTimeout(timer);
					listeners.delete(check);
				};
				listeners.add(check);
				check();
			});
		}
	};
}

/** The server's start-up log line; its group is the port it listens on. */
export const LISTENING = /listening on http:\/\/localhost:(\d+)/;

/** Waits until a started server listens and returns its base URL. */
export async function listeningBase(server: RunningProcess): Promise<string> {
	const line = await server.waitFor(LISTENING);
	return `http://127.0.0.1:${LISTENING.exec(line)![1]}`;
}

/** What a finished `npm run cli -- …` printed; each command prints its result alone on the last line. */
export interface CliRun {
	code: number | null;
	/** Everything it printed (stdout and stderr), trimmed. */
	output: string;
	lines: string[];
	last: string;
}

/** Runs `npm run cli -- <args>` with `env` as an operator does, to its end. */
export async function runCli(env: Record<string, string>, args: string[]): Promise<CliRun> {
	const run = runTs('server/cli/index.ts', env, args);
	const { code } = await run.exited;
	const output = run.output().trim();
	const lines = output.split('\n');
	return { code, output, lines, last: lines.at(-1) ?? '' };
}

/**
 * Creates an API key the way an operator does (`npm run cli -- apikey create`) and returns it (the last line of
 * the output) with the command's exit.
 */
export async function createApiKey(
	env: Record<string, string>,
	name: string,
	scope: string
): Promise<{ key: string; exit: { code: number | null } }> {
	const run = await runCli(env, ['apikey', 'create', '--name', name, '--scope', scope]);
	return { key: run.last, exit: { code: run.code } };
}
