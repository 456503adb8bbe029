/**
 * Units given by name or code in a user's file → unit codes. A name is matched among the units valid on the row's
 * period (the pre-2025 and the post-2025 hierarchies share names and even codes, told apart by valid_from/valid_to),
 * with and without diacritics, in any case, ignoring administrative prefixes ("Xã", "Phường", "Huyện", "TP",
 * "Hội LHPN"…), within the parent when one is given. The answer is matched, ambiguous (the candidates, for the user
 * to choose) or unknown (the closest names by edit distance). Pure.
 */
import type { Level, OrgUnit } from '$lib/model/data';
import { parsePeriod } from '$lib/periods';

export interface UnitCandidate {
	code: string;
	name: string;
	level: Level;
	/** The parent's name, to tell same-named units apart in a question to the user. */
	parentName: string | null;
}

export type UnitMatch =
	| { kind: 'matched'; code: string; unit: UnitCandidate }
	| { kind: 'ambiguous'; candidates: UnitCandidate[] }
	| { kind: 'unknown'; suggestions: UnitCandidate[] };

export interface MatchOptions {
	/** The parent unit's name or code, when the file has a parent column. */
	parent?: string | null;
	/** The row's period code; units valid at its end (else at any time in it) are considered. Absent: today's units. */
	period?: string | null;
	/** Consider units of any time (both hierarchies): for a row whose period cannot be read, so that its unit is not
	 * reported unknown merely because the date is. */
	anyTime?: boolean;
}

export interface UnitMatcher {
	/** A unit written by name. */
	byName(name: string, options?: MatchOptions): UnitMatch;
	/** A unit written by code (a code that lost its leading zeros in Excel is restored when that is unambiguous). */
	byCode(code: string, options?: MatchOptions): UnitMatch;
	/** The unit of a code valid for the period, if any (for messages). */
	unit(code: string, period?: string | null): UnitCandidate | null;
}

/** Union prefixes ("Hội LHPN xã …"), folded, longest first. */
const UNION_PREFIXES = ['hoi lien hiep phu nu', 'hoi lhpn', 'hoi phu nu', 'hoi pn', 'lhpn'];
/** Administrative prefixes, folded, longest first so that "thanh pho" goes before "thanh". */
const ADMIN_PREFIXES = [
	'thi tran',
	'thi xa',
	'thanh pho',
	'dac khu',
	'tinh',
	'huyen',
	'quan',
	'phuong',
	'xa',
	'tp'
].sort((a, b) => b.length - a.length);

function fold(text: string): string {
	return text
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.replace(/[đĐ]/g, 'd')
		.toLowerCase()
		.replace(/[.,;:()"“”'’\-–_/]+/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
}

/** `text` without the first of `prefixes` it starts with, unless nothing or only a number would remain. */
function withoutPrefix(text: string, prefixes: readonly string[]): string {
	for (const prefix of prefixes) {
		if (!text.startsWith(`${prefix} `)) continue;
		const rest = text.slice(prefix.length + 1);
		return rest === '' || /^\d+$/.test(rest) ? text : rest;
	}
	return text;
}

/**
 * A unit name reduced for matching: folded, then at most one Union prefix and one administrative prefix removed
 * ("Hội LHPN xã Tân Lập" → "tan lap"). Only one of each, so that a name which itself begins like a prefix keeps it
 * ("Huyện Quan Hóa" → "quan hoa", not "hoa"); a numbered ward keeps its prefix ("Phường 1" stays "phuong 1").
 */
export function foldUnitName(name: string): string {
	return withoutPrefix(withoutPrefix(fold(name), UNION_PREFIXES), ADMIN_PREFIXES);
}

/** Levenshtein distance, for suggestions. */
export function editDistance(a: string, b: string): number {
	if (a === b) return 0;
	let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i += 1) {
		const current = [i];
		for (let j = 1; j <= b.length; j += 1) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			current.push(
				Math.min(
					(previous[j] as number) + 1,
					(current[j - 1] as number) + 1,
					(previous[j - 1] as number) + cost
				)
			);
		}
		previous = current;
	}
	return previous[b.length] as number;
}

function validAt(unit: OrgUnit, date: string): boolean {
	return (
		(unit.validFrom === null || unit.validFrom <= date) && (unit.validTo === null || date <= unit.validTo)
	);
}

