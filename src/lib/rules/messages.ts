/**
 * The words for each plan-file problem, in Vietnamese (the app's first language) and English. JSON keys,
 * codes and values stay as written in the file, in quotes, so that people can search for them; the rest is
 * translated.
 */
import { formatNumber, translate, type Lang, type MessageKey } from '$lib/i18n';
import { LEVELS } from '$lib/model/data';
import type { PlanProblem, PlanProblemCode } from './validate';

type Params = PlanProblem['params'];
type Words = (p: Params, lang: Lang) => string;

const str = (p: Params, key: string) => String(p[key] ?? '');
const q = (value: string | number | undefined) => `"${value ?? ''}"`;

const TYPE_NAMES: Record<string, { vi: string; en: string }> = {
	object: { vi: 'một đối tượng {…}', en: 'an object {…}' },
	array: { vi: 'một danh sách […]', en: 'a list […]' },
	string: { vi: 'một chuỗi', en: 'a string' },
	number: { vi: 'một số', en: 'a number' },
	integer: { vi: 'một số nguyên', en: 'a whole number' },
	boolean: { vi: 'true hoặc false', en: 'true or false' },
	null: { vi: 'null', en: 'null' }
};

/** "a string or a number" from the schema's "string, number". */
function typeNames(list: string, lang: Lang): string {
	const names = list.split(', ').map((t) => TYPE_NAMES[t]?.[lang] ?? t);
	return names.join(lang === 'vi' ? ' hoặc ' : ' or ');
}

const FOUND_NOUNS: Record<string, { vi: string; en: string }> = {
	string: { vi: 'chuỗi', en: 'the string' },
	number: { vi: 'số', en: 'the number' },
	integer: { vi: 'số', en: 'the number' },
	array: { vi: 'danh sách', en: 'the list' },
	object: { vi: 'đối tượng', en: 'the object' }
};

/** The value found, named by its type: "the string "161"", "the list [1]"; true, false and null as they are. */
function foundValue(p: Params, lang: Lang): string {
	const noun = FOUND_NOUNS[str(p, 'found')]?.[lang];
	return noun ? `${noun} ${p.value}` : str(p, 'value');
}

const OWNERS: Record<string, { vi: string; en: string }> = {
	file: { vi: 'tệp', en: 'the file' },
	plan: { vi: 'phần "plan"', en: '"plan"' },
	rule: { vi: 'quy tắc', en: 'rule' },
	title: { vi: 'tiêu đề', en: 'title' },
	period: { vi: 'kỳ kế hoạch', en: 'period' },
	trajectory: { vi: 'lộ trình', en: 'trajectory' },
	event: { vi: 'sự kiện', en: 'event' },
	condition: { vi: 'điều kiện', en: 'condition' },
	'fact-reference': { vi: 'tham chiếu dữ kiện', en: 'fact reference' },
	params: { vi: 'tham số', en: 'params' },
	test: { vi: 'ví dụ kiểm thử', en: 'test' },
	row: { vi: 'dòng dữ liệu', en: 'data row' },
	expectation: { vi: 'kết quả mong đợi', en: 'expectation' },
	object: { vi: 'đối tượng', en: 'object' }
};

const VALUE_NEEDS: Record<string, { vi: string; en: string }> = {
	number: { vi: 'một số (hoặc một tham chiếu dữ kiện)', en: 'a number (or a fact reference)' },
	date: {
		vi: 'một ngày YYYY-MM-DD (hoặc một tham chiếu dữ kiện)',
		en: 'a date YYYY-MM-DD (or a fact reference)'
	},
	range: { vi: 'một cặp số [thấp, cao]', en: 'a pair of numbers [low, high]' },
	list: { vi: 'một danh sách giá trị', en: 'a list of values' },
	scalar: {
		vi: 'một số, một chuỗi, một danh sách hoặc một tham chiếu dữ kiện',
		en: 'a number, a string, a list or a fact reference'
	}
};

