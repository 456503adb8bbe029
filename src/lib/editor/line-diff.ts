/**
 * A line diff of two texts (the saved plan file and the draft), grouped into hunks with a few lines of
 * context, as `git diff` shows them; a changed line paired with its replacement also gets the changed part
 * marked. Pure. Longest common subsequence on the lines between the common head and tail: plan files are a
 * few hundred lines, and an edit touches a few of them.
 */

export type DiffLine =
	| { kind: 'same'; text: string; oldLine: number; newLine: number }
	| { kind: 'removed'; text: string; oldLine: number; mark?: [number, number] }
	| { kind: 'added'; text: string; newLine: number; mark?: [number, number] };

export interface Hunk {
	oldStart: number;
	newStart: number;
	lines: DiffLine[];
}

const splitLines = (text: string) => text.split(/\r\n|\r|\n/);

/** Above this many cells the middle part is shown as all removed then all added rather than aligned. */
const MAX_CELLS = 4_000_000;

/** Every line of both texts, in order, as same / removed / added. */
export function diffLines(oldText: string, newText: string): DiffLine[] {
	const a = splitLines(oldText);
	const b = splitLines(newText);
	let head = 0;
	while (head < a.length && head < b.length && a[head] === b[head]) head += 1;
	let tail = 0;
	while (
		tail < a.length - head &&
		tail < b.length - head &&
		a[a.length - 1 - tail] === b[b.length - 1 - tail]
	)
		tail += 1;
	const out: DiffLine[] = [];
	for (let i = 0; i < head; i += 1)
		out.push({ kind: 'same', text: a[i] as string, oldLine: i + 1, newLine: i + 1 });
	const midA = a.slice(head, a.length - tail);
	const midB = b.slice(head, b.length - tail);
	out.push(...middle(midA, midB, head, head));
	for (let k = tail; k > 0; k -= 1) {
		const i = a.length - k;
		const j = b.length - k;
		out.push({ kind: 'same', text: a[i] as string, oldLine: i + 1, newLine: j + 1 });
	}
	return markPairs(out);
}

function middle(a: string[], b: string[], offA: number, offB: number): DiffLine[] {
	const n = a.length;
	const m = b.length;
	if (n * m > MAX_CELLS) {
		return [
			...a.map((text, i): DiffLine => ({ kind: 'removed', text, oldLine: offA + i + 1 })),
			...b.map((text, j): DiffLine => ({ kind: 'added', text, newLine: offB + j + 1 }))
		];
	}
	// lcs[i][j]: length of the longest common subsequence of a[i..] and b[j..].
	const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
	for (let i = n - 1; i >= 0; i -= 1) {
		const row = lcs[i] as Uint32Array;
		const below = lcs[i + 1] as Uint32Array;
		for (let j = m - 1; j >= 0; j -= 1)
			row[j] =
				a[i] === b[j] ? (below[j + 1] as number) + 1 : Math.max(below[j] as number, row[j + 1] as number);
	}
	const out: DiffLine[] = [];
	let i = 0;
	let j = 0;
	while (i < n && j < m) {
		if (a[i] === b[j]) {
			out.push({ kind: 'same', text: a[i] as string, oldLine: offA + i + 1, newLine: offB + j + 1 });
			i += 1;
			j += 1;
		} else if (((lcs[i + 1] as Uint32Array)[j] as number) >= ((lcs[i] as Uint32Array)[j + 1] as number)) {
			out.push({ kind: 'removed', text: a[i] as string, oldLine: offA + i + 1 });
			i += 1;
		} else {
			out.push({ kind: 'added', text: b[j] as string, newLine: offB + j + 1 });
			j += 1;
		}
	}
	for (; i < n; i += 1) out.push({ kind: 'removed', text: a[i] as string, oldLine: offA + i + 1 });
	for (; j < m; j += 1) out.push({ kind: 'added', text: b[j] as string, newLine: offB + j + 1 });
	return reorder(out);
}

/** Within each run of changes, removed lines first, then added lines. */
function reorder(lines: DiffLine[]): DiffLine[] {
	const out: DiffLine[] = [];
	let removed: DiffLine[] = [];
	let added: DiffLine[] = [];
	const flush = () => {
		out.push(...removed, ...added);
		removed = [];
		added = [];
	};
	for (const line of lines) {
		if (line.kind === 'removed') removed.push(line);
		else if (line.kind === 'added') added.push(line);
		else {
			flush();
			out.push(line);
		}
	}
	flush();
	return out;
}

/** For a run of k removed lines followed by k added lines, marks the changed middle of each pair. */
function markPairs(lines: DiffLine[]): DiffLine[] {
	for (let i = 0; i < lines.length;) {
		let r = i;
		while (r < lines.length && lines[r]?.kind === 'removed') r += 1;
		let s = r;
		while (s < lines.length && lines[s]?.kind === 'added') s += 1;
		const removed = r - i;
		const added = s - r;
		if (removed > 0 && removed === added) {
			for (let k = 0; k < removed; k += 1) {
				const old = lines[i + k] as Extract<DiffLine, { kind: 'removed' }>;
				const now = lines[r + k] as Extract<DiffLine, { kind: 'added' }>;
				const [oldMark, newMark] = changedParts(old.text, now.text);
				old.mark = oldMark;
				now.mark = newMark;
			}
		}
		i = Math.max(s, i + 1);
	}
	return lines;
}

/** The changed middle of two lines, as [start, end) in each (common head and tail left out). */
export function changedParts(a: string, b: string): [[number, number], [number, number]] {
	let start = 0;
	while (start < a.length && start < b.length && a[start] === b[start]) start += 1;
	let end = 0;
	while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end])
		end += 1;
	// Whole words and numbers are marked ("161" → "100", not "61" → "00").
	const word = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}_.-]/u.test(c);
	while (start > 0 && word(a[start - 1])) start -= 1;
	while (end > 0 && word(a[a.length - end])) end -= 1;
	return [
		[start, a.length - end],
		[start, b.length - end]
	];
}

/** The changes with `context` unchanged lines around each, grouped as hunks; [] when the texts are equal. */
export function diffHunks(oldText: string, newText: string, context = 3): Hunk[] {
	const lines = diffLines(oldText, newText);
	const keep = new Array<boolean>(lines.length).fill(false);
	lines.forEach((line, i) => {
		if (line.kind === 'same') return;
		for (let k = Math.max(0, i - context); k <= Math.min(lines.length - 1, i + context); k += 1)
			keep[k] = true;
	});
	const hunks: Hunk[] = [];
	let current: Hunk | null = null;
	let oldLine = 1;
	let newLine = 1;
	lines.forEach((line, i) => {
		if (keep[i]) {
			if (!current) {
				current = { oldStart: oldLine, newStart: newLine, lines: [] };
				hunks.push(current);
			}
			current.lines.push(line);
		} else current = null;
		if (line.kind !== 'added') oldLine += 1;
		if (line.kind !== 'removed') newLine += 1;
	});
	return hunks;
}
