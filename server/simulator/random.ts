/**
 * Seeded pseudo-random numbers, hand-written so the stream never changes with a dependency's version:
 * cyrb128 hashes a text seed into 128 bits and sfc32 (Chris Doty-Humphrey's small fast counting generator,
 * public domain) draws from them. Every draw is plain 32-bit integer arithmetic, so the same seed gives the same
 * numbers on every platform.
 */

/** cyrb128: a text to four 32-bit words, well mixed (bryc, public domain). */
export function hash128(text: string): [number, number, number, number] {
	let h1 = 1779033703;
	let h2 = 3144134277;
	let h3 = 1013904242;
	let h4 = 2773480762;
	for (let i = 0; i < text.length; i++) {
		const k = text.charCodeAt(i);
		h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
		h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
		h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
		h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
	}
	h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
	h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
	h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
	h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
	h1 ^= h2 ^ h3 ^ h4;
	h2 ^= h1;
	h3 ^= h1;
	h4 ^= h1;
	return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** A uniform number in [0, 1) fixed by a text: for deterministic per-ward traits. */
export function hashUnit(text: string): number {
	return hash128(text)[0] / 4294967296;
}

// ln(k!) for small k, exact enough for the Poisson acceptance test.
const LOG_FACTORIALS: number[] = [0];
for (let k = 1; k < 64; k++) LOG_FACTORIALS.push(LOG_FACTORIALS[k - 1] + Math.log(k));

function logFactorial(k: number): number {
	if (k < LOG_FACTORIALS.length) return LOG_FACTORIALS[k];
	// Stirling's series for ln Γ(k + 1); the error is far below what the acceptance test can see.
	const x = k + 1;
	return (
		(x - 0.5) * Math.log(x) -
		x +
		0.5 * Math.log(2 * Math.PI) +
		1 / (12 * x) -
		1 / (360 * x ** 3) +
		1 / (1260 * x ** 5)
	);
}

/** A cumulative weight table for weighted picks: build once, pick many times. */
export interface WeightedTable<T> {
	items: readonly T[];
	/** Running sums of the weights; the last one is the total. */
	cumulative: readonly number[];
}

export function weightedTable<T>(entries: readonly (readonly [T, number])[]): WeightedTable<T> {
	const items: T[] = [];
	const cumulative: number[] = [];
	let total = 0;
	for (const [item, weight] of entries) {
		if (!(weight > 0)) continue;
		total += weight;
		items.push(item);
		cumulative.push(total);
	}
	return { items, cumulative };
}

/** The total weight of a table (0 when empty). */
export function tableTotal<T>(table: WeightedTable<T>): number {
	return table.cumulative.at(-1) ?? 0;
}

/** sfc32 seeded from a text: the same text always gives the same sequence. */
export class Random {
	private a: number;
	private b: number;
	private c: number;
	private d: number;

	constructor(seed: string) {
		[this.a, this.b, this.c, this.d] = hash128(seed);
		// The first outputs of sfc32 still echo the seed words: discard a few.
		for (let i = 0; i < 12; i++) this.next();
	}

	/** Uniform in [0, 1). */
	next(): number {
		const t = (((this.a + this.b) | 0) + this.d) | 0;
		this.d = (this.d + 1) | 0;
		this.a = this.b ^ (this.b >>> 9);
		this.b = (this.c + (this.c << 3)) | 0;
		this.c = (this.c << 21) | (this.c >>> 11);
		this.c = (this.c + t) | 0;
		return (t >>> 0) / 4294967296;
	}

	/** Uniform in [low, high). */
	between(low: number, high: number): number {
		return low + (high - low) * this.next();
	}

	/** A whole number in [0, n). */
	below(n: number): number {
		return Math.floor(this.next() * n);
	}

	chance(probability: number): boolean {
		return this.next() < probability;
	}

	/** Exponential with the given mean. */
	exponential(mean: number): number {
		return -mean * Math.log(1 - this.next());
	}

	/** Standard normal (Box–Muller, one of the pair). */
	normal(): number {
		const u = 1 - this.next();
		return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
	}

	/** Log-normal with the given median and log-scale spread. */
	logNormal(median: number, sigma: number): number {
		return median * Math.exp(sigma * this.normal());
	}

	/**
	 * Poisson with mean `lambda`: multiplication of uniforms for small means, Hörmann's PTRS transformed
	 * rejection (1993) for large ones, so load tests with huge rates stay fast and exact.
	 */
	poisson(lambda: number): number {
		if (!(lambda > 0)) return 0;
		if (lambda < 30) {
			const limit = Math.exp(-lambda);
			let k = 0;
			let product = this.next();
			while (product > limit) {
				k++;
				product *= this.next();
			}
			return k;
		}
		const sqrtLambda = Math.sqrt(lambda);
		const logLambda = Math.log(lambda);
		const b = 0.931 + 2.53 * sqrtLambda;
		const a = -0.059 + 0.02483 * b;
		const invAlpha = 1.1239 + 1.1328 / (b - 3.4);
		const vr = 0.9277 - 3.6224 / (b - 2);
		for (;;) {
			const u = this.next() - 0.5;
			const v = this.next();
			const us = 0.5 - Math.abs(u);
			const k = Math.floor(((2 * a) / us + b) * u + lambda + 0.43);
			if (us >= 0.07 && v <= vr) return k;
			if (k < 0 || (us < 0.013 && v > us)) continue;
			const lhs = Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b);
			if (lhs <= -lambda + k * logLambda - logFactorial(k)) return k;
		}
	}

	/** An item of a weighted table; throws on an empty table. */
	pick<T>(table: WeightedTable<T>): T {
		const total = tableTotal(table);
		if (total === 0) throw new RangeError('cannot pick from an empty table');
		const target = this.next() * total;
		const { cumulative, items } = table;
		let low = 0;
		let high = cumulative.length - 1;
		while (low < high) {
			const mid = (low + high) >> 1;
			if (cumulative[mid] > target) high = mid;
			else low = mid + 1;
		}
		return items[low];
	}
}

/**
 * Picks items in their weights' proportions with no sampling noise (smooth weighted round-robin): over any run
 * of n picks each item's count is within one of n × its share. Used for the procedure mix, so a month's field
 * shares match the calibration however few dossiers a field has; the starting phase is drawn from `rng`.
 */
export class QuotaPicker<T> {
	private readonly current: number[];
	private readonly weights: number[];
	private readonly total: number;

	constructor(
		private readonly table: WeightedTable<T>,
		rng: Random
	) {
		this.weights = table.cumulative.map((c, i) => c - (i === 0 ? 0 : table.cumulative[i - 1]));
		this.total = tableTotal(table);
		if (this.total === 0) throw new RangeError('cannot pick from an empty table');
		this.current = this.weights.map((w) => w * rng.next());
	}

	pick(): T {
		let best = 0;
		for (let i = 0; i < this.current.length; i++) {
			this.current[i] += this.weights[i];
			if (this.current[i] > this.current[best]) best = i;
		}
		this.current[best] -= this.total;
		return this.table.items[best];
	}
}
