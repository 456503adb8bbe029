/**
 * The one-sentence explanation of a result (explain.ts), in Vietnamese (vi-VN numbers and dates: 1.300;
 * 30/06/2024) and English, for each status kind; then the sentence of a real evaluation on the small dataset.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '$lib/db/connector';
import type { LeafCondition, Status } from '$lib/model/plan';
import { explain, STATUS_WORDS, type ExplainInput } from '$lib/rules/explain';
import type { Judgement } from '$lib/rules/status';
import { engines, evaluateRules, leaf, openSmall, planFile, rule } from './fixtures/small/dataset';

const households = leaf('total', { indicator: 'households' }, 'greaterThanInclusive', 161);
const members = leaf('change', { indicator: 'members' }, 'greaterThanInclusive', 1500);
const ratio = leaf('ratio', { numerator: 'a', denominator: 'b' }, 'greaterThanInclusive', 0.8);
const share = leaf(
	'unitsMeeting',
	{ level: 'commune', condition: households },
	'greaterThanInclusive',
	1,
	'$.share'
);
const points = leaf('total', { indicator: 'election_points' }, 'between', [3, 5]);
const report = leaf('submittedOn', { report: 'periodic-report' }, 'onOrBefore', '2024-07-15');

/** 161 × 182/366: the households expected by 30/06/2024 on a linear pace. */
const EXPECTED_161 = (161 * 182) / 366; // ≈ 80.0601

function sentence(
	status: Status,
	actual: Judgement['actual'],
	target: Judgement['target'],
	expected: number | null,
	leafCondition: LeafCondition,
	unitWord: string | null,
	asOf = '2024-06-30'
) {
	const input: ExplainInput = {
		judgement: { status, actual, target, expected },
		leaf: leafCondition,
		asOf,
		unitWord
	};
	return explain(input);
}

describe('status words', () => {
	it('has a Vietnamese and an English word for every status', () => {
		expect(STATUS_WORDS.vi).toEqual({
			achieved: 'đã đạt',
			'on-track': 'đúng tiến độ',
			'at-risk': 'có nguy cơ không đạt',
			'off-track': 'chậm tiến độ',
			missed: 'không đạt',
			'no-data': 'chưa có số liệu'
		});
		expect(STATUS_WORDS.en).toEqual({
			achieved: 'achieved',
			'on-track': 'on track',
			'at-risk': 'at risk',
			'off-track': 'off track',
			missed: 'missed',
			'no-data': 'no data'
		});
	});
});

describe('a paced cumulative target', () => {
	it('on-track: actual, target, expected by the as-of date', () => {
		expect(sentence('on-track', 125, 161, EXPECTED_161, households, 'hộ')).toEqual({
			vi: 'Đạt 125/161 hộ; theo tiến độ cần 80 hộ đến 30/06/2024 — đúng tiến độ',
			en: '125 of 161; 80 expected by 30 Jun 2024 — on track'
		});
	});

	it('at-risk', () => {
		expect(sentence('at-risk', 70, 161, EXPECTED_161, households, 'hộ')).toEqual({
			vi: 'Đạt 70/161 hộ; theo tiến độ cần 80 hộ đến 30/06/2024 — có nguy cơ không đạt',
			en: '70 of 161; 80 expected by 30 Jun 2024 — at risk'
		});
	});

	it('off-track, with thousands grouped the Vietnamese way', () => {
		// change of members: expected 1500 × 182/366 ≈ 745.9
		expect(sentence('off-track', 300, 1500, (1500 * 182) / 366, members, 'hội viên')).toEqual({
			vi: 'Đạt 300/1.500 hội viên; theo tiến độ cần 746 hội viên đến 30/06/2024 — chậm tiến độ',
			en: '300 of 1,500; 746 expected by 30 Jun 2024 — off track'
		});
	});

	it('achieved: no pacing clause', () => {
		expect(sentence('achieved', 1300.5, 1300, EXPECTED_161, members, 'hội viên')).toEqual({
			vi: 'Đạt 1.300,5/1.300 hội viên — đã đạt',
			en: '1,300.5 of 1,300 — achieved'
		});
	});

	it('missed at the end of the period: the expected value is the target, no pacing clause', () => {
		expect(sentence('missed', 150, 161, 161, households, 'hộ', '2024-12-31')).toEqual({
			vi: 'Đạt 150/161 hộ — không đạt',
			en: '150 of 161 — missed'
		});
	});

	it('no-data', () => {
		expect(sentence('no-data', null, 161, EXPECTED_161, households, 'hộ')).toEqual({
			vi: 'Chưa có số liệu để đánh giá (chỉ tiêu 161 hộ)',
			en: 'No data to judge (target 161)'
		});
	});
});

