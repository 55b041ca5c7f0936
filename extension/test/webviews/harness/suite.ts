import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, type TestBrowser } from './browser';
import { DIST, EXTENSION_ROOT, WebviewPage, type OpenOptions } from './page';

/** Screenshots are CI artifacts: artifacts/screenshots/webviews/ at the repository root (gitignored). */
export const SCREENSHOTS = join(EXTENSION_ROOT, '..', 'artifacts', 'screenshots', 'webviews');

/** The screenshots the README shows, one per screen and theme, made by this suite (committed). */
export const DOC_SCREENSHOTS = join(EXTENSION_ROOT, '..', 'docs', 'screenshots');

/** Every theme each screen is checked (and pictured) in. */
export const THEMES = ['light', 'dark', 'highContrast'] as const;

/** Bundles the screens as the extension ships them (esbuild, minified). */
export function bundleWebviews(): void {
  execFileSync(process.execPath, [join(EXTENSION_ROOT, 'esbuild.webviews.mjs')], { stdio: 'inherit' });
}

/**
 * Mocha hooks for a suite of webview tests: bundles, starts one Chromium for the suite, and closes
 * every page a test opened.
 */
export function webviewSuite(): { open(screen: string, options?: OpenOptions): Promise<WebviewPage> } {
  let browser: TestBrowser | undefined;
  const pages: WebviewPage[] = [];
  before(async function () {
    this.timeout(60_000);
    bundleWebviews();
    browser = await launchBrowser(DIST);
  });
  // A screen that logs an error or a warning, or throws, fails the test that opened it (see allowProblems).
  afterEach(async () => {
    const open = pages.splice(0);
    const problems = open.flatMap((page) => page.unexpectedProblems());
    for (const page of open) await page.close();
    if (problems.length > 0) throw new Error(`the webview logged or threw:\n  ${problems.join('\n  ')}`);
  });
  after(async () => browser?.close());
  return {
    open: async (screen, options) => {
      if (!browser) throw new Error('the browser did not start');
      const page = await WebviewPage.open(browser, screen, options);
      pages.push(page);
      return page;
    },
  };
}

/** Saves a full-page screenshot as `<name>.png` once web components and fonts have settled. */
export async function screenshot(page: WebviewPage, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/**
 * The README's picture of a screen in one theme (`docs/screenshots/<screen>-<theme>.png`): the first
 * 960×640 pixels, as a user first sees the panel, kept small enough to commit. The screen must not scroll
 * sideways in any theme.
 */
export async function documentScreen(page: WebviewPage, screen: string, theme: string): Promise<void> {
  mkdirSync(DOC_SCREENSHOTS, { recursive: true });
  await page.page.setViewportSize({ width: 960, height: 640 });
  await page.page.evaluate(() => document.fonts.ready.then(() => undefined));
  if (await overflowsHorizontally(page)) throw new Error(`${screen} scrolls sideways in the ${theme} theme`);
  await page.page.screenshot({ path: join(DOC_SCREENSHOTS, `${screen}-${theme}.png`) });
}

/** Whether the page scrolls sideways (it should not, even at 320 px). */
export function overflowsHorizontally(page: WebviewPage): Promise<boolean> {
  return page.page.evaluate(
    () => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1,
  );
}
