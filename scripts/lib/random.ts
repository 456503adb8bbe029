/**
 * A small seeded pseudo-random generator for the demo data: sfc32 (Chris Doty-Humphrey's Small Fast Counter,
 * as in PractRand), seeded from a string with cyrb128. The same seed gives the same sequence on every run, so
 * generated files are byte-for-byte reproducible; nothing here ever calls Math.random or reads the clock.
 */

export interface Random {
	/** A float in [0, 1). */
	next(): number;
	/** A float in [min, max). */
	uniform(min: number, max: number): number;
	/** An integer in [min, max], both ends included. */
	int(min: number, max: number): number;
	/** True with probability `p`. */
	chance(p: number): boolean;
	/** A normally distributed float (Box–Muller). */
	normal(mean?: number, sd?: number): number;
	/** A Poisson-distributed count with mean `lambda` (≥ 0). */
	poisson(lambda: number): number;
	/** One item of a non-empty list. */
	pick<T>(items: readonly T[]): T;
	/** `n` distinct items of a list (all of them when `n` ≥ its length), in the list's own order. */
	sample<T>(items: readonly T[], n: number): T[];
	/**
	 * An independent generator for a named part of the work. Its sequence depends only on the parent's seed
	 * and the label, not on how many numbers the parent has drawn, so adding a draw in one part of a generator
	 * does not reshuffle every other part.
	 */
	fork(label: string): Random;
}

/** cyrb128: a fast 128-bit string hash, used only to turn a seed string into four 32-bit state words. */
function cyrb128(text: string): [number, number, number, number] {
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

/** sfc32 over 32-bit integer arithmetic: a float in [0, 1) per call. */
function sfc32(seed: [number, number, number, number]): () => number {
	let [a, b, c, d] = seed;
	const step = (): number => {
		a |= 0;
		b |= 0;
		c |= 0;
		d |= 0;
		const t = (((a + b) | 0) + d) | 0;
		d = (d + 1) | 0;
		a = b ^ (b >>> 9);
		b = (c + (c << 3)) | 0;
		c = (c << 21) | (c >>> 11);
		c = (c + t) | 0;
		return (t >>> 0) / 4294967296;
	};
	// The first outputs of a freshly seeded sfc32 are still correlated with the seed: discard them.
	for (let i = 0; i < 15; i++) step();
	return step;
}

/** Knuth's multiplication method: exact for the small means the demo uses. */
function poissonSmall(next: () => number, lambda: number): number {
	const limit = Math.exp(-lambda);
	let count = 0;
	let product = next();
	while (product > limit) {
		count++;
		product *= next();
	}
	return count;
}

export function createRandom(seed: string): Random {
	const next = sfc32(cyrb128(seed));
	const random: Random = {
		next,
		uniform: (min, max) => min + (max - min) * next(),
		int: (min, max) => min + Math.floor((max - min + 1) * next()),
		chance: (p) => next() < p,
		normal: (mean = 0, sd = 1) => {
			// 1 - next() lies in (0, 1], so the logarithm is finite.
			const u = 1 - next();
			const v = next();
			return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
		},
		poisson: (lambda) => {
			if (!(lambda > 0)) return 0;
			// Knuth's loop needs about lambda draws and underflows for large means; the normal
			// approximation is close enough there for illustrative counts.
			if (lambda < 30) return poissonSmall(next, lambda);
			return Math.max(0, Math.round(random.normal(lambda, Math.sqrt(lambda))));
		},
		pick: <T>(items: readonly T[]): T => {
			if (items.length === 0) throw new Error('pick() from an empty list');
			return items[Math.floor(next() * items.length)] as T;
		},
		sample: <T>(items: readonly T[], n: number): T[] => {
			// Selection sampling (Knuth's algorithm S): one pass, keeps the input order.
			const chosen: T[] = [];
			let needed = Math.min(n, items.length);
			for (let i = 0; i < items.length && needed > 0; i++) {
				if (next() * (items.length - i) < needed) {
					chosen.push(items[i] as T);
					needed--;
				}
			}
			return chosen;
		},
		fork: (label) => createRandom(`${seed}/${label}`)
	};
	return random;
}
