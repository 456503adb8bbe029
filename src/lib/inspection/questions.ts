/**
 * Questions an inspection team asks about each kind of failing target, as data in Vietnamese and English. A team
 * may reword them in the brief; its wording is kept in the browser (store.ts) and replaces these per kind and
 * language. One question per line. Pure.
 */
import type { Lang } from '$lib/i18n';
import type { PlanRule, Status } from '$lib/model/plan';
import { isFactReference, isShareCondition, measureLeaf } from '$lib/rules/conditions';
import type { EditedQuestions } from './store';

export const QUESTION_KINDS = [
	'count',
	'growth',
	'share',
	'coverage',
	'quota',
	'deadline',
	'level',
	'no-data',
	'reports',
	'suspicious'
] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/** The kind of a target, from the shape of its measure (and `no-data` when it has no data). */
export function targetKind(rule: PlanRule, status: Status): QuestionKind {
	if (status === 'no-data') return 'no-data';
	const leaf = measureLeaf(rule);
	if (leaf.fact === 'submittedOn') return 'deadline';
	if (isFactReference(leaf.value)) return 'quota';
	if (leaf.fact === 'change') return 'growth';
	if (isShareCondition(leaf) || (rule.scope && 'each' in rule.scope)) return 'share';
	if (leaf.fact === 'unitsMeeting') return 'coverage';
	if (leaf.fact === 'total' && (leaf.operator === 'greaterThanInclusive' || leaf.operator === 'greaterThan'))
		return 'count';
	return 'level';
}

export const KIND_TITLES: Record<Lang, Record<QuestionKind, string>> = {
	vi: {
		count: 'Chỉ tiêu số lượng cộng dồn chậm tiến độ',
		growth: 'Chỉ tiêu tăng trưởng (hội viên, mô hình…) chưa đạt',
		share: 'Chỉ tiêu tỷ lệ chưa đạt',
		coverage: 'Số đơn vị đạt yêu cầu còn thiếu',
		quota: 'Chỉ tiêu được giao chưa hoàn thành',
		deadline: 'Hoạt động, báo cáo chậm hoặc chưa thực hiện',
		level: 'Chỉ tiêu mức độ chưa đạt',
		'no-data': 'Chỉ tiêu chưa có số liệu',
		reports: 'Báo cáo chậm hoặc thiếu',
		suspicious: 'Số liệu bất thường'
	},
	en: {
		count: 'Cumulative counts behind schedule',
		growth: 'Growth targets (members, models…) not met',
		share: 'Rates and shares not met',
		coverage: 'Too few units meeting a requirement',
		quota: 'Assigned quotas not met',
		deadline: 'Activities or reports late or not held',
		level: 'Levels not reached',
		'no-data': 'Targets without data',
		reports: 'Late or missing reports',
		suspicious: 'Suspicious values'
	}
};

