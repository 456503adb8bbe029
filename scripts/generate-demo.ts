/**
 * Generates the ILLUSTRATIVE demo data in data/values.csv, data/targets.csv and data/submissions.csv: invented
 * numbers for the units and years of the five seed plans in rules/, so that every rule can be evaluated and the
 * dashboard shows a realistic spread (most units near plan, some ahead, about one in six behind, a few missing
 * reports and a few implausible values). None of it is a real result. See docs/demo-data.md.
 *
 * Run with `npm run data:demo` (`tsx scripts/generate-demo.ts`). The output depends only on SEED, the reference
 * units in data/org_units.csv and the unit lists in rules/*.json: the same bytes on every run.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { csvParse } from 'd3-dsv';
import { toCsv, writeCsv } from './lib/csv';
import { createRandom, type Random } from './lib/random';

/** Changing the seed changes every generated number (and the committed CSVs must then be regenerated). */
export const SEED = 'chi-tieu/demo-data/v1';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DATA = join(ROOT, 'data');
const RULES = join(ROOT, 'rules');

export const VALUE_COLUMNS = ['org_unit', 'indicator', 'period', 'value', 'programme'] as const;
export const TARGET_COLUMNS = ['org_unit', 'indicator', 'period', 'target'] as const;
export const SUBMISSION_COLUMNS = ['org_unit', 'report', 'period', 'submitted_on'] as const;

export type ValueRow = {
	org_unit: string;
	indicator: string;
	period: string;
	value: number;
	programme: string;
};
export type TargetRow = { org_unit: string; indicator: string; period: string; target: number };
export type SubmissionRow = { org_unit: string; report: string; period: string; submitted_on: string };

export interface DemoData {
	values: ValueRow[];
	targets: TargetRow[];
	submissions: SubmissionRow[];
}

// ---------------------------------------------------------------------------------------------------------
// Reference units and plans
// ---------------------------------------------------------------------------------------------------------

interface Unit {
	code: string;
	name: string;
	level: string;
	parent: string;
}

/** The hierarchy in force from 2020 to 2024 (all five plans predate the 2025 reorganisation). */
class Units {
	private readonly byCode = new Map<string, Unit>();
	private readonly children = new Map<string, string[]>();

	constructor(rows: Unit[]) {
		for (const unit of rows) {
			this.byCode.set(unit.code, unit);
			const siblings = this.children.get(unit.parent) ?? [];
			siblings.push(unit.code);
			this.children.set(unit.parent, siblings);
		}
	}

	get(code: string): Unit {
		const unit = this.byCode.get(code);
		if (!unit) throw new Error(`Unit ${code} is not in the pre-2025 hierarchy of data/org_units.csv`);
		return unit;
	}

	/** Units of `level` anywhere under `code`, in code order. */
	under(code: string, level: string): string[] {
		const found: string[] = [];
		const stack = [...(this.children.get(code) ?? [])];
		while (stack.length > 0) {
			const next = stack.pop() as string;
			if (this.get(next).level === level) found.push(next);
			else stack.push(...(this.children.get(next) ?? []));
		}
		return found.sort();
	}

	/** The ancestor of `code` at `level` (the unit itself when it is of that level). */
	ancestorAt(code: string, level: string): string {
		let unit = this.get(code);
		while (unit.level !== level) unit = this.get(unit.parent);
		return unit.code;
	}
}

function loadUnits(): Units {
	const rows = csvParse(readFileSync(join(DATA, 'org_units.csv'), 'utf8'));
	const units: Unit[] = [];
	for (const row of rows) {
		// Keep the units valid throughout 2020–2024: codes are reused by the 2025 hierarchy.
		const from = row.valid_from ?? '';
		const to = row.valid_to ?? '';
		if ((from === '' || from <= '2020-01-01') && (to === '' || to >= '2024-12-31')) {
			units.push({
				code: row.code ?? '',
				name: row.name ?? '',
				level: row.level ?? '',
				parent: row.parent_code ?? ''
			});
		}
	}
	return new Units(units);
}

interface PlanFile {
	plan: { id: string; orgUnit: string; period: { start: string; end: string } };
	rules: { name: string; scope?: { units?: string[] } }[];
}

function loadPlans(): Map<string, PlanFile> {
	const plans = new Map<string, PlanFile>();
	for (const name of readdirSync(RULES).sort()) {
		if (!name.endsWith('.json')) continue;
		const file = JSON.parse(readFileSync(join(RULES, name), 'utf8')) as PlanFile;
		plans.set(file.plan.id, file);
	}
	return plans;
}

/** The `scope.units` list of a named rule: the generator feeds exactly the units the rule files name. */
function scopeUnits(plan: PlanFile, ruleName: string): string[] {
	const rule = plan.rules.find((r) => r.name === ruleName);
	if (!rule?.scope?.units) throw new Error(`${plan.plan.id}: rule ${ruleName} with scope.units not found`);
	return rule.scope.units;
}

// ---------------------------------------------------------------------------------------------------------
// Output collection
// ---------------------------------------------------------------------------------------------------------

/** Collects rows and refuses duplicate keys, negative or non-integer values: the contract checks, early. */
class Collector {
	readonly values = new Map<string, ValueRow>();
	readonly targets = new Map<string, TargetRow>();
	readonly submissions = new Map<string, SubmissionRow>();

	value(org_unit: string, indicator: string, period: string, value: number, programme = ''): void {
		const key = [org_unit, indicator, period, programme].join('|');
		if (this.values.has(key)) throw new Error(`Duplicate value ${key}`);
		if (!Number.isInteger(value) || value < 0) throw new Error(`Bad value ${value} for ${key}`);
		this.values.set(key, { org_unit, indicator, period, value, programme });
	}

	/** Overwrites a value already generated (to plant an implausible one). */
	replace(org_unit: string, indicator: string, period: string, value: number): void {
		const row = this.values.get([org_unit, indicator, period, ''].join('|'));
		if (!row) throw new Error(`No value ${org_unit} ${indicator} ${period} to replace`);
		row.value = value;
	}

	target(org_unit: string, indicator: string, period: string, target: number): void {
		const key = [org_unit, indicator, period].join('|');
		if (this.targets.has(key)) throw new Error(`Duplicate target ${key}`);
		this.targets.set(key, { org_unit, indicator, period, target });
	}

	submission(org_unit: string, report: string, period: string, submitted_on: string): void {
		const key = [org_unit, report, period].join('|');
		if (this.submissions.has(key)) throw new Error(`Duplicate submission ${key}`);
		this.submissions.set(key, { org_unit, report, period, submitted_on });
	}
}

