/** What the app is doing while it starts, in words: for the loading screen and, if it fails, the error screen. */
import type { LoadPhase } from '$lib/db/session';
import { translate, type Lang } from './index';

export function loadingMessage(lang: Lang, phase: LoadPhase): string {
	switch (phase.step) {
		case 'engine':
			return translate(lang, 'loading.engine');
		case 'fetch':
			return translate(lang, 'loading.fetch', { done: phase.done, total: phase.total });
		case 'load':
			return translate(lang, 'loading.load', { table: phase.table, done: phase.done, total: phase.total });
		case 'imports':
			return translate(lang, 'loading.imports', { done: phase.done, total: phase.total });
	}
}

/** How far the start has gone, 0–1: fetching is the first half, loading tables most of the second, imports the rest. */
export function loadingProgress(phase: LoadPhase): number {
	const share = 'done' in phase ? phase.done / Math.max(phase.total, 1) : 0;
	if (phase.step === 'engine') return phase.dataFetched ? 0.5 : 0.02;
	if (phase.step === 'fetch') return 0.5 * share;
	if (phase.step === 'load') return 0.5 + 0.4 * share;
	return 0.9 + 0.1 * share;
}
