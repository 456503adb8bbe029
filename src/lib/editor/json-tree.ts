/**
 * A JSON text as a tree of values with their offsets, so that the editor can change one value of a plan file
 * and leave every other character as the user wrote it. Only valid JSON gets a tree (the editor never "fixes"
 * a broken file). Pure; iterative depth is bounded, so a pasted `[[[[…` cannot overflow the stack.
 */
import type { PathSegment } from '$lib/rules/json-position';

export type { PathSegment };

interface Span {
	/** Offset of the value's first character. */
	start: number;
	/** Offset just after its last character. */
	end: number;
}

export interface JsonEntry {
	key: string;
	keyStart: number;
	keyEnd: number;
	value: JsonNode;
}

export type JsonNode =
	| (Span & { type: 'object'; entries: JsonEntry[] })
	| (Span & { type: 'array'; items: JsonNode[] })
	| (Span & { type: 'string'; value: string })
	| (Span & { type: 'number'; value: number })
	| (Span & { type: 'boolean'; value: boolean })
	| (Span & { type: 'null'; value: null });

export interface JsonTree {
	root: JsonNode;
	/** The parsed value (JSON.parse of the text). */
	value: unknown;
}

/** Deeper nesting gets no tree (plan files are a handful of levels deep). */
const MAX_DEPTH = 128;

class Stop extends Error {}

/** Parses a JSON text into a tree with offsets; null when the text is not JSON (or absurdly deep). */
export function parseTree(text: string): JsonTree | null {
	const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
	let value: unknown;
	try {
		value = JSON.parse(text.slice(bom));
	} catch {
		return null;
	}
	let i = bom;
	const skip = () => {
		while (i < text.length) {
			const c = text.charCodeAt(i);
			if (c === 32 || c === 9 || c === 10 || c === 13) i += 1;
			else break;
		}
	};
	const readString = (): { start: number; end: number; value: string } => {
		const start = i;
		let j = i + 1;
		while (j < text.length && text.charAt(j) !== '"') j += text.charAt(j) === '\\' ? 2 : 1;
		i = j + 1;
		return { start, end: i, value: JSON.parse(text.slice(start, i)) as string };
	};
	const readValue = (depth: number): JsonNode => {
		if (depth > MAX_DEPTH) throw new Stop();
		skip();
		const c = text.charAt(i);
		const start = i;
		if (c === '{') {
			i += 1;
			const entries: JsonEntry[] = [];
			skip();
			if (text.charAt(i) === '}') {
				i += 1;
				return { type: 'object', start, end: i, entries };
			}
			for (;;) {
				skip();
				const key = readString();
				skip();
				i += 1; // ':'
				const child = readValue(depth + 1);
				entries.push({ key: key.value, keyStart: key.start, keyEnd: key.end, value: child });
				skip();
				const next = text.charAt(i);
				i += 1;
				if (next === '}') return { type: 'object', start, end: i, entries };
			}
		}
		if (c === '[') {
			i += 1;
			const items: JsonNode[] = [];
			skip();
			if (text.charAt(i) === ']') {
				i += 1;
				return { type: 'array', start, end: i, items };
			}
			for (;;) {
				items.push(readValue(depth + 1));
				skip();
				const next = text.charAt(i);
				i += 1;
				if (next === ']') return { type: 'array', start, end: i, items };
			}
		}
		if (c === '"') {
			const read = readString();
			return { type: 'string', start, end: read.end, value: read.value };
		}
		for (const [word, literal] of [
			['true', true],
			['false', false],
			['null', null]
		] as const) {
			if (text.startsWith(word, i)) {
				i += word.length;
				return literal === null
					? { type: 'null', start, end: i, value: null }
					: { type: 'boolean', start, end: i, value: literal };
			}
		}
		const match = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
		match.lastIndex = i;
		const found = match.exec(text);
		if (!found) throw new Stop();
		i += found[0].length;
		return { type: 'number', start, end: i, value: Number(found[0]) };
	};
	try {
		return { root: readValue(0), value };
	} catch (error) {
		if (error instanceof Stop || error instanceof RangeError) return null;
		throw error;
	}
}

/** The node at a path, or null when the path does not exist. */
export function nodeAt(root: JsonNode, path: readonly PathSegment[]): JsonNode | null {
	let node: JsonNode = root;
	for (const segment of path) {
		if (node.type === 'object' && typeof segment === 'string') {
			// JSON.parse keeps the last of duplicate keys; so does this.
			const entry: JsonEntry | undefined = node.entries.findLast((e) => e.key === segment);
			if (!entry) return null;
			node = entry.value;
		} else if (node.type === 'array' && typeof segment === 'number') {
			const item = node.items[segment];
			if (!item) return null;
			node = item;
		} else return null;
	}
	return node;
}

/** The entry of `key` in an object node (the last one, as JSON.parse reads duplicates). */
export function entryOf(node: JsonNode, key: string): JsonEntry | null {
	return node.type === 'object' ? (node.entries.findLast((e) => e.key === key) ?? null) : null;
}

/** The value at a path in a parsed value. */
export function valueAt(value: unknown, path: readonly PathSegment[]): unknown {
	let node = value;
	for (const segment of path) {
		if (Array.isArray(node) && typeof segment === 'number') node = node[segment];
		else if (node !== null && typeof node === 'object' && !Array.isArray(node) && typeof segment === 'string')
			node = Object.prototype.hasOwnProperty.call(node, segment)
				? (node as Record<string, unknown>)[segment]
				: undefined;
		else return undefined;
	}
	return node;
}

/** Structural equality of JSON values (key order ignored). */
export function jsonEqual(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
	if (Array.isArray(a) !== Array.isArray(b)) return false;
	if (Array.isArray(a)) {
		const other = b as unknown[];
		return a.length === other.length && a.every((item, i) => jsonEqual(item, other[i]));
	}
	const ka = Object.keys(a as object);
	const kb = Object.keys(b as object);
	return (
		ka.length === kb.length &&
		ka.every(
			(k) =>
				Object.prototype.hasOwnProperty.call(b, k) &&
				jsonEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])
		)
	);
}
