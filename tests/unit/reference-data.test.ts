/**
 * Checks the converted reference data (data/*.csv, data/geo/) against the upstream JSON it came from.
 * The JSON is read directly here, independently of scripts/build-reference.ts, so that a bug in the
 * conversion cannot hide itself.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { geoArea, geoContains } from 'd3';
import { csvParse, type DSVRowArray, type DSVRowString } from 'd3-dsv';
import { describe, expect, it } from 'vitest';

const DATA = fileURLToPath(new URL('../../data', import.meta.url));
const REFERENCE = join(DATA, 'reference');

const readJson = <T>(path: string): T => JSON.parse(readFileSync(join(REFERENCE, path), 'utf8')) as T;
const readCsv = (name: string): DSVRowArray => csvParse(readFileSync(join(DATA, name), 'utf8'));

interface Unit {
	Code: string;
	FullName: string;
}
type PreProvince = Unit & { District: (Unit & { Ward: Unit[] | null })[] };
type PostProvince = Unit & { Wards: (Unit & { ProvinceCode: string })[] };
interface MergeLink {
	old_id: string;
	type: string;
}
interface Merges {
	data: { level1_id: string; merges: MergeLink[]; level2s: { level2_id: string; merges: MergeLink[] }[] }[];
}
interface Splits {
	data: { level1_id: string; splits: { new_id: string }[] }[];
}
type Ring = [number, number][];
interface GeoCollection {
	type: string;
	features: {
		type: 'Feature';
		properties: { code: string; name: string; name_en: string };
		geometry: { type: 'MultiPolygon'; coordinates: Ring[][] };
	}[];
}

const pre = readJson<PreProvince[]>('admin-units/pre-2025/simplified_json_generated_data_vn_units.json');
const post = readJson<PostProvince[]>('admin-units/2025-07/full_json_generated_data_vn_units.json');
const merges = readJson<Merges>('admin-units/crosswalk-2025/merges.json');
const splits = readJson<Splits>('admin-units/crosswalk-2025/splits.json');

const orgUnits = readCsv('org_units.csv');
const preRows = orgUnits.filter((row) => row.valid_to === '2025-06-30');
const postRows = orgUnits.filter((row) => row.valid_from === '2025-07-01');

const countLevels = (rows: DSVRowString[]) => {
	const counts: Record<string, number> = {};
	for (const row of rows) counts[row.level ?? ''] = (counts[row.level ?? ''] ?? 0) + 1;
	return counts;
};
const codeOf = (rows: DSVRowString[], level: string, name: string) =>
	rows.find((row) => row.level === level && row.name === name)?.code;

describe('administrative units: the upstream JSON', () => {
	it('has 63 provinces, 696 districts and 10,035 communes before 2025-07', () => {
		const districts = pre.flatMap((province) => province.District);
		const communes = districts.flatMap((district) => district.Ward ?? []);
		expect([pre.length, districts.length, communes.length]).toEqual([63, 696, 10_035]);
	});

	it('has 34 provinces and 3,321 communes from 2025-07', () => {
		expect(post.length).toBe(34);
		expect(post.flatMap((province) => province.Wards).length).toBe(3_321);
	});
});

describe('administrative units: data/org_units.csv', () => {
	it('has exactly the agreed columns', () => {
		expect(orgUnits.columns).toEqual([
			'code',
			'name',
			'level',
			'parent_code',
			'name_en',
			'valid_from',
			'valid_to',
			'short_name',
			'short_name_en'
		]);
	});

	it('has one central unit, and every other row in one of the two hierarchies', () => {
		const central = orgUnits.filter((row) => row.level === 'central');
		expect(central).toHaveLength(1);
		expect(central[0]).toMatchObject({ code: 'VN', parent_code: '', valid_from: '', valid_to: '' });
		expect(preRows.length + postRows.length + 1).toBe(orgUnits.length);
	});

	it('counts 63 / 696 / 10,035 units before 2025-07 and 34 / 3,321 after', () => {
		expect(countLevels(preRows)).toEqual({ province: 63, district: 696, commune: 10_035 });
		expect(countLevels(postRows)).toEqual({ province: 34, commune: 3_321 });
	});

	it('holds the same codes and full names as the JSON', () => {
		const preJson = pre.flatMap((p) => [p, ...p.District.flatMap((d) => [d, ...(d.Ward ?? [])])]);
		const postJson = post.flatMap((p) => [p, ...p.Wards]);
		const pairs = (units: Unit[]) => units.map((unit) => `${unit.Code} ${unit.FullName}`).sort();
		const rowPairs = (rows: DSVRowString[]) => rows.map((row) => `${row.code} ${row.name}`).sort();
		expect(rowPairs(preRows)).toEqual(pairs(preJson));
		expect(rowPairs(postRows)).toEqual(pairs(postJson));
	});

	it('has unique codes within each hierarchy', () => {
		for (const rows of [preRows, postRows]) {
			expect(new Set(rows.map((row) => row.code)).size).toBe(rows.length);
		}
	});

	it('has every parent in the same hierarchy, at the level above', () => {
		const parentLevel: Record<string, string> = { province: 'central', district: 'province' };
		for (const [rows, communeParent] of [
			[preRows, 'district'],
			[postRows, 'province']
		] as const) {
			const levels = new Map([
				['VN', 'central'],
				...rows.map((row) => [row.code, row.level] as [string, string])
			]);
			for (const row of rows) {
				const expected = row.level === 'commune' ? communeParent : parentLevel[row.level ?? ''];
				expect(levels.get(row.parent_code ?? ''), `${row.code} → ${row.parent_code}`).toBe(expected);
			}
		}
	});

	it('keeps codes as strings with their leading zeros', () => {
		expect(codeOf(preRows, 'province', 'Thành phố Hà Nội')).toBe('01');
		expect(codeOf(postRows, 'province', 'Thành phố Hà Nội')).toBe('01');
		expect(codeOf(preRows, 'province', 'Tỉnh Cao Bằng')).toBe('04');
		expect(codeOf(preRows, 'commune', 'Phường Phúc Xá')).toBe('00001');
		// The same code names different units before and after 2025-07.
		expect(codeOf(preRows, 'commune', 'Phường Trúc Bạch')).toBe('00004');
		expect(codeOf(postRows, 'commune', 'Phường Ba Đình')).toBe('00004');
	});

	it('splits names into the full name with its type and the short name', () => {
		const baoLac = preRows.find((row) => row.name === 'Huyện Bảo Lạc');
		expect(baoLac).toMatchObject({ level: 'district', parent_code: '04', short_name: 'Bảo Lạc' });
		expect(baoLac?.name_en).toMatch(/^Bao Lac /);
	});
});

describe('crosswalk 2025', () => {
	const communeLinks = merges.data.flatMap((province) =>
		province.level2s.flatMap((commune) => commune.merges)
	);
	const crosswalk = readCsv('crosswalk_2025.csv');

	it('has 9,592 full and 1,012 partial commune links in the JSON and in the CSV', () => {
		const count = (links: { type?: string; link?: string }[], type: string) =>
			links.filter((link) => (link.type ?? link.link) === type).length;
		expect([count(communeLinks, 'full'), count(communeLinks, 'partial')]).toEqual([9_592, 1_012]);
		const csvCommunes = crosswalk.filter((row) => row.level === 'commune');
		expect([count(csvCommunes, 'full'), count(csvCommunes, 'partial')]).toEqual([9_592, 1_012]);
	});

	it('maps every old province wholly into exactly one new province', () => {
		const provinceLinks = merges.data.flatMap((province) => province.merges);
		expect(provinceLinks.every((link) => link.type === 'full')).toBe(true);
		expect(provinceLinks.map((link) => link.old_id).sort()).toEqual(
			pre.map((province) => province.Code).sort()
		);
		expect(splits.data.every((province) => province.splits.length === 1)).toBe(true);
		const csvProvinces = crosswalk.filter((row) => row.level === 'province');
		expect(csvProvinces).toHaveLength(63);
		expect(new Set(csvProvinces.map((row) => row.old_code)).size).toBe(63);
	});

	it('points only at units of the 2025-07 list, with the two known code fixes applied', () => {
		const postCodes = new Set(postRows.map((row) => row.code));
		expect(crosswalk.filter((row) => !postCodes.has(row.new_code ?? ''))).toEqual([]);
		expect(crosswalk.some((row) => row.new_code === '06970' || row.new_code === '23737')).toBe(false);
		expect(crosswalk.filter((row) => row.new_code === '06978')[0]?.new_name).toBe('Xã Ba Chẽ');
		expect(crosswalk.filter((row) => row.new_code === '23938')[0]?.new_name).toBe('Xã Ia Mơ');
	});

	it('starts from old units of the pre-2025 list, apart from the ones it notes', () => {
		const preCodes = new Set(preRows.map((row) => row.code));
		const unlisted = crosswalk.filter((row) => !preCodes.has(row.old_code ?? ''));
		expect(unlisted.every((row) => row.note?.includes('not in the pre-2025 unit list'))).toBe(true);
		expect(unlisted.length).toBeLessThan(20);
	});
});

describe('regions', () => {
	const regions = readCsv('regions.csv');

	it('gives one of the six regions to all 63 old and 34 new provinces', () => {
		const byHierarchy = (h: string) =>
			regions.filter((row) => row.hierarchy === h).map((row) => row.province_code);
		expect(byHierarchy('pre-2025').sort()).toEqual(pre.map((p) => p.Code).sort());
		expect(byHierarchy('2025-07').sort()).toEqual(post.map((p) => p.Code).sort());
		expect(new Set(regions.map((row) => row.region)).size).toBe(6);
	});

	it('places the new Đắk Lắk (66) in the Central Highlands, as the part whose name it kept', () => {
		const dakLak = regions.find((row) => row.hierarchy === '2025-07' && row.province_code === '66');
		expect(dakLak?.region).toBe('central-highlands');
	});
});

describe('province geometry: data/geo/provinces-34.json', () => {
	const path = join(DATA, 'geo/provinces-34.json');
	const geo = JSON.parse(readFileSync(path, 'utf8')) as GeoCollection;
	const feature = (code: string) => {
		const found = geo.features.find((f) => f.properties.code === code);
		if (!found) throw new Error(`no feature ${code}`);
		return found;
	};
	const polygons = (code: string) => feature(code).geometry.coordinates;
	const everyPoint = (polygon: Ring[], test: (p: [number, number]) => boolean) =>
		polygon.every((ring) => ring.every(test));

	it('has the 34 provinces with code, name and name_en, in at most 400 KB', () => {
		expect(geo.type).toBe('FeatureCollection');
		expect(geo.features.map((f) => f.properties.code).sort()).toEqual(post.map((p) => p.Code).sort());
		expect(geo.features.every((f) => f.properties.name && f.properties.name_en)).toBe(true);
		expect(statSync(path).size).toBeLessThanOrEqual(400 * 1024);
	});

	it('winds every ring the way d3-geo expects (each province smaller than a hemisphere)', () => {
		for (const f of geo.features) expect(geoArea(f), f.properties.code).toBeLessThan(0.01);
	});

	it('keeps Hoàng Sa (Đà Nẵng, code 48) and Trường Sa (Khánh Hòa, code 56)', () => {
		expect(feature('48').properties.name).toBe('Thành phố Đà Nẵng');
		expect(feature('56').properties.name).toBe('Tỉnh Khánh Hòa');
		expect(polygons('48').some((polygon) => everyPoint(polygon, ([lon]) => lon > 111))).toBe(true);
		expect(polygons('56').some((polygon) => everyPoint(polygon, ([lon, lat]) => lat < 11 && lon > 112))).toBe(
			true
		);
	});

	it('keeps Phú Quốc (now An Giang, 91) and Côn Đảo (now Hồ Chí Minh, 79)', () => {
		expect(geoContains(feature('91'), [103.96, 10.22])).toBe(true);
		expect(geoContains(feature('79'), [106.6, 8.69])).toBe(true);
	});

	it('keeps every polygon of the source, with at least 4 positions per ring', () => {
		const folder = join(REFERENCE, 'geometry/provinces-34');
		const files = readdirSync(folder).filter((name) => name.endsWith('.geojson'));
		for (const f of geo.features) {
			// Upstream files are named "<code>_<name>.geojson" and hold one feature.
			const file = files.find((name) => name.startsWith(`${f.properties.code}_`)) ?? '';
			const source = JSON.parse(readFileSync(join(folder, file), 'utf8')) as GeoCollection;
			const sourcePolygons = source.features[0]?.geometry.coordinates ?? [];
			expect(f.geometry.coordinates.length, f.properties.code).toBe(sourcePolygons.length);
			expect(f.geometry.coordinates.every((polygon) => polygon.every((ring) => ring.length >= 4))).toBe(true);
		}
	});
});
