import assert from 'node:assert/strict';
import { adaptVersion, ManifestError, readManifest } from '@paas/protocol';
import { diffModules, moduleVersions } from '../../../src/services/apps/manifests';

function manifestError(text: string): ManifestError {
  try {
    readManifest(text, '17.0');
  } catch (error) {
    assert.ok(error instanceof ManifestError, String(error));
    return error;
  }
  assert.fail(`accepted: ${text}`);
}

describe('module manifests', () => {
  it('read version, depends and installable the way load_manifest() does, with its defaults', () => {
    const text =
      "# -*- coding: utf-8 -*-\n{\n 'name': 'X',\n 'version': '17.0.1.2.0',\n 'depends': ['base', 'mail'],\n}";
    assert.deepEqual(readManifest(text, '17.0'), {
      version: '17.0.1.2.0',
      depends: ['base', 'mail'],
      installable: true,
    });
    assert.deepEqual(readManifest("{'name': 'no version', 'installable': False}", '17.0'), {
      version: '1.0',
      depends: [],
      installable: false,
    });
    assert.equal(readManifest("{\n# 'version': '9.9',\n 'version': '1.1',\n}", '17.0').version, '1.1');
    assert.deepEqual(readManifest("{'depends': ('base',), 'installable': 0}", '17.0').depends, ['base']);
  });

  it('refuse what Odoo cannot load, with the line', () => {
    const call = manifestError("{\n  'name': 'x',\n  'data': glob('*.xml'),\n}");
    assert.equal(call.line, 3);
    assert.match(call.message, /not a Python literal.*call of glob/);
    const syntax = manifestError("{\n  'name': 'x'\n  'version': '1.0',\n}");
    assert.equal(syntax.line, 3);
    assert.match(syntax.message, /SyntaxError/);
    assert.match(manifestError("['not', 'a', 'dict']").message, /not a dict/);
    assert.match(manifestError("{'version': '1.0a'}").message, /invalid version '1\.0a'/);
    assert.match(manifestError("{'depends': 'base'}").message, /'depends' must be a list/);
    // adapt_version() is not enforced for a module that is not installable.
    assert.equal(readManifest("{'version': 'x', 'installable': False}", '17.0').version, 'x');
  });

  it('gives an unreadable manifest of an older revision no version, so it counts as changed', () => {
    assert.deepEqual(
      moduleVersions(
        [
          { name: 'a', manifest: '{' },
          { name: 'b', manifest: '{}' },
        ],
        '17.0',
      ),
      [
        { name: 'a', version: '' },
        { name: 'b', version: '17.0.1.0' },
      ],
    );
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
