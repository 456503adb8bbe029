/**
 * The data-quality page's pure helpers (problem rows, filters, periods, subtrees, sentences, CSV), its messages,
 * the whole computation on a small dataset with the shipped and a broken rule file, and the CLI hook for quality
 * rule files. Expectations worked out by hand.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '$lib/db/connector';
import { loadDataset, type DataFile } from '$lib/db/load';
import { createWasmNodeConnector } from '$lib/db/wasm-node';
import { bundledQualityRuleSources } from '$lib/quality/bundled-rules';
import { checkQualityRules, qualityRuleFiles } from '../../src/cli/quality-check';
import { qualityText, QUALITY_KEYS } from '$lib/quality/messages';
import {
	allDataPlan,
	computeQualityPage,
	describeProblem,
	matches,
	namesFrom,
	periodChoices,
	periodWithin,
	problemRows,
	qualityCsv,
	subtreeChoices,
	subtreeTest,
	type QualityPageData
} from '$lib/quality/page-data';
import { readCatalogue } from '$lib/rules/catalogue';

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
		'102,Huyện Hai,district,10,,',
		'10101,Xã Một,commune,101,,',
		'10201,Xã Hai,commune,102,,'
	]),
	csv('indicators', [
		'code,name_vi,name_en,unit,time_aggregation,unit_aggregation',
		'dv_victims_detected,Nạn nhân được phát hiện,Victims detected,người,sum,sum',
		'dv_victims_supported,Nạn nhân được hỗ trợ,Victims supported,người,sum,sum',
		// The other indicators the shipped rule file names (a file naming an unknown code is not used).
		...[
			'cadres_fulltime_proficient',
			'cadres_fulltime',
			'upper_cadres_it_trained',
			'upper_cadres',
			'branch_heads_trained',
			'branch_heads',
			'savings_loan_livelihood_groups',
			'savings_loan_groups',
			'members',
			'resident_women',
			'has_computer'
		].map((code) => `${code},${code},${code},người,last,sum`)
	]),
	csv('programmes', ['code,name_vi,name_en']),
	csv('reports', ['code,name_vi,name_en', 'union-periodic-report,Báo cáo định kỳ,Periodic report']),
	csv('values', [
		'org_unit,indicator,period,value,programme',
		'10101,dv_victims_detected,2024Q1,3,',
		'10101,dv_victims_supported,2024Q1,5,', // 5 > 3: breaks the shipped rule dv-supported-le-detected
		'10201,dv_victims_detected,2024Q1,4,',
		'10201,dv_victims_supported,2024Q1,4,'
	]),
	csv('targets', ['org_unit,indicator,period,target']),
	csv('submissions', ['org_unit,report,period,submitted_on'])
];

const BROKEN = {
	file: 'rules/quality/broken.json',
	text: JSON.stringify(
		{
			title: { vi: 'Hỏng', en: 'Broken' },
			validationRules: [
				{
					name: 'x',
					title: { vi: 'x', en: 'x' },
					left: { indicators: ['dv_victims_suported'] },
					operator: '<=',
					right: { constant: 1 }
				}
			]
		},
		null,
		2
	)
};

describe('the quality page on a small dataset', () => {
	let conn: Connector;
	let data: QualityPageData;
	const steps: string[] = [];
	beforeAll(async () => {
		conn = await createWasmNodeConnector();
		expect((await loadDataset(conn, FILES)).flatMap((r) => r.problems)).toEqual([]);
		const catalogue = await readCatalogue(conn);
		data = await computeQualityPage(
			conn,
			allDataPlan(2024, '10'),
			'2024-12-31',
			catalogue,
			(step, index) => steps.push(`${index}:${step}`),
			[...bundledQualityRuleSources, BROKEN]
		);
	});
	afterAll(async () => {
		await conn.close();
	});

	it('reports every step, uses the valid rule files and names the broken one', () => {
		expect(steps).toEqual(['0:rules', '1:reports', '2:values', '3:outliers', '4:validation']);
		expect(bundledQualityRuleSources.map((s) => s.file)).toContain('rules/quality/union-core.json');
		const broken = data.ruleFiles.find((f) => f.file === BROKEN.file);
		expect(broken?.rules).toBeNull();
		expect(broken?.problems.map((p) => [p.path, p.line, p.code])).toEqual([
			['$.validationRules[0].left.indicators[0]', 15, 'unknown-indicator']
		]);
		expect(data.validationRules.some((r) => r.name === 'x')).toBe(false);
	});

	it('finds the violation and turns it into a described, filterable, exportable row', () => {
		const rows = problemRows(data);
		expect(rows.map((r) => `${r.kind} ${r.unit} ${r.period}`)).toEqual(['violation 10101 2024Q1']);
		const [row] = rows;
		const vi = namesFrom('vi', null, data.validationRules);
		expect(describeProblem('vi', row!, vi)).toBe(
			'Nạn nhân tiếp cận dịch vụ trợ giúp ≤ nạn nhân được phát hiện: 5 ≤ 3 không đúng.'
		);
		expect(describeProblem('en', row!, namesFrom('en', null, data.validationRules))).toBe(
			'Victims reaching a support service ≤ victims detected: 5 ≤ 3 does not hold.'
		);
		const parents = new Map<string, string | null>([
			['10', 'VN'],
			['101', '10'],
			['102', '10'],
			['10101', '101'],
			['10201', '102']
		]);
		const none = { within: null, level: null, period: null };
		expect(matches(row!, none)).toBe(true);
		expect(matches(row!, { ...none, within: subtreeTest(parents, '101') })).toBe(true);
		expect(matches(row!, { ...none, within: subtreeTest(parents, '102') })).toBe(false);
		expect(matches(row!, { ...none, level: 'district' })).toBe(false);
		expect(matches(row!, { ...none, period: '2024' })).toBe(true);
		expect(matches(row!, { ...none, period: '2024Q2' })).toBe(false);
		const text = qualityCsv(
			'vi',
			rows,
			vi,
			(code) => `Xã ${code}`,
			() => 'https://x/unit?unit=10101'
		);
		expect(text).toBe(
			'\uFEFFLoại,Mã đơn vị,Tên đơn vị,Cấp,Kỳ,Chi tiết,Đường dẫn\r\n' +
				'Vi phạm quy tắc kiểm tra,10101,Xã 10101,Xã/phường,quý 1/2024,' +
				'Nạn nhân tiếp cận dịch vụ trợ giúp ≤ nạn nhân được phát hiện: 5 ≤ 3 không đúng.,https://x/unit?unit=10101\r\n'
		);
	});
});

describe('page helpers (pure)', () => {
	it('says why each kind of problem was flagged, with vi-VN numbers and dates', () => {
		const names = {
			indicator: (code: string) => (code === 'members' ? 'Hội viên' : code),
			report: () => 'Báo cáo định kỳ',
			rule: (name: string) => name
		};
		const report = {
			unit: '01273',
			level: 'commune' as const,
			report: 'union-periodic-report',
			period: '2024Q4',
			deadline: '2024-12-20',
			due: '2024-12-20',
			submittedOn: null,
			status: 'missing' as const,
			daysLate: null,
			basis: { kind: 'rule' as const, rule: 'r' }
		};
		expect(
			describeProblem(
				'vi',
				{ kind: 'missing', unit: '01273', level: 'commune', period: '2024Q4', report },
				names
			)
		).toBe('Chưa nộp “Báo cáo định kỳ”; hạn 20/12/2024.');
		const late = { ...report, status: 'late' as const, submittedOn: '2024-12-31', daysLate: 11 };
		expect(
			describeProblem(
				'vi',
				{ kind: 'late', unit: '01273', level: 'commune', period: '2024Q4', report: late },
				names
			)
		).toBe('Nộp “Báo cáo định kỳ” ngày 31/12/2024, chậm 11 ngày so với hạn 20/12/2024.');
		const cell = {
			unit: 'x',
			level: 'commune' as const,
			period: '2024-03',
			periodKind: 'month' as const,
			present: false
		};
		expect(
			describeProblem('en', { kind: 'gap', unit: 'x', level: 'commune', period: '2024-03', cell }, names)
		).toBe(
			'No value at all for Mar 2024, though the unit reports by such periods and most units of its level reported.'
		);
		const outlier = {
			basis: 'peers' as const,
			unit: '01343',
			level: 'commune' as const,
			parent: '040',
			indicator: 'members',
			period: '2024Q1',
			programme: null,
			value: 4000,
			median: 786,
			mad: 222,
			z: 9.77,
			count: 17,
			previous: null
		};
		expect(
			describeProblem(
				'vi',
				{ kind: 'outlier', unit: '01343', level: 'commune', period: '2024Q1', outlier },
				names
			)
		).toBe(
			'“Hội viên” quý 1/2024 là 4.000; trung vị của 17 đơn vị cùng cấp cùng đơn vị cấp trên là 786 (MAD 222), z = 9,8.'
		);
	});

	it('offers periods with their quarters and years, longest first at each start', () => {
		expect(periodChoices(['2024-05', '2024Q1', null, '2023-12', 'bad'])).toEqual([
			'2023',
			'2023Q4',
			'2023-12',
			'2024',
			'2024Q1',
			'2024Q2',
			'2024-05'
		]);
		expect(periodWithin('2024-05', '2024Q2')).toBe(true);
		expect(periodWithin('2024', '2024Q2')).toBe(false);
		expect(periodWithin(null, '2024')).toBe(false);
	});

	it('lists subtrees above communes depth first, and tests membership', () => {
		const units = [
			{ code: '10', level: 'province' as const, parentCode: 'VN' },
			{ code: '102', level: 'district' as const, parentCode: '10' },
			{ code: '101', level: 'district' as const, parentCode: '10' },
			{ code: '10101', level: 'commune' as const, parentCode: '101' },
			{ code: '20', level: 'province' as const, parentCode: 'VN' }
		];
		expect(subtreeChoices(units, '10')).toEqual([
			{ code: '10', depth: 0 },
			{ code: '101', depth: 1 },
			{ code: '102', depth: 1 }
		]);
		expect(subtreeChoices(units, 'nope')).toEqual([]);
		const within = subtreeTest(new Map(units.map((u) => [u.code, u.parentCode])), '101');
		expect(['10101', '101', '102', '10', 'unknown'].map(within)).toEqual([true, true, false, false, false]);
	});

	it('has every message in both languages, with the same placeholders', () => {
		for (const key of QUALITY_KEYS) {
			const vi = qualityText('vi', key);
			const en = qualityText('en', key);
			expect(vi.length, key).toBeGreaterThan(0);
			expect(en.length, key).toBeGreaterThan(0);
			const holes = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
			expect(holes(vi), key).toEqual(holes(en));
		}
		expect(qualityText('vi', 'summary.of', { sent: '1.300', due: '1.400' })).toBe('1.300/1.400 báo cáo');
	});
});

describe('the CLI hook for quality rule files', () => {
	let conn: Connector;
	let dir: string;
	beforeAll(async () => {
		conn = await createWasmNodeConnector();
		await loadDataset(conn, FILES);
		dir = mkdtempSync(path.join(tmpdir(), 'quality-rules-'));
		mkdirSync(path.join(dir, 'quality'));
		writeFileSync(path.join(dir, 'plan.json'), '{}');
		writeFileSync(path.join(dir, 'quality', 'broken.json'), BROKEN.text);
	});
	afterAll(async () => {
		await conn.close();
		rmSync(dir, { recursive: true, force: true });
	});

	it('finds the quality files under a rules folder, and only there', () => {
		expect(qualityRuleFiles(dir)).toEqual([path.join(dir, 'quality', 'broken.json')]);
		expect(qualityRuleFiles(path.join(dir, 'quality'))).toEqual([path.join(dir, 'quality', 'broken.json')]);
		expect(qualityRuleFiles(path.join(dir, 'plan.json'))).toEqual([]);
		expect(qualityRuleFiles('rules')).toEqual(['rules/quality/union-core.json']);
	});

	it('prints each problem as file:line:column: path: message and counts it', async () => {
		const lines: string[] = [];
		const result = await checkQualityRules(conn, dir, (line) => lines.push(line));
		expect(result).toEqual({ files: 1, rules: 0, errors: 1 });
		expect(lines).toEqual([
			`${path.join(dir, 'quality', 'broken.json')}:15:11: $.validationRules[0].left.indicators[0]: No indicator has the code "dv_victims_suported" (did you mean "dv_victims_supported"?).`
		]);
	});
});
