/**
 * Converts the reference data in data/reference/ (copied from upstream, see data/reference/README.md)
 * into the project's tables:
 *   data/org_units.csv       the pre-2025 hierarchy (63 / 696 / 10,035) and the 2025-07 one (34 / 3,321)
 *   data/crosswalk_2025.csv  old unit → new unit links, each full or partial
 *   data/regions.csv         the 6 socio-economic regions of every province of both hierarchies
 *   data/geo/provinces-34.json  the 34 provinces simplified for the web, islands included
 *
 * Run with `npx tsx scripts/build-reference.ts`. Reads only data/reference/; output is deterministic, and
 * the script stops with an error when the sources disagree with the facts they are documented to hold.
 */
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCsv, type CsvRow } from './lib/csv';
import {
	countPositions,
	rewindForD3,
	simplifyShapes,
	type MultiPolygon,
	type Position
} from './lib/simplify';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const REFERENCE = join(ROOT, 'data', 'reference');
const SOURCES = {
	pre2025: join(REFERENCE, 'admin-units/pre-2025/simplified_json_generated_data_vn_units.json'),
	post2025: join(REFERENCE, 'admin-units/2025-07/full_json_generated_data_vn_units.json'),
	merges: join(REFERENCE, 'admin-units/crosswalk-2025/merges.json'),
	splits: join(REFERENCE, 'admin-units/crosswalk-2025/splits.json'),
	geometry: join(REFERENCE, 'geometry/provinces-34')
};
const OUTPUT = {
	orgUnits: join(ROOT, 'data/org_units.csv'),
	crosswalk: join(ROOT, 'data/crosswalk_2025.csv'),
	regions: join(ROOT, 'data/regions.csv'),
	geo: join(ROOT, 'data/geo/provinces-34.json')
};

// Counts stated (and checked by hand) in the reference README. A different count means the upstream
// files changed: look at what changed before updating these numbers.
const EXPECTED = {
	pre2025: { province: 63, district: 696, commune: 10_035 },
	post2025: { province: 34, commune: 3_321 },
	communeLinks: { full: 9_592, partial: 1_012 }
};

const PRE_2025_VALID_TO = '2025-06-30';
const POST_2025_VALID_FROM = '2025-07-01';

// The geometry is simplified with this tolerance (degrees; 0.004° is about 400 m) and rounded to
// 3 decimals (about 100 m), which is plenty for a province choropleth and keeps the file small.
const GEO_TOLERANCE = 0.0025;
const GEO_DIGITS = 3;
const GEO_MAX_BYTES = 400 * 1024;

// ---------------------------------------------------------------------------------------------------
// Source shapes (only the fields used here)

interface SourceUnit {
	Code: string;
	Name: string;
	NameEn: string;
	FullName: string;
	FullNameEn: string;
	CodeName: string;
}
interface PreCommune extends SourceUnit {
	DistrictCode: string;
}
interface PreDistrict extends SourceUnit {
	ProvinceCode: string;
	/** null for the five island districts that had no communes (Bạch Long Vĩ, Cồn Cỏ, Hoàng Sa, …). */
	Ward: PreCommune[] | null;
}
interface PreProvince extends SourceUnit {
	District: PreDistrict[];
}
interface PostCommune extends SourceUnit {
	ProvinceCode: string;
}
interface PostProvince extends SourceUnit {
	Wards: PostCommune[];
}

type LinkType = 'full' | 'partial';
interface MergeLink {
	old_id: string;
	name: string;
	type: LinkType;
}
interface Merges {
	data: {
		level1_id: string;
		name: string;
		merges: MergeLink[];
		level2s: { level2_id: string; name: string; merges: MergeLink[] }[];
	}[];
	stats: { level1_count: number; level2_count: number };
}
interface SplitTarget {
	new_id: string;
	name: string;
}
interface Splits {
	data: {
		level1_id: string;
		splits: SplitTarget[];
		level2s?: { level2_id: string; splits: SplitTarget[] }[];
		level3s: { level3_id: string; splits: SplitTarget[] }[];
	}[];
	stats: { level1_count: number; level2_count: number; level3_count: number };
}

