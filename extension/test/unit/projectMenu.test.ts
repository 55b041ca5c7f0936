import { strict as assert } from 'node:assert';
import { permissionsOf, type Role } from '@paas/protocol';
import type { Session } from '../../src/client/session';
import {
  PROJECT_MENU,
  visibleEntries,
  type MenuContext,
  type ProjectMenuEntry,
} from '../../src/views/projects/projectMenu';

function context(role: Role, runners = false): MenuContext {
  return { session: { runners } as Session, permissions: permissionsOf(role) };
}

describe('project menu', () => {
  it("lists the seeds' screens in their order, then the administration screens", () => {
    assert.deepEqual(
      visibleEntries(context('owner')).map((e) => e.label),
      [
        'Overview',
        'Backups',
        'Queue',
        'Workflows',
        'Project Info',
        'Pricing & Plans',
        'Collaborators',
        'Audit Logs',
        'Settings',
      ],
    );
  });

  it('leaves out what the role cannot open (the audit log below Admin)', () => {
    assert.ok(!visibleEntries(context('developer')).some((e) => e.id === 'audit'));
    assert.ok(!visibleEntries({ session: undefined, permissions: undefined }).some((e) => e.id === 'audit'));
  });

  it("shows an entry gated on the agent's capabilities only when the agent reports them", () => {
    const runners: ProjectMenuEntry = {
      id: 'runners',
      label: 'Runners',
      icon: 'play-circle',
      command: 'paas.project.openRunners',
      shownWhen: ({ session }) => session?.runners === true,
    };
    const menu = [...PROJECT_MENU, runners];
    assert.ok(visibleEntries(context('owner', true), menu).includes(runners));
    assert.ok(!visibleEntries(context('owner', false), menu).includes(runners));
  });

  it('gives every entry a distinct id and a paas.project command', () => {
    assert.equal(new Set(PROJECT_MENU.map((e) => e.id)).size, PROJECT_MENU.length);
    for (const entry of PROJECT_MENU) assert.match(entry.command, /^paas\.project\./);
  });
});
