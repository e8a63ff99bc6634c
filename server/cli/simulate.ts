import { parseArgs } from 'node:util';
import { PROVINCE_CODE, WARD_CODE } from '../../src/lib/contracts/scope';
import { addDays, startOfVnDay, vnDateOf } from '../../src/lib/domain/calendar/vn-time';
import { IngestService } from '../ingest/ingest-service';
import { PacedFeed, type EventSink, type FeedProgress } from '../feed/paced-feed';
import { planEvents, planFrom, wardsToSimulate } from '../feed/simulation-plan';
import { HttpSink, StorageSink } from '../feed/sinks';
import { ReferenceData } from '../reference/reference-data';
import { toNativeEvent } from '../simulator/generator';
import { SCENARIOS, type ScenarioName, type ScenarioSpec } from '../simulator/scenarios';
import { CliUsageError, type CliContext } from './context';

export const SIMULATE_USAGE =
	'simulate [--province <code> | --ward <code>…] [--days <n>] [--seed <s>] [--rate <x>] [--scenario <name>:<ward>…] [--url <server> --key <api key>] [--history db|api] [--no-live | --for <seconds>]';

/** Progress on stderr every few seconds: events sent, their rate, and how far the simulated time got. */
function progressLine() {
	let last = 0;
	const started = performance.now();
	return (p: FeedProgress) => {
		const now = performance.now();
		if (now - last < 5_000) return;
		last = now;
		const rate = Math.round(p.sent / ((now - started) / 1000));
		const reached = p.at === null ? '' : ` up to ${new Date(p.at).toISOString()}`;
		process.stderr.write(`${p.phase}: ${p.sent} events sent (${rate}/s)${reached}\n`);
	};
}

/**
 * `simulate`: a calibrated stream for a province or some wards. The history goes in through the bulk fast path
 * (this command's database), or over the API of `--url`; then live events are posted as their time comes.
 */
export async function simulateCommand(args: string[], cli: CliContext): Promise<string> {
	const { values } = parseArgs({
		args,
		options: {
			province: { type: 'string' },
			ward: { type: 'string', multiple: true },
			days: { type: 'string', default: '90' },
			seed: { type: 'string', default: 'mot-cua-live' },
			rate: { type: 'string', default: '1' },
			scenario: { type: 'string', multiple: true },
			url: { type: 'string' },
			key: { type: 'string' },
			history: { type: 'string' },
			'no-live': { type: 'boolean', default: false },
			for: { type: 'string' }
		}
	});
	const usage = (message: string) => new CliUsageError(message, SIMULATE_USAGE);
	if (values.province !== undefined && !PROVINCE_CODE.test(values.province))
		throw usage('--province: must be a 2-digit province code');
	if (values.province !== undefined && values.ward?.length)
		throw usage('--province and --ward: give one or the other');
	for (const ward of values.ward ?? [])
		if (!WARD_CODE.test(ward)) throw usage(`--ward: ${ward} is not a 5-digit ward code`);
	const days = Number(values.days);
	if (!Number.isInteger(days) || days < 0 || days > 400)
		throw usage('--days: must be a whole number from 0 to 400');
	const rate = Number(values.rate);
	if (!(rate > 0 && rate <= 1_000)) throw usage('--rate: must be a number above 0, at most 1000');
	if ((values.url === undefined) !== (values.key === undefined))
		throw usage('--url and --key: give both to post to a server');
	const history = values.history ?? (values.url ? 'api' : 'db');
	if (history !== 'db' && history !== 'api') throw usage('--history: must be db or api');
	if (history === 'api' && !values.url) throw usage('--history api: needs --url and --key');
	const runFor = values.for === undefined ? undefined : Number(values.for);
	if (runFor !== undefined && !(runFor > 0)) throw usage('--for: must be a number of seconds');
	if (values['no-live'] && runFor !== undefined) throw usage('--no-live and --for: give one');

	const reference = await new ReferenceData(cli.db).load();
	const wards = await wardsToSimulate(cli.db, {
		province: values.province,
		wards: values.ward
	});
	if (wards.length === 0) throw usage(`--province: ${values.province} has no wards`);
	const now = Date.now();
	const scenarioStart = startOfVnDay(addDays(vnDateOf(now), -1));
	const scenarios: ScenarioSpec[] = (values.scenario ?? []).map((text) => {
		const [name, ward] = text.split(':');
		if (!(name in SCENARIOS))
			throw usage(`--scenario: ${name} is not one of ${Object.keys(SCENARIOS).join(', ')}`);
		if (!wards.includes(ward))
			throw usage(`--scenario: ${text} must name one of the simulated wards (<name>:<ward>)`);
		return { name: name as ScenarioName, ward, from: scenarioStart };
	});
	const plan = planFrom(now, days, { seed: values.seed, wards, rateMultiplier: rate, scenarios });
	const events = await planEvents(cli.db, reference, plan);

	const storage = new StorageSink(new IngestService(cli.db, reference, cli.log), 'simulator');
	const api = values.url
		? new HttpSink({ url: values.url, key: values.key!, toWire: toNativeEvent })
		: undefined;
	// History and live may take different ways in: a switching sink hands over after the backfill.
	let current: EventSink = history === 'api' ? api! : storage;
	const sink: EventSink = {
		write: (batch) => current.write(batch),
		flush: () => current.flush()
	};
	const feed = new PacedFeed(events, sink, { onProgress: progressLine() });
	const started = performance.now();
	await feed.backfill();
	const backfilled = feed.progress.sent;
	const backfillSeconds = (performance.now() - started) / 1000;
	if (!values['no-live']) {
		current = api ?? storage;
		const stopAfter =
			runFor === undefined ? undefined : setTimeout(() => feed.stop(), runFor * 1000);
		const stop = () => feed.stop();
		process.once('SIGINT', stop);
		process.once('SIGTERM', stop);
		await feed.live();
		clearTimeout(stopAfter);
		process.off('SIGINT', stop);
		process.off('SIGTERM', stop);
	}
	return JSON.stringify({
		wards: wards.length,
		from: new Date(plan.from).toISOString(),
		history: { events: backfilled, seconds: Math.round(backfillSeconds * 10) / 10 },
		live: { events: feed.progress.sent - backfilled },
		stored: storage.totals,
		posted: api?.totals ?? null
	});
}
