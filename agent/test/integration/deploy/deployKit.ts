import { join } from 'node:path';
import { CreateProject, GetJob, type Job, type ParamsOf } from '@paas/protocol';
import {
  createTempRepo,
  dockerClient,
  makeTempDir,
  RUN_ID,
  registerCleanup,
  STANDIN_IMAGE,
  runCleanups,
  withAdminClient,
  writeTestAgentConfig,
  type AddonSpec,
  type TempRepo,
} from '@paas/scripts/out/src/testkit/index.js';
import { escapeIdentifier } from 'pg';
import { runAgentCli, startAgentProcess, type AgentProcess } from '../../helpers/agentProcess';
import { TestClient } from '../../helpers/client';

export { STANDIN_IMAGE };

let counter = 0;

/** A project code unique to this run, so parallel runs and other engineers' tests never collide. */
export function uniqueCode(prefix = 'dpl'): string {
  counter += 1;
  return `${prefix}-${RUN_ID}-${counter}`.slice(0, 32).replace(/-+$/, '');
}

/** Removes every container and database a project of these tests made, even when the agent did not. */
export function cleanupProject(projectId: () => string | undefined, code: string): void {
  registerCleanup(async () => {
    const id = projectId();
    if (id) {
      const docker = dockerClient();
      const found = await docker.listContainers({ all: true, filters: { label: [`sh.paas.project=${id}`] } });
      await Promise.all(found.map((c) => docker.getContainer(c.Id).remove({ force: true, v: true })));
      const networks = await docker.listNetworks({ filters: { label: [`sh.paas.project=${id}`] } });
      await Promise.all(networks.map((n) => docker.getNetwork(n.Id).remove()));
    }
    const prefix = code.replace(/-/g, '_');
    await withAdminClient(async (client) => {
      const { rows } = await client.query<{ datname: string }>(
        'SELECT datname FROM pg_database WHERE starts_with(datname, $1)',
        [prefix],
      );
      for (const { datname } of rows) {
        await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [
          datname,
        ]);
        await client.query(`DROP DATABASE IF EXISTS ${escapeIdentifier(datname)}`);
      }
      const roles = await client.query<{ rolname: string }>(
        'SELECT rolname FROM pg_roles WHERE starts_with(rolname, $1)',
        [prefix],
      );
      for (const { rolname } of roles.rows)
        await client.query(`DROP ROLE IF EXISTS ${escapeIdentifier(rolname)}`);
    });
  }, `remove project ${code}`);
}

/** A real agent configured for the local Docker engine and PostgreSQL, plus an owner's client. */
export interface DeployAgent {
  agent: AgentProcess;
  client: TestClient;
  dataDir: string;
  stop(): Promise<void>;
  /** Starts the agent again on the same data directory (after a kill), with a new client. */
  restart(): Promise<void>;
}

let adminTokens = 0;

/**
 * An owner's token whose user is an agent administrator too, as `init` makes the first owner: deploy
 * tests reach database servers, databases and the reconcile report.
 */
function adminToken(agent: AgentProcess): string {
  const name = `deploy-admin-${++adminTokens}`;
  const token = agent.createToken('owner', name);
  const granted = runAgentCli(agent.dataDir, ['admin', 'grant', `${name}@tokens.local`]);
  if (granted.status !== 0) throw new Error(`admin grant failed: ${granted.stderr}`);
  return token;
}

export async function startDeployAgent(settings: Record<string, unknown> = {}): Promise<DeployAgent> {
  const dataDir = await makeTempDir('agent');
  const configFile = await writeTestAgentConfig(dataDir, settings);
  const agentDir = join(dataDir, 'agent');
  const start = async () => {
    const agent = await startAgentProcess({
      dataDir: agentDir,
      tls: false,
      env: { PAAS_AGENT_CONFIG: configFile },
    });
    const client = await TestClient.open(agent.url, adminToken(agent));
    return { agent, client };
  };
  const handle: DeployAgent = {
    ...(await start()),
    dataDir: agentDir,
    stop: async () => {},
    restart: async () => {},
  };
  handle.stop = async () => {
    await handle.client.close().catch(() => undefined);
    await handle.agent.stop();
  };
  handle.restart = async () => {
    await handle.client.close().catch(() => undefined);
    const next = await start();
    handle.agent = next.agent;
    handle.client = next.client;
  };
  return handle;
}

/** A repository with one or more addons. */
export function addonRepo(
  addons: Record<string, AddonSpec> = { paas_demo: { version: '1.0.0' } },
  branches: string[] = [],
): Promise<TempRepo> {
  return createTempRepo({ addons, branches });
}

/** Creates a project (on the stand-in image unless told otherwise); with `branch`, its first app is deployed. */
export async function createProject(
  client: TestClient,
  repo: TempRepo,
  options: {
    branch?: string;
    type?: 'production' | 'staging' | 'development';
    automation?: Record<string, unknown>;
    /** Another registry than the repository's file:// URL without credentials (a private repository). */
    registry?: ParamsOf<typeof CreateProject>['registry'];
    /** The Odoo image and its series (default: the stand-in for 17.0). */
    image?: string;
    odooVersion?: string;
  } = {},
) {
  const code = uniqueCode();
  const made: { projectId?: string } = {};
  cleanupProject(() => made.projectId, code);
  const params: ParamsOf<typeof CreateProject> = {
    name: `Deploy test ${code}`,
    code,
    deploymentType: 'odoo',
    registry: options.registry ?? { url: repo.url, credentials: { kind: 'none' } },
    domainProvider: { kind: 'none' },
    plan: { tier: 'free', billing: 'monthly' },
    configuration: {
      odooVersion: options.odooVersion ?? '17.0',
      edition: 'community',
      baseImage: options.image ?? STANDIN_IMAGE,
      excludedAddons: [],
    },
    firstEnvironment: {
      type: options.type ?? 'development',
      branch: options.branch,
      automation: options.automation as never,
    },
  };
  const created = await client.request(CreateProject, params);
  made.projectId = created.project.id;
  return { ...created, code };
}

const FINAL = new Set(['succeeded', 'failed', 'canceled', 'interrupted']);

/** Waits for a job to end; resolves it with its step details. */
export async function waitJob(client: TestClient, jobId: string, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await client.request(GetJob, { jobId });
    if (FINAL.has(result.job.state)) return result;
    if (Date.now() > deadline)
      throw new Error(`job ${jobId} still ${result.job.state}: ${JSON.stringify(result.job.steps)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Waits for a job to reach a state (e.g. running in a given step). */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export function describeJob(job: Job): string {
  return `${job.state} ${JSON.stringify(job.error)} ${job.steps.map((s) => `${s.name}:${s.state}`).join(' ')}`;
}

/** Mocha hooks for a suite: an agent before its tests, stopped (and everything cleaned up) after them. */
export function useDeployAgent(settings: Record<string, unknown> = {}): { readonly agent: DeployAgent } {
  const suite: { agent?: DeployAgent } = {};
  before(async () => {
    suite.agent = await startDeployAgent(settings);
  });
  after(async () => {
    await suite.agent?.stop();
    await runCleanups();
  });
  return suite as { readonly agent: DeployAgent };
}
