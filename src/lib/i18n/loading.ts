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
