import { csvParse } from 'd3-dsv';
import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '$lib/export/csv';

describe('CSV export', () => {
	it('quotes commas, quotes and line breaks (RFC 4180)', () => {
		expect(csvCell('Cao Bằng, 2024')).toBe('"Cao Bằng, 2024"');
		expect(csvCell('say "hi"')).toBe('"say ""hi"""');
		expect(csvCell('a\nb')).toBe('"a\nb"');
		expect(csvCell(null)).toBe('');
		expect(csvCell(1300)).toBe('1300');
	});

	it('neutralises text Excel would run as a formula, but not negative numbers', () => {
		expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
		expect(csvCell('+1')).toBe("'+1");
		expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
		expect(csvCell(-5)).toBe('-5');
	});

	it('round-trips through a CSV parser, with a BOM and CRLF line ends', () => {
		const text = toCsv(
			['a', 'b'],
			[
				['Xã Phúc Xá', 'x,y'],
				[1.5, null]
			]
		);
		expect(text.startsWith('\uFEFF')).toBe(true);
		expect(text).toContain('\r\n');
		const rows = csvParse(text.slice(1).replace(/\r\n/g, '\n'));
		expect(rows.map((r) => [r.a, r.b])).toEqual([
			['Xã Phúc Xá', 'x,y'],
			['1.5', '']
		]);
	});
});
