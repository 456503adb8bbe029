import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCsvParser, detectDelimiter, parseCsv } from '$lib/import/csv';

describe('parseCsv', () => {
	it('reads a semicolon file with a BOM, CRLF, Vietnamese headers and a decimal comma', () => {
		const text =
			'\uFEFFMã đơn vị;Chỉ tiêu;Kỳ báo cáo;Giá trị\r\n01267;members;2024Q3;1,5\r\n01268;members;2024Q3;12\r\n';
		const table = parseCsv(text, 'q3.csv');
		expect(table.header).toEqual(['Mã đơn vị', 'Chỉ tiêu', 'Kỳ báo cáo', 'Giá trị']);
		expect(table.rows).toEqual([
			['01267', 'members', '2024Q3', '1,5'],
			['01268', 'members', '2024Q3', '12']
		]);
		expect(table.sourceRows).toEqual([2, 3]);
		expect(table.file).toBe('q3.csv');
		expect(table.sheet).toBeNull();
	});

	it('keeps quoted delimiters, doubled quotes and line breaks, and counts lines across them', () => {
		const text = 'code,name,value\n01,"Xã ""Mới"", A",1\n02,"two\nlines\r\nhere",2\n03,plain,3\n';
		const table = parseCsv(text, 'q.csv');
		expect(table.rows).toEqual([
			['01', 'Xã "Mới", A', '1'],
			['02', 'two\nlines\nhere', '2'],
			['03', 'plain', '3']
		]);
		// Row 02 starts on line 3 and spans 3 lines, so row 03 is on line 6.
		expect(table.sourceRows).toEqual([2, 3, 6]);
	});

	it('skips blank lines (also rows of empty cells) and counts them', () => {
		const text = 'a,b\n\n1,2\n,\n\r\n3,4';
		const table = parseCsv(text, 'b.csv');
		expect(table.rows).toEqual([
			['1', '2'],
			['3', '4']
		]);
		expect(table.sourceRows).toEqual([3, 6]);
		expect(table.blankRows).toBe(3);
	});

	it('pads short rows and widens the header for cells beyond it, so that no cell is lost', () => {
		const table = parseCsv('a,b,c\n1\n1,2,3,4\n', 'w.csv');
		expect(table.header).toEqual(['a', 'b', 'c', '']);
		expect(table.rows).toEqual([
			['1', '', '', ''],
			['1', '2', '3', '4']
		]);
	});

	it("obeys Excel's sep= line, which is not data", () => {
		const table = parseCsv('sep=;\r\na;b\r\n1,5;2\r\n', 's.csv');
		expect(table.header).toEqual(['a', 'b']);
		expect(table.rows).toEqual([['1,5', '2']]);
		expect(table.sourceRows).toEqual([3]);
	});

	it('finds the header below the title lines of a report template', () => {
		const text =
			'HỘI LHPN TỈNH CAO BẰNG;;\nBÁO CÁO SỐ LIỆU QUÝ 3/2024;;\n;;\nSTT;Tên đơn vị;Giá trị\n1;Xã Tân Lập;5\n';
		const table = parseCsv(text, 't.csv');
		expect(table.header).toEqual(['STT', 'Tên đơn vị', 'Giá trị']);
		expect(table.rows).toEqual([['1', 'Xã Tân Lập', '5']]);
		expect(table.sourceRows).toEqual([5]);
		expect(table.titleRows).toEqual([1, 2]);
		expect(table.blankRows).toBe(1);
	});

	it('leaves out the column-numbering row of a template, recording it with the header', () => {
		const text = 'STT;Tên đơn vị;Hội viên;Giá trị\n(1);(2);(3);(4)\n1;Xã A;12;3\n';
		const table = parseCsv(text, 'n.csv');
		expect(table.rows).toEqual([['1', 'Xã A', '12', '3']]);
		expect(table.headerRows).toEqual([1, 2]);
		const lettered = parseCsv('STT;Tên đơn vị;Giá trị;Hội viên\nA;B;1;2\n1;Xã A;3;4\n', 'l.csv');
		expect(lettered.rows).toEqual([['1', 'Xã A', '3', '4']]);
		// Letters that do not count from A, or numbers that do not count from 1, are data (reported if wrong).
		expect(parseCsv('STT;Tên đơn vị;Giá trị\na;a;a\n', 'a.csv').rows).toEqual([['a', 'a', 'a']]);
		expect(parseCsv('STT;Tên đơn vị;Giá trị\n2;3;4\n', 'b.csv').rows).toEqual([['2', '3', '4']]);
		expect(parseCsv('Mã đơn vị;Giá trị;Chỉ tiêu\n01;2;3\n', 'd.csv').rows).toEqual([['01', '2', '3']]);
	});

	it('reads tab-separated text', () => {
		expect(parseCsv('a\tb\n1\t2\n', 't.tsv').rows).toEqual([['1', '2']]);
	});
});

