import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '$lib/import/csv';
import { createUnitMatcher, editDistance, foldUnitName, type UnitMatcher } from '$lib/import/names';
import type { OrgUnit } from '$lib/model/data';

/** The real units of data/org_units.csv (both hierarchies). */
function loadUnits(): OrgUnit[] {
	const table = parseCsv(readFileSync('data/org_units.csv', 'utf8'), 'org_units.csv');
	const at = (name: string) => table.header.indexOf(name);
	return table.rows.map((r) => ({
		code: r[at('code')] as string,
		name: r[at('name')] as string,
		level: r[at('level')] as OrgUnit['level'],
		parentCode: r[at('parent_code')] || null,
		nameEn: r[at('name_en')] || null,
		validFrom: r[at('valid_from')] || null,
		validTo: r[at('valid_to')] || null
	}));
}

let matcher: UnitMatcher;
beforeAll(() => {
	matcher = createUnitMatcher(loadUnits(), '2026-01-01');
});

describe('foldUnitName', () => {
	it('drops diacritics, case and administrative prefixes', () => {
		expect(foldUnitName('Xã Tân Lập')).toBe('tan lap');
		expect(foldUnitName('Hội LHPN xã Tân Lập')).toBe('tan lap');
		expect(foldUnitName('TP. Cao Bằng')).toBe('cao bang');
		expect(foldUnitName('Thành phố Cao Bằng')).toBe('cao bang');
		expect(foldUnitName('Thị trấn Nước Hai')).toBe('nuoc hai');
		expect(foldUnitName('Tỉnh Đắk Lắk')).toBe('dak lak');
	});

	it('keeps the prefix of a numbered ward, and a name that begins like a prefix', () => {
		expect(foldUnitName('Phường 1')).toBe('phuong 1');
		expect(foldUnitName('Huyện Quan Hóa')).toBe('quan hoa');
		expect(foldUnitName('Phường Tô Hiệu')).toBe('to hieu');
	});
});

describe('editDistance', () => {
	it('counts insertions, deletions and substitutions', () => {
		expect(editDistance('tan lap', 'tan lap')).toBe(0);
		expect(editDistance('tan lap', 'tan lam')).toBe(1);
		expect(editDistance('kitten', 'sitting')).toBe(3);
		expect(editDistance('', 'abc')).toBe(3);
	});
});

describe('matching names among the real units', () => {
	it('finds "Xã Tân Lập" ambiguous in 2024: 22 communes of that name before the reorganisation', () => {
		const match = matcher.byName('Xã Tân Lập', { period: '2024Q3' });
		expect(match.kind).toBe('ambiguous');
		if (match.kind !== 'ambiguous') return;
		expect(match.candidates).toHaveLength(22);
		expect(match.candidates.find((c) => c.code === '07594')).toEqual({
			code: '07594',
			name: 'Xã Tân Lập',
			level: 'commune',
			parentName: 'Huyện Lục Ngạn'
		});
	});

	it('tells them apart within the parent, by name (any spelling) or code, at any depth', () => {
		expect(matcher.byName('Tân Lập', { period: '2024Q3', parent: 'Huyện Lục Ngạn' })).toMatchObject({
			kind: 'matched',
			code: '07594'
		});
		expect(matcher.byName('tan lap', { period: '2024', parent: 'luc ngan' })).toMatchObject({
			code: '07594'
		});
		expect(matcher.byName('Xa Tan Lap', { period: '2024', parent: '219' })).toMatchObject({ code: '07594' });
		// Province as parent, two levels up: Tỉnh Bắc Giang → Huyện Lục Ngạn → Xã Tân Lập.
		expect(matcher.byName('Xã Tân Lập', { period: '2024', parent: 'Tỉnh Bắc Giang' })).toMatchObject({
			code: '07594'
		});
	});

	it('uses the post-2025 hierarchy for periods after the reorganisation', () => {
		const match = matcher.byName('Xã Tân Lập', { period: '2025Q4' });
		expect(match.kind).toBe('ambiguous');
		if (match.kind === 'ambiguous')
			expect(match.candidates.map((c) => c.code).sort()).toEqual(['19462', '23134', '25489']);
		// Tây Ninh (80) after 2025 took in Long An, where 25489 now lies.
		expect(matcher.byName('Tân Lập', { period: '2025Q4', parent: 'Tây Ninh' })).toMatchObject({
			code: '25489'
		});
	});

	it('resolves one code to different units before and after the reorganisation', () => {
		expect(matcher.byCode('00004', { period: '2024' })).toMatchObject({ unit: { name: 'Phường Trúc Bạch' } });
		expect(matcher.byCode('00004', { period: '2025-12' })).toMatchObject({
			unit: { name: 'Phường Ba Đình' }
		});
	});

	it('matches "Ba Đình" to the district before 2025 and to the ward after, within Hà Nội', () => {
		expect(matcher.byName('Quận Ba Đình', { period: '2024' })).toMatchObject({ code: '001' });
		expect(matcher.byName('Phường Ba Đình', { period: '2025Q4', parent: 'Hà Nội' })).toMatchObject({
			code: '00004'
		});
	});

	it('matches a name written without its prefix even when the name begins like one', () => {
		// Huyện Quan Hóa (Thanh Hóa), written "Quan Hóa": not taken for a unit named "Hóa"; its diacritics tell it
		// from Phường Quan Hoa (Hà Nội); written without diacritics, the name fits both.
		expect(matcher.byName('Quan Hóa', { period: '2024' })).toMatchObject({ kind: 'matched', code: '385' });
		const bare = matcher.byName('quan hoa', { period: '2024' });
		expect(bare.kind === 'ambiguous' && bare.candidates.map((c) => c.code).sort()).toEqual(['00169', '385']);
	});

	it('reads a parent written in parentheses after the name', () => {
		expect(matcher.byName('Tân Lập (Lục Ngạn)', { period: '2024' })).toMatchObject({
			kind: 'matched',
			code: '07594'
		});
		expect(matcher.byName('Xã Tân Lập (Huyện Sông Lô)', { period: '2024' })).toMatchObject({ code: '08818' });
	});

	it('restores leading zeros that Excel dropped, only when that names one unit', () => {
		expect(matcher.byCode('7594', { period: '2024' })).toMatchObject({ kind: 'matched', code: '07594' });
		expect(matcher.byCode('4', { period: '2024' }).kind).not.toBe('matched');
	});

	it('suggests the three closest names for an unknown one', () => {
		const match = matcher.byName('Xã Tân Lậpp', { period: '2024', parent: 'Huyện Lục Ngạn' });
		expect(match.kind).toBe('unknown');
		if (match.kind !== 'unknown') return;
		expect(match.suggestions).toHaveLength(3);
		expect(match.suggestions[0]).toMatchObject({ code: '07594', name: 'Xã Tân Lập' });
	});
});
