import { strict as assert } from 'node:assert';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { AddCollaborator, DeployApp, type App, type Job } from '@paas/protocol';
import { simpleGit } from 'simple-git';
import * as vscode from 'vscode';
import type { AddedServer } from '../../src/commands/server/addServer';
import type { Core } from '../../src/extensionCore';
import type { TreeModel } from '../../src/views/projects/projectTree';
import {
  api,
  ensureOwnerServer,
  ensureTestProject,
  requireAgent,
  screenshot,
  testEnv,
  waitFor,
} from './helpers';

function describeJob(job: Job | undefined): string {
  if (!job) return 'no job (see the PaaS.sh log)';
  return `${job.kind} ${job.state}: ${job.error?.code ?? ''} ${job.error?.message ?? ''}`;
}

describe('deploy the current branch on a real agent', function () {
  this.timeout(240_000);
  let core: Core;
  let projectId: string;
  let app: App;
  const workspace = (): string => vscode.workspace.workspaceFolders![0]!.uri.fsPath;

  before(async function () {
    requireAgent();
    core = await (await api()).core();
    const serverId = await ensureOwnerServer(core);
    const session = await core.connections.whenConnected(serverId);
    if (!session.methods.has(DeployApp.method)) this.skip();
    projectId = (await ensureTestProject(core)).projectId;
  });

  it('deploys the branch, creating its app in Development, and follows the job to the end', async () => {
    const job = await vscode.commands.executeCommand<Job | undefined>('paas.branch.deploy', {
      environment: 'development',
    });
    assert.equal(job?.state, 'succeeded', describeJob(job));
    assert.ok(job.steps.every((step) => step.state === 'succeeded' || step.state === 'skipped'));
    const { views } = await api();
    const node = await waitFor('the job in the Jobs view', () =>
      core.jobsProvider
        .getChildren()
        .find((n) => n.kind === 'job' && n.job.id === job.id && n.job.state === 'succeeded'),
    );
    const steps = core.jobsProvider.getChildren(node);
    assert.deepEqual(
      steps.map((step) => step.kind === 'step' && step.step.name),
      job.steps.map((step) => step.name),
    );
    await views.jobs.reveal(node, { select: true, expand: true });
    await screenshot('04-jobs-deploy', 'succeeded');
  });

  it('shows the app healthy, with its branch and short commit', async () => {
    const head = (await simpleGit(workspace()).revparse(['HEAD'])).trim();
    app = await waitFor('the app to run', () =>
      [...core.projectsData.apps()]
        .map((e) => e.app)
        .find((a) => a.projectId === projectId && a.state === 'running'),
    );
    assert.equal(app.branch, testEnv.branch);
    assert.equal(app.commitSha, head);
    const { views } = await api();
    await vscode.commands.executeCommand('workbench.view.extension.paas');
    const expected = `${testEnv.branch} · ${head.slice(0, 7)}`;
    // The view rebuilds its nodes when it next asks for children; poll like the workbench does.
    const node = await waitFor('the app node to show the deployed commit', () => {
      core.projectsProvider.getChildren();
      const found = core.projectsProvider.appNode(app.id);
      return found && core.projectsProvider.getTreeItem(found).description === expected ? found : undefined;
    });
    const item = core.projectsProvider.getTreeItem(node);
    assert.match(String(item.contextValue), /\bhealth:healthy\b/);
    assert.match(String(item.contextValue), /\bcan:app\.deploy\b/);
    assert.equal(core.branchItem.app()?.id, app.id, 'the status bar shows the branch app');
    await views.projects.reveal(node as TreeModel, { select: true, focus: true, expand: true });
    await screenshot('04-projects-app-healthy', app.name);
  });

  it('streams the app log into a terminal', async () => {
    const result = await vscode.commands.executeCommand<{ lines: readonly string[] }>('paas.app.showLogs', {
      appId: app.id,
    });
    assert.ok(result, 'paas.app.showLogs resolved');
    await waitFor('log lines', () => result.lines.some((line) => / INFO /.test(line)));
    await screenshot('05-app-logs');
  });

  it('links traceback frames to the workspace file and line', async () => {
    const line = '  File "/mnt/extra-addons/paas_demo/models/demo.py", line 4, in _compute';
    const [link] = await core.tracebackLinks.linksIn(line);
    assert.ok(link, 'the frame became a link');
    assert.equal(link.file, join(workspace(), 'paas_demo', 'models', 'demo.py'));
    assert.equal(
      line.substr(link.startIndex, link.length),
      'File "/mnt/extra-addons/paas_demo/models/demo.py", line 4',
    );
    await core.tracebackLinks.handleTerminalLink(link);
    const editor = await waitFor('the editor', () => vscode.window.activeTextEditor);
    assert.equal(editor.document.uri.fsPath, link.file);
    assert.equal(editor.selection.active.line, 3);
    assert.deepEqual(
      await core.tracebackLinks.linksIn('  File "/usr/lib/python3/dist-packages/odoo/http.py", line 9'),
      [],
    );
  });

  it('offers a viewer only what a viewer may do, on a second server connection', async () => {
    const url = testEnv.agentUrl.replace('127.0.0.1', 'localhost');
    const viewer = await vscode.commands.executeCommand<AddedServer>('paas.server.add', {
      url,
      token: testEnv.viewerToken,
      trust: testEnv.fingerprint,
      name: 'Viewer',
    });
    assert.ok(viewer, 'the viewer connection was added');
    try {
      // Below Admin, a user sees a project only through a collaborator grant on it.
      const { user } = await core.connections.whenConnected(viewer.id);
      const owner = core.connections.get(core.store.findByUrl(testEnv.agentUrl)!.id)!;
      await owner.request(AddCollaborator, {
        projectId,
        grantee: { kind: 'user', email: user.email },
        role: 'viewer',
      });
      await core.refresh();
      const item = await waitFor('the viewer’s app node', () => {
        const node = [...core.projectsProvider.getChildren()]
          .flatMap(function walk(n: TreeModel): TreeModel[] {
            return [n, ...core.projectsProvider.getChildren(n).flatMap(walk)];
          })
          .find((n) => n.kind === 'app' && n.app.id === app.id && n.key.startsWith(viewer.id));
        return node ? core.projectsProvider.getTreeItem(node) : undefined;
      });
      const value = String(item.contextValue);
      assert.match(value, /\bcan:app\.open\b/);
      assert.match(value, /\bcan:app\.viewLogs\b/);
      assert.doesNotMatch(value, /\bcan:app\.(deploy|update|operate|destroy)\b/);
      assert.match(String(item.description), /·/);
    } finally {
      await vscode.commands.executeCommand('paas.server.remove', { serverId: viewer.id }, { confirm: false });
    }
  });

  it('pushes a new commit first and updates the app to it', async () => {
    const git = simpleGit(workspace());
    appendFileSync(join(workspace(), 'paas_demo', 'models', 'demo.py'), '\n# changed from the test\n');
    await git.add('.').commit('Change from the VS Code test');
    const head = (await git.revparse(['HEAD'])).trim();
    const job = await vscode.commands.executeCommand<Job | undefined>('paas.branch.deploy', { push: true });
    assert.equal(job?.state, 'succeeded', describeJob(job));
    assert.equal(job.kind, 'update');
    const updated = await waitFor('the new commit to run', () => {
      const current = core.projectsData.findApp(app.id)?.app;
      return current?.commitSha === head && current.state === 'running' ? current : undefined;
    });
    assert.equal(updated.revision, 2);
  });

  it('destroys the app (confirmation naming it) and drops it from the tree', async () => {
    const destroyed = await vscode.commands.executeCommand(
      'paas.app.destroy',
      { appId: app.id },
      { confirmName: app.name },
    );
    assert.equal(destroyed, app.id);
    await waitFor('the app to disappear', () => !core.projectsData.findApp(app.id));
    await screenshot('06-after-destroy');
  });
});
