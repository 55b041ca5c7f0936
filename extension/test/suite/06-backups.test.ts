import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BackupManifestSchema,
  DeployApp,
  GetProject,
  ListApps,
  ListBackups,
  type App,
  type Backup,
  type Job,
} from '@paas/protocol';
import * as vscode from 'vscode';
import type { AgentConnection } from '../../src/client/agentConnection';
import type { Core } from '../../src/extensionCore';
import type { BackupsModel } from '../../src/webviews/messages/backups';
import { api, control, ensureTestProject, requireAgent, testEnv, waitFor } from './helpers';
import { zipEntries } from './zipEntries';

type Project = { serverId: string; projectId: string; name: string };

describe('backups: download and import through the extension, on a real agent', function () {
  this.timeout(300_000);
  let core: Core;
  let project: Project;
  let connection: AgentConnection;
  let app: App;
  let backup: Backup;
  let dir: string;
  const driven = (): boolean => Boolean(testEnv.controlUrl);

  /** The backups panel's models posted since `from`. */
  const models = (from: number): BackupsModel[] =>
    core.webviewTrace.messages
      .slice(from)
      .filter((m) => m.viewType === 'paas.backups' && m.direction === 'out' && m.message.type === 'init')
      .map((m) => m.message.model as BackupsModel);

  /** A running development app of the shared project: an earlier suite's, or a new one. */
  async function runningApp(): Promise<App> {
    const { apps } = await connection.request(ListApps, {
      projectId: project.projectId,
      includeDisabled: false,
    });
    const running = apps.find((a) => a.environmentType === 'development' && a.state === 'running');
    if (running) return running;
    const { environments } = await connection.request(GetProject, { projectId: project.projectId });
    const development = environments.find((e) => e.type === 'development')!;
    const { app: created } = await connection.request(DeployApp, {
      environmentId: development.id,
      name: `backups-${Date.now().toString(36)}`,
      branch: testEnv.branch,
    });
    return waitFor(
      'the backups test app to run',
      async () => {
        const { apps: now } = await connection.request(ListApps, {
          projectId: project.projectId,
          includeDisabled: false,
        });
        const current = now.find((a) => a.id === created.id);
        assert.notEqual(current?.state, 'error', current?.lastError?.message);
        return current?.state === 'running' && current;
      },
      180_000,
    );
  }

  before(async () => {
    requireAgent();
    core = await (await api()).core();
    project = await ensureTestProject(core);
    connection = core.connections.get(project.serverId)!;
    const session = await core.connections.whenConnected(project.serverId);
    assert.deepEqual(
      [...session.transfers].sort(),
      ['backupDownload', 'upload'],
      'the agent serves the transfer routes',
    );
    app = await runningApp();
    dir = mkdtempSync(join(tmpdir(), 'paas-backups-'));
  });
  after(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('takes a backup of the app', async () => {
    const job = await vscode.commands.executeCommand<Job>('paas.app.backup', { appId: app.id });
    assert.equal(job?.state, 'succeeded', job?.error?.message);
    const { backups } = await connection.request(ListBackups, {
      projectId: project.projectId,
      includeDeleted: false,
      limit: 20,
    });
    const made = backups.find((b) => b.appId === app.id && b.kind === 'manual' && b.status === 'succeeded');
    assert.ok(made, 'the manual backup is in the catalog');
    backup = made;
  });

  it('offers Download and Import in the Backups screen of an agent that serves them', async () => {
    const from = core.webviewTrace.messages.length;
    assert.equal(await vscode.commands.executeCommand('paas.project.backups', project), 'paas.backups');
    const model = await waitFor('the backups model', () => models(from)[0]);
    assert.deepEqual(model.download, { available: true });
    assert.deepEqual(model.imports, { available: true });
    assert.ok(model.backups.some((b) => b.id === backup.id));
    if (!driven()) return;
    const download = (await control('/webview/query', {
      screen: 'backups',
      selector: `[data-backup="${backup.id}"] [data-action="download"]`,
    })) as { count: number; disabled: boolean };
    assert.deepEqual([download.count, download.disabled], [1, false]);
  });

  let zip: string;
  it('downloads it as an Odoo zip holding dump.sql and manifest.json', async () => {
    zip = join(dir, 'backup.zip');
    const saved = await vscode.commands.executeCommand<string>('paas.backup.download', {
      serverId: project.serverId,
      backupId: backup.id,
      format: 'zip',
      file: zip,
    });
    assert.equal(saved, zip, 'the command saved the file (a failure resolves undefined)');
    assert.equal(existsSync(`${zip}.part`), false);
    const bytes = readFileSync(zip);
    assert.equal(bytes.readUInt32LE(0), 0x04034b50, 'a zip starts with a local file header');
    const entries = zipEntries(bytes);
    const names = entries.map((e) => e.name);
    assert.ok(names.includes('dump.sql'), `entries: ${names.join(', ')}`);
    assert.ok(entries.find((e) => e.name === 'dump.sql')!.uncompressedBytes > 0);
    const manifest = BackupManifestSchema.parse(
      JSON.parse(
        entries
          .find((e) => e.name === 'manifest.json')!
          .read()
          .toString('utf8'),
      ),
    );
    assert.equal(manifest.odoo_dump, '1');
    assert.match(
      entries
        .find((e) => e.name === 'dump.sql')!
        .read()
        .toString('utf8'),
      /CREATE TABLE/,
    );
  });

  it('downloads it as the PaaS.sh tar, as long as announced', async () => {
    const tar = join(dir, 'backup.tar');
    const saved = await vscode.commands.executeCommand<string>('paas.backup.download', {
      serverId: project.serverId,
      backupId: backup.id,
      format: 'tar',
      file: tar,
    });
    assert.equal(saved, tar);
    const bytes = readFileSync(tar);
    assert.equal(bytes.toString('latin1', 257, 262), 'ustar', 'a tar header');
    assert.ok(bytes.includes('manifest.json'));
  });

  it('imports the zip back as an imported backup of the app, shown live in the open catalog', async () => {
    const from = core.webviewTrace.messages.length;
    const job = await vscode.commands.executeCommand<Job>('paas.backup.import', {
      serverId: project.serverId,
      projectId: project.projectId,
      appId: app.id,
      file: zip,
    });
    assert.equal(job?.state, 'succeeded', job?.error?.message ?? 'the import failed to start');
    const { backups } = await connection.request(ListBackups, {
      projectId: project.projectId,
      includeDeleted: false,
      limit: 20,
    });
    const imported = backups.find((b) => b.appId === app.id && b.kind === 'imported');
    assert.equal(imported?.status, 'succeeded');
    // The Backups panel opened above reloads on backups/didChange.
    await waitFor('the catalog to show the imported backup', () =>
      models(from).some((m) => m.backups.some((b) => b.id === imported!.id && b.state === 'succeeded')),
    );
  });
});
