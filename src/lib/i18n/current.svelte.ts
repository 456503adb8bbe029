/** The language of the current view, which lives in the URL (`?lang=en`) so that a shared link keeps it. */
import { page } from '$app/state';
import { translate, type Lang, type MessageKey } from './index';

export function currentLang(): Lang {
	return page.url.searchParams.get('lang') === 'en' ? 'en' : 'vi';
}

/** `translate` in the current language. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
	return translate(currentLang(), key, params);
}
