/** How a result's numbers read on screen: shares as %, dates as dd/mm/yyyy, counts in vi-VN. Pure. */
import { formatDate, formatNumber, formatPercent, type Lang } from '$lib/i18n';
import type { PlanRule, RuleResult } from '$lib/model/plan';
import { isShareCondition, measureLeaf } from '$lib/rules/conditions';

/** Whether a rule's measure is a share (ratios, `$.share`, and `each` rules judged as shares of units). */
export function isShareMeasure(rule: PlanRule): boolean {
	if (rule.scope) return true;
	const leaf = measureLeaf(rule);
	return isShareCondition(leaf);
}

export function formatMeasure(lang: Lang, value: unknown, share: boolean): string {
	if (value === null || value === undefined) return '—';
	if (typeof value === 'number') return share ? formatPercent(lang, value) : formatNumber(lang, value, 2);
	if (typeof value === 'string') return formatDate(lang, value);
	if (Array.isArray(value)) return value.map((v) => formatMeasure(lang, v, share)).join('–');
	if (typeof value === 'object') return JSON.stringify(value);
	return String(value);
}

/** "125 / 161" as shown in the scorecard's numbers column. */
export function actualVsTarget(lang: Lang, rule: PlanRule, result: RuleResult): string {
	const share = isShareMeasure(rule);
	return `${formatMeasure(lang, result.actual, share)} / ${formatMeasure(lang, result.target, share)}`;
}

/** A number for the bullet chart, or null when the measure is not numeric (deadlines). */
export function numeric(value: unknown): number | null {
	return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
