/** Polls `probe` until `done` holds (usable in hooks, where expect.poll is not). */
export async function waitUntil<T>(
	probe: () => T | Promise<T>,
	done: (value: T) => boolean,
	timeoutMs = 10_000
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (done(value)) return value;
		if (Date.now() > deadline)
			throw new Error(`condition not met within ${timeoutMs} ms (last: ${String(value)})`);
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}
