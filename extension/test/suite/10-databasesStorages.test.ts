import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AssignStorage,
  CreateStorage,
  DeleteStorage,
  ListStorages,
  type App,
  type Storage,
} from '@paas/protocol';
import { Client } from 'pg';
import * as vscode from 'vscode';
import type { AgentConnection } from '../../src/client/agentConnection';
import type { Core } from '../../src/extensionCore';
import type { TracedMessage } from '../../src/webviews/index';
import type { DatabasesModel } from '../../src/webviews/messages/databases';
import type { StoragesModel } from '../../src/webviews/messages/storages';
import {
  api,
  control,
  ensureTestProject,
  requireAgent,
  runningApp,
  screenshot,
  testEnv,
  waitFor,
} from './helpers';

type Project = { serverId: string; projectId: string; name: string };

/** Whether `name` is a database of the PostgreSQL server the suite's agent uses, asked of PostgreSQL itself. */
async function databaseExists(name: string): Promise<boolean> {
  const pg = JSON.parse(testEnv.postgres ?? '{}') as {
    host: string;
    port: number;
    adminUser: string;
    adminPassword: string;
  };
  const client = new Client({
    host: pg.host,
    port: pg.port,
    user: pg.adminUser,
    password: pg.adminPassword,
    database: 'postgres',
  });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    return rowCount === 1;
  } finally {
    await client.end();
  }
}

