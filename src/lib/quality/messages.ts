/**
 * Words of the data-quality page (/quality) in Vietnamese and English, kept apart from the app's dictionaries;
 * every key of `vi` must exist in `en` (the type checks it). Pure: the language is passed in. Text, never HTML.
 */
import { fillPlaceholders, type Lang } from '$lib/i18n';

const vi = {
	'page.title': 'Chất lượng dữ liệu',
	'page.intro':
		'Báo cáo đã nhận so với báo cáo phải nộp, báo cáo đúng hạn, số liệu bất thường và các quy tắc kiểm tra số liệu, cho một kế hoạch (hoặc toàn bộ dữ liệu của một năm) tại một ngày. Mỗi vấn đề dẫn tới đơn vị và kỳ báo cáo.',
	'controls.allData': 'Toàn bộ dữ liệu (theo năm)',
	'controls.year': 'Năm',
	'controls.unit': 'Đơn vị (gồm các đơn vị trực thuộc)',
	'controls.level': 'Cấp',
	'controls.period': 'Kỳ',
	'controls.any': 'Tất cả',
	'progress.label': 'Đang kiểm tra dữ liệu',
	'progress.step': 'Bước {done}/{total}: {step}',
	'step.rules': 'đọc quy tắc kiểm tra',
	'step.reports': 'báo cáo phải nộp',
	'step.values': 'độ đầy đủ của số liệu',
	'step.outliers': 'số liệu bất thường',
	'step.validation': 'quy tắc kiểm tra',
	failed: 'Không kiểm tra được dữ liệu',
	'summary.title': 'Tóm tắt',
	'summary.completeness': 'Tỷ lệ báo cáo đầy đủ',
	'summary.timeliness': 'Tỷ lệ báo cáo đúng hạn',
	'summary.of': '{sent}/{due} báo cáo',
	'summary.onTimeOf': '{onTime}/{judged} báo cáo có hạn',
	'summary.none': 'không có báo cáo đến hạn',
	'kind.missing': 'Báo cáo chưa nộp',
	'kind.late': 'Báo cáo nộp chậm',
	'kind.gap': 'Kỳ thiếu số liệu',
	'kind.outlier': 'Số liệu bất thường',
	'kind.violation': 'Vi phạm quy tắc kiểm tra',
	count: '{n} vấn đề',
	'explain.completeness':
		'Báo cáo phải nộp lấy từ hai nguồn: các chỉ tiêu “nộp báo cáo trước ngày…” của kế hoạch, và báo cáo định kỳ mà phần lớn (≥ 50%, ít nhất 3) đơn vị cùng cấp đã nộp — khi đó mọi đơn vị cấp đó phải nộp cho mỗi kỳ đã kết thúc. Tỷ lệ đầy đủ = số báo cáo đã nhận / số báo cáo đã đến hạn (báo cáo chưa đến hạn không tính).',
	'explain.timeliness':
		'Đúng hạn: nhận vào hoặc trước hạn nộp. Hạn nộp lấy từ chỉ tiêu của kế hoạch, hoặc từ lịch nộp trong tệp quy tắc chất lượng (rules/quality/*.json, ví dụ ngày 20 tháng cuối quý). Báo cáo không có hạn chỉ được tính vào độ đầy đủ.',
	'explain.missing':
		'Báo cáo đã đến hạn (qua hạn nộp, hoặc kỳ đã kết thúc khi không có hạn) mà chưa nhận được tính đến ngày đã chọn. Báo cáo phải nộp được xác định như ở mục độ đầy đủ phía trên.',
	'explain.late': 'Báo cáo nhận được sau hạn nộp; số ngày chậm tính từ hạn nộp đến ngày nhận.',
	'explain.gap':
		'Một kỳ (tháng, quý, 6 tháng) thiếu số liệu khi đơn vị thường báo cáo theo kỳ đó, kỳ đã kết thúc, nằm sau số liệu đầu tiên của đơn vị, và phần lớn đơn vị cùng cấp đã báo cáo kỳ này, nhưng đơn vị không có số liệu nào. Độ đầy đủ theo chỉ tiêu áp dụng cùng quy tắc cho từng chỉ tiêu.',
	'explain.outlier':
		'Điểm z bền vững = (giá trị − trung vị) / độ phân tán, với độ phân tán = max(1,4826 × MAD; 10% trung vị; 1), MAD là trung vị của độ lệch tuyệt đối. So với lịch sử: các kỳ trước của chính đơn vị (cùng chỉ tiêu, cùng loại kỳ, ít nhất 4 giá trị). So với đơn vị cùng cấp: các đơn vị cùng đơn vị cấp trên, cùng kỳ (ít nhất 5), trừ khi giá trị kỳ trước của chính đơn vị cũng xa như vậy (đơn vị vốn lớn hơn hẳn chỉ bị báo một lần, ở kỳ đầu). Bất thường khi |z| > 3,5.',
	'explain.violation':
		'Quy tắc kiểm tra dạng “vế trái, phép so sánh, vế phải” (như DHIS2), viết trong rules/quality/*.json, so sánh số liệu của chính đơn vị theo từng kỳ. Một vế là tổng các chỉ tiêu (nhân hệ số), hoặc số liệu của cả năm chứa kỳ đó, hoặc một hằng số.',
	'table.unit': 'Đơn vị',
	'table.level': 'Cấp',
	'table.period': 'Kỳ',
	'table.detail': 'Chi tiết',
	'table.report': 'Báo cáo',
	'table.due': 'Đến hạn',
	'table.sent': 'Đã nhận',
	'table.missing': 'Chưa nộp',
	'table.onTime': 'Đúng hạn',
	'table.late': 'Chậm',
	'table.completeness': 'Đầy đủ',
	'table.timeliness': 'Đúng hạn (%)',
	'table.coverage': 'Kỳ có số liệu',
	'table.rule': 'Quy tắc',
	'table.values': 'Vế trái / vế phải',
	'table.z': 'z',
	'table.basis': 'So với',
	'table.empty': 'Không có vấn đề nào.',
	'table.more': 'Xem tất cả {n} dòng',
	'table.fewer': 'Thu gọn',
	'completeness.byLevel': 'Độ đầy đủ và đúng hạn theo cấp',
	'completeness.byUnit': 'Đơn vị có báo cáo chưa nộp hoặc nộp chậm',
	'completeness.byPeriod': 'Độ đầy đủ và đúng hạn theo kỳ báo cáo',
	'coverage.title': 'Độ đầy đủ của số liệu theo đơn vị',
	'coverage.byIndicator': 'Độ đầy đủ của số liệu theo chỉ tiêu (đơn vị × kỳ có số liệu / phải có)',
	'table.indicator': 'Chỉ tiêu',
	'table.cellsWithValues': 'Đơn vị × kỳ có số liệu',
	'basis.history': 'lịch sử của đơn vị',
	'basis.peers': 'đơn vị cùng cấp',
	'detail.missing': 'Chưa nộp “{report}”; hạn {due}.',
	'detail.late': 'Nộp “{report}” ngày {sent}, chậm {days} ngày so với hạn {due}.',
	'detail.gap':
		'Không có số liệu nào cho {period}, dù đơn vị thường báo cáo theo kỳ này và phần lớn đơn vị cùng cấp đã báo cáo.',
	'detail.outlier.history':
		'“{indicator}” {period} là {value}; trung vị {count} kỳ trước của đơn vị là {median} (MAD {mad}), z = {z}.',
	'detail.outlier.peers':
		'“{indicator}” {period} là {value}; trung vị của {count} đơn vị cùng cấp cùng đơn vị cấp trên là {median} (MAD {mad}), z = {z}.',
	'detail.violation': '{rule}: {left} {operator} {right} không đúng.',
	'detail.incomplete': '(thiếu số liệu được tính là 0)',
	'rules.title': 'Tệp quy tắc kiểm tra',
	'rules.count': '{files} tệp, {rules} quy tắc, {deadlines} lịch nộp báo cáo',
	'rules.problems': 'Tệp quy tắc có lỗi (không được dùng cho đến khi sửa):',
	'rules.list': 'Các quy tắc',
	'export.csv': 'Tải danh sách vấn đề (CSV)',
	'csv.kind': 'Loại',
	'csv.unitCode': 'Mã đơn vị',
	'csv.unitName': 'Tên đơn vị',
	'csv.level': 'Cấp',
	'csv.period': 'Kỳ',
	'csv.detail': 'Chi tiết',
	'csv.link': 'Đường dẫn',
	'level.central': 'Trung ương',
	'level.province': 'Tỉnh/thành phố',
	'level.district': 'Quận/huyện',
	'level.commune': 'Xã/phường',
	'level.branch': 'Chi hội',
	'link.unit': 'Xem {unit} ở trang đơn vị'
};

