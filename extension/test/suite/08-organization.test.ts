import { strict as assert } from 'node:assert';
import { ListMembers, ListOrganizations, ListTeams, type Organization } from '@paas/protocol';
import * as vscode from 'vscode';
import type { Core } from '../../src/extensionCore';
import type { TracedMessage } from '../../src/webviews/index';
import type { MembersModel } from '../../src/webviews/messages/members';
import type { TeamsModel } from '../../src/webviews/messages/teams';
import { allowDiagnostics } from './diagnostics';
import { api, control, ensureOwnerServer, requireAgent, screenshot, testEnv, waitFor } from './helpers';

/**
 * The invited user is a second server entry in this window: the same agent under another address
 * (`localhost` instead of `127.0.0.1`), holding the token of a user who belongs to no organization.
 * The harness has one VS Code window; two entries are two connections with two users.
 */
function joinerUrl(): string {
  const url = new URL(testEnv.agentUrl);
  url.hostname = url.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
  return `${url.protocol}//${url.host}`;
}

describe('organization: members, invitations and teams on a real agent', function () {
  this.timeout(300_000);
  let core: Core;
  let serverId: string;
  let organization: Organization;
  let joinerId: string;

  const traced = (from: number, viewType: string, direction: 'in' | 'out', type: string): TracedMessage[] =>
    core.webviewTrace.messages
      .slice(from)
      .filter((m) => m.viewType === viewType && m.direction === direction && m.message.type === type);
  const lastModel = <M>(from: number, viewType: string): M | undefined =>
    traced(from, viewType, 'out', 'init').at(-1)?.message.model as M | undefined;
  /** Waits for the answer to the last `type` the screen posted, and fails on an error answer. */
  const answered = async (from: number, viewType: string, type: string): Promise<void> => {
    const sent = await waitFor(`the ${type} message`, () => traced(from, viewType, 'in', type).at(-1));
    const done = await waitFor(`the answer to ${type}`, () =>
      traced(from, viewType, 'out', 'requestDone').find(
        (m) => m.message.requestId === sent.message.requestId,
      ),
    );
    assert.equal(done.message.error, undefined, JSON.stringify(done.message.error));
  };
  const web = (route: string, screen: string, selector: string, value?: string) =>
    control(`/webview/${route}`, value === undefined ? { screen, selector } : { screen, selector, value });

  before(async function () {
    requireAgent();
    // The screens are driven through the workbench's iframes: only the driver reaches them.
    if (!testEnv.controlUrl || !testEnv.joinerToken) this.skip();
    core = await (await api()).core();
    serverId = await ensureOwnerServer(core);
    await core.connections.whenConnected(serverId);
    const { organizations } = await core.connections.get(serverId)!.request(ListOrganizations, {});
    organization = organizations[0]!;
  });

  after(async () => {
    const joiner = core?.store.findByUrl(joinerUrl());
    if (joiner) await core.store.remove(joiner.id);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('makes the organization current for the server', async () => {
    const switched = await vscode.commands.executeCommand<Organization>('paas.organization.switch', {
      serverId,
      organizationId: organization.id,
    });
    assert.equal(switched?.id, organization.id);
  });

  it('invites by email; the code joins a second user, who appears with the role on the Members screen', async () => {
    const from = core.webviewTrace.messages.length;
    assert.equal(
      await vscode.commands.executeCommand('paas.organization.members', { serverId }),
      'paas.members',
    );
    const first = await waitFor('the members', () => lastModel<MembersModel>(from, 'paas.members'));
    assert.equal(first.organization.id, organization.id);
    await web('fill', 'members', '[data-field="email"] vscode-textfield input', testEnv.joinerEmail);
    await web('choose', 'members', '[data-field="role"] vscode-single-select', 'developer');
    await web('click', 'members', 'vscode-button[data-invite]');
    await answered(from, 'paas.members', 'invite');
    const invited = traced(from, 'paas.members', 'out', 'invited').at(-1)!.message.invitation as {
      code: string;
      joinLink: string;
    };
    assert.match(invited.joinLink, /\/join\?server=.*&code=/);
    const pending = await web('query', 'members', '[data-invitation]');
    assert.match((pending as { text: string }).text, new RegExp(testEnv.joinerEmail));

    // The second user: a server entry not yet known, added on the way as Add Server does.
    const joined = await vscode.commands.executeCommand<Organization>('paas.organization.join', {
      code: invited.code,
      server: joinerUrl(),
      token: testEnv.joinerToken,
      trust: testEnv.fingerprint,
    });
    assert.equal(joined?.id, organization.id);
    assert.equal(joined?.role, 'developer');

    const refreshed = core.webviewTrace.messages.length;
    await web('click', 'members', 'vscode-button[data-refresh]');
    const model = await waitFor('the new member on the Members screen', () =>
      lastModel<MembersModel>(refreshed, 'paas.members')?.members.find(
        (m) => m.email === testEnv.joinerEmail,
      ),
    );
    joinerId = model.userId;
    assert.equal(model.role, 'developer');
    const row = (await web('query', 'members', `[data-member="${joinerId}"]`)) as { text: string };
    assert.match(row.text, /Developer/);
    await screenshot('08-organization-members');
  });

  it('changes the member\u2019s role from the screen', async () => {
    const from = core.webviewTrace.messages.length;
    await web('click', 'members', `[data-edit-role="${joinerId}"]`);
    await web('choose', 'members', `[data-role-of="${joinerId}"]`, 'viewer');
    await answered(from, 'paas.members', 'changeRole');
    await waitFor('the screen to show Viewer', async () => {
      const row = (await web('query', 'members', `[data-member="${joinerId}"]`)) as { text: string };
      return /Viewer/.test(row.text);
    });
    const { members } = await core.connections
      .get(serverId)!
      .request(ListMembers, { organizationId: organization.id });
    assert.equal(members.find((m) => m.user.id === joinerId)?.role, 'viewer');
  });

  it('creates a team and adds the member', async () => {
    const from = core.webviewTrace.messages.length;
    assert.equal(await vscode.commands.executeCommand('paas.organization.teams', { serverId }), 'paas.teams');
    await waitFor('the teams', () => lastModel<TeamsModel>(from, 'paas.teams'));
    const name = `Support ${Date.now().toString(36)}`;
    await web('fill', 'teams', '[data-field="name"] vscode-textfield input', name);
    await web('click', 'teams', 'vscode-button[data-create]');
    await answered(from, 'paas.teams', 'create');
    const team = await waitFor('the new team', () =>
      lastModel<TeamsModel>(from, 'paas.teams')?.teams.find((t) => t.name === name),
    );
    const added = core.webviewTrace.messages.length;
    await web('choose', 'teams', `[data-add-choice="${team.id}"]`, joinerId);
    await web('click', 'teams', `vscode-button[data-add-member="${team.id}"]`);
    await answered(added, 'paas.teams', 'addMember');
    await waitFor('the member in the team on the screen', async () => {
      const card = (await web('query', 'teams', `[data-team="${team.id}"]`)) as { text: string };
      return card.text.includes('joiner');
    });
    const { teams } = await core.connections
      .get(serverId)!
      .request(ListTeams, { organizationId: organization.id });
    assert.deepEqual(
      teams.find((t) => t.id === team.id)?.members.map((m) => m.id),
      [joinerId],
    );
  });

  it('shows the agent\u2019s refusal as it comes when a non-administrator creates an organization', async () => {
    // The agent keeps creation to its administrators by default (`organizationCreation: admins`).
    allowDiagnostics(/agent administrator/);
    const joiner = core.store.findByUrl(joinerUrl());
    assert.ok(joiner, 'the second user\u2019s server entry');
    const shown: string[] = [];
    const window = vscode.window as unknown as { showErrorMessage: (...args: unknown[]) => unknown };
    const original = window.showErrorMessage;
    window.showErrorMessage = (message: unknown, ...rest: unknown[]) => {
      shown.push(String(message));
      return original.call(vscode.window, message, ...rest);
    };
    try {
      const created = await vscode.commands.executeCommand('paas.organization.create', {
        serverId: joiner.id,
        name: 'Joiner Ltd',
      });
      assert.equal(created, undefined);
    } finally {
      window.showErrorMessage = original;
    }
    assert.deepEqual(
      shown.filter((m) => /creating an organization needs an agent administrator/.test(m)).length,
      1,
      shown.join('\n'),
    );
  });
});
