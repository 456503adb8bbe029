/**
 * What each column of a user's table means, from its header in Vietnamese or English, with or without diacritics
 * and in any case: "Mã đơn vị" / "ma dv" / "org_unit" → a unit code, "Tên đơn vị" → a unit name, "Kỳ báo cáo" → a
 * period, a column titled with an indicator's code or name → that indicator's values (wide report templates).
 * Pure.
 */
import type {
	ColumnMapping,
	ColumnRole,
	KnownCatalogue,
	KnownEntry,
	PeriodHint,
	RawTable,
	TableMapping
} from './types';

export type { KnownCatalogue, KnownEntry };

/**
 * A header folded for comparison: no diacritics, đ → d, lower case, text in parentheses or after a colon dropped
 * ("Giá trị (hộ)" → "gia tri"), underscores, dots and other punctuation as spaces.
 */
export function foldHeader(header: string): string {
	return header
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.replace(/[đĐ]/g, 'd')
		.toLowerCase()
		.replace(/\([^)]*\)|\[[^\]]*\]/g, ' ')
		.replace(/[^a-z0-9]+/g, ' ')
		.trim();
}

/** Folded headers of each role (exact matches after `foldHeader`). */
const ROLE_HEADERS: Record<Exclude<ColumnRole, 'indicator_value' | 'ignore'>, string[]> = {
	org_unit: [
		'ma don vi',
		'ma dv',
		'ma dvi',
		'ma co so',
		'ma co so hoi',
		'ma hoi',
		'ma xa',
		'ma phuong',
		'ma xa phuong',
		'ma huyen',
		'ma tinh',
		'org unit',
		'org unit code',
		'unit code',
		'orgunit',
		'ma dvhc',
		'ma hanh chinh'
	],
	org_unit_name: [
		'don vi',
		'ten don vi',
		'ten dv',
		'ten dvi',
		'co so hoi',
		'ten co so hoi',
		'hoi lhpn',
		'ten hoi',
		'xa',
		'phuong',
		'xa phuong',
		'xa phuong thi tran',
		'ten xa',
		'ten xa phuong',
		'huyen',
		'ten huyen',
		'quan huyen',
		'tinh',
		'ten tinh',
		'tinh thanh pho',
		'tinh thanh',
		'dia phuong',
		'dia ban',
		'unit',
		'unit name',
		'org unit name',
		'name',
		'commune',
		'district',
		'province'
	],
	parent_name: [
		'don vi cap tren',
		'cap tren',
		'ma don vi cap tren',
		'parent',
		'parent code',
		'parent name',
		'parent unit',
		'thuoc',
		'truc thuoc'
	],
	indicator: [
		'chi tieu',
		'ma chi tieu',
		'ten chi tieu',
		'noi dung chi tieu',
		'noi dung',
		'indicator',
		'indicator code',
		'indicator name',
		'chi so',
		'ma chi so'
	],
	period: [
		'ky bao cao',
		'ky',
		'ky bc',
		'period',
		'thoi gian',
		'thoi ky',
		'ngay',
		'ngay bao cao',
		'date',
		'quy',
		'thang',
		'quarter',
		'month',
		'nam quy',
		'reporting period'
	],
	year: ['nam', 'year', 'nam bao cao'],
	value: [
		'gia tri',
		'so lieu',
		'value',
		'so luong',
		'ket qua',
		'ket qua thuc hien',
		'thuc hien',
		'tong so',
		'so'
	],
	programme: [
		'chuong trinh',
		'ma chuong trinh',
		'ten chuong trinh',
		'programme',
		'program',
		'programme code',
		'chuong trinh du an',
		'du an'
	]
};

/** Headers that are never data (row numbers, notes, the reason and suggestion columns of a quarantine file). */
const IGNORED_HEADERS = [
	'stt',
	'tt',
	'so tt',
	'so thu tu',
	'no',
	'ghi chu',
	'note',
	'notes',
	'don vi tinh',
	'dvt',
	'unit of measure',
	'ly do',
	'ly do khong nhap',
	'reason',
	'reason not imported',
	'goi y',
	'suggestions',
	'tep',
	'file',
	'dong',
	'row',
	'sheet',
	'trang tinh'
];

/** Unit-name headers that name a level, coarsest first: with two of them, the finer is the unit, the coarser its parent. */
const LEVEL_HEADERS: [number, string[]][] = [
	[1, ['tinh', 'ten tinh', 'tinh thanh pho', 'tinh thanh', 'province']],
	[2, ['huyen', 'ten huyen', 'quan huyen', 'district']],
	[3, ['xa', 'phuong', 'xa phuong', 'xa phuong thi tran', 'ten xa', 'ten xa phuong', 'commune']]
];

const PERIOD_HINTS: Record<string, PeriodHint> = {
	quy: 'quarter',
	quarter: 'quarter',
	thang: 'month',
	month: 'month'
};

