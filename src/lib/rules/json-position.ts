/**
 * Where things are in a JSON text: a small, tolerant scanner that records the offset of every value and key
 * by its JSON path, notices duplicate keys, and finds the first syntax error with a plain reason. It never
 * throws and never recurses (a pasted `[[[[…` thousands deep must not overflow the stack of the in-app
 * editor). Pure, no dependencies: it runs in the browser and in Node.
 *
 * Lines and columns are 1-based; columns count UTF-16 code units, as browser editors and JSON.parse do. A
 * line ends at `\n`, `\r\n` or a lone `\r`.
 */

/** One step of a JSON path: an object key or an array index. */
export type PathSegment = string | number;

export interface TextPosition {
	offset: number;
	line: number;
	column: number;
}

/** Why a text is not JSON, in terms a person can act on. */
export type JsonSyntaxReason =
	| 'empty'
	| 'trailing-comma'
	| 'unexpected-end'
	| 'unexpected-character'
	| 'expected-key'
	| 'expected-colon'
	| 'expected-comma-or-close'
	| 'expected-value'
	| 'bad-string'
	| 'bad-escape'
	| 'control-character'
	| 'bad-number'
	| 'bad-literal'
	| 'extra-content';

export interface JsonSyntaxError {
	reason: JsonSyntaxReason;
	/** Where the scanner stopped (the character it could not accept; the text's length at its end). */
	offset: number;
	/** The character found there ('' at the end). */
	found: string;
	/** The container still open there ('{' or '['), and where it opened; null at the top level. */
	open: { bracket: '{' | '['; offset: number } | null;
	/** For a trailing comma, the comma's offset. */
	commaOffset?: number;
}

export interface DuplicateKey {
	/** Path of the key (its object's path plus the key). */
	path: PathSegment[];
	/** Offset of the later occurrence, whose value JSON.parse keeps. */
	offset: number;
	/** Offset of the first occurrence. */
	firstOffset: number;
}

export interface JsonScan {
	error: JsonSyntaxError | null;
	duplicates: DuplicateKey[];
	/** Offset where the value at `path` starts; null when the scan did not reach it. */
	valueOffset(path: readonly PathSegment[]): number | null;
	/** Offset of the opening quote of the key at `path` (the last segment must be a key). */
	keyOffset(path: readonly PathSegment[]): number | null;
}

/** A stable map key for a path: JSON keeps `0` (index) and `"0"` (key) apart. */
const pathKey = (path: readonly PathSegment[]) => JSON.stringify(path);

const isWhitespace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r';

interface Frame {
	kind: '{' | '[';
	offset: number;
	path: PathSegment[];
	/** Index of the next array element. */
	index: number;
	/** Keys seen in this object, with their offsets. */
	keys: Map<string, number>;
	/** The key whose value comes next. */
	key: string | null;
	/** Offset of the last comma, while a member or element is expected after it. */
	comma: number | null;
}

type Expect = 'value' | 'key' | 'colon' | 'comma-or-close' | 'end';

