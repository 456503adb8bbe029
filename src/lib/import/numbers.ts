/**
 * Numbers as Vietnamese users write them. The rule (docs/import.md):
 * - spaces (also non-breaking and thin) between digits are thousands separators: "1 300" = 1300;
 * - with both "." and ",", the later one is the decimal mark: "1.300,5" = 1300.5, "1,300.5" = 1300.5;
 * - "." alone: thousands when every group after it has exactly three digits and the number does not start with
 *   "0." ("1.300" = 1300, "1.300.000" = 1300000, vi-VN first); otherwise a decimal point ("1.5", "0.125");
 * - "," alone: a decimal comma ("1,5" = 1.5), unless several groups of three ("1,300,000" = 1300000); a single comma
 *   followed by exactly three digits ("1,300") is ambiguous between vi 1,3 and en 1300 and is refused, with a hint;
 * - a leading "-", "−" or accounting parentheses "(5)" make it negative;
 * - a numeric workbook cell is plain decimal already: a dot is always the decimal point there.
 * Pure.
 */

export type ParsedNumber =
	{ ok: true; value: number } | { ok: false; problem: 'missing' | 'not-a-number' | 'ambiguous-separator' };

const GROUPED_DOTS = /^\d{1,3}(?:\.\d{3})+$/;
const GROUPED_COMMAS = /^\d{1,3}(?:,\d{3})+$/;

/** The number a cell holds (see the rule above). */
export function parseNumber(cell: string, isPlainDecimal = false): ParsedNumber {
	let text = cell.trim();
	// Our own quarantine file neutralises cells that Excel would run as formulas with a leading apostrophe.
	if (/^'[-+=@]/.test(text)) text = text.slice(1);
	if (text === '') return { ok: false, problem: 'missing' };
	let sign = 1;
	const paren = /^\((.*)\)$/.exec(text);
	if (paren) {
		sign = -1;
		text = (paren[1] as string).trim();
	}
	if (/^[-−–]/.test(text)) {
		sign = -sign;
		text = text.slice(1).trim();
	} else if (text.startsWith('+')) text = text.slice(1).trim();
	if (isPlainDecimal) {
		return /^\d+(?:\.\d+)?(?:e[-+]?\d+)?$/i.test(text)
			? { ok: true, value: sign * Number(text) }
			: { ok: false, problem: 'not-a-number' };
	}
	text = text.replace(/(\d)[\s\u00a0\u202f\u2009]+(?=\d)/g, '$1');
	if (!/^[\d.,]+$/.test(text) || !/\d/.test(text)) return { ok: false, problem: 'not-a-number' };
	const lastDot = text.lastIndexOf('.');
	const lastComma = text.lastIndexOf(',');
	let normal: string;
	if (lastDot >= 0 && lastComma >= 0) {
		const [thousands, decimal] = lastDot > lastComma ? [',', '.'] : ['.', ','];
		const [intPart, fraction, ...rest] = text.split(decimal);
		if (rest.length > 0 || fraction === undefined || fraction.includes(thousands)) {
			return { ok: false, problem: 'not-a-number' };
		}
		const grouped = thousands === '.' ? GROUPED_DOTS : GROUPED_COMMAS;
		if (!grouped.test(intPart as string)) return { ok: false, problem: 'not-a-number' };
		normal = `${(intPart as string).split(thousands).join('')}.${fraction}`;
	} else if (lastDot >= 0) {
		if (GROUPED_DOTS.test(text) && !text.startsWith('0.')) normal = text.replace(/\./g, '');
		else if (/^\d*\.\d+$/.test(text)) normal = text;
		else return { ok: false, problem: 'not-a-number' };
	} else if (lastComma >= 0) {
		if (/^\d{1,3},\d{3}$/.test(text) && !text.startsWith('0,'))
			return { ok: false, problem: 'ambiguous-separator' };
		if (GROUPED_COMMAS.test(text) && !text.startsWith('0,')) normal = text.replace(/,/g, '');
		else if (/^\d*,\d+$/.test(text)) normal = text.replace(',', '.');
		else return { ok: false, problem: 'not-a-number' };
	} else normal = text;
	const value = sign * Number(normal);
	return Number.isFinite(value)
		? { ok: true, value: value === 0 ? 0 : value }
		: { ok: false, problem: 'not-a-number' };
}
