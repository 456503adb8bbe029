/**
 * The benchmark in headless Chromium: page.ts bundled by esbuild, served with DuckDB-WASM's dist files and the
 * dataset from a tiny HTTP server on 127.0.0.1 (a free port, closed at the end), driven by Playwright with the
 * Debian Chromium. Every run is a fresh browser, so that the tab's peak memory (VmHWM of its renderer process,
 * where DuckDB's worker lives too) is that run's. Every run has a time limit; a crashed tab is reported, not
 * retried.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createReadStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { build, type Plugin } from 'esbuild';
import { TABLE_NAMES, type TableName } from '$lib/model/data';
import type { ColdStartResult, DirectLoadResult, PageOptions, PageResult } from './page';

export interface Measured<T> {
	result: T | null;
	error: string | null;
	/** Peak resident memory of the tab's renderer process (bytes). */
	peakRssBytes: number | null;
	/** Peak of all Chromium processes together, sampled every 250 ms (bytes). */
	peakTotalRssBytes: number;
	/** The tab's peak so far at each progress line of the page (`loaded in …`, …): which phase set the peak. */
	checkpoints: { line: string; peakBytes: number; rssBytes: number }[];
	browserVersion: string;
}

export type BrowserRun = Measured<PageResult>;

type BenchWindow = {
	bench: {
		run: (o: PageOptions) => Promise<PageResult>;
		directLoad: (size: string) => Promise<DirectLoadResult>;
		coldStart: (o: { tables: TableName[]; plan: string }) => Promise<ColdStartResult>;
	};
};

const CONTENT_TYPES: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.wasm': 'application/wasm',
	'.csv': 'text/csv; charset=utf-8',
	'.json': 'application/json'
};

const PAGE =
	'<!doctype html><meta charset="utf-8"><title>chi-tieu bench</title><link rel="icon" href="data:,"><script type="module" src="/page.js"></script>';

/**
 * Vite's `?url` imports of the app's modules (wasm-browser.ts), as this server serves them: the DuckDB-WASM files
 * under /duckdb/. The page then runs the app's connector unchanged instead of a copy of it.
 */
const assetUrls: Plugin = {
	name: 'asset-urls',
	setup(builder) {
		builder.onResolve({ filter: /\?url$/ }, (args) => ({
			path: path.basename(args.path.replace(/\?url$/, '')),
			namespace: 'asset-url'
		}));
		builder.onLoad({ filter: /.*/, namespace: 'asset-url' }, (args) => ({
			contents: `export default ${JSON.stringify(`/duckdb/${args.path}`)};`,
			loader: 'js'
		}));
	}
};

export async function bundle(root: string): Promise<string> {
	const out = await build({
		entryPoints: [path.join(root, 'scripts/bench/page.ts')],
		bundle: true,
		write: false,
		format: 'esm',
		platform: 'browser',
		target: 'es2022',
		tsconfig: path.join(root, 'tsconfig.node.json'),
		// Only CSV is loaded here: the Parquet path's dynamic import is never taken.
		external: ['parquet-wasm', 'parquet-wasm/*'],
		plugins: [assetUrls],
		logLevel: 'error'
	});
	return out.outputFiles[0]?.text ?? '';
}

