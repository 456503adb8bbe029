/** Messages and vi-VN / English number and date formats. Pure: the current language is passed in. */
import { formatDateEn, formatDateVi } from '$lib/periods/dates';
import { en } from './en';
import { vi, type MessageKey } from './vi';

export type Lang = 'vi' | 'en';
export const LANGS: readonly Lang[] = ['vi', 'en'];
export type { MessageKey };

const dictionaries: Record<Lang, Record<MessageKey, string>> = { vi, en };

/**
 * A message template with its `{name}` placeholders filled in; a placeholder without a value stays visible (a
 * missing parameter shows, rather than an empty gap). Values are text, never HTML. Each part of the app keeps its
 * own dictionary and fills it with this.
 */
export function fillPlaceholders(
	template: string,
	params: Record<string, string | number>,
	format: (value: string | number) => string = String
): string {
	return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
		const value = params[name];
		return value === undefined ? whole : format(value);
	});
}

/** The message for `key` with `{name}` placeholders filled in. */
export function translate(lang: Lang, key: MessageKey, params: Record<string, string | number> = {}): string {
	return fillPlaceholders(dictionaries[lang][key], params);
}

const numberFormats = new Map<string, Intl.NumberFormat>();

/** 1.300 and 12,5 in Vietnamese; 1,300 and 12.5 in English. */
export function formatNumber(lang: Lang, value: number | null, maximumFractionDigits = 1): string {
	if (value === null || !Number.isFinite(value)) return '—';
	const key = `${lang}:${maximumFractionDigits}`;
	let format = numberFormats.get(key);
	if (!format) {
		format = new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits });
		numberFormats.set(key, format);
	}
	return format.format(value);
}

/** A share 0–1 as a percentage: 80% (both languages write the sign after the number without a space here). */
export function formatPercent(lang: Lang, share: number | null): string {
	if (share === null || !Number.isFinite(share)) return '—';
	return `${formatNumber(lang, share * 100, share * 100 < 10 ? 1 : 0)}%`;
}

export function formatDate(lang: Lang, iso: string | null): string {
	if (!iso) return '—';
	return lang === 'vi' ? formatDateVi(iso) : formatDateEn(iso);
}
