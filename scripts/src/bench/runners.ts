import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { CreateProject, JobDidProgress, PENDING_JOB_STATES, RunPlaybook, type Job } from '@paas/protocol';
import { startAgentProcess } from '../agentProcess';
import { TestClient } from '../testClient';
import {
  STANDIN_IMAGE,
  createTempRepo,
  makeTempDir,
  runCleanups,
  writeTestAgentConfig,
} from '../testkit/index';
import type { BenchResult } from './result';

const run = promisify(execFile);

/** A playbook as small as a real maintenance one: a few tasks on the environment's host, one change. */
const PLAYBOOK = [
  '# Bench: a few tasks on the local host',
  '- hosts: all',
  '  gather_facts: false',
  '  tasks:',
  '    - name: greet',
  '      ansible.builtin.debug:',
  '        msg: hello',
  '    - name: touch',
  '      ansible.builtin.file:',
  "        path: \"{{ lookup('env', 'TMPDIR') | default('/tmp', true) }}/paas-bench-runner\"",
  '        state: touch',
  '    - name: count',
  '      ansible.builtin.command: "true"',
  '      changed_when: false',
  '',
].join('\n');

/**
 * One run of a playbook through the agent (`runners/run` until its job ends: fetch, checkout, inventory,
 * ansible-playbook with the callback plugin, task results stored) against `ansible-playbook` by hand on a
 * checkout of the same playbook with an inline inventory, in the same round on the same machine.
 */
export async function benchRunners(): Promise<BenchResult[]> {
  const dir = await makeTempDir('bench-runners');
  const repo = await createTempRepo();
  await repo.commit({ '.paas/runners/bench.yml': PLAYBOOK }, 'bench playbook');
  const configFile = await writeTestAgentConfig(dir, { runnersEnabled: true });
  const agent = await startAgentProcess({
    dataDir: join(dir, 'agent'),
    tls: false,
    env: { PAAS_AGENT_CONFIG: configFile },
  });
  const client = await TestClient.open(agent.url, agent.createToken('owner'));
  try {
    const { project } = await client.request(CreateProject, {
      name: `bench-runners-${Date.now().toString(36)}`,
      deploymentType: 'odoo',
      registry: { url: repo.url, credentials: { kind: 'none' } },
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
    const ended = new Map<string, (job: Job) => void>();
    client.onNotification(JobDidProgress, ({ job }) => {
      if (!PENDING_JOB_STATES.includes(job.state)) ended.get(job.id)?.(job);
    });
    const params = {
      projectId: project.id,
      environmentType: 'development' as const,
      playbook: 'bench.yml',
      ref: 'main',
    };
    const started = performance.now();
    const { run: queued } = await client.request(RunPlaybook, params);
    const job = await new Promise<Job>((resolve) => ended.set(queued.id, resolve));
    const agentMs = performance.now() - started;
    if (job.state !== 'succeeded') throw new Error(`the bench run ${job.state}: ${job.error?.message ?? ''}`);

    const byHand = performance.now();
    await run(
      'ansible-playbook',
      ['-i', 'localhost,', '-c', 'local', join(repo.workDir, '.paas/runners/bench.yml')],
      {
        env: { ...process.env, ANSIBLE_NOCOLOR: '1' },
      },
    );
    const handMs = performance.now() - byHand;
    return [
      {
        name: 'runners: a playbook run through the agent',
        value: agentMs,
        unit: 'ms',
        baseline: { name: 'ansible-playbook by hand', value: handMs },
        ratio: agentMs / handMs,
        aim: 'ratio ≤ 1.2',
      },
    ];
  } finally {
    await client.close();
    await agent.stop();
    await runCleanups();
  }
}
