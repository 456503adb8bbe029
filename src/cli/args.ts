/** Parses the command line (design.md §6). Pure, so that usage errors are tested without running anything. */
import { parseIsoDate } from '$lib/periods/dates';

export type EngineChoice = 'wasm' | 'native';

export type Command =
	| { command: 'evaluate'; data: string; rules: string; asOf: string | null; engine: EngineChoice }
	| { command: 'check'; data: string; rules: string; engine: EngineChoice }
	| { command: 'help' };

export const USAGE = `Usage:
  npm run cli --silent -- evaluate --data <dir> --rules <file-or-dir> [--as-of YYYY-MM-DD] [--engine wasm|native]
  npm run cli -- check --rules <file-or-dir> --data <dir> [--engine wasm|native]

evaluate  prints {"asOf", "results": [...]} as JSON on stdout; with --engine native, --data may hold values/,
          targets/ or submissions/ as Parquet partitioned by province and year (values/province=04/year=2024/*.parquet):
          only the partitions the plans need are read
check     validates rule files against the data's catalogue; exits 1 on any problem
Exit codes: 0 fine, 1 rule or data errors (on stderr), 2 usage.`;

export class UsageError extends Error {}

const FLAGS = new Set(['--data', '--rules', '--as-of', '--engine']);

export function parseArgs(argv: readonly string[]): Command {
	const [command, ...rest] = argv;
	if (!command || command === 'help' || command === '--help' || command === '-h') return { command: 'help' };
	if (command !== 'evaluate' && command !== 'check') throw new UsageError(`unknown command "${command}"`);
	const flags = new Map<string, string>();
	for (let i = 0; i < rest.length; i += 2) {
		const flag = rest[i] as string;
		const value = rest[i + 1];
		if (!FLAGS.has(flag)) throw new UsageError(`unknown option "${flag}"`);
		if (value === undefined || value.startsWith('--')) throw new UsageError(`option ${flag} needs a value`);
		if (flags.has(flag)) throw new UsageError(`option ${flag} given twice`);
		flags.set(flag, value);
	}
	const data = flags.get('--data');
	const rules = flags.get('--rules');
	if (!data) throw new UsageError('missing --data <dir>');
	if (!rules) throw new UsageError('missing --rules <file-or-dir>');
	const engine = flags.get('--engine') ?? 'wasm';
	if (engine !== 'wasm' && engine !== 'native')
		throw new UsageError(`--engine must be wasm or native, not "${engine}"`);
	if (command === 'check') {
		if (flags.has('--as-of')) throw new UsageError('--as-of is for evaluate only');
		return { command, data, rules, engine };
	}
	const asOfText = flags.get('--as-of');
	const asOf = asOfText === undefined ? null : parseIsoDate(asOfText);
	if (asOfText !== undefined && asOf === null)
		throw new UsageError(`--as-of must be a date YYYY-MM-DD, not "${asOfText}"`);
	return { command, data, rules, asOf, engine };
}
