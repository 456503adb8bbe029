/**
 * The plan files shipped with the app (`rules/*.json`), as text: the editor needs the text as written, and the
 * validator reports lines and columns in it.
 */
const texts = import.meta.glob('/rules/*.json', { query: '?raw', import: 'default', eager: true }) as Record<
	string,
	string
>;

export interface PlanSource {
	/** The file name as M&E staff know it, e.g. `rules/cao-bang-2024.json`. */
	file: string;
	text: string;
}

export const bundledPlanSources: PlanSource[] = Object.entries(texts)
	.map(([path, text]) => ({ file: path.slice(1), text }))
	.sort((a, b) => a.file.localeCompare(b.file));
