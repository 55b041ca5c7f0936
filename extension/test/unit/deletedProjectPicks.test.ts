import { strict as assert } from 'node:assert';
import type { Backup } from '@paas/protocol';
import { deletedProjectPicks } from '../../src/commands/backup/deletedProjectPicks';

function backup(id: string, overrides: Partial<Backup> = {}): Backup {
  return {
    id,
    projectId: 'p-gone',
    environmentId: 'env-1',
    environmentType: 'production',
    appId: 'app-1',
    appName: 'main',
    kind: 'preDestroy',
    status: 'succeeded',
    storageId: 'default',
    storageName: 'Default',
    path: `gone/production/main/${id}.tar`,
    sizeBytes: 2048,
    durationMs: 900,
    odooVersion: '17.0',
    commitSha: null,
    files: 3,
    missingAttachments: null,
    tables: 120,
    checksums: null,
    createdAt: '2026-12-03T09:30:12.000Z',
    finishedAt: '2026-12-03T09:30:13.000Z',
    error: null,
    verification: null,
    ...overrides,
  };
}

describe('the picker of deleted projects’ backups', () => {
  it('heads each deleted project’s backups with its name, code and deletion time, in the agent’s order', () => {
    const picks = deletedProjectPicks([
      {
        projectId: 'p-gone',
        name: 'Acme ERP',
        code: 'acme',
        deletedAt: '2026-12-03T10:00:00.000Z',
        backups: [backup('b-final'), backup('b-old', { kind: 'manual', sizeBytes: null, odooVersion: null })],
      },
      { projectId: 'p-older', name: 'Old', code: 'old', deletedAt: '2026-11-01T08:05:00.000Z', backups: [] },
    ]);
    assert.deepEqual(
      picks.map((pick) => [pick.kind, pick.label]),
      [
        ['project', 'Acme ERP (acme) — deleted 2026-12-03 10:00 UTC'],
        ['backup', 'main · preDestroy'],
        ['backup', 'main · manual'],
        ['project', 'Old (old) — deleted 2026-11-01 08:05 UTC'],
      ],
    );
    const [, final, old] = picks;
    assert.ok(final?.kind === 'backup' && old?.kind === 'backup');
    assert.equal(final.backup.id, 'b-final');
    assert.equal(final.description, '2026-12-03 09:30 UTC · 2.0 KB');
    assert.equal(final.detail, 'production · Odoo 17.0 · backup b-final');
    assert.equal(old.description, '2026-12-03 09:30 UTC', 'no size while unknown');
    assert.equal(old.detail, 'production · backup b-old', 'no Odoo version while unknown');
  });
});