interface GeoFeature {
	properties: { code: string };
	geometry: { type: string; coordinates: number[][][][] };
}

function readJson<T>(path: string): T {
	return JSON.parse(readFileSync(path, 'utf8')) as T;
}

function fail(message: string): never {
	throw new Error(message);
}

function check(condition: boolean, message: string): void {
	if (!condition) fail(message);
}

// ---------------------------------------------------------------------------------------------------
// org_units.csv

type Level = 'central' | 'province' | 'district' | 'commune';
interface OrgUnit extends CsvRow {
	code: string;
	name: string;
	level: Level;
	parent_code: string;
	name_en: string;
	valid_from: string;
	valid_to: string;
	short_name: string;
	short_name_en: string;
}
const ORG_UNIT_COLUMNS = [
	'code',
	'name',
	'level',
	'parent_code',
	'name_en',
	'valid_from',
	'valid_to',
	'short_name',
	'short_name_en'
] as const;

const CENTRAL: OrgUnit = {
	code: 'VN',
	name: 'Trung ương Hội LHPN Việt Nam',
	level: 'central',
	parent_code: '',
	name_en: "Central Committee of the Vietnam Women's Union",
	valid_from: '',
	valid_to: '',
	short_name: '',
	short_name_en: ''
};

function toOrgUnit(
	unit: SourceUnit,
	level: Level,
	parentCode: string,
	validity: { from: string; to: string }
): OrgUnit {
	return {
		code: unit.Code,
		name: unit.FullName,
		level,
		parent_code: parentCode,
		name_en: unit.FullNameEn,
		valid_from: validity.from,
		valid_to: validity.to,
		short_name: unit.Name,
		short_name_en: unit.NameEn
	};
}

/** Province, then its districts each followed by its communes, all in source order. */
function pre2025Units(provinces: readonly PreProvince[]): OrgUnit[] {
	const validity = { from: '', to: PRE_2025_VALID_TO };
	const rows: OrgUnit[] = [];
	for (const province of provinces) {
		rows.push(toOrgUnit(province, 'province', CENTRAL.code, validity));
		for (const district of province.District) {
			check(district.ProvinceCode === province.Code, `district ${district.Code} lists another province`);
			rows.push(toOrgUnit(district, 'district', province.Code, validity));
			for (const commune of district.Ward ?? []) {
				check(commune.DistrictCode === district.Code, `commune ${commune.Code} lists another district`);
				rows.push(toOrgUnit(commune, 'commune', district.Code, validity));
			}
		}
	}
	return rows;
}

function post2025Units(provinces: readonly PostProvince[]): OrgUnit[] {
	const validity = { from: POST_2025_VALID_FROM, to: '' };
	const rows: OrgUnit[] = [];
	for (const province of provinces) {
		rows.push(toOrgUnit(province, 'province', CENTRAL.code, validity));
		for (const commune of province.Wards) {
			check(commune.ProvinceCode === province.Code, `commune ${commune.Code} lists another province`);
			rows.push(toOrgUnit(commune, 'commune', province.Code, validity));
		}
	}
	return rows;
}

/** Codes repeat across the two hierarchies (hence the validity dates) but never within one. */
function checkHierarchy(
	label: string,
	rows: readonly OrgUnit[],
	expected: Partial<Record<Level, number>>
): void {
	const seen = new Set<string>();
	const duplicates = rows.filter((row) => seen.has(row.code) || !seen.add(row.code)).map((row) => row.code);
	check(duplicates.length === 0, `${label}: duplicate codes ${duplicates.join(', ')}`);
	for (const row of rows) {
		check(/^\d+$/.test(row.code), `${label}: code ${row.code} is not a string of digits`);
		check(
			row.parent_code === CENTRAL.code || seen.has(row.parent_code),
			`${label}: ${row.code} has no parent`
		);
	}
	for (const [level, count] of Object.entries(expected)) {
		const actual = rows.filter((row) => row.level === level).length;
		check(actual === count, `${label}: ${actual} units at level ${level}, expected ${count}`);
	}
}

