import { strict as assert } from 'node:assert';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chownSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { get } from 'node:https';
import { join } from 'node:path';
import { makeTempDir, registerCleanup, RUN_ID, sanitizeName, SCRIPTS_DIR } from '../../src/testkit';
import { TestClient } from '../../src/testClient';

const INSTALLER = join(SCRIPTS_DIR, 'install-agent.sh');
/** The flags of the first install; the second run repeats them to show they make no second owner. */
const firstInstall = [
  '--listen',
  '127.0.0.1:0',
  '--owner-email',
  'owner@example.com',
  '--owner-name',
  'Owner',
];
const TOKEN_LINE = /^ {2}Owner token {2}(paas_\S+)$/m;

interface Outcome {
  status: number | null;
  stdout: string;
  stderr: string;
}

function runInstaller(args: readonly string[]): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [INSTALLER, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (status) => resolve({ status, stdout, stderr }));
  });
}

function succeeded(outcome: Outcome): Outcome {
  assert.equal(outcome.status, 0, `the installer failed:\n${outcome.stdout}\n${outcome.stderr}`);
  return outcome;
}

/** The status of GET /healthz over TLS (the agent's certificate is self-signed). */
function healthz(port: number): Promise<number | undefined> {
  return new Promise((resolve, reject) =>
    get({ host: '127.0.0.1', port, path: '/healthz', rejectUnauthorized: false }, (response) => {
      response.resume();
      resolve(response.statusCode);
    }).on('error', reject),
  );
}

function userExists(user: string): boolean {
  return spawnSync('id', ['-u', user]).status === 0;
}

function idOf(user: string, flag: '-u' | '-g'): number {
  return Number(execFileSync('id', [flag, user], { encoding: 'utf8' }).trim());
}

/**
 * Mode, owner, inode, and for a file its modification time and content: equal snapshots mean the installer
 * touched nothing. (A directory's mtime is left out: reading the store creates and removes its WAL files.)
 */
function snapshotOf(path: string): string {
  const stat = statSync(path);
  const base = `${(stat.mode & 0o7777).toString(8)} ${stat.uid}:${stat.gid} ${stat.ino}`;
  if (!stat.isFile()) return base;
  return `${base} ${stat.mtimeMs} ${createHash('sha256').update(readFileSync(path)).digest('hex')}`;
}

/** Starts the installed agent by hand as the service account; resolves once it listens. */
async function startInstalled(user: string, prefix: string, config: string) {
  const command = [process.execPath, `${prefix}/agent/bin/paas-agent`, 'serve', '--config', config];
  const child = spawn('runuser', ['-u', user, '--', ...command], {
    cwd: '/',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const closed = new Promise<number | null>((resolve) => child.once('close', resolve));
  let output = '';
  const listening = await new Promise<{ url: string; port: number; fingerprint: string }>(
    (resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const line = output.split('\n').find((l) => l.includes('"agent listening"'));
        if (line) resolve(JSON.parse(line) as { url: string; port: number; fingerprint: string });
      });
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      void closed.then((code) => reject(new Error(`the agent exited with ${code}:\n${output}`)));
      setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`the agent did not listen within 30 s:\n${output}`));
      }, 30_000).unref();
    },
  );
  return {
    ...listening,
    /** SIGTERM to runuser, which passes it on, waits for the agent and then dies of the same signal. */
    async stop(): Promise<void> {
      child.kill('SIGTERM');
      await closed;
    },
  };
}

