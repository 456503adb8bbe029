/**
 * One sentence, in Vietnamese or English, saying why each data problem was flagged, with its numbers. Pure: names
 * of reports and indicators are passed in (they come from the catalogue).
 */
import { formatDate, formatNumber, type Lang } from '$lib/i18n';
import type { Level } from '$lib/model/data';
import { parsePeriod, type PeriodKind } from '$lib/periods/codes';
import type { DataGap } from './gaps';
import type { ReportProblem } from './reports';
import type { SuspiciousValue } from './suspicious';

const LEVEL_PLURAL: Record<Lang, Record<Level, string>> = {
	vi: { central: 'đơn vị TW', province: 'tỉnh', district: 'huyện', commune: 'xã', branch: 'chi hội' },
	en: {
		central: 'central units',
		province: 'provinces',
		district: 'districts',
		commune: 'communes',
		branch: 'branches'
	}
};

const EVERY_KIND: Record<Lang, Record<PeriodKind, string>> = {
	vi: {
		year: 'hằng năm',
		half: '6 tháng một lần',
		quarter: 'hằng quý',
		month: 'hằng tháng',
		day: 'theo ngày'
	},
	en: { year: 'yearly', half: 'half-yearly', quarter: 'quarterly', month: 'monthly', day: 'daily' }
};

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A period code as people write it: quý 2/2024, tháng 04/2024, 6 tháng đầu năm 2024; Q2 2024, Apr 2024, H1 2024. */
export function formatPeriod(lang: Lang, code: string | null): string {
	if (!code) return '—';
	const period = parsePeriod(code);
	if (!period) return code;
	const year = code.slice(0, 4);
	const n = Number(code.slice(5));
	switch (period.kind) {
		case 'year':
			return lang === 'vi' ? `năm ${year}` : year;
		case 'half':
			return lang === 'vi' ? `6 tháng ${n === 1 ? 'đầu' : 'cuối'} năm ${year}` : `H${n} ${year}`;
		case 'quarter':
			return lang === 'vi' ? `quý ${n}/${year}` : `Q${n} ${year}`;
		case 'month':
			return lang === 'vi' ? `tháng ${code.slice(5)}/${year}` : `${MONTHS_EN[n - 1]} ${year}`;
		default:
			return formatDate(lang, code);
	}
}

const quote = (name: string) => `“${name}”`;

export function explainReport(lang: Lang, problem: ReportProblem, reportName: string): string {
	const report = quote(reportName);
	const forPeriod = problem.period
		? lang === 'vi'
			? ` ${formatPeriod(lang, problem.period)}`
			: ` for ${formatPeriod(lang, problem.period)}`
		: '';
	const due = formatDate(lang, problem.due);
	if (problem.kind === 'late') {
		const sent = formatDate(lang, problem.submittedOn);
		const days = formatNumber(lang, problem.daysLate);
		return lang === 'vi'
			? `Gửi ${report}${forPeriod} ngày ${sent}, trễ ${days} ngày so với hạn ${due}.`
			: `Sent ${report}${forPeriod} on ${sent}, ${days} days after the deadline of ${due}.`;
	}
	if (problem.basis.kind === 'rule') {
		return lang === 'vi'
			? `Chưa gửi ${report}${forPeriod}; hạn là ${due}.`
			: `Has not sent ${report}${forPeriod}; it was due by ${due}.`;
	}
	const { reporting, total, level, periodKind } = problem.basis;
	return lang === 'vi'
		? `Chưa gửi ${report}${forPeriod} (kỳ đã kết thúc ${due}); ${formatNumber(lang, reporting)}/${formatNumber(lang, total)} ${LEVEL_PLURAL.vi[level]} gửi báo cáo này ${EVERY_KIND.vi[periodKind]}.`
		: `Has not sent ${report}${forPeriod} (the period ended on ${due}); ${formatNumber(lang, reporting)} of ${formatNumber(lang, total)} ${LEVEL_PLURAL.en[level]} send this report ${EVERY_KIND.en[periodKind]}.`;
}

export function explainGap(lang: Lang, gap: DataGap): string {
	const period = formatPeriod(lang, gap.period);
	const n = formatNumber(lang, gap.indicators);
	const peers = `${formatNumber(lang, gap.peersReporting)}/${formatNumber(lang, gap.peers)}`;
	return lang === 'vi'
		? `Không có số liệu nào cho ${period}: đơn vị báo cáo ${n} chỉ tiêu ${EVERY_KIND.vi[gap.periodKind]}, và ${peers} đơn vị cùng cấp đã báo cáo kỳ này.`
		: `No value at all for ${period}: the unit reports ${n} indicators ${EVERY_KIND.en[gap.periodKind]}, and ${peers} units of its level reported for this period.`;
}

export function explainSuspicious(lang: Lang, flag: SuspiciousValue, indicatorName: string): string {
	const value = formatNumber(lang, flag.value, 2);
	const ratio = formatNumber(lang, flag.ratio, 1);
	const median = formatNumber(lang, flag.median, 2);
	const count = formatNumber(lang, flag.count);
	const period = formatPeriod(lang, flag.period);
	const indicator = quote(indicatorName);
	if (flag.basis === 'history') {
		return lang === 'vi'
			? `${indicator} ${period} là ${value}, gấp ${ratio} lần trung vị của chính đơn vị (${median}, qua ${count} kỳ báo cáo).`
			: `${indicator} for ${period} is ${value}, ${ratio} times the unit’s own median (${median}, over ${count} reports).`;
	}
	return lang === 'vi'
		? `${indicator} ${period} là ${value}, gấp ${ratio} lần trung vị của ${count} ${LEVEL_PLURAL.vi[flag.level]} cùng kỳ (${median}).`
		: `${indicator} for ${period} is ${value}, ${ratio} times the median of ${count} ${LEVEL_PLURAL.en[flag.level]} for the same period (${median}).`;
}
