/** The app's one database session, started once in the browser and shared by every page. */
import { openDefaultSession, type LoadPhase, type Session } from '$lib/db/session';
import { reapplyImports } from '$lib/import-store/imports.svelte';

class SessionState {
	phase = $state<LoadPhase>({ step: 'engine' });
	session = $state.raw<Session | null>(null);
	error = $state<{ phase: LoadPhase; message: string } | null>(null);
	#started = false;

	/** Starts DuckDB and loads the default data; calling it again does nothing unless the last start failed. */
	start(): void {
		if (this.#started) return;
		this.#started = true;
		this.error = null;
		openDefaultSession((phase) => (this.phase = phase))
			// The user's imports (kept in the browser) go on top of the default data before any page reads it.
			.then(async (session) => {
				try {
					await reapplyImports(
						session.conn,
						(done, total) => (this.phase = { step: 'imports', done, total })
					);
				} catch (error) {
					// A retry opens a new session: this one would hold its engine until the page closes.
					await session.conn.close().catch(() => undefined);
					throw error;
				}
				return session;
			})
			.then((session) => (this.session = session))
			.catch((error: unknown) => {
				this.error = { phase: this.phase, message: error instanceof Error ? error.message : String(error) };
				this.#started = false;
			});
	}
}

export const sessionState = new SessionState();
