/**
 * What to suggest for the value at the cursor of a plan file — fact names, operators, levels, `path` picks,
 * indicator, programme and report codes with their names, org unit codes found by name typed with or without
 * diacritics — and what a code is when hovered. Pure: CodeMirror is wired to these in cm-extensions.ts.
 */
import { translate, type Lang, type MessageKey } from '$lib/i18n';
import { LEVELS, type Level } from '$lib/model/data';
import { CUSTOM_OPERATORS, ENGINE_OPERATORS, FACT_NAMES } from '$lib/model/plan';
import { isValidOn, isWithin, unitsAt, type Catalogue, type CatalogueUnit } from '$lib/rules/catalogue';
import { foldVietnamese } from '$lib/search/fold';
import type { ValueContext, HoverTarget } from './json-context';
import { editorText, type EditorMessageKey } from './messages';

export const OPERATORS = [...ENGINE_OPERATORS, ...CUSTOM_OPERATORS] as const;
export const UNITS_MEETING_PICKS = ['$.count', '$.share', '$.total'] as const;

/** What the editor knows besides the text: the catalogue of the loaded data (null while it loads) and the language. */
export interface EditorData {
	catalogue: Catalogue | null;
	lang: Lang;
}

export type SuggestionKind =
	'fact' | 'operator' | 'level' | 'path' | 'indicator' | 'programme' | 'report' | 'unit';

export interface Suggestion {
	/** The code inserted. */
	code: string;
	/** Its name or meaning, shown beside it. */
	detail: string;
	/** A longer note (unit of measure, aggregation, level and parent). */
	info?: string;
	kind: SuggestionKind;
}

export interface Suggestions {
	kind: SuggestionKind;
	/** True when the list is already filtered and ranked for what was typed (catalogue codes found by name). */
	ranked: boolean;
	items: Suggestion[];
}

const INDICATOR_KEYS = new Set(['indicator', 'numerator', 'denominator']);

/** Which list the value at the cursor is taken from, or null for free text (titles, notes, numbers). */
export function suggestionKind(ctx: Pick<ValueContext, 'key' | 'inList' | 'parents'>): SuggestionKind | null {
	const { key, inList, parents } = ctx;
	if (inList) {
		if (key === 'units') return 'unit';
		if (key === 'programmes') return 'programme';
		return null;
	}
	switch (key) {
		case 'fact':
			return 'fact';
		case 'operator':
			return 'operator';
		case 'each':
		case 'level':
			return 'level';
		case 'path':
			return 'path';
		case 'orgUnit':
			return 'unit';
		case 'programme':
			return 'programme';
		case 'report':
			return 'report';
		default:
			return INDICATOR_KEYS.has(key) && parents[0] === 'params' ? 'indicator' : null;
	}
}

const levelName = (lang: Lang, level: string) =>
	(LEVELS as readonly string[]).includes(level) ? translate(lang, `level.${level}` as MessageKey) : level;

/** The name of a catalogue entry in the interface language (Vietnamese when there is no English name). */
const entryName = (lang: Lang, entry: { nameVi: string; nameEn: string }) =>
	lang === 'en' && entry.nameEn ? entry.nameEn : entry.nameVi;

function fixedSuggestions(kind: 'fact' | 'operator' | 'level' | 'path', lang: Lang): Suggestion[] {
	const text = (key: EditorMessageKey) => editorText(lang, key);
	switch (kind) {
		case 'fact':
			return FACT_NAMES.map((code) => ({
				code,
				detail: text(`fact.${code}`),
				info: text(`factInfo.${code}`),
				kind
			}));
		case 'operator':
			return OPERATORS.map((code) => ({ code, detail: text(`op.${code}`), kind }));
		case 'level':
			return LEVELS.map((code) => ({ code, detail: levelName(lang, code), kind }));
		case 'path':
			return UNITS_MEETING_PICKS.map((code) => ({
				code,
				detail: text(`path.${code.slice(2) as 'count' | 'share' | 'total'}`),
				kind
			}));
	}
}

/** Words of a query, folded: "Hộ thoát" → ["ho", "thoat"]; underscores and hyphens split words too. */
function queryTokens(typed: string): string[] {
	return foldVietnamese(typed.replace(/[_\-.]+/g, ' '))
		.split(' ')
		.filter((t) => t.length > 0);
}

interface Searchable {
	code: string;
	/** The folded code and names, words separated by spaces. */
	haystack: string;
	/** The folded main name, for ranking exact and prefix matches first. */
	name: string;
}

