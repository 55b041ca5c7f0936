import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateProject,
  DeleteProject,
  ListApps,
  ListDeletedProjectBackups,
  type Backup,
  type Job,
  type Project,
} from '@paas/protocol';
import * as vscode from 'vscode';
import type { AgentConnection } from '../../src/client/agentConnection';
import type { Core } from '../../src/extensionCore';
import {
  api,
  ensureOwnerServer,
  ensureTestProject,
  requireAgent,
  runningApp,
  STANDIN_IMAGE,
  testEnv,
  waitFor,
} from './helpers';

describe('backups of deleted projects: listed, downloaded and restored through the extension, on a real agent', function () {
  this.timeout(300_000);
  let core: Core;
  let serverId: string;
  let connection: AgentConnection;
  let project: Project;
  let final: Backup;
  let dir: string;

  before(async () => {
    requireAgent();
    core = await (await api()).core();
    serverId = await ensureOwnerServer(core);
    await core.connections.whenConnected(serverId);
    connection = core.connections.get(serverId)!;
    dir = mkdtempSync(join(tmpdir(), 'paas-deleted-'));
  });
  after(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('deletes a project whose app ran, taking its final backup', async () => {
    const created = await connection.request(CreateProject, {
      name: `Deleted ${Date.now()}`,
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
      firstEnvironment: { type: 'development', branch: testEnv.branch },
    });
    project = created.project;
    await waitFor(
      'the first app to run',
      async () => {
        const { apps } = await connection.request(ListApps, {
          projectId: project.id,
          includeDisabled: false,
        });
        assert.notEqual(apps[0]?.state, 'error', apps[0]?.lastError?.message);
        return apps[0]?.state === 'running';
      },
      180_000,
    );
    await connection.request(DeleteProject, {
      projectId: project.id,
      confirmCode: project.code,
      skipFinalBackups: false,
    });
  });

  it('lists the final backup under the deleted project for an organization Admin', async () => {
    const { projects } = await connection.request(ListDeletedProjectBackups, {
      organizationId: project.organizationId,
    });
    const gone = projects.find((p) => p.projectId === project.id);
    assert.ok(gone, 'the deleted project is listed');
    assert.equal(gone.code, project.code);
    const kept = gone.backups.find((b) => b.kind === 'preDestroy' && b.status === 'succeeded');
    assert.ok(kept, `a final backup is kept: ${gone.backups.map((b) => b.kind).join(', ')}`);
    final = kept;
  });

  it('downloads it with "PaaS: Backups of Deleted Projects…" as the PaaS.sh tar', async () => {
    const file = join(dir, 'final.tar');
    const saved = await vscode.commands.executeCommand<string>('paas.backup.deletedProjects', {
      serverId,
      organizationId: project.organizationId,
      backupId: final.id,
      action: 'download',
      format: 'tar',
      file,
    });
    assert.equal(saved, file, 'the command saved the file (a failure resolves undefined)');
    assert.equal(existsSync(`${file}.part`), false);
    const bytes = readFileSync(file);
    assert.equal(bytes.length, final.sizeBytes, 'the archive as large as the catalog says');
    assert.equal(bytes.subarray(257, 262).toString('latin1'), 'ustar', 'a POSIX tar header');
    assert.ok(bytes.includes(project.id), 'its manifest names the deleted project');
  });

  it('restores it into a running app of another project of the organization', async () => {
    const target = await runningApp(core, await ensureTestProject(core));
    const job = await vscode.commands.executeCommand<Job>('paas.backup.deletedProjects', {
      serverId,
      organizationId: project.organizationId,
      backupId: final.id,
      action: 'restore',
      targetAppId: target.id,
    });
    assert.equal(job?.state, 'succeeded', job?.error?.message ?? 'the restore did not start');
    assert.equal(job.appId, target.id);
  });
});