/** Scans `text` as JSON (RFC 8259, as JSON.parse reads it). */
export function scanJson(text: string): JsonScan {
	const values = new Map<string, number>();
	const keys = new Map<string, number>();
	const duplicates: DuplicateKey[] = [];
	const stack: Frame[] = [];
	let expect: Expect = 'value';
	let error: JsonSyntaxError | null = null;
	let i = 0;

	const fail = (reason: JsonSyntaxReason, offset: number, extra: Partial<JsonSyntaxError> = {}) => {
		const top = stack[stack.length - 1];
		error = {
			reason,
			offset,
			found: text.charAt(offset),
			open: top ? { bracket: top.kind, offset: top.offset } : null,
			...extra
		};
	};

	/** The path of the value about to start. */
	const nextPath = (): PathSegment[] => {
		const top = stack[stack.length - 1];
		if (!top) return [];
		return top.kind === '[' ? [...top.path, top.index] : [...top.path, top.key ?? ''];
	};

	/** After a complete value: what comes next (the container's comma or close, or the end). */
	const valueDone = (): Expect => {
		const top = stack[stack.length - 1];
		if (!top) return 'end';
		if (top.kind === '[') top.index += 1;
		top.comma = null;
		return 'comma-or-close';
	};

	/** Reads a string from its opening quote at `start`; null (and `error` set) when it is broken. */
	const readString = (start: number): { end: number; value: string } | null => {
		let j = start + 1;
		let value = '';
		while (j < text.length) {
			const c = text.charAt(j);
			if (c === '"') return { end: j + 1, value };
			if (c === '\\') {
				const e = text.charAt(j + 1);
				if (e === '') break;
				if (e === 'u') {
					const hex = text.slice(j + 2, j + 6);
					if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
						fail('bad-escape', j);
						return null;
					}
					value += String.fromCharCode(parseInt(hex, 16));
					j += 6;
					continue;
				}
				const simple: Record<string, string> = {
					'"': '"',
					'\\': '\\',
					'/': '/',
					b: '\b',
					f: '\f',
					n: '\n',
					r: '\r',
					t: '\t'
				};
				const decoded = simple[e];
				if (decoded === undefined) {
					fail('bad-escape', j);
					return null;
				}
				value += decoded;
				j += 2;
				continue;
			}
			if (c < ' ') {
				fail('control-character', j);
				return null;
			}
			value += c;
			j += 1;
		}
		fail('unexpected-end', text.length);
		return null;
	};

	const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

	while (error === null) {
		while (i < text.length && isWhitespace(text.charAt(i))) i += 1;
		const c = text.charAt(i);
		const top = stack[stack.length - 1];
		if (i >= text.length) {
			if (expect === 'end') break;
			fail(stack.length === 0 && expect === 'value' ? 'empty' : 'unexpected-end', text.length);
			break;
		}
		if (expect === 'end') {
			fail('extra-content', i);
			break;
		}
		if (expect === 'comma-or-close') {
			if (c === ',') {
				(top as Frame).comma = i;
				expect = top?.kind === '{' ? 'key' : 'value';
				i += 1;
			} else if ((c === '}' && top?.kind === '{') || (c === ']' && top?.kind === '[')) {
				stack.pop();
				i += 1;
				expect = valueDone();
			} else {
				fail('expected-comma-or-close', i);
			}
			continue;
		}
		if (expect === 'colon') {
			if (c === ':') {
				expect = 'value';
				i += 1;
			} else fail('expected-colon', i);
			continue;
		}
		if (expect === 'key') {
			if (c === '"') {
				const read = readString(i);
				if (!read) break;
				const frame = top as Frame;
				const path = [...frame.path, read.value];
				const first = frame.keys.get(read.value);
				if (first !== undefined) duplicates.push({ path, offset: i, firstOffset: first });
				else frame.keys.set(read.value, i);
				keys.set(pathKey(path), i);
				frame.key = read.value;
				frame.comma = null;
				expect = 'colon';
				i = read.end;
			} else if (c === '}' && top && top.comma !== null) {
				fail('trailing-comma', i, { commaOffset: top.comma });
			} else if (c === '}' && top && top.keys.size === 0) {
				stack.pop();
				i += 1;
				expect = valueDone();
			} else fail('expected-key', i);
			continue;
		}
		// expect === 'value'
		if (c === ']' && top?.kind === '[') {
			if (top.comma !== null) fail('trailing-comma', i, { commaOffset: top.comma });
			else if (top.index === 0) {
				stack.pop();
				i += 1;
				expect = valueDone();
			} else fail('expected-value', i);
			continue;
		}
		const path = nextPath();
		const startValue = () => values.set(pathKey(path), i);
		if (c === '{' || c === '[') {
			startValue();
			stack.push({ kind: c, offset: i, path, index: 0, keys: new Map(), key: null, comma: null });
			expect = c === '{' ? 'key' : 'value';
			i += 1;
			continue;
		}
		if (c === '"') {
			startValue();
			const read = readString(i);
			if (!read) break;
			i = read.end;
			expect = valueDone();
			continue;
		}
		if (c === '-' || (c >= '0' && c <= '9')) {
			startValue();
			NUMBER.lastIndex = i;
			const match = NUMBER.exec(text);
			const end = match ? i + match[0].length : i;
			// A number must not run on into more digits or letters ("01", "1.", "1e").
			if (!match || /[0-9A-Za-z.+-]/.test(text.charAt(end))) {
				fail('bad-number', end);
				break;
			}
			i = end;
			expect = valueDone();
			continue;
		}
		const literal = ['true', 'false', 'null'].find((word) => text.startsWith(word, i));
		if (literal && !/[A-Za-z0-9_]/.test(text.charAt(i + literal.length))) {
			startValue();
			i += literal.length;
			expect = valueDone();
			continue;
		}
		if (/[A-Za-z]/.test(c)) fail('bad-literal', i);
		else
			fail(c === '}' || c === ']' || c === ',' || c === ':' ? 'expected-value' : 'unexpected-character', i);
	}

	return {
		error,
		duplicates,
		valueOffset: (path) => values.get(pathKey(path)) ?? null,
		keyOffset: (path) => keys.get(pathKey(path)) ?? null
	};
}

