/**
 * Runs the extension's in-host integration suite against a real agent:
 *   agent (host network, TLS) ← Unix-socket bridge → driver in a loopback-only network namespace
 *   (code-server + headless chromium + the suite inside VS Code's extension host).
 * Screenshots land in artifacts/screenshots/, run logs in artifacts/vscode/.
 * With `--desktop`, the same suite runs in desktop VS Code via @vscode/test-electron instead (needs
 * internet to download VS Code, and a display).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureServices } from '../testkit/services';
import { startBridge } from './bridge';
import { runDesktop } from './desktop';
import { harnessEnvVariables, type HarnessEnv } from './harnessEnv';
import { startTestAgent } from './testAgent';
import { createTestWorkspace } from './testWorkspace';

const ROOT = join(__dirname, '..', '..', '..', '..');

function clearScreenshots(dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const file of readdirSync(dir)) if (file.endsWith('.png')) rmSync(join(dir, file));
}

function listScreenshots(dir: string): string {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.png'))
    .map((file) => join(dir, file))
    .join('\n  ');
}

/** Runs the driver in a fresh network namespace that only has loopback. */
function runDriver(env: NodeJS.ProcessEnv): Promise<number> {
  const driver = join(__dirname, 'driver.js');
  const script = 'ip link set lo up && exec "$0" "$1"';
  const child = spawn('unshare', ['-n', 'sh', '-c', script, process.execPath, driver], {
    env,
    stdio: 'inherit',
  });
  return new Promise((resolve) => child.once('exit', (code) => resolve(code ?? 1)));
}

const JOINER_EMAIL = 'joiner@example.com';

async function main(): Promise<number> {
  const scratch = mkdtempSync(join(tmpdir(), 'paas-vscode-'));
  const runDir = join(ROOT, 'artifacts', 'vscode');
  const shotsDir = join(ROOT, 'artifacts', 'screenshots');
  mkdirSync(runDir, { recursive: true });
  clearScreenshots(shotsDir);
  const agent = await startTestAgent(scratch);
  const socketPath = join(scratch, 'agent.sock');
  const bridge = await startBridge({ path: socketPath }, { host: '127.0.0.1', port: agent.port });
  try {
    const workspace = await createTestWorkspace(scratch);
    const harness: HarnessEnv = {
      codeServerDir: process.env.PAAS_CODE_SERVER_DIR ?? join(ROOT, '.cache', 'code-server'),
      runDir,
      shotsDir,
      extensionDir: join(ROOT, 'extension'),
      suitePath: join(ROOT, 'extension', 'out', 'test', 'suite', 'index.js'),
      workspace: workspace.dir,
      agentPort: agent.port,
      agentSocket: socketPath,
      timeoutMs: Number(process.env.PAAS_HARNESS_TIMEOUT_MS ?? 600_000),
    };
    // Read by the suite inside the extension host (code-server passes its environment on).
    const suiteEnv = {
      PAAS_TEST_AGENT_URL: agent.url,
      PAAS_TEST_AGENT_FINGERPRINT: agent.fingerprint,
      PAAS_TEST_OWNER_TOKEN: agent.ownerToken,
      PAAS_TEST_VIEWER_TOKEN: agent.createToken('viewer', 'vscode-viewer'),
      // Joins the owner's organization by invitation in the organization suite.
      PAAS_TEST_JOINER_EMAIL: JOINER_EMAIL,
      PAAS_TEST_JOINER_TOKEN: agent.createOutsiderToken(JOINER_EMAIL, 'joiner'),
      PAAS_TEST_REGISTRY_URL: workspace.registryUrl,
      PAAS_TEST_BRANCH: workspace.branch,
      PAAS_TEST_BENCH_FILE: join(runDir, 'activation.json'),
      // The databases suite checks in PostgreSQL itself (over its unix socket, which the driver's
      // loopback-only network namespace still reaches).
      PAAS_TEST_PG: JSON.stringify((await ensureServices()).postgres),
    };
    if (process.argv.includes('--desktop'))
      return await runDesktop({
        ...harness,
        env: { ...suiteEnv, PAAS_TEST_RESULTS: join(runDir, 'test-results.json') },
      });
    const code = await runDriver({
      ...process.env,
      ...harnessEnvVariables(harness),
      ...suiteEnv,
      XDG_CONFIG_HOME: join(scratch, 'xdg', 'config'),
      XDG_DATA_HOME: join(scratch, 'xdg', 'data'),
      XDG_CACHE_HOME: join(scratch, 'xdg', 'cache'),
    });
    console.log(`screenshots:\n  ${listScreenshots(shotsDir)}`);
    return code;
  } finally {
    await bridge.close();
    await agent.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
