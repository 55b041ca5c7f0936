import assert from 'node:assert/strict';
import type { AppRecord } from '../../../src/store/apps';
import { containerSpec, oneShotLabels } from '../../../src/services/apps/containerSpec';

describe('the containers of a revision', () => {
  it("run as the app uid with LOGNAME set, so Odoo's getpass.getuser() needs no passwd entry, and no USER", () => {
    const spec = containerSpec({
      name: 'c',
      image: 'odoo:17.0',
      cmd: ['odoo'],
      labels: oneShotLabels('server', { projectId: 'p' } as AppRecord),
      mounts: { sourceDir: '/s', sharedDirs: [], configFile: '/c', dataDir: '/d', socketDir: null },
      settings: {
        publishAddress: '127.0.0.1',
        appUid: 1001,
        appCpus: 1,
        appMemoryMb: 512,
        healthPath: '/web/health',
        healthTimeoutMs: 1000,
        initTimeoutMs: 1000,
      },
    });
    assert.equal(spec.user, '1001:1001');
    assert.ok(spec.env?.includes('LOGNAME=odoo'));
    // The official entrypoint reads USER as the database user.
    assert.ok(!spec.env?.some((e) => e.startsWith('USER=')));
  });
});
