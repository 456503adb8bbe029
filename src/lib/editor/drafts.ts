/**
 * Drafts of plan files kept in the browser (localStorage), so that nothing typed is lost to a reload or a
 * crash. One record per plan id (the file's id, `cao-bang-2024`) plus the `new` slot for a plan started from
 * the template. The text is stored exactly as typed, valid JSON or not. Records carry a format version; a
 * record of another version is left alone (never overwritten or deleted without the user asking).
 */

export const DRAFT_VERSION = 1;
const PREFIX = 'chi-tieu:rules-draft:';
/** The slot of a plan started from the template, before it has an id of its own. */
export const NEW_SLOT = 'new';

export type DraftOrigin = 'bundled' | 'template' | 'copy' | 'upload';

export interface Draft {
	v: typeof DRAFT_VERSION;
	/** The plan id the draft belongs to (= the slot). */
	id: string;
	/** The text as typed. */
	text: string;
	/**
	 * The saved version the draft started from: the file in `rules/` for a bundled plan, the template or copied
	 * plan for a new one. What "revert" returns to and what the preview and the diff compare with.
	 */
	base: string;
	origin: DraftOrigin;
	/** For a copy, the plan it was copied from. */
	from?: string;
	/** Milliseconds since 1970 of the last change. */
	updated: number;
}

/** The part of the Web Storage API used here (an in-memory one stands in for tests). */
export type DraftStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

export const draftKey = (id: string) => `${PREFIX}v${DRAFT_VERSION}:${id}`;

function isDraft(value: unknown): value is Draft {
	if (typeof value !== 'object' || value === null) return false;
	const d = value as Record<string, unknown>;
	return (
		d.v === DRAFT_VERSION &&
		typeof d.id === 'string' &&
		typeof d.text === 'string' &&
		typeof d.base === 'string' &&
		typeof d.origin === 'string' &&
		typeof d.updated === 'number'
	);
}

/** The browser's localStorage, or null where there is none (or it is blocked). */
export function browserStorage(): DraftStorage | null {
	try {
		return typeof localStorage === 'undefined' ? null : localStorage;
	} catch {
		return null;
	}
}

export function readDraft(storage: DraftStorage | null, id: string): Draft | null {
	if (!storage) return null;
	try {
		const raw = storage.getItem(draftKey(id));
		if (raw === null) return null;
		const value: unknown = JSON.parse(raw);
		return isDraft(value) && value.id === id ? value : null;
	} catch {
		return null;
	}
}

/** Every readable draft, newest first. */
export function listDrafts(storage: DraftStorage | null): Draft[] {
	if (!storage) return [];
	const found: Draft[] = [];
	const prefix = `${PREFIX}v${DRAFT_VERSION}:`;
	for (let i = 0; i < storage.length; i += 1) {
		const key = storage.key(i);
		if (!key?.startsWith(prefix)) continue;
		const draft = readDraft(storage, key.slice(prefix.length));
		if (draft) found.push(draft);
	}
	return found.sort((a, b) => b.updated - a.updated);
}

export type SaveResult =
	{ ok: true } | { ok: false; reason: 'no-storage' | 'quota' | 'error'; message: string };

/** Writes a draft; says why when it could not (storage full or blocked) so that the page can warn. */
export function writeDraft(storage: DraftStorage | null, draft: Omit<Draft, 'v'>): SaveResult {
	if (!storage) return { ok: false, reason: 'no-storage', message: 'localStorage is not available' };
	try {
		storage.setItem(draftKey(draft.id), JSON.stringify({ v: DRAFT_VERSION, ...draft }));
		return { ok: true };
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		const quota = error instanceof Error && /quota/i.test(`${error.name} ${error.message}`);
		return { ok: false, reason: quota ? 'quota' : 'error', message };
	}
}

export function deleteDraft(storage: DraftStorage | null, id: string): void {
	try {
		storage?.removeItem(draftKey(id));
	} catch {
		// Nothing to do: a storage that cannot remove cannot have stored either.
	}
}

/**
 * Records the editor's text for a plan: a bundled plan whose text is back to the file leaves no draft (the
 * list then shows it as unchanged); any other text, even broken, is kept as typed.
 */
export function saveText(
	storage: DraftStorage | null,
	id: string,
	text: string,
	start: { base: string; origin: DraftOrigin; from?: string },
	now: number = Date.now()
): SaveResult {
	const existing = readDraft(storage, id);
	const origin = existing?.origin ?? start.origin;
	// A bundled plan's saved version is the file in rules/ as shipped now; a new plan's is where it started.
	const base = origin === 'bundled' ? start.base : (existing?.base ?? start.base);
	if (origin === 'bundled' && text === base) {
		deleteDraft(storage, id);
		return { ok: true };
	}
	const from = existing?.from ?? start.from;
	return writeDraft(storage, { id, text, base, origin, ...(from ? { from } : {}), updated: now });
}

/** An in-memory storage with the Web Storage interface (tests; and a fallback when localStorage is blocked). */
export function memoryStorage(): DraftStorage & { dump(): Record<string, string> } {
	const map = new Map<string, string>();
	return {
		get length() {
			return map.size;
		},
		key: (i: number) => [...map.keys()][i] ?? null,
		getItem: (key: string) => map.get(key) ?? null,
		setItem: (key: string, value: string) => void map.set(key, String(value)),
		removeItem: (key: string) => void map.delete(key),
		dump: () => Object.fromEntries(map)
	};
}