/** 0 best: the code starts with the query; then the name does; then a word of either; then anywhere. */
function rankMatch(item: Searchable, typed: string, tokens: string[]): number | null {
	if (tokens.length === 0) return 3;
	if (!tokens.every((t) => item.haystack.includes(t))) return null;
	const q = tokens.join(' ');
	if (item.code.toLowerCase().startsWith(typed.toLowerCase()) && typed.length > 0) return 0;
	if (item.name.startsWith(q)) return 1;
	if (tokens.every((t) => item.haystack.startsWith(t) || item.haystack.includes(` ${t}`))) return 2;
	return 3;
}

const foldedEntries = new WeakMap<object, Searchable[]>();

function searchableEntries(map: Map<string, { nameVi: string; nameEn: string }>): Searchable[] {
	let found = foldedEntries.get(map);
	if (!found) {
		found = [...map].map(([code, entry]) => {
			const name = foldVietnamese(entry.nameVi);
			return {
				code,
				name,
				haystack: `${foldVietnamese(code.replace(/[_\-.]+/g, ' '))} ${name} ${foldVietnamese(entry.nameEn)}`
			};
		});
		foldedEntries.set(map, found);
	}
	return found;
}

/** Unit-type words people leave out: "bao lac" for "Huyện Bảo Lạc". */
const UNIT_TYPE = /^(tinh|thanh pho|huyen|quan|thi xa|xa|phuong|thi tran|dac khu) /;

const foldedUnits = new WeakMap<object, Array<Searchable & { unit: CatalogueUnit }>>();

function searchableUnits(units: ReadonlyMap<string, CatalogueUnit>) {
	let found = foldedUnits.get(units);
	if (!found) {
		found = [...units].map(([code, unit]) => {
			const full = foldVietnamese(unit.name);
			return { code, unit, name: full.replace(UNIT_TYPE, ''), haystack: `${code} ${full}` };
		});
		foldedUnits.set(units, found);
	}
	return found;
}

/** The newest version of each unit code (when the plan's date is not known yet). */
const latestUnits = new WeakMap<Catalogue, Map<string, CatalogueUnit>>();
function newestUnits(catalogue: Catalogue): Map<string, CatalogueUnit> {
	let found = latestUnits.get(catalogue);
	if (!found) {
		found = new Map(
			[...catalogue.orgUnits].map(([code, versions]) => [
				code,
				versions[versions.length - 1] as CatalogueUnit
			])
		);
		latestUnits.set(catalogue, found);
	}
	return found;
}

/** The org units a plan can name: those valid on its start date, else every code's newest version. */
export function unitsForPlan(catalogue: Catalogue, start: string | null): ReadonlyMap<string, CatalogueUnit> {
	return start ? unitsAt(catalogue, start) : newestUnits(catalogue);
}

const LIMIT = 60;

export interface PlanHints {
	start: string | null;
	orgUnit: string | null;
}

/** The suggestions for a value context; null when the value is free text. */
export function suggest(ctx: ValueContext, data: EditorData, hints: PlanHints): Suggestions | null {
	const kind = suggestionKind(ctx);
	if (!kind) return null;
	const { lang, catalogue } = data;
	if (kind === 'fact' || kind === 'operator' || kind === 'level' || kind === 'path')
		return { kind, ranked: false, items: fixedSuggestions(kind, lang) };
	if (!catalogue) return { kind, ranked: true, items: [] };
	const typed = ctx.typed;
	const tokens = queryTokens(typed);
	if (kind === 'unit') {
		const units = unitsForPlan(catalogue, hints.start);
		const planUnit = ctx.key === 'units' ? hints.orgUnit : null;
		const date = hints.start;
		const ranked: Array<{ item: Suggestion; rank: number; level: number }> = [];
		for (const entry of searchableUnits(units)) {
			let rank = rankMatch(entry, typed, tokens);
			if (rank === null) continue;
			// In a rule's unit list, the units under the plan's unit come first.
			if (planUnit && date && !isWithin(catalogue, entry.code, planUnit, date)) rank += 4;
			const parent = entry.unit.parentCode ? units.get(entry.unit.parentCode) : undefined;
			ranked.push({
				item: {
					code: entry.code,
					detail: entry.unit.name,
					info: parent
						? `${levelName(lang, entry.unit.level)} — ${parent.name}`
						: levelName(lang, entry.unit.level),
					kind
				},
				rank,
				level: LEVELS.indexOf(entry.unit.level)
			});
		}
		ranked.sort((a, b) => a.rank - b.rank || a.level - b.level || a.item.code.localeCompare(b.item.code));
		return { kind, ranked: true, items: ranked.slice(0, LIMIT).map((r) => r.item) };
	}
	const map =
		kind === 'indicator'
			? catalogue.indicators
			: kind === 'programme'
				? catalogue.programmes
				: catalogue.reports;
	const ranked: Array<{ item: Suggestion; rank: number }> = [];
	for (const entry of searchableEntries(map)) {
		const rank = rankMatch(entry, typed, tokens);
		if (rank === null) continue;
		const found = map.get(entry.code);
		if (!found) continue;
		const indicator = kind === 'indicator' ? catalogue.indicators.get(entry.code) : undefined;
		ranked.push({
			item: {
				code: entry.code,
				detail: entryName(lang, found),
				info: indicator ? indicatorLine(lang, indicator) : undefined,
				kind
			},
			rank
		});
	}
	// Among equal matches, the name with the fewest other words first ("thoát nghèo" before "thoát cận nghèo").
	ranked.sort(
		(a, b) =>
			a.rank - b.rank || a.item.detail.length - b.item.detail.length || a.item.code.localeCompare(b.item.code)
	);
	return { kind, ranked: true, items: ranked.slice(0, LIMIT).map((r) => r.item) };
}

