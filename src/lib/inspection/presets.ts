/** Visit constraints written in plans, ready to apply in the planner. Pure data. */
import type { Lang } from '$lib/i18n';
import type { Level } from '$lib/model/data';
import type { VisitConstraint } from './solver';

export interface ConstraintPreset {
	id: string;
	/** The plan the constraint comes from. */
	plan: string;
	level: Level;
	label: Record<Lang, string>;
	source: Record<Lang, string>;
	constraint: VisitConstraint;
}

export const PRESETS: readonly ConstraintPreset[] = [
	{
		id: 'border-2020',
		plan: 'trung-uong-bien-cuong-2020',
		level: 'commune',
		label: {
			vi: 'Chương trình biên cương 2020: 6 xã của 3 tỉnh — 1 tỉnh miền núi phía Bắc, 1 tỉnh Tây Nguyên, 1 tỉnh Tây Nam Bộ',
			en: 'Border programme 2020: 6 communes in 3 provinces — one in the northern mountains, one in the Central Highlands, one in the south-west'
		},
		source: {
			vi: 'Kế hoạch số 137/KH-ĐCT ngày 01/02/2020, mục II.1',
			en: 'Plan 137/KH-ĐCT of 1 February 2020, section II.1'
		},
		constraint: {
			units: 6,
			provinces: 3,
			regions: ['northern-midlands-mountains', 'central-highlands', 'mekong-delta'],
			maxPerProvince: 2
		}
	}
];

export function presetFor(planId: string): ConstraintPreset | null {
	return PRESETS.find((p) => p.plan === planId) ?? null;
}