// ---------------------------------------------------------------------------------------------------
// crosswalk_2025.csv

/**
 * Two new communes have other codes in the crosswalk than in Decision 19/2025/QĐ-TTg (and in the 2025-07
 * unit list, which follows the decision). The crosswalk's code is replaced by the decision's; the script
 * checks that the names agree and that the crosswalk's code is unused, so a fixed upstream stops it here.
 */
const NEW_CODE_CORRECTIONS: Record<string, { code: string; name: string }> = {
	'06970': { code: '06978', name: 'Xã Ba Chẽ' }, // Quảng Ninh
	'23737': { code: '23938', name: 'Xã Ia Mơ' } // Gia Lai
};

const CROSSWALK_COLUMNS = [
	'old_code',
	'old_name',
	'new_code',
	'new_name',
	'level',
	'link',
	// Extra column: five island districts without communes (Bạch Long Vĩ, Cồn Cỏ, Hoàng Sa, Lý Sơn,
	// Côn Đảo) became communes ("đặc khu") themselves, so the old unit of a commune link can be a district.
	'old_level',
	// Extra column: corrections, old codes missing from the unit list, and links that look wrong.
	'note'
] as const;

interface CrosswalkRow extends CsvRow {
	old_code: string;
	old_name: string;
	new_code: string;
	new_name: string;
	level: 'province' | 'commune';
	link: LinkType;
	old_level: Level;
	note: string;
}

interface UnitIndex {
	pre: Map<string, OrgUnit>;
	post: Map<string, OrgUnit>;
}

function indexByCode(rows: readonly OrgUnit[]): Map<string, OrgUnit> {
	return new Map(rows.map((row) => [row.code, row]));
}

function correctNewCode(code: string, crosswalkName: string, post: ReadonlyMap<string, OrgUnit>): string {
	const correction = NEW_CODE_CORRECTIONS[code];
	if (!correction) return code;
	check(!post.has(code), `crosswalk code ${code} now exists in the 2025-07 list: drop its correction`);
	check(
		crosswalkName === correction.name,
		`crosswalk code ${code} is ${crosswalkName}, not ${correction.name}`
	);
	check(
		post.get(correction.code)?.name === correction.name,
		`2025-07 code ${correction.code} is not ${correction.name}`
	);
	return correction.code;
}

// Names come from the unit lists where the code is known: the crosswalk's names were typed by hand and
// carry double spaces, "Thị Trấn" for "Thị trấn" and a few misspellings ("Xã Phố Bảng" for "Xã Phó Bảng").
function cleanName(name: string): string {
	return name.replace(/\s+/g, ' ').trim();
}

const UNLISTED_OLD_NOTE = 'old_code not in the pre-2025 unit list (units as of 2025-03-01)';

function oldUnitOf(link: MergeLink, units: UnitIndex): { name: string; level: Level; note: string } {
	const unit = units.pre.get(link.old_id);
	if (unit) return { name: unit.name, level: unit.level, note: '' };
	// Kept (the link is real), but flagged: such a code will not join to org_units.csv.
	const level = link.old_id.length === 2 ? 'province' : link.old_id.length === 3 ? 'district' : 'commune';
	return { name: cleanName(link.name), level, note: UNLISTED_OLD_NOTE };
}

function linkRow(
	link: MergeLink,
	target: OrgUnit,
	level: CrosswalkRow['level'],
	units: UnitIndex
): CrosswalkRow {
	check(link.type === 'full' || link.type === 'partial', `link type ${String(link.type)}`);
	const old = oldUnitOf(link, units);
	return {
		old_code: link.old_id,
		old_name: old.name,
		new_code: target.code,
		new_name: target.name,
		level,
		link: link.type,
		old_level: old.level,
		note: old.note
	};
}

