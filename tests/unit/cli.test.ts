/**
 * The command line (design.md §6) run as a child process, on the small dataset and plan (fixtures/small):
 * JSON only on stdout with the contract's keys, the same results on both engines, and the exit codes
 * (0 fine, 1 rule or data errors on stderr, 2 usage).
 */
import { execFile } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMALL_DIR } from './fixtures/small/dataset';

const ROOT = path.resolve(SMALL_DIR, '../../../..');
const PLAN = path.join(SMALL_DIR, 'small-2024.json');
/** `npx tsx …` without npm's own start-up and warnings. */
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
/** Each run starts tsx and DuckDB and loads the dataset: seconds each, more on a busy machine. */
const SLOW = { timeout: 240_000 };

interface Run {
	code: number;
	stdout: string;
	stderr: string;
}

function cli(...args: string[]): Promise<Run> {
	return new Promise((resolve) => {
		execFile(
			TSX,
			['--tsconfig', 'tsconfig.node.json', 'src/cli/main.ts', ...args],
			{ cwd: ROOT, maxBuffer: 32 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } },
			(error, stdout, stderr) => {
				const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
				resolve({ code, stdout, stderr });
			}
		);
	});
}

type Result = Record<string, unknown> & { units: Result[] };

const CONTRACT_KEYS = [
	'plan',
	'rule',
	'orgUnit',
	'status',
	'actual',
	'target',
	'expected',
	'conditions',
	'units'
];

