/**
 * Choosing a set of units to visit under a constraint such as the 2020 border programme's "6 communes in 3
 * provinces: one in the northern mountains, one in the Central Highlands, one in the south-west" (Kế hoạch
 * 137/KH-ĐCT, II.1). Pure.
 *
 * The constraint: exactly `units` units, lying in exactly `provinces` distinct provinces, each chosen province
 * holding at least one and at most `maxPerProvince` of them, and for each region listed (a region may be listed
 * twice) at least that many chosen provinces in the region. Among the sets that satisfy it, the one with the
 * highest total score is proposed.
 *
 * How: for a fixed set of provinces the best units are found greedily — the best unit of each province, then the
 * best remaining ones while their province has room — which is optimal (each province's best unit belongs to some
 * optimal set, and the rest is a choice under per-province caps). The provinces are chosen by a depth-first
 * search over provinces ordered by what they can bring at best, pruned when the regions still needed cannot be
 * covered by the provinces left and when even the best provinces left cannot beat the best set found. A node limit
 * keeps it fast on any input; when reached, the best set found so far is returned and marked as not proven best.
 */

export interface VisitConstraint {
	units: number;
	provinces: number;
	/** Region codes; each needs at least one chosen province (as many as it is listed). */
	regions: string[];
	/** At most this many units in one province; null: no limit. */
	maxPerProvince: number | null;
}

export interface SolverItem {
	code: string;
	province: string;
	region: string | null;
	score: number;
}

export type SolveFailure =
	'bad-constraint' | 'too-few-provinces' | 'too-few-units' | 'regions-uncoverable' | 'no-solution';

export type Solution<T extends SolverItem> =
	| { ok: true; items: T[]; provinces: string[]; total: number; proven: boolean }
	| { ok: false; reason: SolveFailure };

interface Province<T> {
	code: string;
	region: string | null;
	/** Its items, best first. */
	items: T[];
	/** The most it can add to any set: its best `room` items. */
	potential: number;
}

const byScore = <T extends SolverItem>(a: T, b: T) => b.score - a.score || a.code.localeCompare(b.code);

/** The best `units` items from these provinces, at least one and at most `cap` from each; null if too few. */
export function fillProvinces<T extends SolverItem>(
	provinces: readonly { items: readonly T[] }[],
	units: number,
	cap: number
): { items: T[]; total: number } | null {
	if (provinces.length > units || provinces.some((p) => p.items.length === 0)) return null;
	const chosen: T[] = provinces.map((p) => p.items[0] as T);
	const rest = provinces
		.flatMap((p) => p.items.slice(1, cap).map((item) => item))
		.sort(byScore)
		.slice(0, units - chosen.length);
	if (chosen.length + rest.length < units) return null;
	const items = [...chosen, ...rest].sort(byScore);
	return { items, total: items.reduce((sum, item) => sum + item.score, 0) };
}

export function solveVisit<T extends SolverItem>(
	all: readonly T[],
	constraint: VisitConstraint,
	nodeLimit = 50_000
): Solution<T> {
	const { units, provinces: k } = constraint;
	if (!Number.isInteger(units) || !Number.isInteger(k) || units < 1 || k < 1 || k > units) {
		return { ok: false, reason: 'bad-constraint' };
	}
	const cap = Math.min(constraint.maxPerProvince ?? units, units - k + 1);
	if (cap < 1 || cap * k < units) return { ok: false, reason: 'bad-constraint' };
	const needed = new Map<string, number>();
	for (const region of constraint.regions) needed.set(region, (needed.get(region) ?? 0) + 1);
	if (constraint.regions.length > k) return { ok: false, reason: 'regions-uncoverable' };

	const grouped = new Map<string, T[]>();
	for (const item of all) grouped.set(item.province, [...(grouped.get(item.province) ?? []), item]);
	const provinces: Province<T>[] = [...grouped.entries()].map(([code, items]) => {
		const sorted = [...items].sort(byScore);
		return {
			code,
			region: sorted[0]?.region ?? null,
			items: sorted,
			// Negative scores count as 0 here, so that the potential stays an upper bound of what it adds.
			potential: sorted.slice(0, cap).reduce((sum, item) => sum + Math.max(0, item.score), 0)
		};
	});
	provinces.sort((a, b) => b.potential - a.potential || a.code.localeCompare(b.code));
	if (provinces.length < k) return { ok: false, reason: 'too-few-provinces' };
	if (all.length < units) return { ok: false, reason: 'too-few-units' };
	for (const [region, count] of needed) {
		if (provinces.filter((p) => p.region === region).length < count) {
			return { ok: false, reason: 'regions-uncoverable' };
		}
	}

	// regionsLeft[i]: provinces of each region from index i on, for the cover check.
	const regionsLeft: Map<string, number>[] = [];
	for (let i = provinces.length; i >= 0; i--) {
		const next = new Map(regionsLeft[i + 1] ?? []);
		const region = provinces[i]?.region;
		if (region) next.set(region, (next.get(region) ?? 0) + 1);
		regionsLeft[i] = next;
	}

	let best: { items: T[]; total: number; provinces: string[] } | null = null;
	let nodes = 0;
	let proven = true;
	const picked: Province<T>[] = [];
	const stillNeeded = new Map(needed);

	const canCover = (from: number, slots: number): boolean => {
		let total = 0;
		for (const [region, count] of stillNeeded) {
			if (count <= 0) continue;
			total += count;
			if ((regionsLeft[from]?.get(region) ?? 0) < count) return false;
		}
		return total <= slots;
	};

	const search = (from: number, potential: number): void => {
		if (++nodes > nodeLimit) {
			proven = false;
			return;
		}
		const slots = k - picked.length;
		if (slots === 0) {
			if ([...stillNeeded.values()].some((count) => count > 0)) return;
			const filled = fillProvinces(picked, units, cap);
			if (filled && (!best || filled.total > best.total + 1e-12)) {
				best = { ...filled, provinces: picked.map((p) => p.code) };
			}
			return;
		}
		if (provinces.length - from < slots || !canCover(from, slots)) return;
		// The best this branch could reach: the potentials picked plus the best `slots` left (sorted descending).
		let bound = potential;
		for (let i = from; i < from + slots; i++) bound += provinces[i]?.potential ?? 0;
		if (best && bound <= best.total + 1e-12) return;
		for (let i = from; i < provinces.length; i++) {
			const province = provinces[i] as Province<T>;
			picked.push(province);
			const region = province.region;
			const before = region ? stillNeeded.get(region) : undefined;
			if (region && before !== undefined) stillNeeded.set(region, before - 1);
			search(i + 1, potential + province.potential);
			if (region && before !== undefined) stillNeeded.set(region, before);
			picked.pop();
			if (!proven) return;
			if (provinces.length - (i + 1) < slots - 1) break;
		}
	};
	search(0, 0);
	const found = best as { items: T[]; total: number; provinces: string[] } | null;
	if (!found) return { ok: false, reason: 'no-solution' };
	return { ok: true, items: found.items, provinces: found.provinces, total: found.total, proven };
}