describe('shares, ranges and dates', () => {
	it('a ratio is shown as percentages, without the unit word', () => {
		expect(sentence('at-risk', 0.75, 0.8, 0.8, ratio, 'người')).toEqual({
			vi: 'Đạt 75%/80% — có nguy cơ không đạt',
			en: '75% of 80% — at risk'
		});
		expect(sentence('achieved', 0.8, 0.8, 0.8, ratio, null)).toEqual({
			vi: 'Đạt 80%/80% — đã đạt',
			en: '80% of 80% — achieved'
		});
	});

	it('a share of units, small shares with one decimal (vi-VN comma)', () => {
		expect(sentence('off-track', 0.055, 1, 1, share, null)).toEqual({
			vi: 'Đạt 5,5%/100% — chậm tiến độ',
			en: '5.5% of 100% — off track'
		});
		expect(sentence('no-data', null, 1, 1, share, null)).toEqual({
			vi: 'Chưa có số liệu để đánh giá (chỉ tiêu 100%)',
			en: 'No data to judge (target 100%)'
		});
	});

	it('a range', () => {
		expect(sentence('achieved', 3, [3, 5], null, points, 'điểm')).toEqual({
			vi: 'Đạt 3/3–5 điểm — đã đạt',
			en: '3 of 3–5 — achieved'
		});
		expect(sentence('missed', 7, [3, 5], null, points, 'điểm', '2024-12-31')).toEqual({
			vi: 'Đạt 7/3–5 điểm — không đạt',
			en: '7 of 3–5 — missed'
		});
	});

	it('a deadline: not done yet, done on time, done late', () => {
		expect(sentence('on-track', null, '2024-07-15', null, report, null)).toEqual({
			vi: 'Chưa thực hiện, hạn 15/07/2024 — đúng tiến độ',
			en: 'Not done yet, due 15 Jul 2024 — on track'
		});
		expect(sentence('missed', null, '2024-07-15', null, report, null, '2024-07-20')).toEqual({
			vi: 'Chưa thực hiện, hạn 15/07/2024 — không đạt',
			en: 'Not done yet, due 15 Jul 2024 — missed'
		});
		expect(sentence('achieved', '2024-07-10', '2024-07-15', null, report, null)).toEqual({
			vi: 'Thực hiện ngày 10/07/2024, hạn 15/07/2024 — đã đạt',
			en: 'Done on 10 Jul 2024, due 15 Jul 2024 — achieved'
		});
		expect(sentence('missed', '2024-07-25', '2024-07-15', null, report, null, '2024-07-31')).toEqual({
			vi: 'Thực hiện ngày 25/07/2024, hạn 15/07/2024 — không đạt',
			en: 'Done on 25 Jul 2024, due 15 Jul 2024 — missed'
		});
	});
});

describe('each / units rules', () => {
	const each = (status: Status, total: number, byStatus: Partial<Record<Status, number>>) =>
		explain({
			judgement: { status, actual: (byStatus.achieved ?? 0) / total, target: 1, expected: 1 },
			leaf: households,
			asOf: '2024-06-30',
			unitWord: null,
			units: { total, achieved: byStatus.achieved ?? 0, byStatus }
		});

	it('counts the units achieved and names the others by status', () => {
		expect(each('off-track', 2, { achieved: 1, 'at-risk': 1 })).toEqual({
			vi: '1/2 đơn vị đã đạt (1 có nguy cơ không đạt) — chậm tiến độ',
			en: '1 of 2 units achieved (1 at risk) — off track'
		});
		expect(each('achieved', 1300, { achieved: 1300 })).toEqual({
			vi: '1.300/1.300 đơn vị đã đạt — đã đạt',
			en: '1,300 of 1,300 units achieved — achieved'
		});
		expect(each('missed', 10, { achieved: 9, 'no-data': 1 })).toEqual({
			vi: '9/10 đơn vị đã đạt (1 chưa có số liệu) — không đạt',
			en: '9 of 10 units achieved (1 no data) — missed'
		});
		expect(each('off-track', 10, { achieved: 5, 'on-track': 3, 'off-track': 2 })).toEqual({
			vi: '5/10 đơn vị đã đạt (3 đúng tiến độ, 2 chậm tiến độ) — chậm tiến độ',
			en: '5 of 10 units achieved (3 on track, 2 off track) — off track'
		});
	});
});

describe.each(engines)('sentences of an evaluation on %s', (_name, create) => {
	let conn: Connector;
	beforeAll(async () => {
		conn = await openSmall(create);
	});
	afterAll(async () => conn.close());

	it('uses the indicator’s unit word and the as-of date', async () => {
		const rules = [
			rule('hh-161', [households]),
			rule('d50', [leaf('total', { indicator: 'households' }, 'greaterThanInclusive', 50)], {
				scope: { each: 'district' }
			}),
			rule(
				's1',
				[leaf('submittedOn', { report: 'periodic-report', period: '2024S1' }, 'onOrBefore', '2024-07-15')],
				{
					scope: { units: ['041'] }
				}
			)
		];
		const { byRule } = await evaluateRules(conn, planFile(rules), '2024-06-30');
		// 125 households by 30/06; 161 × 182/366 ≈ 80,06 expected, shown whole: 80
		expect(byRule['hh-161']?.explanation).toEqual({
			vi: 'Đạt 125/161 hộ; theo tiến độ cần 80 hộ đến 30/06/2024 — đúng tiến độ',
			en: '125 of 161; 80 expected by 30 Jun 2024 — on track'
		});
		// 040: 105 ≥ 50; 041: 20, at-risk (see scope.test.ts)
		expect(byRule.d50?.explanation.vi).toBe('1/2 đơn vị đã đạt (1 có nguy cơ không đạt) — chậm tiến độ');
		expect(byRule.d50?.units?.[1]?.explanation.vi).toBe(
			'Đạt 20/50 hộ; theo tiến độ cần 25 hộ đến 30/06/2024 — có nguy cơ không đạt'
		);
		expect(byRule.s1?.units?.[0]?.explanation).toEqual({
			vi: 'Chưa thực hiện, hạn 15/07/2024 — đúng tiến độ',
			en: 'Not done yet, due 15 Jul 2024 — on track'
		});
	});
});
