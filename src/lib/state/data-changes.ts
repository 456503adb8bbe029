/**
 * One signal for "the loaded data changed" (an import applied or removed): modules that cache results computed
 * from the data register a `clear` here, so that every page sees the new data the next time it asks.
 */
const listeners = new Set<() => void>();
let version = 0;

/** A number that grows with every data change: work done at one version is stale at a later one. */
export function dataVersion(): number {
	return version;
}

/** Calls `clear` after every data change; returns a function that stops it. */
export function onDataChange(clear: () => void): () => void {
	listeners.add(clear);
	return () => listeners.delete(clear);
}

/** Announces a data change: every registered cache is cleared (one failing listener does not stop the others). */
export function dataChanged(): void {
	version += 1;
	for (const clear of [...listeners]) {
		try {
			clear();
		} catch (error) {
			console.error('data-change listener failed', error);
		}
	}
}
