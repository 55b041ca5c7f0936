import assert from 'node:assert/strict';
import { moduleCommand, renderOdooConfig, serverCommand } from '../../../src/services/apps/odooConfig';

const SETTINGS = {
  dbHost: '/var/run/postgresql',
  dbPort: 5432,
  dbUser: 'acme_dev_main',
  dbPassword: 'secret',
  dbName: 'acme_dev_main',
  addonsPaths: ['/mnt/extra-addons', '/mnt/shared-addons/0'],
  adminPassword: 'master',
  odooVersion: '17.0',
};

describe('odoo.conf and commands', () => {
  it('puts the database settings where the official entrypoint reads them', () => {
    const text = renderOdooConfig(SETTINGS);
    assert.match(text, /^\[options\]$/m);
    for (const line of [
      'db_host = /var/run/postgresql',
      'db_user = acme_dev_main',
      'db_password = secret',
      'list_db = False',
      'dbfilter = ^acme_dev_main$',
      'addons_path = /mnt/extra-addons,/mnt/shared-addons/0',
      'data_dir = /var/lib/odoo',
      'proxy_mode = True',
      'without_demo = all',
    ]) {
      assert.ok(text.includes(`${line}\n`), line);
    }
    assert.ok(!renderOdooConfig({ ...SETTINGS, odooVersion: '19.0' }).includes('without_demo'));
  });

  it('loads OCA queue_job server-wide with its channels only when asked', () => {
    assert.ok(!renderOdooConfig(SETTINGS).includes('queue_job'));
    const text = renderOdooConfig({ ...SETTINGS, queueJobChannels: 'root:2' });
    assert.match(text, /^\[options\]\n(?:[^[].*\n)*server_wide_modules = base,web,queue_job\n/m);
    assert.match(text, /^\[queue_job\]\nchannels = root:2\n$/m);
    assert.ok(!/^workers/m.test(text), 'the runner runs as a thread of the threaded server');
  });

  it('refuses values that would add config lines', () => {
    assert.throws(() => renderOdooConfig({ ...SETTINGS, addonsPaths: ['/a\nadmin_passwd = x'] }));
  });

  it('builds the server and one-shot module commands', () => {
    assert.deepEqual(serverCommand('db'), [
      'odoo',
      '-c',
      '/etc/odoo/odoo.conf',
      '-d',
      'db',
      '--no-database-list',
    ]);
    assert.deepEqual(moduleCommand('db', { install: ['base'], update: ['a', 'b'] }), [
      'odoo',
      '-c',
      '/etc/odoo/odoo.conf',
      '-d',
      'db',
      '-i',
      'base',
      '-u',
      'a,b',
      '--stop-after-init',
      '--no-http',
    ]);
  });
});
