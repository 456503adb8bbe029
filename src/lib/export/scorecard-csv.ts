/** The scorecard as CSV rows: what the screen shows, with machine-readable numbers beside the words. Pure. */
import type { Lang } from '$lib/i18n';
import type { PlanFile, RuleResult } from '$lib/model/plan';
import { STATUS_STYLES } from '$lib/status-style';
import { toCsv, type CsvCell } from './csv';

const HEADER: Record<Lang, string[]> = {
	vi: [
		'ke_hoach',
		'quy_tac',
		'muc',
		'chi_tieu',
		'don_vi',
		'tinh_trang',
		'ma_tinh_trang',
		'thuc_hien',
		'chi_tieu_so',
		'can_dat_den_nay',
		'giai_thich',
		'tinh_den'
	],
	en: [
		'plan',
		'rule',
		'paragraph',
		'target',
		'unit',
		'status',
		'status_code',
		'actual',
		'target_value',
		'expected',
		'explanation',
		'as_of'
	]
};

const value = (v: unknown): CsvCell =>
	typeof v === 'number' || typeof v === 'string' ? v : Array.isArray(v) ? v.join('–') : null;

export function scorecardCsv(plan: PlanFile, results: RuleResult[], asOf: string, lang: Lang): string {
	const rows: CsvCell[][] = [];
	for (const result of results) {
		const rule = plan.rules.find((r) => r.name === result.rule);
		if (!rule) continue;
		rows.push([
			plan.plan.id,
			rule.name,
			rule.source,
			rule.title[lang],
			result.orgUnit,
			STATUS_STYLES[result.status].label[lang],
			result.status,
			value(result.actual),
			value(result.target),
			value(result.expected),
			result.explanation[lang],
			asOf
		]);
	}
	return toCsv(HEADER[lang], rows);
}
