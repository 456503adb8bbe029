/**
 * Completeness and timeliness of reports, and value coverage (src/lib/quality/completeness.ts), on a small
 * hand-made dataset, on DuckDB-WASM and native DuckDB. Every figure is worked out by hand in the comments.
 *
 *   VN └─ 10 Tỉnh Mười └─ 101 Huyện Một: communes 10101, 10102, 10103, 10104
 *
 * The periodic report is due on the 20th of each quarter's last month (20/3, 20/6, 20/9):
 *   10101: Q1 15/3 on time · Q2 25/6 late (5 days) · Q3 20/9 on time
 *   10102: Q1 20/3 on time · Q2 never              · Q3 1/10 late (11 days)
 *   10103: Q1 2/4 late (13) · Q2 1/6 on time        · Q3 never
 *   10104: Q1 10/3 · Q2 10/6 · Q3 10/9, all on time
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '$lib/db/connector';
import { loadDataset, type DataFile } from '$lib/db/load';
import type { PlanFile } from '$lib/model/plan';
import {
	indicatorCoverageOf,
	rateOf,
	ratesBy,
	reportLedger,
	scheduledDeadline,
	valueCoverage,
	type ExpectedReport
} from '$lib/quality/completeness';
import { expectedIndicatorCells } from '$lib/quality/gaps';
import { reportProblems } from '$lib/quality/reports';
import type { ReportDeadline } from '$lib/quality/rule-files';
import { engines, leaf, rule } from './fixtures/small/dataset';

const csv = (table: DataFile['table'], lines: string[]): DataFile => ({
	table,
	name: `${table}.csv`,
	format: 'csv',
	bytes: new TextEncoder().encode(lines.join('\n'))
});

const months = (unit: string, list: string[], indicator = 'hh') =>
	list.map((m) => `${unit},${indicator},2024-${m},1,`);
const ALL = ['01', '02', '03', '04', '05', '06', '07', '08', '09'];

const FILES: DataFile[] = [
	csv('org_units', [
		'code,name,level,parent_code,valid_from,valid_to',
		'VN,Trung ương,central,,,',
		'10,Tỉnh Mười,province,VN,,',
		'101,Huyện Một,district,10,,',
		'10101,Xã Một,commune,101,,',
		'10102,Xã Hai,commune,101,,',
		'10103,Xã Ba,commune,101,,',
		'10104,Xã Bốn,commune,101,,'
	]),
	csv('indicators', [
		'code,name_vi,name_en,unit,time_aggregation,unit_aggregation',
		'hh,Hộ thoát nghèo,Households out of poverty,hộ,sum,sum',
		'w,Phụ nữ được hỗ trợ,Women supported,người,sum,sum'
	]),
	csv('programmes', ['code,name_vi,name_en']),
	csv('reports', [
		'code,name_vi,name_en',
		'periodic,Báo cáo định kỳ,Periodic report',
		'event,Hội nghị,Conference',
		'annual,Báo cáo năm,Annual report'
	]),
	csv('values', [
		'org_unit,indicator,period,value,programme',
		...months('10101', ALL),
		...months(
			'10102',
			ALL.filter((m) => m !== '03')
		), // no value for March
		...months('10103', ALL),
		...months('10104', ALL.slice(4)), // starts in May
		// A second indicator: as hh for 10101 and 10102, but 10103 gives none in August (it gave hh); 10104 none.
		...months('10101', ALL, 'w'),
		...months(
			'10102',
			ALL.filter((m) => m !== '03'),
			'w'
		),
		...months(
			'10103',
			ALL.filter((m) => m !== '08'),
			'w'
		)
	]),
	csv('targets', ['org_unit,indicator,period,target']),
	csv('submissions', [
		'org_unit,report,period,submitted_on',
		'10101,periodic,2024Q1,2024-03-15',
		'10101,periodic,2024Q2,2024-06-25',
		'10101,periodic,2024Q3,2024-09-20',
		'10102,periodic,2024Q1,2024-03-20',
		'10102,periodic,2024Q3,2024-10-01',
		'10103,periodic,2024Q1,2024-04-02',
		'10103,periodic,2024Q2,2024-06-01',
		'10104,periodic,2024Q1,2024-03-10',
		'10104,periodic,2024Q2,2024-06-10',
		'10104,periodic,2024Q3,2024-09-10',
		'10,event,2024-05-30,2024-05-30'
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
		// The province holds its conference by 31/5 (held 30/5: on time).
		rule('event', [leaf('submittedOn', { report: 'event' }, 'onOrBefore', '2024-05-31')]),
		// Each district sends its annual report by 20/12: not due in October.
		rule('annual', [leaf('submittedOn', { report: 'annual', period: '2024' }, 'onOrBefore', '2024-12-20')], {
			scope: { each: 'district' }
		})
	]
};

const DEADLINES: ReportDeadline[] = [
	{ report: 'periodic', periodKind: 'quarter', due: { dayOfLastMonth: 20 } }
];

describe('deadlines from a schedule (pure)', () => {
	it('puts the deadline on a day of the last month, or days after the end', () => {
		expect(scheduledDeadline('2024Q1', DEADLINES[0]!)).toBe('2024-03-20');
		expect(
			scheduledDeadline('2024-02', { report: 'x', periodKind: 'month', due: { dayOfLastMonth: 31 } })
		).toBe('2024-02-29');
		expect(scheduledDeadline('2024S2', { report: 'x', periodKind: 'half', due: { daysAfterEnd: 15 } })).toBe(
			'2025-01-15'
		);
		// A schedule for quarters says nothing about a year's report.
		expect(scheduledDeadline('2024', DEADLINES[0]!)).toBeNull();
	});
});

describe.each(engines)('completeness and timeliness on %s', (_name, create) => {
	let conn: Connector;
	beforeAll(async () => {
		conn = await create();
		const reports = await loadDataset(conn, FILES);
		expect(reports.flatMap((r) => r.problems)).toEqual([]);
	});
	afterAll(async () => {
		await conn.close();
	});

	const brief = (e: ExpectedReport) => `${e.unit} ${e.report} ${e.period ?? '-'} ${e.status}`;

	it('lists every expected report with its status as of 31/10/2024', async () => {
		const ledger = await reportLedger(conn, PLAN, '2024-10-31', DEADLINES);
		expect(ledger.map(brief)).toEqual([
			'10 event - on-time',
			'101 annual 2024 pending',
			'10101 periodic 2024Q1 on-time',
			'10101 periodic 2024Q2 late',
			'10101 periodic 2024Q3 on-time',
			'10102 periodic 2024Q1 on-time',
			'10102 periodic 2024Q2 missing',
			'10102 periodic 2024Q3 late',
			'10103 periodic 2024Q1 late',
			'10103 periodic 2024Q2 on-time',
			'10103 periodic 2024Q3 missing',
			'10104 periodic 2024Q1 on-time',
			'10104 periodic 2024Q2 on-time',
			'10104 periodic 2024Q3 on-time'
		]);
		expect(ledger.find((e) => e.unit === '10102' && e.period === '2024Q3')).toMatchObject({
			deadline: '2024-09-20',
			due: '2024-09-20',
			submittedOn: '2024-10-01',
			daysLate: 11
		});
	});

	it('gives completeness and timeliness per unit and per level', async () => {
		const ledger = await reportLedger(conn, PLAN, '2024-10-31', DEADLINES);
		const byUnit = Object.fromEntries(ratesBy(ledger, (e) => e.unit).map((r) => [r.key, r.rate]));
		// 10101: 3 sent of 3 due, 2 of 3 on time.
		expect(byUnit['10101']).toEqual({
			due: 3,
			sent: 3,
			missing: 0,
			onTime: 2,
			late: 1,
			completeness: 1,
			timeliness: 2 / 3
		});
		// 10102: 2 of 3 sent, 1 of 2 on time; the district's annual report is not due yet.
		expect(byUnit['10102']).toMatchObject({ due: 3, sent: 2, completeness: 2 / 3, timeliness: 1 / 2 });
		expect(byUnit['101']).toMatchObject({ due: 0, completeness: null, timeliness: null });
		const byLevel = Object.fromEntries(ratesBy(ledger, (e) => e.level).map((r) => [r.key, r.rate]));
		// Communes: 12 due, 10 sent (2 missing), 7 on time and 3 late → 10/12 and 7/10.
		expect(byLevel.commune).toEqual({
			due: 12,
			sent: 10,
			missing: 2,
			onTime: 7,
			late: 3,
			completeness: 10 / 12,
			timeliness: 0.7
		});
		expect(byLevel.province).toMatchObject({ due: 1, sent: 1, completeness: 1, timeliness: 1 });
		expect(rateOf(ledger)).toMatchObject({ due: 13, sent: 11, onTime: 8, late: 3 });
	});

	it('expects a quarter’s report only once the quarter has ended', async () => {
		// On 25/9 the third quarter has not ended: Q1 and Q2 only (8 due, 7 sent, 5 on time, 2 late).
		const ledger = await reportLedger(conn, PLAN, '2024-09-25', DEADLINES);
		const communes = rateOf(ledger.filter((e) => e.level === 'commune'));
		expect(communes).toMatchObject({ due: 8, sent: 7, missing: 1, onTime: 5, late: 2 });
		// On 30/9 it has: 10102's report of 1/10 had not arrived, so it is missing then.
		const end = await reportLedger(conn, PLAN, '2024-09-30', DEADLINES);
		expect(end.find((e) => e.unit === '10102' && e.period === '2024Q3')?.status).toBe('missing');
	});

	it('without a schedule, periodic reports are received but not judged for time', async () => {
		const ledger = await reportLedger(conn, PLAN, '2024-10-31');
		const communes = rateOf(ledger.filter((e) => e.level === 'commune'));
		expect(communes).toMatchObject({ due: 12, sent: 10, onTime: 0, late: 0, timeliness: null });
	});

	it('agrees with the missing and late reports of the inspection brief', async () => {
		const ledger = await reportLedger(conn, PLAN, '2024-10-31');
		const problems = await reportProblems(conn, PLAN, '2024-10-31');
		const fromLedger = ledger
			.filter((e) => e.status === 'missing' || e.status === 'late')
			.map((e) => `${e.status} ${e.unit} ${e.report} ${e.period ?? '-'}`);
		expect(fromLedger).toEqual(problems.map((p) => `${p.kind} ${p.unit} ${p.report} ${p.period ?? '-'}`));
	});

	it('gives value coverage per unit', async () => {
		// Months after each unit's first value, where most units that had started reported: Feb–Sep (8) for the
		// first three, Jun–Sep (4) for 10104; 10102 has no value for March.
		expect(await valueCoverage(conn, PLAN, '2024-09-30')).toEqual([
			{ unit: '10101', level: 'commune', expected: 8, present: 8, rate: 1 },
			{ unit: '10102', level: 'commune', expected: 8, present: 7, rate: 7 / 8 },
			{ unit: '10103', level: 'commune', expected: 8, present: 8, rate: 1 },
			{ unit: '10104', level: 'commune', expected: 4, present: 4, rate: 1 }
		]);
	});

	it('gives value coverage per indicator', async () => {
		// hh: Feb–Sep for 10101–10103 (3 × 8) and Jun–Sep for 10104 (4) = 28 expected, 10102's March missing.
		// w: Feb–Sep for 10101–10103 = 24 expected (10104 does not report it), 10102's March and 10103's August
		// missing (2 of 3 units reported each of those months, so they were expected).
		const cells = await expectedIndicatorCells(conn, PLAN, '2024-09-30');
		expect(indicatorCoverageOf(cells)).toEqual([
			{ indicator: 'w', expected: 24, present: 22, rate: 22 / 24 },
			{ indicator: 'hh', expected: 28, present: 27, rate: 27 / 28 }
		]);
		expect(cells.filter((c) => !c.present).map((c) => `${c.unit} ${c.indicator} ${c.period}`)).toEqual([
			'10102 hh 2024-03',
			'10102 w 2024-03',
			'10103 w 2024-08'
		]);
	});
});
