import assert from 'node:assert/strict';
import { moduleDrift } from '../../../src/services/apps/moduleDrift';

describe('moduleDrift', () => {
  const branch = [
    { name: 'kept', version: '17.0.1.0' },
    { name: 'bumped', version: '17.0.1.1' },
    { name: 'added', version: '17.0.1.0' },
    { name: 'uninstalled', version: '17.0.1.0' },
    { name: 'upgrading', version: '17.0.1.0' },
  ];
  const rows = [
    { name: 'kept', state: 'installed', latest_version: '17.0.1.0' },
    { name: 'bumped', state: 'installed', latest_version: '17.0.1.0' },
    { name: 'uninstalled', state: 'uninstalled', latest_version: null },
    { name: 'upgrading', state: 'to upgrade', latest_version: '17.0.1.0' },
    { name: 'dropped', state: 'installed', latest_version: '17.0.2.0' },
    { name: 'dropped_uninstalled', state: 'uninstalled', latest_version: null },
    { name: 'base', state: 'installed', latest_version: '17.0.1.3' },
  ];

  it('puts every module of the branch and every installed module missing from it in one category', () => {
    const drift = moduleDrift(branch, rows, new Set(['base']));
    assert.deepEqual(
      drift.map((m) => [m.name, m.drift]),
      [
        ['added', 'new'],
        ['bumped', 'behind'],
        ['dropped', 'removed'],
        ['kept', 'current'],
        ['uninstalled', 'notInstalled'],
        ['upgrading', 'current'],
      ],
    );
    const bumped = drift.find((m) => m.name === 'bumped')!;
    assert.deepEqual(bumped, {
      name: 'bumped',
      drift: 'behind',
      state: 'installed',
      installedVersion: '17.0.1.0',
      branchVersion: '17.0.1.1',
    });
    assert.equal(drift.find((m) => m.name === 'dropped')!.branchVersion, null);
  });
});
