/**
 * What the cursor of the code editor is on, in plan-file terms: the value of which key (`"indicator"`,
 * `"operator"`, an item of `"units"`…), and what has been typed so far. Read from CodeMirror's JSON syntax
 * tree, which tolerates a half-typed file, with a look at the line for a value not yet in quotes. Pure.
 */
import { ensureSyntaxTree, syntaxTree } from '@codemirror/language';
import type { EditorState } from '@codemirror/state';

/** A node of the syntax tree (the type of @lezer/common, reached without depending on it directly). */
type SyntaxNode = ReturnType<ReturnType<typeof syntaxTree>['resolveInner']>;

export interface ValueContext {
	/** The key whose value (or list item) is at the cursor. */
	key: string;
	/** True for an item of a list (`"units": ["…"]`, `"programmes": […]`). */
	inList: boolean;
	/** The keys of the enclosing properties, innermost first (`["params", "all", "conditions", …]`). */
	parents: string[];
	/** The range a completion replaces: inside the quotes, or the bare word typed so far. */
	from: number;
	to: number;
	/** Inside quotes (a completion inserts the bare code) or not (it inserts the code in quotes). */
	quoted: boolean;
	/** What is typed between `from` and the cursor. */
	typed: string;
}

/** The key of a Property node, unquoted. */
function propertyKey(state: EditorState, property: SyntaxNode): string | null {
	const name = property.getChild('PropertyName');
	if (!name) return null;
	const raw = state.sliceDoc(name.from, name.to);
	try {
		return JSON.parse(raw) as string;
	} catch {
		return raw.replace(/^"|"$/g, '');
	}
}

/** Property names of the properties enclosing a node, innermost first. */
function enclosingKeys(state: EditorState, node: SyntaxNode | null): string[] {
	const keys: string[] = [];
	for (let n = node; n; n = n.parent) {
		if (n.name !== 'Property') continue;
		const key = propertyKey(state, n);
		if (key !== null) keys.push(key);
	}
	return keys;
}

/** The value context at `pos`, or null when the cursor is not on a value (on a key, between entries…). */
/** The syntax tree parsed at least up to `pos` (the editor parses long files in the background). */
function treeUpTo(state: EditorState, pos: number) {
	return ensureSyntaxTree(state, Math.min(state.doc.length, pos + 1), 200) ?? syntaxTree(state);
}

export function valueContextAt(state: EditorState, pos: number): ValueContext | null {
	const tree = treeUpTo(state, pos);
	const node = tree.resolveInner(pos, -1);
	if (node.name === 'String' && pos > node.from) {
		const text = state.sliceDoc(node.from, node.to);
		const closed = text.length >= 2 && text.endsWith('"') && !text.endsWith('\\"');
		if (closed && pos >= node.to) return null;
		const parent = node.parent;
		let key: string | null = null;
		let inList = false;
		let owner: SyntaxNode | null = null;
		if (parent?.name === 'Property') {
			owner = parent;
			key = propertyKey(state, parent);
		} else if (parent?.name === 'Array' && parent.parent?.name === 'Property') {
			owner = parent.parent;
			key = propertyKey(state, parent.parent);
			inList = true;
		}
		if (key === null || !owner) return null;
		const from = node.from + 1;
		const to = closed ? node.to - 1 : Math.max(pos, node.to);
		return {
			key,
			inList,
			parents: enclosingKeys(state, owner.parent),
			from,
			to,
			quoted: true,
			typed: state.sliceDoc(from, pos)
		};
	}
	const line = state.doc.lineAt(pos);
	const before = state.sliceDoc(line.from, pos);
	// A string still open (no closing quote yet): `"indicator": "ho th|`.
	const open = /"((?:[^"\\]|\\.)*)"\s*:\s*"((?:[^"\\]|\\.)*)$/.exec(before);
	if (open && node.name !== 'String') {
		const typed = open[2] as string;
		let property: SyntaxNode | null = tree.resolveInner(pos - typed.length - 1, -1);
		while (property && property.name !== 'Property') property = property.parent;
		return {
			key: open[1] as string,
			inList: false,
			parents: enclosingKeys(state, property?.parent ?? null),
			from: pos - typed.length,
			to: pos,
			quoted: true,
			typed
		};
	}
	// A value not (yet) in quotes: `"fact": tot|`, `"operator": |`.
	const bare = /"((?:[^"\\]|\\.)*)"\s*:\s*([A-Za-z0-9_$.-]*)$/.exec(before);
	if (bare) {
		const typed = bare[2] as string;
		const owner = tree.resolveInner(pos - typed.length, -1);
		let property: SyntaxNode | null = owner;
		while (property && property.name !== 'Property') property = property.parent;
		return {
			key: bare[1] as string,
			inList: false,
			parents: enclosingKeys(state, property?.parent ?? null),
			from: pos - typed.length,
			to: pos,
			quoted: false,
			typed
		};
	}
	return null;
}

/** The string (value or key) under `pos`, with the key it is the value of: what a hover explains. */
export interface HoverTarget {
	from: number;
	to: number;
	/** The string's content. */
	text: string;
	/** The key whose value it is; null when the string is itself a key. */
	key: string | null;
	inList: boolean;
	parents: string[];
}

export function hoverTargetAt(state: EditorState, pos: number, side: -1 | 1 = 1): HoverTarget | null {
	const tree = treeUpTo(state, pos);
	const node = tree.resolveInner(pos, side);
	if (node.name !== 'String' && node.name !== 'PropertyName') return null;
	const raw = state.sliceDoc(node.from, node.to);
	let text: string;
	try {
		text = JSON.parse(raw) as string;
	} catch {
		return null;
	}
	if (node.name === 'PropertyName')
		return {
			from: node.from,
			to: node.to,
			text,
			key: null,
			inList: false,
			parents: enclosingKeys(state, node)
		};
	const parent = node.parent;
	if (parent?.name === 'Property')
		return {
			from: node.from,
			to: node.to,
			text,
			key: propertyKey(state, parent),
			inList: false,
			parents: enclosingKeys(state, parent.parent)
		};
	if (parent?.name === 'Array' && parent.parent?.name === 'Property')
		return {
			from: node.from,
			to: node.to,
			text,
			key: propertyKey(state, parent.parent),
			inList: true,
			parents: enclosingKeys(state, parent.parent.parent)
		};
	return null;
}

/** The plan's start date and unit as written in the text (read loosely: the text may be half-typed). */
export function planHints(text: string): { start: string | null; orgUnit: string | null } {
	const start = /"start"\s*:\s*"(\d{4}-\d{2}-\d{2})"/.exec(text)?.[1] ?? null;
	const orgUnit = /"orgUnit"\s*:\s*"([^"\\]*)"/.exec(text)?.[1] ?? null;
	return { start, orgUnit };
}
