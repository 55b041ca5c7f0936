import type { Frame, Page } from 'playwright-core';

/**
 * Reaches into VS Code webviews for the in-host tests, which cannot: each webview is an `iframe.webview`
 * holding the page in a nested `#active-frame`, and Playwright sees every frame, nested or cross-origin.
 * A screen is found by its `<body data-screen>` (see extension/src/webviews/shared/html.ts).
 */

async function screenOf(frame: Frame): Promise<string | undefined> {
  try {
    // A string: this package compiles without the DOM library.
    return await frame.evaluate<string | undefined>(
      'document.body ? document.body.dataset.screen : undefined',
    );
  } catch {
    // Frames come and go while the workbench lays out; a detached one is simply not it.
    return undefined;
  }
}

/** The frame of the first webview showing `screen` and holding `selector`, waiting up to `timeoutMs`. */
async function frameWith(page: Page, screen: string, selector: string, timeoutMs: number): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of page.frames()) {
      if ((await screenOf(frame)) !== screen) continue;
      if (
        (await frame
          .locator(selector)
          .count()
          .catch(() => 0)) > 0
      )
        return frame;
    }
    if (Date.now() > deadline) throw new Error(`no ${screen} webview shows ${selector}`);
    await page.waitForTimeout(200);
  }
}

/** What a test reads of a webview element: its text and its data attributes. */
export interface WebviewElement {
  count: number;
  text: string;
  data: Record<string, string>;
  disabled: boolean;
}

/** Reads the first element matching `selector` in a `screen` webview. */
export async function queryWebview(
  page: Page,
  screen: string,
  selector: string,
  timeoutMs = 15_000,
): Promise<WebviewElement> {
  const frame = await frameWith(page, screen, selector, timeoutMs);
  const locator = frame.locator(selector);
  const first = locator.first();
  return {
    count: await locator.count(),
    text: ((await first.textContent()) ?? '').replace(/\s+/g, ' ').trim(),
    data: await first.evaluate((element) => ({
      ...(element as unknown as { dataset: Record<string, string> }).dataset,
    })),
    disabled: await first.isDisabled().catch(() => false),
  };
}

/** Clicks the first element matching `selector` in a `screen` webview, as a user would. */
export async function clickWebview(
  page: Page,
  screen: string,
  selector: string,
  timeoutMs = 15_000,
): Promise<void> {
  const frame = await frameWith(page, screen, selector, timeoutMs);
  await frame.locator(selector).first().click();
}

/** Types `value` into the first element matching `selector` (an input, also inside a web component). */
export async function fillWebview(
  page: Page,
  screen: string,
  selector: string,
  value: string,
  timeoutMs = 15_000,
): Promise<void> {
  const frame = await frameWith(page, screen, selector, timeoutMs);
  await frame.locator(selector).first().fill(value);
}

/** Chooses `value` in the first select (`vscode-single-select`) matching `selector`, firing its change. */
export async function chooseWebview(
  page: Page,
  screen: string,
  selector: string,
  value: string,
  timeoutMs = 15_000,
): Promise<void> {
  const frame = await frameWith(page, screen, selector, timeoutMs);
  await frame
    .locator(selector)
    .first()
    .evaluate((element, chosen) => {
      const select = element as unknown as { value: string; dispatchEvent(event: unknown): boolean };
      select.value = chosen;
      select.dispatchEvent(
        new (globalThis as unknown as { Event: new (type: string) => unknown }).Event('change'),
      );
    }, value);
}
