import {
  CreateProject,
  DeployApp,
  EnableApp,
  GetApp,
  GetJob,
  ListApps,
  ListEnvironments,
  ListProjects,
  RetryApp,
  StartApp,
  type App,
  type Job,
  type Project,
} from '@paas/protocol';
import type { AgentClient } from './agentClient';

/** What the demo sets up on the agent. */
export interface DemoPlan {
  projectName: string;
  projectCode: string;
  registryUrl: string;
  branch: string;
  odooVersion: string;
  /** The image the sample app runs; `undefined` for the official `odoo:<version>`. */
  baseImage: string | undefined;
}

const FINAL_JOB_STATES = new Set<Job['state']>(['succeeded', 'failed', 'canceled', 'interrupted']);
const JOB_TIMEOUT_MS = 15 * 60_000;

type Say = (line: string) => void;

/** The project with the plan's code, created (with a Development environment) when missing. */
export async function ensureProject(client: AgentClient, plan: DemoPlan, say: Say): Promise<Project> {
  const { projects } = await client.request(ListProjects, {});
  const existing = projects.find((project) => project.code === plan.projectCode);
  if (existing) {
    say(`project "${existing.name}" exists (${existing.registry.url})`);
    return existing;
  }
  const { project } = await client.request(CreateProject, {
    name: plan.projectName,
    code: plan.projectCode,
    registry: { url: plan.registryUrl },
    configuration: { odooVersion: plan.odooVersion, baseImage: plan.baseImage },
    firstEnvironment: { type: 'development' },
  });
  say(`project "${project.name}" created, registry ${project.registry.url}`);
  return project;
}

async function developmentEnvironmentId(client: AgentClient, projectId: string): Promise<string> {
  const { environments } = await client.request(ListEnvironments, { projectId });
  const development = environments.find((environment) => environment.type === 'development');
  if (!development) throw new Error('the demo project has no Development environment');
  return development.id;
}

/** Brings the branch's app to a pending job or to running: deploys, starts, retries or waits as needed. */
async function nextJob(client: AgentClient, app: App, say: Say): Promise<string | undefined> {
  if (app.pendingJobId) return app.pendingJobId;
  if (app.disabled) await client.request(EnableApp, { appId: app.id });
  if (app.state === 'error' || app.state === 'canceled') {
    say(`app "${app.name}" is in ${app.state}: retrying its last job`);
    return (await client.request(RetryApp, { appId: app.id })).jobId;
  }
  if (app.state === 'stopped' || app.disabled) {
    say(`starting app "${app.name}"`);
    await client.request(StartApp, { appId: app.id });
  }
  return undefined;
}

/** The app of the plan's branch, deployed and running; resolves it as it is then. */
export async function ensureApp(
  client: AgentClient,
  project: Project,
  plan: DemoPlan,
  say: Say,
): Promise<App> {
  const { apps } = await client.request(ListApps, { projectId: project.id, includeDisabled: true });
  const existing = apps.find((app) => app.branch === plan.branch);
  let appId: string;
  let jobId: string | undefined;
  if (existing) {
    say(`app "${existing.name}" exists (${existing.state}, ${existing.baseImage})`);
    appId = existing.id;
    jobId = await nextJob(client, existing, say);
  } else {
    const deployed = await client.request(DeployApp, {
      environmentId: await developmentEnvironmentId(client, project.id),
      name: plan.branch,
      branch: plan.branch,
      baseImage: plan.baseImage,
    });
    say(`deploying ${plan.branch} as a Development app on ${deployed.app.baseImage}`);
    appId = deployed.app.id;
    jobId = deployed.jobId;
  }
  if (jobId) await waitForJob(client, jobId, say);
  return (await client.request(GetApp, { appId })).app;
}

/** Polls the job until it ends, printing each step once it finishes; fails unless it succeeded. */
export async function waitForJob(client: AgentClient, jobId: string, say: Say): Promise<Job> {
  const deadline = Date.now() + JOB_TIMEOUT_MS;
  const reported = new Set<string>();
  for (;;) {
    const { job } = await client.request(GetJob, { jobId });
    for (const step of job.steps)
      if (step.finishedAt && !reported.has(step.name)) {
        reported.add(step.name);
        say(`  ${step.name.padEnd(12)} ${step.state}${step.summary ? `: ${step.summary}` : ''}`);
      }
    if (FINAL_JOB_STATES.has(job.state)) {
      if (job.state !== 'succeeded')
        throw new Error(`the deploy job ${job.state}: ${job.error?.code ?? ''} ${job.error?.message ?? ''}`);
      return job;
    }
    if (Date.now() > deadline)
      throw new Error(`the deploy job did not finish in ${JOB_TIMEOUT_MS / 60_000} min`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}
