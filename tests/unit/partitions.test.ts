/**
 * Partitioned Parquet for the CLI's native engine ($lib/db/partitions): which files a plan needs (pure), and that a
 * plan evaluated on the small dataset written as province/year partitions gets exactly the results it gets on the
 * same data loaded from CSV.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '$lib/db/connector';
import { loadDataset } from '$lib/db/load';
import { createNativeConnector } from '$lib/db/native';
import { findPartitions, loadPartitions, pickFiles, type PartitionNeed } from '$lib/db/partitions';
import type { PlanFile } from '$lib/model/plan';
import { evaluatePlan } from '$lib/rules/evaluate';
import { SMALL_DIR, smallFiles } from './fixtures/small/dataset';

const need = (
	provinces: string[] | null,
	from: number,
	to: number,
	change: string[] = []
): PartitionNeed => ({
	provinces: provinces && new Set(provinces),
	fromYear: from,
	toYear: to,
	changeIndicators: new Set(change),
	submissionYears: new Set()
});

const file = (province: string, year: string) => ({
	file: `values/province=${province}/year=${year}/data_0.parquet`,
	keys: { province, year }
});

describe('pickFiles', () => {
	const files = [file('04', '2023'), file('04', '2024'), file('04', '2025'), file('06', '2024')];

	it('reads only the plan’s province and years', () => {
		expect(pickFiles('values', files, [need(['04'], 2024, 2024)])).toEqual([
			{ file: files[1]?.file, indicators: null }
		]);
	});

	it('reads every province for a plan of the central unit', () => {
		expect(pickFiles('values', files, [need(null, 2024, 2024)]).map((p) => p.file)).toEqual([
			files[1]?.file,
			files[3]?.file
		]);
	});

	it('reads earlier years for `change` baselines, only their indicators, and only for values', () => {
		expect(pickFiles('values', files, [need(['04'], 2024, 2024, ['members'])])).toEqual([
			{ file: files[0]?.file, indicators: new Set(['members']) },
			{ file: files[1]?.file, indicators: null }
		]);
		expect(pickFiles('submissions', files, [need(['04'], 2024, 2024, ['members'])])).toHaveLength(1);
	});

	it('reads the submissions of a year a `submittedOn` fact names', () => {
		const last = { ...need(['04'], 2024, 2024), submissionYears: new Set([2023]) };
		expect(pickFiles('submissions', files, [last]).map((p) => p.file)).toEqual([
			files[0]?.file,
			files[1]?.file
		]);
		expect(pickFiles('values', files, [last]).map((p) => p.file)).toEqual([files[1]?.file]);
	});

	it('reads a file whole when any plan needs it whole', () => {
		const picks = pickFiles('values', files, [need(['04'], 2024, 2024, ['m']), need(['04'], 2023, 2023)]);
		expect(picks[0]).toEqual({ file: files[0]?.file, indicators: null });
	});

	it('always reads a file that lacks a key', () => {
		const flat = [{ file: 'values/data.parquet', keys: {} }];
		expect(pickFiles('values', flat, [need(['04'], 2024, 2024)])).toHaveLength(1);
	});
});

describe('evaluation on partitions (native DuckDB)', () => {
	let dir: string;
	let plan: PlanFile;
	let csv: Connector;
	let partitioned: Connector;

	beforeAll(async () => {
		dir = mkdtempSync(path.join(tmpdir(), 'chi-tieu-partitions-'));
		plan = JSON.parse(readFileSync(path.join(SMALL_DIR, 'small-2024.json'), 'utf8')) as PlanFile;
		const partitionedTables = ['values', 'targets', 'submissions'];
		// The small dataset's own rows, written as province/year partitions by native DuckDB.
		const writer = await createNativeConnector();
		for (const table of partitionedTables) {
			const source = path.join(SMALL_DIR, `${table}.csv`);
			const target = path.join(dir, table);
			await writer.exec(
				`COPY (SELECT *, substr(org_unit, 1, 2) AS province, substr(period, 1, 4) AS year
				       FROM read_csv(?, all_varchar = true, header = true))
				 TO '${target.replaceAll("'", "''")}' (FORMAT parquet, PARTITION_BY (province, year))`,
				[source]
			);
		}
		await writer.close();
		expect([...findPartitions(dir).keys()].sort()).toEqual(['submissions', 'targets', 'values']);

		csv = await createNativeConnector();
		await loadDataset(csv, smallFiles());
		partitioned = await createNativeConnector();
		await loadDataset(
			partitioned,
			smallFiles().filter((f) => !partitionedTables.includes(f.table))
		);
		const reports = await loadPartitions(partitioned, dir, [plan]);
		expect(reports.every((r) => r.filesRead > 0 && r.filesRead <= r.filesFound)).toBe(true);
	}, 240_000);

	afterAll(async () => {
		await csv?.close();
		await partitioned?.close();
		rmSync(dir, { recursive: true, force: true });
	});

	it('gives the same results as the CSV files', async () => {
		// As JSON: a unit's explanation is a getter of its class (unit-result.ts), which toEqual does not read.
		const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));
		for (const asOf of ['2024-03-31', '2024-06-30', '2024-12-31']) {
			const expected = asJson(await evaluatePlan(csv, plan, asOf));
			expect(asJson(await evaluatePlan(partitioned, plan, asOf))).toEqual(expected);
		}
	}, 240_000);
});
