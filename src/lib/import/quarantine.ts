/**
 * The quarantine file: the rejected rows as the user wrote them (their original columns), plus the reasons and the
 * suggestions, as CSV that Excel opens correctly (UTF-8 with BOM) and that cannot run formulas (cells are
 * neutralised like every CSV the app writes). The reason and suggestion columns are recognised and ignored by
 * header detection, so the corrected file imports again as it is. Pure.
 */
import { toCsv } from '$lib/export/csv';
import type { Lang } from '$lib/i18n';
import { importText, rejectionText, suggestionsText } from './messages';
import type { QuarantinedRow } from './types';

/** The headers of the added columns, in both languages (detection ignores them; see `columns.ts`). */
export const QUARANTINE_REASON_HEADERS = {
	vi: { reason: 'Lý do không nhập', suggestions: 'Gợi ý' },
	en: { reason: 'Reason not imported', suggestions: 'Suggestions' }
} as const;

/**
 * The CSV text of the quarantined rows: the union of their source columns in order of first appearance, then the
 * reason column (all reasons of the row, separated by "; ") and the suggestions column.
 */
export function quarantineCsv(rows: readonly QuarantinedRow[], lang: Lang): string {
	const columns: string[] = [];
	const seen = new Set<string>();
	for (const row of rows) {
		for (const key of Object.keys(row.candidate.source)) {
			if (!seen.has(key)) {
				seen.add(key);
				columns.push(key);
			}
		}
	}
	const header = [...columns, importText('header.reason', lang), importText('header.suggestions', lang)];
	const body = rows.map((row) => [
		...columns.map((c) => row.candidate.source[c] ?? ''),
		row.rejections.map((r) => rejectionText(r, lang)).join('; '),
		row.rejections
			.map((r) => suggestionsText(r, lang))
			.filter((s) => s !== '')
			.join('; ')
	]);
	return toCsv(header, body);
}