function indicatorLine(
	lang: Lang,
	indicator: { unit: string; timeAggregation: string; unitAggregation: string }
) {
	return editorText(lang, 'hover.indicatorLine', {
		unit: indicator.unit || '—',
		time: indicator.timeAggregation,
		units: indicator.unitAggregation
	});
}

/** What a hovered code is: a heading ("Chỉ số households_out_of_poverty") and lines of explanation. */
export interface HoverInfo {
	title: string;
	lines: string[];
}

export function describe(target: HoverTarget, data: EditorData, hints: PlanHints): HoverInfo | null {
	if (target.key === null) return null;
	const kind = suggestionKind({ key: target.key, inList: target.inList, parents: target.parents });
	if (!kind) return null;
	const { lang, catalogue } = data;
	const text = (key: EditorMessageKey, params: Record<string, string | number> = {}) =>
		editorText(lang, key, params);
	const code = target.text;
	switch (kind) {
		case 'fact':
			return (FACT_NAMES as readonly string[]).includes(code)
				? {
						title: `${text('hover.fact')} ${code}`,
						lines: [text(`fact.${code}` as EditorMessageKey), text(`factInfo.${code}` as EditorMessageKey)]
					}
				: null;
		case 'operator':
			return (OPERATORS as readonly string[]).includes(code)
				? { title: `${text('hover.operator')} ${code}`, lines: [text(`op.${code}` as EditorMessageKey)] }
				: null;
		case 'level':
			return (LEVELS as readonly string[]).includes(code)
				? { title: `${text('hover.level')} ${code}`, lines: [levelName(lang, code)] }
				: null;
		case 'path': {
			const pick = UNITS_MEETING_PICKS.find((p) => p === code);
			return pick
				? { title: code, lines: [text(`path.${pick.slice(2) as 'count' | 'share' | 'total'}`)] }
				: null;
		}
	}
	if (!catalogue) return null;
	if (kind === 'unit') {
		const versions = catalogue.orgUnits.get(code);
		if (!versions) return { title: `${text('hover.unit')} ${code}`, lines: [text('hover.unknown')] };
		const date = hints.start;
		const unit = (date ? versions.find((v) => isValidOn(v, date)) : null) ?? versions[versions.length - 1];
		if (!unit) return null;
		const units = unitsForPlan(catalogue, date);
		const parent = unit.parentCode ? (units.get(unit.parentCode)?.name ?? unit.parentCode) : null;
		const lines = [
			parent
				? text('hover.unitLine', { level: levelName(lang, unit.level as Level), parent })
				: levelName(lang, unit.level)
		];
		if (unit.validFrom || unit.validTo)
			lines.push(text('hover.unitValid', { from: unit.validFrom ?? '…', to: unit.validTo ?? '…' }));
		if (!date) lines.push(text('hover.noUnitDate'));
		return { title: `${unit.name} (${code})`, lines };
	}
	const map =
		kind === 'indicator'
			? catalogue.indicators
			: kind === 'programme'
				? catalogue.programmes
				: catalogue.reports;
	const heading = text(
		kind === 'indicator' ? 'hover.indicator' : kind === 'programme' ? 'hover.programme' : 'hover.report'
	);
	const entry = map.get(code);
	if (!entry) return { title: `${heading} ${code}`, lines: [text('hover.unknown')] };
	const lines = [entry.nameVi];
	if (entry.nameEn && entry.nameEn !== entry.nameVi) lines.push(entry.nameEn);
	const indicator = kind === 'indicator' ? catalogue.indicators.get(code) : undefined;
	if (indicator) lines.push(indicatorLine(lang, indicator));
	return { title: `${heading} ${code}`, lines };
}
