/**
 * Property: the pure judge (judge.ts, used for unitsMeeting's inner condition) decides whether a condition tree is
 * met exactly as json-rules-engine does (engine.ts: the rule in an Engine with our operators), on random trees
 * and random fact values.
 *
 * Domains:
 * - conditions a valid rule file can hold (static/schema/plan.schema.json, validate.ts): all/any never empty,
 *   `path` only on unitsMeeting and only `$.count`, `$.share`, `$.total` (or `$['…']`); any operator, any value
 *   (numbers, dates, odd strings, arrays, null), fact references with and without paths, priorities;
 * - beyond validation, what json-rules-engine itself accepts, one widening at a time so that each failure names
 *   its cause: empty all/any lists; any JSONPath on objects and arrays; a path on a fact that is not an object.
 *   evaluatePlan requires a valid plan, so these cannot reach the bulk path through a checked file; but
 *   design.md §7 makes json-rules-engine the reference "any faster path must agree with exactly".
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	CUSTOM_OPERATORS,
	ENGINE_OPERATORS,
	FACT_NAMES,
	type Condition,
	type FactName,
	type OperatorName,
	type PlanRule,
	type TopCondition
} from '$lib/model/plan';
import { createRuleEngine, runRuleAt } from '$lib/rules/engine';
import { judgeCondition, type FactLookup } from '$lib/rules/judge';

const NUM_RUNS = Number(process.env.ENGINE_JUDGE_RUNS ?? 3000);
const OPERATORS: OperatorName[] = [...ENGINE_OPERATORS, ...CUSTOM_OPERATORS];
const UNIT = 'U1';

/** Each fact comes in a few parameterisations; the table of values is keyed by fact and `params.k`. */
const PARAM_VARIANTS = [{}, { k: 1 }, { k: 2 }];
const slot = (fact: string, params: Record<string, unknown>) => `${fact}#${String(params.k ?? '-')}`;

// ------------------------------------------------------------------------------------------ values

const numberArb = fc.oneof(
	fc.integer({ min: -3, max: 12 }),
	fc.integer({ min: -6, max: 24 }).map((n) => n / 2),
	fc.constantFrom(0, 0.8, 1, 1e9, -0)
);
const dateArb = fc.oneof(
	fc.constantFrom('2024-01-01', '2024-03-31', '2024-06-30', '2024-12-31', '2023-12-31'),
	fc.integer({ min: 0, max: 400 }).map((n) => new Date(Date.UTC(2023, 11, 1 + n)).toISOString().slice(0, 10))
);
/** Strings json-rules-engine's number check lets through ('12'), and ones it does not. */
const oddStringArb = fc.constantFrom('12', '0.5', ' 3', 'abc', '', '2024-02-30', '2024-1-1', 'NaN');
const scalarArb: fc.Arbitrary<unknown> = fc.oneof(
	{ weight: 4, arbitrary: numberArb },
	{ weight: 2, arbitrary: dateArb },
	{ weight: 1, arbitrary: oddStringArb },
	{ weight: 1, arbitrary: fc.boolean() }
);
const shareObject = fc.record(
	{
		count: fc.nat(6),
		total: fc.nat(6),
		share: fc.oneof(fc.constant(null), fc.constantFrom(0, 0.25, 0.5, 1), numberArb)
	},
	{ requiredKeys: ['count'], noNullPrototype: true }
);

/** What a fact can hold: mostly what our facts give (numbers, dates, {count, total, share}, null), and odd things. */
const factValueArb: fc.Arbitrary<unknown> = fc.oneof(
	{ weight: 3, arbitrary: fc.constant(null) },
	{ weight: 6, arbitrary: scalarArb },
	{ weight: 2, arbitrary: shareObject },
	{ weight: 1, arbitrary: fc.array(scalarArb, { maxLength: 3 }) }
);

/** What a domain of conditions allows; the valid one is what the schema and validate.ts let through. */
interface Domain {
	/** all/any with no conditions (the schema asks for at least one). */
	emptyLists: boolean;
	/** Which JSONPaths: the ones validate.ts accepts, or any json-rules-engine resolves. */
	paths: 'valid' | 'any';
	/** Which facts take a path: only unitsMeeting (validate.ts), or any. */
	pathOn: 'unitsMeeting' | 'any';
	/** Fact values: anything, or only objects, arrays and null (so that every path has something to pick in). */
	values: 'any' | 'containers';
}

const VALID: Domain = { emptyLists: false, paths: 'valid', pathOn: 'unitsMeeting', values: 'any' };

/** The fact table: every fact and parameterisation gets a value; unitsMeeting holds an object or null. */
function tableArb(domain: Domain): fc.Arbitrary<Record<string, unknown>> {
	const containers = fc.oneof(
		{ weight: 4, arbitrary: shareObject },
		{ weight: 2, arbitrary: fc.array(scalarArb, { maxLength: 3 }) },
		{ weight: 1, arbitrary: fc.constant(null) }
	);
	const entries: Record<string, fc.Arbitrary<unknown>> = {};
	for (const fact of FACT_NAMES) {
		for (const params of PARAM_VARIANTS) {
			entries[slot(fact, params)] =
				domain.values === 'containers'
					? containers
					: fact === 'unitsMeeting'
						? fc.oneof({ weight: 4, arbitrary: shareObject }, { weight: 1, arbitrary: fc.constant(null) })
						: factValueArb;
		}
	}
	return fc.record(entries);
}

