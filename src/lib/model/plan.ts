/**
 * Types of a plan file (`rules/*.json`, design.md §4) and of its evaluation results (§5, §6). A plan's rules are
 * json-rules-engine rules, loadable unchanged by `new Engine().addRule()`, plus our own keys.
 */
import type { Level } from './data';

export interface LocalizedText {
	vi: string;
	en: string;
}

export const FACT_NAMES = ['total', 'ratio', 'change', 'assigned', 'unitsMeeting', 'submittedOn'] as const;
export type FactName = (typeof FACT_NAMES)[number];

/** json-rules-engine's own operators that make sense on our facts, plus ours. */
export const ENGINE_OPERATORS = [
	'equal',
	'notEqual',
	'lessThan',
	'lessThanInclusive',
	'greaterThan',
	'greaterThanInclusive',
	'in',
	'notIn',
	'contains',
	'doesNotContain'
] as const;
export const CUSTOM_OPERATORS = ['between', 'onOrBefore', 'onOrAfter'] as const;
export type OperatorName = (typeof ENGINE_OPERATORS)[number] | (typeof CUSTOM_OPERATORS)[number];

/** A fact reference used as a condition's value, e.g. `{"fact": "assigned", "params": {"indicator": "members"}}`. */
export interface FactReference {
	fact: FactName;
	params: Record<string, unknown>;
	path?: string;
}

export interface LeafCondition {
	fact: FactName;
	params: Record<string, unknown>;
	operator: OperatorName;
	value: unknown;
	/** JSONPath into the fact's value, e.g. `$.share` for `unitsMeeting`. */
	path?: string;
	name?: string;
	priority?: number;
}

export type Condition =
	| LeafCondition
	| { all: Condition[]; name?: string; priority?: number }
	| { any: Condition[]; name?: string; priority?: number }
	| { not: Condition; name?: string; priority?: number };

export type TopCondition = Extract<Condition, { all: unknown } | { any: unknown } | { not: unknown }>;

export type RuleScope = { each: Level } | { units: string[] };

export interface PlanRule {
	name: string;
	title: LocalizedText;
	/** The plan paragraph the target comes from, e.g. "2.2". */
	source: string;
	programme?: string;
	scope?: RuleScope;
	/** 0-based index, in document order, of the leaf condition that gives the rule's actual and target. */
	measure?: number;
	conditions: TopCondition;
	event: { type: string; params?: Record<string, unknown> };
	priority?: number;
}

export interface PlanMeta {
	id: string;
	title: LocalizedText;
	issuer: string;
	orgUnit: string;
	period: { start: string; end: string };
	programmes: string[];
	notes?: string[];
	/** Share of the expected value under which a cumulative target is off track (default 0.8). */
	atRiskRatio?: number;
	/** Share of an annual target expected in each quarter; default: linear over days. */
	trajectory?: { quarterWeights: [number, number, number, number] };
}

export interface PlanFile {
	plan: PlanMeta;
	rules: PlanRule[];
}

export const STATUSES = ['achieved', 'on-track', 'at-risk', 'off-track', 'missed', 'no-data'] as const;
export type Status = (typeof STATUSES)[number];

/** A rule's target: a number, a `[low, high]` range, or a date for deadlines. */
export type TargetValue = number | [number, number] | string | null;

export interface ConditionResult {
	fact: FactName;
	params: Record<string, unknown>;
	path: string | null;
	operator: OperatorName;
	/** The fact's value at the unit (after `path`); null when there is none. */
	factValue: unknown;
	/** The value compared with (a fact reference resolved to its value). */
	value: unknown;
	result: boolean;
}

export interface RuleResult {
	plan: string;
	rule: string;
	orgUnit: string;
	status: Status;
	actual: number | string | null;
	target: TargetValue;
	expected: number | null;
	conditions: ConditionResult[];
	/** Per-unit results of an `each` or `units` rule. */
	units?: RuleResult[];
	explanation: LocalizedText;
}
