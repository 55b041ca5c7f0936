/**
 * Runs the extension's in-host mocha suite in code-server + headless chromium. Meant to run inside a
 * loopback-only network namespace (see runExtensionTests.ts); reaches the agent through a Unix-socket
 * bridge. Exit code 0 when every test passed.
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startBridge, type Bridge } from './bridge';
import { launchBrowser } from './browser';
import { startCodeServer } from './codeServer';
import { startControlServer } from './controlServer';
import { freePort } from './freePort';
import { LogErrorReader } from './logErrors';
import { requireEnv, type HarnessResults } from './harnessEnv';
import { chooseWebview, clickWebview, fillWebview, queryWebview } from './webviewDom';

const T0 = Date.now();
/** What ends a phase of the run when a test reloads the window, instead of an exit code. */
const RELOAD = Symbol('reload');
const log = (message: string): void =>
  console.log(`[driver ${((Date.now() - T0) / 1000).toFixed(1)}s] ${message}`);

async function screenshot(
  page: Page,
  shotsDir: string,
  name: string,
  text: string | null,
): Promise<string[]> {
  if (!/^[\w.-]{1,80}$/.test(name)) throw new Error(`bad screenshot name ${name}`);
  const full = join(shotsDir, `${name}.png`);
  const sidebar = join(shotsDir, `${name}-sidebar.png`);
  // Tree rows render asynchronously after the API says they exist: wait for the text the test expects.
  if (text) await page.locator('.monaco-list-row', { hasText: text }).first().waitFor({ timeout: 10_000 });
  await page.waitForTimeout(400);
  await page.screenshot({ path: full });
  await page.locator('.part.sidebar').screenshot({ path: sidebar });
  return [full, sidebar];
}

function payloadUrl(base: string, workspace: string, extensionDir: string, suite: string): string {
  const remote = `vscode-remote://${new URL(base).host}`;
  const payload = JSON.stringify([
    ['extensionDevelopmentPath', `${remote}${extensionDir}`],
    ['extensionTestsPath', `${remote}${suite}`],
    ['skipWelcome', 'true'],
  ]);
  return `${base}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`;
}

function report(resultsFile: string): void {
  if (!existsSync(resultsFile)) {
    log('the suite wrote no results file');
    return;
  }
  const results = JSON.parse(readFileSync(resultsFile, 'utf8')) as HarnessResults;
  for (const title of results.passed) console.log(`  ok    ${title}`);
  for (const failure of results.failed) console.log(`  FAIL  ${failure.title}\n${failure.error}`);
  if (results.crashed) console.log(`  CRASH ${results.crashed}`);
  console.log(results.summary ?? 'no summary');
}

async function main(): Promise<number> {
  const env = requireEnv();
  mkdirSync(env.runDir, { recursive: true });
  mkdirSync(env.shotsDir, { recursive: true });
  const resultsFile = join(env.runDir, 'test-results.json');
  const handoverFile = join(env.runDir, 'reload-handover.json');
  rmSync(resultsFile, { force: true });
  rmSync(handoverFile, { force: true });
  const bridge: Bridge = await startBridge(
    { host: '127.0.0.1', port: env.agentPort },
    { path: env.agentSocket },
  );
  let page: Page | undefined;
  // code-server writes its logs, the extension host's with them, under its user data directory.
  const logErrors = new LogErrorReader(join(env.runDir, 'user-data', 'logs'));
  let endPhase: (outcome: unknown) => void = () => undefined;
  const control = await startControlServer({
    '/screenshot': async (query) =>
      page ? screenshot(page, env.shotsDir, query.get('name') ?? 'shot', query.get('text')) : [],
    '/agent/drop': async () => ({ dropped: bridge.drop() }),
    '/webview/query': async (query) =>
      page ? queryWebview(page, query.get('screen') ?? '', query.get('selector') ?? '') : null,
    '/webview/click': async (query) =>
      page ? clickWebview(page, query.get('screen') ?? '', query.get('selector') ?? '') : null,
    '/webview/fill': async (query) =>
      page
        ? fillWebview(page, query.get('screen') ?? '', query.get('selector') ?? '', query.get('value') ?? '')
        : null,
    '/webview/choose': async (query) =>
      page
        ? chooseWebview(
            page,
            query.get('screen') ?? '',
            query.get('selector') ?? '',
            query.get('value') ?? '',
          )
        : null,
    // The suite asks after every test: a logged error fails the test unless it allowed it.
    '/log/errors': async () => logErrors.newErrors(),
    // A test is about to reload the window: the suite the new extension host runs ends the run.
    '/reload': async () => endPhase(RELOAD),
  });
  const codeServer = await startCodeServer({
    installDir: env.codeServerDir,
    runDir: env.runDir,
    port: await freePort(),
    workspace: env.workspace,
    env: {
      PAAS_TEST_RESULTS: resultsFile,
      PAAS_TEST_CONTROL_URL: control.url,
      PAAS_TEST_HANDOVER: handoverFile,
    },
  });
  log(`code-server up at ${codeServer.url}`);
  const browser = await launchBrowser(join(env.runDir, 'chrome-profile'));
  const consoleLines: string[] = [];
  try {
    page = browser.pages()[0] ?? (await browser.newPage());
    page.on('console', (message) => consoleLines.push(`[${message.type()}] ${message.text()}`));
    page.on('pageerror', (error) => consoleLines.push(`[pageerror] ${error.message}`));
    const phase = (): Promise<unknown> => new Promise<unknown>((resolve) => (endPhase = resolve));
    let ended = phase();
    // The web workbench calls window.codeAutomationExit(code) when the extension test runner finishes.
    await page.exposeFunction('codeAutomationExit', (code: unknown) => endPhase(code));
    await page.goto(payloadUrl(codeServer.url, env.workspace, env.extensionDir, env.suitePath));
    log('workbench loading; the suite runs in the extension host');
    const timeout = new Promise((resolve) => setTimeout(() => resolve('timeout'), env.timeoutMs));
    for (;;) {
      const code = await Promise.race([ended, timeout]);
      if (code !== RELOAD) {
        log(`suite finished: ${String(code)}`);
        report(resultsFile);
        return code === 0 ? 0 : 1;
      }
      ended = phase();
      log('the workbench reloads; the new extension host checks what it restored');
    }
  } finally {
    writeFileSync(join(env.runDir, 'browser-console.log'), consoleLines.join('\n'));
    await browser.close().catch(() => undefined);
    await codeServer.stop();
    await bridge.close();
    control.server.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
