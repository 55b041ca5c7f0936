import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, type TestBrowser } from './browser';
import { DIST, EXTENSION_ROOT, WebviewPage, type OpenOptions } from './page';

/** Screenshots are CI artifacts: artifacts/screenshots/webviews/ at the repository root (gitignored). */
export const SCREENSHOTS = join(EXTENSION_ROOT, '..', 'artifacts', 'screenshots', 'webviews');

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
  afterEach(async () => {
    for (const page of pages.splice(0)) await page.close();
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

/** Whether the page scrolls sideways (it should not, even at 320 px). */
export function overflowsHorizontally(page: WebviewPage): Promise<boolean> {
  return page.page.evaluate(
    () => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1,
  );
}
