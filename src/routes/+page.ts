import type { PageLoad } from './$types';

/**
 * The home page renders while DuckDB starts (the layout waits for it on every other page): it shows a scorecard
 * computed at build time when there is one for the view, and its own loading screen otherwise.
 */
export const load: PageLoad = () => ({ rendersWhileStarting: true });
