/**
 * The pure steps of checking a file that sit between the import library and the database: what a mapping lacks,
 * which loaded values must be read (the keys found and their ratio partners), which rows conflict with them, and
 * the ambiguous names to ask about. Pure and tested; the job (`job.svelte.ts`) runs them in order.
 */
import {
	unitResolutionKey,
	valueKeyString,
	type AcceptedRow,
	type ImportOutcome,
	type RatioPair,
	type TableMapping,
	type ValueKey
} from '$lib/import';

export type MissingRole = 'needUnit' | 'needValue' | 'needPeriod';

/** What a mapping lacks before rows can be read from it (message keys); empty when it is usable. */
export function missingRoles(mapping: TableMapping): MissingRole[] {
	const roles = new Set(mapping.columns.map((c) => c.role));
	const wide = mapping.columns.some((c) => c.role === 'indicator_value' && c.indicator);
	const missing: MissingRole[] = [];
	if (!roles.has('org_unit') && !roles.has('org_unit_name')) missing.push('needUnit');
	if (!wide && !(roles.has('value') && roles.has('indicator'))) missing.push('needValue');
	if (!roles.has('period') && !roles.has('year') && !mapping.fixedPeriod?.trim()) missing.push('needPeriod');
	return missing;
}

/** The keys whose loaded values the check needs: each accepted key, and the same key for its ratio partners. */
export function keysToRead(accepted: readonly AcceptedRow[], pairs: readonly RatioPair[]): ValueKey[] {
	const partners = new Map<string, string[]>();
	for (const pair of pairs) {
		partners.set(pair.numerator, [...(partners.get(pair.numerator) ?? []), pair.denominator]);
		partners.set(pair.denominator, [...(partners.get(pair.denominator) ?? []), pair.numerator]);
	}
	const keys: ValueKey[] = [];
	for (const row of accepted) {
		const key = {
			orgUnit: row.orgUnit,
			indicator: row.indicator,
			period: row.period,
			programme: row.programme
		};
		keys.push(key);
		for (const other of partners.get(row.indicator) ?? []) keys.push({ ...key, indicator: other });
	}
	return keys;
}

export interface Conflict {
	key: string;
	row: AcceptedRow;
	loaded: number;
}

/** Rows whose key is loaded with a different value: the user keeps one or the other. */
export function findConflicts(
	accepted: readonly AcceptedRow[],
	existing: ReadonlyMap<string, number>
): Conflict[] {
	const conflicts: Conflict[] = [];
	for (const row of accepted) {
		const key = valueKeyString(row);
		const loaded = existing.get(key);
		if (loaded !== undefined && loaded !== row.value) conflicts.push({ key, row, loaded });
	}
	return conflicts;
}

export interface AmbiguousName {
	/** `unitResolutionKey` of the rows written this way. */
	key: string;
	written: string;
	parent: string | null;
	rows: number;
	candidates: { code: string; name: string }[];
}

/** The names that matched several units, grouped by how they were written, with their candidates. */
export function ambiguousNames(outcome: ImportOutcome): AmbiguousName[] {
	const byKey = new Map<string, AmbiguousName>();
	for (const q of outcome.quarantined) {
		const rejection = q.rejections.find((r) => r.reason === 'ambiguous-unit');
		if (!rejection) continue;
		const key = unitResolutionKey(q.candidate);
		const found = byKey.get(key);
		if (found) found.rows += 1;
		else
			byKey.set(key, {
				key,
				written: q.candidate.orgUnit,
				parent: q.candidate.parent,
				rows: 1,
				candidates: rejection.suggestions ?? []
			});
	}
	return [...byKey.values()];
}

/** Answered names stay listed (so that the answer can be changed) ahead of the new questions. */
export function mergeAmbiguous(
	previous: readonly AmbiguousName[],
	fresh: readonly AmbiguousName[],
	answered: Readonly<Record<string, string>>
): AmbiguousName[] {
	const kept = previous.filter((a) => a.key in answered && !fresh.some((f) => f.key === a.key));
	return [...kept, ...fresh];
}

/** An empty lookup of loaded values. */
export const NO_VALUES: ReadonlyMap<string, number> = new Map();
