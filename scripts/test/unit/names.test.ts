import * as assert from 'node:assert/strict';
import { RUN_ID, TEST_NAME_PREFIX, sanitizeName, testLabels, uniqueName } from '../../src/testkit/names';

// Valid as a Docker container/volume name and as an unquoted PostgreSQL identifier.
const SAFE = /^[a-z_][a-z0-9_]{0,62}$/;

describe('testkit names', () => {
  it('lowercases and folds unsafe characters into one underscore', () => {
    assert.equal(sanitizeName('My App/feature-X.1'), 'my_app_feature_x_1');
    assert.equal(sanitizeName('--a  b--'), 'a_b');
  });

  it('never returns an empty name or one starting with a digit', () => {
    assert.equal(sanitizeName('***'), 'x');
    assert.equal(sanitizeName(''), 'x');
    assert.equal(sanitizeName('17.0'), 'x17_0');
  });

  it('makes unique, prefixed, safe names', () => {
    const a = uniqueName('Odoo Web');
    const b = uniqueName('Odoo Web');
    assert.notEqual(a, b);
    assert.ok(a.startsWith(`${TEST_NAME_PREFIX}odoo_web_`));
    assert.ok(a.includes(RUN_ID));
    assert.match(a, SAFE);
  });

  it('cuts a long prefix, never the unique suffix', () => {
    const name = uniqueName('x'.repeat(200), 'run1');
    assert.ok(name.length <= 63, name);
    assert.match(name, /_run1_\d+$/);
    assert.match(name, SAFE);
  });

  it('labels with the run id', () => {
    assert.deepEqual(testLabels('abc'), { 'paas.test': 'abc' });
  });
});
