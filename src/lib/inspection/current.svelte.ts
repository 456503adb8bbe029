/** The inspection pages' messages in the language of the current view (`?lang=en`). */
import { currentLang } from '$lib/i18n/current.svelte';
import { inspectionText, type InspectionKey } from './messages';

export function m(key: InspectionKey, params: Record<string, string | number> = {}): string {
	return inspectionText(currentLang(), key, params);
}
