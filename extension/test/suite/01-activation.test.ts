import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { COMMAND_IDS } from '../../src/commands/index';
import type { PaasApi } from '../../src/extension';
import { EXTENSION_ID, screenshot, waitFor } from './helpers';

interface ContributedCommand {
  command: string;
  title: string;
  category?: string;
}

describe('activation', () => {
  it('stays inactive until a PaaS.sh view is shown, then activates quickly', async () => {
    const extension = vscode.extensions.getExtension<PaasApi>(EXTENSION_ID);
    assert.ok(extension, 'the extension is loaded');
    assert.equal(extension.isActive, false, 'nothing activated it before its views were shown');
    const started = performance.now();
    await extension.activate();
    const activationMs = performance.now() - started;
    if (process.env.PAAS_TEST_BENCH_FILE)
      writeFileSync(
        process.env.PAAS_TEST_BENCH_FILE,
        JSON.stringify({ activationMs, at: new Date().toISOString() }),
      );
    assert.ok(activationMs < 1000, `activation took ${activationMs.toFixed(1)} ms`);
  });

  it('contributes exactly the implemented commands, as "PaaS: …" with paas.<area>.<verb> ids', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const contributed = (extension.packageJSON as { contributes: { commands: ContributedCommand[] } })
      .contributes.commands;
    assert.deepEqual(contributed.map((c) => c.command).sort(), [...COMMAND_IDS].sort());
    for (const command of contributed) {
      assert.equal(command.category, 'PaaS', command.command);
      assert.match(command.command, /^paas\.[a-z]+\.[a-z][A-Za-z]*$/);
    }
    const registered = await vscode.commands.getCommands(true);
    for (const id of COMMAND_IDS) assert.ok(registered.includes(id), `${id} is registered`);
  });

  it('shows the welcome content while no server is configured', async () => {
    const api = await vscode.extensions.getExtension<PaasApi>(EXTENSION_ID)!.activate();
    await vscode.commands.executeCommand('workbench.view.extension.paas');
    await waitFor('the Servers view to be visible', () => api.views.servers.visible);
    const core = await api.core();
    assert.deepEqual(core.store.list(), []);
    await screenshot('01-welcome');
  });
});
