import assert from 'node:assert/strict';
import {
  containerName,
  databaseName,
  oneShotContainerName,
  snapshotDatabaseName,
} from '../../../src/services/apps/names';

describe('app resource names', () => {
  it('derive container names from project code, environment, app slug and revision', () => {
    assert.equal(containerName('acme', 'production', 'main', 3), 'acme-prod-main-r3');
    assert.equal(containerName('acme', 'development', 'feature-x', 1), 'acme-dev-feature-x-r1');
    assert.equal(oneShotContainerName('acme-dev-a-r1', 'init'), 'acme-dev-a-r1-init');
  });

  it('derive database names that are plain PostgreSQL identifiers', () => {
    assert.equal(databaseName('acme-corp', 'staging', 'feature-x'), 'acme_corp_stag_feature_x');
    assert.match(databaseName('9lives', 'development', 'a'), /^[a-z][a-z0-9_]*$/);
    assert.equal(snapshotDatabaseName('acme_dev_a', 4), 'acme_dev_a_snap_r4');
  });

  it('sanitise anything unexpected into the allowed characters', () => {
    assert.match(containerName('Ac Me!', 'staging', '--x--', 1), /^[a-z][a-z0-9-]*-r1$/);
    assert.match(databaseName('x"; DROP', 'staging', 'y'), /^[a-z0-9_]+$/);
  });

  it('keep long names distinct and within PostgreSQL limits', () => {
    const long = 'a'.repeat(32);
    const one = databaseName(long, 'development', `${'b'.repeat(31)}1`);
    const two = databaseName(long, 'development', `${'b'.repeat(31)}2`);
    assert.ok(one.length <= 50 && two.length <= 50);
    assert.notEqual(one, two);
    assert.ok(snapshotDatabaseName(one, 99999).length <= 63);
  });
});
