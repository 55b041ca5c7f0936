import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { startStaticServer, type StaticServer } from './server';

/** Debian's Chromium: never `npx playwright install` (no internet, and the system browser is enough). */
export const CHROMIUM = process.env.PAAS_CHROMIUM ?? '/usr/bin/chromium';

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A headless Chromium on a fresh profile; `close()` ends it and deletes the profile. */
export interface TestBrowser {
  context: BrowserContext;
  /** Serves dist/webviews and the pages. */
  server: StaticServer;
  close(): Promise<void>;
}

/** `root`: the directory the bundles are served from (extension/dist/webviews). */
export async function launchBrowser(root: string): Promise<TestBrowser> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'paas-webviews-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width: 1100, height: 800 },
  });
  const server = await startStaticServer(root);
  return {
    context,
    server,
    close: async () => {
      await context.close();
      await server.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