/** Old → new links in the order of merges.json: all province links first, then all commune links. */
function crosswalkRows(merges: Merges, units: UnitIndex): CrosswalkRow[] {
	const provinces: CrosswalkRow[] = [];
	const communes: CrosswalkRow[] = [];
	for (const province of merges.data) {
		const newProvince =
			units.post.get(province.level1_id) ?? fail(`unknown new province ${province.level1_id}`);
		for (const link of province.merges) {
			const row = linkRow(link, newProvince, 'province', units);
			check(row.old_level === 'province', `province link from ${link.old_id}, which is a ${row.old_level}`);
			provinces.push(row);
		}
		for (const commune of province.level2s) {
			const code = correctNewCode(commune.level2_id, commune.name, units.post);
			const newCommune = units.post.get(code) ?? fail(`new commune ${code} is not in the 2025-07 list`);
			check(
				newCommune.parent_code === newProvince.code,
				`new commune ${code} listed under the wrong province`
			);
			const rows = commune.merges.map((link) => linkRow(link, newCommune, 'commune', units));
			if (code !== commune.level2_id) {
				const note = `new_code corrected from ${commune.level2_id} (crosswalk) to the 2025-07 list's ${code}`;
				for (const row of rows) row.note = joinNotes(row.note, note);
			}
			communes.push(...rows);
		}
	}
	return [...provinces, ...communes];
}

function joinNotes(...notes: string[]): string {
	return notes.filter((note) => note !== '').join('; ');
}

/**
 * The crosswalk was extracted from the resolutions' text (with a language model, its author says in
 * dvhcvn/20250701 issue #1) and sometimes attaches an old commune to a new commune of a similar name in
 * another old province (reported in https://github.com/dvhcvn/20250701/issues/3, e.g. An Giang's Xã Tân
 * Phú 30622 under Đồng Tháp's Xã Tân Phú Trung). The sources give no right answer, so such links are
 * kept as published but flagged: a link is suspect when its old unit lies in another old province than
 * most parts of its new commune. (A "partial" on such an old commune may itself come from the mix-up.)
 */
function flagSuspectLinks(rows: readonly CrosswalkRow[], pre: ReadonlyMap<string, OrgUnit>): number {
	const byNewCommune = new Map<string, CrosswalkRow[]>();
	for (const row of rows.filter((r) => r.level === 'commune')) {
		const parts = byNewCommune.get(row.new_code);
		if (parts) parts.push(row);
		else byNewCommune.set(row.new_code, [row]);
	}
	let flagged = 0;
	for (const parts of byNewCommune.values()) {
		const provinces = parts.map((row) => provinceOf(row.old_code, pre));
		const main = mostCommon(provinces.filter((code) => code !== undefined));
		parts.forEach((row, i) => {
			const province = provinces[i];
			if (province === undefined || province === main) return;
			const names = (code: string | undefined) => (code ? pre.get(code)?.short_name : '?');
			row.note = joinNotes(
				row.note,
				`suspect: the other old units of ${row.new_name} are in ${names(main)}, this one in ${names(province)} ` +
					'(probably a mix-up of similar names; see github.com/dvhcvn/20250701/issues/3)'
			);
			flagged++;
		});
	}
	return flagged;
}

/** The most frequent value (the first one seen wins a tie, so the result is deterministic). */
function mostCommon<T>(values: readonly T[]): T | undefined {
	const counts = new Map<T, number>();
	for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
	let best: T | undefined;
	for (const [value, count] of counts) {
		if (best === undefined || count > (counts.get(best) ?? 0)) best = value;
	}
	return best;
}

/** Old code → the new codes it went into, according to splits.json. */
function splitTargets(splits: Splits): Map<string, Set<string>> {
	const targets = new Map<string, Set<string>>();
	const add = (oldCode: string, to: readonly SplitTarget[]) => {
		check(!targets.has(oldCode), `splits.json lists ${oldCode} twice`);
		targets.set(oldCode, new Set(to.map((target) => correctedCode(target.new_id))));
	};
	for (const province of splits.data) {
		add(province.level1_id, province.splits);
		for (const district of province.level2s ?? []) add(district.level2_id, district.splits);
		for (const commune of province.level3s) add(commune.level3_id, commune.splits);
	}
	return targets;
}

