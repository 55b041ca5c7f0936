import assert from 'node:assert/strict';
import {
  describeProblem,
  resolveModules,
  type ModuleSource,
} from '../../../src/services/apps/manifest/resolveModules';

const IMAGE = new Map([
  ['base', "{'version': '1.3'}"],
  ['web', "{'depends': ['base']}"],
  ['mail', "{'version': '1.15', 'depends': ['base', 'web']}"],
]);

function source(name: string, manifest: string, extra: Partial<ModuleSource> = {}): ModuleSource {
  return { name, file: `${name}/__manifest__.py`, manifest, hasInit: true, ...extra };
}

function problems(sources: ModuleSource[], install: string[] = []): string[] {
  return resolveModules({ sources, image: IMAGE, serie: '17.0', install }).problems.map(describeProblem);
}

describe('resolving a branch’s modules as Odoo would', () => {
  it('resolves dependencies on the branch and the image, with adapted versions at hand', () => {
    const { modules, problems: found } = resolveModules({
      sources: [source('a', "{'version': '1.2.0', 'depends': ['mail']}"), source('b', "{'depends': ['a']}")],
      image: IMAGE,
      serie: '17.0',
      install: ['a', 'b'],
    });
    assert.deepEqual(found, []);
    assert.deepEqual([...modules.keys()].sort(), ['a', 'b', 'base', 'mail', 'web']);
    assert.equal(modules.get('a')?.version, '1.2.0');
    assert.equal(modules.get('base')?.core, true);
  });

  it('names the file and line of a manifest that is not a literal or has a syntax error', () => {
    assert.deepEqual(
      problems([source('x', "{\n  'data': glob('*.xml'),\n}"), source('y', "{\n 'a': 1\n 'b': 2}")]),
      [
        'x/__manifest__.py:2: module x: not a Python literal (ast.literal_eval refuses it): a call of glob() is not a literal',
        "y/__manifest__.py:3: module y: SyntaxError: invalid syntax: expected ',' or '}', found 'b'",
      ],
    );
  });

  it('refuses a dependency cycle, once', () => {
    assert.deepEqual(
      problems([
        source('a', "{'depends': ['b']}"),
        source('b', "{'depends': ['c']}"),
        source('c', "{'depends': ['a', 'base']}"),
      ]),
      ['a/__manifest__.py: module a: dependency cycle: a → b → c → a'],
    );
  });

  it('refuses a module folder without __init__.py', () => {
    const [problem] = problems([source('data_only', '{}', { hasInit: false })]);
    assert.match(problem!, /^data_only\/__manifest__\.py: module data_only: has no __init__\.py/);
  });

  it('refuses a name in two addons paths, and one that shadows the image’s module, naming both', () => {
    assert.deepEqual(
      problems([
        source('dup', '{}'),
        source('dup', '{}', { file: 'https://example.com/shared.git (main): dup/__manifest__.py' }),
        source('web', '{}'),
      ]),
      [
        'https://example.com/shared.git (main): dup/__manifest__.py: module dup: is also in dup/__manifest__.py: Odoo would load only that one (the first addons path)',
        "web/__manifest__.py: module web: has the name of Odoo's own module web, which Odoo would load instead",
      ],
    );
  });

  it('refuses installing a module marked installable: False, and depending on one', () => {
    const off = source('off', "{'installable': False}");
    assert.deepEqual(problems([off]), [], 'a non-installable module nobody installs is fine');
    assert.deepEqual(problems([off, source('user', "{'depends': ['off']}")], ['off', 'user']), [
      'user/__manifest__.py: module user: depends on off, which is marked installable: False (off/__manifest__.py)',
      'off/__manifest__.py: module off: is marked installable: False, and the job would install it',
    ]);
  });

  it('refuses a dependency that exists nowhere', () => {
    assert.deepEqual(problems([source('lost', "{'depends': ['base', 'sale']}")]), [
      'lost/__manifest__.py: module lost: depends on sale, which is in no addons path and not in the image',
    ]);
  });
});
