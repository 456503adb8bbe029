/**
 * Small, exact changes to a JSON text: set one value, add or remove one key or list item, leaving every other
 * character (indentation, key order, line breaks, escapes) as the user wrote it. Each function returns the
 * edits to make, so that the code editor applies them as one undoable step; null when the path cannot be
 * reached (the form then says "edit in code"). Pure.
 */
import {
	entryOf,
	jsonEqual,
	nodeAt,
	parseTree,
	type JsonNode,
	type JsonTree,
	type PathSegment
} from './json-tree';

export interface TextEdit {
	from: number;
	to: number;
	insert: string;
}

/** Applies non-overlapping edits (any order) to a text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
	let out = text;
	for (const edit of [...edits].sort((a, b) => b.from - a.from))
		out = out.slice(0, edit.from) + edit.insert + out.slice(edit.to);
	return out;
}

/** The one edit that turns `before` into `after` (common prefix and suffix kept): for replacing a whole text. */
export function minimalEdit(before: string, after: string): TextEdit | null {
	if (before === after) return null;
	let start = 0;
	const max = Math.min(before.length, after.length);
	while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start += 1;
	let end = 0;
	while (
		end < max - start &&
		before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)
	)
		end += 1;
	return { from: start, to: before.length - end, insert: after.slice(start, after.length - end) };
}