function correctedCode(code: string): string {
	return NEW_CODE_CORRECTIONS[code]?.code ?? code;
}

/**
 * merges.json and splits.json describe the same links from both ends, with counts in their "stats".
 * Any disagreement between them means the crosswalk cannot be trusted, so the script stops.
 */
function checkCrosswalk(merges: Merges, splits: Splits, rows: readonly CrosswalkRow[]): void {
	const level2s = merges.data.reduce((sum, province) => sum + province.level2s.length, 0);
	check(
		merges.stats.level1_count === merges.data.length,
		'merges.json: stats.level1_count disagrees with data'
	);
	check(merges.stats.level2_count === level2s, 'merges.json: stats.level2_count disagrees with data');
	const splitDistricts = splits.data.reduce((sum, province) => sum + (province.level2s?.length ?? 0), 0);
	const splitCommunes = splits.data.reduce((sum, province) => sum + province.level3s.length, 0);
	check(
		splits.stats.level1_count === splits.data.length,
		'splits.json: stats.level1_count disagrees with data'
	);
	check(splits.stats.level2_count === splitDistricts, 'splits.json: stats.level2_count disagrees with data');
	check(splits.stats.level3_count === splitCommunes, 'splits.json: stats.level3_count disagrees with data');

	const targets = splitTargets(splits);
	const linkCount = [...targets.values()].reduce((sum, set) => sum + set.size, 0);
	check(linkCount === rows.length, `splits.json has ${linkCount} links, merges.json ${rows.length}`);
	for (const row of rows) {
		const to = targets.get(row.old_code);
		check(to?.has(row.new_code) === true, `link ${row.old_code} → ${row.new_code} missing from splits.json`);
		// "full" means the whole old unit went into this one new unit; "partial" that it was divided.
		const expectedLink = to?.size === 1 ? 'full' : 'partial';
		check(
			row.link === expectedLink,
			`link ${row.old_code} → ${row.new_code} is ${row.link}, splits say ${expectedLink}`
		);
	}
	const communeLinks = rows.filter((row) => row.level === 'commune');
	for (const type of ['full', 'partial'] as const) {
		const count = communeLinks.filter((row) => row.link === type).length;
		check(
			count === EXPECTED.communeLinks[type],
			`${count} ${type} commune links, expected ${EXPECTED.communeLinks[type]}`
		);
	}
}

/**
 * Every old province went wholly into one new province, so every old commune should land in the new
 * province of its old province. The one link that does not is a known upstream error, flagged as
 * suspect; any other would stop the script.
 */
function checkProvinceConsistency(rows: readonly CrosswalkRow[], units: UnitIndex): number {
	const newProvinceOf = new Map(
		rows.filter((r) => r.level === 'province').map((r) => [r.old_code, r.new_code])
	);
	check(
		newProvinceOf.size === EXPECTED.pre2025.province,
		'some old province is missing from or repeated in the crosswalk'
	);
	let crossing = 0;
	for (const row of rows.filter((r) => r.level === 'commune')) {
		const oldProvince = provinceOf(row.old_code, units.pre);
		if (oldProvince === undefined) continue; // an old code missing from the unit list, noted as such
		if (newProvinceOf.get(oldProvince) === units.post.get(row.new_code)?.parent_code) continue;
		check(row.note.includes('suspect'), `${row.old_code} → ${row.new_code} crosses provinces`);
		crossing++;
	}
	return crossing;
}

function provinceOf(code: string, units: ReadonlyMap<string, OrgUnit>): string | undefined {
	let unit = units.get(code);
	while (unit && unit.level !== 'province') unit = units.get(unit.parent_code);
	return unit?.code;
}

// ---------------------------------------------------------------------------------------------------
// regions.csv

