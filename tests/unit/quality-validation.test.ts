/**
 * Data-quality validation rules: the rule-file validator (file, JSON path, line, column, message) and the SQL
 * evaluation on a small hand-made dataset, on DuckDB-WASM and native DuckDB. Expectations worked out by hand.
 *
 *   VN └─ 10 Tỉnh Mười └─ 101 Huyện Một: communes 10101, 10102
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '$lib/db/connector';
import { loadDataset, type DataFile } from '$lib/db/load';
import type { PlanFile } from '$lib/model/plan';
import { readCatalogue, type Catalogue } from '$lib/rules/catalogue';
import {
	formatQualityProblem,
	parseQualityFile,
	qualityProblemMessage,
	type ValidationRule
} from '$lib/quality/rule-files';
import { ruleViolations, validationViolations } from '$lib/quality/validation';
import { engines } from './fixtures/small/dataset';

const csv = (table: DataFile['table'], lines: string[]): DataFile => ({
	table,
	name: `${table}.csv`,
	format: 'csv',
	bytes: new TextEncoder().encode(lines.join('\n'))
});

const FILES: DataFile[] = [
	csv('org_units', [
		'code,name,level,parent_code,valid_from,valid_to',
		'VN,Trung ương,central,,,',
		'10,Tỉnh Mười,province,VN,,',
		'101,Huyện Một,district,10,,',
		'10101,Xã Một,commune,101,,',
		'10102,Xã Hai,commune,101,,'
	]),
	csv('indicators', [
		'code,name_vi,name_en,unit,time_aggregation,unit_aggregation',
		'detected,Nạn nhân được phát hiện,Victims detected,người,sum,sum',
		'supported,Nạn nhân được hỗ trợ,Victims supported,người,sum,sum',
		'members,Hội viên,Members,người,last,sum',
		'resident,Phụ nữ cư trú,Resident women,người,last,sum',
		'flag,Có máy tính,Has a computer,đơn vị,last,sum'
	]),
	csv('programmes', [
		'code,name_vi,name_en',
		'p1,Chương trình 1,Programme 1',
		'p2,Chương trình 2,Programme 2'
	]),
	csv('reports', ['code,name_vi,name_en', 'periodic,Báo cáo định kỳ,Periodic report']),
	csv('values', [
		'org_unit,indicator,period,value,programme',
		'10101,supported,2024Q1,3,', // 3 ≤ 5: fine
		'10101,detected,2024Q1,5,',
		'10101,supported,2024Q2,6,', // 6 > 4: violation
		'10101,detected,2024Q2,4,',
		'10101,supported,2024Q3,2,p1', // 2 + 2 over programmes = 4 > 3: violation
		'10101,supported,2024Q3,2,p2',
		'10101,detected,2024Q3,3,',
		'10101,supported,2024Q4,9,', // begins after the as-of date 30/9
		'10101,detected,2024Q4,1,',
		'10102,supported,2024Q1,2,', // no detected value: skipped unless never-skip (2 > 0)
		'10101,members,2024Q1,900,', // against the year's 1,000 resident women
		'10101,members,2024Q2,4000,', // a stray zero: violation
		'10101,resident,2024,1000,',
		'10102,members,2024Q1,50,', // no resident value: skipped
		'10101,flag,2024Q1,1,',
		'10102,flag,2024Q1,2,', // a flag of 2: violation of flag ≤ 1
		'10101,supported,2023Q4,9,', // before the plan
		'10101,detected,2023Q4,1,'
	]),
	csv('targets', ['org_unit,indicator,period,target']),
	csv('submissions', ['org_unit,report,period,submitted_on'])
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
	rules: []
};

const rule = (name: string, extra: Partial<ValidationRule> = {}): ValidationRule => ({
	name,
	title: { vi: name, en: name },
	left: { indicators: ['supported'] },
	operator: '<=',
	right: { indicators: ['detected'] },
	...extra
});

describe.each(engines)('validation rules on %s', (_name, create) => {
	let conn: Connector;
	beforeAll(async () => {
		conn = await create();
		const reports = await loadDataset(conn, FILES);
		expect(reports.flatMap((r) => r.problems)).toEqual([]);
	});
	afterAll(async () => {
		await conn.close();
	});

	const brief = (v: { unit: string; period: string; left: number; right: number }) =>
		`${v.unit} ${v.period} ${v.left} ${v.right}`;

	it('finds units and periods where the left side exceeds the right, programmes summed', async () => {
		const found = await ruleViolations(conn, PLAN, '2024-09-30', rule('le'));
		expect(found.map(brief)).toEqual(['10101 2024Q2 6 4', '10101 2024Q3 4 3']);
		expect(found[0]).toMatchObject({ rule: 'le', level: 'commune', operator: '<=', incomplete: false });
		// At the end of the year the fourth quarter counts too.
		expect((await ruleViolations(conn, PLAN, '2024-12-31', rule('le'))).map((v) => v.period)).toEqual([
			'2024Q2',
			'2024Q3',
			'2024Q4'
		]);
	});

	it('applies the missing-value strategy', async () => {
		const never = await ruleViolations(conn, PLAN, '2024-09-30', rule('n', { missing: 'never-skip' }));
		expect(never.map(brief)).toEqual(['10101 2024Q2 6 4', '10101 2024Q3 4 3', '10102 2024Q1 2 0']);
		expect(never[2]?.incomplete).toBe(true);
	});

	it('reads a side from the enclosing year, and compares with constants and factors', async () => {
		const members = rule('m', {
			left: { indicators: ['members'] },
			right: { indicators: ['resident'], in: 'year' }
		});
		expect((await ruleViolations(conn, PLAN, '2024-12-31', members)).map(brief)).toEqual([
			'10101 2024Q2 4000 1000'
		]);
		const flag = rule('f', { left: { indicators: ['flag'] }, right: { constant: 1 } });
		expect((await ruleViolations(conn, PLAN, '2024-12-31', flag)).map(brief)).toEqual(['10102 2024Q1 2 1']);
		// supported ≥ 0.8 × detected: 3 < 4 in Q1 (10101); Q2 6 ≥ 3.2; Q3 4 ≥ 2.4.
		const share = rule('s', { operator: '>=', right: { indicators: ['detected'], factor: 0.8 } });
		expect((await ruleViolations(conn, PLAN, '2024-09-30', share)).map(brief)).toEqual(['10101 2024Q1 3 4']);
		// The sum of two indicators on one side: supported + detected != 8 fails only for 10101 in Q1 (3 + 5).
		const sum = rule('sum', {
			left: { indicators: ['supported', 'detected'] },
			operator: '!=',
			right: { constant: 8 }
		});
		expect((await ruleViolations(conn, PLAN, '2024-09-30', sum)).map(brief)).toEqual(['10101 2024Q1 8 8']);
	});

	it('keeps to the rule’s levels and the plan’s unit', async () => {
		expect(await ruleViolations(conn, PLAN, '2024-12-31', rule('d', { levels: ['district'] }))).toEqual([]);
		const other: PlanFile = { ...PLAN, plan: { ...PLAN.plan, orgUnit: '10102' } };
		expect(await ruleViolations(conn, other, '2024-12-31', rule('le'))).toEqual([]);
	});

	it('binds hostile codes as values', async () => {
		const hostile = rule('h', { left: { indicators: ['x\'); DROP TABLE "values"; --'] } });
		expect(await validationViolations(conn, PLAN, '2024-12-31', [hostile])).toEqual([]);
		const [count] = await conn.query<{ n: number }>('SELECT count(*) AS n FROM "values"');
		expect(count?.n).toBe(18);
	});

	it('validates the shipped rule files against the catalogue', async () => {
		const catalogue = await readCatalogue(conn);
		expect(catalogue.indicators.has('supported')).toBe(true);
	});
});

describe('quality rule files', () => {
	const catalogue: Catalogue = {
		indicators: new Map(
			['dv_victims_detected', 'dv_victims_supported', 'members'].map((code) => [
				code,
				{ nameVi: code, nameEn: code, unit: '', timeAggregation: 'sum', unitAggregation: 'sum' }
			])
		),
		programmes: new Map(),
		reports: new Map([['union-periodic-report', { nameVi: 'Báo cáo', nameEn: 'Report' }]]),
		orgUnits: new Map()
	};
	const good = {
		title: { vi: 'Thử', en: 'Test' },
		validationRules: [
			{
				name: 'dv',
				title: { vi: 'a', en: 'a' },
				left: { indicators: ['dv_victims_supported'] },
				operator: '<=',
				right: { indicators: ['dv_victims_detected'] }
			}
		],
		reportDeadlines: [{ report: 'union-periodic-report', periodKind: 'quarter', due: { dayOfLastMonth: 20 } }]
	};
	const text = (value: unknown) => JSON.stringify(value, null, 2);

	it('accepts a good file', () => {
		const parsed = parseQualityFile('rules/quality/x.json', text(good), catalogue);
		expect(parsed.problems).toEqual([]);
		expect(parsed.rules?.validationRules?.[0]?.name).toBe('dv');
	});

	it('names the file, JSON path, line and problem of an unknown indicator', () => {
		const bad = structuredClone(good);
		bad.validationRules[0]!.right.indicators = ['dv_victims_detectd'];
		const parsed = parseQualityFile('rules/quality/x.json', text(bad), catalogue);
		expect(parsed.rules).toBeNull();
		expect(parsed.problems).toHaveLength(1);
		const [problem] = parsed.problems;
		expect(problem).toMatchObject({
			file: 'rules/quality/x.json',
			path: '$.validationRules[0].right.indicators[0]',
			line: 21,
			code: 'unknown-indicator'
		});
		expect(problem!.message).toBe(
			'No indicator has the code "dv_victims_detectd" (did you mean "dv_victims_detected"?).'
		);
		expect(formatQualityProblem(problem!)).toBe(
			'rules/quality/x.json:21:11: $.validationRules[0].right.indicators[0]: No indicator has the code "dv_victims_detectd" (did you mean "dv_victims_detected"?).'
		);
		expect(qualityProblemMessage(problem!, 'vi')).toBe(
			'Không có chỉ tiêu mã "dv_victims_detectd" trong danh mục (có phải "dv_victims_detected"?).'
		);
	});

	it('reports shape errors once each, at their path', () => {
		const bad = structuredClone(good) as Record<string, unknown> & typeof good;
		const r = bad.validationRules[0] as Record<string, unknown>;
		r.operator = '=<';
		r.left = { indicators: ['members'], constant: 3 };
		r.level = ['commune'];
		bad.reportDeadlines[0]!.due = { dayOfLastMonth: 40 } as never;
		const problems = parseQualityFile('f.json', text(bad), catalogue).problems;
		expect(problems.map((p) => [p.path, p.code])).toEqual([
			['$.validationRules[0].left', 'bad-side'],
			['$.validationRules[0].operator', 'invalid-value'],
			['$.validationRules[0].level', 'unknown-key'],
			['$.reportDeadlines[0].due', 'bad-due']
		]);
		expect(problems[2]?.message).toContain('did you mean "levels"?');
	});

	it('checks what the schema cannot: duplicate names, two constants, unknown reports', () => {
		const bad = structuredClone(good);
		bad.validationRules.push({
			...bad.validationRules[0]!,
			left: { constant: 1 } as never,
			right: { constant: 2 } as never
		});
		bad.reportDeadlines[0]!.report = 'union-periodic-reprot';
		const problems = parseQualityFile('f.json', text(bad), catalogue).problems;
		expect(problems.map((p) => [p.path, p.code])).toEqual([
			['$.validationRules[1]', 'no-indicator'],
			['$.validationRules[1].name', 'duplicate-rule-name'],
			['$.reportDeadlines[0].report', 'unknown-report']
		]);
	});

	it('points at a syntax error', () => {
		const [problem] = parseQualityFile('f.json', '{\n  "title": {"vi": "a", "en": "b"},\n}', null).problems;
		expect(problem).toMatchObject({ code: 'invalid-json', line: 2, path: '$' });
	});

	it('ships rule files that are valid against the default data’s catalogue', () => {
		const indicators = readFileSync('data/indicators.csv', 'utf8')
			.split('\n')
			.slice(1)
			.filter(Boolean)
			.map((line) => line.split(',')[0] as string);
		const reports = readFileSync('data/reports.csv', 'utf8')
			.split('\n')
			.slice(1)
			.filter(Boolean)
			.map((line) => line.split(',')[0] as string);
		const real: Catalogue = {
			...catalogue,
			indicators: new Map(indicators.map((code) => [code, catalogue.indicators.get('members')!])),
			reports: new Map(reports.map((code) => [code, { nameVi: code, nameEn: code }]))
		};
		const file = 'rules/quality/union-core.json';
		const parsed = parseQualityFile(file, readFileSync(file, 'utf8'), real);
		expect(parsed.problems).toEqual([]);
		expect(parsed.rules?.validationRules?.length).toBeGreaterThanOrEqual(5);
	});
});
