import os from 'node:os';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import type { Figure } from './figures';

const RESULTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'RESULTS.md');

export interface BenchSummary {
	machine: string;
	date: string;
	size: 'quick' | 'full';
	seconds: number;
	/** The machine's one-minute load average when the run started and ended: other work skews every figure. */
	load: { start: number; end: number };
	scenarios: string[];
	figures: Figure[];
}

const verdict = (met: boolean | null) =>
	met === null ? 'n/a at this size' : met ? 'met' : '**not met**';
const shown = (f: Figure) =>
	f.value === null
		? '—'
		: `${typeof f.value === 'number' ? f.value.toLocaleString('en') : f.value} ${f.unit}`;

/** The summary as a Markdown section; its markers let the next run of the same size replace it. */
export function summarySection(summary: BenchSummary): string {
	const rows = summary.figures.map(
		(f) => `| ${f.scenario} | ${f.figure} | ${shown(f)} | ${f.target} | ${verdict(f.met)} |`
	);
	return [
		`<!-- bench-summary:${summary.size}:start -->`,
		`## Latest ${summary.size} run of the whole suite (\`npm run bench${summary.size === 'quick' ? ' -- --quick' : ''}\`), ${summary.date.slice(0, 10)}`,
		'',
		`Written by the run itself: ${summary.machine}; started ${summary.date}; ${summary.scenarios.join(', ')} in ${summary.seconds} s; load average ${summary.load.start} at the start, ${summary.load.end} at the end (${os.cpus().length} cores: above that, other work competed for the CPU).`,
		'',
		'| scenario | figure | measured | target | verdict |',
		'| --- | --- | --- | --- | --- |',
		...rows,
		`<!-- bench-summary:${summary.size}:end -->`
	].join('\n');
}

/** Replaces (or appends) this size's section of RESULTS.md, formatted as the repository's Prettier would. */
export async function recordSummary(summary: BenchSummary): Promise<void> {
	const text = readFileSync(RESULTS, 'utf8');
	const start = `<!-- bench-summary:${summary.size}:start -->`;
	const end = `<!-- bench-summary:${summary.size}:end -->`;
	const from = text.indexOf(start);
	const to = text.indexOf(end);
	const next =
		from >= 0 && to > from
			? text.slice(0, from) + summarySection(summary) + text.slice(to + end.length)
			: `${text.trimEnd()}\n\n${summarySection(summary)}\n`;
	const options = (await resolveConfig(RESULTS)) ?? {};
	writeFileSync(RESULTS, await format(next, { ...options, filepath: RESULTS }));
}