describe('scripts/install-agent.sh', function () {
  this.timeout(300_000);
  const user = `paastest_${sanitizeName(RUN_ID).slice(0, 20)}`;
  let root: string;
  let prefix: string;
  let dataDir: string;
  let config: string;
  let unit: string;
  let common: string[];
  let token: string;
  let fingerprint: string;

  before(async function () {
    if (process.getuid?.() !== 0) this.skip();
    root = await makeTempDir('install-agent');
    [prefix, dataDir, config] = [join(root, 'opt'), join(root, 'data'), join(root, 'etc', 'config.json')];
    unit = join(root, 'systemd', 'paas-agent.service');
    common = ['--prefix', prefix, '--data-dir', dataDir, '--config', config];
    common.push('--systemd-dir', join(root, 'systemd'), '--user', user, '--no-start');
    // Last resort when a test fails half-way: the account must not outlive the run.
    registerCleanup(() => {
      if (userExists(user)) execFileSync('userdel', [user]);
    }, `remove the account ${user}`);
  });

  it('refuses bad input and a first install without an owner, changing nothing', async () => {
    for (const args of [['--listen', 'nowhere'], ['--purge'], ['--prefix', 'relative'], []]) {
      const outcome = await runInstaller([...common, ...args]);
      assert.equal(outcome.status, 2, `${args.join(' ')}: ${outcome.stderr}`);
      assert.match(outcome.stderr, /^install-agent: /m);
    }
    assert.ok(!existsSync(prefix) && !existsSync(dataDir) && !existsSync(config), 'nothing was written');
    assert.ok(!userExists(user), 'no account was made');
  });

  it('installs a self-contained agent, its account, config and unit, and prints an owner token', async () => {
    const outcome = succeeded(await runInstaller([...common, ...firstInstall]));
    token = TOKEN_LINE.exec(outcome.stdout)?.[1] ?? assert.fail(`no owner token in:\n${outcome.stdout}`);
    fingerprint = /Certificate {2}SHA-256 (\S+)/.exec(outcome.stdout)?.[1] ?? assert.fail('no fingerprint');
    const version = execFileSync(process.execPath, [`${prefix}/agent/bin/paas-agent`, 'version'], {
      encoding: 'utf8',
    });
    const expected = (
      JSON.parse(readFileSync(join(SCRIPTS_DIR, '..', 'agent', 'package.json'), 'utf8')) as {
        version: string;
      }
    ).version;
    assert.equal(version.trim(), expected);
    assert.ok(existsSync(join(prefix, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node')));
    for (const devOnly of ['typescript', 'mocha', 'eslint'])
      assert.ok(!existsSync(join(prefix, 'node_modules', devOnly)), `${devOnly} is not in the prefix`);

    assert.deepEqual(JSON.parse(readFileSync(config, 'utf8')), { dataDir, host: '127.0.0.1', port: 0 });
    const configStat = statSync(config);
    assert.deepEqual([configStat.mode & 0o777, configStat.uid, configStat.gid], [0o640, 0, idOf(user, '-g')]);
    const unitText = readFileSync(unit, 'utf8');
    assert.equal(statSync(unit).mode & 0o777, 0o644);
    for (const line of [
      'Type=simple',
      `User=${user}`,
      `ExecStart=${process.execPath} ${prefix}/agent/bin/paas-agent serve --config ${config}`,
      'Restart=on-failure',
      'Environment=NODE_ENV=production',
      `ReadWritePaths=${dataDir}`,
      'ProtectSystem=strict',
      'NoNewPrivileges=yes',
    ])
      assert.ok(unitText.split('\n').includes(line), `the unit has "${line}"`);

    const dataStat = statSync(dataDir);
    assert.deepEqual([dataStat.mode & 0o777, dataStat.uid], [0o700, idOf(user, '-u')]);
    assert.match(execFileSync('id', ['-nG', user], { encoding: 'utf8' }), /\bdocker\b/);
    const passwd = execFileSync('getent', ['passwd', user], { encoding: 'utf8' }).trim().split(':');
    assert.deepEqual(passwd.slice(5), [dataDir, '/usr/sbin/nologin']);
  });

  it('writes a unit that systemd-analyze verify accepts without a warning', function () {
    const analyze = spawnSync('systemd-analyze', ['verify', unit], { encoding: 'utf8' });
    if (analyze.error) {
      console.log('      systemd-analyze is not installed (Debian package systemd): unit not verified');
      this.skip();
    }
    assert.equal(analyze.status, 0, analyze.stderr);
    assert.equal(analyze.stderr.trim(), '', 'no warnings');
  });

  it('runs by hand as the service account: /healthz answers and the owner token authenticates', async () => {
    const agent = await startInstalled(user, prefix, config);
    try {
      assert.equal(agent.fingerprint, fingerprint, 'the printed fingerprint is the served certificate');
      assert.equal(await healthz(agent.port), 200);
      const client = await TestClient.open(agent.url, token);
      await client.close();
    } finally {
      await agent.stop();
    }
  });

  it('changes nothing on a second run and prints no new token', async () => {
    const watched = [config, unit, dataDir, prefix, join(prefix, 'agent/bin/paas-agent')];
    const before = watched.map(snapshotOf);
    const outcome = succeeded(await runInstaller([...common, ...firstInstall]));
    assert.doesNotMatch(outcome.stdout, /Owner token/);
    assert.match(outcome.stdout, /Nothing changed/);
    assert.deepEqual(watched.map(snapshotOf), before);
  });

  it("--uninstall keeps the data; a new install hands the old account's files to the new one", async () => {
    const outcome = succeeded(await runInstaller([...common, '--uninstall']));
    assert.match(outcome.stdout, /Uninstalled/);
    assert.ok(!existsSync(prefix) && !existsSync(unit) && !userExists(user));
    assert.ok(existsSync(join(dataDir, 'agent.sqlite')) && existsSync(config), 'data and config are kept');
    // As if the account came back with another id; a container's file (uid 1001) must stay its own.
    execFileSync('chown', ['-R', '54321:54321', dataDir]);
    writeFileSync(join(dataDir, 'container-file'), '');
    chownSync(join(dataDir, 'container-file'), 1001, 1001);
    succeeded(await runInstaller(common));
    assert.equal(statSync(join(dataDir, 'agent.sqlite')).uid, idOf(user, '-u'));
    assert.equal(statSync(join(dataDir, 'tls', 'key.pem')).gid, idOf(user, '-g'));
    assert.equal(statSync(join(dataDir, 'container-file')).uid, 1001);
  });

  it('--uninstall --purge removes the data directory and the config too', async () => {
    succeeded(await runInstaller([...common, '--uninstall', '--purge']));
    for (const path of [prefix, unit, dataDir, config]) assert.ok(!existsSync(path), `${path} is gone`);
    assert.ok(!userExists(user));
    assert.match(succeeded(await runInstaller([...common, '--uninstall'])).stdout, /Nothing to uninstall/);
  });
});
