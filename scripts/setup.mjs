// Installs the exact dependencies of package-lock.json when they are missing or out of date, so that
// `npm start` and `npm test` work on a fresh clone with nothing but Node and npm.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const stamp = 'node_modules/.chi-tieu-lock.sha256';

/** @returns {string} */
function lockHash() {
	return createHash('sha256').update(readFileSync('package-lock.json')).digest('hex');
}

export function ensureDependencies() {
	const wanted = lockHash();
	if (existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === wanted) return;
	console.log('› Installing dependencies (npm ci)…');
	const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { stdio: 'inherit' });
	if (result.status !== 0) process.exit(result.status ?? 1);
	writeFileSync(stamp, wanted + '\n');
}

/**
 * Runs a command, echoing it, and exits the process with its code if it fails.
 * @param {string} command
 * @param {string[]} args
 * @param {import('node:child_process').SpawnSyncOptions} [options]
 */
export function run(command, args, options = {}) {
	console.log(`› ${command} ${args.join(' ')}`);
	const result = spawnSync(command, args, { stdio: 'inherit', ...options });
	if (result.status !== 0) {
		console.error(`✗ ${command} ${args.join(' ')} exited with ${result.status ?? result.signal}`);
		process.exit(result.status ?? 1);
	}
}

if (import.meta.url === `file://${process.argv[1]}`) ensureDependencies();
