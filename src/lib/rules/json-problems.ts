/**
 * From a problem found in a JSON file to the problem as reported, with its JSON path, line and column. Shared by
 * the validators of plan files (validate.ts) and of data-quality rule files (quality/rule-files.ts): they differ
 * in their codes and words, not in how a problem is placed. Pure, no Node.
 */
import {
	formatJsonPath,
	locate,
	positionAt,
	type JsonScan,
	type PathSegment,
	type TextPosition
} from './json-position';

export type ProblemParams = Record<string, string | number>;

/** A problem before it is placed in the text: where it is, and whether it points at the key or the value. */
export interface Draft<Code extends string> {
	code: Code;
	path: PathSegment[];
	target: 'value' | 'key';
	params: ProblemParams;
}

export interface FileProblem<Code extends string> {
	file: string;
	/** JSON path of the value (or key) at fault, e.g. `$.rules[3].conditions.all[0].params.indicator`. */
	path: string;
	/** 1-based line and column of that value or key in the text; null when validating a parsed value. */
	line: number | null;
	column: number | null;
	code: Code;
	/** English, in plain words; the validator's message function gives it in Vietnamese. */
	message: string;
	/** What the message is made of (codes, values, suggestions), for translations and tools. */
	params: ProblemParams;
}

/** The English message of a problem, which each validator words for its own codes. */
export type EnglishMessage<Code extends string> = (problem: FileProblem<Code>) => string;

/** A draft as reported, at `position` (null when there is no text to point into). */
export function placeProblem<Code extends string>(
	file: string,
	draft: Draft<Code>,
	position: Pick<TextPosition, 'line' | 'column'> | null,
	message: EnglishMessage<Code>
): FileProblem<Code> {
	const problem: FileProblem<Code> = {
		file,
		path: formatJsonPath(draft.path),
		line: position?.line ?? null,
		column: position?.column ?? null,
		code: draft.code,
		message: '',
		params: draft.params
	};
	problem.message = message(problem);
	return problem;
}

/** Makes drafts at `path` (or where told), pointing at the value unless told to point at the key. */
export function draftsAt<Code extends string>(path: PathSegment[]) {
	return (
		code: Code,
		params: ProblemParams = {},
		where = path,
		target: Draft<Code>['target'] = 'value'
	): Draft<Code> => ({ code, path: where, target, params });
}

/** The text without a UTF-8 byte-order mark at its start: Windows editors write one, JSON.parse refuses it. */
export function withoutBom(text: string): string {
	return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** A key given twice, at the later one (whose value JSON.parse keeps), naming the first one's line. */
export function duplicateKeyDrafts(scan: JsonScan, starts: readonly number[]): Draft<'duplicate-key'>[] {
	return scan.duplicates.map((d) => ({
		code: 'duplicate-key',
		path: d.path,
		target: 'key',
		params: { key: String(d.path[d.path.length - 1] ?? ''), first: positionAt(starts, d.firstOffset).line }
	}));
}

/** The drafts placed in the scanned text, in text order. */
export function placeInText<Code extends string>(
	file: string,
	scan: JsonScan,
	starts: readonly number[],
	drafts: readonly Draft<Code>[],
	message: EnglishMessage<Code>
): FileProblem<Code>[] {
	const placed = drafts.map((draft) => {
		const offset = locate(scan, draft.path, draft.target);
		return { offset, problem: placeProblem(file, draft, positionAt(starts, offset), message) };
	});
	// Stable sort: problems at the same place keep the order the layers found them in.
	return placed.sort((a, b) => a.offset - b.offset).map((p) => p.problem);
}