export const DEFAULT_QUESTIONS: Record<Lang, Record<QuestionKind, string[]>> = {
	vi: {
		count: [
			'Những khó khăn chính khiến kết quả thấp hơn tiến độ là gì (nguồn lực, cán bộ, thời tiết, dịch bệnh…)?',
			'Từ đầu năm Hội đã triển khai những hoạt động cụ thể nào cho chỉ tiêu này; hoạt động nào hiệu quả nhất?',
			'Số liệu đã được cập nhật đầy đủ đến ngày báo cáo chưa; còn kết quả nào chưa được báo cáo?',
			'Lộ trình cụ thể để hoàn thành chỉ tiêu trong thời gian còn lại là gì; cần cấp trên hỗ trợ gì?'
		],
		growth: [
			'Trong kỳ có bao nhiêu hội viên mới được kết nạp, bao nhiêu hội viên giảm (chuyển đi, từ trần, xin ra)?',
			'Danh sách hội viên có được rà soát, cập nhật thường xuyên không; ai phụ trách?',
			'Những nhóm phụ nữ nào chưa được thu hút tham gia; cơ sở Hội có giải pháp gì?'
		],
		share: [
			'Tử số và mẫu số của tỷ lệ được tính thế nào; nguồn số liệu là gì?',
			'Những đơn vị, đối tượng nào chưa đạt; nguyên nhân chính là gì?',
			'Cần những biện pháp nào để nâng tỷ lệ trong thời gian còn lại?'
		],
		coverage: [
			'Những đơn vị nào chưa đạt yêu cầu; vì sao?',
			'Cấp trên đã hướng dẫn, hỗ trợ các đơn vị này như thế nào?',
			'Lộ trình để các đơn vị còn lại đạt yêu cầu là gì?'
		],
		quota: [
			'Chỉ tiêu được giao có phù hợp với điều kiện thực tế của đơn vị không?',
			'Đơn vị đã phân bổ chỉ tiêu xuống các cơ sở, chi hội như thế nào?',
			'Khó khăn khi thực hiện chỉ tiêu được giao là gì; có đề xuất điều chỉnh không?'
		],
		deadline: [
			'Hoạt động, báo cáo đã được tổ chức, gửi chưa; nếu có thì vào ngày nào, có văn bản, hình ảnh minh chứng không?',
			'Vì sao chậm so với thời hạn; ai chịu trách nhiệm theo dõi?',
			'Đơn vị có lịch hoặc sổ theo dõi các thời hạn không?'
		],
		level: [
			'Thực trạng hiện nay của chỉ tiêu này tại đơn vị như thế nào?',
			'Nguyên nhân chưa đạt mức yêu cầu là gì?',
			'Cần nguồn lực, hỗ trợ gì để đạt được?'
		],
		'no-data': [
			'Vì sao chưa có số liệu cho chỉ tiêu này; đơn vị có theo dõi không?',
			'Ai thu thập, tổng hợp và gửi số liệu; theo biểu mẫu nào?',
			'Đề nghị đơn vị cung cấp số liệu và minh chứng ngay trong buổi làm việc.'
		],
		reports: [
			'Vì sao báo cáo chưa được gửi hoặc gửi chậm; có khó khăn về đường truyền, nhân lực, biểu mẫu không?',
			'Cán bộ nào phụ trách tổng hợp và gửi báo cáo; đã được tập huấn chưa?'
		],
		suspicious: [
			'Đề nghị đối chiếu số liệu được đánh dấu với sổ sách gốc: số liệu đúng, hay nhập nhầm?',
			'Nếu số liệu đúng, điều gì tạo ra kết quả khác biệt như vậy?'
		]
	},
	en: {
		count: [
			'What are the main difficulties behind the shortfall (resources, staff, weather, epidemics…)?',
			'Which concrete activities has the union run for this target since the start of the year; which worked best?',
			'Are the figures complete up to the reporting date; are any results not yet reported?',
			'What is the plan to reach the target in the time left; what support is needed from the level above?'
		],
		growth: [
			'How many members joined in the period, and how many left (moved away, died, resigned)?',
			'Is the membership list reviewed and updated regularly; who is responsible?',
			'Which groups of women have not yet been reached; what is the grassroots union doing about it?'
		],
		share: [
			'How are the numerator and the denominator of the rate counted; where do the figures come from?',
			'Which units or people are not yet covered; what are the main reasons?',
			'What measures will raise the rate in the time left?'
		],
		coverage: [
			'Which units do not meet the requirement yet, and why?',
			'How has the level above guided and supported them?',
			'What is the schedule for the remaining units to meet it?'
		],
		quota: [
			'Does the assigned quota fit the unit’s actual conditions?',
			'How has the unit divided the quota among its grassroots unions and branches?',
			'What makes the quota hard to reach; is an adjustment proposed?'
		],
		deadline: [
			'Has the activity been held or the report sent; if so, on what date, and is there a document or photos to show it?',
			'Why was it late; who is responsible for following deadlines?',
			'Does the unit keep a calendar or register of deadlines?'
		],
		level: [
			'What is the current situation of this target at the unit?',
			'Why has the required level not been reached?',
			'What resources or support are needed to reach it?'
		],
		'no-data': [
			'Why is there no data for this target; does the unit keep track of it?',
			'Who collects, compiles and sends the figures, and on which form?',
			'Please provide the figures and the evidence during the visit.'
		],
		reports: [
			'Why was the report not sent or sent late; are there problems with connection, staff or forms?',
			'Who compiles and sends the reports; have they been trained?'
		],
		suspicious: [
			'Please check the flagged figures against the source records: are they right, or typing mistakes?',
			'If they are right, what produced such a different result?'
		]
	}
};

/** The questions of one kind in one language: the team's wording if it has one, else the built-in questions. */
export function questionsFor(lang: Lang, kind: QuestionKind, edited: EditedQuestions = {}): string[] {
	const text = edited[lang]?.[kind];
	const lines = text === undefined ? DEFAULT_QUESTIONS[lang][kind] : text.split('\n');
	return lines.map((line) => line.trim()).filter((line) => line.length > 0);
}

/** The built-in questions of a kind as editable text, one per line. */
export function defaultQuestionText(lang: Lang, kind: QuestionKind): string {
	return DEFAULT_QUESTIONS[lang][kind].join('\n');
}
