/** The data-quality page's messages in the language of the current view (`?lang=en`). */
import { currentLang } from '$lib/i18n/current.svelte';
import { qualityText, type QualityKey } from './messages';

export function m(key: QualityKey, params: Record<string, string | number> = {}): string {
	return qualityText(currentLang(), key, params);
}
