import assert from 'node:assert/strict';
import { adaptVersion, diffModules, parseManifestVersion } from '../../../src/services/apps/manifests';

describe('module manifests', () => {
  it('read the version the way Odoo reads the manifest dict', () => {
    assert.equal(parseManifestVersion("{\n 'name': 'X',\n 'version': '17.0.1.2.0',\n}"), '17.0.1.2.0');
    assert.equal(parseManifestVersion('{"version": "2.1", "name": "y"}'), '2.1');
    assert.equal(parseManifestVersion("{'name': 'no version'}"), '1.0');
    assert.equal(parseManifestVersion("{\n# 'version': '9.9',\n 'version': '1.1',\n}"), '1.1');
  });

  it('adapt versions to the series like adapt_version()', () => {
    assert.equal(adaptVersion('17.0', '1.0'), '17.0.1.0');
    assert.equal(adaptVersion('17.0', '17.0.1.0'), '17.0.1.0');
    assert.equal(adaptVersion('17.0', '17.0'), '17.0.17.0');
  });

  it('update exactly the modules whose version changed', () => {
    const before = [
      { name: 'a', version: '17.0.1.0' },
      { name: 'b', version: '17.0.1.0' },
      { name: 'gone', version: '17.0.1.0' },
    ];
    const after = [
      { name: 'a', version: '17.0.1.0' },
      { name: 'b', version: '17.0.1.1' },
      { name: 'new', version: '17.0.1.0' },
    ];
    assert.deepEqual(diffModules(before, after), { changed: ['b'], added: ['new'], removed: ['gone'] });
  });
});
