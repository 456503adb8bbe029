/**
 * The scratch database the editor runs rule tests on: a second DuckDB-WASM, started on first use, holding only
 * the default data's reference tables. Tests replace its values, targets and submissions at will, so they never
 * touch the data on screen.
 */
import type { Connector } from '$lib/db/connector';
import { fetchFile, withEngineAndFiles } from '$lib/db/session';
import { createBrowserConnector } from '$lib/db/wasm-browser';
import { defaultFiles } from '$lib/data/default-files';
import {
	isTestTable,
	prepareTestDatabase,
	runRuleTests,
	type PlanWithTests,
	type RuleTestReport
} from '$lib/rules/rule-tests';

let database: Promise<Connector> | null = null;

async function openTestDatabase(): Promise<Connector> {
	const remote = defaultFiles().filter((file) => !isTestTable(file.table));
	return withEngineAndFiles(
		createBrowserConnector(),
		Promise.all(remote.map(fetchFile)),
		async (conn, files) => {
			await prepareTestDatabase(conn, files);
			return conn;
		}
	);
}

/** The scratch database, started once; a failed start is forgotten so that the next run retries. */
function testDatabase(): Promise<Connector> {
	if (!database) {
		database = openTestDatabase();
		database.catch(() => (database = null));
	}
	return database;
}

// Runs share the scratch tables: one at a time, in the order asked.
let queue: Promise<unknown> = Promise.resolve();

/** Runs a valid plan's tests in the browser. */
export function runTestsInBrowser(plan: PlanWithTests): Promise<RuleTestReport> {
	const run = queue.then(async () => runRuleTests(await testDatabase(), plan));
	queue = run.catch(() => undefined);
	return run;
}