const ROLE_OF_HEADER = new Map<string, ColumnRole>();
for (const [role, headers] of Object.entries(ROLE_HEADERS)) {
	for (const h of headers) ROLE_OF_HEADER.set(h, role as ColumnRole);
}
for (const h of IGNORED_HEADERS) ROLE_OF_HEADER.set(h, 'ignore');

/**
 * The role a header names on its own (no catalogue), or null when it names none. `ignore` for recognised non-data
 * columns (STT, Ghi chú, the quarantine's reason column). Used to find the header row of a template as well.
 */
export function headerRole(header: string): ColumnRole | null {
	const folded = foldHeader(header);
	if (folded === '') return null;
	return ROLE_OF_HEADER.get(folded) ?? ROLE_OF_HEADER.get(folded.replace(/^(ten|ma) /, '')) ?? null;
}

function foldName(text: string): string {
	return foldHeader(text.replace(/_/g, ' '));
}

/**
 * The indicator a column header names, or null: the header (folded, parentheses dropped) equals an indicator's
 * code or its Vietnamese or English name, or begins with one of them followed by extra words ("Hộ có phụ nữ thoát
 * nghèo trong kỳ"), also after a leading "Số", "Tổng số", "Số lượng" ("Số hội viên" is Hội viên). The longest matching name wins, so that "… thoát cận nghèo" is not taken for "… thoát nghèo".
 */
export function matchIndicatorHeader(header: string, indicators: readonly KnownEntry[]): string | null {
	const written = foldName(header);
	if (written === '') return null;
	// "Số hội viên", "Tổng số hội viên", "Number of members": a count of the indicator is the indicator.
	const folded = written.replace(/^(?:tong so|so luong|so|number of|total) (?=\S)/, '');
	let best: { code: string; length: number } | null = null;
	for (const indicator of indicators) {
		for (const name of [indicator.code, indicator.nameVi, indicator.nameEn]) {
			const target = foldName(name);
			if (target === '') continue;
			const matches = [folded, written].some((h) => h === target || h.startsWith(`${target} `));
			if (matches && (best === null || target.length > best.length)) {
				best = { code: indicator.code, length: target.length };
			}
		}
	}
	return best?.code ?? null;
}

function levelOf(header: string): number | null {
	const folded = foldHeader(header);
	for (const [level, names] of LEVEL_HEADERS) if (names.includes(folded)) return level;
	return null;
}

/**
 * The detector's reading of a table: each column's role from its header; a column titled with an indicator becomes
 * `indicator_value` (wide layout). Of several columns of one role, the first keeps it and the others are ignored;
 * of several unit-name columns naming levels (Tỉnh, Huyện, Xã), the finest is the unit and the next coarser its
 * parent. "Năm" with "Quý"/"Tháng" gives a year column and a period column with a hint.
 */
export function detectMapping(table: RawTable, known: KnownCatalogue): TableMapping {
	const columns: ColumnMapping[] = table.header.map((header, column) => {
		const role = headerRole(header);
		if (role !== null) {
			const hint = PERIOD_HINTS[foldHeader(header)];
			return role === 'period' && hint ? { column, role, periodHint: hint } : { column, role };
		}
		const indicator = matchIndicatorHeader(header, known.indicators);
		return indicator ? { column, role: 'indicator_value', indicator } : { column, role: 'ignore' };
	});

	// Level-named unit columns: finest is the unit, next coarser the parent, the rest ignored.
	const levelled = columns
		.filter((c) => c.role === 'org_unit_name')
		.map((c) => ({ c, level: levelOf(table.header[c.column] ?? '') }))
		.filter((x): x is { c: ColumnMapping; level: number } => x.level !== null)
		.sort((a, b) => b.level - a.level);
	const generic = columns.some(
		(c) => c.role === 'org_unit_name' && levelOf(table.header[c.column] ?? '') === null
	);
	if (levelled.length > 1 || (generic && levelled.length > 0)) {
		levelled.forEach(({ c }, i) => {
			if (generic) c.role = i === 0 ? 'parent_name' : 'ignore';
			else c.role = i === 0 ? 'org_unit_name' : i === 1 ? 'parent_name' : 'ignore';
		});
	}

	// One column per role (indicator_value and ignore excepted): later duplicates are ignored.
	const seen = new Set<ColumnRole>();
	for (const c of columns) {
		if (c.role === 'indicator_value' || c.role === 'ignore') continue;
		if (seen.has(c.role)) {
			c.role = 'ignore';
			delete c.periodHint;
		} else seen.add(c.role);
	}
	// A unit code column makes a name column redundant as the unit; keep the name as nothing (the code decides).
	if (seen.has('org_unit')) {
		for (const c of columns) if (c.role === 'org_unit_name') c.role = 'ignore';
	}
	// "Năm" alone (no period column) is the period itself: 2024.
	return { columns };
}

/**
 * A stable key of a table's header shape, to remember the user's mapping for the next file of the same shape:
 * the folded headers in order. Two monthly reports from one template share it; a different template does not.
 */
export function shapeKey(table: RawTable): string {
	return `v1:${table.header.map((h) => foldHeader(h)).join('|')}`;
}