/** Serves the page, DuckDB-WASM's dist folder and bench-data/ (fixed names only) on 127.0.0.1. */
export async function serve(root: string, script: string): Promise<Server> {
	const dist = path.join(root, 'node_modules/@duckdb/duckdb-wasm/dist');
	const data = path.join(root, 'bench-data');
	const server = createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		let file: string | null = null;
		let body: string | null = null;
		if (url.pathname === '/') body = PAGE;
		else if (url.pathname === '/page.js') body = script;
		else {
			const duck = /^\/duckdb\/([\w.-]+\.(?:wasm|js))$/.exec(url.pathname);
			const bench = /^\/data\/(province|region|country)\/(\w+\.(?:csv|json))$/.exec(url.pathname);
			const defaults = /^\/default\/(\w+\.csv)$/.exec(url.pathname);
			const rules = /^\/rules\/([\w-]+\.json)$/.exec(url.pathname);
			if (duck) file = path.join(dist, duck[1] as string);
			else if (bench) file = path.join(data, bench[1] as string, bench[2] as string);
			else if (defaults) file = path.join(root, 'data', defaults[1] as string);
			else if (rules) file = path.join(root, 'rules', rules[1] as string);
		}
		const ext = file ? path.extname(file) : url.pathname === '/' ? '.html' : '.js';
		if (body !== null) {
			res.writeHead(200, { 'content-type': CONTENT_TYPES[ext] ?? 'application/octet-stream' });
			res.end(body);
		} else if (file && existsSync(file)) {
			res.writeHead(200, {
				'content-type': CONTENT_TYPES[ext] ?? 'application/octet-stream',
				'content-length': statSync(file).size
			});
			createReadStream(file).pipe(res);
		} else {
			res.writeHead(404).end();
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return server;
}

/** Descendant processes of `pid` (Linux /proc). */
function descendants(pid: number): number[] {
	const parents = new Map<number, number>();
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
			const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
			parents.set(Number(entry), ppid);
		} catch {
			// The process ended meanwhile.
		}
	}
	const found: number[] = [];
	const stack = [pid];
	while (stack.length) {
		const current = stack.pop() as number;
		for (const [child, parent] of parents) {
			if (parent !== current) continue;
			found.push(child);
			stack.push(child);
		}
	}
	return found;
}

function statusKb(pid: number, field: 'VmHWM' | 'VmRSS'): number {
	try {
		const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
		return match ? Number(match[1]) : 0;
	} catch {
		return 0;
	}
}

const isChromium = (pid: number) => {
	try {
		return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('chromium');
	} catch {
		return false;
	}
};

const isRenderer = (pid: number) => {
	try {
		return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer');
	} catch {
		return false;
	}
};

export interface BrowserOptions {
	root: string;
	size: string;
	tables: readonly TableName[];
	province: string;
	runs: number;
	fullRepeats: number;
	stepRepeats: number;
	profile: boolean;
	/** Per run. */
	timeLimitMs: number;
	log: (line: string) => void;
}

/** Opens the page in `browser`, runs `work` on it within the time limit, and watches the tab's memory. */
async function oneRun<T>(
	browser: Browser,
	base: string,
	options: Pick<BrowserOptions, 'timeLimitMs' | 'log'>,
	work: (page: Page) => Promise<T>
): Promise<Measured<T>> {
	// Playwright starts Chromium as a child of this process: its processes are ours to watch.
	const pid = process.pid;
	const page = await browser.newPage();
	let crashed = false;
	page.on('crash', () => (crashed = true));
	const renderers = new Set<number>();
	let peakRenderer = 0;
	let peakTotal = 0;
	const sample = () => {
		let total = 0;
		for (const child of descendants(pid)) {
			if (!isChromium(child)) continue;
			total += statusKb(child, 'VmRSS');
			if (isRenderer(child)) renderers.add(child);
		}
		for (const r of renderers) peakRenderer = Math.max(peakRenderer, statusKb(r, 'VmHWM'));
		peakTotal = Math.max(peakTotal, total);
	};
	const checkpoints: BrowserRun['checkpoints'] = [];
	page.on('console', (message) => {
		sample();
		const rss = [...renderers].reduce((n, r) => Math.max(n, statusKb(r, 'VmRSS')), 0);
		checkpoints.push({ line: message.text(), peakBytes: peakRenderer * 1024, rssBytes: rss * 1024 });
		options.log(`chromium: ${message.text()}`);
	});
	const sampler = setInterval(sample, 250);
	let timer: NodeJS.Timeout | undefined;
	try {
		await page.goto(base);
		await page.waitForFunction(() => 'bench' in window, null, { timeout: 30_000 });
		const limit = new Promise<never>((_, reject) => {
			timer = setTimeout(
				() => reject(new Error(`time limit of ${options.timeLimitMs / 1000} s`)),
				options.timeLimitMs
			);
		});
		const result = await Promise.race([work(page), limit]);
		sample();
		return {
			result,
			error: null,
			peakRssBytes: peakRenderer * 1024,
			peakTotalRssBytes: peakTotal * 1024,
			checkpoints,
			browserVersion: browser.version()
		};
	} catch (error) {
		sample();
		const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
		return {
			result: null,
			error: crashed ? `tab crashed (${message})` : message,
			peakRssBytes: peakRenderer * 1024,
			peakTotalRssBytes: peakTotal * 1024,
			checkpoints,
			browserVersion: browser.version()
		};
	} finally {
		clearTimeout(timer);
		clearInterval(sampler);
		await page.close().catch(() => undefined);
	}
}

