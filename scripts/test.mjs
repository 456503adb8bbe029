// `npm test`: install what the tests need (npm packages, Debian's chromium), then run every check and test.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { ensureDependencies, run } from './setup.mjs';

const chromium = '/usr/bin/chromium';

function ensureChromium() {
	if (existsSync(chromium)) return;
	console.log('› Installing Debian chromium for the end-to-end tests…');
	const isRoot = process.getuid?.() === 0;
	const sudo = isRoot ? [] : ['sudo'];
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const apt = (/** @type {string[]} */ args) => {
		const [cmd, ...rest] = [...sudo, 'apt-get', ...args];
		run(/** @type {string} */ (cmd), rest, { env });
	};
	apt(['update', '-q']);
	apt(['install', '-y', '-q', '--no-install-recommends', 'chromium', 'fonts-dejavu-core']);
}

/** Sums the counts of the two runners' JSON reports into the plain closing line CI reads. */
function printTotals() {
	let passed = 0;
	let failed = 0;
	let skipped = 0;
	if (existsSync('test-reports/vitest.json')) {
		const v = JSON.parse(readFileSync('test-reports/vitest.json', 'utf8'));
		passed += v.numPassedTests;
		failed += v.numFailedTests;
		skipped += v.numPendingTests + (v.numTodoTests ?? 0);
	}
	if (existsSync('test-reports/playwright.json')) {
		const p = JSON.parse(readFileSync('test-reports/playwright.json', 'utf8'));
		passed += p.stats.expected + p.stats.flaky;
		failed += p.stats.unexpected;
		skipped += p.stats.skipped;
	}
	console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
	return failed;
}

ensureDependencies();
ensureChromium();
// Reports of an earlier run must not be counted in this one.
rmSync('test-reports', { recursive: true, force: true });
mkdirSync('test-reports', { recursive: true });
run('npx', ['svelte-kit', 'sync']);
run('npx', ['prettier', '--check', '.']);
run('npx', ['eslint', '.']);
run('npx', ['svelte-check', '--tsconfig', './tsconfig.json', '--fail-on-warnings']);
const unit = spawnSync(
	'npx',
	['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile=test-reports/vitest.json'],
	{ stdio: 'inherit' }
);
run('npx', ['vite', 'build']);
const e2e = spawnSync('npx', ['playwright', 'test'], { stdio: 'inherit' });
const failed = printTotals();
process.exit(unit.status || e2e.status || failed ? 1 : 0);
