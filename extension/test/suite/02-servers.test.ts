import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { generate } from 'selfsigned';
import type { AddedServer } from '../../src/commands/server/addServer';
import type { Core } from '../../src/extensionCore';
import { ServerNode } from '../../src/views/servers/serverNode';
import { api, control, requireAgent, screenshot, testEnv, waitFor } from './helpers';
import { allowDiagnostics } from './diagnostics';

describe('servers: connecting to a real agent', function () {
  let core: Core;
  let added: AddedServer;

  before(async function () {
    requireAgent();
    core = await (await api()).core();
  });

  it('refuses a certificate other than the expected one, saving nothing', async () => {
    allowDiagnostics(/certificate of .* not the expected one/);
    const wrong = testEnv.fingerprint.replace(/^../, testEnv.fingerprint.startsWith('00') ? '11' : '00');
    const result = await vscode.commands.executeCommand('paas.server.add', {
      url: testEnv.agentUrl,
      token: testEnv.ownerToken,
      trust: wrong,
    });
    assert.equal(result, undefined);
    assert.deepEqual(core.store.list(), []);
  });

  it('refuses a wrong token, saving nothing', async () => {
    allowDiagnostics(/paas\.server\.add failed|token|401|Unauthorized|rejected/i);
    const result = await vscode.commands.executeCommand('paas.server.add', {
      url: testEnv.agentUrl,
      token: 'paas_not-a-real-token',
      trust: testEnv.fingerprint,
    });
    assert.equal(result, undefined);
    assert.deepEqual(core.store.list(), []);
  });

  it('adds the server: pins its certificate, keeps the token in SecretStorage and connects', async () => {
    const result = await vscode.commands.executeCommand<AddedServer>('paas.server.add', {
      url: testEnv.agentUrl,
      token: testEnv.ownerToken,
      trust: testEnv.fingerprint,
      name: 'Test agent',
    });
    assert.ok(result, 'paas.server.add resolved with the server');
    added = result;
    assert.equal(added.fingerprint, testEnv.fingerprint);
    assert.equal(core.store.get(added.id)?.pin?.fingerprint, testEnv.fingerprint);
    assert.equal(await core.store.token(added.id), testEnv.ownerToken);
    const settingsText = JSON.stringify(vscode.workspace.getConfiguration('paas'));
    assert.ok(!settingsText.includes(testEnv.ownerToken), 'the token is not in settings');
    const session = core.connections.get(added.id)?.session;
    assert.equal(session?.permissions?.role, 'owner');
  });

  it('lists it in the Servers view with its host and state', async () => {
    const { views } = await api();
    const nodes = (await core.serversProvider.getChildren()) as ServerNode[];
    assert.deepEqual(
      nodes.map((n) => n.serverId),
      [added.id],
    );
    const item = await waitFor('the server row to show its host name', () => {
      const candidate = core.serversProvider.getTreeItem(nodes[0]!);
      return candidate.description !== 'connected' && candidate.description ? candidate : undefined;
    });
    assert.equal(item.label, 'Test agent');
    assert.match(String(item.contextValue), /\bstate:connected\b/);
    assert.match(String(item.contextValue), /\bcan:servers\.manage\b/);
    await views.servers.reveal(nodes[0]!, { select: true, focus: true });
    await screenshot('02-servers-connected', 'Test agent');
  });

  it('keeps a server whose token is missing and signs in to it with the token only', async () => {
    allowDiagnostics(/paas\.server\.signIn failed|token|401|Unauthorized|refused/i);
    await core.store.forgetToken(added.id);
    core.connections.get(added.id)?.reconnect();
    const [node] = (await core.serversProvider.getChildren()) as ServerNode[];
    const item = await waitFor('the server row to offer Sign in', () => {
      const candidate = core.serversProvider.getTreeItem(node!);
      return /\bstate:signedOut\b/.test(String(candidate.contextValue)) ? candidate : undefined;
    });
    assert.equal(item.description, 'Sign in to Test agent');
    assert.equal(item.command?.command, 'paas.server.signIn');
    assert.deepEqual(item.command?.arguments, [{ serverId: added.id }]);
    assert.deepEqual(
      core.store.list().map((entry) => entry.id),
      [added.id],
      'the server stays listed',
    );

    await vscode.commands.executeCommand('paas.server.signIn', { serverId: added.id, token: 'paas_wrong' });
    assert.equal(await core.store.token(added.id), undefined, 'a refused token is not stored');

    await vscode.commands.executeCommand('paas.server.signIn', {
      serverId: added.id,
      token: testEnv.ownerToken,
    });
    assert.equal(await core.store.token(added.id), testEnv.ownerToken);
    assert.equal(core.connections.get(added.id)?.session?.permissions?.role, 'owner');
  });

  it('shows live CPU, RAM and disk from metrics samples while the view is visible', async function () {
    if (!core.connections.get(added.id)?.session?.methods.has('metrics/subscribe')) this.skip();
    const [node] = (await core.serversProvider.getChildren()) as ServerNode[];
    // Samples stream only while the view is visible: show it here rather than rely on an earlier test.
    await (await api()).views.servers.reveal(node!, { select: true, focus: true });
    const item = await waitFor('a metrics sample', () => {
      const candidate = core.serversProvider.getTreeItem(node!);
      return /^CPU \d+% · RAM .+ · Disk \d+%$/.test(String(candidate.description)) ? candidate : undefined;
    });
    assert.match(String((item.tooltip as vscode.MarkdownString).value), /CPU: \d+% of \d+ cores/);
    await screenshot('02-servers-metrics', 'CPU');
  });

  it('reconnects with backoff after the connection drops', async () => {
    // The drop itself is logged and may be told; the test is that the connection comes back.
    allowDiagnostics(/connection|closed|reconnect|lost/i);
    const connection = core.connections.get(added.id)!;
    const dropped = waitFor('the drop to be noticed', () => connection.state.kind !== 'connected');
    const { dropped: count } = (await control('/agent/drop')) as { dropped: number };
    assert.ok(count > 0, 'the bridge carried the connection');
    await dropped;
    await waitFor('the connection to come back', () => connection.state.kind === 'connected', 30_000);
  });

  it('refuses a changed certificate without sending the token, and re-pins it on request', async () => {
    allowDiagnostics(/certificate/i);
    const other = await generate([{ name: 'commonName', value: 'impostor' }], {
      keyType: 'ec',
      curve: 'P-256',
    });
    const { X509Certificate } = await import('node:crypto');
    const impostor = new X509Certificate(other.cert);
    await core.store.setPin(added.id, { fingerprint: impostor.fingerprint256, pem: impostor.toString() });
    const connection = core.connections.get(added.id)!;
    connection.reconnect();
    const state = await waitFor('the change to be detected', () =>
      connection.state.kind === 'failed' ? connection.state : undefined,
    );
    assert.equal(state.error.code, 'PAAS_CERT_CHANGED');
    assert.equal(state.error.data.presented, testEnv.fingerprint);
    await screenshot('03-certificate-changed', 'certificate changed');
    const repinned = await vscode.commands.executeCommand(
      'paas.server.trustCertificate',
      { serverId: added.id },
      { trust: testEnv.fingerprint },
    );
    assert.equal(repinned, testEnv.fingerprint);
    assert.equal(connection.state.kind, 'connected');
  });
});
