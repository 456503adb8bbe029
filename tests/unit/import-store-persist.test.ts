import { describe, expect, it } from 'vitest';
import { effectiveRows, planRemoval, type ImportRecord } from '$lib/import-store/history';
import { asMapping, recallMapping, rememberMapping, type KeyValueStore } from '$lib/import-store/mappings';
import { decodeImport, encodeImport, orderRecords } from '$lib/import-store/persist';

const record = (id: string, at: string, value = 3): ImportRecord => ({
	id,
	file: `báo cáo ${id}.xlsx`,
	sheets: ['Quý IV'],
	at,
	counts: { rowsRead: 4, imported: 1, updated: 1, quarantined: 2, blankCells: 5 },
	rows: [
		{ orgUnit: '040', indicator: 'startups', period: '2024Q4', value, programme: null },
		{ orgUnit: '053', indicator: 'startups', period: '2024Q4', value: 1, programme: 'border-women' }
	],
	replaced: [
		{ orgUnit: '040', indicator: 'startups', period: '2024Q4', value: 2, programme: null },
		{ orgUnit: '053', indicator: 'startups', period: '2024Q4', value: null, programme: 'border-women' }
	]
});

const memoryStore = (): KeyValueStore & { map: Map<string, string> } => {
	const map = new Map<string, string>();
	return {
		map,
		getItem: (k) => map.get(k) ?? null,
		setItem: (k, v) => void map.set(k, v),
		removeItem: (k) => void map.delete(k)
	};
};

describe('stored imports', () => {
	it('round-trip through the stored form (as IndexedDB would clone it)', () => {
		const a = record('a', '2026-12-03T08:00:00.000Z');
		const stored = structuredClone(encodeImport(a, 7));
		expect(stored.rows.org_unit).toEqual(['040', '053']);
		expect(decodeImport(stored)).toEqual({ record: a, seq: 7 });
	});

	it('come back in the order applied', () => {
		const a = encodeImport(record('a', '2026-12-03T09:00:00.000Z'), 2);
		const b = encodeImport(record('b', '2026-12-03T08:00:00.000Z'), 1);
		expect(orderRecords([a, b]).map((r) => r.id)).toEqual(['b', 'a']);
	});

	it('drop malformed records instead of throwing', () => {
		const good = encodeImport(record('a', '2026-12-03T08:00:00.000Z'), 1);
		const broken = [
			null,
			'text',
			{ ...good, v: 2 },
			{ ...good, counts: { ...good.counts, imported: -1 } },
			{ ...good, rows: { ...good.rows, value: [1] } }, // columns of unequal length
			{ ...good, rows: { ...good.rows, value: [null, 1] } }, // an applied row without a value
			{ ...good, rows: { ...good.rows, value: [Number.NaN, 1] } },
			{ ...good, replaced: { ...good.replaced, org_unit: [4, '053'] } }
		];
		for (const raw of broken) expect(decodeImport(raw)).toBeNull();
		expect(orderRecords([...broken, good]).map((r) => r.id)).toEqual(['a']);
	});
});

describe('history of imports', () => {
	it('exports the values in force: the last import of a key wins', () => {
		const a = record('a', '2026-12-03T08:00:00.000Z', 3);
		const b = { ...record('b', '2026-12-03T09:00:00.000Z', 8), rows: [record('b', '', 8).rows[0]!] };
		const rows = effectiveRows([a, b]);
		expect(rows.map((r) => [r.orgUnit, r.value, r.importId])).toEqual([
			['053', 1, 'a'],
			['040', 8, 'b']
		]);
	});

	it('removing an unknown import changes nothing', () => {
		const a = record('a', '2026-12-03T08:00:00.000Z');
		expect(planRemoval([a], 'zzz')).toEqual({ writes: [], remaining: [a], changed: [] });
	});

	it('removing an import restores what it replaced, and hands it to a later import of the same key', () => {
		const a = record('a', '2026-12-03T08:00:00.000Z', 3);
		const b = record('b', '2026-12-03T09:00:00.000Z', 8);
		// b replaced a's values.
		b.replaced = [
			{ ...b.replaced[0]!, value: 3 },
			{ ...b.replaced[1]!, value: 1 }
		];
		const removal = planRemoval([a, b], 'a');
		expect(removal.writes).toEqual([]);
		expect(removal.changed).toEqual(['b']);
		expect(removal.remaining[0]?.replaced.map((p) => p.value)).toEqual([2, null]);
		// the caller's records are untouched
		expect(b.replaced.map((p) => p.value)).toEqual([3, 1]);
	});
});

describe('remembered mappings', () => {
	const mapping = {
		columns: [
			{ column: 0, role: 'ignore' as const },
			{ column: 1, role: 'org_unit_name' as const },
			{ column: 2, role: 'indicator_value' as const, indicator: 'startups_supported' }
		],
		fixedPeriod: '2024Q4'
	};

	it('are recalled by shape', () => {
		const store = memoryStore();
		rememberMapping(store, 'shape-1', mapping);
		expect(recallMapping(store, 'shape-1')).toEqual(mapping);
		expect(recallMapping(store, 'shape-2')).toBeNull();
	});

	it('ignore anything malformed', () => {
		const store = memoryStore();
		store.setItem('chi-tieu:import:mapping:v1:x', '{not json');
		expect(recallMapping(store, 'x')).toBeNull();
		expect(asMapping({ columns: [{ column: 0, role: 'drop-table' }] })).toBeNull();
		expect(asMapping({ columns: [{ column: -1, role: 'value' }] })).toBeNull();
		expect(asMapping({ columns: [{ column: 0, role: 'indicator_value' }] })).toBeNull();
		expect(asMapping({ columns: [], fixedPeriod: 5 })).toEqual({ columns: [] });
	});
});