const launch = () =>
	chromium.launch({
		executablePath: '/usr/bin/chromium',
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			// For experiments only, e.g. BENCH_CHROMIUM_FLAGS='--js-flags=--no-liftoff'.
			...(process.env.BENCH_CHROMIUM_FLAGS?.split(' ').filter(Boolean) ?? [])
		]
	});

/** Serves the page for `use`, then closes the server. */
async function withServer<T>(root: string, use: (base: string) => Promise<T>): Promise<T> {
	const server = await serve(root, await bundle(root));
	const { port } = server.address() as AddressInfo;
	try {
		return await use(`http://127.0.0.1:${port}/`);
	} finally {
		await new Promise((resolve) => server.close(resolve));
		server.closeAllConnections();
	}
}

/** Runs the suite `runs` times in fresh headless Chromium browsers. */
export function runInChromium(options: BrowserOptions): Promise<BrowserRun[]> {
	return withServer(options.root, async (base) => {
		const runs: BrowserRun[] = [];
		for (let i = 0; i < options.runs; i++) {
			const browser = await launch();
			try {
				const pageOptions: PageOptions = {
					size: options.size,
					tables: [...options.tables],
					province: options.province,
					fullRepeats: options.fullRepeats,
					stepRepeats: options.stepRepeats,
					profile: options.profile && i === options.runs - 1
				};
				const run = await oneRun(browser, base, options, (page) =>
					page.evaluate((o) => (window as unknown as BenchWindow).bench.run(o), pageOptions)
				);
				runs.push(run);
				options.log(
					run.error
						? `run ${i + 1}: FAILED: ${run.error}`
						: `run ${i + 1}: peak tab memory ${((run.peakRssBytes ?? 0) / 2 ** 20).toFixed(0)} MiB`
				);
				if (run.error) break;
			} finally {
				await browser.close().catch(() => undefined);
			}
		}
		return runs;
	});
}

/**
 * Experiment (not the app's loader): the values loaded by one typed `read_csv`, period dates joined from the
 * distinct period codes, in a fresh browser, to see what the load and the tab's peak could be without staging.
 */
export function directLoadInChromium(
	options: Pick<BrowserOptions, 'root' | 'size' | 'timeLimitMs' | 'log'>
): Promise<Measured<DirectLoadResult>> {
	return withServer(options.root, async (base) => {
		const browser = await launch();
		try {
			return await oneRun(browser, base, options, (page) =>
				page.evaluate((size) => (window as unknown as BenchWindow).bench.directLoad(size), options.size)
			);
		} finally {
			await browser.close().catch(() => undefined);
		}
	});
}

/**
 * The work before the first scorecard with the default data (page.ts, `coldStart`), each run in a fresh browser
 * so that nothing is cached.
 */
export function coldStartInChromium(
	options: Pick<BrowserOptions, 'root' | 'runs' | 'timeLimitMs' | 'log'> & { plan: string }
): Promise<Measured<ColdStartResult>[]> {
	const tables = TABLE_NAMES.filter((t) => existsSync(path.join(options.root, 'data', `${t}.csv`)));
	return withServer(options.root, async (base) => {
		const runs: Measured<ColdStartResult>[] = [];
		for (let i = 0; i < options.runs; i++) {
			const browser = await launch();
			try {
				runs.push(
					await oneRun(browser, base, options, (page) =>
						page.evaluate((o) => (window as unknown as BenchWindow).bench.coldStart(o), {
							tables: [...tables],
							plan: options.plan
						})
					)
				);
			} finally {
				await browser.close().catch(() => undefined);
			}
		}
		return runs;
	});
}

