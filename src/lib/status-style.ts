/**
 * How each status (design.md §5) looks: an icon, colours and a label, so that a status is never shown by
 * colour alone. Pure data; the contrast ratios are checked in tests/unit/status-style.test.ts.
 */
import type { Lang } from '$lib/i18n';
import type { Status } from '$lib/model/plan';

export interface StatusStyle {
	/** A text glyph (U+FE0E asks for the monochrome, not the emoji, form). */
	icon: string;
	/** Text and outline colour: at least 4.5:1 against white and against `tint`. */
	color: string;
	/** Fill of bars and map areas: lighter than `color`, at least 3:1 against white (WCAG 1.4.11). */
	fill: string;
	/** Background of badges, behind `color` text. */
	tint: string;
	label: Record<Lang, string>;
	/** Sort order, worst first: 0 = missed … 5 = achieved. */
	rank: number;
}

export const STATUS_STYLES: Readonly<Record<Status, StatusStyle>> = {
	missed: {
		icon: '✖\uFE0E',
		color: '#b01c2e',
		fill: '#e0566a',
		tint: '#fbe4e6',
		label: { vi: 'Không đạt', en: 'Missed' },
		rank: 0
	},
	'off-track': {
		icon: '↘\uFE0E',
		color: '#a33a00',
		fill: '#e0691a',
		tint: '#fde8db',
		label: { vi: 'Chậm tiến độ', en: 'Off track' },
		rank: 1
	},
	'at-risk': {
		icon: '⚠\uFE0E',
		color: '#8a4b00',
		fill: '#c17a00',
		tint: '#fff1d6',
		label: { vi: 'Có nguy cơ', en: 'At risk' },
		rank: 2
	},
	'no-data': {
		icon: '?',
		color: '#55555d',
		fill: '#8e8e96',
		tint: '#ececef',
		label: { vi: 'Chưa có số liệu', en: 'No data' },
		rank: 3
	},
	'on-track': {
		icon: '↗\uFE0E',
		color: '#0b5cad',
		fill: '#4a8ad0',
		tint: '#e4effa',
		label: { vi: 'Đúng tiến độ', en: 'On track' },
		rank: 4
	},
	achieved: {
		icon: '✔\uFE0E',
		color: '#176b3a',
		fill: '#3d9a5f',
		tint: '#e3f4e8',
		label: { vi: 'Đã đạt', en: 'Achieved' },
		rank: 5
	}
};

/** The statuses worst first: missed, off-track, at-risk, no-data, on-track, achieved. */
export const STATUSES_WORST_FIRST: readonly Status[] = (Object.keys(STATUS_STYLES) as Status[]).sort(
	(a, b) => STATUS_STYLES[a].rank - STATUS_STYLES[b].rank
);

export function statusStyle(status: Status): StatusStyle {
	return STATUS_STYLES[status];
}

export function statusLabel(status: Status, lang: Lang): string {
	return STATUS_STYLES[status].label[lang];
}

/** Icon and label, e.g. "⚠ Có nguy cơ": the form to use in tooltips and text alternatives. */
export function statusText(status: Status, lang: Lang): string {
	return `${STATUS_STYLES[status].icon} ${STATUS_STYLES[status].label[lang]}`;
}

/** A comparator putting the worst status first (for `Array.prototype.sort`). */
export function compareStatus(a: Status, b: Status): number {
	return STATUS_STYLES[a].rank - STATUS_STYLES[b].rank;
}
