/**
 * Every in-app link is built here, so that the view's state (language, plan, unit, date) stays in the URL and the
 * app keeps working when served under a sub-path (`base`).
 */
import { base } from '$app/paths';

/** An app-relative href for `path` with the given query parameters (empty values are left out). */
export function appHref(path: string, params: Record<string, string | null | undefined> = {}): string {
	const search = new URLSearchParams();
	for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
	const query = search.toString();
	return `${base}${path}${query ? `?${query}` : ''}`;
}
