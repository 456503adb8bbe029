/**
 * Full-page screenshots of the main views on a laptop (1366×768) and a phone (390×844), into
 * test-results/screenshots/<page>-<width>.png, and a layout check: on the phone the document itself never scrolls
 * sideways; wide tables scroll inside their `.scroll` wrappers.
 */
import { expect, test, type Page } from '@playwright/test';
import { join } from 'node:path';
import { ROOT, viewUrl, waitForScorecard, waitForUnitPage } from './helpers';

const AS_OF = '2024-06-30';
const VIEWPORTS = [
	{ width: 1366, height: 768 },
	{ width: 390, height: 844 }
];
const PAGES: { name: string; url: string; ready: (page: Page) => Promise<void> }[] = [
	{ name: 'home', url: viewUrl('/', { asOf: AS_OF }), ready: waitForScorecard },
	{ name: 'province', url: viewUrl('/unit', { asOf: AS_OF, unit: '04' }), ready: waitForUnitPage },
	{ name: 'district', url: viewUrl('/unit', { asOf: AS_OF, unit: '053' }), ready: waitForUnitPage }
];

/**
 * The outermost elements that stick out to the right of the viewport without an ancestor that scrolls or clips
 * them (an absolutely positioned element escapes the scrolling boxes below its containing block), each as a
 * readable selector with its right edge.
 */
function overflowing(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const width = document.documentElement.clientWidth;
		const clips = (style: CSSStyleDeclaration) =>
			['auto', 'scroll', 'hidden', 'clip'].includes(style.overflowX);
		const clipped = (el: Element): boolean => {
			const position = getComputedStyle(el).position;
			if (position === 'fixed') return false;
			let escaping = position === 'absolute';
			for (let a = el.parentElement; a && a !== document.documentElement; a = a.parentElement) {
				const style = getComputedStyle(a);
				if (escaping && style.position === 'static') continue;
				escaping = false;
				if (clips(style)) return true;
				if (style.position === 'fixed') return false;
				if (style.position === 'absolute') escaping = true;
			}
			return false;
		};
		const sticksOut = (el: Element) => {
			const rect = el.getBoundingClientRect();
			return (rect.width > 0 || rect.height > 0) && rect.right > width + 1 && !clipped(el);
		};
		/** A selector path; `generic` leaves out which unit and rule, to group repeated culprits. */
		const describe = (el: Element, generic: boolean) => {
			const parts: string[] = [];
			for (let node: Element | null = el; node && node !== document.body; node = node.parentElement) {
				const classes = [...node.classList].filter((c) => !c.startsWith('svelte-'));
				const attributes = ['data-testid', ...(generic ? [] : ['data-unit', 'data-rule'])]
					.filter((name) => node?.hasAttribute(name))
					.map((name) => `[${name}="${node?.getAttribute(name)}"]`);
				parts.unshift(
					node.tagName.toLowerCase() +
						(node.id ? `#${node.id}` : '') +
						classes.map((c) => `.${c}`).join('') +
						attributes.join('')
				);
			}
			return parts.join(' > ');
		};
		const culprits = [...document.body.querySelectorAll('*')].filter(
			(el) =>
				sticksOut(el) &&
				!(el.parentElement && el.parentElement !== document.body && sticksOut(el.parentElement))
		);
		const groups = new Map<string, Element[]>();
		for (const el of culprits)
			groups.set(describe(el, true), [...(groups.get(describe(el, true)) ?? []), el]);
		return [...groups.entries()].map(([selector, elements]) => {
			const first = elements[0] as Element;
			const right = Math.max(...elements.map((el) => el.getBoundingClientRect().right));
			const style = getComputedStyle(first);
			return (
				`${elements.length}× ${selector} (right edge up to ${Math.round(right)}px, width ` +
				`${Math.round(first.getBoundingClientRect().width)}px, position ${style.position}), e.g. ${describe(first, false)}`
			);
		});
	});
}

for (const viewport of VIEWPORTS) {
	test.describe(`at ${viewport.width}×${viewport.height}`, () => {
		test.use({ viewport });
		for (const view of PAGES) {
			test(`${view.name}: screenshot and no sideways scrolling of the page`, async ({ page }) => {
				await page.goto(view.url);
				await view.ready(page);
				// Charts computed after the rows (the scorecard's trends) show "…" until they are ready.
				await expect(page.locator('main .pending, main [aria-busy="true"]')).toHaveCount(0);
				await page.evaluate(() => document.fonts.ready);
				await page.screenshot({
					path: join(ROOT, 'test-results', 'screenshots', `${view.name}-${viewport.width}.png`),
					fullPage: true
				});
				const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
				const culprits = scrollWidth > viewport.width + 1 ? await overflowing(page) : [];
				expect(
					scrollWidth,
					`document.documentElement.scrollWidth on ${view.name} at ${viewport.width}px; overflowing:\n` +
						culprits.join('\n')
				).toBeLessThanOrEqual(viewport.width + 1);
			});
		}
	});
}
