/**
 * `virtual:precomputed-scorecards`: the scorecards of the bundled plans on the default data, computed once per
 * `vite build` by scripts/precompute-scorecards.ts (src/lib/rules/precomputed.ts says why). The module is an index;
 * each scorecard is its own chunk, fetched only for the plan on screen.
 *
 * Under `vite dev` and Vitest the index is empty: data and rules change while they run, and a stale first
 * scorecard would contradict the live one. A build whose precomputation fails warns and ships an empty index: the
 * app then waits for DuckDB, as it did before, rather than not building.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Plugin } from 'vite';

const INDEX = 'virtual:precomputed-scorecards';
const ENTRY = `${INDEX}/`;

interface Computed {
	json: string | null;
	problem: string | null;
}

/**
 * SvelteKit builds twice (server, then client) in one process, each with a fresh plugin: computing once per
 * process and state of the inputs keeps the build a few seconds shorter.
 */
const computedKey = Symbol.for('chi-tieu.precomputed-scorecards');
type WithComputed = typeof globalThis & { [computedKey]?: { inputs: string; computed: Computed } };

/** The names, sizes and modification times of what the scorecards are computed from. */
function inputsOf(root: string): string {
	return ['data', 'rules']
		.flatMap((dir) =>
			readdirSync(path.join(root, dir)).map((name) => {
				const stat = statSync(path.join(root, dir, name));
				return `${dir}/${name}:${stat.size}:${stat.mtimeMs}`;
			})
		)
		.join('\n');
}

function compute(root: string): Computed {
	const holder = globalThis as WithComputed;
	const inputs = inputsOf(root);
	if (holder[computedKey]?.inputs === inputs) return holder[computedKey].computed;
	const require = createRequire(import.meta.url);
	const run = spawnSync(
		process.execPath,
		[require.resolve('tsx/cli'), '--tsconfig', 'tsconfig.node.json', 'scripts/precompute-scorecards.ts'],
		{ cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }
	);
	const computed: Computed =
		run.status === 0
			? { json: run.stdout, problem: null }
			: { json: null, problem: (run.stderr || run.error?.message || `exit ${run.status}`).trim() };
	holder[computedKey] = { inputs, computed };
	return computed;
}

interface Parsed {
	scorecards: { plan: string; planFingerprint: string; asOf: string }[];
}

export function precomputedScorecards(): Plugin {
	let root = process.cwd();
	let building = false;
	let parsed: Parsed = { scorecards: [] };
	return {
		name: 'chi-tieu:precomputed-scorecards',
		configResolved(config) {
			root = config.root;
			building = config.command === 'build' && !process.env.VITEST;
		},
		buildStart() {
			if (!building) return;
			const computed = compute(root);
			if (computed.json === null) {
				this.warn(`no precomputed scorecards: the first scorecard waits for DuckDB.\n${computed.problem}`);
				return;
			}
			parsed = JSON.parse(computed.json) as Parsed;
		},
		resolveId(id) {
			if (id === INDEX || id.startsWith(ENTRY)) return `\0${id}`;
			return null;
		},
		load(id) {
			if (id === `\0${INDEX}`) {
				const entries = parsed.scorecards.map(
					(s, i) =>
						`{ plan: ${JSON.stringify(s.plan)}, planFingerprint: ${JSON.stringify(s.planFingerprint)}, ` +
						`asOf: ${JSON.stringify(s.asOf)}, load: () => import(${JSON.stringify(`${ENTRY}${i}`)}) }`
				);
				return `export default [${entries.join(',\n')}];`;
			}
			if (id.startsWith(`\0${ENTRY}`)) {
				const scorecard = parsed.scorecards[Number(id.slice(ENTRY.length + 1))];
				// JSON.parse of a string literal: faster to start than the same object as a JavaScript literal.
				return `export default JSON.parse(${JSON.stringify(JSON.stringify(scorecard ?? null))});`;
			}
			return null;
		}
	};
}
