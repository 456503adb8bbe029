/**
 * What changed between the saved plan's results and the edited plan's: per target (by rule name), the status
 * it had and the status it has now, so that the preview can say "was → now". Pure.
 */
import type { RuleResult, Status } from '$lib/model/plan';

export type ChangeKind = 'same' | 'changed' | 'added' | 'removed';

export interface StatusChange {
	rule: string;
	/** Status in the saved version; null for a target the saved version does not have. */
	was: Status | null;
	/** Status in the edited version; null for a target that was removed. */
	now: Status | null;
	kind: ChangeKind;
	/** The actual and target of the edited (or, when removed, the saved) version changed. */
	numbersChanged: boolean;
}

const sameNumbers = (a: RuleResult, b: RuleResult) =>
	JSON.stringify([a.actual, a.target]) === JSON.stringify([b.actual, b.target]);

/**
 * One entry per target of the edited version in its order, then the saved version's targets that are gone.
 * `saved` is null when there is no saved version to compare with (every target then reads as added).
 */
export function diffStatuses(
	saved: readonly RuleResult[] | null,
	edited: readonly RuleResult[]
): StatusChange[] {
	const before = new Map((saved ?? []).map((r) => [r.rule, r]));
	const seen = new Set<string>();
	const changes: StatusChange[] = edited.map((now) => {
		seen.add(now.rule);
		const was = before.get(now.rule);
		if (!was) return { rule: now.rule, was: null, now: now.status, kind: 'added', numbersChanged: true };
		return {
			rule: now.rule,
			was: was.status,
			now: now.status,
			kind: was.status === now.status ? 'same' : 'changed',
			numbersChanged: !sameNumbers(was, now)
		};
	});
	for (const was of saved ?? [])
		if (!seen.has(was.rule))
			changes.push({ rule: was.rule, was: was.status, now: null, kind: 'removed', numbersChanged: true });
	return changes;
}

/** How many targets changed status, were added or removed. */
export function countChanges(changes: readonly StatusChange[]): {
	changed: number;
	added: number;
	removed: number;
} {
	return {
		changed: changes.filter((c) => c.kind === 'changed').length,
		added: changes.filter((c) => c.kind === 'added').length,
		removed: changes.filter((c) => c.kind === 'removed').length
	};
}