interface Context {
	units: Units;
	plans: Map<string, PlanFile>;
	out: Collector;
	rng: Random;
}

function planOf(ctx: Context, id: string): PlanFile {
	const plan = ctx.plans.get(id);
	if (!plan) throw new Error(`rules/${id}.json not found`);
	return plan;
}

// ---------------------------------------------------------------------------------------------------------
// Periods and dates
// ---------------------------------------------------------------------------------------------------------

const pad2 = (n: number) => String(n).padStart(2, '0');
const monthCode = (year: number, month: number) => `${year}-${pad2(month)}`;
const quarterCode = (year: number, quarter: number) => `${year}Q${quarter}`;
const MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
const QUARTERS = [1, 2, 3, 4];
const DAY_MS = 86_400_000;

/** Calendar arithmetic on fixed ISO dates (never the clock), in UTC so no time zone shifts a day. */
function addDays(iso: string, days: number): string {
	return new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** A uniformly random date in [from, to], both ISO dates. */
function dateBetween(rng: Random, from: string, to: string): string {
	const span = Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
	return addDays(from, rng.int(0, span));
}

// ---------------------------------------------------------------------------------------------------------
// Spread
// ---------------------------------------------------------------------------------------------------------

/** A commune's performance multiplier: most near plan, some ahead, about one in six behind. */
function communePerformance(rng: Random): number {
	const draw = rng.next();
	if (draw < 0.17) return rng.uniform(0.3, 0.7);
	if (draw < 0.29) return rng.uniform(1.2, 1.6);
	return rng.uniform(0.85, 1.15);
}

/** A district's multiplier, milder than a commune's: a district averages over many communes. */
function districtPerformance(rng: Random): number {
	const draw = rng.next();
	if (draw < 0.2) return rng.uniform(0.6, 0.8);
	if (draw < 0.4) return rng.uniform(1.15, 1.3);
	return rng.uniform(0.92, 1.08);
}

/** Multiplicative noise around 1, so two units of the same size and performance still differ. */
const jitter = (rng: Random, sd = 0.2) => Math.exp(rng.normal(0, sd));

/** Normalised month weights (sum 1) from relative weights. */
function season(weights: number[]): number[] {
	const total = weights.reduce((a, b) => a + b, 0);
	return weights.map((w) => w / total);
}

const FLAT = season(MONTHS.map(() => 1));
// Poverty exits cluster at the year-end poverty review, so the first half lags a linear path.
const POVERTY_SEASON = season([0.7, 0.7, 0.9, 0.9, 1, 1, 1, 1, 1, 1.1, 1.3, 1.4]);
const NEAR_POVERTY_SEASON = season([0.8, 0.8, 1, 1, 1, 1, 1, 1, 1, 1.1, 1.1, 1.2]);
// Party introductions peak around the Party's anniversary (3 February) and 19 May.
const PARTY_SEASON = season([0.9, 1.3, 1.1, 1, 1.1, 0.9, 0.8, 0.9, 1, 1, 1, 1]);

type Schedule = 'monthly' | 'quarterly';

interface FlowSpec {
	unit: string;
	indicator: string;
	year: number;
	annualMean: number;
	monthWeights: number[];
	schedule: Schedule;
	/** Period codes the unit did not report (no row at all: a late or missing report). */
	missing: ReadonlySet<string>;
	programme?: string;
}

/** A flow over a year: a Poisson count per month or per quarter, at one granularity for the unit. */
function emitFlow(ctx: Context, rng: Random, spec: FlowSpec): void {
	const monthMean = (month: number) => spec.annualMean * (spec.monthWeights[month - 1] ?? 0);
	if (spec.schedule === 'monthly') {
		for (const month of MONTHS) {
			const period = monthCode(spec.year, month);
			if (spec.missing.has(period)) continue;
			ctx.out.value(spec.unit, spec.indicator, period, rng.poisson(monthMean(month)), spec.programme);
		}
		return;
	}
	for (const quarter of QUARTERS) {
		const period = quarterCode(spec.year, quarter);
		if (spec.missing.has(period)) continue;
		const mean = [1, 2, 3].reduce((sum, i) => sum + monthMean((quarter - 1) * 3 + i), 0);
		ctx.out.value(spec.unit, spec.indicator, period, rng.poisson(mean), spec.programme);
	}
}

/** Splits `total` into integers proportional to `weights` that add up to exactly `total` (largest remainder). */
function apportion(total: number, weights: number[]): number[] {
	const sum = weights.reduce((a, b) => a + b, 0);
	const exact = weights.map((w) => (total * w) / sum);
	const shares = exact.map(Math.floor);
	const order = exact
		.map((x, i) => ({ i, rest: x - Math.floor(x) }))
		.sort((a, b) => b.rest - a.rest || a.i - b.i);
	let left = total - shares.reduce((a, b) => a + b, 0);
	for (const { i } of order) {
		if (left-- <= 0) break;
		shares[i] = (shares[i] ?? 0) + 1;
	}
	return shares;
}

/** An event or report date: on time inside its window, late after the deadline, or never (null). */
function eventDate(
	rng: Random,
	window: { from: string; to: string },
	odds: { late: number; missing: number },
	yearEnd: string
): string | null {
	const draw = rng.next();
	if (draw < odds.missing) return null;
	if (draw < odds.missing + odds.late) {
		const late = dateBetween(rng, addDays(window.to, 1), addDays(window.to, 30));
		// Nothing is dated after the plan year: a report that late has simply not arrived.
		return late <= yearEnd ? late : null;
	}
	return dateBetween(rng, window.from, window.to);
}

// ---------------------------------------------------------------------------------------------------------
// Cao Bằng 2024: every district and commune, monthly or quarterly, with a 2023Q4 membership baseline
// ---------------------------------------------------------------------------------------------------------

const CB_YEAR = 2024;
/** Communes under 60% membership coverage at the start of 2024, as plan 2.5 states (“17 cơ sở”). */
const CB_LOW_COVERAGE_COMMUNES = 17;

interface Commune {
	code: string;
	district: string;
	urban: boolean;
	women: number;
	members0: number;
	perf: number;
	/** District × commune performance: the multiplier on every flow target of the commune. */
	factor: number;
	schedule: Schedule;
	/** Missing months (monthly reporters) or quarters (quarterly reporters) of the commune's main report. */
	missingMain: Set<string>;
	/** A quarter whose quarterly report (activities and stocks) never came. */
	missingQuarter: number | null;
}

function caoBangCommune(ctx: Context, rng: Random, code: string, districtPerf: Map<string, number>): Commune {
	const unit = ctx.units.get(code);
	const urban = /^(Phường|Thị trấn)/.test(unit.name);
	const women = Math.round(Math.min(4500, Math.max(380, 1050 * (urban ? 1.8 : 1) * jitter(rng, 0.35))));
	const coverage = Math.min(0.94, Math.max(0.61, rng.normal(0.75, 0.07)));
	const perf = communePerformance(rng);
	const schedule: Schedule = rng.chance(0.72) ? 'monthly' : 'quarterly';
	const missingMain = new Set<string>();
	if (schedule === 'monthly' && rng.chance(0.07)) {
		for (const month of rng.sample(MONTHS, rng.int(1, 2))) missingMain.add(monthCode(CB_YEAR, month));
	}
	if (schedule === 'quarterly' && rng.chance(0.04)) missingMain.add(quarterCode(CB_YEAR, rng.int(1, 3)));
	return {
		code,
		district: unit.parent,
		urban,
		women,
		members0: Math.round(women * coverage),
		perf,
		factor: perf * (districtPerf.get(unit.parent) ?? 1),
		schedule,
		missingMain,
		missingQuarter: rng.chance(0.03) ? rng.int(1, 3) : null
	};
}

/** Picks the 17 low-coverage communes and lowers their baseline membership under 60% of resident women. */
function markLowCoverage(rng: Random, communes: Commune[]): Set<string> {
	const low = rng.sample(communes, CB_LOW_COVERAGE_COMMUNES);
	for (const commune of low) commune.members0 = Math.round(commune.women * rng.uniform(0.5, 0.59));
	return new Set(low.map((c) => c.code));
}

/**
 * Membership growth in 2024 per commune. The province total lands near +1,300; each district's share follows
 * its size (as its quota does) times its performance; about four in ten low-coverage communes run a
 * membership drive.
 */
function caoBangGrowth(
	rng: Random,
	communes: Commune[],
	low: Set<string>,
	districtPerf: Map<string, number>
): Map<string, number> {
	const growth = new Map<string, number>();
	const districts = [...new Set(communes.map((c) => c.district))];
	const districtWeight = districts.map(
		(d) =>
			communes.filter((c) => c.district === d).reduce((s, c) => s + c.members0, 0) *
			(districtPerf.get(d) ?? 1) *
			jitter(rng, 0.08)
	);
	const weightSum = districtWeight.reduce((a, b) => a + b, 0);
	const total = 1300 * rng.uniform(0.92, 1.08);
	districts.forEach((district, i) => {
		const inDistrict = communes.filter((c) => c.district === district);
		let rest = (total * (districtWeight[i] ?? 0)) / weightSum;
		for (const commune of inDistrict) {
			// A membership drive aims just past 60% coverage; some communes fall a little short.
			if (!low.has(commune.code) || !rng.chance(0.4)) continue;
			const gain = Math.max(0, Math.ceil(0.6 * commune.women) - commune.members0 + rng.int(-12, 20));
			growth.set(commune.code, gain);
			rest -= gain;
		}
		const others = inDistrict.filter((c) => !growth.has(c.code));
		const weights = others.map((c) => c.members0 * c.perf * jitter(rng));
		const sum = weights.reduce((a, b) => a + b, 0);
		others.forEach((commune, j) => {
			const expected = (Math.max(0, rest) * (weights[j] ?? 0)) / sum;
			// Units well behind may lose a few members over the year (moves, deaths, lapsed dues).
			growth.set(commune.code, Math.round(expected + rng.normal(0, 4)));
		});
	});
	return growth;
}

function caoBangMembers(
	ctx: Context,
	rng: Random,
	communes: Commune[],
	low: Set<string>,
	districtPerf: Map<string, number>
): void {
	const growth = caoBangGrowth(rng.fork('growth'), communes, low, districtPerf);
	for (const commune of communes) {
		const r = rng.fork(`members/${commune.code}`);
		const gain = growth.get(commune.code) ?? 0;
		ctx.out.value(commune.code, 'members', quarterCode(CB_YEAR - 1, 4), commune.members0);
		const path = [0.22, 0.47, 0.73].map((f) => Math.min(1, Math.max(0, f + r.uniform(-0.07, 0.07))));
		path.push(1);
		QUARTERS.forEach((quarter, i) => {
			if (commune.missingQuarter === quarter) return;
			const members = Math.max(0, commune.members0 + Math.round(gain * (path[i] ?? 1)));
			ctx.out.value(commune.code, 'members', quarterCode(CB_YEAR, quarter), members);
		});
		ctx.out.value(commune.code, 'resident_women', String(CB_YEAR), commune.women);
	}
}

/** Flow targets per commune per year, before performance: chosen so that plan totals land near the targets. */
function caoBangMainFlows(ctx: Context, rng: Random, communes: Commune[]): void {
	const povertyWeight = (c: Commune) => c.women * (c.district === '040' ? 0.25 : 1) * (c.urban ? 0.4 : 1);
	const provinceTotals: {
		indicator: string;
		total: number;
		weight: (c: Commune) => number;
		months: number[];
	}[] = [
		// Slightly over target: a few missed monthly reports lose some households from the count.
		{
			indicator: 'households_out_of_poverty',
			total: 161 * rng.uniform(0.9, 1.1),
			weight: povertyWeight,
			months: POVERTY_SEASON
		},
		{
			indicator: 'households_out_of_near_poverty',
			total: 161 * rng.uniform(0.88, 1.08),
			weight: povertyWeight,
			months: NEAR_POVERTY_SEASON
		},
		{
			indicator: 'members_introduced_to_party',
			total: 500 * rng.uniform(0.9, 1.06),
			weight: (c) => c.members0,
			months: PARTY_SEASON
		}
	];
	for (const { indicator, total, weight, months } of provinceTotals) {
		const r = rng.fork(indicator);
		const weights = communes.map((c) => weight(c) * c.factor * jitter(r));
		const sum = weights.reduce((a, b) => a + b, 0);
		communes.forEach((c, i) => {
			const annualMean = (total * (weights[i] ?? 0)) / sum;
			emitFlow(ctx, r, {
				unit: c.code,
				indicator,
				year: CB_YEAR,
				annualMean,
				monthWeights: months,
				schedule: c.schedule,
				missing: c.missingMain
			});
		});
	}
	// Per-commune targets (2.4): five households a year, at least one new-rural work.
	for (const [indicator, perCommune] of [
		['five_no_three_clean_households_added', 7],
		['new_rural_works', 2.5]
	] as const) {
		const r = rng.fork(indicator);
		for (const c of communes) {
			const annualMean = perCommune * c.factor * jitter(r, 0.15);
			emitFlow(ctx, r, {
				unit: c.code,
				indicator,
				year: CB_YEAR,
				annualMean,
				monthWeights: FLAT,
				schedule: c.schedule,
				missing: c.missingMain
			});
		}
	}
}

/** Activities every commune reports once a quarter, whatever its monthly schedule. */
function caoBangQuarterlyFlows(
	ctx: Context,
	rng: Random,
	communes: Commune[],
	districtPerf: Map<string, number>
): void {
	const perCommune: [string, number][] = [
		['policies_supervised', 1.8],
		['drafts_commented', 2.2],
		['it_skills_activities', 2.6]
	];
	// District targets (2.2, 2.8) are spread over the district's communes by size.
	const perDistrict: [string, number][] = [
		['startups_supported', 8],
		['women_business_leaders_supported', 3.5]
	];
	const districtWomen = new Map<string, number>();
	for (const c of communes) districtWomen.set(c.district, (districtWomen.get(c.district) ?? 0) + c.women);
	const quarterly = (c: Commune) => {
		const missing = new Set(c.schedule === 'quarterly' ? c.missingMain : []);
		if (c.missingQuarter) missing.add(quarterCode(CB_YEAR, c.missingQuarter));
		return missing;
	};
	for (const [indicator, mean] of perCommune) {
		const r = rng.fork(indicator);
		for (const c of communes) {
			const annualMean = mean * c.factor * jitter(r, 0.15);
			emitFlow(ctx, r, {
				unit: c.code,
				indicator,
				year: CB_YEAR,
				annualMean,
				monthWeights: FLAT,
				schedule: 'quarterly',
				missing: quarterly(c)
			});
		}
	}
	for (const [indicator, mean] of perDistrict) {
		const r = rng.fork(indicator);
		for (const c of communes) {
			const share = c.women / (districtWomen.get(c.district) ?? c.women);
			const annualMean = mean * (districtPerf.get(c.district) ?? 1) * share * jitter(r, 0.3);
			emitFlow(ctx, r, {
				unit: c.code,
				indicator,
				year: CB_YEAR,
				annualMean,
				monthWeights: FLAT,
				schedule: 'quarterly',
				missing: quarterly(c)
			});
		}
	}
	caoBangRareFlows(ctx, rng, communes, quarterly);
}

/** Cooperatives (2 a year province-wide) and victims of violence (2.3): rare events, reported quarterly. */
function caoBangRareFlows(
	ctx: Context,
	rng: Random,
	communes: Commune[],
	missing: (c: Commune) => Set<string>
): void {
	const coop = rng.fork('cooperatives_women_managed_new');
	const totalWomen = communes.reduce((sum, c) => sum + c.women, 0);
	for (const c of communes) {
		const annualMean = (2.6 * c.women * c.factor) / totalWomen;
		emitFlow(ctx, coop, {
			unit: c.code,
			indicator: 'cooperatives_women_managed_new',
			year: CB_YEAR,
			annualMean,
			monthWeights: FLAT,
			schedule: 'quarterly',
			missing: missing(c)
		});
	}
	const victims = rng.fork('dv_victims');
	for (const c of communes) {
		// Communes behind plan connect fewer of the victims they detect to a support service.
		const supportRate = c.perf < 0.75 ? victims.uniform(0.4, 0.7) : victims.uniform(0.75, 0.98);
		for (const quarter of QUARTERS) {
			const period = quarterCode(CB_YEAR, quarter);
			if (missing(c).has(period)) continue;
			const detected = victims.poisson((0.7 * c.women) / 1050 / 4);
			let supported = 0;
			for (let i = 0; i < detected; i++) if (victims.chance(supportRate)) supported++;
			ctx.out.value(c.code, 'dv_victims_detected', period, detected);
			ctx.out.value(c.code, 'dv_victims_supported', period, supported);
		}
	}
}

/** Quarterly stocks of every commune: activity types, computer, cadres, branch heads and their training. */
function caoBangCommuneStocks(ctx: Context, rng: Random, communes: Commune[]): void {
	for (const c of communes) {
		const r = rng.fork(`stocks/${c.code}`);
		const activityTypes = r.chance(0.05) ? 0 : r.pick([1, 1, 2, 2, 2, 3, 3, 4]);
		let computer = r.chance(0.91) ? 1 : 0;
		const cadres = r.chance(0.8) ? 2 : 1;
		let proficient = [...Array(cadres).keys()].filter(() => r.chance(0.85)).length;
		const heads = Math.min(35, Math.max(5, Math.round(c.women / 95)));
		const trainedShare = Math.min(1, Math.max(0.2, 0.66 * Math.min(c.perf, 1.2) * jitter(r, 0.1)));
		const trainedPath = [0.2, 0.5, 0.75, 1];
		for (const quarter of QUARTERS) {
			// Communes without a computer or with untrained cadres catch up during the year, not all of them.
			if (quarter > 1 && computer === 0 && r.chance(0.3)) computer = 1;
			if (quarter > 1 && proficient < cadres && r.chance(0.35)) proficient++;
			if (c.missingQuarter === quarter) continue;
			const period = quarterCode(CB_YEAR, quarter);
			ctx.out.value(c.code, 'regular_activity_types', period, activityTypes);
			ctx.out.value(c.code, 'has_computer', period, computer);
			ctx.out.value(c.code, 'cadres_fulltime', period, cadres);
			ctx.out.value(c.code, 'cadres_fulltime_proficient', period, proficient);
			ctx.out.value(c.code, 'branch_heads', period, heads);
			const trained = Math.round(heads * trainedShare * (trainedPath[quarter - 1] ?? 1));
			ctx.out.value(c.code, 'branch_heads_trained', period, trained);
		}
	}
}

/** Indicators only the provincial and district unions report (2.6, 2.7, 2.10). */
function caoBangUpperLevels(ctx: Context, rng: Random, province: string, districts: string[]): void {
	for (const unit of [province, ...districts]) {
		const r = rng.fork(`upper/${unit}`);
		const cadres = unit === province ? r.int(15, 19) : r.int(4, 7);
		const trainedPath = [0.55, 0.75, 0.9];
		QUARTERS.forEach((quarter, i) => {
			const period = quarterCode(CB_YEAR, quarter);
			// By the last quarter most, not always all, upper-level cadres have been trained.
			const share = i < 3 ? (trainedPath[i] ?? 1) * jitter(r, 0.08) : r.chance(0.7) ? 1 : 1 - 1 / cadres;
			ctx.out.value(unit, 'upper_cadres', period, cadres);
			ctx.out.value(unit, 'upper_cadres_it_trained', period, Math.min(cadres, Math.round(cadres * share)));
		});
	}
	// 2.7: the provincial and district unions' own supervisions and comments on drafts (rules use `own: true`),
	// on their own random streams so that the streams above stay as they were.
	for (const unit of [province, ...districts]) {
		const own = rng.fork(`own-supervision/${unit}`);
		const active = own.chance(0.85);
		QUARTERS.forEach((quarter) => {
			const period = quarterCode(CB_YEAR, quarter);
			ctx.out.value(unit, 'policies_supervised', period, active && own.chance(0.45) ? 1 : 0);
			if (unit !== province)
				ctx.out.value(unit, 'drafts_commented', period, active && own.chance(0.5) ? 1 : 0);
		});
	}
	const r = rng.fork('province-only');
	// Formal social criticism is rare: one or two drafts a year at most, occasionally none.
	const criticised = r.sample(QUARTERS, r.pick([0, 1, 1, 1, 2, 2, 2, 2, 2, 2]));
	for (const quarter of QUARTERS) {
		const drafts = criticised.includes(quarter) ? 1 : 0;
		ctx.out.value(province, 'drafts_social_criticism', quarterCode(CB_YEAR, quarter), drafts);
	}
	ctx.out.value(province, 'it_models_piloted', dateBetween(r, '2024-05-01', '2024-10-31'), 1);
}

/** District quotas for 2.5 and 2.9, in proportion to each district's members, summing exactly to the plan. */
function caoBangTargets(ctx: Context, districts: string[], communes: Commune[]): void {
	const members = districts.map((d) =>
		communes.filter((c) => c.district === d).reduce((s, c) => s + c.members0, 0)
	);
	for (const [indicator, total] of [
		['members', 1300],
		['members_introduced_to_party', 500]
	] as const) {
		const quotas = apportion(total, members);
		districts.forEach((d, i) => ctx.out.target(d, indicator, String(CB_YEAR), quotas[i] ?? 0));
	}
}

/** The quarterly events of 6.2 and everyone's quarterly reports. */
function caoBangSubmissions(
	ctx: Context,
	rng: Random,
	province: string,
	districts: string[],
	communes: Commune[]
): void {
	const events: [string, number, string, string][] = [
		['cb-branch-heads-meeting', 1, '2024-02-20', '2024-03-31'],
		['cb-advanced-models-conference', 2, '2024-05-01', '2024-06-30'],
		['cb-midterm-review-conference', 2, '2024-06-10', '2024-06-30'],
		['cb-family-festival', 2, '2024-06-20', '2024-06-30'],
		['cb-gender-stereotype-contest', 3, '2024-08-01', '2024-09-30'],
		['cb-project8-study-tour', 3, '2024-07-15', '2024-09-30'],
		['startup-day', 4, '2024-10-10', '2024-12-15'],
		['cb-guangxi-agreement', 4, '2024-11-01', '2024-12-31']
	];
	for (const [report, quarter, from, to] of events) {
		const date = eventDate(rng.fork(report), { from, to }, { late: 0.2, missing: 0.03 }, '2024-12-31');
		if (date) ctx.out.submission(province, report, quarterCode(CB_YEAR, quarter), date);
	}
	// Quarterly reports are due on the 20th of the quarter's last month (data cut off on the 14th).
	const reporters: [string, number, number][] = [
		...districts.map((d): [string, number, number] => [d, 0.07, 0.03]),
		...communes.map((c): [string, number, number] => [c.code, 0.1, 0.04])
	];
	for (const [unit, late, missing] of reporters) {
		const r = rng.fork(`periodic/${unit}`);
		for (const quarter of QUARTERS) {
			const due = `${CB_YEAR}-${pad2(quarter * 3)}-20`;
			const window = { from: addDays(due, -12), to: due };
			const date = eventDate(r, window, { late, missing }, '2024-12-31');
			if (date) ctx.out.submission(unit, 'union-periodic-report', quarterCode(CB_YEAR, quarter), date);
		}
	}
}

/** Typos a data-quality screen should catch: still valid numbers, but far off the unit's usual values. */
function caoBangImplausible(ctx: Context, rng: Random, communes: Commune[], low: Set<string>): void {
	const typical = communes.filter((c) => !low.has(c.code) && c.missingQuarter === null);
	// 4,000 members in a commune of about 900 resident women (a stray zero), in Q1 only: Q2 is right again.
	const small = typical.filter((c) => c.women >= 800 && c.women <= 1000);
	const membersTypo = rng.pick(small.length > 0 ? small : typical);
	ctx.out.replace(membersTypo.code, 'members', quarterCode(CB_YEAR, 1), 4000);
	// Ten times the usual monthly count of “5 no, 3 clean” households.
	const monthly = typical.filter(
		(c) => c.schedule === 'monthly' && c.missingMain.size === 0 && c !== membersTypo
	);
	const tenfold = rng.pick(monthly);
	const month = monthCode(CB_YEAR, rng.int(3, 10));
	ctx.out.replace(tenfold.code, 'five_no_three_clean_households_added', month, 10 * rng.int(2, 4));
}

function caoBang2024(ctx: Context): void {
	const plan = planOf(ctx, 'cao-bang-2024');
	const rng = ctx.rng.fork(plan.plan.id);
	const province = plan.plan.orgUnit;
	const districts = ctx.units.under(province, 'district');
	const districtPerf = new Map(districts.map((d) => [d, districtPerformance(rng.fork(`district/${d}`))]));
	const communes = ctx.units
		.under(province, 'commune')
		.map((code) => caoBangCommune(ctx, rng.fork(`commune/${code}`), code, districtPerf));
	const low = markLowCoverage(rng.fork('low-coverage'), communes);
	caoBangMembers(ctx, rng.fork('members'), communes, low, districtPerf);
	caoBangMainFlows(ctx, rng.fork('flows'), communes);
	caoBangQuarterlyFlows(ctx, rng.fork('quarterly'), communes, districtPerf);
	caoBangCommuneStocks(ctx, rng.fork('stocks'), communes);
	caoBangUpperLevels(ctx, rng.fork('upper'), province, districts);
	caoBangTargets(ctx, districts, communes);
	caoBangSubmissions(ctx, rng.fork('submissions'), province, districts, communes);
	caoBangImplausible(ctx, rng.fork('implausible'), communes, low);
}

// ---------------------------------------------------------------------------------------------------------
// Border programme 2020 (VN): 26 provinces, activities and inspections at border communes
// ---------------------------------------------------------------------------------------------------------

/**
 * One or two districts on the land border (or the island district) of each of the 26 provinces, pre-2025
 * codes. The rule files name the provinces and one commune in some of them, not the border communes, so the
 * demo places activities in communes of these districts: an illustrative choice, not the programme's list.
 */
const BORDER_DISTRICTS: Record<string, string[]> = {
	'02': ['026', '027'],
	'04': ['047', '048'],
	'10': ['082', '083'],
	'11': ['096', '103'],
	'12': ['109', '107'],
	'14': ['127', '126'],
	'20': ['182', '183'],
	'22': ['194', '198'],
	'38': ['384', '387'],
	'40': ['417', '418'],
	'42': ['439', '441'],
	'44': ['452', '456'],
	'45': ['465', '467'],
	'46': ['481'],
	'49': ['504', '510'],
	'51': ['536'],
	'62': ['611', '610'],
	'64': ['631', '628'],
	'66': ['646', '647'],
	'67': ['667', '663'],
	'70': ['691', '692'],
	'72': ['708', '705'],
	'80': ['796', '797'],
	'87': ['869', '870'],
	'89': ['886', '890'],
	'91': ['914', '900']
};
/** Regions the inspection team is asked to cover (“01 tỉnh miền núi phía Bắc, 01 Tây Nguyên, 01 Tây Nam Bộ”). */
const INSPECTION_REGIONS = [
	['02', '04', '10', '11', '12', '14', '20'],
	['62', '64', '66', '67'],
	['87', '89', '91']
];

function borderCommunes(ctx: Context, rng: Random, province: string, assigned: string[]): string[] {
	const districts = BORDER_DISTRICTS[province];
	if (!districts) throw new Error(`No border districts listed for province ${province}`);
	const pool: string[] = [];
	for (const district of districts) {
		if (ctx.units.get(district).parent !== province)
			throw new Error(`District ${district} is not in ${province}`);
		pool.push(...ctx.units.under(district, 'commune'));
	}
	const named = assigned.filter((code) => ctx.units.ancestorAt(code, 'province') === province);
	const others = rng.sample(
		pool.filter((code) => !named.includes(code)),
		rng.int(2, 4)
	);
	return [...named, ...others].sort();
}

/** Support activities, one row per commune and day (several on the same day are added up). */
function borderActivities(ctx: Context, rng: Random, commune: string, count: number, year: number): void {
	const byDay = new Map<string, number>();
	for (let i = 0; i < count; i++) {
		const day = dateBetween(rng, `${year}-02-15`, `${year}-12-20`);
		byDay.set(day, (byDay.get(day) ?? 0) + 1);
	}
	for (const [day, n] of [...byDay].sort()) ctx.out.value(commune, 'border_support_activities', day, n);
}

function borderProgramme2020(ctx: Context): void {
	const plan = planOf(ctx, 'trung-uong-bien-cuong-2020');
	const rng = ctx.rng.fork(plan.plan.id);
	const provinces = scopeUnits(plan, 'bc2020-II.2-province-support');
	const assigned = scopeUnits(plan, 'bc2020-II.2-assigned-communes');
	const reported = borderSubmissions(ctx, rng.fork('submissions'), plan.plan.orgUnit, provinces);
	const communesOf = new Map<string, string[]>();
	for (const province of provinces) {
		const r = rng.fork(`province/${province}`);
		const communes = borderCommunes(ctx, r, province, assigned);
		communesOf.set(province, communes);
		// A couple of provinces ran no direct activity at all in 2020 (the pandemic year).
		const active = r.chance(0.92);
		for (const commune of communes) {
			const count = active ? r.poisson(assigned.includes(commune) ? 2.5 : 1.5) : 0;
			borderActivities(ctx, r, commune, count, 2020);
			// The three-year report's data template states a zero; without the report there is no data at all.
			if (count === 0 && reported.has(province))
				ctx.out.value(commune, 'border_support_activities', '2020', 0);
		}
	}
	borderInspections(ctx, rng.fork('inspections'), communesOf);
	border1409Models(ctx, rng.fork('1409'), [...communesOf.values()].flat());
}

/** The central team's visits: two communes in each of three provinces, one per region. */
function borderInspections(ctx: Context, rng: Random, communesOf: Map<string, string[]>): void {
	for (const region of INSPECTION_REGIONS) {
		const province = rng.pick(region.filter((p) => communesOf.has(p)));
		const first = dateBetween(rng, '2020-09-07', '2020-11-20');
		rng.sample(communesOf.get(province) ?? [], 2).forEach((commune, i) => {
			ctx.out.value(commune, 'inspections', addDays(first, i), 1, 'border-women');
		});
	}
}

/** 39 livelihood models funded through the 1409 portal, spread over border communes; a few stop in H2. */
function border1409Models(ctx: Context, rng: Random, communes: string[]): void {
	const hosts = rng.sample(communes, 13);
	const models = hosts.map(() => 1);
	for (let i = 0; i < 39 - hosts.length; i++) {
		const host = rng.int(0, hosts.length - 1);
		models[host] = (models[host] ?? 0) + 1;
	}
	hosts.forEach((commune, i) => {
		const active = models[i] ?? 0;
		let stillActive = 0;
		for (let m = 0; m < active; m++) if (!rng.chance(0.025)) stillActive++;
		ctx.out.value(commune, 'livelihood_models_1409_active', '2020S1', active);
		ctx.out.value(commune, 'livelihood_models_1409_active', '2020S2', stillActive);
	});
}

/** Media and three-year reports of the provinces, and the final review; returns who sent the report. */
function borderSubmissions(ctx: Context, rng: Random, centre: string, provinces: string[]): Set<string> {
	const reported = new Set<string>();
	for (const province of provinces) {
		const r = rng.fork(province);
		const media = eventDate(
			r,
			{ from: '2020-07-10', to: '2020-08-20' },
			{ late: 0.17, missing: 0.06 },
			'2020-12-31'
		);
		if (media) ctx.out.submission(province, 'border-women-media', '2020', media);
		const report = eventDate(
			r,
			{ from: '2020-09-20', to: '2020-10-15' },
			{ late: 0.2, missing: 0.08 },
			'2020-12-31'
		);
		if (report) {
			ctx.out.submission(province, 'border-women-3y-report', '2020', report);
			reported.add(province);
		}
	}
	const review = eventDate(
		rng,
		{ from: '2020-12-08', to: '2020-12-29' },
		{ late: 0, missing: 0 },
		'2020-12-31'
	);
	if (review) ctx.out.submission(centre, 'border-women-final-review', '2020', review);
	return reported;
}

// ---------------------------------------------------------------------------------------------------------
// Quảng Trị 2021: communes quarterly, named communes, provincial publications and events
// ---------------------------------------------------------------------------------------------------------

/** Border communes of Hướng Hóa (465) and Đa Krông (467) on the border with Laos. */
const QT_BORDER_COMMUNES = [
	'19435',
	'19441',
	'19456',
	'19471',
	'19480',
	'19483',
	'19489',
	'19492',
	'19585',
	'19588',
	'19591',
	'19594'
];

function quangTri2021(ctx: Context): void {
	const plan = planOf(ctx, 'quang-tri-2021');
	const rng = ctx.rng.fork(plan.plan.id);
	const province = plan.plan.orgUnit;
	const named = [
		...scopeUnits(plan, 'qt2021-4.1-new-rural-sponsored-commune'),
		...scopeUnits(plan, 'qt2021-4.1-new-rural-communes-in-charge')
	];
	const communes = ctx.units.under(province, 'commune');
	const works = rng.fork('new_rural_works');
	for (const commune of communes) {
		// The sponsored communes get more support, but one may still see nothing built in the year.
		const mean = named.includes(commune) ? (works.chance(0.25) ? 0 : 4) : 2.4 * communePerformance(works);
		const missing = new Set(works.chance(0.04) ? [quarterCode(2021, works.int(1, 4))] : []);
		emitFlow(ctx, works, {
			unit: commune,
			indicator: 'new_rural_works',
			year: 2021,
			annualMean: mean,
			monthWeights: FLAT,
			schedule: 'quarterly',
			missing
		});
	}
	const typo = works.pick(communes.filter((c) => !named.includes(c)));
	const typoQuarter = quarterCode(2021, works.int(1, 4));
	if (ctx.out.values.has([typo, 'new_rural_works', typoQuarter, ''].join('|'))) {
		ctx.out.replace(typo, 'new_rural_works', typoQuarter, 20);
	}
	const border = rng.fork('border');
	for (const commune of QT_BORDER_COMMUNES) {
		if (ctx.units.ancestorAt(commune, 'province') !== province)
			throw new Error(`${commune} is not in Quảng Trị`);
		borderActivities(ctx, border, commune, border.poisson(0.9), 2021);
	}
	quangTriProvince(ctx, rng.fork('province'), province, communes);
}

/** What the provincial union itself publishes and holds. */
function quangTriProvince(ctx: Context, rng: Random, province: string, communes: string[]): void {
	// Election supervision around the 23 May 2021 election: usually 3–5 points, sometimes more.
	const points = rng.pick([3, 4, 4, 5, 5, 6]);
	for (const commune of rng.sample(communes, points)) {
		ctx.out.value(commune, 'election_supervision_points', dateBetween(rng, '2021-05-04', '2021-05-21'), 1);
	}
	// The monthly column: sometimes a month slips and two issues come out the month after.
	const slipped = rng.chance(0.6) ? rng.int(2, 11) : null;
	for (const month of MONTHS) {
		const issues = month === slipped ? 0 : slipped !== null && month === slipped + 1 ? 2 : 1;
		ctx.out.value(province, 'women_life_column_issues', monthCode(2021, month), issues);
	}
	const congress = dateBetween(rng, '2021-08-10', '2021-10-20');
	const congressMonth = monthCode(2021, Number(congress.slice(5, 7)));
	ctx.out.submission(province, 'provincial-congress', '2021', congress);
	ctx.out.value(province, 'bulletin_issues', '2021-03', 1);
	if (rng.chance(0.8)) ctx.out.value(province, 'bulletin_issues', congressMonth, 1);
	ctx.out.value(province, 'newspaper_pages', '2021-03', 1);
	ctx.out.value(province, 'newspaper_pages', '2021-10', 1);
	const bulletin = eventDate(
		rng,
		{ from: '2021-03-01', to: '2021-03-08' },
		{ late: 0.25, missing: 0 },
		'2021-12-31'
	);
	if (bulletin) ctx.out.submission(province, 'bulletin-8-3', '2021-03', bulletin);
	const startup = eventDate(
		rng,
		{ from: '2021-10-12', to: '2021-10-29' },
		{ late: 0.2, missing: 0.05 },
		'2021-12-31'
	);
	if (startup) ctx.out.submission(province, 'startup-day', '2021', startup);
}

// ---------------------------------------------------------------------------------------------------------
// Sóc Trăng 2022: clubs and models at communes (baseline 2021Q4), the online contest, district reports
// ---------------------------------------------------------------------------------------------------------

/** Coastal districts: Cù Lao Dung, Long Phú, Vĩnh Châu, Trần Đề (fishermen's clubs, border posts). */
const ST_COASTAL_DISTRICTS = ['945', '946', '950', '951'];

function socTrang2022(ctx: Context): void {
	const plan = planOf(ctx, 'soc-trang-2022');
	const rng = ctx.rng.fork(plan.plan.id);
	const province = plan.plan.orgUnit;
	const districts = ctx.units.under(province, 'district');
	const coastal = new Set(ST_COASTAL_DISTRICTS.flatMap((d) => ctx.units.under(d, 'commune')));
	for (const commune of ctx.units.under(province, 'commune')) {
		const r = rng.fork(`commune/${commune}`);
		socTrangModels(ctx, r, commune, 'crime_prevention_models', r.poisson(1.2));
		if (coastal.has(commune)) socTrangModels(ctx, r, commune, 'fishermen_wives_clubs', r.poisson(0.7));
		const clubs = coastal.has(commune) ? r.poisson(0.8) : r.poisson(0.15);
		const orphans = r.poisson(0.5);
		const foster = coastal.has(commune) ? r.poisson(0.35) : 0;
		for (const half of ['2022S1', '2022S2']) {
			const grow = half === '2022S2' && r.chance(0.15) ? 1 : 0;
			ctx.out.value(commune, 'sovereignty_clubs', half, clubs + grow);
			ctx.out.value(commune, 'orphans_sponsored', half, orphans + grow);
			if (coastal.has(commune)) ctx.out.value(commune, 'border_post_foster_children', half, foster);
		}
	}
	socTrangContest(ctx, rng.fork('contest'), districts);
	for (const district of districts) {
		const r = rng.fork(`report/${district}`);
		const date = eventDate(
			r,
			{ from: '2022-12-01', to: '2022-12-20' },
			{ late: 0.1, missing: 0.1 },
			'2022-12-31'
		);
		if (date) ctx.out.submission(district, 'union-periodic-report', '2022', date);
	}
}

/** A stock of models with a 2021Q4 baseline: a few communes add one during the year, a few lose one. */
function socTrangModels(
	ctx: Context,
	rng: Random,
	commune: string,
	indicator: string,
	baseline: number
): void {
	ctx.out.value(commune, indicator, '2021Q4', baseline);
	const changeQuarter = rng.int(1, 4);
	const change = rng.chance(0.12) ? 1 : baseline > 0 && rng.chance(0.04) ? -1 : 0;
	for (const quarter of QUARTERS) {
		const value = baseline + (quarter >= changeQuarter ? change : 0);
		ctx.out.value(commune, indicator, quarterCode(2022, quarter), value);
	}
}

/** Entries in the online contest (August–September 2022), reported monthly by the communes that joined. */
function socTrangContest(ctx: Context, rng: Random, districts: string[]): void {
	for (const district of districts) {
		// A district may not have mobilised anyone at all.
		const engaged = rng.chance(0.9);
		for (const commune of ctx.units.under(district, 'commune')) {
			if (!engaged || !rng.chance(0.8)) continue;
			const mean = 25 * communePerformance(rng);
			for (const month of [8, 9]) {
				ctx.out.value(commune, 'online_contest_participants', monthCode(2022, month), rng.poisson(mean));
			}
		}
	}
}

// ---------------------------------------------------------------------------------------------------------
// Project 8, 2022 (VN): models in the Project 8 communes of the ten provinces, TV programmes, review
// ---------------------------------------------------------------------------------------------------------

/** Mean number of each model per Project 8 commune by the end of 2022. */
const P8_MODELS: [string, number][] = [
	['communication_teams', 0.9],
	['safe_addresses', 0.5],
	['change_leader_clubs', 0.35],
	['savings_loan_groups', 0.6],
	['women_led_livelihood_groups', 0.7],
	['women_led_cooperatives', 0.1]
];

function project8_2022(ctx: Context): void {
	const plan = planOf(ctx, 'ubdt-project8-2022');
	const rng = ctx.rng.fork(plan.plan.id);
	const provinces = scopeUnits(plan, 'ubdt2022-II.1.2-communication-teams');
	const pilots = new Set<string>();
	for (const province of provinces) {
		const r = rng.fork(`province/${province}`);
		const all = ctx.units.under(province, 'commune');
		const communes = r.sample(all, Math.max(8, Math.round(all.length * r.uniform(0.12, 0.25))));
		// Now and then a province has not started one kind of model by the end of the year.
		const started = new Map(P8_MODELS.map(([indicator]) => [indicator, r.chance(0.93)]));
		for (const commune of communes) {
			for (const [indicator, mean] of P8_MODELS) {
				const count = started.get(indicator) ? r.poisson(mean) : 0;
				project8Stock(ctx, r, commune, indicator, count);
			}
		}
		if (r.chance(0.3)) pilots.add(r.pick(communes));
	}
	for (const commune of [...pilots].sort()) {
		project8Stock(ctx, rng.fork(`pilot/${commune}`), commune, 'savings_loan_livelihood_groups', 1);
	}
	project8Centre(ctx, rng.fork('centre'), plan.plan.orgUnit);
}

/** Quarterly stock of models set up during 2022: each model starts in a random quarter. */
function project8Stock(ctx: Context, rng: Random, commune: string, indicator: string, count: number): void {
	const starts = [...Array(count).keys()].map(() => rng.int(1, 4));
	for (const quarter of QUARTERS) {
		const value = starts.filter((q) => q <= quarter).length;
		ctx.out.value(commune, indicator, quarterCode(2022, quarter), value);
	}
}

/** Programmes on Vietnam Television and the December review conference, at the central level. */
function project8Centre(ctx: Context, rng: Random, centre: string): void {
	for (const month of rng.sample([9, 10, 11, 12], rng.int(1, 3))) {
		ctx.out.value(centre, 'tv_programmes_common_language', monthCode(2022, month), 1);
	}
	// Ethnic-language programmes need translation and were often late to air.
	if (rng.chance(0.6))
		ctx.out.value(centre, 'tv_programmes_ethnic_language', monthCode(2022, rng.int(11, 12)), 1);
	const review = eventDate(
		rng,
		{ from: '2022-12-10', to: '2022-12-28' },
		{ late: 0, missing: 0.2 },
		'2022-12-31'
	);
	if (review) ctx.out.submission(centre, 'ubdt-review-conference', '2022', review);
}

// ---------------------------------------------------------------------------------------------------------
// Entry points
// ---------------------------------------------------------------------------------------------------------

const byKeys =
	<T extends Record<string, string | number>>(keys: (keyof T)[]) =>
	(a: T, b: T) => {
		for (const key of keys) {
			const x = String(a[key]);
			const y = String(b[key]);
			if (x !== y) return x < y ? -1 : 1;
		}
		return 0;
	};

/** Generates every row in memory; reads data/org_units.csv and rules/*.json, writes nothing. */
export function generateDemo(): DemoData {
	const ctx: Context = {
		units: loadUnits(),
		plans: loadPlans(),
		out: new Collector(),
		rng: createRandom(SEED)
	};
	borderProgramme2020(ctx);
	quangTri2021(ctx);
	socTrang2022(ctx);
	project8_2022(ctx);
	caoBang2024(ctx);
	return {
		values: [...ctx.out.values.values()].sort(
			byKeys<ValueRow>(['org_unit', 'indicator', 'period', 'programme'])
		),
		targets: [...ctx.out.targets.values()].sort(byKeys<TargetRow>(['org_unit', 'indicator', 'period'])),
		submissions: [...ctx.out.submissions.values()].sort(
			byKeys<SubmissionRow>(['org_unit', 'report', 'period'])
		)
	};
}

/** The three files' text, exactly as written to data/. */
export function demoCsv(data: DemoData): { values: string; targets: string; submissions: string } {
	return {
		values: toCsv(VALUE_COLUMNS, data.values),
		targets: toCsv(TARGET_COLUMNS, data.targets),
		submissions: toCsv(SUBMISSION_COLUMNS, data.submissions)
	};
}

function main(): void {
	const data = generateDemo();
	const files: [string, readonly string[], ValueRow[] | TargetRow[] | SubmissionRow[]][] = [
		['values.csv', VALUE_COLUMNS, data.values],
		['targets.csv', TARGET_COLUMNS, data.targets],
		['submissions.csv', SUBMISSION_COLUMNS, data.submissions]
	];
	for (const [name, columns, rows] of files) {
		const path = join(DATA, name);
		const count = writeCsv(path, columns, rows);
		const kib = (statSync(path).size / 1024).toFixed(1);
		console.log(`data/${name}: ${count.toLocaleString('en')} rows, ${kib} KiB`);
	}
	console.log('Illustrative demo data (not real results), seed', JSON.stringify(SEED));
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