/** The built app's first scorecard: from navigation to its rows on screen, in a fresh browser. */
export interface AppColdStart {
	/** performance.now() in the page when the scorecard's first row was there (0 = navigation start). */
	scorecardMs: number;
	/** Which scorecard that was: computed at build time (src/lib/rules/precomputed.ts) or evaluated live. */
	firstSource: 'precomputed' | 'live';
	/** When the live scorecard's rows were there (the same moment when the first one was live). */
	liveMs: number;
	/** Targets (rows) of the first scorecard. */
	rows: number;
}

/**
 * Runs in the page before its own code: notes the moment each kind of scorecard first has rows, from a
 * MutationObserver (polling from the test side would add its own delay). A string, not a function: tsx's esbuild
 * wraps functions in a `__name` helper that does not exist in the page.
 */
const WATCH_SCORECARDS = `(() => {
	const seen = {};
	window.__scorecards = seen;
	new MutationObserver(() => {
		for (const view of document.querySelectorAll('[data-testid="scorecard-view"]')) {
			const source = view.getAttribute('data-source');
			const rows = view.querySelectorAll('[data-testid="scorecard"] tbody tr.target').length;
			if (!(source in seen) && rows > 0) {
				seen[source] = performance.now();
				seen[source + 'Rows'] = rows;
			}
		}
	}).observe(document, { childList: true, subtree: true });
})();`;

/**
 * The real thing the issue's goal names: `npm run build`'s output served by `vite preview` (as `npm start` does),
 * opened in a fresh headless Chromium each time (no cache, no service worker), until the scorecard's rows of
 * the default plan are on screen. Builds first, so that the code measured is the checkout's.
 */
export async function appColdStartInChromium(options: {
	root: string;
	runs: number;
	log: (line: string) => void;
}): Promise<Measured<AppColdStart>[]> {
	options.log('building the app (vite build) …');
	const result = spawnSync('npx', ['vite', 'build'], { cwd: options.root, stdio: 'ignore' });
	if (result.status !== 0) throw new Error('vite build failed');
	const port = 41000 + Math.floor(Math.random() * 900);
	const preview = spawn(
		'npx',
		['vite', 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
		{
			cwd: options.root,
			stdio: 'ignore',
			detached: true
		}
	);
	const base = `http://127.0.0.1:${port}/`;
	try {
		for (let i = 0; ; i++) {
			if (i > 120) throw new Error('vite preview did not answer');
			if (
				await fetch(base).then(
					(r) => r.ok,
					() => false
				)
			)
				break;
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
		const runs: Measured<AppColdStart>[] = [];
		for (let i = 0; i < options.runs; i++) {
			const browser = await launch();
			try {
				const page = await browser.newPage();
				let result: AppColdStart | null = null;
				let error: string | null = null;
				try {
					await page.addInitScript(WATCH_SCORECARDS);
					await page.goto(base);
					await page
						.locator('[data-testid="scorecard-view"][data-source="live"] [data-testid="scorecard"] tbody tr')
						.first()
						.waitFor({ timeout: 60_000 });
					const seen = await page.evaluate(
						() => (window as unknown as { __scorecards: Record<string, number> }).__scorecards
					);
					const live = seen.live;
					if (live === undefined) throw new Error('the live scorecard was not seen');
					const first = seen.precomputed !== undefined && seen.precomputed < live ? 'precomputed' : 'live';
					result = {
						scorecardMs: seen[first] ?? live,
						firstSource: first,
						liveMs: live,
						rows: seen[`${first}Rows`] ?? 0
					};
					options.log(
						`first scorecard (${first}) on screen after ${result.scorecardMs.toFixed(0)} ms, ` +
							`the live one after ${live.toFixed(0)} ms`
					);
				} catch (e) {
					error = e instanceof Error ? e.message : String(e);
				}
				runs.push({
					result,
					error,
					peakRssBytes: null,
					peakTotalRssBytes: 0,
					checkpoints: [],
					browserVersion: browser.version()
				});
			} finally {
				await browser.close().catch(() => undefined);
			}
		}
		return runs;
	} finally {
		if (preview.pid) process.kill(-preview.pid);
	}
}