let scratch: string;
beforeAll(() => {
	scratch = mkdtempSync(path.join(tmpdir(), 'chi-tieu-cli-test-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('evaluate', SLOW, () => {
	let wasm: Run;
	let native: Run;
	beforeAll(async () => {
		const common = ['--data', SMALL_DIR, '--rules', PLAN, '--as-of', '2024-06-30'];
		[wasm, native] = await Promise.all([
			cli('evaluate', ...common),
			cli('evaluate', ...common, '--engine', 'native')
		]);
	}, SLOW.timeout);

	it('exits 0 and prints JSON only on stdout, with the contract’s keys', () => {
		expect(wasm.code, wasm.stderr).toBe(0);
		expect(wasm.stdout.trimStart().startsWith('{')).toBe(true);
		const out = JSON.parse(wasm.stdout) as { asOf: string; results: Result[] };
		expect(Object.keys(out)).toEqual(['asOf', 'results']);
		expect(out.asOf).toBe('2024-06-30');
		expect(out.results.map((r) => r.rule)).toEqual([
			'sm2024-1-poverty',
			'sm2024-2-poverty-district',
			'sm2024-3-victims',
			'sm2024-4-members-quota',
			'sm2024-5-communes',
			'sm2024-6-report',
			'sm2024-7-election'
		]);
		for (const result of out.results) {
			expect(Object.keys(result).slice(0, CONTRACT_KEYS.length)).toEqual(CONTRACT_KEYS);
			for (const unit of result.units)
				expect(Object.keys(unit)).toEqual(expect.arrayContaining(CONTRACT_KEYS));
		}
	});

	it('gives the hand-computed results', () => {
		const out = JSON.parse(wasm.stdout) as { results: Result[] };
		const pick = (r: Result) => [r.orgUnit, r.status, r.actual, r.target];
		const byRule = Object.fromEntries(out.results.map((r) => [r.rule as string, r]));
		// 125 households by 30/06, expected 161 × 182/366 ≈ 80.06
		expect(pick(byRule['sm2024-1-poverty'] as Result)).toEqual(['04', 'on-track', 125, 161]);
		expect(byRule['sm2024-1-poverty']?.expected).toBeCloseTo((161 * 182) / 366, 9);
		// districts ≥ 50: 040 105 achieved, 041 20 at-risk (≥ 0.8 × 24.86); plan 1/2 → off-track
		expect(pick(byRule['sm2024-2-poverty-district'] as Result)).toEqual(['04', 'off-track', 0.5, 1]);
		expect(byRule['sm2024-2-poverty-district']?.units.map(pick)).toEqual([
			['040', 'achieved', 105, 50],
			['041', 'at-risk', 20, 50]
		]);
		// 12/15 = 0.8, exactly the target
		expect(pick(byRule['sm2024-3-victims'] as Result)).toEqual(['04', 'achieved', 0.8, 0.8]);
		// quota: 040 45 ≥ 40; 041 25 < 30 but ahead of 30 × 182/366 ≈ 14.92
		expect(byRule['sm2024-4-members-quota']?.units.map(pick)).toEqual([
			['040', 'achieved', 45, 40],
			['041', 'on-track', 25, 30]
		]);
		// 3 of 5 communes with ≥ 10 households
		expect(pick(byRule['sm2024-5-communes'] as Result)).toEqual(['04', 'off-track', 0.6, 1]);
		// nothing submitted yet, deadline 15/07: dates are YYYY-MM-DD strings, a missing value is null
		expect(byRule['sm2024-6-report']?.units.map(pick)).toEqual([
			['040', 'on-track', null, '2024-07-15'],
			['041', 'on-track', null, '2024-07-15']
		]);
		expect(pick(byRule['sm2024-7-election'] as Result)).toEqual(['04', 'achieved', 3, [3, 5]]);
	});

	it('prints identical results with --engine native', () => {
		expect(native.code, native.stderr).toBe(0);
		expect(native.stdout).toBe(wasm.stdout);
	});
});

describe('exit codes', SLOW, () => {
	it('2 on usage errors, with nothing on stdout', async () => {
		const runs = await Promise.all([
			cli('frobnicate', '--data', SMALL_DIR, '--rules', PLAN),
			cli('evaluate', '--rules', PLAN),
			cli('evaluate', '--data', SMALL_DIR, '--rules', PLAN, '--as-of', '2024-02-30'),
			cli('evaluate', '--data', SMALL_DIR, '--rules', PLAN, '--as-of', '30/06/2024'),
			cli('evaluate', '--data', SMALL_DIR, '--rules', PLAN, '--engine', 'sqlite')
		]);
		const messages = [
			'unknown command "frobnicate"',
			'missing --data',
			'--as-of must be a date',
			'--as-of',
			'--engine'
		];
		runs.forEach((run, i) => {
			expect(run.code, run.stderr).toBe(2);
			expect(run.stdout).toBe('');
			expect(run.stderr).toContain(messages[i]);
		});
	});

	it('0 for check on the valid small plan', async () => {
		const run = await cli('check', '--rules', PLAN, '--data', SMALL_DIR);
		expect(run.code, run.stderr).toBe(0);
		expect(run.stdout).toBe('');
	});

	it('1 with a broken rule file, naming the file on stderr', async () => {
		const plan = JSON.parse(readFileSync(PLAN, 'utf8')) as {
			rules: Array<{ conditions: { all: Array<Record<string, unknown>> } }>;
		};
		const first = plan.rules[0]?.conditions.all[0] as Record<string, unknown>;
		first.params = { indicator: 'no_such_indicator' };
		const broken = path.join(scratch, 'broken-plan.json');
		writeFileSync(broken, JSON.stringify(plan, null, '\t'));
		const [check, evaluate] = await Promise.all([
			cli('check', '--rules', broken, '--data', SMALL_DIR),
			cli('evaluate', '--data', SMALL_DIR, '--rules', broken, '--as-of', '2024-06-30')
		]);
		for (const run of [check, evaluate]) {
			expect(run.code).toBe(1);
			expect(run.stderr).toContain(broken);
			expect(run.stderr).toContain('$.rules[0].conditions.all[0].params.indicator');
		}
		// evaluate still prints JSON only on stdout: the broken plan is left out
		expect(JSON.parse(evaluate.stdout)).toEqual({ asOf: '2024-06-30', results: [] });
	});

	it('1 with a file that is not JSON', async () => {
		const broken = path.join(scratch, 'not-json.json');
		writeFileSync(broken, '{"plan": {');
		const run = await cli('check', '--rules', broken, '--data', SMALL_DIR);
		expect(run.code).toBe(1);
		expect(run.stderr).toContain(broken);
	});

	it('1 with a broken data-quality rule file under rules/quality, naming file, line and path', async () => {
		const rules = path.join(scratch, 'rules-with-quality');
		mkdirSync(path.join(rules, 'quality'), { recursive: true });
		cpSync(PLAN, path.join(rules, 'small-2024.json'));
		const bad = path.join(rules, 'quality', 'bad.json');
		const rule = {
			name: 'r',
			title: { vi: 'r', en: 'r' },
			left: { indicators: ['no_such_indicator'] },
			operator: '<=',
			right: { constant: 1 }
		};
		writeFileSync(bad, JSON.stringify({ title: { vi: 't', en: 't' }, validationRules: [rule] }, null, 2));
		const run = await cli('check', '--rules', rules, '--data', SMALL_DIR);
		expect(run.code).toBe(1);
		// The plan itself is fine; the quality file is the problem, and a file with a problem is dropped whole.
		expect(run.stderr).toContain('1 plan file(s) valid; 0 rule problem(s), 0 data problem(s)');
		// JSON.stringify(…, 2) puts the code on line 15, indented 10 spaces.
		expect(run.stderr).toContain(`${bad}:15:11: $.validationRules[0].left.indicators[0]: `);
		expect(run.stderr).toContain('1 quality rule file(s), 0 validation rule(s); 1 problem(s)');
	});

	it('1 when a rule test inside a plan fails, naming the file, line and expectation', async () => {
		const source = readFileSync(path.join(ROOT, 'rules', 'cao-bang-2024.json'), 'utf8');
		// The Q1 meeting held on 1 April is late: claiming it is achieved must fail.
		const claim = source.replace('"status": "missed"}', '"status": "achieved"}');
		expect(claim).not.toBe(source);
		const file = path.join(scratch, 'cao-bang-2024.json');
		writeFileSync(file, claim);
		const line = claim.slice(0, claim.indexOf('"status": "achieved"}')).split('\n').length;
		const run = await cli('check', '--rules', file, '--data', path.join(ROOT, 'data'));
		expect(run.code).toBe(1);
		expect(run.stderr).toContain(`${file}:${line}:`);
		expect(run.stderr).toContain('$.tests[1].expect[0]');
		expect(run.stderr).toContain('expected achieved, got missed');
		expect(run.stderr).toContain('rule test expectation(s): 7 passed, 1 failed');
	});

	it('1 with a data file with a bad row, naming the file and line on stderr', async () => {
		const data = path.join(scratch, 'data');
		cpSync(SMALL_DIR, data, { recursive: true });
		// line 69 of values.csv (68 rows after the header): not a number
		appendFileSync(path.join(data, 'values.csv'), '04001,households,2024-08,many,\n');
		const lines = readFileSync(path.join(data, 'values.csv'), 'utf8').trimEnd().split('\n').length;
		const run = await cli('evaluate', '--data', data, '--rules', PLAN, '--as-of', '2024-06-30');
		expect(run.code).toBe(1);
		expect(run.stderr).toContain(`${path.join(data, 'values.csv')}:${lines} [value]: not-a-number ("many")`);
		// the good rows were still evaluated: the results are those of the clean dataset
		const out = JSON.parse(run.stdout) as { results: Result[] };
		expect(out.results[0]?.actual).toBe(125);
	});
});