const REGIONS = {
	'northern-midlands-mountains': 'Trung du và miền núi phía Bắc',
	'red-river-delta': 'Đồng bằng sông Hồng',
	'north-central-coast': 'Bắc Trung Bộ và Duyên hải miền Trung',
	'central-highlands': 'Tây Nguyên',
	southeast: 'Đông Nam Bộ',
	'mekong-delta': 'Đồng bằng sông Cửu Long'
} as const;
type Region = keyof typeof REGIONS;

// The six socio-economic regions as the General Statistics Office (GSO) groups the 63 provinces in its
// statistical yearbooks (note Quảng Ninh in the Red River Delta and Bắc Giang in the northern mountains).
const GSO_REGION_OF_PRE_2025_PROVINCE: Record<Region, string> = {
	// Hà Nội, Quảng Ninh, Vĩnh Phúc, Bắc Ninh, Hải Dương, Hải Phòng, Hưng Yên, Thái Bình, Hà Nam, Nam Định,
	// Ninh Bình
	'red-river-delta': '01 22 26 27 30 31 33 34 35 36 37',
	// Hà Giang, Cao Bằng, Bắc Kạn, Tuyên Quang, Lào Cai, Điện Biên, Lai Châu, Sơn La, Yên Bái, Hoà Bình,
	// Thái Nguyên, Lạng Sơn, Bắc Giang, Phú Thọ
	'northern-midlands-mountains': '02 04 06 08 10 11 12 14 15 17 19 20 24 25',
	// Thanh Hóa, Nghệ An, Hà Tĩnh, Quảng Bình, Quảng Trị, Huế, Đà Nẵng, Quảng Nam, Quảng Ngãi, Bình Định,
	// Phú Yên, Khánh Hòa, Ninh Thuận, Bình Thuận
	'north-central-coast': '38 40 42 44 45 46 48 49 51 52 54 56 58 60',
	// Kon Tum, Gia Lai, Đắk Lắk, Đắk Nông, Lâm Đồng
	'central-highlands': '62 64 66 67 68',
	// Bình Phước, Tây Ninh, Bình Dương, Đồng Nai, Bà Rịa - Vũng Tàu, Hồ Chí Minh
	southeast: '70 72 74 75 77 79',
	// Long An, Tiền Giang, Bến Tre, Trà Vinh, Vĩnh Long, Đồng Tháp, An Giang, Kiên Giang, Cần Thơ, Hậu Giang,
	// Sóc Trăng, Bạc Liêu, Cà Mau
	'mekong-delta': '80 82 83 84 86 87 89 91 92 93 94 95 96'
};

const REGION_COLUMNS = ['province_code', 'region', 'region_vi', 'hierarchy', 'note'] as const;

function regionByOldProvince(provinces: readonly PreProvince[]): Map<string, Region> {
	const byCode = new Map<string, Region>();
	for (const [region, codes] of Object.entries(GSO_REGION_OF_PRE_2025_PROVINCE) as [Region, string][]) {
		for (const code of codes.split(' ')) {
			check(!byCode.has(code), `province ${code} is in two regions`);
			byCode.set(code, region);
		}
	}
	const known = new Set(provinces.map((province) => province.Code));
	check(
		byCode.size === known.size && [...byCode.keys()].every((code) => known.has(code)),
		'the region table does not match the 63 pre-2025 provinces'
	);
	return byCode;
}

/**
 * A new province takes the region of the old provinces it was made of. Seven new provinces joined
 * provinces of two regions; they take the region of the old province whose name they kept.
 */
function regionOfNewProvince(
	province: PostProvince,
	oldCodes: readonly string[],
	oldProvinces: ReadonlyMap<string, PreProvince>,
	regionOf: ReadonlyMap<string, Region>
): { region: Region; note: string } {
	const regions = [...new Set(oldCodes.map((code) => regionOf.get(code) ?? fail(`no region for ${code}`)))];
	const [only] = regions;
	if (regions.length === 1 && only) return { region: only, note: '' };
	const namesake = oldCodes.find((code) => oldProvinces.get(code)?.CodeName === province.CodeName);
	if (namesake === undefined) fail(`${province.Name} straddles regions and kept no old province's name`);
	const parts = oldCodes.map((code) => `${oldProvinces.get(code)?.Name} (${regionOf.get(code)})`).join(', ');
	return {
		region: regionOf.get(namesake) ?? fail(`no region for ${namesake}`),
		note: `made of ${parts}; takes the region of ${oldProvinces.get(namesake)?.Name}, whose name it kept`
	};
}

