/**
 * What inspection teams type (src/lib/inspection/store.ts), the questions (questions.ts) and the words of the
 * pages (messages.ts): saved and read back, malformed storage survived, both languages complete.
 */
import { describe, expect, it } from 'vitest';
import { INSPECTION_KEYS, inspectionText } from '$lib/inspection/messages';
import { DEFAULT_QUESTIONS, QUESTION_KINDS, questionsFor, targetKind } from '$lib/inspection/questions';
import {
	deleteNote,
	deleteVisit,
	memoryStore,
	readEditedQuestions,
	readNotes,
	readVisits,
	saveEditedQuestions,
	saveNote,
	saveVisit,
	STORE_KEYS
} from '$lib/inspection/store';
import type { PlanRule } from '$lib/model/plan';
import { leaf, rule } from './fixtures/small/dataset';

describe('visits', () => {
	it('are saved, listed newest first and deleted', () => {
		const store = memoryStore();
		saveVisit(store, { unit: '03154', date: '2020-10-12', plan: 'p', remark: 'Đoàn TW' });
		const visits = saveVisit(store, { unit: '23395', date: '2020-10-20', plan: null, remark: '' });
		expect(visits.map((v) => [v.unit, v.date])).toEqual([
			['23395', '2020-10-20'],
			['03154', '2020-10-12']
		]);
		expect(deleteVisit(store, visits[0]?.id as string).map((v) => v.unit)).toEqual(['03154']);
		expect(readVisits(store)[0]?.remark).toBe('Đoàn TW');
	});

	it('refuse a bad date', () => {
		expect(() =>
			saveVisit(memoryStore(), { unit: 'x', date: '12/10/2020', plan: null, remark: '' })
		).toThrow();
	});
});

describe('notes', () => {
	it('are kept with the unit and the day of the visit, and edited in place', () => {
		const store = memoryStore();
		const first = saveNote(store, {
			unit: '03154',
			date: '2020-10-12',
			plan: 'p',
			kind: 'finding',
			text: 'Sổ theo dõi chưa cập nhật'
		});
		saveNote(store, { unit: '23395', date: '2020-10-13', plan: 'p', kind: 'note', text: 'Khác' });
		expect(readNotes(store, '03154').map((n) => [n.date, n.kind, n.text])).toEqual([
			['2020-10-12', 'finding', 'Sổ theo dõi chưa cập nhật']
		]);
		saveNote(store, { ...first, text: 'Đã cập nhật' });
		expect(readNotes(store, '03154').map((n) => n.text)).toEqual(['Đã cập nhật']);
		expect(readNotes(store)).toHaveLength(2);
		deleteNote(store, first.id);
		expect(readNotes(store, '03154')).toEqual([]);
	});

	it('survive storage written by something else: bad JSON, wrong shapes, unknown kinds', () => {
		const store = memoryStore({
			[STORE_KEYS.notes]: JSON.stringify([
				{ id: 'a', unit: '01', date: '2024-01-02', text: 'ok', kind: 'weird' },
				{ id: 'b', unit: '01', date: 'yesterday', text: 'bad date' },
				{ id: 'c', unit: 1, date: '2024-01-02', text: 'bad unit' },
				'nonsense',
				null
			]),
			[STORE_KEYS.visits]: '{not json',
			[STORE_KEYS.questions]: JSON.stringify({ vi: { count: 'Câu hỏi 1\n\n Câu hỏi 2 ', bad: 3 }, en: 'x' })
		});
		expect(readNotes(store).map((n) => [n.id, n.kind])).toEqual([['a', 'note']]);
		expect(readVisits(store)).toEqual([]);
		expect(readEditedQuestions(store)).toEqual({ vi: { count: 'Câu hỏi 1\n\n Câu hỏi 2 ' } });
	});
});

describe('questions', () => {
	it('are the team’s wording when saved, else the built-in ones, one per line', () => {
		const store = memoryStore();
		expect(questionsFor('vi', 'count')).toEqual(DEFAULT_QUESTIONS.vi.count);
		const edited = saveEditedQuestions(store, 'vi', 'count', 'Câu hỏi 1\n\n Câu hỏi 2 ');
		expect(questionsFor('vi', 'count', edited)).toEqual(['Câu hỏi 1', 'Câu hỏi 2']);
		// Another language and kind are untouched.
		expect(questionsFor('en', 'count', edited)).toEqual(DEFAULT_QUESTIONS.en.count);
		expect(questionsFor('vi', 'deadline', edited)).toEqual(DEFAULT_QUESTIONS.vi.deadline);
		const reset = saveEditedQuestions(store, 'vi', 'count', null);
		expect(questionsFor('vi', 'count', reset)).toEqual(DEFAULT_QUESTIONS.vi.count);
	});

	it('exist for every kind in both languages', () => {
		for (const kind of QUESTION_KINDS) {
			expect(DEFAULT_QUESTIONS.vi[kind].length).toBeGreaterThan(1);
			expect(DEFAULT_QUESTIONS.en[kind]).toHaveLength(DEFAULT_QUESTIONS.vi[kind].length);
		}
	});

	it('follow the shape of the target', () => {
		const kindOf = (r: PlanRule, status: 'off-track' | 'no-data' = 'off-track') => targetKind(r, status);
		expect(kindOf(rule('a', [leaf('total', { indicator: 'hh' }, 'greaterThanInclusive', 161)]))).toBe(
			'count'
		);
		expect(
			kindOf(rule('a', [leaf('total', { indicator: 'hh' }, 'greaterThanInclusive', 161)]), 'no-data')
		).toBe('no-data');
		expect(kindOf(rule('b', [leaf('change', { indicator: 'members' }, 'greaterThanInclusive', 1300)]))).toBe(
			'growth'
		);
		expect(
			kindOf(rule('c', [leaf('ratio', { numerator: 'a', denominator: 'b' }, 'greaterThanInclusive', 0.8)]))
		).toBe('share');
		expect(
			kindOf(
				rule('d', [
					leaf('change', { indicator: 'members' }, 'greaterThanInclusive', {
						fact: 'assigned',
						params: { indicator: 'members' }
					})
				])
			)
		).toBe('quota');
		expect(kindOf(rule('e', [leaf('submittedOn', { report: 'x' }, 'onOrBefore', '2024-06-30')]))).toBe(
			'deadline'
		);
		expect(
			kindOf(
				rule('f', [
					leaf(
						'unitsMeeting',
						{ level: 'commune', condition: leaf('total', { indicator: 'x' }, 'greaterThanInclusive', 1) },
						'greaterThanInclusive',
						6,
						'$.count'
					)
				])
			)
		).toBe('coverage');
		expect(kindOf(rule('g', [leaf('total', { indicator: 'x' }, 'lessThanInclusive', 12)]))).toBe('level');
	});
});

describe('messages', () => {
	it('have every key in both languages, filled in', () => {
		for (const key of INSPECTION_KEYS) {
			expect(inspectionText('vi', key).length).toBeGreaterThan(0);
			expect(inspectionText('en', key).length).toBeGreaterThan(0);
		}
		expect(inspectionText('vi', 'planner.candidates', { n: '1.300' })).toBe('1.300 đơn vị được xem xét');
		expect(inspectionText('en', 'planner.candidates', { n: '1,300' })).toBe('1,300 units considered');
	});
});
