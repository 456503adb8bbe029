/**
 * Words of the import in Vietnamese and English: every rejection reason and every encoding problem. Kept apart from
 * the app's dictionaries so that this part can grow on its own; every key of `vi` must exist in `en` (the type
 * checks it). Pure: the language is passed in. Values are text, never HTML.
 */
import { fillPlaceholders, type Lang } from '$lib/i18n';
import type { EncodingProblem } from './encoding';
import type { Rejection, RejectReason } from './types';

const vi = {
	'reason.unknown-unit': 'Không tìm thấy đơn vị “{unit}”',
	'reason.unknown-unit.total':
		'Dòng tổng (“{unit}”) không phải một đơn vị: không nhập; tổng được tính từ số liệu của các đơn vị',
	'reason.ambiguous-unit': 'Tên đơn vị “{unit}” trùng với nhiều đơn vị; hãy chọn một hoặc ghi mã đơn vị',
	'reason.unknown-indicator': 'Không tìm thấy chỉ tiêu “{indicator}”',
	'reason.unknown-programme': 'Không tìm thấy chương trình “{programme}”',
	'reason.bad-period':
		'Kỳ báo cáo “{period}” không đọc được (ví dụ đúng: 2024, Quý 3/2024, Tháng 3/2024, 15/10/2024)',
	'reason.missing-value': 'Thiếu giá trị',
	'reason.not-a-number': 'Giá trị “{value}” không phải là số',
	'reason.not-a-number.ambiguous':
		'Giá trị “{value}” không rõ: dấu phẩy là dấu thập phân hay phân cách hàng nghìn? Hãy ghi 1300 hoặc 1.300 (một nghìn ba trăm), hoặc 1,3',
	'reason.negative-value': 'Giá trị âm ({value})',
	'reason.numerator-above-denominator': 'Lớn hơn mẫu số “{denominator}” ({denominatorValue}) {where}',
	'reason.numerator-above-denominator.denominator':
		'Nhỏ hơn tử số “{numerator}” đã có ({numeratorValue}) cùng đơn vị, cùng kỳ',
	'reason.duplicate-in-file': 'Trùng với dòng {row}{sheet} của tệp (cùng đơn vị, chỉ tiêu, kỳ, chương trình)',
	'reason.conflict-with-loaded': 'Khác số liệu đã có: đã có {loaded}, tệp ghi {value}',
	'where.row': 'ở dòng {row} cùng đơn vị, cùng kỳ',
	'where.loaded': 'đã có cùng đơn vị, cùng kỳ',
	'sheet.in': ' (trang {sheet})',
	suggestions: 'Gợi ý: {list}',
	'encoding.binary':
		'Tệp này không phải văn bản CSV (có thể là tệp Excel .xls đổi đuôi). Mở bằng Excel rồi chọn Lưu thành (Save As) → “CSV UTF-8 (Comma delimited)”, hoặc lưu thành .xlsx.',
	'encoding.undetermined':
		'Không xác định được bảng mã của tệp, nên không nhập để tránh sai tên. Mở tệp bằng Excel rồi Lưu thành (Save As) → “CSV UTF-8 (Comma delimited)”; nếu tệp dùng phông .VnTime (TCVN3), chuyển mã sang Unicode bằng Unikey (Công cụ chuyển mã: TCVN3 → Unicode) trước.',
	'encoding.converted.tcvn3': 'Đã chuyển từ bảng mã TCVN3 (ABC) sang Unicode',
	'encoding.converted.windows-1258': 'Đã chuyển từ bảng mã Windows-1258 sang Unicode',
	'header.reason': 'Lý do không nhập',
	'header.suggestions': 'Gợi ý',
	'header.file': 'Tệp',
	'header.row': 'Dòng'
} as const;

export type ImportMessageKey = keyof typeof vi;