/** " — did you mean "x"?" when the validator found a close code. */
function suggestion(p: Params, lang: Lang): string {
	if (p.suggestion === undefined) return '';
	const name = p.suggestionName === undefined ? '' : ` (${str(p, 'suggestionName')})`;
	return lang === 'vi'
		? `; có phải ý bạn là ${q(p.suggestion)}${name}?`
		: `; did you mean ${q(p.suggestion)}${name}?`;
}

/** A level code, with its Vietnamese name from the app's dictionary (English needs none: the code is English). */
function levelName(level: string, lang: Lang): string {
	if (lang === 'en' || !(LEVELS as readonly string[]).includes(level)) return q(level);
	return `${q(level)} (${translate(lang, `level.${level}` as MessageKey).toLowerCase()})`;
}

function bracketClosing(open: string): string {
	return open === '[' ? ']' : '}';
}

const SYNTAX: Record<string, { vi: Words; en: Words }> = {
	empty: { vi: () => 'tệp trống, không có nội dung JSON', en: () => 'the file is empty' },
	'trailing-comma': {
		vi: () => 'thừa dấu phẩy: JSON không cho phép dấu "," ngay trước "}" hoặc "]"; hãy xóa dấu phẩy này',
		en: () => 'remove this comma: JSON allows no "," just before "}" or "]"'
	},
	'unexpected-end': {
		vi: (p) =>
			p.open === undefined
				? 'tệp kết thúc giữa chừng (có thể thiếu dấu nháy kép đóng chuỗi)'
				: `tệp kết thúc giữa chừng: thiếu ${q(bracketClosing(str(p, 'open')))} để đóng ${q(p.open)} mở ở dòng ${p.openLine}, cột ${p.openColumn}`,
		en: (p) =>
			p.open === undefined
				? 'the file ends too early (is a closing quote missing?)'
				: `the file ends too early: a ${q(bracketClosing(str(p, 'open')))} is missing to close the ${q(p.open)} opened at line ${p.openLine}, column ${p.openColumn}`
	},
	'unexpected-character': {
		vi: (p) => `ký tự không hợp lệ ${q(p.found)}`,
		en: (p) => `unexpected character ${q(p.found)}`
	},
	'expected-key': {
		vi: (p) => `cần một khóa trong dấu nháy kép (ví dụ "name"), nhưng gặp ${q(p.found)}`,
		en: (p) => `expected a key in double quotes (like "name"), found ${q(p.found)}`
	},
	'expected-colon': {
		vi: (p) => `cần dấu ":" sau khóa, nhưng gặp ${q(p.found)}`,
		en: (p) => `expected ":" after the key, found ${q(p.found)}`
	},
	'expected-comma-or-close': {
		vi: (p) =>
			`cần dấu "," hoặc ${q(bracketClosing(str(p, 'open')))}, nhưng gặp ${q(p.found)} (có thể thiếu dấu phẩy ở trước)`,
		en: (p) =>
			`expected "," or ${q(bracketClosing(str(p, 'open')))}, found ${q(p.found)} (is a comma missing before it?)`
	},
	'expected-value': {
		vi: (p) => `cần một giá trị, nhưng gặp ${q(p.found)}`,
		en: (p) => `expected a value, found ${q(p.found)}`
	},
	'bad-string': { vi: () => 'chuỗi không hợp lệ', en: () => 'invalid string' },
	'bad-escape': {
		vi: () => 'chuỗi có ký tự thoát "\\" không hợp lệ (muốn viết dấu gạch chéo ngược thì viết "\\\\")',
		en: () => 'invalid escape "\\" in a string (write "\\\\" for a backslash)'
	},
	'control-character': {
		vi: () => 'chuỗi chứa ký tự xuống dòng hoặc ký tự điều khiển; hãy viết "\\n" thay cho xuống dòng',
		en: () => 'a string contains a line break or control character; write "\\n" for a line break'
	},
	'bad-number': {
		vi: () =>
			'số không hợp lệ trong JSON (dùng dấu chấm thập phân, ví dụ 0.8; không có số 0 đứng đầu như 01)',
		en: () => 'invalid number (use a decimal point, as in 0.8, and no leading zeros, as in 01)'
	},
	'bad-literal': {
		vi: () =>
			'từ không hợp lệ: chữ phải nằm trong dấu nháy kép; chỉ true, false và null được viết không có nháy',
		en: () => 'unknown word: text goes in double quotes; only true, false and null are written without them'
	},
	'extra-content': {
		vi: (p) => `có nội dung thừa ${q(p.found)} sau khi tài liệu JSON đã kết thúc`,
		en: (p) => `unexpected ${q(p.found)} after the end of the JSON document`
	},
	unknown: { vi: () => 'tệp không phải JSON hợp lệ', en: () => 'the file is not valid JSON' }
};

