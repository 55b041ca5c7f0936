import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { STANDIN_DIR } from '../../src/testkit/paths';

// The stand-in server is plain CommonJS (it runs in a FROM scratch image with
// only node and pg), so its pure parts are loaded as they ship.
interface StandinConfig {
  dbHost: string;
  dbPort: number;
  dbUser: string;
  dbPassword: string | undefined;
  dbName: string;
  addonsPaths: string[];
  dataDir: string;
  httpPort: number;
  stopAfterInit: boolean;
  init: string[];
  update: string[];
  httpEnable: boolean;
  warnings: string[];
  command: string;
  version: boolean;
  toStdout: boolean;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const config = require(path.join(STANDIN_DIR, 'lib/config.js')) as {
  loadConfig(argv: string[], env: Record<string, string>): StandinConfig;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const addons = require(path.join(STANDIN_DIR, 'lib/addons.js')) as {
  adaptVersion(serie: string, version: string): string;
  scanAddons(
    paths: string[],
    log: { warning(name: string, message: string): void },
    serie: string,
  ): Map<string, { version: string; installable: boolean; depends: string[]; manifestError?: Error }>;
  withDependencies(modules: Map<string, unknown>, names: string[]): { ordered: string[]; unmet: string[] };
};

function tempRc(text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paastest-rc-'));
  const file = path.join(dir, 'odoo.conf');
  fs.writeFileSync(file, text);
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return file;
}

describe('stand-in odoo: configuration', () => {
  it('reads Odoo options, the first "odoo" argument skipped', () => {
    const c = config.loadConfig(
      [
        'odoo',
        '-d',
        'db1',
        '-i',
        'base,sale',
        '--stop-after-init',
        '--addons-path=/a, /b',
        '-p',
        '9000',
        '--data-dir',
        '/d',
        '--no-http',
      ],
      {},
    );
    assert.equal(c.dbName, 'db1');
    assert.deepEqual(c.init, ['base', 'sale']);
    assert.equal(c.stopAfterInit, true);
    assert.deepEqual(c.addonsPaths, ['/a', '/b']);
    assert.equal(c.httpPort, 9000);
    assert.equal(c.dataDir, '/d');
    assert.equal(c.httpEnable, false);
  });

  it('takes db settings from $ODOO_RC, then HOST/PORT/USER/PASSWORD, then the image defaults', () => {
    const rc = tempRc(
      '[options]\ndb_host = /var/run/postgresql\ndb_name = fromfile\ndata_dir = /var/lib/odoo\n',
    );
    const c = config.loadConfig(['odoo'], { ODOO_RC: rc, HOST: 'ignored', USER: 'u1', PASSWORD: 'p1' });
    assert.equal(c.dbHost, '/var/run/postgresql');
    assert.equal(c.dbUser, 'u1');
    assert.equal(c.dbPassword, 'p1');
    assert.equal(c.dbName, 'fromfile');
    const d = config.loadConfig([], {});
    assert.deepEqual([d.dbHost, d.dbPort, d.dbUser, d.dbPassword], ['db', 5432, 'odoo', 'odoo']);
  });

  it('lets the entrypoint db arguments win over the command line, as the official image does, and warns', () => {
    const c = config.loadConfig(['odoo', '--db_host', 'cli-host', '-r', 'cli-user'], {
      HOST: 'env-host',
      USER: 'env-user',
    });
    assert.equal(c.dbHost, 'env-host');
    assert.equal(c.dbUser, 'env-user');
    assert.equal(c.warnings.length, 2);
  });

  it('warns that db settings of a -c file lose to the entrypoint, without showing the password', () => {
    const rc = tempRc('[options]\ndb_host = /var/run/postgresql\ndb_password = s3cret\n');
    const c = config.loadConfig(['odoo', '-c', rc], {});
    assert.equal(c.dbHost, 'db');
    assert.equal(c.warnings.length, 2);
    assert.ok(!c.warnings.join('\n').includes('s3cret'));
  });

  it('rejects unknown options like optparse, and other programs with 127', () => {
    assert.throws(() => config.loadConfig(['odoo', '--no-such'], {}), /no such option: --no-such/);
    assert.throws(
      () => config.loadConfig(['bash'], {}),
      (err: Error & { exitCode?: number }) => err.exitCode === 127,
    );
  });
});

describe('stand-in odoo: commands (odoo/cli/command.py)', () => {
  it('reads a first argument that is not an option as the command, server when there is none', () => {
    const neutralize = config.loadConfig(['odoo', 'neutralize', '-d', 'copy', '--stdout'], {});
    assert.equal(neutralize.command, 'neutralize');
    assert.equal(neutralize.dbName, 'copy');
    assert.equal(neutralize.toStdout, true);
    const server = config.loadConfig(['odoo', '-d', 'live'], {});
    assert.equal(server.command, 'server');
    assert.equal(server.toStdout, false);
    assert.equal(config.loadConfig(['odoo', '--version'], {}).version, true);
  });
});

describe('stand-in odoo: modules', () => {
  it('prefixes the series like Odoo adapt_version()', () => {
    assert.equal(addons.adaptVersion('17.0', '1.0.0'), '17.0.1.0.0');
    assert.equal(addons.adaptVersion('17.0', '17.0.1.0.0'), '17.0.1.0.0');
    assert.equal(addons.adaptVersion('17.0', '17.0'), '17.0.17.0');
  });

  it('reads manifests as literals, keeps what Odoo cannot load, and leaves out unmet dependencies', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paastest-addons-'));
    after(() => fs.rmSync(dir, { recursive: true, force: true }));
    const manifests: Record<string, string> = {
      good: "{\n  'name': 'X',\n  \"version\": '2.0.1',\n  'depends': ['base', \"web\"],\n}",
      off: "{'version': '1.0', 'installable': False}",
      broken: "{\n  'version': '1.0'\n  'depends': []\n}",
      orphan: "{'depends': ['good', 'nowhere']}",
      needs_off: "{'depends': ['off']}",
    };
    for (const [name, text] of Object.entries(manifests)) {
      fs.mkdirSync(path.join(dir, name));
      fs.writeFileSync(path.join(dir, name, '__manifest__.py'), text);
    }
    const modules = addons.scanAddons([dir], { warning: () => undefined }, '17.0');
    const good = modules.get('good')!;
    assert.deepEqual([good.version, good.installable, good.depends], ['2.0.1', true, ['base', 'web']]);
    assert.equal(good.manifestError, undefined);
    assert.equal(modules.get('off')?.installable, false);
    assert.match(String(modules.get('broken')?.manifestError), /SyntaxError/);
    // base and web live in the image, not in this test's addons path.
    const { ordered, unmet } = addons.withDependencies(modules, ['orphan', 'needs_off', 'broken']);
    assert.deepEqual(ordered, ['broken']);
    assert.deepEqual(unmet.sort(), ['good', 'needs_off', 'off', 'orphan']);
  });
});
