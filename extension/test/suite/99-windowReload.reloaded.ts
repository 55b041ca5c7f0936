import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import type { TracedMessage } from '../../src/webviews/index';
import { api, control, screenshot, testEnv, waitFor } from './helpers';

/** What 99-windowReload.test.ts left open before the reload. */
export interface ReloadHandover {
  project: { serverId: string; projectId: string; name: string };
  app: { id: string; name: string; environmentType: string };
}

/**
 * Runs in the extension host started by the reload (see index.ts): nothing here opens the dashboard, so
 * whatever shows it came through the `paas.dashboard` serializer and the webview state VS Code kept.
 */
describe('a window reload (after)', function () {
  this.timeout(120_000);

  it('restores the dashboard of the same project, on the tab it showed, with its app card', async () => {
    const { project, app } = JSON.parse(readFileSync(testEnv.handoverFile!, 'utf8')) as ReloadHandover;
    const core = await (await api()).core();
    const dashboard = (direction: 'in' | 'out', type: string): TracedMessage[] =>
      core.webviewTrace.messages.filter(
        (m) => m.viewType === 'paas.dashboard' && m.direction === direction && m.message.type === type,
      );
    const init = await waitFor('the restored dashboard model', () => dashboard('out', 'init')[0], 60_000);
    const model = init.message.model as { ref: { serverId: string; projectId: string }; projectName: string };
    assert.deepEqual(model.ref, { serverId: project.serverId, projectId: project.projectId });
    assert.equal(model.projectName, project.name);
    // The webview says which tab it shows once it has the model: the one it saved, not the default.
    const shown = await waitFor('the restored tab', () => dashboard('in', 'selectEnvironment')[0]);
    assert.equal(shown.message.environmentType, app.environmentType);
    const card = (await control('/webview/query', {
      screen: 'dashboard',
      selector: `[data-app-id="${app.id}"]`,
    })) as { data: Record<string, string>; text: string };
    assert.equal(card.data.state, 'running');
    assert.match(card.text, new RegExp(app.name));
    await screenshot('12-dashboard-after-reload');
  });
});
