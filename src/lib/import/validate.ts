/**
 * Candidate rows → the outcome of an import: each row imported (a new key), updated (a key already loaded, with the
 * same value or one the user chose to replace) or quarantined with every reason that applies. Nothing is dropped:
 * `rowsRead = imported + updated + quarantined` always. Checks: the unit (code or name, valid on the row's period),
 * the indicator, the programme, the period, the value (present, a number, not negative), numerator ≤ denominator
 * for the ratio pairs of the plans (in the file or against loaded values), duplicates within the file, and conflicts
 * with loaded values. Pure: what is loaded comes in through `existing`.
 */
import type { OrgUnit } from '$lib/model/data';
import { foldVietnamese } from '$lib/search/fold';
import type { Condition, PlanFile } from '$lib/model/plan';
import { foldHeader, type KnownEntry } from './columns';
import { createUnitMatcher, editDistance, type UnitMatch, type UnitMatcher } from './names';
import { parseNumber } from './numbers';
import { normalisePeriod } from './periods';
import type { AcceptedRow, CandidateRow, ImportOutcome, QuarantinedRow, Rejection, ValueKey } from './types';
import type { UnpivotResult } from './unpivot';

/** Two indicators whose ratio a plan checks: the numerator may not exceed the denominator. */
export interface RatioPair {
	numerator: string;
	denominator: string;
}

/** The user's answers to the questions an earlier validation raised. */
export interface Resolutions {
	/** `unitResolutionKey(candidate)` → the unit code the user chose for an ambiguous (or unknown) name. */
	units?: Readonly<Record<string, string>>;
	/** `valueKeyString(key)` → what to do with a value that conflicts with a loaded one (default: keep the loaded). */
	conflicts?: Readonly<Record<string, 'replace' | 'keep'>>;
}

export interface ValidationContext {
	/** The org units (both hierarchies), or a matcher made once with `createUnitMatcher` and reused. */
	units: UnitMatcher | readonly OrgUnit[];
	indicators: readonly KnownEntry[];
	programmes: readonly KnownEntry[];
	/** The loaded value of a key, if any (the UI reads it from DuckDB for the keys in the file). */
	existing: (key: ValueKey) => number | undefined;
	/** From `ratioPairsOf(plans)`. */
	ratioPairs?: readonly RatioPair[];
	resolutions?: Resolutions;
}

/** The total line of a report template ("Tổng cộng", "Cộng", "Tổng số", "Toàn tỉnh", "Total"), folded. */
const TOTAL_ROW = /^(tong cong|cong|tong so|tong|toan tinh|toan huyen|toan xa|total|grand total)\b/;

/** One string per value key (same as import-store's `keyOf`), for maps and for `Resolutions.conflicts`. */
export function valueKeyString(key: ValueKey): string {
	return `${key.orgUnit}\u0000${key.indicator}\u0000${key.period}\u0000${key.programme ?? ''}`;
}

/** The key under which the user's choice for a unit written this way is remembered (`Resolutions.units`). */
export function unitResolutionKey(
	candidate: Pick<CandidateRow, 'orgUnit' | 'orgUnitIsName' | 'parent'>
): string {
	// Folded but keeping every word (parentheses too): "Tân Lập (Lục Ngạn)" and "Tân Lập (Bảo Lâm)" are two questions.
	const written = candidate.orgUnitIsName ? foldVietnamese(candidate.orgUnit) : candidate.orgUnit.trim();
	return `${candidate.orgUnitIsName ? 'name' : 'code'}\u0000${written}\u0000${foldVietnamese(candidate.parent ?? '')}`;
}

function isUnitMatcher(units: ValidationContext['units']): units is UnitMatcher {
	return !Array.isArray(units) && typeof (units as UnitMatcher).byName === 'function';
}

/** The indicator pairs of every `ratio` fact in the plans (in conditions, fact references and `unitsMeeting`). */
export function ratioPairsOf(plans: readonly PlanFile[]): RatioPair[] {
	const pairs = new Map<string, RatioPair>();
	const visitFact = (fact: unknown, params: unknown): void => {
		if (typeof params !== 'object' || params === null) return;
		const p = params as Record<string, unknown>;
		if (fact === 'ratio' && typeof p.numerator === 'string' && typeof p.denominator === 'string') {
			pairs.set(`${p.numerator}\u0000${p.denominator}`, {
				numerator: p.numerator,
				denominator: p.denominator
			});
		}
		if (fact === 'unitsMeeting' && typeof p.condition === 'object' && p.condition !== null) {
			visit(p.condition as Condition);
		}
	};
	const visit = (condition: Condition): void => {
		if ('all' in condition) condition.all.forEach(visit);
		else if ('any' in condition) condition.any.forEach(visit);
		else if ('not' in condition) visit(condition.not);
		else {
			visitFact(condition.fact, condition.params);
			const value = condition.value as { fact?: unknown; params?: unknown } | null;
			if (typeof value === 'object' && value !== null && 'fact' in value) visitFact(value.fact, value.params);
		}
	};
	for (const plan of plans) for (const rule of plan.rules) visit(rule.conditions);
	return [...pairs.values()];
}

