/**
 * What a view shows lives in its URL (`?plan=cao-bang-2024&asOf=2024-06-30&unit=04&lang=en`), so that a shared
 * link, a reload and the back button all give the same view. Pure: parse and build.
 */
import { parseIsoDate } from '$lib/periods/dates';

export interface ViewState {
	plan: string | null;
	asOf: string | null;
	unit: string | null;
	programme: string | null;
	lang: 'vi' | 'en';
}

const KEYS = ['plan', 'asOf', 'unit', 'programme', 'lang'] as const;

export function readViewState(params: URLSearchParams): ViewState {
	return {
		plan: params.get('plan'),
		asOf: parseIsoDate(params.get('asOf') ?? ''),
		unit: params.get('unit'),
		programme: params.get('programme'),
		lang: params.get('lang') === 'en' ? 'en' : 'vi'
	};
}

/** Query parameters for a view state; Vietnamese, the default, is left out of the URL. */
export function viewParams(state: Partial<ViewState>): Record<string, string | null> {
	const params: Record<string, string | null> = {};
	for (const key of KEYS) {
		const value = state[key];
		params[key] = key === 'lang' && value === 'vi' ? null : (value ?? null);
	}
	return params;
}
