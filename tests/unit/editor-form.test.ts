/**
 * The form view reads and writes the same JSON: on every seed plan in rules/, writing back every field the
 * form shows changes nothing (not a character), every rule and leaf of the seeds is shown by the form, and a
 * change made in the form changes exactly that value and reads back as made.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
	fromPercent,
	isFormUnavailable,
	leafJson,
	readPlanForm,
	toPercent,
	type EditableLeaf,
	type PlanForm,
	type TextField
} from '$lib/editor/form-model';
import {
	addLeaf,
	addRule,
	leafForFact,
	removeLeaf,
	removeRule,
	writeField,
	writeLeaf,
	writeOperator,
	writeOptional,
	writeParam,
	writePick,
	writeScope,
	writeValue
} from '$lib/editor/form-write';
import { applyEdits, compactJson, minimalEdit, type TextEdit } from '$lib/editor/json-edit';
import { nodeAt, parseTree, type PathSegment } from '$lib/editor/json-tree';
import { RULE_SHAPES } from '$lib/editor/plan-files';
import { validatePlanText } from '$lib/rules/validate';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SEEDS = readdirSync(join(ROOT, 'rules'))
	.filter((f) => f.endsWith('.json'))
	.map((file) => ({ file, text: readFileSync(join(ROOT, 'rules', file), 'utf8') }));

function formOf(text: string): PlanForm {
	const form = readPlanForm(text);
	if (isFormUnavailable(form)) throw new Error(form.error);
	return form;
}

function leavesOf(form: PlanForm): EditableLeaf[] {
	const out: EditableLeaf[] = [];
	for (const rule of form.rules ?? [])
		if (rule.conditions.kind !== 'code')
			for (const leaf of rule.conditions.leaves)
				if (leaf.editable) {
					out.push(leaf);
					if (leaf.inner) out.push(leaf.inner);
				}
	return out;
}

/** Every write the form would make to show each field as it is now. */
function writeBackEverything(text: string, form: PlanForm): Array<TextEdit[] | null> {
	const writes: Array<TextEdit[] | null> = [];
	const field = (f: TextField) => {
		if (f.value !== null) writes.push(writeField(text, f.path, f.value));
	};
	const m = form.meta;
	for (const f of [m.id, m.titleVi, m.titleEn, m.issuer, m.orgUnit, m.start, m.end]) field(f);
	if (typeof m.atRiskRatio === 'number')
		writes.push(writeOptional(text, ['plan'], 'atRiskRatio', m.atRiskRatio));
	for (const rule of form.rules ?? []) {
		for (const f of [rule.name, rule.titleVi, rule.titleEn, rule.source, rule.programme]) field(f);
		if (rule.scope.kind !== 'code') writes.push(writeScope(text, rule.path, rule.scope));
		if (typeof rule.measure === 'number')
			writes.push(writeOptional(text, rule.path, 'measure', rule.measure));
	}
	for (const leaf of leavesOf(form)) {
		writes.push(writeValue(text, leaf.path, leaf.value));
		writes.push(writeOperator(text, leaf, leaf.operator, form.meta.end.value));
		for (const [key, value] of Object.entries(leaf.params))
			writes.push(writeParam(text, leaf.path, key as never, value as string | boolean));
		if (leaf.pick) writes.push(writePick(text, leaf.path, leaf.pick));
	}
	return writes;
}