function regionRows(
	pre: readonly PreProvince[],
	post: readonly PostProvince[],
	crosswalk: readonly CrosswalkRow[]
): CsvRow[] {
	const regionOf = regionByOldProvince(pre);
	const oldProvinces = new Map(pre.map((province) => [province.Code, province]));
	const rows: CsvRow[] = pre.map((province) =>
		regionRow(province.Code, regionOf.get(province.Code), 'pre-2025', '')
	);
	for (const province of post) {
		const oldCodes = crosswalk
			.filter((row) => row.level === 'province' && row.new_code === province.Code)
			.map((row) => row.old_code);
		check(oldCodes.length > 0, `new province ${province.Code} has no old province`);
		const { region, note } = regionOfNewProvince(province, oldCodes, oldProvinces, regionOf);
		rows.push(regionRow(province.Code, region, '2025-07', note));
	}
	return rows;
}

function regionRow(code: string, region: Region | undefined, hierarchy: string, note: string): CsvRow {
	if (!region) fail(`no region for province ${code}`);
	return { province_code: code, region, region_vi: REGIONS[region], hierarchy, note };
}

// ---------------------------------------------------------------------------------------------------
// geo/provinces-34.json

function readGeometry(folder: string): Map<string, MultiPolygon> {
	const shapes = new Map<string, MultiPolygon>();
	const files = readdirSync(folder)
		.filter((file) => file.endsWith('.geojson'))
		.sort();
	for (const file of files) {
		const collection = readJson<{ features: GeoFeature[] }>(join(folder, file));
		for (const feature of collection.features) {
			const { code } = feature.properties;
			check(!shapes.has(code), `geometry for province ${code} appears twice`);
			shapes.set(code, toMultiPolygon(feature.geometry, code));
		}
	}
	return shapes;
}

function toMultiPolygon(geometry: GeoFeature['geometry'], code: string): MultiPolygon {
	check(
		geometry.type === 'Polygon' || geometry.type === 'MultiPolygon',
		`${code}: geometry ${geometry.type}`
	);
	const polygons =
		geometry.type === 'Polygon' ? [geometry.coordinates as unknown as number[][][]] : geometry.coordinates;
	// Only longitude and latitude are kept (a third value, if any, would be an elevation).
	return polygons.map((polygon) =>
		polygon.map((ring) => ring.map((p): Position => [Number(p[0]), Number(p[1])]))
	);
}

/** One feature per line, so that a change to one province shows as a one-line diff. */
function featureCollectionText(features: readonly object[]): string {
	return `{"type":"FeatureCollection","features":[\n${features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`;
}

function buildGeo(post: readonly PostProvince[]): { text: string; before: number; after: number } {
	const shapes = readGeometry(SOURCES.geometry);
	const codes = post.map((province) => province.Code);
	check(
		shapes.size === codes.length && codes.every((code) => shapes.has(code)),
		'the geometry files do not match the 34 provinces of the 2025-07 list'
	);
	const sources = codes.map((code) => shapes.get(code) ?? fail(`no geometry for ${code}`));
	const simplified = simplifyShapes(sources, { tolerance: GEO_TOLERANCE, digits: GEO_DIGITS });
	const features = post.map((province, i) => {
		const shape = rewindForD3(simplified[i] ?? fail('simplification lost a province'));
		checkRingsKept(province.Code, sources[i] ?? [], shape);
		return {
			type: 'Feature',
			properties: { code: province.Code, name: province.FullName, name_en: province.FullNameEn },
			geometry: { type: 'MultiPolygon', coordinates: shape }
		};
	});
	const before = sources.reduce((sum, shape) => sum + countPositions(shape), 0);
	const after = simplified.reduce((sum, shape) => sum + countPositions(shape), 0);
	return { text: featureCollectionText(features), before, after };
}

