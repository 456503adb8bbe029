/**
 * One sentence, in Vietnamese and English, that says why a target has its status:
 * "Đạt 125/161 hộ; theo tiến độ cần 80 hộ đến 30/06/2024 — đúng tiến độ". Pure.
 */
import { formatDate, formatNumber, formatPercent, type Lang } from '$lib/i18n';
import type { LeafCondition, LocalizedText, Status } from '$lib/model/plan';
import { isShareCondition } from './conditions';
import type { Judgement } from './status';

export const STATUS_WORDS: Record<Lang, Record<Status, string>> = {
	vi: {
		achieved: 'đã đạt',
		'on-track': 'đúng tiến độ',
		'at-risk': 'có nguy cơ không đạt',
		'off-track': 'chậm tiến độ',
		missed: 'không đạt',
		'no-data': 'chưa có số liệu'
	},
	en: {
		achieved: 'achieved',
		'on-track': 'on track',
		'at-risk': 'at risk',
		'off-track': 'off track',
		missed: 'missed',
		'no-data': 'no data'
	}
};

export interface ExplainInput {
	judgement: Judgement;
	leaf: LeafCondition | undefined;
	asOf: string;
	/** The indicator's unit word (hộ, hội viên…), shown after Vietnamese numbers. */
	unitWord: string | null;
	/** For `each` / `units` rules: how many units there are and how many achieved. */
	units?: { total: number; achieved: number; byStatus: Partial<Record<Status, number>> };
}

/** Whether the measure is a share (shown as %): ratios and `$.share`. */
function isShare(leaf: LeafCondition | undefined): boolean {
	return leaf !== undefined && isShareCondition(leaf);
}

function formatValue(lang: Lang, value: unknown, share: boolean): string {
	if (typeof value === 'number') return share ? formatPercent(lang, value) : formatNumber(lang, value, 2);
	if (typeof value === 'string') return formatDate(lang, value);
	if (Array.isArray(value)) return value.map((v) => formatValue(lang, v, share)).join('–');
	return '—';
}

function sentence(lang: Lang, input: ExplainInput): string {
	const { judgement, leaf, asOf, units } = input;
	const word = STATUS_WORDS[lang][judgement.status];
	const vi = lang === 'vi';
	if (units) {
		const parts = (Object.entries(units.byStatus) as [Status, number][])
			.filter(([status, n]) => status !== 'achieved' && n > 0)
			.map(([status, n]) => `${formatNumber(lang, n)} ${STATUS_WORDS[lang][status]}`);
		const head = vi
			? `${formatNumber(lang, units.achieved)}/${formatNumber(lang, units.total)} đơn vị đã đạt`
			: `${formatNumber(lang, units.achieved)} of ${formatNumber(lang, units.total)} units achieved`;
		return `${head}${parts.length ? ` (${parts.join(', ')})` : ''} — ${word}`;
	}
	const share = isShare(leaf);
	const unit = vi && input.unitWord && !share ? ` ${input.unitWord}` : '';
	const actual = formatValue(lang, judgement.actual, share);
	const target = formatValue(lang, judgement.target, share);
	if (leaf?.fact === 'submittedOn') {
		if (judgement.actual === null) {
			return vi ? `Chưa thực hiện, hạn ${target} — ${word}` : `Not done yet, due ${target} — ${word}`;
		}
		return vi
			? `Thực hiện ngày ${actual}, hạn ${target} — ${word}`
			: `Done on ${actual}, due ${target} — ${word}`;
	}
	if (judgement.status === 'no-data') {
		return vi
			? `Chưa có số liệu để đánh giá (chỉ tiêu ${target}${unit})`
			: `No data to judge (target ${target})`;
	}
	const head = vi ? `Đạt ${actual}/${target}${unit}` : `${actual} of ${target}`;
	const paced =
		judgement.expected !== null && judgement.expected !== judgement.target && judgement.status !== 'achieved';
	if (!paced) return `${head} — ${word}`;
	// "cần 80 hộ", not "80,06 hộ": a count expected by a date reads as a whole number once targets are in tens.
	const wholeTarget = typeof judgement.target === 'number' && Number.isInteger(judgement.target);
	const expected =
		!share && wholeTarget && typeof judgement.expected === 'number'
			? formatNumber(lang, judgement.expected, Math.abs(judgement.target as number) >= 10 ? 0 : 1)
			: formatValue(lang, judgement.expected, share);
	const date = formatDate(lang, asOf);
	return vi
		? `${head}; theo tiến độ cần ${expected}${unit} đến ${date} — ${word}`
		: `${head}; ${expected} expected by ${date} — ${word}`;
}

export function explain(input: ExplainInput): LocalizedText {
	return { vi: sentence('vi', input), en: sentence('en', input) };
}