export type QualityKey = keyof typeof vi;

const en: Record<QualityKey, string> = {
	'page.title': 'Data quality',
	'page.intro':
		'Reports received against reports due, reports on time, unusual values and data validation rules, for a plan (or all the data of one year) at a date. Every problem links to its unit and period.',
	'controls.allData': 'All data (by year)',
	'controls.year': 'Year',
	'controls.unit': 'Unit (and the units under it)',
	'controls.level': 'Level',
	'controls.period': 'Period',
	'controls.any': 'All',
	'progress.label': 'Checking the data',
	'progress.step': 'Step {done} of {total}: {step}',
	'step.rules': 'reading the quality rules',
	'step.reports': 'reports due',
	'step.values': 'value coverage',
	'step.outliers': 'unusual values',
	'step.validation': 'validation rules',
	failed: 'The data could not be checked',
	'summary.title': 'Summary',
	'summary.completeness': 'Report completeness',
	'summary.timeliness': 'Reports on time',
	'summary.of': '{sent} of {due} reports',
	'summary.onTimeOf': '{onTime} of {judged} reports with a deadline',
	'summary.none': 'no report due',
	'kind.missing': 'Reports not sent',
	'kind.late': 'Reports sent late',
	'kind.gap': 'Periods without values',
	'kind.outlier': 'Unusual values',
	'kind.violation': 'Validation rule violations',
	count: '{n} problems',
	'explain.completeness':
		'Reports due come from two places: the plan’s “send the report by …” targets, and periodic reports that most units of a level (≥ 50%, at least 3) send — then every unit of that level must send one for each period that has ended. Completeness = reports received / reports due (reports not yet due are not counted).',
	'explain.timeliness':
		'On time: received on or before the deadline. Deadlines come from the plan’s targets, or from the report schedule in the quality rule files (rules/quality/*.json, e.g. the 20th of the quarter’s last month). Reports without a deadline count for completeness only.',
	'explain.missing':
		'Reports due (deadline passed, or the period ended when there is no deadline) and not received by the chosen date. Which reports are due is explained under completeness above.',
	'explain.late':
		'Reports received after their deadline; days late count from the deadline to the day received.',
	'explain.gap':
		'A period (month, quarter, half-year) lacks values when the unit usually reports by such periods, the period has ended, comes after the unit’s first value, and most units of its level reported for it, but the unit gave no value at all. Coverage by indicator applies the same rule to each indicator.',
	'explain.outlier':
		'Robust z = (value − median) / spread, where spread = max(1.4826 × MAD, 10% of the median, 1) and MAD is the median absolute deviation. Against history: the unit’s own earlier periods (same indicator and kind of period, at least 4 values). Against peers: the units under the same parent for the same period (at least 5), unless the unit’s own previous value is just as far (a unit that is simply bigger is flagged once, at its first report). Unusual when |z| > 3.5.',
	'explain.violation':
		'Validation rules of the form “left side, operator, right side” (as in DHIS2), written in rules/quality/*.json, compare a unit’s own values period by period. A side is a sum of indicators (times a factor), or the values of the year containing the period, or a constant.',
	'table.unit': 'Unit',
	'table.level': 'Level',
	'table.period': 'Period',
	'table.detail': 'Details',
	'table.report': 'Report',
	'table.due': 'Due',
	'table.sent': 'Received',
	'table.missing': 'Not sent',
	'table.onTime': 'On time',
	'table.late': 'Late',
	'table.completeness': 'Complete',
	'table.timeliness': 'On time (%)',
	'table.coverage': 'Periods with values',
	'table.rule': 'Rule',
	'table.values': 'Left / right',
	'table.z': 'z',
	'table.basis': 'Against',
	'table.empty': 'No problems.',
	'table.more': 'Show all {n} rows',
	'table.fewer': 'Show fewer',
	'completeness.byLevel': 'Completeness and timeliness by level',
	'completeness.byUnit': 'Units with reports not sent or sent late',
	'completeness.byPeriod': 'Completeness and timeliness by reporting period',
	'coverage.title': 'Value coverage by unit',
	'coverage.byIndicator': 'Value coverage by indicator (unit × period pairs with a value / expected)',
	'table.indicator': 'Indicator',
	'table.cellsWithValues': 'Unit × period with values',
	'basis.history': 'the unit’s history',
	'basis.peers': 'peer units',
	'detail.missing': 'Has not sent “{report}”; it was due by {due}.',
	'detail.late': 'Sent “{report}” on {sent}, {days} days after the deadline of {due}.',
	'detail.gap':
		'No value at all for {period}, though the unit reports by such periods and most units of its level reported.',
	'detail.outlier.history':
		'“{indicator}” for {period} is {value}; the median of the unit’s {count} earlier periods is {median} (MAD {mad}), z = {z}.',
	'detail.outlier.peers':
		'“{indicator}” for {period} is {value}; the median of {count} units under the same parent is {median} (MAD {mad}), z = {z}.',
	'detail.violation': '{rule}: {left} {operator} {right} does not hold.',
	'detail.incomplete': '(missing values counted as 0)',
	'rules.title': 'Validation rule files',
	'rules.count': '{files} files, {rules} rules, {deadlines} report schedules',
	'rules.problems': 'Rule files with errors (not used until fixed):',
	'rules.list': 'The rules',
	'export.csv': 'Download the problems (CSV)',
	'csv.kind': 'Kind',
	'csv.unitCode': 'Unit code',
	'csv.unitName': 'Unit name',
	'csv.level': 'Level',
	'csv.period': 'Period',
	'csv.detail': 'Details',
	'csv.link': 'Link',
	'level.central': 'Central',
	'level.province': 'Province or city',
	'level.district': 'District',
	'level.commune': 'Commune or ward',
	'level.branch': 'Branch',
	'link.unit': 'Open {unit} on the unit page'
};

const dictionaries: Record<Lang, Record<QualityKey, string>> = { vi, en };

/** The message for `key` in `lang`, with `{name}` placeholders filled in. */
export function qualityText(
	lang: Lang,
	key: QualityKey,
	params: Record<string, string | number> = {}
): string {
	return fillPlaceholders(dictionaries[lang][key], params);
}

export const QUALITY_KEYS = Object.keys(vi) as QualityKey[];
