import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import {
  CancelJob,
  DeleteProject,
  GetRunnerRun,
  ListAuditEntries,
  ListPlaybooks,
  ListRunnerRuns,
  RpcError,
  RunPlaybook,
  RunnerDidLog,
  type ParamsInputOf,
} from '@paas/protocol';
import { TestClient } from '../../helpers/client';
import { addonRepo, createProject, describeJob, useDeployAgent, waitFor, waitJob } from '../deploy/deployKit';

const PLAYBOOKS = {
  '.paas/runners/touch.yml': [
    '# Touches a marker in every app data dir',
    '- hosts: all',
    '  gather_facts: false',
    '  tasks:',
    '    - name: touch marker',
    '      ansible.builtin.file:',
    '        path: "{{ item.value.data_dir }}/runner-marker"',
    '        state: touch',
    '      loop: "{{ paas_apps | dict2items }}"',
    '',
  ].join('\n'),
  '.paas/runners/fails.yml': [
    '- name: Fails on its second task',
    '  hosts: all',
    '  gather_facts: false',
    '  tasks:',
    '    - name: first',
    '      ansible.builtin.debug:',
    '        msg: fine',
    '    - name: second',
    '      ansible.builtin.fail:',
    '        msg: boom',
    '',
  ].join('\n'),
  '.paas/runners/sleep.yml': [
    '- hosts: all',
    '  gather_facts: false',
    '  tasks:',
    '    - name: sleep',
    '      ansible.builtin.command: sleep 30 {{ marker }}',
    '',
  ].join('\n'),
  '.paas/runners/secret.yml': [
    '- hosts: all',
    '  gather_facts: false',
    '  tasks:',
    '    - name: print',
    '      ansible.builtin.debug:',
    '        msg: "pw={{ db_password }} who={{ who }}"',
    '',
  ].join('\n'),
  '.paas/runners/root.yml': ['- hosts: all', '  become: true', '  tasks: []', ''].join('\n'),
  '.paas/runners/vars/common.yml': 'answer: 42\n',
};

function rpcReason(reason: string) {
  return (error: unknown) =>
    error instanceof RpcError && (error.data as { reason?: string } | undefined)?.reason === reason;
}

