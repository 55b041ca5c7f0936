import { strict as assert } from 'node:assert';
import { canonicalRemote, matchByRemote } from '../../src/git/remoteUrl';

const sameRepository = (a: string, b: string): boolean =>
  canonicalRemote(a) !== undefined && canonicalRemote(a) === canonicalRemote(b);

describe('git remote matching', () => {
  it('puts https, ssh, scp-like and .git variants of one repository in one canonical form', () => {
    const forms = [
      'https://github.com/Acme/Odoo-Addons.git',
      'https://github.com/acme/odoo-addons',
      'https://user:secret@github.com/acme/odoo-addons.git/',
      'http://github.com/acme/odoo-addons',
      'ssh://git@github.com/acme/odoo-addons.git',
      'ssh://git@github.com:22/Acme/odoo-addons',
      'git@github.com:acme/odoo-addons.git',
      'git@GitHub.com:Acme/Odoo-Addons',
      'github.com:acme/odoo-addons.git',
      'git://github.com/acme/odoo-addons.git',
    ];
    for (const form of forms) assert.equal(canonicalRemote(form), 'github.com/acme/odoo-addons', form);
  });

  it('keeps the case of local paths and accepts file:// URLs, plain paths and .git folders', () => {
    assert.equal(canonicalRemote('file:///tmp/Repos/app.git'), 'file:/tmp/Repos/app');
    assert.equal(canonicalRemote('/tmp/Repos/app/.git'), 'file:/tmp/Repos/app');
    assert.equal(canonicalRemote('/tmp/Repos/app/'), 'file:/tmp/Repos/app');
    assert.ok(sameRepository('file:///tmp/Repos/app.git', '/tmp/Repos/app.git'));
    assert.ok(!sameRepository('file:///tmp/Repos/app', 'file:///tmp/repos/app'));
  });

  it('tells different repositories and hosts apart', () => {
    assert.ok(!sameRepository('git@github.com:acme/a.git', 'git@github.com:acme/b.git'));
    assert.ok(!sameRepository('https://gitlab.com/acme/a', 'https://github.com/acme/a'));
    assert.ok(!sameRepository('https://github.com/acme/a', 'https://github.com/acme/a/b'));
  });

  it('refuses what is not a Git URL', () => {
    for (const text of ['', '   ', 'ftp://host/repo', 'https://host/', 'not a url', 'ext::sh -c x'])
      assert.equal(canonicalRemote(text), undefined, text);
  });

  it('matches projects by remote, origin first', () => {
    const projects = [
      { id: 'p1', registry: 'https://github.com/acme/one.git' },
      { id: 'p2', registry: 'git@github.com:acme/two.git' },
    ];
    const remotes = [
      { name: 'fork', url: 'https://github.com/acme/one' },
      { name: 'origin', url: 'ssh://git@github.com/Acme/two' },
    ];
    const match = matchByRemote(projects, (p) => p.registry, remotes);
    assert.equal(match?.item.id, 'p2');
    assert.equal(match?.remote.name, 'origin');
    assert.equal(
      matchByRemote(projects, (p) => p.registry, [{ name: 'origin', url: 'https://x.org/y' }]),
      undefined,
    );
  });
});