/** One line JSON as the seed files write small objects: `{"vi": "…", "en": "…"}`, `[3, 5]`. */
export function compactJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(compactJson).join(', ')}]`;
	if (value !== null && typeof value === 'object')
		return `{${Object.entries(value as Record<string, unknown>)
			.filter(([, v]) => v !== undefined)
			.map(([k, v]) => `${JSON.stringify(k)}: ${compactJson(v)}`)
			.join(', ')}}`;
	return JSON.stringify(value) ?? 'null';
}

/**
 * JSON over several lines, with `expand(path)` saying which objects and lists are opened up (the rest stays on
 * one line): how a new rule is written so that it reads like the rules around it.
 */
export function blockJson(
	value: unknown,
	indent: string,
	unit: string,
	expand: (path: readonly PathSegment[]) => boolean,
	path: PathSegment[] = []
): string {
	if (value === null || typeof value !== 'object' || !expand(path)) return compactJson(value);
	const inner = indent + unit;
	if (Array.isArray(value)) {
		if (value.length === 0) return '[]';
		const items = value.map((v, i) => inner + blockJson(v, inner, unit, expand, [...path, i]));
		return `[\n${items.join(',\n')}\n${indent}]`;
	}
	const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
	if (entries.length === 0) return '{}';
	const lines = entries.map(
		([k, v]) => `${inner}${JSON.stringify(k)}: ${blockJson(v, inner, unit, expand, [...path, k])}`
	);
	return `{\n${lines.join(',\n')}\n${indent}}`;
}

/** The whitespace at the start of the line holding `offset`. */
export function lineIndent(text: string, offset: number): string {
	const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
	return /^[ \t]*/.exec(text.slice(lineStart, offset))?.[0] ?? '';
}

/** Whether only whitespace stands before `offset` on its line. */
function startsLine(text: string, offset: number): boolean {
	const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
	return /^[ \t]*$/.test(text.slice(lineStart, offset));
}

/** The file's indentation step (two spaces unless the file says otherwise). */
export function indentUnitOf(text: string): string {
	const match = /\n([ \t]+)\S/.exec(text);
	if (!match) return '  ';
	const first = match[1] as string;
	return first.startsWith('\t') ? '\t' : first.length >= 2 && first.length <= 8 ? first : '  ';
}

/** Sets the value at an existing path (no edit when it already holds that value); null when it is absent. */
export function setValue(tree: JsonTree, path: readonly PathSegment[], value: unknown): TextEdit[] | null {
	const node = nodeAt(tree.root, path);
	if (!node) return null;
	if (jsonEqual(nodeValue(tree, path), value)) return [];
	return [{ from: node.start, to: node.end, insert: compactJson(value) }];
}

function nodeValue(tree: JsonTree, path: readonly PathSegment[]): unknown {
	let node: unknown = tree.value;
	for (const segment of path) {
		if (node === null || typeof node !== 'object') return undefined;
		node = (node as Record<string | number, unknown>)[segment];
	}
	return node;
}

/**
 * Where a new key goes in an object: after the last present key that `order` puts before it, else before the
 * first key that `order` puts after it, else at the end.
 */
function insertionPoint(
	node: Extract<JsonNode, { type: 'object' }>,
	key: string,
	order: readonly string[]
): { after: number } | { before: number } {
	const rank = order.indexOf(key);
	if (rank >= 0) {
		let after = -1;
		node.entries.forEach((entry, i) => {
			const r = order.indexOf(entry.key);
			if (r >= 0 && r < rank) after = i;
		});
		if (after >= 0) return { after };
		const before = node.entries.findIndex((entry) => order.indexOf(entry.key) > rank);
		if (before >= 0) return { before };
	}
	return { after: node.entries.length - 1 };
}

/**
 * Sets `key` of the object at `objectPath`: replaces its value when present, else inserts the entry where
 * `order` says, on its own line when the object is written over several lines.
 */
export function setKey(
	text: string,
	tree: JsonTree,
	objectPath: readonly PathSegment[],
	key: string,
	value: unknown,
	order: readonly string[] = [],
	format: (indent: string) => string = () => compactJson(value)
): TextEdit[] | null {
	const node = nodeAt(tree.root, objectPath);
	if (!node || node.type !== 'object') return null;
	if (entryOf(node, key)) return setValue(tree, [...objectPath, key], value);
	const first = node.entries[0];
	if (!first)
		return [{ from: node.start + 1, to: node.end - 1, insert: `${JSON.stringify(key)}: ${format('')}` }];
	const multiline = startsLine(text, first.keyStart);
	const indent = multiline ? lineIndent(text, first.keyStart) : '';
	const entryText = `${JSON.stringify(key)}: ${format(indent)}`;
	const point = insertionPoint(node, key, order);
	if ('before' in point) {
		const target = node.entries[point.before] as (typeof node.entries)[number];
		const separator =
			multiline && startsLine(text, target.keyStart) ? `,\n${lineIndent(text, target.keyStart)}` : ', ';
		return [{ from: target.keyStart, to: target.keyStart, insert: entryText + separator }];
	}
	const previous = node.entries[point.after] as (typeof node.entries)[number];
	const separator =
		multiline && startsLine(text, previous.keyStart) ? `,\n${lineIndent(text, previous.keyStart)}` : ', ';
	return [{ from: previous.value.end, to: previous.value.end, insert: separator + entryText }];
}

/**
 * Sets the value at a path, creating the missing objects on the way (`plan.title.en` in a plan without a
 * title); null when something on the way is not an object.
 */
export function setPath(
	text: string,
	tree: JsonTree,
	path: readonly PathSegment[],
	value: unknown,
	orderOf: (objectPath: readonly PathSegment[]) => readonly string[] = () => []
): TextEdit[] | null {
	if (nodeAt(tree.root, path)) return setValue(tree, path, value);
	for (let n = path.length - 1; n >= 0; n -= 1) {
		const parent = nodeAt(tree.root, path.slice(0, n));
		if (!parent) continue;
		const key = path[n];
		if (parent.type !== 'object' || typeof key !== 'string') return null;
		let built: unknown = value;
		for (let m = path.length - 1; m > n; m -= 1) {
			const segment = path[m];
			if (typeof segment !== 'string') return null;
			built = { [segment]: built };
		}
		return setKey(text, tree, path.slice(0, n), key, built, orderOf(path.slice(0, n)));
	}
	return null;
}

/** Removes `key` from the object at `objectPath`, with its comma; [] when it is not there. */
export function removeKey(
	tree: JsonTree,
	objectPath: readonly PathSegment[],
	key: string
): TextEdit[] | null {
	const node = nodeAt(tree.root, objectPath);
	if (!node || node.type !== 'object') return null;
	const index = node.entries.findLastIndex((e) => e.key === key);
	if (index < 0) return [];
	return removeSpan(
		node,
		node.entries.map((e) => ({ start: e.keyStart, end: e.value.end })),
		index
	);
}

/** Removes item `index` of the list at `arrayPath`, with its comma. */
export function removeItem(
	tree: JsonTree,
	arrayPath: readonly PathSegment[],
	index: number
): TextEdit[] | null {
	const node = nodeAt(tree.root, arrayPath);
	if (!node || node.type !== 'array' || !node.items[index]) return null;
	return removeSpan(
		node,
		node.items.map((item) => ({ start: item.start, end: item.end })),
		index
	);
}

function removeSpan(container: JsonNode, spans: { start: number; end: number }[], index: number): TextEdit[] {
	const span = spans[index] as { start: number; end: number };
	if (spans.length === 1) return [{ from: container.start + 1, to: container.end - 1, insert: '' }];
	const next = spans[index + 1];
	if (next) return [{ from: span.start, to: next.start, insert: '' }];
	const previous = spans[index - 1] as { start: number; end: number };
	return [{ from: previous.end, to: span.end, insert: '' }];
}

/**
 * Appends an item to the list at `arrayPath` (or inserts it before item `index`), on its own line when the
 * list is written over several lines. `format` writes the item at an indentation.
 */
export function insertItem(
	text: string,
	tree: JsonTree,
	arrayPath: readonly PathSegment[],
	format: (indent: string) => string,
	index?: number
): TextEdit[] | null {
	const node = nodeAt(tree.root, arrayPath);
	if (!node || node.type !== 'array') return null;
	const first = node.items[0];
	if (!first) {
		const outer = lineIndent(text, node.start);
		const inner = outer + indentUnitOf(text);
		return [{ from: node.start + 1, to: node.end - 1, insert: `\n${inner}${format(inner)}\n${outer}` }];
	}
	const multiline = startsLine(text, first.start);
	const indent = multiline ? lineIndent(text, first.start) : '';
	const separator = multiline ? `,\n${indent}` : ', ';
	const before = index === undefined ? undefined : node.items[index];
	if (before) return [{ from: before.start, to: before.start, insert: format(indent) + separator }];
	const last = node.items[node.items.length - 1] as JsonNode;
	return [{ from: last.end, to: last.end, insert: separator + format(indent) }];
}

/** Parses and edits in one go, for tests and callers without a tree at hand. */
export function editText(text: string, change: (tree: JsonTree) => TextEdit[] | null): string | null {
	const tree = parseTree(text);
	if (!tree) return null;
	const edits = change(tree);
	return edits ? applyEdits(text, edits) : null;
}
