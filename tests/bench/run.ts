/**
 * `npm run bench [-- <scenario> ...]`: runs the named scenarios (default: all but `soak`, which takes half an
 * hour and runs only when named) and prints one JSON line each, with the machine and date. Performance targets live here, never in timed unit tests.
 */
import os from 'node:os';
import { aggregateBench } from './aggregate';
import { ingestBench } from './ingest';
import { liveBench } from './live';
import { pagesBench } from './pages';
import { soakBench } from './soak';
import { startupBench } from './startup';

const SCENARIOS: Record<string, () => Promise<unknown>> = {
	startup: startupBench,
	ingest: ingestBench,
	aggregate: aggregateBench,
	live: liveBench,
	pages: pagesBench,
	soak: soakBench
};

/** Names the issues use for figures one scenario measures together (one load of a million dossiers). */
const ALIASES: Record<string, string> = { snapshot: 'aggregate', rebuild: 'aggregate' };

const asked = [...new Set(process.argv.slice(2).map((name) => ALIASES[name] ?? name))];
const unknown = asked.filter((name) => !(name in SCENARIOS));
if (unknown.length) {
	console.error(
		`unknown scenario ${unknown.join(', ')}; known: ${Object.keys(SCENARIOS).join(', ')}`
	);
	process.exit(64);
}
const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`;
/** Scenarios that run only when named. */
const ON_REQUEST = new Set(['soak']);
for (const name of asked.length
	? asked
	: Object.keys(SCENARIOS).filter((n) => !ON_REQUEST.has(n))) {
	const result = await SCENARIOS[name]();
	console.log(
		JSON.stringify({
			scenario: name,
			machine,
			date: new Date().toISOString(),
			...(result as object)
		})
	);
}
process.exit(0);
