import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseCsv } from '$lib/import/csv';
import { decodeText, repairTcvn3Cells, tcvn3ToUnicode } from '$lib/import/encoding';

/** ASCII text as bytes (independent of the code under test). */
const ascii = (text: string): number[] => [...text].map((c) => c.charCodeAt(0));

// "Hà Nội, Cao Bằng, Phụ nữ, Đồng" written by hand in each legacy encoding.
// Windows-1258: tones are separate combining bytes after the base letter: 0xCC grave, 0xEC acute, 0xD2 hook,
// 0xDE tilde, 0xF2 dot below; 0xE3 ă, 0xF4 ô, 0xFD ư, 0xD0 Đ.
const WINDOWS_1258 = new Uint8Array([
	...ascii('Ha'),
	0xcc,
	...ascii(' N'),
	0xf4,
	0xf2,
	...ascii('i, Cao B'),
	0xe3,
	0xcc,
	...ascii('ng, Phu'),
	0xf2,
	...ascii(' n'),
	0xfd,
	0xde,
	...ascii(', '),
	0xd0,
	0xf4,
	0xcc,
	...ascii('ng')
]);
// TCVN3 (ABC): one byte per toned letter: 0xB5 à, 0xE9 ộ, 0xBB ằ, 0xF4 ụ, 0xF7 ữ, 0xA7 Đ, 0xE5 ồ.
const TCVN3 = new Uint8Array([
	...ascii('H'),
	0xb5,
	...ascii(' N'),
	0xe9,
	...ascii('i, Cao B'),
	0xbb,
	...ascii('ng, Ph'),
	0xf4,
	...ascii(' n'),
	0xf7,
	...ascii(', '),
	0xa7,
	0xe5,
	...ascii('ng')
]);
const EXPECTED = 'Hà Nội, Cao Bằng, Phụ nữ, Đồng';

describe('decodeText', () => {
	it('converts Windows-1258 and composes its tone marks (NFC)', () => {
		const decoded = decodeText(WINDOWS_1258);
		expect(decoded).toEqual({ text: EXPECTED, encoding: 'windows-1258', converted: true, problem: null });
		expect(decoded.text.length).toBe(EXPECTED.normalize('NFC').length);
	});

	it('converts TCVN3 (ABC) bytes, which are valid Latin-1 ("Hµ Néi")', () => {
		expect(decodeText(TCVN3)).toEqual({ text: EXPECTED, encoding: 'tcvn3', converted: true, problem: null });
	});

	it('repairs TCVN3 text that went through Latin-1 into a UTF-8 file', () => {
		const garbled = 'Hµ Néi, Cao B»ng, Phô n÷, §ång';
		const bytes = new TextEncoder().encode(garbled);
		expect(decodeText(bytes)).toEqual({ text: EXPECTED, encoding: 'tcvn3', converted: true, problem: null });
	});

	it('reads UTF-8 with and without BOM, and leaves correct Vietnamese alone', () => {
		const utf8 = new TextEncoder().encode(EXPECTED);
		expect(decodeText(utf8)).toEqual({ text: EXPECTED, encoding: 'utf-8', converted: false, problem: null });
		const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]);
		expect(decodeText(withBom).text).toBe(EXPECTED);
	});

	it('composes decomposed UTF-8 (NFD) to NFC', () => {
		const nfd = new TextEncoder().encode('Hà Nội'.normalize('NFD'));
		expect(decodeText(nfd).text).toBe('Hà Nội');
	});

	it('reads UTF-16 LE and BE with a BOM, and LE without one', () => {
		// "Hà" = U+0048 U+00E0.
		expect(decodeText(new Uint8Array([0xff, 0xfe, 0x48, 0x00, 0xe0, 0x00])).text).toBe('Hà');
		expect(decodeText(new Uint8Array([0xfe, 0xff, 0x00, 0x48, 0x00, 0xe0])).text).toBe('Hà');
		const le = new Uint8Array([...ascii('code,value')].flatMap((b) => [b, 0]));
		expect(decodeText(le)).toMatchObject({ text: 'code,value', encoding: 'utf-16le', problem: null });
		const be = new Uint8Array([...ascii('code,value')].flatMap((b) => [0, b]));
		expect(decodeText(be)).toMatchObject({ text: 'code,value', encoding: 'utf-16be', problem: null });
	});

	it('refuses bytes it cannot read confidently, with no text at all', () => {
		// Not UTF-8, and neither legacy reading gives Vietnamese words.
		const noise = new Uint8Array([...ascii('ten: '), 0x80, 0x9d, 0x8f, ...ascii(' x'), 0xbf, 0xba, 0xd7]);
		const decoded = decodeText(noise);
		expect(decoded.problem).toBe('undetermined');
		expect(decoded.text).toBe('');
	});

	it('refuses a binary file (an .xls renamed .csv)', () => {
		const xls = new Uint8Array([
			0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0, 0, 0, 0, 0, 0x3e, 0, 3
		]);
		expect(decodeText(xls)).toMatchObject({ problem: 'binary', text: '' });
	});

	it('treats plain ASCII as UTF-8', () => {
		expect(decodeText(new Uint8Array(ascii('a,b\r\n1,2')))).toEqual({
			text: 'a,b\r\n1,2',
			encoding: 'utf-8',
			converted: false,
			problem: null
		});
	});
});