describe('runners: ansible-playbook against the local host', function () {
  this.timeout(240_000);
  const suite = useDeployAgent({ runnersEnabled: true });
  let projectId = '';
  let projectCode = '';
  let workDir = '';

  before(async () => {
    const repo = await addonRepo();
    await repo.commit(PLAYBOOKS, 'runner playbooks');
    symlinkSync('/etc/hostname', join(repo.workDir, '.paas/runners/escape.yml'));
    await repo.commit({}, 'a symlink out of the checkout');
    workDir = repo.workDir;
    const created = await createProject(suite.agent.client, repo, { branch: 'main' });
    projectId = created.project.id;
    projectCode = created.project.code;
    const deployed = await waitJob(suite.agent.client, created.jobId!, 180_000);
    assert.equal(deployed.job.state, 'succeeded', describeJob(deployed.job));
  });

  const run = (params: Partial<ParamsInputOf<typeof RunPlaybook>> & { playbook: string }) =>
    suite.agent.client.request(RunPlaybook, {
      projectId,
      environmentType: 'development',
      ref: 'main',
      ...params,
    });

  it('reports runners in the initialize capabilities, for clients to offer the Runners screen', async () => {
    const token = suite.agent.agent.createToken('viewer', 'runners-caps');
    const client = await TestClient.connect(suite.agent.agent.url, token);
    try {
      assert.equal((await client.initialize()).capabilities.runners, true);
    } finally {
      await client.close();
    }
  });

  it('lists the playbooks of a branch with their descriptions', async () => {
    const listed = await suite.agent.client.request(ListPlaybooks, { projectId, ref: 'main' });
    assert.equal(listed.folder, '.paas/runners');
    assert.deepEqual(
      listed.playbooks.map((p) => [p.path, p.description]),
      [
        ['fails.yml', 'Fails on its second task'],
        ['root.yml', null],
        ['secret.yml', null],
        ['sleep.yml', null],
        ['touch.yml', 'Touches a marker in every app data dir'],
      ],
      'vars files and the symlink out are not playbooks',
    );
    const byDefault = await suite.agent.client.request(ListPlaybooks, { projectId });
    assert.equal(byDefault.commitSha, listed.commitSha, 'without a ref, main (no production app)');
  });

  it('runs a playbook that touches a file in the app data dir', async () => {
    const { run: queued } = await run({ playbook: 'touch.yml' });
    const { job } = await waitJob(suite.agent.client, queued.id);
    assert.equal(job.state, 'succeeded', describeJob(job));
    const { run: done, log } = await suite.agent.client.request(GetRunnerRun, { runId: queued.id });
    assert.equal(done.outcome, 'succeeded');
    assert.deepEqual(
      done.tasks.map((t) => [t.host, t.task, t.status]),
      [['localhost', 'touch marker', 'changed']],
    );
    assert.match(log, /TASK \[touch marker\]/);
    const apps = execFileSync('find', [suite.agent.dataDir, '-name', 'runner-marker'], { encoding: 'utf8' });
    assert.equal(apps.trim().split('\n').length, 1, 'the app data dir has the marker');
    assert.match(apps, /\/apps\/[^/]+\/data\/runner-marker/);
  });

  it('records per-task results of a playbook failing on its second task', async () => {
    const { run: queued } = await run({ playbook: 'fails.yml' });
    const { job } = await waitJob(suite.agent.client, queued.id);
    assert.equal(job.state, 'failed');
    assert.equal(job.error?.code, 'RUNNER_PLAYBOOK_FAILED');
    const { run: done } = await suite.agent.client.request(GetRunnerRun, { runId: queued.id });
    assert.deepEqual(
      done.tasks.map((t) => [t.task, t.status, t.message]),
      [
        ['first', 'ok', null],
        ['second', 'failed', 'boom'],
      ],
    );
    const failed = await suite.agent.client.request(ListRunnerRuns, { projectId, outcome: 'failed' });
    assert.deepEqual(
      failed.runs.map((r) => r.id),
      [queued.id],
    );
  });

  it('cancel kills ansible-playbook and what it started', async () => {
    const marker = `0.0${Date.now() % 100000}`;
    const { run: queued } = await run({ playbook: 'sleep.yml', extraVars: { marker } });
    const sleeping = () =>
      execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
        .split('\n')
        .filter((line) => line.includes(`sleep 30 ${marker}`));
    await waitFor('the sleep task', async () => (sleeping().length > 0 ? true : undefined));
    await assert.rejects(
      suite.agent.client.request(DeleteProject, {
        projectId,
        confirmCode: projectCode,
        skipFinalBackups: true,
      }),
      (error: unknown) =>
        error instanceof RpcError && /runner run of the project is pending/.test(error.message),
      'a pending run blocks deleting its project, as an app job does',
    );
    await suite.agent.client.request(CancelJob, { jobId: queued.id });
    const { job } = await waitJob(suite.agent.client, queued.id);
    assert.equal(job.state, 'canceled', describeJob(job));
    assert.deepEqual(sleeping(), [], 'the sleep is gone');
    const playbooks = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => line.includes('ansible-playbook') && line.includes(queued.id));
    assert.deepEqual(playbooks, []);
  });

  it('redacts secret extra vars in the log, the history and the audit', async () => {
    const lines: string[] = [];
    const stop = suite.agent.client.onNotification(RunnerDidLog, (params) => lines.push(params.text));
    const { run: queued } = await run({
      playbook: 'secret.yml',
      extraVars: { db_password: 'hunter2-xyz', who: 'alice' },
    });
    const { job } = await waitJob(suite.agent.client, queued.id);
    stop();
    assert.equal(job.state, 'succeeded', describeJob(job));
    const { run: done, log } = await suite.agent.client.request(GetRunnerRun, { runId: queued.id });
    assert.match(log, /pw=\[redacted\] who=alice/);
    assert.doesNotMatch(log, /hunter2/);
    assert.doesNotMatch(lines.join('\n'), /hunter2/);
    assert.match(lines.join('\n'), /who=alice/, 'the live log streamed');
    assert.deepEqual(done.extraVars, { db_password: '[redacted]', who: 'alice' });
    const audit = await suite.agent.client.request(ListAuditEntries, { action: 'runners/run' });
    assert.ok(audit.entries.length > 0);
    assert.doesNotMatch(JSON.stringify(audit.entries), /hunter2/);
  });

  it('refuses a symlink out, an unknown ref, become and ansible_* vars, and runs nothing', async () => {
    const before = (await suite.agent.client.request(ListRunnerRuns, { projectId })).runs.length;
    await assert.rejects(run({ playbook: 'escape.yml' }), rpcReason('RUNNER_PLAYBOOK_OUTSIDE'));
    await assert.rejects(run({ playbook: 'nope.yml' }), rpcReason('RUNNER_PLAYBOOK_NOT_FOUND'));
    await assert.rejects(
      run({ playbook: 'touch.yml', ref: 'no-such-branch' }),
      rpcReason('GIT_REF_NOT_FOUND'),
    );
    await assert.rejects(run({ playbook: 'root.yml' }), rpcReason('RUNNER_BECOME_REFUSED'));
    await assert.rejects(run({ playbook: '../../README.md' }), /runners folder/);
    await assert.rejects(
      run({ playbook: 'touch.yml', extraVars: { ansible_become: true } }),
      /ansible_\* settings/,
    );
    const after = (await suite.agent.client.request(ListRunnerRuns, { projectId })).runs.length;
    assert.equal(after, before, 'no run was recorded');
    assert.ok(existsSync(workDir));
  });

  it('a run killed with the agent is interrupted at start and its ansible-playbook is stopped', async () => {
    const marker = `0.0${(Date.now() % 100000) + 1}`;
    const { run: queued } = await run({ playbook: 'sleep.yml', extraVars: { marker } });
    const sleeping = () =>
      execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
        .split('\n')
        .filter((line) => line.includes(`sleep 30 ${marker}`));
    await waitFor('the sleep task', async () => (sleeping().length > 0 ? true : undefined));
    await suite.agent.agent.kill();
    assert.equal(sleeping().length, 1, 'the playbook outlives the killed agent');
    await suite.agent.restart();
    const { job } = await waitJob(suite.agent.client, queued.id);
    assert.equal(job.state, 'interrupted', describeJob(job));
    await waitFor(
      'the leftover sleep to go',
      async () => (sleeping().length === 0 ? true : undefined),
      10_000,
    );
  });
});
