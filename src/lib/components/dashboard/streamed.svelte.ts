/**
 * The value of a promise a load streams after the page (the previous period's figures): undefined until it
 * settles, then its value; after a client navigation the new promise's, never an older one's. Create it while a
 * component initialises (it runs an effect).
 */
export class Streamed<T> {
	#settled = $state.raw<{ from: Promise<T>; value: T } | null>(null);
	readonly #source: () => Promise<T>;

	constructor(source: () => Promise<T>) {
		this.#source = source;
		$effect(() => {
			const promise = source();
			void promise.then((value) => (this.#settled = { from: promise, value }));
		});
	}

	get value(): T | undefined {
		const settled = this.#settled;
		return settled && settled.from === this.#source() ? settled.value : undefined;
	}
}
