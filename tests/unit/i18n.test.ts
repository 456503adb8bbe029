import { describe, expect, it } from 'vitest';
import { fillPlaceholders, formatDate, formatNumber, formatPercent, translate } from '$lib/i18n';
import { en } from '$lib/i18n/en';
import { loadingMessage, loadingProgress } from '$lib/i18n/loading';
import { vi } from '$lib/i18n/vi';

describe('i18n', () => {
	it('has the same keys in both languages, none empty', () => {
		expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
		for (const text of [...Object.values(vi), ...Object.values(en)]) expect(text.trim()).not.toBe('');
	});

	it('fills placeholders and leaves unknown ones visible', () => {
		expect(translate('vi', 'loading.fetch', { done: 2, total: 7 })).toBe('Đang tải dữ liệu (2/7 tệp)…');
		expect(translate('en', 'loading.fetch', { done: 2 })).toBe('Downloading data (2/{total} files)…');
	});

	it('fills a template with a value formatter, leaving a missing value’s placeholder visible', () => {
		const vi = (v: string | number) => (typeof v === 'number' ? v.toLocaleString('vi-VN') : v);
		expect(fillPlaceholders('{n} dòng của {file}, {missing}', { n: 1300, file: 'a.csv' }, vi)).toBe(
			'1.300 dòng của a.csv, {missing}'
		);
		expect(fillPlaceholders('{a}{a}', { a: 0 })).toBe('00');
	});

	it('formats numbers, shares and dates the vi-VN way', () => {
		expect(formatNumber('vi', 1300)).toBe('1.300');
		expect(formatNumber('en', 1300)).toBe('1,300');
		expect(formatNumber('vi', 12.5)).toBe('12,5');
		expect(formatNumber('vi', null)).toBe('—');
		expect(formatPercent('vi', 0.8)).toBe('80%');
		expect(formatPercent('vi', 0.055)).toBe('5,5%');
		expect(formatDate('vi', '2024-10-15')).toBe('15/10/2024');
		expect(formatDate('en', '2024-10-15')).toBe('15 Oct 2024');
	});

	it('says each start-up step, the user’s stored imports included', () => {
		expect(loadingMessage('vi', { step: 'load', table: 'values', done: 5, total: 9 })).toBe(
			'Đang nạp bảng values (5/9)…'
		);
		expect(loadingMessage('vi', { step: 'imports', done: 1, total: 3 })).toBe(
			'Đang áp dụng dữ liệu đã nhập trong trình duyệt này (1/3 lần nhập)…'
		);
		expect(loadingMessage('en', { step: 'engine' })).toBe(translate('en', 'loading.engine'));
	});

	it('puts each step on the progress bar: downloads the first half, an engine still starting after them at half way', () => {
		const steps = [
			loadingProgress({ step: 'engine' }),
			loadingProgress({ step: 'fetch', done: 0, total: 9 }),
			loadingProgress({ step: 'fetch', done: 9, total: 9 }),
			loadingProgress({ step: 'engine', dataFetched: true }),
			loadingProgress({ step: 'load', table: 'values', done: 9, total: 9 }),
			loadingProgress({ step: 'imports', done: 2, total: 2 })
		];
		expect(steps).toEqual([0.02, 0, 0.5, 0.5, 0.9, 1]);
		// The engine and the downloads start together; once the files are in, the message names the engine again.
		expect(loadingMessage('vi', { step: 'engine', dataFetched: true })).toBe(
			'Đang khởi động cơ sở dữ liệu DuckDB…'
		);
	});
});