const en: Record<ImportMessageKey, string> = {
	'reason.unknown-unit': 'Unit “{unit}” not found',
	'reason.unknown-unit.total':
		'A total line (“{unit}”) is not a unit: not imported; totals are computed from the units’ values',
	'reason.ambiguous-unit': 'Unit name “{unit}” matches several units; choose one or write the unit code',
	'reason.unknown-indicator': 'Indicator “{indicator}” not found',
	'reason.unknown-programme': 'Programme “{programme}” not found',
	'reason.bad-period':
		'Period “{period}” cannot be read (examples: 2024, Quý 3/2024, Tháng 3/2024, 15/10/2024)',
	'reason.missing-value': 'Value missing',
	'reason.not-a-number': 'Value “{value}” is not a number',
	'reason.not-a-number.ambiguous':
		'Value “{value}” is ambiguous: is the comma a decimal mark or a thousands separator? Write 1300 or 1.300 (one thousand three hundred), or 1,3',
	'reason.negative-value': 'Negative value ({value})',
	'reason.numerator-above-denominator':
		'Larger than the denominator “{denominator}” ({denominatorValue}) {where}',
	'reason.numerator-above-denominator.denominator':
		'Smaller than the loaded numerator “{numerator}” ({numeratorValue}) for the same unit and period',
	'reason.duplicate-in-file':
		'Same as row {row}{sheet} of the file (same unit, indicator, period, programme)',
	'reason.conflict-with-loaded': 'Differs from the loaded value: loaded {loaded}, file {value}',
	'where.row': 'in row {row}, same unit and period',
	'where.loaded': 'already loaded, same unit and period',
	'sheet.in': ' (sheet {sheet})',
	suggestions: 'Suggestions: {list}',
	'encoding.binary':
		'This file is not CSV text (perhaps an Excel .xls file renamed). Open it in Excel and Save As “CSV UTF-8 (Comma delimited)”, or save it as .xlsx.',
	'encoding.undetermined':
		'The file’s character encoding cannot be determined, so it is not imported (names would be garbled). Open it in Excel and Save As “CSV UTF-8 (Comma delimited)”; if it uses .VnTime fonts (TCVN3), convert it to Unicode first with Unikey (TCVN3 → Unicode).',
	'encoding.converted.tcvn3': 'Converted from TCVN3 (ABC) to Unicode',
	'encoding.converted.windows-1258': 'Converted from Windows-1258 to Unicode',
	'header.reason': 'Reason not imported',
	'header.suggestions': 'Suggestions',
	'header.file': 'File',
	'header.row': 'Row'
};

const DICTIONARIES: Record<Lang, Record<ImportMessageKey, string>> = { vi, en };

/** Numbers the vi-VN way (1.300; 1,5) or the English way. */
function formatNumber(value: number, lang: Lang): string {
	return value.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 6 });
}

/** A message with `{name}` placeholders filled; numbers formatted for the language. */
export function importText(
	key: ImportMessageKey,
	lang: Lang,
	params: Record<string, string | number> = {}
): string {
	return fillPlaceholders(DICTIONARIES[lang][key], params, (v) =>
		typeof v === 'number' ? formatNumber(v, lang) : v
	);
}

/** The sentence for one rejection, with its suggestions. */
export function rejectionText(rejection: Rejection, lang: Lang): string {
	const detail = rejection.detail ?? {};
	const reason: RejectReason = rejection.reason;
	let text: string;
	if (reason === 'unknown-unit' && detail.total) text = importText('reason.unknown-unit.total', lang, detail);
	else if (reason === 'not-a-number' && detail.ambiguous) {
		text = importText('reason.not-a-number.ambiguous', lang, detail);
	} else if (reason === 'numerator-above-denominator' && detail.numerator !== undefined) {
		text = importText('reason.numerator-above-denominator.denominator', lang, detail);
	} else if (reason === 'numerator-above-denominator') {
		const where =
			detail.row !== undefined
				? importText('where.row', lang, { row: String(detail.row) })
				: importText('where.loaded', lang);
		text = importText('reason.numerator-above-denominator', lang, { ...detail, where });
	} else if (reason === 'duplicate-in-file') {
		const sheet =
			detail.sheet !== undefined ? importText('sheet.in', lang, { sheet: String(detail.sheet) }) : '';
		text = importText('reason.duplicate-in-file', lang, { row: String(detail.row ?? ''), sheet });
	} else {
		text = importText(`reason.${reason}`, lang, detail);
	}
	return text;
}

/** The suggestions of a rejection as one line ("Gợi ý: 01267 Xã Tân Lập; …"), or "" when there are none. */
export function suggestionsText(rejection: Rejection, lang: Lang): string {
	const list = rejection.suggestions ?? [];
	if (list.length === 0) return '';
	return importText('suggestions', lang, { list: list.map((s) => `${s.code} ${s.name}`).join('; ') });
}

/** Why a file was refused, and how to convert it. */
export function encodingProblemText(problem: EncodingProblem, lang: Lang): string {
	return importText(`encoding.${problem}`, lang);
}
