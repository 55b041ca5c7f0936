import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser } from 'paas-sh/out/test/webviews/harness/browser';
import { DIST, EXTENSION_ROOT, WebviewPage } from 'paas-sh/out/test/webviews/harness/page';
import { bundleWebviews } from 'paas-sh/out/test/webviews/harness/suite';
import { fixtureDashboard } from 'paas-sh/out/test/webviews/fixtures/dashboard';
import type { BenchResult } from './result';

const RUNS = 7;
const APPS = 200;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/**
 * Opening the dashboard with 200 apps in Chromium, as VS Code would: from navigation start to the first
 * frame painted after the model's render (the extension posts the model the moment the webview says
 * `ready`). Median of several fresh pages.
 */
async function dashboardOpen(): Promise<BenchResult[]> {
  const browser = await launchBrowser(DIST);
  const painted: number[] = [];
  const rendered: number[] = [];
  try {
    const initOnReady = { type: 'init', model: fixtureDashboard(APPS, 'admin') };
    for (let run = 0; run < RUNS; run += 1) {
      const page = await WebviewPage.open(browser, 'dashboard', { initOnReady });
      rendered.push(await page.markTime('webview:render:2'));
      painted.push(await page.markTime('harness:painted'));
      await page.close();
    }
  } finally {
    await browser.close();
  }
  return [
    {
      name: `webviews: dashboard open → first full paint (${APPS} apps)`,
      value: median(painted),
      unit: 'ms',
      aim: 'under 300 ms',
    },
    { name: `webviews: dashboard open → DOM rendered (${APPS} apps)`, value: median(rendered), unit: 'ms' },
  ];
}

/** The size of every screen's script as shipped (minified), and the largest. */
function bundleSizes(): BenchResult[] {
  const dist = join(EXTENSION_ROOT, 'dist', 'webviews');
  const scripts = readdirSync(dist).filter((f) => f.endsWith('.js'));
  const sizes = scripts.map((f) => ({ name: f, kb: statSync(join(dist, f)).size / 1024 }));
  return [
    ...sizes.map((s) => ({
      name: `webviews: bundle ${s.name}`,
      value: s.kb,
      unit: 'KB',
      aim: 'under 300 KB',
    })),
    {
      name: 'webviews: largest bundle',
      value: Math.max(...sizes.map((s) => s.kb)),
      unit: 'KB',
      aim: 'under 300 KB',
    },
  ];
}

/** The webview benchmarks of `npm run bench`: bundles first, as shipped. */
export async function benchWebviews(): Promise<BenchResult[]> {
  bundleWebviews();
  return [...(await dashboardOpen()), ...bundleSizes()];
}
