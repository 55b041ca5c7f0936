import { strict as assert } from 'node:assert';
import { CreateEnvironment, CreateProject, DeployApp, GetProject, ListApps, type App } from '@paas/protocol';
import * as vscode from 'vscode';
import type { AddedServer } from '../../src/commands/server/addServer';
import type { Core } from '../../src/extensionCore';
import type { PaasApi } from '../../src/extension';

export const EXTENSION_ID = 'paas-sh.paas-sh';

/** Test settings the runner passes through code-server's environment. */
export const testEnv = {
  agentUrl: process.env.PAAS_TEST_AGENT_URL ?? '',
  fingerprint: process.env.PAAS_TEST_AGENT_FINGERPRINT ?? '',
  ownerToken: process.env.PAAS_TEST_OWNER_TOKEN ?? '',
  viewerToken: process.env.PAAS_TEST_VIEWER_TOKEN ?? '',
  /** A user in no organization, who joins the owner's by invitation (the organization suite). */
  joinerEmail: process.env.PAAS_TEST_JOINER_EMAIL ?? '',
  joinerToken: process.env.PAAS_TEST_JOINER_TOKEN ?? '',
  registryUrl: process.env.PAAS_TEST_REGISTRY_URL ?? '',
  branch: process.env.PAAS_TEST_BRANCH ?? '',
  benchFile: process.env.PAAS_TEST_BENCH_FILE,
  controlUrl: process.env.PAAS_TEST_CONTROL_URL,
  /** Where a suite that reloads the window leaves what the suite after the reload checks (driver only). */
  handoverFile: process.env.PAAS_TEST_HANDOVER,
  /** How the suite reaches PostgreSQL itself: `{ host, port, adminUser, adminPassword }` as JSON. */
  postgres: process.env.PAAS_TEST_PG,
};

export function requireAgent(): void {
  assert.ok(
    testEnv.agentUrl && testEnv.ownerToken,
    'PAAS_TEST_AGENT_URL and PAAS_TEST_OWNER_TOKEN must be set',
  );
}

export async function api(): Promise<PaasApi> {
  const extension = vscode.extensions.getExtension<PaasApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is loaded`);
  return extension.activate();
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `check` returns a value other than undefined/false; the workbench updates asynchronously. */
export async function waitFor<T>(
  what: string,
  check: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** Asks the driver (outside VS Code) for something: a screenshot, or cutting the agent connections. */
export async function control(path: string, query: Record<string, string> = {}): Promise<unknown> {
  if (!testEnv.controlUrl) return undefined;
  const url = new URL(path, testEnv.controlUrl);
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  const response = await fetch(url);
  // The driver answers 500 with the error it met (a row that never rendered, a closed page): say which.
  if (response.status !== 200) assert.fail(`${path} answered ${response.status}: ${await response.text()}`);
  return response.json();
}

/**
 * A screenshot of the whole window and of the sidebar, kept as CI artifacts (skipped without a driver),
 * once a tree row showing `text` is rendered.
 */
export async function screenshot(name: string, text?: string): Promise<void> {
  await vscode.commands.executeCommand('notifications.clearAll');
  await control('/screenshot', text ? { name, text } : { name });
}

/** The owner's server, added (trusting the agent's certificate) unless an earlier suite did. */
export async function ensureOwnerServer(core: Core): Promise<string> {
  const existing = core.store.findByUrl(testEnv.agentUrl);
  if (existing) return existing.id;
  const added = await vscode.commands.executeCommand<AddedServer>('paas.server.add', {
    url: testEnv.agentUrl,
    token: testEnv.ownerToken,
    trust: testEnv.fingerprint,
  });
  assert.ok(added, 'the agent was added');
  return added.id;
}

export const STANDIN_IMAGE = 'paas-standin/odoo:17.0';
let testProject: Promise<{ serverId: string; projectId: string; name: string }> | undefined;

/**
 * The project the suites share: on the test workspace's registry, apps on the stand-in Odoo image,
 * with Development and Staging environments. Created once per run.
 */
export function ensureTestProject(
  core: Core,
): Promise<{ serverId: string; projectId: string; name: string }> {
  testProject ??= (async () => {
    const serverId = await ensureOwnerServer(core);
    await core.connections.whenConnected(serverId);
    const connection = core.connections.get(serverId)!;
    const { project } = await connection.request(CreateProject, {
      name: `VS Code test ${Date.now()}`,
      deploymentType: 'odoo',
      registry: { url: testEnv.registryUrl, credentials: { kind: 'none' } },
      domainProvider: { kind: 'none' },
      plan: { tier: 'free', billing: 'monthly' },
      configuration: {
        odooVersion: '17.0',
        edition: 'community',
        baseImage: STANDIN_IMAGE,
        excludedAddons: [],
      },
      firstEnvironment: { type: 'development' },
    });
    await connection.request(CreateEnvironment, { projectId: project.id, type: 'staging' });
    await core.refresh();
    return { serverId, projectId: project.id, name: project.name };
  })();
  return testProject;
}

/** A running app of the project (the dashboard suite's, when it ran first), deployed here otherwise. */
export async function runningApp(core: Core, project: { serverId: string; projectId: string }): Promise<App> {
  const connection = core.connections.get(project.serverId)!;
  const running = async (): Promise<App | undefined> => {
    const { apps } = await connection.request(ListApps, {
      projectId: project.projectId,
      includeDisabled: false,
    });
    return apps.find((a) => a.state === 'running' && !a.disabled);
  };
  const existing = await running();
  if (existing) return existing;
  const { environments } = await connection.request(GetProject, { projectId: project.projectId });
  await connection.request(DeployApp, {
    environmentId: environments.find((e) => e.type === 'development')!.id,
    name: `restore-${Date.now().toString(36)}`,
    branch: testEnv.branch,
  });
  return waitFor('an app of the project to run', running, 180_000);
}
