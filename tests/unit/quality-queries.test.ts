/**
 * Data-quality queries (src/lib/quality): missing and late reports, periods without data, suspicious values, on a
 * small hand-made dataset, on DuckDB-WASM and native DuckDB. Every expectation is worked out by hand below.
 *
 *   VN
 *   └─ 10 Tỉnh Mười (the plan's unit)
 *      ├─ 101 Huyện Một: communes 10101, 10102, 10103
 *      └─ 102 Huyện Hai: communes 10201, 10202
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '$lib/db/connector';
import { loadDataset, type DataFile } from '$lib/db/load';
import type { PlanFile } from '$lib/model/plan';
import { explainGap, explainReport, explainSuspicious, formatPeriod } from '$lib/quality/explain';
import { dataGaps } from '$lib/quality/gaps';
import { endedPeriods, judgeSubmission, reportExpectations, reportProblems } from '$lib/quality/reports';
import { suspiciousValues } from '$lib/quality/suspicious';
import { engines, leaf, rule } from './fixtures/small/dataset';

const csv = (table: DataFile['table'], lines: string[]): DataFile => ({
	table,
	name: `${table}.csv`,
	format: 'csv',
	bytes: new TextEncoder().encode(lines.join('\n'))
});

const monthly = (unit: string, indicator: string, values: Record<string, number>) =>
	Object.entries(values).map(([month, value]) => `${unit},${indicator},2024-${month},${value},`);

const FILES: DataFile[] = [
	csv('org_units', [
		'code,name,level,parent_code,valid_from,valid_to',
		'VN,Trung ương,central,,,',
		'10,Tỉnh Mười,province,VN,,',
		'101,Huyện Một,district,10,,',
		'102,Huyện Hai,district,10,,',
		'10101,Xã Một,commune,101,,',
		'10102,Xã Hai,commune,101,,',
		'10103,Xã Ba,commune,101,,',
		'10201,Xã Bốn,commune,102,,',
		'10202,Xã Năm,commune,102,,'
	]),
	csv('indicators', [
		'code,name_vi,name_en,unit,time_aggregation,unit_aggregation',
		'hh,Hộ thoát nghèo,Households out of poverty,hộ,sum,sum',
		'members,Hội viên,Members,người,last,sum',
		'contest,Bài dự thi,Contest entries,bài,sum,sum'
	]),
	csv('programmes', ['code,name_vi,name_en']),
	csv('reports', [
		'code,name_vi,name_en',
		'event,Hội nghị,Conference',
		'annual,Báo cáo năm,Annual report',
		'visit-report,Báo cáo chuyến thăm,Visit report',
		'q-report,Báo cáo quý,Quarterly report'
	]),
	csv('values', [
		'org_unit,indicator,period,value,programme',
		// 10101: a spike of 30 in April (history median 2 → 15×).
		...monthly('10101', 'hh', { '01': 2, '02': 3, '03': 2, '04': 30, '05': 3, '06': 2, '07': 2 }),
		// 10102: no row for March (a gap); its 5 in May is under 4 × the floor of 2.
		...monthly('10102', 'hh', { '01': 0, '02': 1, '04': 1, '05': 5, '06': 0, '07': 1 }),
		// 10103 starts in March (no gap before it) and reports 50 in July.
		...monthly('10103', 'hh', { '03': 2, '04': 2, '05': 3, '06': 2, '07': 50 }),
		// A seasonal activity: no gap after March.
		...monthly('10201', 'contest', { '02': 4, '03': 6 }),
		// Members by quarter: 10101's 500 in Q1 (a stray zero); 10201 sends nothing for Q2.
		'10101,members,2023Q4,100,',
		'10101,members,2024Q1,500,',
		'10101,members,2024Q2,110,',
		'10102,members,2024Q1,90,',
		'10102,members,2024Q2,95,',
		'10103,members,2024Q1,120,',
		'10103,members,2024Q2,118,',
		'10201,members,2024Q1,100,',
		'10202,members,2024Q1,95,',
		'10202,members,2024Q2,97,'
	]),
	csv('targets', ['org_unit,indicator,period,target']),
	csv('submissions', [
		'org_unit,report,period,submitted_on',
		'10,event,2024-06-10,2024-06-10',
		'101,annual,2024,2024-12-25',
		'10101,visit-report,2024Q1,2024-03-15',
		'10101,q-report,2024Q1,2024-04-05',
		'10101,q-report,2024Q2,2024-07-03',
		'10102,q-report,2024Q1,2024-04-10',
		'10103,q-report,2024Q1,2024-04-08',
		'10103,q-report,2024Q2,2024-06-28',
		'10201,q-report,2024Q2,2024-07-02',
		'10202,q-report,2023Q4,2024-01-10'
	])
];

const PLAN: PlanFile = {
	plan: {
		id: 'q-2024',
		title: { vi: 'Kế hoạch thử', en: 'Test plan' },
		issuer: 'Tỉnh Mười',
		orgUnit: '10',
		period: { start: '2024-01-01', end: '2024-12-31' },
		programmes: []
	},
	rules: [
		// The province holds a conference by 31/5: held on 10/6, 10 days late.
		rule('event', [leaf('submittedOn', { report: 'event' }, 'onOrBefore', '2024-05-31')]),
		// Each district sends its 2024 annual report by 20/12: 101 on 25/12 (late), 102 never.
		rule('annual', [leaf('submittedOn', { report: 'annual', period: '2024' }, 'onOrBefore', '2024-12-20')], {
			scope: { each: 'district' }
		}),
		// Two named communes report on a visit by 31/3: 10101 did, 10202 never.
		rule('visit-report', [leaf('submittedOn', { report: 'visit-report' }, 'onOrBefore', '2024-03-31')], {
			scope: { units: ['10101', '10202'] }
		}),
		rule('hh-total', [leaf('total', { indicator: 'hh' }, 'greaterThanInclusive', 100)])
	]
};

describe('what a plan expects (pure)', () => {
	it('reads who must send which report by when from submittedOn rules', () => {
		expect(reportExpectations(PLAN)).toEqual([
			{ rule: 'event', report: 'event', period: null, deadline: '2024-05-31', level: null, units: ['10'] },
			{
				rule: 'annual',
				report: 'annual',
				period: '2024',
				deadline: '2024-12-20',
				level: 'district',
				units: []
			},
			{
				rule: 'visit-report',
				report: 'visit-report',
				period: null,
				deadline: '2024-03-31',
				level: null,
				units: ['10101', '10202']
			}
		]);
	});

	it('takes the earliest of two deadlines and the senders of a unitsMeeting condition', () => {
		const plan: PlanFile = {
			...PLAN,
			rules: [
				rule('two', [
					leaf('submittedOn', { report: 'event' }, 'onOrBefore', '2024-06-30'),
					leaf('submittedOn', { report: 'event' }, 'onOrAfter', '2024-06-01'),
					leaf('submittedOn', { report: 'event' }, 'onOrBefore', '2024-06-15')
				]),
				rule('meeting', [
					leaf(
						'unitsMeeting',
						{
							level: 'commune',
							condition: leaf(
								'submittedOn',
								{ report: 'q-report', period: '2024Q1' },
								'onOrBefore',
								'2024-04-15'
							)
						},
						'greaterThanInclusive',
						0.8,
						'$.share'
					)
				])
			]
		};
		expect(reportExpectations(plan).map((e) => [e.rule, e.report, e.deadline, e.level, e.units])).toEqual([
			['two', 'event', '2024-06-15', null, ['10']],
			['meeting', 'q-report', '2024-04-15', 'commune', []]
		]);
	});

	it('judges one report: late after the deadline, missing once it has passed or the plan is over', () => {
		const e = { rule: 'r', report: 'x', period: null, deadline: '2024-05-31', level: null, units: [] };
		expect(judgeSubmission(e, '2024-05-31', '2024-12-31', '2024-12-31')).toBeNull();
		expect(judgeSubmission(e, '2024-06-03', '2024-12-31', '2024-12-31')).toEqual({
			kind: 'late',
			due: '2024-05-31',
			daysLate: 3
		});
		expect(judgeSubmission(e, null, '2024-05-31', '2024-12-31')).toBeNull();
		expect(judgeSubmission(e, null, '2024-06-01', '2024-12-31')?.kind).toBe('missing');
		const noDeadline = { ...e, deadline: null, period: '2024Q2' };
		expect(judgeSubmission(noDeadline, null, '2024-06-30', '2024-12-31')).toBeNull();
		expect(judgeSubmission(noDeadline, null, '2024-07-01', '2024-12-31')).toEqual({
			kind: 'missing',
			due: '2024-06-30',
			daysLate: null
		});
		// Due on the plan's last day: missing once the as-of date (clamped to the plan) reaches it.
		const lastDay = { ...e, deadline: '2024-12-31' };
		expect(judgeSubmission(lastDay, null, '2024-12-31', '2024-12-31')?.kind).toBe('missing');
	});

	it('lists the periods of a kind that have ended', () => {
		expect(endedPeriods('2024-01-01', '2024-12-31', 'quarter', '2024-07-31')).toEqual(['2024Q1', '2024Q2']);
		expect(endedPeriods('2024-01-01', '2024-12-31', 'month', '2024-03-30')).toEqual(['2024-01', '2024-02']);
		expect(endedPeriods('2024-01-01', '2024-12-31', 'year', '2024-12-31')).toEqual(['2024']);
	});
});

describe.each(engines)('quality queries on %s', (_name, create) => {
	let conn: Connector;
	beforeAll(async () => {
		conn = await create();
		const reports = await loadDataset(conn, FILES);
		expect(reports.flatMap((r) => r.problems)).toEqual([]);
	});
	afterAll(async () => {
		await conn.close();
	});

	const brief = (p: { kind: string; unit: string; report: string; period: string | null }) =>
		`${p.kind} ${p.unit} ${p.report} ${p.period ?? '-'}`;

	it('finds missing and late reports as of 31/7/2024', async () => {
		const problems = await reportProblems(conn, PLAN, '2024-07-31');
		expect(problems.map(brief)).toEqual([
			// Rule-based, in rule order: the late conference; 10202's visit report (due 31/3). The annual report is
			// not due yet and 101's, sent in December, had not been sent on 31/7.
			'late 10 event -',
			'missing 10202 visit-report -',
			// The quarterly report: 4 of 5 communes send it (10202's only report is for 2023), so all five must.
			'missing 10102 q-report 2024Q2',
			'missing 10201 q-report 2024Q1',
			'missing 10202 q-report 2024Q1',
			'missing 10202 q-report 2024Q2'
		]);
		expect(problems[0]).toMatchObject({ due: '2024-05-31', submittedOn: '2024-06-10', daysLate: 10 });
		expect(problems[2]?.basis).toEqual({
			kind: 'pattern',
			level: 'commune',
			periodKind: 'quarter',
			reporting: 4,
			total: 5
		});
		expect(problems[2]?.due).toBe('2024-06-30');
	});

	it('does not count a report sent after the as-of date', async () => {
		const problems = await reportProblems(conn, PLAN, '2024-06-30');
		expect(problems.filter((p) => p.report === 'q-report').map(brief)).toEqual([
			'missing 10101 q-report 2024Q2', // sent on 3/7
			'missing 10102 q-report 2024Q2',
			'missing 10201 q-report 2024Q1',
			'missing 10201 q-report 2024Q2', // sent on 2/7
			'missing 10202 q-report 2024Q1',
			'missing 10202 q-report 2024Q2'
		]);
		expect(problems[2]?.basis).toMatchObject({ reporting: 3, total: 5 });
	});

	it('judges the deadlines at the end of the plan', async () => {
		const problems = await reportProblems(conn, PLAN, '2024-12-31');
		expect(problems.filter((p) => p.basis.kind === 'rule').map(brief)).toEqual([
			'late 10 event -',
			'late 101 annual 2024',
			'missing 102 annual 2024',
			'missing 10202 visit-report -'
		]);
		expect(problems.filter((p) => p.report === 'q-report')).toHaveLength(4 + 10);
	});

	it('finds periods with no data where most peers reported', async () => {
		expect(await dataGaps(conn, PLAN, '2024-07-31')).toEqual([
			{ unit: '10102', period: '2024-03', periodKind: 'month', indicators: 1, peersReporting: 2, peers: 3 },
			{ unit: '10201', period: '2024Q2', periodKind: 'quarter', indicators: 1, peersReporting: 4, peers: 5 }
		]);
		// On 30/4 the second quarter has not ended.
		expect((await dataGaps(conn, PLAN, '2024-04-30')).map((g) => g.period)).toEqual(['2024-03']);
	});

	it('flags values far above the unit’s own median or its peers’', async () => {
		const flags = await suspiciousValues(conn, PLAN, '2024-07-31');
		expect(flags.map((f) => [f.basis, f.unit, f.indicator, f.period, f.value, f.median, f.count])).toEqual([
			['history', '10103', 'hh', '2024-07', 50, 2, 5],
			['history', '10101', 'hh', '2024-04', 30, 2, 7],
			['peers', '10101', 'members', '2024Q1', 500, 100, 5],
			['history', '10101', 'members', '2024Q1', 500, 110, 3]
		]);
		expect(flags.map((f) => f.ratio)).toEqual([25, 15, 5, 500 / 110]);
	});

	it('looks only at values begun by the as-of date', async () => {
		const flags = await suspiciousValues(conn, PLAN, '2024-06-30');
		expect(flags.map((f) => [f.basis, f.unit, f.indicator, f.period, f.median])).toEqual([
			['history', '10101', 'hh', '2024-04', 2.5],
			['peers', '10101', 'members', '2024Q1', 100],
			['history', '10101', 'members', '2024Q1', 110]
		]);
	});

	it('takes its thresholds as options', async () => {
		const strict = await suspiciousValues(conn, PLAN, '2024-07-31', { ratio: 20 });
		expect(strict.map((f) => f.unit)).toEqual(['10103']);
		const noFloor = await suspiciousValues(conn, PLAN, '2024-07-31', { floor: 0 });
		// 10102's 5 against its median of 1.
		expect(noFloor.some((f) => f.unit === '10102' && f.value === 5)).toBe(true);
	});

	it('binds a hostile report code as a value', async () => {
		const hostile: PlanFile = {
			...PLAN,
			rules: [
				rule('x', [
					leaf('submittedOn', { report: "x'); DROP TABLE submissions; --" }, 'onOrBefore', '2024-01-31')
				])
			]
		};
		const problems = await reportProblems(conn, hostile, '2024-07-31');
		expect(problems.filter((p) => p.basis.kind === 'rule').map(brief)).toEqual([
			"missing 10 x'); DROP TABLE submissions; -- -"
		]);
		const [count] = await conn.query<{ n: number }>('SELECT count(*) AS n FROM submissions');
		expect(count?.n).toBe(10);
	});
});

describe('explanations', () => {
	it('says why, with the numbers, in both languages', () => {
		const late = {
			kind: 'late' as const,
			unit: '10',
			report: 'event',
			period: null,
			due: '2024-05-31',
			submittedOn: '2024-06-10',
			daysLate: 10,
			basis: { kind: 'rule' as const, rule: 'event' }
		};
		expect(explainReport('vi', late, 'Hội nghị')).toBe(
			'Gửi “Hội nghị” ngày 10/06/2024, trễ 10 ngày so với hạn 31/05/2024.'
		);
		expect(explainReport('en', late, 'Conference')).toBe(
			'Sent “Conference” on 10 Jun 2024, 10 days after the deadline of 31 May 2024.'
		);
		const pattern = {
			...late,
			kind: 'missing' as const,
			period: '2024Q2',
			due: '2024-06-30',
			submittedOn: null,
			daysLate: null,
			basis: {
				kind: 'pattern' as const,
				level: 'commune' as const,
				periodKind: 'quarter' as const,
				reporting: 1300,
				total: 1400
			}
		};
		expect(explainReport('vi', pattern, 'Báo cáo quý')).toBe(
			'Chưa gửi “Báo cáo quý” quý 2/2024 (kỳ đã kết thúc 30/06/2024); 1.300/1.400 xã gửi báo cáo này hằng quý.'
		);
		expect(explainReport('en', pattern, 'Quarterly report')).toBe(
			'Has not sent “Quarterly report” for Q2 2024 (the period ended on 30 Jun 2024); 1,300 of 1,400 communes send this report quarterly.'
		);
		expect(
			explainGap('vi', {
				unit: 'x',
				period: '2024-03',
				periodKind: 'month',
				indicators: 5,
				peersReporting: 120,
				peers: 122
			})
		).toBe(
			'Không có số liệu nào cho tháng 03/2024: đơn vị báo cáo 5 chỉ tiêu hằng tháng, và 120/122 đơn vị cùng cấp đã báo cáo kỳ này.'
		);
		const flag = {
			basis: 'peers' as const,
			unit: 'x',
			level: 'commune' as const,
			indicator: 'members',
			period: '2024Q1',
			programme: null,
			value: 4000,
			median: 815.5,
			ratio: 4000 / 815.5,
			count: 160
		};
		expect(explainSuspicious('vi', flag, 'Hội viên')).toBe(
			'“Hội viên” quý 1/2024 là 4.000, gấp 4,9 lần trung vị của 160 xã cùng kỳ (815,5).'
		);
		expect(
			explainSuspicious(
				'en',
				{ ...flag, basis: 'history', count: 3, median: 580, ratio: 4000 / 580 },
				'Members'
			)
		).toBe('“Members” for Q1 2024 is 4,000, 6.9 times the unit’s own median (580, over 3 reports).');
	});

	it('writes periods as people do', () => {
		expect(['2024', '2024S2', '2024Q3', '2024-04', '2024-10-15'].map((p) => formatPeriod('vi', p))).toEqual([
			'năm 2024',
			'6 tháng cuối năm 2024',
			'quý 3/2024',
			'tháng 04/2024',
			'15/10/2024'
		]);
		expect(['2024', '2024S1', '2024Q3', '2024-04'].map((p) => formatPeriod('en', p))).toEqual([
			'2024',
			'H1 2024',
			'Q3 2024',
			'Apr 2024'
		]);
	});
});
