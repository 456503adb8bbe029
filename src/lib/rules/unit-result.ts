/**
 * The result of a rule at one unit, of which a national drill-down makes hundreds of thousands, and a page reads
 * a few dozen sentences. So the explanation is written on first read and kept, and making a result costs about
 * what a plain object does: making 223,720 object literals with their own `get explanation()` (the way before)
 * took 2.7–3.1 µs each in Node, instances of this class 0.4–0.5 µs (the drill-down before and after is in
 * BENCHMARKS.md).
 *
 * Read directly and through JSON (the CLI, the precomputed scorecards), `explanation` is like any property; it
 * lives on the prototype, so a spread copy (`{ ...result }`) or `structuredClone` does not carry it: copy it by
 * name, or rename a result with `withRule`, as the inspection planner does.
 */
import type {
	ConditionResult,
	LeafCondition,
	LocalizedText,
	RuleResult,
	Status,
	TargetValue
} from '$lib/model/plan';
import { explain } from './explain';
import type { Judgement } from './status';

/** What the sentences of one rule's results share. */
export interface RuleWording {
	leaf: LeafCondition;
	asOf: string;
	unitWord: string | null;
}

export class UnitResult implements RuleResult {
	plan: string;
	rule: string;
	orgUnit: string;
	status: Status;
	actual: number | string | null;
	target: TargetValue;
	expected: number | null;
	conditions: ConditionResult[];
	readonly #wording: RuleWording;
	#explanation: LocalizedText | undefined;

	constructor(
		plan: string,
		rule: string,
		orgUnit: string,
		judgement: Judgement,
		conditions: ConditionResult[],
		wording: RuleWording
	) {
		this.plan = plan;
		this.rule = rule;
		this.orgUnit = orgUnit;
		this.status = judgement.status;
		this.actual = judgement.actual;
		this.target = judgement.target;
		this.expected = judgement.expected;
		this.conditions = conditions;
		this.#wording = wording;
	}

	get explanation(): LocalizedText {
		return (this.#explanation ??= explain({ judgement: this, ...this.#wording }));
	}

	set explanation(value: LocalizedText) {
		this.#explanation = value;
	}

	/** The same result under another rule name, its sentence still written only when read (and only once). */
	withRule(rule: string): UnitResult {
		const copy = new UnitResult(this.plan, rule, this.orgUnit, this, this.conditions, this.#wording);
		copy.#explanation = this.#explanation;
		return copy;
	}

	/** The same keys, in the same order, as a result written as an object literal. */
	toJSON(): RuleResult {
		return {
			plan: this.plan,
			rule: this.rule,
			orgUnit: this.orgUnit,
			status: this.status,
			actual: this.actual,
			target: this.target,
			expected: this.expected,
			conditions: this.conditions,
			explanation: this.explanation
		};
	}
}
