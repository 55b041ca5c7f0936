import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../../src/vscode/browser';

/** What the demo's VS Code window showed once the PaaS.sh views were opened. */
export interface WorkbenchCheck {
  /** The text of every row of the PaaS.sh views. */
  rows: string[];
  screenshots: string[];
}

async function rowsOf(page: Page): Promise<string[]> {
  return page.locator('.part.sidebar .monaco-list-row').allInnerTexts();
}

/**
 * Opens code-server's workbench in headless Chromium as a user would, clicks the PaaS.sh activity bar
 * item (which activates the extension: its activation is lazy) and waits for rows showing `texts` in its
 * views: the server it was bootstrapped with and the agent's projects. Screenshots go to `shotsDir`.
 */
export async function checkWorkbench(options: {
  url: string;
  workspace: string;
  profileDir: string;
  shotsDir: string;
  texts: string[];
  timeoutMs: number;
}): Promise<WorkbenchCheck> {
  const browser = await launchBrowser(options.profileDir);
  try {
    const page = browser.pages()[0] ?? (await browser.newPage());
    await page.goto(`${options.url}/?folder=${encodeURIComponent(options.workspace)}`);
    const paas = page.locator('.activitybar li.action-item:has([aria-label^="PaaS.sh"])').first();
    await paas.waitFor({ timeout: options.timeoutMs });
    // The workbench may restore the PaaS.sh container as the open one; clicking it then would close it.
    if (!(await paas.evaluate((item) => item.classList.contains('checked')))) await paas.click();
    for (const text of options.texts)
      await page
        .locator('.part.sidebar .monaco-list-row', { hasText: text })
        .first()
        .waitFor({ timeout: options.timeoutMs });
    await page.waitForTimeout(500);
    const full = join(options.shotsDir, 'demo-workbench.png');
    const sidebar = join(options.shotsDir, 'demo-sidebar.png');
    await page.screenshot({ path: full });
    await page.locator('.part.sidebar').screenshot({ path: sidebar });
    return { rows: await rowsOf(page), screenshots: [full, sidebar] };
  } finally {
    await browser.close();
  }
}