/** Islands are the point of keeping this geometry: no polygon or ring may disappear. */
function checkRingsKept(code: string, source: MultiPolygon, result: MultiPolygon): void {
	const rings = (shape: MultiPolygon) => shape.map((polygon) => polygon.length).join(',');
	check(rings(source) === rings(result), `province ${code}: rings were lost in simplification`);
}

// ---------------------------------------------------------------------------------------------------

function main(): void {
	const pre = readJson<PreProvince[]>(SOURCES.pre2025);
	const post = readJson<PostProvince[]>(SOURCES.post2025);
	const merges = readJson<Merges>(SOURCES.merges);
	const splits = readJson<Splits>(SOURCES.splits);

	const preRows = pre2025Units(pre);
	const postRows = post2025Units(post);
	checkHierarchy('pre-2025', preRows, EXPECTED.pre2025);
	checkHierarchy('2025-07', postRows, EXPECTED.post2025);
	const units: UnitIndex = { pre: indexByCode(preRows), post: indexByCode(postRows) };

	const crosswalk = crosswalkRows(merges, units);
	checkCrosswalk(merges, splits, crosswalk);
	const suspect = flagSuspectLinks(crosswalk, units.pre);
	const crossing = checkProvinceConsistency(crosswalk, units);
	const regions = regionRows(pre, post, crosswalk);
	const geo = buildGeo(post);
	const geoBytes = Buffer.byteLength(geo.text, 'utf8');
	check(geoBytes <= GEO_MAX_BYTES, `provinces-34.json is ${geoBytes} bytes, over ${GEO_MAX_BYTES}`);

	const orgUnitCount = writeCsv(OUTPUT.orgUnits, ORG_UNIT_COLUMNS, [CENTRAL, ...preRows, ...postRows]);
	writeCsv(OUTPUT.crosswalk, CROSSWALK_COLUMNS, crosswalk);
	writeCsv(OUTPUT.regions, REGION_COLUMNS, regions);
	mkdirSync(dirname(OUTPUT.geo), { recursive: true });
	writeFileSync(OUTPUT.geo, geo.text, 'utf8');

	report({ orgUnitCount, preRows, postRows, crosswalk, regions, geoBytes, geo, suspect, crossing });
}

/** Prints what was written, and (on stderr) what in the sources needs a human's attention. */
function report(r: {
	orgUnitCount: number;
	preRows: readonly OrgUnit[];
	postRows: readonly OrgUnit[];
	crosswalk: readonly CrosswalkRow[];
	regions: readonly CsvRow[];
	geoBytes: number;
	geo: { before: number; after: number };
	suspect: number;
	crossing: number;
}): void {
	console.log(
		`org_units.csv: ${r.orgUnitCount} rows (1 central, ${r.preRows.length} pre-2025, ${r.postRows.length} 2025-07)`
	);
	console.log(`crosswalk_2025.csv: ${r.crosswalk.length} rows`);
	console.log(`regions.csv: ${r.regions.length} rows`);
	for (const row of r.regions.filter((region) => region.note)) {
		console.log(`  region of ${row.province_code}: ${row.note}`);
	}
	console.log(`geo/provinces-34.json: ${r.geoBytes} bytes, ${r.geo.after} of ${r.geo.before} positions kept`);
	const unlisted = r.crosswalk.filter((row) => row.note.includes(UNLISTED_OLD_NOTE));
	console.warn(`crosswalk: ${unlisted.length} links from old codes missing in the pre-2025 list:`);
	for (const row of unlisted) {
		console.warn(`  ${row.old_code} ${row.old_name} → ${row.new_code} ${row.new_name}`);
	}
	console.warn(`crosswalk: ${r.suspect} suspect links flagged (${r.crossing} of them cross provinces):`);
	for (const row of r.crosswalk.filter((link) => link.note.includes('suspect'))) {
		console.warn(`  ${row.old_code} ${row.old_name} → ${row.new_code} ${row.new_name} (${row.link})`);
	}
}

main();