// ------------------------------------------------------------------------------------------ conditions

/** The paths validate.ts accepts (on unitsMeeting only). */
const VALID_PATHS = ['$.count', '$.share', '$.total', "$['count']", "$['share']", "$['total']"];
/** Paths json-rules-engine resolves (with jsonpath-plus) that validate.ts does not accept. */
const OTHER_PATHS = ['$.missing', '$.length', '$[0]', '$', '$.*', '$..count'];

const factArb = fc.constantFrom<FactName>(...FACT_NAMES);
const paramsArb = fc.constantFrom(...PARAM_VARIANTS).map((p) => ({ ...p }));

/** A path for a leaf or reference on `fact`: in valid files only unitsMeeting takes one (and must). */
function pathArb(fact: FactName, domain: Domain): fc.Arbitrary<string | undefined> {
	const paths = domain.paths === 'valid' ? VALID_PATHS : [...VALID_PATHS, ...OTHER_PATHS];
	if (domain.pathOn === 'unitsMeeting') {
		return fact === 'unitsMeeting' ? fc.constantFrom(...paths) : fc.constant(undefined);
	}
	return fc.oneof(
		{ weight: 1, arbitrary: fc.constant(undefined) },
		{ weight: 2, arbitrary: fc.constantFrom(...paths) }
	);
}

const withPath = <T extends object>(base: T, path: string | undefined): T =>
	path === undefined ? base : { ...base, path };

function referenceArb(domain: Domain) {
	return fc
		.tuple(factArb, paramsArb)
		.chain(([fact, params]) => pathArb(fact, domain).map((path) => withPath({ fact, params }, path)));
}

function valueArb(domain: Domain): fc.Arbitrary<unknown> {
	return fc.oneof(
		{ weight: 5, arbitrary: scalarArb },
		{ weight: 2, arbitrary: fc.tuple(numberArb, numberArb).map(([a, b]) => (a <= b ? [a, b] : [b, a])) },
		{ weight: 1, arbitrary: fc.array(scalarArb, { maxLength: 3 }) },
		{ weight: 1, arbitrary: fc.constant(null) },
		{ weight: 2, arbitrary: referenceArb(domain) }
	);
}

function leafArb(domain: Domain): fc.Arbitrary<Condition> {
	return fc
		.record({
			fact: factArb,
			params: paramsArb,
			operator: fc.constantFrom(...OPERATORS),
			value: valueArb(domain),
			priority: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined, freq: 4 })
		})
		.chain((leaf) =>
			pathArb(leaf.fact, domain).map((path) => {
				const { priority, ...rest } = leaf;
				return withPath(priority === undefined ? rest : { ...rest, priority }, path) as Condition;
			})
		);
}

/** Condition trees (all / any / not over leaves, a few levels deep) with a boolean node at the top. */
function treeArb(domain: Domain): fc.Arbitrary<TopCondition> {
	const minLength = domain.emptyLists ? 0 : 1;
	const { top } = fc.letrec<{ node: Condition; top: TopCondition }>((tie) => ({
		node: fc.oneof(
			{ depthSize: 'small', withCrossShrink: true },
			{ weight: 3, arbitrary: leafArb(domain) },
			{ weight: 1, arbitrary: tie('top') }
		),
		top: fc.oneof(
			fc.array(tie('node'), { minLength, maxLength: 3 }).map((all) => ({ all })),
			fc.array(tie('node'), { minLength, maxLength: 3 }).map((any) => ({ any })),
			tie('node').map((not) => ({ not }))
		)
	}));
	return top;
}

// ------------------------------------------------------------------------------------------ the property

async function agree(conditions: TopCondition, table: Record<string, unknown>): Promise<void> {
	const lookup: FactLookup = (fact, params, unit) => {
		if (unit !== UNIT) throw new Error(`looked up at ${unit}`);
		const key = slot(fact, params);
		return key in table ? table[key] : null;
	};
	const rule: PlanRule = {
		name: 'r',
		title: { vi: 'r', en: 'r' },
		source: '1',
		conditions: structuredClone(conditions),
		event: { type: 'target-met' }
	};
	const engine = await runRuleAt(createRuleEngine(rule, lookup), UNIT);
	const judged = judgeCondition(conditions, UNIT, lookup);
	expect(judged, 'judgeCondition vs json-rules-engine').toBe(engine.met);
}

const check = (domain: Domain) =>
	fc.assert(fc.asyncProperty(treeArb(domain), tableArb(domain), agree), { numRuns: NUM_RUNS });

describe('judgeCondition agrees with json-rules-engine', () => {
	it('on conditions a valid rule file can hold (any operator, any value, fact references, paths)', async () => {
		await check(VALID);
	});

	// Beyond what validation lets through, still the engine's own behaviour, which design.md §7 makes the reference.
	it('with empty all / any lists', async () => {
		await check({ ...VALID, emptyLists: true });
	});

	it('with any JSONPath json-rules-engine resolves, on objects and arrays', async () => {
		await check({ ...VALID, paths: 'any', pathOn: 'any', values: 'containers' });
	});

	it('with a path on any fact, whatever its value', async () => {
		await check({ ...VALID, pathOn: 'any' });
	});
});
