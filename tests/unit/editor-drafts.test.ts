/** Drafts in the browser's storage: kept as typed, versioned, removed when a bundled plan is back to its file. */
import { describe, expect, it } from 'vitest';
import {
	deleteDraft,
	draftKey,
	listDrafts,
	memoryStorage,
	readDraft,
	saveText,
	writeDraft,
	DRAFT_VERSION
} from '$lib/editor/drafts';

const BASE = '{"plan": {}}';

describe('drafts', () => {
	it('keeps invalid JSON exactly as typed', () => {
		const storage = memoryStorage();
		const broken = '{"plan": {"id": "x",,, \n\t  "ưư": ';
		expect(saveText(storage, 'x', broken, { base: BASE, origin: 'bundled' }, 1000)).toEqual({ ok: true });
		const draft = readDraft(storage, 'x');
		expect(draft?.text).toBe(broken);
		expect(draft).toMatchObject({ v: DRAFT_VERSION, id: 'x', base: BASE, origin: 'bundled', updated: 1000 });
	});
	it('leaves no draft when a bundled plan is back to its file', () => {
		const storage = memoryStorage();
		saveText(storage, 'x', 'changed', { base: BASE, origin: 'bundled' });
		saveText(storage, 'x', BASE, { base: BASE, origin: 'bundled' });
		expect(readDraft(storage, 'x')).toBeNull();
	});
	it('keeps a new plan even when it equals its start, and keeps where it came from', () => {
		const storage = memoryStorage();
		writeDraft(storage, { id: 'y', text: BASE, base: BASE, origin: 'copy', from: 'x', updated: 1 });
		saveText(storage, 'y', BASE, { base: 'ignored', origin: 'template' }, 2);
		expect(readDraft(storage, 'y')).toMatchObject({
			text: BASE,
			base: BASE,
			origin: 'copy',
			from: 'x',
			updated: 2
		});
	});
	it('compares a bundled plan with the file as shipped now', () => {
		const storage = memoryStorage();
		saveText(storage, 'x', 'draft', { base: 'old file', origin: 'bundled' });
		saveText(storage, 'x', 'draft 2', { base: 'new file', origin: 'bundled' });
		expect(readDraft(storage, 'x')?.base).toBe('new file');
	});
	it('lists drafts newest first and ignores other keys, other versions and garbage', () => {
		const storage = memoryStorage();
		writeDraft(storage, { id: 'a', text: '1', base: '', origin: 'template', updated: 1 });
		writeDraft(storage, { id: 'b', text: '2', base: '', origin: 'upload', updated: 5 });
		storage.setItem('other-app', 'x');
		storage.setItem(draftKey('c'), 'not json');
		storage.setItem(draftKey('d').replace(`v${DRAFT_VERSION}:`, 'v99:'), JSON.stringify({ v: 99, id: 'd' }));
		storage.setItem(
			draftKey('e'),
			JSON.stringify({ v: DRAFT_VERSION, id: 'other', text: '', base: '', origin: 'x', updated: 1 })
		);
		expect(listDrafts(storage).map((d) => d.id)).toEqual(['b', 'a']);
		deleteDraft(storage, 'b');
		expect(listDrafts(storage).map((d) => d.id)).toEqual(['a']);
		// A record of another version is never touched.
		expect(Object.keys(storage.dump()).some((k) => k.includes('v99:'))).toBe(true);
	});
	it('says why a draft could not be saved', () => {
		const full = {
			...memoryStorage(),
			setItem: () => {
				const error = new Error('The quota has been exceeded.');
				error.name = 'QuotaExceededError';
				throw error;
			}
		};
		expect(saveText(full, 'x', 'a', { base: BASE, origin: 'template' })).toMatchObject({
			ok: false,
			reason: 'quota'
		});
		expect(saveText(null, 'x', 'a', { base: BASE, origin: 'template' })).toMatchObject({
			ok: false,
			reason: 'no-storage'
		});
	});
});
