import { strict as assert } from 'node:assert';
import { permissionsOf, type Role } from '@paas/protocol';
import type { Session } from '../../src/client/session';
import { PROJECT_MENU, visibleEntries, type MenuContext } from '../../src/views/projects/projectMenu';

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
        'Databases',
        'Storages',
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

  it('shows Runners only when the agent reports the runners capability', () => {
    const shown = (runners: boolean) => visibleEntries(context('owner', runners)).map((e) => e.id);
    assert.deepEqual(shown(true).slice(0, 5), ['overview', 'backups', 'queue', 'workflows', 'runners']);
    assert.ok(!shown(false).includes('runners'));
  });

  it('gives every entry a distinct id and a paas.project command', () => {
    assert.equal(new Set(PROJECT_MENU.map((e) => e.id)).size, PROJECT_MENU.length);
    for (const entry of PROJECT_MENU) assert.match(entry.command, /^paas\.project\./);
  });
});