describe('tcvn3ToUnicode', () => {
	it('maps every ABC letter, lower and upper case bases', () => {
		// One word per vowel family, written in ABC code points by hand.
		expect(tcvn3ToUnicode('\u00a1\u00a2\u00a3\u00a4\u00a5\u00a6\u00a7')).toBe('ĂÂÊÔƠƯĐ');
		expect(tcvn3ToUnicode('\u00a8\u00a9\u00aa\u00ab\u00ac\u00ad\u00ae')).toBe('ăâêôơưđ');
		expect(tcvn3ToUnicode('µ¶·¸¹')).toBe('àảãáạ');
		expect(tcvn3ToUnicode('ViÖt Nam')).toBe('Việt Nam');
		expect(tcvn3ToUnicode('Héi Liªn hiÖp Phô n÷')).toBe('Hội Liên hiệp Phụ nữ');
	});

	it('puts converted letters of an all-capitals word (.VnTimeH) in capitals', () => {
		expect(tcvn3ToUnicode('HµNéI')).toBe('HÀNỘI');
		expect(tcvn3ToUnicode('CAO B»NG')).toBe('CAO BẰNG');
	});
});

describe('repairTcvn3Cells', () => {
	it('converts a sheet whose names are TCVN3, and leaves a Unicode sheet alone', () => {
		expect(repairTcvn3Cells(['Tªn ®¬n vÞ', 'X· T©n LËp', '12'])).toEqual({
			cells: ['Tên đơn vị', 'Xã Tân Lập', '12'],
			converted: true
		});
		expect(repairTcvn3Cells(['Tên đơn vị', 'Xã Tân Lập', '12'])).toEqual({
			cells: ['Tên đơn vị', 'Xã Tân Lập', '12'],
			converted: false
		});
	});
});

describe('without a windows-1258 TextDecoder', () => {
	afterEach(() => {
		vi.unstubAllGlobals();
	});

	it('uses its own table and gives the same text', () => {
		const Real = globalThis.TextDecoder;
		class NoLegacy extends Real {
			constructor(label?: string, options?: TextDecoderOptions) {
				if (label === 'windows-1258') throw new RangeError('unsupported');
				super(label, options);
			}
		}
		vi.stubGlobal('TextDecoder', NoLegacy);
		expect(decodeText(WINDOWS_1258)).toEqual({
			text: EXPECTED,
			encoding: 'windows-1258',
			converted: true,
			problem: null
		});
	});
});

describe('a whole TCVN3 CSV file', () => {
	it('decodes and parses into Unicode names', () => {
		// "Tên đơn vị;Hội viên" / "Xã Tân Lập;12" / "Phường Sông Bằng;7" in ABC bytes, typed by hand:
		// ª ê, ® đ, ¬ ơ, Þ ị, é ộ, · ã, © â, Ë ậ, ­ ư, ê ờ, » ằ.
		const bytes = new Uint8Array([
			...ascii('T'),
			0xaa,
			...ascii('n '),
			0xae,
			0xac,
			...ascii('n v'),
			0xde,
			...ascii(';H'),
			0xe9,
			...ascii('i vi'),
			0xaa,
			...ascii('n\r\nX'),
			0xb7,
			...ascii(' T'),
			0xa9,
			...ascii('n L'),
			0xcb,
			...ascii('p;12\r\nPh'),
			0xad,
			0xea,
			...ascii('ng S'),
			0xab,
			...ascii('ng B'),
			0xbb,
			...ascii('ng;7\r\n')
		]);
		const decoded = decodeText(bytes);
		expect(decoded.encoding).toBe('tcvn3');
		const table = parseCsv(decoded.text, 'cu.csv', { encoding: decoded.encoding });
		expect(table.header).toEqual(['Tên đơn vị', 'Hội viên']);
		expect(table.rows).toEqual([
			['Xã Tân Lập', '12'],
			['Phường Sông Bằng', '7']
		]);
		expect(table.encoding).toBe('tcvn3');
	});
});
