/**
 * The data-quality rule files shipped with the app (`rules/quality/*.json`), as text so that problems can name
 * lines. Apart from the plan files, which `src/lib/plans/bundled.ts` reads from `/rules/*.json` only.
 */
const texts = import.meta.glob('/rules/quality/*.json', {
	query: '?raw',
	import: 'default',
	eager: true
}) as Record<string, string>;

export interface QualityRuleSource {
	/** e.g. `rules/quality/union-core.json`. */
	file: string;
	text: string;
}

export const bundledQualityRuleSources: QualityRuleSource[] = Object.entries(texts)
	.map(([path, text]) => ({ file: path.slice(1), text }))
	.sort((a, b) => a.file.localeCompare(b.file));
