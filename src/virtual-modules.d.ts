/** Modules made by our Vite plugins (scripts/vite-plugin-*.ts). */
declare module 'virtual:precomputed-scorecards' {
	import type { PrecomputedKey, PrecomputedScorecard } from '$lib/rules/precomputed';

	const index: (PrecomputedKey & { load: () => Promise<{ default: PrecomputedScorecard }> })[];
	export default index;
}
