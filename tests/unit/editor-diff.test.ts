/** The line diff against the saved version, and the status changes of the preview. */
import { describe, expect, it } from 'vitest';
import { changedParts, diffHunks, diffLines } from '$lib/editor/line-diff';
import { countChanges, diffStatuses } from '$lib/editor/status-diff';
import type { RuleResult, Status } from '$lib/model/plan';

describe('line diff', () => {
	it('finds one changed line and marks the changed part', () => {
		const before = 'a\nb\n  "value": 161}\nc\n';
		const after = 'a\nb\n  "value": 100}\nc\n';
		const lines = diffLines(before, after);
		expect(lines.filter((l) => l.kind !== 'same')).toEqual([
			{ kind: 'removed', text: '  "value": 161}', oldLine: 3, mark: [11, 14] },
			{ kind: 'added', text: '  "value": 100}', newLine: 3, mark: [11, 14] }
		]);
	});
	it('aligns insertions and removals and groups them with context', () => {
		const before = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join('\n');
		const after = before.replace('line 3\n', '').replace('line 15', 'line 15\nnew line');
		const hunks = diffHunks(before, after, 2);
		expect(hunks).toHaveLength(2);
		expect(hunks[0]?.lines.map((l) => l.kind)).toEqual(['same', 'same', 'removed', 'same', 'same']);
		expect(hunks[1]?.lines.find((l) => l.kind === 'added')).toMatchObject({ text: 'new line', newLine: 15 });
		expect(diffHunks(before, before)).toEqual([]);
	});
	it('rebuilds both texts from its lines', () => {
		const before = 'x\ny\nz\nw';
		const after = 'y\nq\nz\nw\nv';
		const lines = diffLines(before, after);
		expect(
			lines
				.filter((l) => l.kind !== 'added')
				.map((l) => l.text)
				.join('\n')
		).toBe(before);
		expect(
			lines
				.filter((l) => l.kind !== 'removed')
				.map((l) => l.text)
				.join('\n')
		).toBe(after);
	});
	it('marks the changed middle of a line, as whole words and numbers', () => {
		expect(changedParts('a=1;b', 'a=22;b')).toEqual([
			[2, 3],
			[2, 4]
		]);
		expect(changedParts('"value": 161}', '"value": 100}')).toEqual([
			[9, 12],
			[9, 12]
		]);
		expect(changedParts('"Hà Nội"', '"Hà Nam"')).toEqual([
			[4, 7],
			[4, 7]
		]);
	});
});

const result = (rule: string, status: Status, actual: number | null = 1): RuleResult => ({
	plan: 'p',
	rule,
	orgUnit: '04',
	status,
	actual,
	target: 161,
	expected: null,
	conditions: [],
	explanation: { vi: '', en: '' }
});

describe('status changes', () => {
	it('says was and now per target, with added and removed targets', () => {
		const saved = [result('a', 'at-risk'), result('b', 'achieved'), result('gone', 'missed')];
		const edited = [result('a', 'on-track'), result('b', 'achieved'), result('new', 'no-data')];
		const changes = diffStatuses(saved, edited);
		expect(changes).toEqual([
			{ rule: 'a', was: 'at-risk', now: 'on-track', kind: 'changed', numbersChanged: false },
			{ rule: 'b', was: 'achieved', now: 'achieved', kind: 'same', numbersChanged: false },
			{ rule: 'new', was: null, now: 'no-data', kind: 'added', numbersChanged: true },
			{ rule: 'gone', was: 'missed', now: null, kind: 'removed', numbersChanged: true }
		]);
		expect(countChanges(changes)).toEqual({ changed: 1, added: 1, removed: 1 });
	});
	it('notices new numbers with the same status', () => {
		expect(diffStatuses([result('a', 'achieved', 5)], [result('a', 'achieved', 6)])[0]?.numbersChanged).toBe(
			true
		);
	});
});
