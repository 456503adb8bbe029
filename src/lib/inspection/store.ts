/**
 * What inspection teams type into the app — visits, notes and findings, their own wording of the questions — kept
 * in the browser (localStorage) under versioned keys, so that it survives reloads and works offline in the field.
 * Storage is untrusted too (another version of the app, a hand edit): everything read back is checked and
 * anything malformed is dropped, never thrown at the page.
 */

/** The slice of the Web Storage API used here, so that tests can pass a Map-backed one. */
export interface KeyValueStore {
	getItem(key: string): string | null;
	setItem(key: string, value: string): void;
	removeItem(key: string): void;
}

export const STORE_KEYS = {
	visits: 'chi-tieu:inspection:visits:v1',
	notes: 'chi-tieu:inspection:notes:v1',
	questions: 'chi-tieu:inspection:questions:v1'
} as const;

export interface Visit {
	id: string;
	unit: string;
	/** `YYYY-MM-DD` */
	date: string;
	plan: string | null;
	/** Who went, or a short remark. */
	remark: string;
}

export type NoteKind = 'note' | 'finding';

export interface Note {
	id: string;
	unit: string;
	/** The day of the visit the note belongs to, `YYYY-MM-DD`. */
	date: string;
	plan: string | null;
	kind: NoteKind;
	text: string;
	/** ISO timestamp of the last change. */
	updatedAt: string;
}

/** Edited questions by language and kind of target; a kind left out uses the built-in questions. */
export type EditedQuestions = Partial<Record<'vi' | 'en', Record<string, string>>>;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const MAX_TEXT = 20_000;

const isString = (v: unknown, max = 200): v is string => typeof v === 'string' && v.length <= max;

function readList(store: KeyValueStore, key: string): unknown[] {
	try {
		const parsed: unknown = JSON.parse(store.getItem(key) ?? '[]');
		return Array.isArray(parsed) ? parsed : [];
	} catch {
		return [];
	}
}

function asVisit(v: unknown): Visit | null {
	if (!v || typeof v !== 'object') return null;
	const r = v as Record<string, unknown>;
	if (!isString(r.id) || !isString(r.unit) || !isString(r.date) || !ISO_DATE.test(r.date)) return null;
	return {
		id: r.id,
		unit: r.unit,
		date: r.date,
		plan: isString(r.plan) ? r.plan : null,
		remark: isString(r.remark, MAX_TEXT) ? r.remark : ''
	};
}

function asNote(v: unknown): Note | null {
	if (!v || typeof v !== 'object') return null;
	const r = v as Record<string, unknown>;
	if (!isString(r.id) || !isString(r.unit) || !isString(r.date) || !ISO_DATE.test(r.date)) return null;
	if (!isString(r.text, MAX_TEXT)) return null;
	return {
		id: r.id,
		unit: r.unit,
		date: r.date,
		plan: isString(r.plan) ? r.plan : null,
		kind: r.kind === 'finding' ? 'finding' : 'note',
		text: r.text,
		updatedAt: isString(r.updatedAt) ? r.updatedAt : ''
	};
}

/** A new id: time plus randomness, unique enough for one browser's notes. */
export function newId(now: Date = new Date()): string {
	return `${now.getTime().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

export function readVisits(store: KeyValueStore): Visit[] {
	return readList(store, STORE_KEYS.visits)
		.map(asVisit)
		.filter((v): v is Visit => v !== null)
		.sort((a, b) => b.date.localeCompare(a.date) || a.unit.localeCompare(b.unit));
}

export function saveVisit(store: KeyValueStore, visit: Omit<Visit, 'id'> & { id?: string }): Visit[] {
	const saved = asVisit({ ...visit, id: visit.id ?? newId() });
	if (!saved) throw new Error('invalid visit');
	const visits = [saved, ...readVisits(store).filter((v) => v.id !== saved.id)];
	store.setItem(STORE_KEYS.visits, JSON.stringify(visits));
	return readVisits(store);
}

export function deleteVisit(store: KeyValueStore, id: string): Visit[] {
	store.setItem(STORE_KEYS.visits, JSON.stringify(readVisits(store).filter((v) => v.id !== id)));
	return readVisits(store);
}

/** Every note, newest visit day first; `unit` keeps one unit's. */
export function readNotes(store: KeyValueStore, unit?: string): Note[] {
	return readList(store, STORE_KEYS.notes)
		.map(asNote)
		.filter((n): n is Note => n !== null && (unit === undefined || n.unit === unit))
		.sort((a, b) => b.date.localeCompare(a.date) || b.updatedAt.localeCompare(a.updatedAt));
}

export function saveNote(
	store: KeyValueStore,
	note: Omit<Note, 'id' | 'updatedAt'> & { id?: string },
	now: Date = new Date()
): Note {
	const saved = asNote({ ...note, id: note.id ?? newId(now), updatedAt: now.toISOString() });
	if (!saved) throw new Error('invalid note');
	const notes = [saved, ...readNotes(store).filter((n) => n.id !== saved.id)];
	store.setItem(STORE_KEYS.notes, JSON.stringify(notes));
	return saved;
}

export function deleteNote(store: KeyValueStore, id: string): void {
	store.setItem(STORE_KEYS.notes, JSON.stringify(readNotes(store).filter((n) => n.id !== id)));
}

export function readEditedQuestions(store: KeyValueStore): EditedQuestions {
	try {
		const parsed: unknown = JSON.parse(store.getItem(STORE_KEYS.questions) ?? '{}');
		const out: EditedQuestions = {};
		if (!parsed || typeof parsed !== 'object') return out;
		for (const lang of ['vi', 'en'] as const) {
			const byKind = (parsed as Record<string, unknown>)[lang];
			if (!byKind || typeof byKind !== 'object') continue;
			const kept: Record<string, string> = {};
			for (const [kind, text] of Object.entries(byKind as Record<string, unknown>)) {
				if (isString(kind, 40) && isString(text, MAX_TEXT)) kept[kind] = text;
			}
			out[lang] = kept;
		}
		return out;
	} catch {
		return {};
	}
}

/** Saves a team's wording of one kind's questions; `null` goes back to the built-in questions. */
export function saveEditedQuestions(
	store: KeyValueStore,
	lang: 'vi' | 'en',
	kind: string,
	text: string | null
): EditedQuestions {
	const edited = readEditedQuestions(store);
	const byKind = { ...(edited[lang] ?? {}) };
	if (text === null) delete byKind[kind];
	else byKind[kind] = text;
	const next = { ...edited, [lang]: byKind };
	store.setItem(STORE_KEYS.questions, JSON.stringify(next));
	return next;
}

/** The browser's localStorage, or a memory store when it is unavailable (private mode, tests). */
export function browserStore(): KeyValueStore {
	try {
		if (typeof localStorage !== 'undefined') {
			const probe = `${STORE_KEYS.notes}:probe`;
			localStorage.setItem(probe, '1');
			localStorage.removeItem(probe);
			return localStorage;
		}
	} catch {
		// fall through
	}
	return memoryStore();
}

export function memoryStore(initial: Record<string, string> = {}): KeyValueStore {
	const map = new Map(Object.entries(initial));
	return {
		getItem: (key) => map.get(key) ?? null,
		setItem: (key, value) => void map.set(key, value),
		removeItem: (key) => void map.delete(key)
	};
}