describe('databases and storages screens, on a real agent', function () {
  this.timeout(300_000);
  let core: Core;
  let project: Project;
  let connection: AgentConnection;
  let app: App;
  let storage: Storage;
  let storageDir: string;

  /** Messages traced since `from`, of one panel type, direction and message type. */
  const traced = (from: number, viewType: string, direction: 'in' | 'out', type: string): TracedMessage[] =>
    core.webviewTrace.messages
      .slice(from)
      .filter((m) => m.viewType === viewType && m.direction === direction && m.message.type === type);

  /** The answer to the request the webview posted as `type` since `from`, which must be a success. */
  async function succeeded(from: number, viewType: string, type: string): Promise<TracedMessage> {
    const request = await waitFor(`the ${type} request`, () => traced(from, viewType, 'in', type)[0]);
    const done = await waitFor(
      `the answer to ${type}`,
      () =>
        traced(from, viewType, 'out', 'requestDone').find(
          (m) => m.message.requestId === request.message.requestId,
        ),
      120_000,
    );
    assert.equal(done.message.error, undefined, JSON.stringify(done.message.error));
    return request;
  }

  before(async function () {
    requireAgent();
    // Every step below is a click or a keystroke in the real webview: only the driver can make them.
    if (!testEnv.controlUrl) this.skip();
    core = await (await api()).core();
    project = await ensureTestProject(core);
    connection = core.connections.get(project.serverId)!;
    app = await runningApp(core, project);
    storageDir = mkdtempSync(join(tmpdir(), 'paas-storage-screen-'));
    // The suite's owner administers the agent: it adds the second storage the project is moved to.
    ({ storage } = await connection.request(CreateStorage, {
      name: `Screen disk ${Date.now().toString(36)}`,
      config: { kind: 'local', path: storageDir },
    }));
  });

  after(async () => {
    if (!storage) return;
    // The other suites' backups go to the default storage again, and the extra one goes away.
    const { storages } = await connection.request(ListStorages, {});
    const fallback = storages.find((s) => s.isDefault)!;
    await connection.request(AssignStorage, { projectId: project.projectId, storageId: fallback.id });
    await connection.request(DeleteStorage, { storageId: storage.id });
    rmSync(storageDir, { recursive: true, force: true });
  });

  it('assigns a storage to the project from the Storages screen and shows it as where backups go', async () => {
    const from = core.webviewTrace.messages.length;
    const viewType = await vscode.commands.executeCommand('paas.project.openStorages', project);
    assert.equal(viewType, 'paas.storages');
    const first = await waitFor('the storages model', () => traced(from, 'paas.storages', 'out', 'init')[0]);
    const model = first.message.model as StoragesModel;
    assert.equal(model.storages.find((s) => s.id === storage.id)?.current, false);
    await control('/webview/click', {
      screen: 'storages',
      selector: `[data-storage="${storage.id}"] [data-action="assign"]`,
    });
    await succeeded(from, 'paas.storages', 'assign');
    await waitFor('the screen to show the storage as the project’s', async () => {
      const row = (await control('/webview/query', {
        screen: 'storages',
        selector: `[data-storage="${storage.id}"]`,
      })) as { data: Record<string, string> };
      return row.data.current === 'true';
    });
    const { storages } = await connection.request(ListStorages, {});
    assert.ok(storages.find((s) => s.id === storage.id)?.projectIds.includes(project.projectId));
  });

  it('tests a storage’s connection and shows it passed on its row', async () => {
    const from = core.webviewTrace.messages.length;
    await control('/webview/click', {
      screen: 'storages',
      selector: `[data-storage="${storage.id}"] [data-action="test"]`,
    });
    await succeeded(from, 'paas.storages', 'test');
    const result = await waitFor(
      'the test result',
      () => traced(from, 'paas.storages', 'out', 'testResult')[0],
    );
    assert.deepEqual(
      { ...(result.message.result as object), message: undefined },
      { storageId: storage.id, ok: true, message: undefined },
    );
    const shown = (await control('/webview/query', {
      screen: 'storages',
      selector: `[data-storage="${storage.id}"] [data-test-result="ok"]`,
    })) as { text: string };
    assert.match(shown.text, /Connected and writable/);
    await screenshot('10-storages');
  });

  it('duplicates an app’s database, then drops the copy once its name is typed; PostgreSQL no longer has it', async () => {
    const from = core.webviewTrace.messages.length;
    assert.equal(
      await vscode.commands.executeCommand('paas.project.openDatabases', project),
      'paas.databases',
    );
    const init = await waitFor('the databases model', () => traced(from, 'paas.databases', 'out', 'init')[0]);
    const model = init.message.model as DatabasesModel;
    assert.ok(model.servers.some((s) => s.id === app.databaseServerId && !s.error));
    assert.ok(model.databases.some((d) => d.name === app.databaseName && d.isAppDatabase));
    const row = (name: string) => `[data-database="${app.databaseServerId}/${name}"]`;

    await control('/webview/click', {
      screen: 'databases',
      selector: `${row(app.databaseName)} [data-action="duplicate"]`,
    });
    await control('/webview/click', {
      screen: 'databases',
      selector: '[data-form="duplicate"] vscode-button[data-confirm]',
    });
    const duplicate = await succeeded(from, 'paas.databases', 'duplicate');
    const copy = duplicate.message.target as string;
    assert.ok(copy.startsWith(`${app.databaseName}_`));
    assert.equal(await databaseExists(copy), true, 'PostgreSQL has the copy');
    await control('/webview/query', { screen: 'databases', selector: row(copy) });

    const dropFrom = core.webviewTrace.messages.length;
    await control('/webview/click', { screen: 'databases', selector: `${row(copy)} [data-action="drop"]` });
    await control('/webview/fill', {
      screen: 'databases',
      selector: '[data-form="drop"] vscode-textfield input',
      value: copy,
    });
    await control('/webview/click', {
      screen: 'databases',
      selector: '[data-form="drop"] vscode-button[data-confirm]',
    });
    const drop = await succeeded(dropFrom, 'paas.databases', 'drop');
    assert.equal(drop.message.confirmName, copy, 'the typed name went to the agent');
    assert.equal(await databaseExists(copy), false, 'PostgreSQL no longer has the copy');
    assert.equal(await databaseExists(app.databaseName), true, 'the app keeps its database');
    await waitFor('the list to lose the copy', async () => {
      const last = traced(dropFrom, 'paas.databases', 'out', 'init').at(-1);
      return last && !(last.message.model as DatabasesModel).databases.some((d) => d.name === copy);
    });
    await screenshot('10-databases');
  });
});
