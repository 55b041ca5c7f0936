import assert from 'node:assert/strict';
import { isAdapterError } from '../../../src/adapters/errors';
import { roleOf } from '../../../src/adapters/archive/layout';
import { neutralizationPlan } from '../../../src/services/backups/neutralize';

describe('archive entry names', () => {
  for (const bad of [
    '/etc/passwd',
    '../x',
    'filestore/../../x',
    'filestore/a/../../b',
    'C:/x',
    'a\\b',
    'filestore//x',
    './x',
    'x\0y',
    '',
  ]) {
    it(`refuses ${JSON.stringify(bad)}`, () => {
      assert.throws(
        () => roleOf(bad, false),
        (e) => isAdapterError(e, 'ARCHIVE_UNSAFE_ENTRY'),
      );
    });
  }
  it('routes the parts of a backup', () => {
    assert.deepEqual(roleOf('manifest.json', false), { kind: 'manifest' });
    assert.deepEqual(roleOf('dump.pgdump', false), { kind: 'dump', format: 'custom' });
    assert.deepEqual(roleOf('dump.sql', false), { kind: 'dump', format: 'plain' });
    assert.deepEqual(roleOf('filestore/ab/abcdef', false), { kind: 'filestore', relative: 'ab/abcdef' });
    assert.deepEqual(roleOf('filestore/ab/', true), { kind: 'directory' });
    assert.deepEqual(roleOf('etc/passwd', false), { kind: 'unknown' });
  });
});

describe('neutralization plan', () => {
  const columns = new Map([
    ['ir_mail_server', new Set(['active'])],
    ['ir_cron', new Set(['active'])],
    ['ir_config_parameter', new Set(['key', 'value'])],
    ['payment_provider', new Set(['state'])],
  ]);
  it('runs only the steps of installed modules whose tables exist', () => {
    const plan = neutralizationPlan(['base'], columns).map((s) => s.what);
    assert.deepEqual(plan, [
      'scheduled actions deactivated',
      'outgoing mail servers deactivated',
      'database flagged as neutralized (database.is_neutralized)',
    ]);
    const withPayment = neutralizationPlan(['base', 'payment'], columns).map((s) => s.module);
    assert.ok(withPayment.includes('payment'));
  });
});
