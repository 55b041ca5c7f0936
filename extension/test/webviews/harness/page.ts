import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { renderWebviewHtml } from '../../../src/webviews/shared/html';
import type { TestBrowser } from './browser';
import { THEMES, type ThemeKind } from './themes';

/** The compiled harness lives in extension/out/test/webviews/harness: the extension root is 4 levels up. */
export const EXTENSION_ROOT = resolve(__dirname, '..', '..', '..', '..');
export const DIST = join(EXTENSION_ROOT, 'dist', 'webviews');

export interface OpenOptions {
  theme?: ThemeKind;
  width?: number;
  /** What `getState()` returns, as after a hide/show or reload (`WebviewPage.reload` keeps the last one). */
  state?: unknown;
  /**
   * Posted to the webview as soon as it says `ready`, as an extension with the model at hand would
   * (the benchmark uses it, so its timing has no test-driver latency in it).
   */
  initOnReady?: unknown;
}

/** Where `reload()` hands the saved state to the next page, as VS Code's host keeps it across reloads. */
const KEPT_STATE = 'paas-harness-kept-state';

interface HarnessWindow {
  __paasPosted: unknown[];
  __paasState: unknown;
  __paasCsp: string[];
}

/** Runs in the page before its script: the fake VS Code host (acquireVsCodeApi, theme variables). */
function installHost(args: {
  keptStateKey: string;
  state: unknown;
  bodyClass: string;
  variables: Record<string, string>;
  initOnReady: unknown;
}): void {
  const w = window as unknown as HarnessWindow & { acquireVsCodeApi?: () => unknown };
  w.__paasPosted = [];
  const kept = sessionStorage.getItem(args.keptStateKey);
  w.__paasState = kept === null ? args.state : (JSON.parse(kept) as unknown);
  w.__paasCsp = [];
  let acquired = false;
  w.acquireVsCodeApi = () => {
    if (acquired) throw new Error('acquireVsCodeApi may only be called once');
    acquired = true;
    return {
      postMessage: (message: unknown) => {
        w.__paasPosted.push(JSON.parse(JSON.stringify(message)));
        if (args.initOnReady && (message as { type?: string }).type === 'ready')
          window.postMessage(args.initOnReady, '*');
      },
      getState: () => w.__paasState,
      setState: (state: unknown) => {
        w.__paasState = JSON.parse(JSON.stringify(state));
      },
    };
  };
  document.addEventListener('securitypolicyviolation', (e) =>
    w.__paasCsp.push(`${e.violatedDirective} ${e.blockedURI}`),
  );
  // The init script may run before <html> exists; VS Code themes the page before its script runs, so do
  // the same as soon as the elements appear.
  const theme = (): void => {
    const html = document.documentElement;
    if (html && !html.style.getPropertyValue('--vscode-foreground')) {
      for (const [name, value] of Object.entries(args.variables)) html.style.setProperty(name, value);
    }
    if (document.body) document.body.classList.add(args.bodyClass);
  };
  theme();
  const themer = new MutationObserver(() => {
    theme();
    if (document.body) themer.disconnect();
  });
  themer.observe(document, { childList: true, subtree: true });
  // Marks the first frame painted after the first render with a model (the screen's second render).
  const painted = new MutationObserver(() => {
    if (Number(document.getElementById('root')?.dataset.rendered ?? 0) < 2) return;
    painted.disconnect();
    requestAnimationFrame(() => setTimeout(() => performance.mark('harness:painted')));
  });
  painted.observe(document, { attributes: true, subtree: true, attributeFilter: ['data-rendered'] });
  document.addEventListener('DOMContentLoaded', theme);
}

/** One screen loaded as VS Code would load it, with the real CSP, bundle and codicons. */
export class WebviewPage {
  /** Console errors and warnings and uncaught exceptions of the page, as `error: …` lines. */
  private readonly problems: string[] = [];
  private allowed: RegExp[] = [];