/** Line starts of a text, for turning offsets into lines and columns by binary search. */
export function lineStarts(text: string): number[] {
	const starts = [0];
	for (let i = 0; i < text.length; i += 1) {
		const c = text.charCodeAt(i);
		if (c === 10) starts.push(i + 1);
		else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
	}
	return starts;
}

/** The 1-based line and column of an offset (clamped into the text). */
export function positionAt(starts: readonly number[], offset: number): TextPosition {
	let low = 0;
	let high = starts.length - 1;
	while (low < high) {
		const mid = (low + high + 1) >> 1;
		if ((starts[mid] as number) <= offset) low = mid;
		else high = mid - 1;
	}
	return { offset, line: low + 1, column: offset - (starts[low] as number) + 1 };
}

/** The offset of a 1-based line and column (as some JSON.parse messages give them). */
export function offsetAt(starts: readonly number[], line: number, column: number): number {
	const start = starts[Math.min(Math.max(line, 1), starts.length) - 1] ?? 0;
	return start + Math.max(column, 1) - 1;
}

/**
 * Offset of the error in a JSON.parse message, portable across engines: V8's "(line L column C)" and
 * "at position N", Firefox's "at line L column C". Null when the message carries none (V8's "Unexpected end
 * of JSON input", "Unexpected token 'x', … is not valid JSON", Safari).
 */
export function parseErrorOffset(message: string, starts: readonly number[]): number | null {
	const lineColumn = /line (\d+) column (\d+)/.exec(message);
	if (lineColumn) return offsetAt(starts, Number(lineColumn[1]), Number(lineColumn[2]));
	const position = /at position (\d+)/.exec(message);
	return position ? Number(position[1]) : null;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A path as people read it: `$.rules[3].conditions.all[0].params.indicator`, `$['odd key']`. */
export function formatJsonPath(path: readonly PathSegment[]): string {
	let out = '$';
	for (const segment of path) {
		if (typeof segment === 'number') out += `[${segment}]`;
		else if (IDENTIFIER.test(segment)) out += `.${segment}`;
		else out += `['${segment.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`;
	}
	return out;
}

/**
 * The offset to show for `path`: the value (or, with `key`, the key) when the scan reached it, else the
 * nearest ancestor that it did reach, else the start of the text.
 */
export function locate(scan: JsonScan, path: readonly PathSegment[], target: 'value' | 'key'): number {
	if (target === 'key' && path.length > 0) {
		const key = scan.keyOffset(path);
		if (key !== null) return key;
	}
	for (let n = path.length; n >= 0; n -= 1) {
		const offset = scan.valueOffset(path.slice(0, n));
		if (offset !== null) return offset;
	}
	return 0;
}
