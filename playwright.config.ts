import { defineConfig } from '@playwright/test';

// E2E_PORT lets two test runs (e.g. two checkouts) share a machine.
const port = Number(process.env.E2E_PORT ?? 4174);

export default defineConfig({
	testDir: 'tests/e2e',
	timeout: 120_000,
	expect: { timeout: 30_000 },
	workers: 1,
	reporter: [['list'], ['json', { outputFile: 'test-reports/playwright.json' }]],
	use: {
		baseURL: `http://127.0.0.1:${port}`,
		launchOptions: {
			// Debian's chromium: Playwright cannot download its own browsers here.
			executablePath: '/usr/bin/chromium',
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync'
			]
		}
	},
	webServer: {
		command: `npx vite preview --host 127.0.0.1 --port ${port} --strictPort`,
		url: `http://127.0.0.1:${port}/`,
		reuseExistingServer: false,
		timeout: 60_000
	}
});