  private constructor(readonly page: Page) {
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning')
        this.problems.push(`${message.type()}: ${message.text()} (${message.location().url})`);
    });
    page.on('pageerror', (error) => this.problems.push(`uncaught: ${error.message}`));
  }

  /** Lets this page log problems matching `patterns`: the test expects them. */
  allowProblems(...patterns: RegExp[]): void {
    this.allowed.push(...patterns);
  }

  /** What the page logged as an error or warning, or threw, that its test did not allow. */
  unexpectedProblems(): string[] {
    return this.problems.filter((problem) => !this.allowed.some((pattern) => pattern.test(problem)));
  }

  static async open(browser: TestBrowser, screen: string, options: OpenOptions = {}): Promise<WebviewPage> {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: options.width ?? 1100, height: 800 });
    const theme = THEMES[options.theme ?? 'dark'];
    await page.addInitScript(installHost, {
      keptStateKey: KEPT_STATE,
      state: options.state ?? null,
      initOnReady: options.initOnReady ?? null,
      bodyClass: theme.bodyClass,
      variables: { ...theme.variables },
    });
    // The server's origin stands in for `webview.cspSource`: every resource comes from it.
    const origin = browser.server.origin;
    const html = renderWebviewHtml({
      screen,
      title: screen,
      cspSource: origin,
      nonce: 'harness-nonce-' + Math.random().toString(36).slice(2),
      resources: {
        script: `${origin}/dist/${screen}.js`,
        style: `${origin}/dist/${screen}.css`,
        codicons: `${origin}/dist/codicons/codicon.css`,
      },
    });
    const webview = new WebviewPage(page);
    await page.goto(browser.server.addPage(html));
    return webview;
  }

  /** Messages the webview posted, oldest first. */
  posted(): Promise<unknown[]> {
    return this.page.evaluate(() => (window as unknown as HarnessWindow).__paasPosted);
  }

  /** Forgets the posted messages, so a test sees only what its action posts. */
  async clearPosted(): Promise<void> {
    await this.page.evaluate(() => {
      (window as unknown as HarnessWindow).__paasPosted = [];
    });
  }

  /** Waits until the webview has posted a message of `type`, and returns the last one. */
  async waitForPosted(type: string): Promise<unknown> {
    const handle = await this.page.waitForFunction(
      (t) =>
        [...(window as unknown as HarnessWindow).__paasPosted]
          .reverse()
          .find((m) => (m as { type: string }).type === t),
      type,
    );
    return handle.jsonValue();
  }

  /** What the webview saved with `setState`. */
  state(): Promise<unknown> {
    return this.page.evaluate(() => (window as unknown as HarnessWindow).__paasState);
  }

  /**
   * Reloads the page as VS Code reloads a webview (after a window reload, or a hidden one shown again):
   * a fresh page whose `getState()` returns what the last one saved. Posted messages start over.
   */
  async reload(): Promise<void> {
    await this.page.evaluate(([key, state]) => sessionStorage.setItem(key, JSON.stringify(state)), [
      KEPT_STATE,
      (await this.state()) ?? null,
    ] as const);
    await this.page.reload();
  }

  /** Milliseconds from navigation start to a performance mark, once it exists. */
  async markTime(name: string): Promise<number> {
    const handle = await this.page.waitForFunction(
      (n) => performance.getEntriesByName(n)[0]?.startTime,
      name,
    );
    return (await handle.jsonValue()) as number;
  }

  cspViolations(): Promise<string[]> {
    return this.page.evaluate(() => (window as unknown as HarnessWindow).__paasCsp);
  }

  /** Delivers a message as the extension's `webview.postMessage` would, and waits for the next render. */
  async send(message: unknown): Promise<void> {
    const before = await this.renders();
    await this.page.evaluate((m) => window.postMessage(m, '*'), message);
    await this.page.waitForFunction(
      (n) => Number(document.getElementById('root')?.dataset.rendered ?? 0) > n,
      before,
    );
  }

  async renders(): Promise<number> {
    return this.page.evaluate(() => Number(document.getElementById('root')?.dataset.rendered ?? 0));
  }

  close(): Promise<void> {
    return this.page.close();
  }
}