/** A catalogue (indicators or programmes) looked up by code, then by Vietnamese or English name without diacritics. */
function catalogue(entries: readonly KnownEntry[]) {
	const byCode = new Map(entries.map((e) => [e.code, e]));
	const byName = new Map<string, KnownEntry>();
	for (const e of entries) {
		for (const text of [e.code, e.nameVi, e.nameEn]) {
			const key = foldHeader(text.replace(/_/g, ' '));
			if (key !== '' && !byName.has(key)) byName.set(key, e);
		}
	}
	const cache = new Map<string, { code: string } | { suggestions: { code: string; name: string }[] }>();
	return (written: string): { code: string } | { suggestions: { code: string; name: string }[] } => {
		const text = written.trim();
		const exact = byCode.get(text);
		if (exact) return { code: exact.code };
		const cached = cache.get(text);
		if (cached) return cached;
		const folded = foldHeader(text.replace(/_/g, ' '));
		const named = byName.get(folded);
		const result = named
			? { code: named.code }
			: {
					suggestions: entries
						.map((e) => ({
							e,
							d: Math.min(
								...[e.code, e.nameVi, e.nameEn].map((n) =>
									editDistance(folded, foldHeader(n.replace(/_/g, ' ')))
								)
							)
						}))
						.sort((a, b) => a.d - b.d || a.e.code.localeCompare(b.e.code))
						.slice(0, 3)
						.map(({ e }) => ({ code: e.code, name: e.nameVi }))
				};
		cache.set(text, result);
		return result;
	};
}

interface Checked {
	candidate: CandidateRow;
	rejections: Rejection[];
	key: ValueKey | null;
	value: number | null;
}

function unitSuggestions(match: UnitMatch): { code: string; name: string }[] {
	const list =
		match.kind === 'ambiguous' ? match.candidates : match.kind === 'unknown' ? match.suggestions : [];
	return list.map((u) => ({ code: u.code, name: u.parentName ? `${u.name} (${u.parentName})` : u.name }));
}

/**
 * The outcome of importing `candidates` (or an unpivot result, whose blank cells are carried over) into data that
 * already hold `context.existing`.
 */