const MESSAGES: Record<PlanProblemCode, { vi: Words; en: Words }> = {
	'invalid-json': {
		vi: (p, lang) => `JSON không hợp lệ: ${(SYNTAX[str(p, 'reason')] ?? SYNTAX.unknown)?.vi(p, lang)}`,
		en: (p, lang) => `invalid JSON: ${(SYNTAX[str(p, 'reason')] ?? SYNTAX.unknown)?.en(p, lang)}`
	},
	'duplicate-key': {
		vi: (p) => `khóa ${q(p.key)} bị lặp (lần đầu ở dòng ${p.first}); chỉ giá trị sau cùng được dùng`,
		en: (p) => `key ${q(p.key)} appears twice (first on line ${p.first}); only the last value would be used`
	},
	'too-deep': {
		vi: (p) => `tệp lồng nhau quá sâu (quá ${p.max} cấp)`,
		en: (p) => `the file is nested too deeply (more than ${p.max} levels)`
	},
	'missing-key': {
		vi: (p) => `${OWNERS[str(p, 'where')]?.vi ?? 'đối tượng'} thiếu khóa ${q(p.key)}`,
		en: (p) => `${OWNERS[str(p, 'where')]?.en ?? 'object'} is missing ${q(p.key)}`
	},
	'wrong-type': {
		vi: (p, lang) =>
			`cần ${typeNames(str(p, 'expected'), lang)}, nhưng gặp ${typeNames(str(p, 'found'), lang)}`,
		en: (p, lang) =>
			`expected ${typeNames(str(p, 'expected'), lang)}, found ${typeNames(str(p, 'found'), lang)}`
	},
	'unknown-fact': {
		vi: (p, lang) => `không có dữ kiện ${q(p.fact)}; các dữ kiện hợp lệ: ${p.expected}${suggestion(p, lang)}`,
		en: (p, lang) => `unknown fact ${q(p.fact)}; expected one of ${p.expected}${suggestion(p, lang)}`
	},
	'unknown-operator': {
		vi: (p, lang) =>
			`không có toán tử ${q(p.operator)}; các toán tử hợp lệ: ${p.expected}${suggestion(p, lang)}`,
		en: (p, lang) => `unknown operator ${q(p.operator)}; expected one of ${p.expected}${suggestion(p, lang)}`
	},
	'unknown-level': {
		vi: (p, lang) => `không có cấp ${q(p.level)}; các cấp hợp lệ: ${p.expected}${suggestion(p, lang)}`,
		en: (p, lang) => `unknown level ${q(p.level)}; expected one of ${p.expected}${suggestion(p, lang)}`
	},
	'unknown-param': {
		// Outside a condition (in a rule test) there is no fact: the key is simply not one of those allowed there.
		vi: (p, lang) =>
			p.fact
				? `dữ kiện ${q(p.fact)} không có tham số ${q(p.param)}; các tham số hợp lệ: ${p.expected}${suggestion(p, lang)}`
				: `khóa ${q(p.param)} không dùng được ở đây; các khóa hợp lệ: ${p.expected}${suggestion(p, lang)}`,
		en: (p, lang) =>
			p.fact
				? `unknown parameter ${q(p.param)} for fact ${q(p.fact)}; expected ${p.expected}${suggestion(p, lang)}`
				: `unknown key ${q(p.param)} here; expected ${p.expected}${suggestion(p, lang)}`
	},
	'bad-condition': {
		vi: (p, lang) =>
			`điều kiện phải có "all", "any", "not" hoặc "fact"${p.keys ? `; ở đây có: ${p.keys}` : ''}${suggestion(p, lang)}`,
		en: (p, lang) =>
			`a condition needs "all", "any", "not" or "fact"${p.keys ? `; found ${p.keys}` : ''}${suggestion(p, lang)}`
	},
	'top-level-leaf': {
		vi: () =>
			'"conditions" phải bắt đầu bằng "all", "any" hoặc "not" (json-rules-engine yêu cầu); hãy đặt điều kiện này trong {"all": [ … ]}',
		en: () =>
			'"conditions" must start with "all", "any" or "not" (json-rules-engine requires it); wrap this condition in {"all": [ … ]}'
	},
	'empty-list': {
		vi: (p) => `danh sách ${q(p.key)} trống; cần ít nhất một phần tử`,
		en: (p) => `${q(p.key)} is empty; it needs at least one item`
	},
	'empty-value': { vi: () => 'giá trị không được để trống', en: () => 'must not be empty' },
	'bad-scope': {
		vi: (p) =>
			p.found === 'both'
				? 'phạm vi chỉ được có một trong hai khóa "each" hoặc "units", không được có cả hai'
				: 'phạm vi cần khóa "each" (một cấp) hoặc "units" (danh sách mã đơn vị)',
		en: (p) =>
			p.found === 'both'
				? 'a scope has either "each" or "units", not both'
				: 'a scope needs "each" (a level) or "units" (a list of unit codes)'
	},
	'bad-date': {
		vi: (p) => `${p.value} không phải ngày hợp lệ dạng YYYY-MM-DD`,
		en: (p) => `${p.value} is not a real date written YYYY-MM-DD`
	},
	'bad-period': {
		vi: (p) => `${p.value} không phải mã kỳ hợp lệ (ví dụ 2024, 2024S1, 2024Q3, 2024-03, 2024-10-15)`,
		en: (p) => `${p.value} is not a valid period code (such as 2024, 2024S1, 2024Q3, 2024-03, 2024-10-15)`
	},
	'bad-id': {
		vi: (p) => `mã kế hoạch ${p.value} phải viết thường, nối bằng dấu gạch ngang, ví dụ "cao-bang-2024"`,
		en: (p) => `plan id ${p.value} must be lower-case words joined by hyphens, like "cao-bang-2024"`
	},
	'out-of-range': {
		vi: (p) =>
			`${p.value} phải ${p.comparison === '>=' ? 'lớn hơn hoặc bằng' : 'nhỏ hơn hoặc bằng'} ${p.limit}`,
		en: (p) => `${p.value} must be ${p.comparison === '>=' ? 'at least' : 'at most'} ${p.limit}`
	},
	'wrong-length': {
		vi: (p) => `cần đúng ${p.expected} phần tử, nhưng có ${p.found}`,
		en: (p) => `needs exactly ${p.expected} items, found ${p.found}`
	},
	'duplicate-item': {
		vi: (p) => `${p.item} bị lặp (đã có ở vị trí ${p.first})`,
		en: (p) => `${p.item} is listed twice (already at index ${p.first})`
	},
	'wrong-value-type': {
		vi: (p, lang) =>
			`toán tử ${q(p.operator)} cần giá trị là ${VALUE_NEEDS[str(p, 'expected')]?.vi ?? p.expected}, không phải ${foundValue(p, lang)}`,
		en: (p, lang) =>
			`operator ${q(p.operator)} needs ${VALUE_NEEDS[str(p, 'expected')]?.en ?? p.expected} as its value, not ${foundValue(p, lang)}`
	},
	'invalid-value': {
		vi: (p) => `giá trị không hợp lệ ${p.value}${p.expected ? `; cần một trong: ${p.expected}` : ''}`,
		en: (p) => `invalid value ${p.value}: ${p.detail}`
	},
	'mixed-condition': {
		vi: (p) => `một điều kiện chỉ được có một trong "all", "any", "not", "fact"; ở đây có cả ${p.keys}`,
		en: (p) => `a condition has only one of "all", "any", "not" or "fact"; found ${p.keys}`
	},
	'bad-path': {
		vi: (p) => `đường dẫn ${q(p.path)} không hợp lệ; unitsMeeting chỉ có "$.count", "$.total" và "$.share"`,
		en: (p) => `path ${q(p.path)} does not exist; unitsMeeting offers "$.count", "$.total" and "$.share"`
	},
	'path-not-allowed': {
		vi: (p) =>
			`"path" chỉ dùng với dữ kiện "unitsMeeting"; dữ kiện ${q(p.fact)} cho một giá trị đơn, hãy bỏ "path"`,
		en: (p) =>
			`"path" is only for the fact "unitsMeeting"; ${q(p.fact)} gives a single value, so remove "path"`
	},
	'missing-path': {
		vi: () =>
			'dữ kiện "unitsMeeting" cho {count, total, share}: cần thêm "path", ví dụ "$.share" hoặc "$.count"',
		en: () =>
			'the fact "unitsMeeting" gives {count, total, share}: add a "path" such as "$.share" or "$.count"'
	},
	'operator-mismatch': {
		vi: (p) =>
			p.gives === 'date'
				? `dữ kiện ${q(p.fact)} cho một ngày, không so sánh được bằng toán tử số ${q(p.operator)}; hãy dùng "onOrBefore" hoặc "onOrAfter"`
				: `dữ kiện ${q(p.fact)} cho một số, không so sánh được bằng toán tử ngày ${q(p.operator)}`,
		en: (p) =>
			p.gives === 'date'
				? `the fact ${q(p.fact)} gives a date, which the number operator ${q(p.operator)} cannot compare; use "onOrBefore" or "onOrAfter"`
				: `the fact ${q(p.fact)} gives a number, which the date operator ${q(p.operator)} cannot compare`
	},
	'unknown-indicator': {
		vi: (p, lang) => `không có chỉ số mã ${q(p.code)} trong dữ liệu${suggestion(p, lang)}`,
		en: (p, lang) => `unknown indicator ${q(p.code)}${suggestion(p, lang)}`
	},
	'unknown-programme': {
		vi: (p, lang) => `không có chương trình mã ${q(p.code)} trong dữ liệu${suggestion(p, lang)}`,
		en: (p, lang) => `unknown programme ${q(p.code)}${suggestion(p, lang)}`
	},
	'unknown-report': {
		vi: (p, lang) => `không có báo cáo mã ${q(p.code)} trong dữ liệu${suggestion(p, lang)}`,
		en: (p, lang) => `unknown report ${q(p.code)}${suggestion(p, lang)}`
	},
	'unknown-org-unit': {
		vi: (p, lang) => {
			const other =
				p.validFrom === undefined
					? ''
					: ` (mã này chỉ có hiệu lực ${p.validFrom ? `từ ${p.validFrom}` : ''}${p.validTo ? ` đến ${p.validTo}` : ''})`;
			return `không có đơn vị mã ${q(p.code)} vào ngày ${p.date}${other}${suggestion(p, lang)}`;
		},
		en: (p, lang) => {
			const other =
				p.validFrom === undefined
					? ''
					: ` (the code is valid only${p.validFrom ? ` from ${p.validFrom}` : ''}${p.validTo ? ` to ${p.validTo}` : ''})`;
			return `unknown org unit ${q(p.code)} on ${p.date}${other}${suggestion(p, lang)}`;
		}
	},
	'unit-outside-plan': {
		vi: (p) => `đơn vị ${q(p.code)} không thuộc đơn vị của kế hoạch ${q(p.unit)} (${p.unitName})`,
		en: (p) => `org unit ${q(p.code)} is not under the plan's unit ${q(p.unit)} (${p.unitName})`
	},
	'level-not-under-unit': {
		vi: (p, lang) =>
			`dưới ${q(p.unit)} (${p.unitName}) không có đơn vị cấp ${levelName(str(p, 'level'), lang)} vào ngày ${p.date}`,
		en: (p, lang) =>
			`there are no units at level ${levelName(str(p, 'level'), lang)} under ${q(p.unit)} (${p.unitName}) on ${p.date}`
	},
	'level-not-below': {
		vi: (p, lang) =>
			`"unitsMeeting" phải đếm đơn vị cấp dưới nơi quy tắc được đánh giá (cấp ${levelName(str(p, 'evaluatedAt'), lang)}), nhưng cấp ${levelName(str(p, 'level'), lang)} không thấp hơn`,
		en: (p, lang) =>
			`"unitsMeeting" counts units below where the rule is judged (level ${levelName(str(p, 'evaluatedAt'), lang)}), but level ${levelName(str(p, 'level'), lang)} is not below it`
	},
	'duplicate-rule-name': {
		vi: (p) => `tên quy tắc ${q(p.name)} đã được dùng ở ${p.first}; mỗi quy tắc cần một tên riêng`,
		en: (p) => `rule name ${q(p.name)} is already used by ${p.first}; every rule needs its own name`
	},
	'measure-out-of-range': {
		vi: (p) =>
			`"measure" là ${p.measure}, nhưng quy tắc chỉ có ${p.count} điều kiện (đếm từ 0, nên tối đa là ${Number(p.count) - 1})`,
		en: (p) =>
			`"measure" is ${p.measure} but the rule has only ${p.count} condition(s) (counted from 0, so at most ${Number(p.count) - 1})`
	},
	'between-order': {
		vi: (p, lang) =>
			`"between" cần [thấp, cao], nhưng ${formatNumber(lang, Number(p.low), 6)} lớn hơn ${formatNumber(lang, Number(p.high), 6)}`,
		en: (p, lang) =>
			`"between" needs [low, high], but ${formatNumber(lang, Number(p.low), 6)} is greater than ${formatNumber(lang, Number(p.high), 6)}`
	},
	'trajectory-sum': {
		vi: (p, lang) => `tổng các trọng số quý phải bằng 1, nhưng bằng ${formatNumber(lang, Number(p.sum), 4)}`,
		en: (p, lang) =>
			`the quarter weights must sum to 1, but they sum to ${formatNumber(lang, Number(p.sum), 4)}`
	},
	'period-order': {
		vi: (p) => `ngày kết thúc ${p.end} đứng trước ngày bắt đầu ${p.start}`,
		en: (p) => `the period ends (${p.end}) before it starts (${p.start})`
	},
	'period-outside-plan': {
		vi: (p) =>
			`kỳ ${q(p.period)} nằm ngoài kỳ kế hoạch ${p.start} – ${p.end}, nên sẽ không bao giờ có số liệu`,
		en: (p) =>
			`period ${q(p.period)} lies outside the plan period ${p.start} – ${p.end}, so it can never have data`
	},
	'unknown-rule': {
		vi: (p, lang) => `kế hoạch không có quy tắc tên ${q(p.name)}${suggestion(p, lang)}`,
		en: (p, lang) => `the plan has no rule named ${q(p.name)}${suggestion(p, lang)}`
	},
	'programme-not-in-plan': {
		vi: (p) => `chương trình ${q(p.code)} chưa có trong danh sách "programmes" của kế hoạch`,
		en: (p) => `programme ${q(p.code)} is not listed in the plan's "programmes"`
	}
};

/** The message of a problem in the given language (the validator fills `message` with the English one). */
export function problemMessage(problem: Pick<PlanProblem, 'code' | 'params'>, lang: Lang): string {
	const words = MESSAGES[problem.code];
	return words ? words[lang](problem.params, lang) : problem.code;
}