describe.each(SEEDS)('form ↔ JSON on $file', ({ text }) => {
	const form = formOf(text);

	it('shows every rule and every leaf condition in the form', () => {
		const parsed = JSON.parse(text) as { rules: unknown[] };
		expect(form.rules).toHaveLength(parsed.rules.length);
		for (const rule of form.rules ?? []) {
			expect(rule.conditions.kind, rule.name.value ?? '').not.toBe('code');
			expect(rule.scope.kind).not.toBe('code');
			if (rule.conditions.kind !== 'code')
				for (const leaf of rule.conditions.leaves)
					expect(leaf.editable, `${rule.name.value} ${leaf.path.join('.')}`).toBe(true);
		}
	});

	it('writes back every field without changing a character', () => {
		const writes = writeBackEverything(text, form);
		expect(writes.length).toBeGreaterThan(20);
		for (const edits of writes) expect(edits).toEqual([]);
		expect(formOf(text)).toEqual(form);
	});

	it('would write each value exactly as the file has it (a forced rewrite is the same text)', () => {
		const tree = parseTree(text)!;
		const forced: TextEdit[] = [];
		const force = (path: PathSegment[], value: unknown) => {
			const node = nodeAt(tree.root, path);
			if (node) forced.push({ from: node.start, to: node.end, insert: compactJson(value) });
		};
		for (const leaf of leavesOf(form)) {
			const node = nodeAt(tree.root, leaf.path)!;
			// One-line leaves are written whole by the form when their fact changes: same text as the seed.
			if (!text.slice(node.start, node.end).includes('\n') && leaf.path.at(-2) !== 'condition')
				expect(compactJson(leafJson(leaf))).toBe(text.slice(node.start, node.end));
			force([...leaf.path, 'operator'], leaf.operator);
			for (const [key, value] of Object.entries(leaf.params)) force([...leaf.path, 'params', key], value);
		}
		for (const rule of form.rules ?? [])
			for (const f of [rule.name, rule.titleVi, rule.titleEn, rule.source])
				if (f.value !== null) force(f.path, f.value);
		// Forced writes never overlap: leaves' values are checked separately below.
		const unique = forced.filter((e, i) => forced.findIndex((x) => x.from === e.from) === i);
		expect(applyEdits(text, unique)).toBe(text);
	});

	it('changes one number with one small edit, reads it back, and returns to the same text', () => {
		for (const leaf of leavesOf(form)) {
			if (leaf.value.kind !== 'number') continue;
			const changed = applyEdits(text, writeValue(text, leaf.path, { kind: 'number', n: leaf.value.n + 7 })!);
			const edit = minimalEdit(text, changed)!;
			expect(edit.insert.length).toBeLessThanOrEqual(String(leaf.value.n + 7).length);
			expect(changed.split('\n').length).toBe(text.split('\n').length);
			const after = formOf(changed);
			const same = leavesOf(after).find((l) => JSON.stringify(l.path) === JSON.stringify(leaf.path))!;
			expect(same.value).toEqual({ kind: 'number', n: leaf.value.n + 7 });
			const back = applyEdits(changed, writeValue(changed, leaf.path, leaf.value)!);
			expect(back).toBe(text);
		}
	});
});

