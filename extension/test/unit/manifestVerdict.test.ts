import { strict as assert } from 'node:assert';
import { manifestVerdict, type ManifestFacts } from '../../src/lens/manifestVerdict';

const manifest = (version: string): string =>
  `{'name': 'Demo', 'version': '${version}', 'depends': ['base']}`;
const facts = (change: Partial<ManifestFacts>): ManifestFacts => ({
  current: manifest('1.0.0'),
  deployed: manifest('1.0.0'),
  serie: '17.0',
  changed: [],
  app: { name: 'main', environmentType: 'production', commitSha: 'abcdef1234567890' },
  ...change,
});

describe('manifestVerdict', () => {
  it('says -u will run when the version differs from the deployed one, adapted as Odoo adapts it', () => {
    const verdict = manifestVerdict(facts({ current: manifest('1.1.0'), changed: ['demo/models.py'] }));
    assert.equal(verdict.kind, 'update');
    assert.match(verdict.title, /-u will run: 17\.0\.1\.0\.0 → 17\.0\.1\.1\.0/);
    // `17.0.1.0.0` and `1.0.0` are the same version once adapted: no -u.
    assert.equal(manifestVerdict(facts({ current: manifest('17.0.1.0.0') })).kind, 'unchanged');
  });

  it('warns when files changed but the version did not', () => {
    const verdict = manifestVerdict(facts({ changed: ['demo/views/form.xml'] }));
    assert.equal(verdict.kind, 'unapplied');
    assert.match(verdict.title, /these changes will not be applied to the database on production/);
  });

  it('names a module missing from the deployed commit new, and an unloadable manifest unreadable', () => {
    assert.equal(manifestVerdict(facts({ deployed: undefined })).kind, 'new');
    assert.equal(manifestVerdict(facts({ current: "{'version': " })).kind, 'unreadable');
  });
});