function overlaps(unit: OrgUnit, start: string, end: string): boolean {
	return (
		(unit.validFrom === null || unit.validFrom <= end) && (unit.validTo === null || start <= unit.validTo)
	);
}

/** Lengths of GSO codes by level, to restore leading zeros that Excel dropped. */
const CODE_LENGTHS = [2, 3, 5];

/**
 * A matcher over the org units (both hierarchies). `today` is the date used for rows without a valid period.
 */
export function createUnitMatcher(
	units: readonly OrgUnit[],
	today = new Date().toISOString().slice(0, 10)
): UnitMatcher {
	const byCode = new Map<string, OrgUnit[]>();
	const byFolded = new Map<string, OrgUnit[]>();
	/** Units by their full name folded ("thanh pho cao bang"), to read a parent cell written in full. */
	const byFoldedFull = new Map<string, OrgUnit[]>();
	for (const u of units) {
		byCode.set(u.code, [...(byCode.get(u.code) ?? []), u]);
		byFoldedFull.set(fold(u.name), [...(byFoldedFull.get(fold(u.name)) ?? []), u]);
		const key = foldUnitName(u.name);
		byFolded.set(key, [...(byFolded.get(key) ?? []), u]);
	}

	/** The units valid for a period: at its end when any are, else at any time inside it. */
	function inForce(list: readonly OrgUnit[], period: string | null | undefined, anyTime = false): OrgUnit[] {
		if (anyTime) return [...list];
		const p = period ? parsePeriod(period) : null;
		const end = p?.end ?? today;
		const atEnd = list.filter((u) => validAt(u, end));
		if (atEnd.length > 0 || !p) return atEnd;
		return list.filter((u) => overlaps(u, p.start, p.end));
	}

	function parentOf(u: OrgUnit, period: string | null | undefined): OrgUnit | null {
		if (u.parentCode === null) return null;
		const parents = byCode.get(u.parentCode) ?? [];
		const valid = inForce(parents, period);
		// A parent valid over the child's own life, else any with that code.
		const fitting =
			valid.length > 0
				? valid
				: parents.filter((p) => overlaps(p, u.validFrom ?? '0000', u.validTo ?? '9999'));
		return fitting[0] ?? parents[0] ?? null;
	}

	function candidate(u: OrgUnit, period: string | null | undefined): UnitCandidate {
		return { code: u.code, name: u.name, level: u.level, parentName: parentOf(u, period)?.name ?? null };
	}

	/**
	 * The codes a parent cell names: a unit code; else the units whose full name is written so ("Thành phố Cao Bằng" is
	 * the city, not the province "Tỉnh Cao Bằng"); else those whose name without its prefix is ("Cao Bằng": both).
	 */
	const parentCodes = new Map<string, Set<string>>();
	function codesNamedBy(parentText: string): Set<string> {
		const text = parentText.trim();
		let codes = parentCodes.get(text);
		if (codes) return codes;
		if (byCode.has(text)) codes = new Set([text]);
		else {
			const exact = byFoldedFull.get(fold(text)) ?? [];
			const named = exact.length > 0 ? exact : (byFolded.get(foldUnitName(text)) ?? []);
			codes = new Set(named.map((u) => u.code));
		}
		parentCodes.set(text, codes);
		return codes;
	}

	/** Whether `u` lies under a unit the parent cell names (at any depth). */
	function under(u: OrgUnit, parentText: string, period: string | null | undefined): boolean {
		const codes = codesNamedBy(parentText);
		let p = parentOf(u, period);
		for (let depth = 0; p && depth < 6; depth += 1) {
			if (codes.has(p.code)) return true;
			p = parentOf(p, period);
		}
		return false;
	}

	function decide(found: OrgUnit[], name: string | null, options: MatchOptions): UnitMatch | null {
		let list = found;
		if (options.parent?.trim()) list = list.filter((u) => under(u, options.parent as string, options.period));
		if (list.length > 1 && name !== null) {
			// Same reduced name: prefer those whose full name matches as written ("Phường Tân Lập" over "Xã Tân Lập").
			const exact = list.filter((u) => fold(u.name) === fold(name));
			if (exact.length > 0) list = exact;
		}
		if (list.length > 1 && name !== null && fold(name) !== name.toLowerCase().trim()) {
			// Written with diacritics: those tell "Quan Hóa" (a district) from "Quan Hoa" (a ward).
			const asWritten = name.normalize('NFC').toLowerCase().trim();
			const same = list.filter((u) => {
				const full = u.name.normalize('NFC').toLowerCase();
				return full === asWritten || full.endsWith(` ${asWritten}`);
			});
			if (same.length > 0) list = same;
		}
		const unique = [...new Map(list.map((u) => [u.code, u])).values()];
		if (unique.length === 1) {
			const u = unique[0] as OrgUnit;
			return { kind: 'matched', code: u.code, unit: candidate(u, options.period) };
		}
		if (unique.length > 1)
			return { kind: 'ambiguous', candidates: unique.map((u) => candidate(u, options.period)) };
		return null;
	}

	const suggestionCache = new Map<string, UnitCandidate[]>();
	/** The 3 closest units; cached, since a file repeats its unknown names and the scan covers every unit. */
	function suggestions(text: string, options: MatchOptions): UnitCandidate[] {
		const cacheKey = `${text}\u0000${options.parent ?? ''}\u0000${options.period ?? ''}`;
		const cached = suggestionCache.get(cacheKey);
		if (cached) return cached;
		const result = closest(text, options);
		suggestionCache.set(cacheKey, result);
		return result;
	}

	function closest(text: string, options: MatchOptions): UnitCandidate[] {
		const target = foldUnitName(text);
		let pool = inForce(units, options.period, options.anyTime);
		if (options.parent?.trim()) {
			const within = pool.filter((u) => under(u, options.parent as string, options.period));
			if (within.length > 0) pool = within;
		}
		return pool
			.map((u) => ({
				u,
				d: Math.min(editDistance(target, foldUnitName(u.name)), editDistance(text.trim(), u.code))
			}))
			.sort((a, b) => a.d - b.d || a.u.name.localeCompare(b.u.name, 'vi'))
			.slice(0, 3)
			.map(({ u }) => candidate(u, options.period));
	}

	/** Answers by (how, text, parent, period): a wide file asks about each unit once per indicator column. */
	const answers = new Map<string, UnitMatch>();
	function remembered(how: string, text: string, options: MatchOptions, find: () => UnitMatch): UnitMatch {
		const anyTime = options.anyTime ? 1 : 0;
		const key = `${how}\u0000${text}\u0000${options.parent ?? ''}\u0000${options.period ?? ''}\u0000${anyTime}`;
		let answer = answers.get(key);
		if (!answer) {
			answer = find();
			answers.set(key, answer);
		}
		return answer;
	}

	function findByName(name: string, options: MatchOptions): UnitMatch {
		// The name as written first: "Quan Hóa" is Huyện Quan Hóa (key "quan hoa"), not units named "Hóa".
		const written = byFolded.get(fold(name)) ?? byFolded.get(foldUnitName(name)) ?? [];
		const found = inForce(written, options.period, options.anyTime);
		const match = decide(found, name, options);
		if (match) return match;
		// "Tân Lập (Lục Ngạn)": the parent written in parentheses, when the file has no parent column.
		const inParentheses = /^(.+?)\s*\(([^()]+)\)\s*$/.exec(name);
		if (inParentheses && !options.parent?.trim()) {
			const inner = findByName(inParentheses[1] as string, {
				...options,
				parent: inParentheses[2] as string
			});
			if (inner.kind !== 'unknown') return inner;
		}
		return { kind: 'unknown', suggestions: suggestions(name, options) };
	}

	function findByCode(code: string, options: MatchOptions): UnitMatch {
		const text = code.trim();
		let found = inForce(byCode.get(text) ?? [], options.period, options.anyTime);
		if (found.length === 0 && /^\d+$/.test(text)) {
			const restored = CODE_LENGTHS.filter((n) => n > text.length)
				.map((n) => text.padStart(n, '0'))
				.flatMap((c) => inForce(byCode.get(c) ?? [], options.period, options.anyTime));
			if (new Set(restored.map((u) => u.code)).size === 1) found = restored;
		}
		return decide(found, null, options) ?? { kind: 'unknown', suggestions: suggestions(text, options) };
	}

	return {
		byName: (name, options = {}) => remembered('name', name, options, () => findByName(name, options)),
		byCode: (code, options = {}) => remembered('code', code, options, () => findByCode(code, options)),
		unit(code: string, period?: string | null): UnitCandidate | null {
			const u = inForce(byCode.get(code) ?? [], period)[0] ?? byCode.get(code)?.[0];
			return u ? candidate(u, period) : null;
		}
	};
}