describe('form changes', () => {
	const cao = SEEDS.find((s) => s.file === 'cao-bang-2024.json')!.text;
	const poverty = ['rules', 1, 'conditions', 'all', 0] as PathSegment[];

	it('changes 161 to 100 on the line of the poverty target only', () => {
		const out = applyEdits(cao, writeValue(cao, poverty, { kind: 'number', n: 100 })!);
		const before = cao.split('\n');
		const after = out.split('\n');
		const changedLines = before.flatMap((line, i) => (line === after[i] ? [] : [i + 1]));
		expect(changedLines).toEqual([49]);
		expect(after[48]).toContain('"value": 100}');
	});

	it('adds and removes a programme, a scope and optional parameters with their commas', () => {
		let text = applyEdits(cao, writeOptional(cao, ['rules', 1], 'programme', null)!);
		expect(JSON.parse(text).rules[1].programme).toBeUndefined();
		text = applyEdits(text, writeOptional(text, ['rules', 1], 'programme', 'new-rural')!);
		expect(text.split('\n')[45]).toBe('      "programme": "new-rural",');
		text = applyEdits(text, writeScope(text, ['rules', 1], { kind: 'each', level: 'district' })!);
		expect(JSON.parse(text).rules[1].scope).toEqual({ each: 'district' });
		text = applyEdits(text, writeParam(text, poverty, 'programme', 'poverty-reduction')!);
		text = applyEdits(text, writeParam(text, poverty, 'own', true)!);
		expect(JSON.parse(text).rules[1].conditions.all[0].params).toEqual({
			indicator: 'households_out_of_poverty',
			programme: 'poverty-reduction',
			own: true
		});
		text = applyEdits(text, writeParam(text, poverty, 'own', false)!);
		text = applyEdits(text, writeParam(text, poverty, 'programme', '')!);
		text = applyEdits(text, writeScope(text, ['rules', 1], { kind: 'plan' })!);
		text = applyEdits(text, writeOptional(text, ['rules', 1], 'programme', 'poverty-reduction')!);
		expect(text).toBe(cao);
	});

	it('switches an operator between number, range and date values', () => {
		const leaf = (formOf(cao).rules![1]!.conditions as { leaves: EditableLeaf[] }).leaves[0]!;
		const between = applyEdits(cao, writeOperator(cao, leaf, 'between', '2024-12-31')!);
		expect(JSON.parse(between).rules[1].conditions.all[0]).toMatchObject({
			operator: 'between',
			value: [161, 161]
		});
	});

	it('rewrites a leaf for another fact, and switches a value to the assigned quota', () => {
		const leaf = (formOf(cao).rules![1]!.conditions as { leaves: EditableLeaf[] }).leaves[0]!;
		const share = applyEdits(
			cao,
			writeLeaf(cao, leaf.path, leafForFact(leaf, 'unitsMeeting', '2024-12-31'))!
		);
		expect(JSON.parse(share).rules[1].conditions.all[0]).toEqual({
			fact: 'unitsMeeting',
			params: {
				level: 'commune',
				condition: {
					fact: 'total',
					params: { indicator: 'households_out_of_poverty' },
					operator: 'greaterThanInclusive',
					value: 1
				}
			},
			path: '$.share',
			operator: 'greaterThanInclusive',
			value: 1
		});
		const deadline = applyEdits(
			cao,
			writeLeaf(cao, leaf.path, leafForFact(leaf, 'submittedOn', '2024-12-31'))!
		);
		expect(JSON.parse(deadline).rules[1].conditions.all[0]).toEqual({
			fact: 'submittedOn',
			params: { report: '' },
			operator: 'onOrBefore',
			value: '2024-12-31'
		});
		const quota = applyEdits(
			cao,
			writeValue(cao, leaf.path, { kind: 'assigned', indicator: 'households_out_of_poverty' })!
		);
		expect(JSON.parse(quota).rules[1].conditions.all[0].value).toEqual({
			fact: 'assigned',
			params: { indicator: 'households_out_of_poverty' }
		});
	});

	it('adds and removes conditions and rules of every shape, laid out like the seeds', () => {
		let text = applyEdits(
			cao,
			addLeaf(cao, ['rules', 1, 'conditions', 'all'], {
				fact: 'total',
				params: { indicator: 'x' },
				operator: 'greaterThanInclusive',
				value: 1
			})!
		);
		expect(text.split('\n')[49]).toBe(
			'          {"fact": "total", "params": {"indicator": "x"}, "operator": "greaterThanInclusive", "value": 1}'
		);
		text = applyEdits(text, removeLeaf(text, ['rules', 1, 'conditions', 'all'], 1)!);
		expect(text).toBe(cao);
		for (const shape of RULE_SHAPES) {
			const added = applyEdits(cao, addRule(cao, shape)!);
			const parsed = JSON.parse(added) as { rules: Array<{ name: string }> };
			expect(parsed.rules).toHaveLength(32);
			expect(parsed.rules[31]?.name).toBe('cb2024-new');
			const form = formOf(added);
			const rule = form.rules![31]!;
			expect(rule.conditions.kind).toBe('all');
			if (rule.conditions.kind !== 'code') expect(rule.conditions.leaves.every((l) => l.editable)).toBe(true);
			expect(applyEdits(added, removeRule(added, 31)!)).toBe(cao);
		}
		// A new rule is written in the seed layout, its leaf on one line.
		const added = applyEdits(cao, addRule(cao, 'total')!);
		expect(added).toContain(
			'    {\n      "name": "cb2024-new",\n      "title": {"vi": "…", "en": "…"},\n      "source": "",\n      "conditions": {\n        "all": [\n          {"fact": "total"'
		);
	});

	it('keeps whatever the form cannot show, and marks it as code only', () => {
		const text = cao.replace(
			'"conditions": {\n        "all": [\n          {"fact": "total", "params": {"indicator": "households_out_of_poverty"}',
			'"conditions": {\n        "all": [\n          {"fact": "total", "name": "x", "params": {"indicator": "households_out_of_poverty"}'
		);
		const form = formOf(text);
		const leaf = (form.rules![1]!.conditions as { leaves: Array<{ editable: boolean; line: number }> })
			.leaves[0]!;
		expect(leaf).toMatchObject({ editable: false, line: 49 });
		const nested = formOf(
			cao
				.replace(
					'"all": [\n          {"fact": "total", "params": {"indicator": "households_out_of_poverty"}',
					'"all": [\n          {"not": {"fact": "total", "params": {"indicator": "households_out_of_poverty"}'
				)
				.replace('"value": 161}\n        ]', '"value": 161}}\n        ]')
		);
		expect(
			(nested.rules![1]!.conditions as { leaves: Array<{ editable: boolean }> }).leaves[0]!.editable
		).toBe(false);
		expect(readPlanForm('{"plan": ')).toEqual({ error: 'invalid-json' });
	});

	it('shows shares as percentages without floating-point dust', () => {
		for (const [fraction, percent] of [
			[0.8, 80],
			[0.07, 7],
			[0.6, 60],
			[1, 100],
			[0.333, 33.3]
		] as const) {
			expect(toPercent(fraction)).toBe(percent);
			expect(fromPercent(percent)).toBe(fraction);
		}
	});

	it('writes plan keys that are missing where the seed files put them', () => {
		const text = '{\n  "plan": {\n    "id": "x",\n    "orgUnit": "04"\n  },\n  "rules": []\n}\n';
		const out = applyEdits(text, writeField(text, ['plan', 'issuer'], 'Ban Thường vụ')!);
		expect(out).toBe(
			'{\n  "plan": {\n    "id": "x",\n    "issuer": "Ban Thường vụ",\n    "orgUnit": "04"\n  },\n  "rules": []\n}\n'
		);
		const titled = applyEdits(out, writeField(out, ['plan', 'title', 'en'], 'Plan')!);
		expect(JSON.parse(titled).plan.title).toEqual({ en: 'Plan' });
		// The validator still sees a file it can point into.
		expect(validatePlanText('x.json', titled, null).map((p) => p.code)).toContain('missing-key');
	});
});
