/**
 * A rule's result at one unit (unit-result.ts): its explanation is written when first read, from the result's own
 * figures and its rule's wording, and is then kept; JSON (the CLI's output, the precomputed scorecards) carries it
 * in the order of the other results' keys. The sentences are worked out by hand (vi-VN numbers and dates).
 */
import { describe, expect, it } from 'vitest';
import { perUnitResults } from '$lib/inspection/planner';
import type { ConditionResult, RuleResult } from '$lib/model/plan';
import { UnitResult, type RuleWording } from '$lib/rules/unit-result';
import { leaf } from './fixtures/small/dataset';

const households: RuleWording = {
	leaf: leaf('total', { indicator: 'households' }, 'greaterThanInclusive', 161),
	asOf: '2024-06-30',
	unitWord: 'hộ'
};

const condition: ConditionResult = {
	fact: 'total',
	params: { indicator: 'households' },
	path: null,
	operator: 'greaterThanInclusive',
	factValue: 125,
	value: 161,
	result: false
};

function onTrack(): UnitResult {
	// 161 × 182/366 ≈ 80.06 households expected by 30/06/2024.
	const judgement = { status: 'on-track' as const, actual: 125, target: 161, expected: (161 * 182) / 366 };
	return new UnitResult('cao-bang-2024', 'hh-161', '04', judgement, [condition], households);
}

const SENTENCE = {
	vi: 'Đạt 125/161 hộ; theo tiến độ cần 80 hộ đến 30/06/2024 — đúng tiến độ',
	en: '125 of 161; 80 expected by 30 Jun 2024 — on track'
};

describe('UnitResult', () => {
	it('holds the judgement and writes its sentence when read, once', () => {
		const result = onTrack();
		expect([result.status, result.actual, result.target, result.orgUnit]).toEqual([
			'on-track',
			125,
			161,
			'04'
		]);
		expect(result.explanation).toEqual(SENTENCE);
		expect(result.explanation).toBe(result.explanation);
	});

	it('serialises as a plain result, explanation last', () => {
		const json = JSON.parse(JSON.stringify(onTrack())) as Record<string, unknown>;
		expect(Object.keys(json)).toEqual([
			'plan',
			'rule',
			'orgUnit',
			'status',
			'actual',
			'target',
			'expected',
			'conditions',
			'explanation'
		]);
		expect(json.explanation).toEqual(SENTENCE);
		expect(json.conditions).toEqual([condition]);
	});

	it('takes an explanation assigned to it', () => {
		const result = onTrack();
		result.explanation = { vi: 'khác', en: 'other' };
		expect(result.explanation).toEqual({ vi: 'khác', en: 'other' });
		expect(JSON.parse(JSON.stringify(result)).explanation).toEqual({ vi: 'khác', en: 'other' });
	});

	it('keeps its explanation through the inspection planner, which renames results', () => {
		const each: RuleResult = { ...onTrack().toJSON(), rule: 'each', units: [onTrack()] };
		const [copy] = perUnitResults([each], (name) => `${name}::renamed`);
		expect(copy?.rule).toBe('hh-161::renamed');
		expect([copy?.orgUnit, copy?.status, copy?.actual, copy?.target]).toEqual(['04', 'on-track', 125, 161]);
		expect(copy?.explanation).toEqual(SENTENCE);
		// A spread alone would not carry it: it lives on the prototype.
		expect({ ...onTrack() }).not.toHaveProperty('explanation');
	});

	it('renamed, shares a sentence already written, and an assigned one stays its own', () => {
		const result = onTrack();
		const written = result.explanation;
		expect(result.withRule('other').explanation).toBe(written);
		const renamed = onTrack().withRule('other');
		renamed.explanation = { vi: 'khác', en: 'other' };
		expect(JSON.parse(JSON.stringify(renamed))).toMatchObject({
			rule: 'other',
			explanation: { en: 'other' }
		});
	});
});
