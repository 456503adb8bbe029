import { describe, expect, it } from 'vitest';
import { foldVietnamese } from '$lib/search/fold';
import { searchUnits } from '$lib/search/units';
import type { UnitInfo } from '$lib/state/units';

const unit = (code: string, name: string, level: UnitInfo['level'], parentCode: string | null): UnitInfo => ({
	code,
	name,
	nameEn: null,
	level,
	parentCode
});

const units = [
	unit('04', 'Tỉnh Cao Bằng', 'province', 'VN'),
	unit('040', 'Thành phố Cao Bằng', 'district', '04'),
	unit('01273', 'Phường Sông Bằng', 'commune', '040'),
	unit('042', 'Huyện Bảo Lâm', 'district', '04'),
	unit('043', 'Huyện Bảo Lạc', 'district', '04'),
	unit('66', 'Tỉnh Đắk Lắk', 'province', 'VN')
];

describe('unit search', () => {
	it('folds diacritics and đ', () => {
		expect(foldVietnamese('  Đắk   Lắk ')).toBe('dak lak');
		expect(foldVietnamese('Cao Bằng')).toBe('cao bang');
	});

	it('finds "cao bang" as the province first, then the city (higher levels first)', () => {
		expect(searchUnits(units, 'cao bang').map((m) => m.unit.code)).toEqual(['04', '040']);
	});

	it('tells Bảo Lâm from Bảo Lạc only by the typed letters', () => {
		// Vietnamese alphabetical order: a (Lạc) comes before â (Lâm).
		expect(searchUnits(units, 'bao la').map((m) => m.unit.code)).toEqual(['043', '042']);
		expect(searchUnits(units, 'bao lac').map((m) => m.unit.code)).toEqual(['043']);
		expect(searchUnits(units, 'Bảo Lạc').map((m) => m.unit.code)).toEqual(['043']);
	});

	it('matches "dak lak" and codes; ignores one-letter queries', () => {
		expect(searchUnits(units, 'dak lak').map((m) => m.unit.code)).toEqual(['66']);
		expect(searchUnits(units, '01273').map((m) => m.unit.code)).toEqual(['01273']);
		expect(searchUnits(units, 'c')).toEqual([]);
	});
});
