import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  CreateProject,
  DeleteProject,
  DeployApp,
  GetApp,
  Initialize,
  JobDidProgress,
  ListApps,
  Peer,
  PROTOCOL_VERSION,
  UpdateApp,
  type EnvironmentType,
  type Job,
} from '@paas/protocol';
import WebSocket from 'ws';
import { startAgentProcess, type AgentProcess } from '../agentProcess';
import {
  buildStandinImage,
  STANDIN_IMAGE,
  createTempRepo,
  ensureServices,
  httpRequest,
  makeTempDir,
  manifestText,
  pollPage,
  RUN_ID,
  run,
  runCleanups,
  withAdminClient,
  type Services,
  type TempRepo,
} from '../testkit/index';
import type { BenchResult } from './result';

const IMAGE = STANDIN_IMAGE;
const ROUNDS = 3;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export interface Session {
  agent: AgentProcess;
  peer: Peer;
  socket: WebSocket;
  /** Resolves when the job reaches a final state. */
  finished(jobId: string): Promise<Job>;
}

export async function openSession(services: Services, dir: string): Promise<Session> {
  const passwordFile = join(dir, 'pg-admin-password');
  writeFileSync(passwordFile, services.postgres.adminPassword, { mode: 0o600 });
  const configFile = join(dir, 'config.json');
  const { host, port, adminUser } = services.postgres;
  writeFileSync(
    configFile,
    JSON.stringify({ defaultDatabaseServer: { host, port, adminUser, adminPasswordFile: passwordFile } }),
  );
  const agent = await startAgentProcess({
    dataDir: join(dir, 'agent'),
    tls: false,
    env: { PAAS_AGENT_CONFIG: configFile, PAAS_AGENT_LOG_LEVEL: 'info' },
  });
  const socket = new WebSocket(agent.url, {
    headers: { Authorization: `Bearer ${agent.createToken('owner')}` },
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const peer = new Peer((text) => socket.send(text));
  socket.on('message', (data: Buffer) => peer.receive(data.toString('utf8')));
  await peer.request(Initialize, {
    protocolVersion: PROTOCOL_VERSION,
    client: { name: 'paas-bench', version: '0' },
  });
  const waiting = new Map<string, (job: Job) => void>();
  peer.onNotification(JobDidProgress, ({ job }) => {
    if (['succeeded', 'failed', 'canceled', 'interrupted'].includes(job.state)) waiting.get(job.id)?.(job);
  });
  const finished = (jobId: string) => new Promise<Job>((resolve) => waiting.set(jobId, resolve));
  return { agent, peer, socket, finished };
}

/** A project on the bench repository and the stand-in image, with its first environment. */
export function createBenchProject(
  session: Session,
  repo: TempRepo,
  code: string,
  firstEnvironment: { type: EnvironmentType; automation?: Record<string, unknown> },
) {
  return session.peer.request(CreateProject, {
    name: `Bench ${code}`,
    code,
    deploymentType: 'odoo',
    registry: { url: repo.url, credentials: { kind: 'none' } },
    domainProvider: { kind: 'none' },
    plan: { tier: 'free', billing: 'monthly' },
    configuration: { odooVersion: '17.0', edition: 'community', baseImage: IMAGE, excludedAddons: [] },
    // Automation as sent: the fields left out take the schema's defaults.
    firstEnvironment: { ...firstEnvironment, automation: firstEnvironment.automation as never },
  });
}

/** Request → healthy through the agent: the job's own end is when the new revision answered its health URL. */
async function agentDeploy(session: Session, environmentId: string, name: string): Promise<number> {
  const started = performance.now();
  const { jobId } = await session.peer.request(DeployApp, { environmentId, name, branch: 'main' });
  const job = await session.finished(jobId);
  if (job.state !== 'succeeded')
    throw new Error(`bench deploy ${name} ${job.state}: ${JSON.stringify(job.error)}`);
  return performance.now() - started;
}

async function waitHealthy(url: string): Promise<void> {
  for (;;) {
    const status = await httpRequest(url, { timeoutMs: 2000 }).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The same steps by hand: git clone, role and database, odoo.conf, `docker run` Odoo's init, `docker run` the server, poll. */
async function manualDeploy(services: Services, repo: TempRepo, dir: string, name: string): Promise<number> {
  const { host, port, adminPassword } = services.postgres;
  const started = performance.now();
  await run('git', ['clone', '--quiet', '--branch', 'main', '--', repo.url, join(dir, name, 'src')]);
  await withAdminClient(async (client) => {
    await client.query(`CREATE ROLE ${name} LOGIN PASSWORD '${adminPassword}'`);
    await client.query(`CREATE DATABASE ${name} OWNER ${name} TEMPLATE template0`);
  });
  const conf = join(dir, name, 'odoo.conf');
  writeFileSync(
    conf,
    `[options]\ndb_host = ${host}\ndb_port = ${port}\ndb_user = ${name}\ndb_password = ${adminPassword}\naddons_path = /mnt/extra-addons\ndata_dir = /tmp\n`,
  );
  const mounts = [
    '-v',
    `${join(dir, name, 'src')}:/mnt/extra-addons:ro`,
    '-v',
    `${conf}:/etc/odoo/odoo.conf:ro`,
    '-v',
    `${host}:${host}:ro`,
  ];
  await run('docker', [
    'run',
    '--rm',
    '--init',
    ...mounts,
    IMAGE,
    'odoo',
    '-d',
    name,
    '-i',
    'base',
    '--stop-after-init',
  ]);
  const { stdout } = await run('docker', [
    'run',
    '-d',
    '--init',
    '--name',
    name,
    '-p',
    '127.0.0.1::8069',
    ...mounts,
    IMAGE,
    'odoo',
    '-d',
    name,
  ]);
  const container = stdout.trim();
  const published = (await run('docker', ['port', container, '8069/tcp'])).stdout.trim().split('\n')[0]!;
  await waitHealthy(`http://${published}/web/login`);
  return performance.now() - started;
}

async function removeManual(name: string): Promise<void> {
  await run('docker', ['rm', '-f', name]).catch(() => undefined);
  await withAdminClient(async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${name}`);
    await client.query(`DROP ROLE IF EXISTS ${name}`);
  });
}

/** What a client polling a page that touches the database saw during one update. */
interface UpdateDowntime {
  /** Answers other than 2xx and the maintenance 503 (502, 500, 303 to the database selector, none). */
  failed: number;
  /** Maintenance answers (503 with Retry-After) while a module update held the traffic. */
  held: number;
  gapMs: number;
  /** The window the job reports (traffic held until the switch); 0 for a code-only update. */
  windowMs: number;
}

/** Commits `files`, updates the app while polling `/web/login` (which reads the database), and measures it. */
async function updateDowntime(
  session: Session,
  appId: string,
  repo: TempRepo,
  files: Record<string, string>,
): Promise<UpdateDowntime> {
  const { app } = await session.peer.request(GetApp, { appId });
  const poller = pollPage(`${app.url}/web/login`);
  await repo.commit(files, 'bench update');
  const { jobId } = await session.peer.request(UpdateApp, { appId });
  if (!jobId) throw new Error('bench update found no new commit');
  const job = await session.finished(jobId);
  const report = await poller.stop();
  if (job.state !== 'succeeded') throw new Error(`bench update ${job.state}: ${JSON.stringify(job.error)}`);
  const held = /traffic held (\d+) ms/.exec(job.steps.find((s) => s.name === 'switch')?.summary ?? '');
  return {
    failed: report.failed,
    held: report.held,
    gapMs: report.longestGapMs,
    windowMs: held ? Number(held[1]) : 0,
  };
}

/** The figures of one kind of update, as bench results. */
function downtimeResults(kind: string, downtime: UpdateDowntime): BenchResult[] {
  return [
    { name: `${kind}: failed requests on /web/login`, value: downtime.failed, unit: 'requests', aim: '0' },
    { name: `${kind}: maintenance answers (503 Retry-After)`, value: downtime.held, unit: 'requests' },
    { name: `${kind}: longest gap between good answers`, value: downtime.gapMs, unit: 'ms' },
    { name: `${kind}: traffic held (job's window)`, value: downtime.windowMs, unit: 'ms' },
  ];
}

/** `npm run bench`: deploy time through the agent against the same steps by hand, and update downtime. */
export async function benchDeploy(): Promise<BenchResult[]> {
  const services = await ensureServices();
  await buildStandinImage('17.0');
  const dir = await makeTempDir('bench-deploy');
  const repo = await createTempRepo({ addons: { bench_addon: { version: '1.0.0' } } });
  const session = await openSession(services, dir);
  const code = `bench-${RUN_ID}`.slice(0, 32);
  const manualNames: string[] = [];
  try {
    const { project, environment } = await createBenchProject(session, repo, code, { type: 'development' });
    const agentTimes: number[] = [];
    const manualTimes: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      agentTimes.push(await agentDeploy(session, environment.id, `bench ${round}`));
      const name = `paastest_bench_${RUN_ID}_${round}`;
      manualNames.push(name);
      manualTimes.push(await manualDeploy(services, repo, dir, name));
    }
    const { apps } = await session.peer.request(ListApps, { projectId: project.id, includeDisabled: false });
    const codeOnly = await updateDowntime(session, apps[0]!.id, repo, {
      'bench_addon/CHANGED': String(Date.now()),
    });
    const moduleUpdate = await updateDowntime(session, apps[0]!.id, repo, {
      'bench_addon/__manifest__.py': manifestText('bench_addon', { version: '1.1.0' }),
    });
    await session.peer.request(DeleteProject, {
      projectId: project.id,
      confirmCode: code,
      skipFinalBackups: true,
    });
    const agentMs = median(agentTimes);
    const manualMs = median(manualTimes);
    return [
      {
        name: 'deploy: request to healthy',
        value: agentMs,
        unit: 'ms',
        baseline: { name: 'git + docker CLI by hand', value: manualMs },
        ratio: agentMs / manualMs,
        aim: 'ratio ≤ 1.3',
      },
      ...downtimeResults('code-only update', codeOnly),
      ...downtimeResults('module update', moduleUpdate),
    ];
  } finally {
    for (const name of manualNames) await removeManual(name);
    session.socket.close();
    await session.agent.stop();
    await runCleanups();
  }
}