describe('detectDelimiter', () => {
	it('prefers the separator that is not inside numbers or quotes', () => {
		expect(detectDelimiter('a;b;c\n1,5;2,5;3\n')).toBe(';');
		expect(detectDelimiter('a,b,c\n"x;y",2,3\n')).toBe(',');
		expect(detectDelimiter('a\tb\tc\n1,5\t2\t3\n')).toBe('\t');
	});
});

describe('createCsvParser', () => {
	it('gives the same table however the text is cut into chunks (inside quotes, between CR and LF)', () => {
		const text = 'code;name;value\r\n01;"a;""b""\r\nc";1\r\n\r\n02;d;2\r\n03;"e";3';
		const whole = parseCsv(text, 'c.csv');
		expect(whole.sourceRows).toEqual([2, 5, 6]);
		for (let cut = 0; cut <= text.length; cut += 1) {
			for (const cut2 of [cut, Math.min(text.length, cut + 1), Math.min(text.length, cut + 3)]) {
				const parser = createCsvParser('c.csv', { delimiter: ';' });
				parser.push(text.slice(0, cut));
				parser.push(text.slice(cut, cut2));
				parser.push(text.slice(cut2));
				expect(parser.finish(), `cut at ${cut}/${cut2}`).toEqual(whole);
			}
		}
	});

	it('reports progress and parses 50 MB quickly', () => {
		const line = '01267,households_out_of_poverty,2024Q3,"1.300",prog\n';
		const text = `org_unit,indicator,period,value,programme\n${line.repeat(Math.ceil(50_000_000 / line.length))}`;
		const started = performance.now();
		const parser = createCsvParser('big.csv');
		const chunk = 1 << 20;
		for (let at = 0; at < text.length; at += chunk) parser.push(text.slice(at, at + chunk));
		expect(parser.charsParsed).toBe(text.length);
		const table = parser.finish();
		const seconds = (performance.now() - started) / 1000;
		expect(table.rows.length).toBe(Math.ceil(50_000_000 / line.length));
		expect(table.rows[0]).toEqual(['01267', 'households_out_of_poverty', '2024Q3', '1.300', 'prog']);
		// About 2–3 s on a busy shared 2-core machine; the bound only catches a quadratic slip.
		expect(seconds).toBeLessThan(30);
	});
});

describe('round trip (fast-check)', () => {
	it('reads back any table written with RFC 4180 quoting, cut into any chunks', () => {
		// Cells from an alphabet full of trouble: delimiters, quotes, line breaks, Vietnamese letters, spaces.
		const cell = fc
			.array(fc.constantFrom('a', 'Đ', 'ộ', ' x', ',', ';', '\t', '"', '\n', '\r\n', '1.300', '='), {
				maxLength: 4
			})
			.map((parts) => parts.join('').trim())
			.filter((c) => !/^[\r\n]|[\r\n]$/.test(c));
		const quote = (c: string) => (/[",;\t\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
		fc.assert(
			fc.property(
				fc
					.integer({ min: 1, max: 4 })
					.chain((width) =>
						fc.tuple(
							fc.constant(width),
							fc.array(fc.array(cell, { minLength: width, maxLength: width }), { maxLength: 6 }),
							fc.constantFrom<',' | ';' | '\t'>(',', ';', '\t'),
							fc.constantFrom('\n', '\r\n'),
							fc.integer({ min: 1, max: 50 })
						)
					),
				([width, body, delimiter, eol, chunk]) => {
					const header = Array.from({ length: width }, (_, i) => `col${i}`);
					const rows = body.filter((r) => r.some((c) => c !== ''));
					const text = [header, ...rows].map((r) => r.map(quote).join(delimiter)).join(eol) + eol;
					const parser = createCsvParser('p.csv', { delimiter });
					for (let at = 0; at < text.length; at += chunk) parser.push(text.slice(at, at + chunk));
					const table = parser.finish();
					expect(table.header).toEqual(header);
					// Line breaks inside cells come back as \n.
					expect(table.rows).toEqual(rows.map((r) => r.map((c) => c.replace(/\r\n/g, '\n'))));
					// Each row starts on the line after the previous row's last line.
					let line = 2;
					rows.forEach((r, i) => {
						expect(table.sourceRows[i]).toBe(line);
						line += 1 + r.reduce((n, c) => n + (c.match(/\r\n|\n/g)?.length ?? 0), 0);
					});
				}
			),
			{ numRuns: 300 }
		);
	});
});
