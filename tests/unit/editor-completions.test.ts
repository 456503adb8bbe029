/**
 * The code editor's help: where the cursor is in plan-file terms, the suggestions for each kind of value
 * (codes found by name without diacritics), what a hovered code is, and the validator's problems placed as
 * CodeMirror diagnostics at their exact line and column.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { json } from '@codemirror/lang-json';
import { ensureSyntaxTree } from '@codemirror/language';
import { EditorState } from '@codemirror/state';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemDiagnostics, tokenEnd } from '$lib/editor/cm-extensions';
import { describe as describeCode, suggest, suggestionKind } from '$lib/editor/completions';
import { hoverTargetAt, planHints, valueContextAt } from '$lib/editor/json-context';
import type { Connector } from '$lib/db/connector';
import { loadDataset, type DataFile } from '$lib/db/load';
import { createWasmNodeConnector } from '$lib/db/wasm-node';
import { readCatalogue, type Catalogue } from '$lib/rules/catalogue';
import { validatePlanText } from '$lib/rules/validate';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CAO_BANG = readFileSync(join(ROOT, 'rules', 'cao-bang-2024.json'), 'utf8');

let conn: Connector;
let catalogue: Catalogue;

beforeAll(async () => {
	conn = await createWasmNodeConnector();
	const files: DataFile[] = (['org_units', 'indicators', 'programmes', 'reports'] as const).map((table) => ({
		table,
		name: `data/${table}.csv`,
		format: 'csv',
		bytes: readFileSync(join(ROOT, 'data', `${table}.csv`))
	}));
	await loadDataset(conn, files);
	catalogue = await readCatalogue(conn);
});
afterAll(async () => conn?.close());

/** An editor state of `doc` with `|` marking the cursor (removed from the text). */
function at(doc: string): { state: EditorState; pos: number } {
	const pos = doc.indexOf('|');
	const text = doc.slice(0, pos) + doc.slice(pos + 1);
	const state = EditorState.create({ doc: text, extensions: [json()] });
	ensureSyntaxTree(state, state.doc.length, 5000);
	return { state, pos };
}

const PLAN = (inner: string) =>
	`{"plan": {"id": "x", "orgUnit": "04", "period": {"start": "2024-01-01", "end": "2024-12-31"}}, "rules": [${inner}]}`;

describe('value context', () => {
	it('knows the key whose value is typed, inside quotes', () => {
		const { state, pos } = at(PLAN('{"conditions": {"all": [{"fact": "tot|", "params": {}}]}}'));
		const ctx = valueContextAt(state, pos);
		expect(ctx).toMatchObject({ key: 'fact', quoted: true, typed: 'tot', inList: false });
		expect(state.sliceDoc(ctx!.from, ctx!.to)).toBe('tot');
	});
	it('knows the parents of a parameter and the items of a list', () => {
		const { state, pos } = at(
			PLAN('{"conditions": {"all": [{"fact": "total", "params": {"indicator": "ho th|"}}]}}')
		);
		expect(valueContextAt(state, pos)).toMatchObject({
			key: 'indicator',
			parents: ['params', 'all', 'conditions', 'rules']
		});
		const list = at(PLAN('{"scope": {"units": ["19489", "bao|"]}}'));
		expect(valueContextAt(list.state, list.pos)).toMatchObject({ key: 'units', inList: true, typed: 'bao' });
	});
	it('sees a string not yet closed', () => {
		const { state, pos } = at('{"plan": {"orgUnit": "bao l|,\n "id": "x"}}');
		expect(valueContextAt(state, pos)).toMatchObject({ key: 'orgUnit', quoted: true, typed: 'bao l' });
	});
	it('sees a value not yet in quotes', () => {
		const { state, pos } = at('{"rules": [{"conditions": {"all": [{"operator": great|}]}}]}');
		expect(valueContextAt(state, pos)).toMatchObject({ key: 'operator', quoted: false, typed: 'great' });
	});
	it('is nothing on a key or between entries', () => {
		const key = at('{"pl|an": {}}');
		expect(valueContextAt(key.state, key.pos)).toBeNull();
		const between = at('{"a": 1, | "b": 2}');
		expect(valueContextAt(between.state, between.pos)).toBeNull();
	});
	it('reads the plan start and unit from a half-typed text', () => {
		expect(planHints('{"plan": {"orgUnit": "04", "period": {"start": "2024-01-01", "end": ')).toEqual({
			start: '2024-01-01',
			orgUnit: '04'
		});
	});
});