export function validateRows(
	input: readonly CandidateRow[] | UnpivotResult,
	context: ValidationContext
): ImportOutcome {
	const candidates = 'rows' in input ? input.rows : input;
	const blankCells = 'rows' in input ? input.blankCells : 0;
	const matcher = isUnitMatcher(context.units) ? context.units : createUnitMatcher(context.units);
	const indicatorOf = catalogue(context.indicators);
	const programmeOf = catalogue(context.programmes);
	const unitChoices = context.resolutions?.units ?? {};
	const conflictChoices = context.resolutions?.conflicts ?? {};

	const checked: Checked[] = candidates.map((candidate) => {
		const rejections: Rejection[] = [];
		const period = normalisePeriod(candidate.period);
		if (period === null) rejections.push({ reason: 'bad-period', detail: { period: candidate.period } });

		let orgUnit: string | null = null;
		const chosen = unitChoices[unitResolutionKey(candidate)];
		if (chosen !== undefined) orgUnit = chosen;
		else if (candidate.orgUnit.trim() === '')
			rejections.push({ reason: 'unknown-unit', detail: { unit: '' } });
		else {
			const options = { parent: candidate.parent, period, anyTime: period === null };
			const match = candidate.orgUnitIsName
				? matcher.byName(candidate.orgUnit, options)
				: matcher.byCode(candidate.orgUnit, options);
			if (match.kind === 'matched') orgUnit = match.code;
			else if (match.kind === 'unknown' && TOTAL_ROW.test(foldVietnamese(candidate.orgUnit))) {
				// A template's total line is not a unit; said so plainly rather than with suggestions of similar names.
				rejections.push({ reason: 'unknown-unit', detail: { unit: candidate.orgUnit, total: 1 } });
			} else {
				rejections.push({
					reason: match.kind === 'ambiguous' ? 'ambiguous-unit' : 'unknown-unit',
					suggestions: unitSuggestions(match),
					detail: { unit: candidate.orgUnit }
				});
			}
		}

		let indicator: string | null = null;
		const foundIndicator = indicatorOf(candidate.indicator);
		if ('code' in foundIndicator) indicator = foundIndicator.code;
		else {
			rejections.push({
				reason: 'unknown-indicator',
				suggestions: foundIndicator.suggestions,
				detail: { indicator: candidate.indicator }
			});
		}

		let programme: string | null = null;
		let programmeKnown = true;
		if (candidate.programme !== null && candidate.programme.trim() !== '') {
			const found = programmeOf(candidate.programme);
			if ('code' in found) programme = found.code;
			else {
				programmeKnown = false;
				rejections.push({
					reason: 'unknown-programme',
					suggestions: found.suggestions,
					detail: { programme: candidate.programme }
				});
			}
		}

		let value: number | null = null;
		const parsed = parseNumber(candidate.value, candidate.valueIsNumber ?? false);
		if (!parsed.ok) {
			rejections.push(
				parsed.problem === 'missing'
					? { reason: 'missing-value' }
					: {
							reason: 'not-a-number',
							detail: {
								value: candidate.value,
								...(parsed.problem === 'ambiguous-separator' ? { ambiguous: 1 } : {})
							}
						}
			);
		} else if (parsed.value < 0) {
			rejections.push({ reason: 'negative-value', detail: { value: parsed.value } });
		} else value = parsed.value;

		const key =
			orgUnit !== null && indicator !== null && period !== null && programmeKnown
				? { orgUnit, indicator, period, programme }
				: null;
		return { candidate, rejections, key, value };
	});

	// Duplicates within the file: the first row of a key stands; later ones are quarantined naming it.
	const firstOfKey = new Map<string, Checked>();
	for (const row of checked) {
		if (!row.key) continue;
		const k = valueKeyString(row.key);
		const first = firstOfKey.get(k);
		if (first) {
			row.rejections.push({
				reason: 'duplicate-in-file',
				detail: {
					row: first.candidate.sourceRow,
					...(first.candidate.sheet ? { sheet: first.candidate.sheet } : {}),
					...(first.value !== null ? { value: first.value } : {})
				}
			});
		} else firstOfKey.set(k, row);
	}

	// Numerator ≤ denominator, for the same unit, period and programme: in the file (its first row of the key,
	// when that has a valid value), else the loaded value.
	const inFile = (key: ValueKey): Checked | undefined => {
		const row = firstOfKey.get(valueKeyString(key));
		return row && row.value !== null ? row : undefined;
	};
	for (const pair of context.ratioPairs ?? []) {
		for (const row of checked) {
			if (!row.key || row.value === null || row.rejections.some((r) => r.reason === 'duplicate-in-file'))
				continue;
			if (row.key.indicator === pair.numerator) {
				const denKey = { ...row.key, indicator: pair.denominator };
				const denRow = inFile(denKey);
				const den = denRow ? denRow.value : context.existing(denKey);
				if (den !== undefined && den !== null && row.value > den) {
					row.rejections.push({
						reason: 'numerator-above-denominator',
						detail: {
							denominator: pair.denominator,
							denominatorValue: den,
							...(denRow ? { row: denRow.candidate.sourceRow } : { loaded: 1 })
						}
					});
				}
			} else if (row.key.indicator === pair.denominator) {
				const numKey = { ...row.key, indicator: pair.numerator };
				// A numerator in the file is checked on its own row; only a loaded one is checked from here.
				if (inFile(numKey)) continue;
				const num = context.existing(numKey);
				if (num !== undefined && num > row.value) {
					row.rejections.push({
						reason: 'numerator-above-denominator',
						detail: { numerator: pair.numerator, numeratorValue: num, loaded: 1, denominatorValue: row.value }
					});
				}
			}
		}
	}

	const imported: AcceptedRow[] = [];
	const updated: AcceptedRow[] = [];
	const quarantined: QuarantinedRow[] = [];
	for (const row of checked) {
		const loaded = row.key ? context.existing(row.key) : undefined;
		if (row.key && row.value !== null && loaded !== undefined && loaded !== row.value) {
			const choice = conflictChoices[valueKeyString(row.key)];
			if (choice !== 'replace' && !row.rejections.some((r) => r.reason === 'duplicate-in-file')) {
				row.rejections.push({ reason: 'conflict-with-loaded', detail: { loaded, value: row.value } });
			}
		}
		if (row.rejections.length > 0 || !row.key || row.value === null) {
			quarantined.push({ candidate: row.candidate, rejections: row.rejections });
			continue;
		}
		const accepted: AcceptedRow = {
			...row.key,
			value: row.value,
			file: row.candidate.file,
			sourceRow: row.candidate.sourceRow
		};
		(loaded === undefined ? imported : updated).push(accepted);
	}
	return { rowsRead: candidates.length, blankCells, imported, updated, quarantined };
}
