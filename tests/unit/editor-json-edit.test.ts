/** Exact, minimal edits of JSON texts: the tree's offsets, setting, inserting and removing keys and items. */
import { describe, expect, it } from 'vitest';
import {
	applyEdits,
	blockJson,
	compactJson,
	editText,
	indentUnitOf,
	insertItem,
	minimalEdit,
	removeItem,
	removeKey,
	setKey,
	setPath,
	setValue
} from '$lib/editor/json-edit';
import { jsonEqual, nodeAt, parseTree } from '$lib/editor/json-tree';

const FILE = `{
  "plan": {
    "id": "x-2024",
    "period": {"start": "2024-01-01", "end": "2024-12-31"},
    "notes": [
      "a",
      "b"
    ]
  },
  "rules": [
    {
      "name": "r1",
      "source": "2.2",
      "conditions": {"all": [{"fact": "total", "params": {"indicator": "x"}, "operator": "greaterThanInclusive", "value": 161}]},
      "event": {"type": "target-met"}
    }
  ]
}
`;

describe('parseTree', () => {
	it('gives each value its exact span', () => {
		const tree = parseTree(FILE);
		expect(tree).not.toBeNull();
		const node = nodeAt(tree!.root, ['rules', 0, 'conditions', 'all', 0, 'value']);
		expect(node && FILE.slice(node.start, node.end)).toBe('161');
		const period = nodeAt(tree!.root, ['plan', 'period']);
		expect(period && FILE.slice(period.start, period.end)).toBe(
			'{"start": "2024-01-01", "end": "2024-12-31"}'
		);
	});
	it('refuses what is not JSON, and absurd nesting, without throwing', () => {
		expect(parseTree('{"a": 1,}')).toBeNull();
		expect(parseTree('')).toBeNull();
		expect(parseTree('['.repeat(5000) + ']'.repeat(5000))).toBeNull();
	});
	it('tolerates a byte-order mark and escapes in keys and strings', () => {
		const text = '\uFEFF{"k\\u0065y": "a\\"b", "n": -1.5e2}';
		const tree = parseTree(text)!;
		const node = nodeAt(tree.root, ['key']);
		expect(node && text.slice(node.start, node.end)).toBe('"a\\"b"');
		expect(nodeAt(tree.root, ['n'])?.type).toBe('number');
	});
	it('reads duplicate keys as JSON.parse does (the last one)', () => {
		const text = '{"a": 1, "a": 2}';
		const node = nodeAt(parseTree(text)!.root, ['a']);
		expect(node && text.slice(node.start, node.end)).toBe('2');
	});
});

describe('edits', () => {
	it('changes only the value that changes', () => {
		const out = editText(FILE, (tree) => setValue(tree, ['rules', 0, 'conditions', 'all', 0, 'value'], 100));
		expect(out).toBe(FILE.replace('"value": 161', '"value": 100'));
	});
	it('leaves the text alone when the value is already there', () => {
		const tree = parseTree(FILE)!;
		expect(setValue(tree, ['plan', 'id'], 'x-2024')).toEqual([]);
	});
	it('inserts a key on its own line, where the key order says', () => {
		const out = editText(FILE, (tree) =>
			setKey(FILE, tree, ['rules', 0], 'programme', 'poverty-reduction', [
				'name',
				'source',
				'programme',
				'conditions'
			])
		);
		expect(out).toContain('"source": "2.2",\n      "programme": "poverty-reduction",\n      "conditions"');
		expect(JSON.parse(out!).rules[0].programme).toBe('poverty-reduction');
	});
	it('inserts into an object written on one line, and into an empty one', () => {
		const out = editText(FILE, (tree) => setKey(FILE, tree, ['plan', 'period'], 'x', 1));
		expect(out).toContain('{"start": "2024-01-01", "end": "2024-12-31", "x": 1}');
		expect(editText('{"a": {}}', (tree) => setKey('{"a": {}}', tree, ['a'], 'b', [1, 2]))).toBe(
			'{"a": {"b": [1, 2]}}'
		);
	});
	it('inserts before the first key when the order puts it first', () => {
		const text = '{\n  "b": 1\n}';
		expect(editText(text, (tree) => setKey(text, tree, [], 'a', 0, ['a', 'b']))).toBe(
			'{\n  "a": 0,\n  "b": 1\n}'
		);
	});
	it('creates the missing objects on a path', () => {
		const out = editText(FILE, (tree) => setPath(FILE, tree, ['plan', 'title', 'en'], 'Plan'));
		expect(JSON.parse(out!).plan.title).toEqual({ en: 'Plan' });
		expect(editText(FILE, (tree) => setPath(FILE, tree, ['plan', 'id', 'x'], 1))).toBeNull();
	});
	it('removes a key with its comma, first, middle or last', () => {
		const text = '{"a": 1, "b": 2, "c": 3}';
		for (const [key, expected] of [
			['a', '{"b": 2, "c": 3}'],
			['b', '{"a": 1, "c": 3}'],
			['c', '{"a": 1, "b": 2}']
		])
			expect(editText(text, (tree) => removeKey(tree, [], key as string))).toBe(expected);
		expect(editText('{"a": 1}', (tree) => removeKey(tree, [], 'a'))).toBe('{}');
		const out = editText(FILE, (tree) => removeKey(tree, ['rules', 0], 'source'));
		expect(out).toBe(FILE.replace('      "source": "2.2",\n', ''));
	});
	it('appends and removes list items, keeping the list layout', () => {
		const out = editText(FILE, (tree) => insertItem(FILE, tree, ['plan', 'notes'], () => '"c"'));
		expect(out).toContain('"a",\n      "b",\n      "c"\n    ]');
		const first = editText(FILE, (tree) => insertItem(FILE, tree, ['plan', 'notes'], () => '"z"', 0));
		expect(first).toContain('"notes": [\n      "z",\n      "a",');
		expect(editText('[]', (tree) => insertItem('[]', tree, [], () => '1'))).toBe('[\n  1\n]');
		expect(editText('[1, 2, 3]', (tree) => removeItem(tree, [], 1))).toBe('[1, 3]');
		expect(editText('[1, 2, 3]', (tree) => removeItem(tree, [], 2))).toBe('[1, 2]');
	});
	it('writes compact and block JSON like the seed files', () => {
		expect(compactJson({ vi: 'a', en: 'b', n: [1, 2] })).toBe('{"vi": "a", "en": "b", "n": [1, 2]}');
		expect(blockJson({ a: { b: 1 }, c: [1] }, '  ', '  ', (p) => p.length === 0)).toBe(
			'{\n    "a": {"b": 1},\n    "c": [1]\n  }'
		);
		expect(indentUnitOf(FILE)).toBe('  ');
		expect(indentUnitOf('{\n\t"a": 1\n}')).toBe('\t');
	});
	it('finds the one minimal edit between two texts', () => {
		expect(minimalEdit('abc161def', 'abc100def')).toEqual({ from: 4, to: 6, insert: '00' });
		expect(minimalEdit('same', 'same')).toBeNull();
		const edit = minimalEdit('aaa', 'aaaa')!;
		expect(applyEdits('aaa', [edit])).toBe('aaaa');
	});
	it('compares JSON values structurally', () => {
		expect(jsonEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBe(true);
		expect(jsonEqual({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(true);
		expect(jsonEqual([1], { 0: 1 })).toBe(false);
		expect(jsonEqual(null, {})).toBe(false);
	});
});