describe('suggestions', () => {
	const data = () => ({ catalogue, lang: 'vi' as const });
	const hints = { start: '2024-01-01', orgUnit: '04' };

	it('chooses the list by key', () => {
		expect(suggestionKind({ key: 'fact', inList: false, parents: [] })).toBe('fact');
		expect(suggestionKind({ key: 'each', inList: false, parents: ['scope'] })).toBe('level');
		expect(suggestionKind({ key: 'indicator', inList: false, parents: ['params'] })).toBe('indicator');
		expect(suggestionKind({ key: 'indicator', inList: false, parents: ['plan'] })).toBeNull();
		expect(suggestionKind({ key: 'units', inList: true, parents: ['scope'] })).toBe('unit');
		expect(suggestionKind({ key: 'title', inList: false, parents: [] })).toBeNull();
	});
	it('offers facts, operators and levels with their meaning in Vietnamese', () => {
		const facts = suggest(
			{ key: 'fact', inList: false, parents: [], from: 0, to: 0, quoted: true, typed: '' },
			data(),
			hints
		);
		expect(facts?.items.map((s) => s.code)).toEqual([
			'total',
			'ratio',
			'change',
			'assigned',
			'unitsMeeting',
			'submittedOn'
		]);
		const operators = suggest(
			{ key: 'operator', inList: false, parents: [], from: 0, to: 0, quoted: true, typed: '' },
			data(),
			hints
		);
		expect(operators?.items.find((s) => s.code === 'greaterThanInclusive')?.detail).toBe('ít nhất (≥)');
		expect(operators?.items.map((s) => s.code)).toContain('onOrBefore');
		const levels = suggest(
			{ key: 'level', inList: false, parents: [], from: 0, to: 0, quoted: true, typed: '' },
			data(),
			hints
		);
		expect(levels?.items.find((s) => s.code === 'commune')?.detail).toBe('Xã/phường/thị trấn');
	});
	it('finds indicator codes by their Vietnamese name typed without diacritics', () => {
		const found = suggest(
			{
				key: 'indicator',
				inList: false,
				parents: ['params'],
				from: 0,
				to: 0,
				quoted: true,
				typed: 'ho thoat ngheo'
			},
			data(),
			hints
		);
		expect(found?.ranked).toBe(true);
		expect(found?.items[0]).toMatchObject({
			code: 'households_out_of_poverty',
			detail: 'Hộ có phụ nữ thoát nghèo'
		});
		const byCode = suggest(
			{
				key: 'indicator',
				inList: false,
				parents: ['params'],
				from: 0,
				to: 0,
				quoted: true,
				typed: 'households_out'
			},
			data(),
			hints
		);
		expect(byCode?.items.map((s) => s.code).slice(0, 2)).toContain('households_out_of_poverty');
	});
	it('finds org units by name without diacritics, in the hierarchy of the plan date', () => {
		const found = suggest(
			{ key: 'units', inList: true, parents: ['scope'], from: 0, to: 0, quoted: true, typed: 'bao lac' },
			data(),
			hints
		);
		expect(found?.items.slice(0, 2).map((s) => s.code)).toEqual(['043', '01321']);
		expect(found?.items[0]?.detail).toBe('Huyện Bảo Lạc');
		const lia = suggest(
			{ key: 'orgUnit', inList: false, parents: ['plan'], from: 0, to: 0, quoted: true, typed: 'Lìa' },
			data(),
			{ start: '2021-01-01', orgUnit: '45' }
		);
		expect(lia?.items.map((s) => s.code)).toContain('19489');
	});
	it('offers nothing from the catalogue before it is loaded', () => {
		const found = suggest(
			{ key: 'indicator', inList: false, parents: ['params'], from: 0, to: 0, quoted: true, typed: '' },
			{ catalogue: null, lang: 'vi' },
			hints
		);
		expect(found?.items).toEqual([]);
	});
});

describe('hover', () => {
	it('names the indicator, unit, level and operator under the pointer', () => {
		const data = { catalogue, lang: 'vi' as const };
		const hints = planHints(CAO_BANG);
		const find = (needle: string) => {
			const state = EditorState.create({ doc: CAO_BANG, extensions: [json()] });
			ensureSyntaxTree(state, state.doc.length, 5000);
			const target = hoverTargetAt(state, CAO_BANG.indexOf(needle) + 2);
			return target ? describeCode(target, data, hints) : null;
		};
		expect(find('"households_out_of_poverty"')).toEqual({
			title: 'Chỉ số households_out_of_poverty',
			lines: [
				'Hộ có phụ nữ thoát nghèo',
				'Households with women that escaped poverty',
				'đơn vị tính: hộ; cộng theo thời gian: sum; cộng các đơn vị: sum'
			]
		});
		expect(find('"04"')?.title).toBe('Tỉnh Cao Bằng (04)');
		expect(find('"commune"')?.lines).toEqual(['Xã/phường/thị trấn']);
		expect(find('"greaterThanInclusive"')?.lines).toEqual(['ít nhất (≥)']);
		expect(find('"cb2024-2.2-poverty"')).toBeNull();
	});
});

describe('lint diagnostics', () => {
	it('underlines a broken value at the validator line and column, in Vietnamese', () => {
		const broken = CAO_BANG.replace(
			'"operator": "greaterThanInclusive", "value": 161}',
			'"operator": "greaterThanInclusive", "value": "161abc"}'
		);
		const problems = validatePlanText('rules/cao-bang-2024.json', broken, catalogue);
		expect(problems).toHaveLength(1);
		expect(problems[0]).toMatchObject({ line: 49, code: 'wrong-value-type' });
		const state = EditorState.create({ doc: broken });
		const [diagnostic] = problemDiagnostics(state, problems, 'vi');
		expect(state.doc.lineAt(diagnostic!.from).number).toBe(49);
		expect(state.sliceDoc(diagnostic!.from, diagnostic!.to)).toBe('"161abc"');
		expect(diagnostic!.message).toContain('toán tử "greaterThanInclusive" cần giá trị là một số');
		expect(diagnostic!.source).toBe('$.rules[1].conditions.all[0].value');
	});
	it('places a JSON syntax error where the validator says', () => {
		const broken = CAO_BANG.replace('"value": 161}', '"value": 16 1}');
		const problems = validatePlanText('x.json', broken, catalogue);
		const state = EditorState.create({ doc: broken });
		const [diagnostic] = problemDiagnostics(state, problems, 'en');
		expect(state.doc.lineAt(diagnostic!.from).number).toBe(49);
		expect(diagnostic!.message).toMatch(/^invalid JSON/);
	});
	it('measures tokens for the underline', () => {
		expect(tokenEnd('"ab\\"c" x', 0)).toBe(7);
		expect(tokenEnd('-1.5e3,', 0)).toBe(6);
		expect(tokenEnd('{"a": 1}  \n', 0)).toBe(8);
	});
});
