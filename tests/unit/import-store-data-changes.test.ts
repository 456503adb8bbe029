import { describe, expect, it, vi } from 'vitest';
import { dataChanged, dataVersion, onDataChange } from '$lib/state/data-changes';

describe('data changes', () => {
	it('clear every registered cache, even when one listener fails, and advance the version', () => {
		const cache = new Map([['plan@2024-12-31', 1]]);
		const stopA = onDataChange(() => {
			throw new Error('broken listener');
		});
		const stopB = onDataChange(() => cache.clear());
		const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
		const before = dataVersion();
		dataChanged();
		expect(cache.size).toBe(0);
		expect(dataVersion()).toBe(before + 1);
		expect(error).toHaveBeenCalledOnce();
		error.mockRestore();

		stopA();
		stopB();
		cache.set('again', 2);
		dataChanged();
		expect(cache.size).toBe(1);
	});
});
