import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  DeleteBackup,
  DeleteProject,
  ErrorCode,
  GetApp,
  GetBackup,
  GetProject,
  ListDeletedProjectBackups,
  RestoreBackup,
  type App,
  type Backup,
} from '@paas/protocol';
import { rpcErrorOf, TestClient } from '../../helpers/client';
import { cli, person, type Person } from '../../helpers/organization';
import { inspectZip } from '../../helpers/odooZips';
import { download } from '../../helpers/transfers';
import { makeTempDir } from '@paas/scripts/out/src/testkit/index.js';
import { addonRepo, createProject, describeJob, useDeployAgent, waitJob } from '../deploy/deployKit';

/** A deployed project: its organization and its first (development) app. */
async function deployedProject(suite: ReturnType<typeof useDeployAgent>) {
  const client = suite.agent.client;
  const created = await createProject(client, await addonRepo(), { branch: 'main' });
  const { job } = await waitJob(client, created.jobId!);
  assert.equal(job.state, 'succeeded', describeJob(job));
  const app = (await client.request(GetApp, { appId: job.appId })).app;
  const { project } = await client.request(GetProject, { projectId: created.project.id });
  return { project, code: created.code, app };
}

describe("backups of a deleted project: kept in the organization's catalog for its Admins", function () {
  this.timeout(300_000);
  const suite = useDeployAgent();
  let deletedProjectId: string;
  let organizationId: string;
  let target: App;
  let finalBackup: Backup;
  let developer: Person;
  let outsider: TestClient;

  before(async () => {
    const doomed = await deployedProject(suite);
    const kept = await deployedProject(suite);
    deletedProjectId = doomed.project.id;
    organizationId = doomed.project.organizationId;
    target = kept.app;
    await suite.agent.client.request(DeleteProject, {
      projectId: deletedProjectId,
      confirmCode: doomed.code,
      skipFinalBackups: false,
    });
    developer = await person(suite.agent.agent, 'developer', 'developer-final@example.com');
    cli(suite.agent.agent, 'user', 'create', '--email', 'outsider@example.com', '--name', 'Outsider');
    outsider = await TestClient.connect(
      suite.agent.agent.url,
      cli(suite.agent.agent, 'token', 'create', '--name', 'outsider', '--user', 'outsider@example.com'),
    );
    await outsider.initialize();
  });

  after(async () => {
    await developer?.client.close();
    await outsider?.close();
  });

  it('lists the deleted project with its final backup', async () => {
    const { projects } = await suite.agent.client.request(ListDeletedProjectBackups, { organizationId });
    const listed = projects.find((p) => p.projectId === deletedProjectId);
    assert.ok(listed, 'the deleted project is listed');
    const finals = listed.backups.filter((b) => b.kind === 'preDestroy' && b.status === 'succeeded');
    assert.equal(finals.length, 1, JSON.stringify(listed.backups));
    finalBackup = finals[0]!;
    const { backup } = await suite.agent.client.request(GetBackup, { backupId: finalBackup.id });
    assert.equal(backup.projectId, deletedProjectId);
  });

  it('downloads it as an Odoo zip', async () => {
    const saveTo = join(await makeTempDir('final-zip'), 'final.zip');
    const token = suite.agent.agent.createToken('owner', 'final-download');
    const answer = await download(suite.agent.agent, token, finalBackup.id, 'zip', saveTo);
    assert.equal(answer.status, 200, answer.text);
    const zip = await inspectZip(saveTo);
    assert.equal(zip.bad, null);
    assert.ok(zip.names.includes('dump.sql'), zip.names.join(', '));
  });

  it('refuses a Developer and someone outside the organization everything', async () => {
    for (const client of [developer.client, outsider]) {
      const refusals = [
        client.request(ListDeletedProjectBackups, { organizationId }),
        client.request(GetBackup, { backupId: finalBackup.id }),
        client.request(RestoreBackup, { backupId: finalBackup.id, targetAppId: target.id }),
        client.request(DeleteBackup, { backupId: finalBackup.id }),
      ];
      for (const refusal of refusals) {
        const error = await rpcErrorOf(refusal);
        assert.ok([ErrorCode.Forbidden, ErrorCode.NotFound].includes(error.code as never), error.message);
      }
    }
    const token = cli(suite.agent.agent, 'token', 'create', '--name', 'dev-dl', '--user', developer.email);
    const answer = await download(suite.agent.agent, token, finalBackup.id, 'zip');
    assert.ok([403, 404].includes(answer.status), `download answered ${answer.status}`);
  });

  it('restores it into an app of another project of the organization', async () => {
    const { job } = await suite.agent.client.request(RestoreBackup, {
      backupId: finalBackup.id,
      targetAppId: target.id,
    });
    const done = await waitJob(suite.agent.client, job.id, 180_000);
    assert.equal(done.job.state, 'succeeded', describeJob(done.job));
  });

  it('is deleted by an Admin, and the deleted project leaves the list', async () => {
    await suite.agent.client.request(DeleteBackup, { backupId: finalBackup.id });
    const { projects } = await suite.agent.client.request(ListDeletedProjectBackups, { organizationId });
    assert.equal(
      projects.find((p) => p.projectId === deletedProjectId),
      undefined,
    );
    const { backup } = await suite.agent.client.request(GetBackup, { backupId: finalBackup.id });
    assert.equal(backup.status, 'deleted');
  });
});
