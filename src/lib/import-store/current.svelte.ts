/** The import page's messages in the language of the current view (`?lang=en`). */
import { currentLang } from '$lib/i18n/current.svelte';
import { importUiText, type ImportUiKey } from './messages';

export function m(key: ImportUiKey, params: Record<string, string | number> = {}): string {
	return importUiText(currentLang(), key, params);
}
