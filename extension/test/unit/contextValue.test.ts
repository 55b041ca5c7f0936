import { strict as assert } from 'node:assert';
import { permissionsOf } from '@paas/protocol';
import { allowedActions, contextValue } from '../../src/views/contextValue';
import { formatBytes, formatPercent } from '../../src/views/format';

describe('permission gating through contextValue', () => {
  const appActions = ['app.open', 'app.deploy', 'app.destroy', 'app.viewLogs'] as const;

  it('lists only the actions the role allows in that environment type', () => {
    assert.deepEqual(allowedActions(permissionsOf('developer'), appActions, 'staging'), [
      'app.open',
      'app.deploy',
      'app.viewLogs',
    ]);
    assert.deepEqual(allowedActions(permissionsOf('developer'), appActions, 'production'), [
      'app.open',
      'app.viewLogs',
    ]);
    assert.deepEqual(allowedActions(permissionsOf('developerPlus'), appActions, 'production'), [
      'app.open',
      'app.deploy',
      'app.viewLogs',
    ]);
    assert.deepEqual(allowedActions(permissionsOf('admin'), appActions, 'production'), [...appActions]);
    assert.deepEqual(allowedActions(permissionsOf('viewer'), appActions, 'development'), [
      'app.open',
      'app.viewLogs',
    ]);
    assert.deepEqual(allowedActions(undefined, appActions), []);
  });

  it('never grants environment-scoped actions without an environment type', () => {
    assert.deepEqual(allowedActions(permissionsOf('owner'), ['app.deploy', 'servers.manage']), [
      'servers.manage',
    ]);
  });

  it('encodes kind, facts and permissions so that when-clause regexes match whole words', () => {
    const value = contextValue('app', { state: 'healthy', env: 'staging', url: undefined }, ['app.deploy']);
    assert.equal(value, 'app state:healthy env:staging can:app.deploy');
    assert.match(value, /\bcan:app\.deploy\b/);
    assert.doesNotMatch(value, /\bcan:app\.destroy\b/);
  });
});

describe('formatting', () => {
  it('formats bytes and percentages for descriptions', () => {
    assert.equal(formatBytes(0), '0 B');
    assert.equal(formatBytes(3.1 * 1024 ** 3), '3.1 GB');
    assert.equal(formatBytes(512 * 1024 ** 2), '512 MB');
    assert.equal(formatBytes(-1), '?');
    assert.equal(formatPercent(41.6), '42%');
    assert.equal(formatPercent(140), '100%');
  });
});
