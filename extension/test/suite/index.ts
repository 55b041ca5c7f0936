/**
 * The in-host suite's entry point, loaded through `extensionTestsPath`. It exports `run()` exactly as
 * `@vscode/test-electron` expects, so the same suite runs in desktop VS Code and, here, in code-server.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';
import { assertNoUnexpectedDiagnostics, watchNotifications } from './diagnostics';

interface Results {
  passed: string[];
  failed: { title: string; error: string }[];
  summary?: string;
  crashed?: string;
}

/**
 * A test can reload the window (leaving a handover file, and telling the driver first): the new extension
 * host runs this again, and only the `*.reloaded.js` files, which check what the window restored. The
 * first run never ends (its host goes with the window), so results are saved after every test, and the
 * second run adds its own and fails if either did.
 */
function afterReload(): boolean {
  const handover = process.env.PAAS_TEST_HANDOVER;
  return Boolean(handover && existsSync(handover));
}

export function run(): Promise<void> {
  const resultsFile = process.env.PAAS_TEST_RESULTS;
  const reloaded = afterReload();
  const results: Results =
    reloaded && resultsFile && existsSync(resultsFile)
      ? (JSON.parse(readFileSync(resultsFile, 'utf8')) as Results)
      : { passed: [], failed: [] };
  const save = (): void => {
    if (resultsFile) writeFileSync(resultsFile, JSON.stringify(results, null, 2));
  };
  watchNotifications();
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    timeout: 60_000,
    reporter: 'spec',
    rootHooks: { afterEach: assertNoUnexpectedDiagnostics },
  });
  if (process.env.PAAS_TEST_GREP) mocha.grep(process.env.PAAS_TEST_GREP);
  // Files run in name order: each builds on the servers the previous ones added.
  for (const file of readdirSync(__dirname)
    .filter((f) => f.endsWith(reloaded ? '.reloaded.js' : '.test.js'))
    .sort())
    mocha.addFile(join(__dirname, file));
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run(() => {
        results.summary = `${results.passed.length} passing, ${results.failed.length} failing`;
        save();
        if (results.failed.length > 0) reject(new Error(`${results.failed.length} tests failed`));
        else resolve();
      });
      runner.on('pass', (test) => {
        results.passed.push(test.fullTitle());
        save();
      });
      runner.on('fail', (test, error: unknown) => {
        results.failed.push({ title: test.fullTitle(), error: String((error as Error)?.stack ?? error) });
        save();
      });
    } catch (error) {
      results.crashed = String((error as Error)?.stack ?? error);
      save();
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
