import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type Docker from 'dockerode';
import {
  RUN_ID,
  STANDIN_ENV,
  STANDIN_UID,
  buildStandinImage,
  createTempDatabase,
  createTempRepo,
  createTempRole,
  dockerClient,
  ensureServices,
  httpRequest,
  makeTempDir,
  publishedPort,
  readContainerLogs,
  registerCleanup,
  removeTestContainers,
  run,
  runCleanups,
  testLabels,
  uniqueName,
  waitForExit,
  waitHttp,
  withAdminClient,
  writeFiles,
  type TempRepo,
  type TempRole,
} from '../../src/testkit';

const SOCKET_DIR = '/var/run/postgresql';

interface StandinRun {
  readonly addonsDir: string;
  readonly dataDir?: string;
  readonly cmd: string[];
  readonly publish?: boolean;
  /** Replaces the agent's run-as variables (LOGNAME). */
  readonly runAsEnv?: string[];
}

describe('testkit against the real Docker engine, PostgreSQL and git', function () {
  let docker: Docker;
  let image: string;
  let role: TempRole;
  let database: string;
  let repo: TempRepo;

  /** A stand-in container as the agent will run one: init, socket dir, uid 1001, localhost port. */
  async function startStandin(spec: StandinRun): Promise<Docker.Container> {
    const binds = [`${SOCKET_DIR}:${SOCKET_DIR}:ro`, `${spec.addonsDir}:/mnt/extra-addons:ro`];
    if (spec.dataDir) binds.push(`${spec.dataDir}:/var/lib/odoo`);
    const container = await docker.createContainer({
      name: uniqueName('odoo'),
      Image: image,
      Cmd: spec.cmd,
      User: `${STANDIN_UID}:${STANDIN_UID}`,
      Env: [
        `HOST=${SOCKET_DIR}`,
        'PORT=5432',
        `USER=${role.name}`,
        `PASSWORD=${role.password}`,
        ...(spec.runAsEnv ?? STANDIN_ENV),
      ],
      Labels: testLabels(),
      ExposedPorts: { '8069/tcp': {} },
      HostConfig: {
        Init: true,
        Binds: binds,
        PortBindings: spec.publish ? { '8069/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }] } : {},
      },
    });
    registerCleanup(
      () => container.remove({ force: true, v: true }).catch(() => undefined),
      'remove container',
    );
    await container.start();
    return container;
  }

  before(async function () {
    this.timeout(300_000); // a fresh machine installs packages here
    const services = await ensureServices();
    docker = dockerClient(services.docker.socketPath);
    image = await buildStandinImage('17.0');
    role = await createTempRole();
    database = await createTempDatabase({ owner: role.name });
    repo = await createTempRepo({
      addons: { paas_demo: { version: '1.2.0' }, paas_extra: { version: '0.1.0', depends: ['paas_demo'] } },
      branches: ['staging', 'feature-x'],
    });
  });

  after(async function () {
    this.timeout(60_000);
    await runCleanups();
    // Nothing of this run may survive the cleanup.
    const left = await docker.listContainers({ all: true, filters: { label: [`paas.test=${RUN_ID}`] } });
    assert.equal(left.length, 0, 'containers left behind');
    assert.equal(await removeTestContainers(RUN_ID), 0);
  });

  describe('a running stand-in Odoo', () => {
    let container: Docker.Container;
    let baseUrl: string;
    let dataDir: string;

    before(async function () {
      this.timeout(60_000);
      dataDir = await makeTempDir('data');
      await fs.chown(dataDir, STANDIN_UID, STANDIN_UID); // the container writes as uid 1001
      // The agent records the deployed commit; the stand-in reports it back.
      await writeFiles(repo.workDir, { 'paas_demo/PAAS_REVISION': await repo.head() });
      container = await startStandin({
        addonsDir: repo.workDir,
        dataDir,
        cmd: ['odoo', '-d', database, '-i', 'base,paas_extra'],
        publish: true,
      });
      baseUrl = `http://127.0.0.1:${await publishedPort(container, '8069/tcp')}`;
      await waitHttp(`${baseUrl}/web/health`, 30_000);
    });

    it('answers /web/health like Odoo 17+', async () => {
      const res = await httpRequest(`${baseUrl}/web/health`);
      assert.equal(res.status, 200);
      assert.deepEqual(JSON.parse(res.body), { status: 'pass' });
      const withDb = await httpRequest(`${baseUrl}/web/health?db_server_status=1`);
      assert.deepEqual(JSON.parse(withDb.body), { status: 'pass', db_server_status: true });
    });

    it('installed base and the requested modules with their dependencies', async () => {
      const rows = await withAdminClient(async (c) => {
        const modules = await c.query<{ name: string; state: string; latest_version: string | null }>(
          "SELECT name, state, latest_version FROM ir_module_module WHERE state = 'installed' ORDER BY name",
        );
        const uuid = await c.query("SELECT value FROM ir_config_parameter WHERE key = 'database.uuid'");
        assert.equal(uuid.rowCount, 1);
        return modules.rows;
      }, database);
      assert.deepEqual(rows, [
        { name: 'base', state: 'installed', latest_version: '17.0.1.3' },
        { name: 'paas_demo', state: 'installed', latest_version: '17.0.1.2.0' },
        { name: 'paas_extra', state: 'installed', latest_version: '17.0.0.1.0' },
      ]);
    });

    it('stores an attachment in the filestore on the host', async () => {
      const content = `attachment ${RUN_ID}`;
      const res = await httpRequest(`${baseUrl}/paas-test/attachment?name=a.txt`, {
        method: 'POST',
        body: content,
      });
      assert.equal(res.status, 200, res.body);
      const { checksum } = JSON.parse(res.body) as { checksum: string };
      const file = path.join(dataDir, 'filestore', database, checksum.slice(0, 2), checksum);
      assert.equal(await fs.readFile(file, 'utf8'), content);
      assert.equal((await fs.stat(file)).uid, STANDIN_UID);
      const state = JSON.parse((await httpRequest(`${baseUrl}/paas-test/state`)).body) as Record<
        string,
        unknown
      >;
      assert.equal(state['attachments'], 1);
      assert.equal(state['revision'], await repo.head());
      assert.equal(state['version'], '17.0');
    });

    it('logs in Odoo format', async () => {
      const logs = await readContainerLogs(container);
      assert.match(logs, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} \d+ INFO \? odoo: Odoo version 17\.0/m);
      assert.match(logs, new RegExp(` INFO ${database} odoo\\.modules\\.loading: Modules loaded\\.`));
    });

    it('stops on SIGTERM in under 2 s with exit code 0', async function () {
      this.timeout(15_000);
      const started = Date.now();
      await container.kill({ signal: 'SIGTERM' });
      const code = await waitForExit(container, 10_000);
      const elapsed = Date.now() - started;
      assert.equal(code, 0);
      assert.ok(elapsed < 2000, `took ${elapsed} ms`);
    });
  });

  it('crashes like Odoo as a uid without a passwd entry when LOGNAME is not set (getpass.getuser)', async function () {
    this.timeout(30_000);
    const addonsDir = await makeTempDir('addons');
    // Without USER too: the entrypoint's USER is a database setting getpass would otherwise take.
    const container = await docker.createContainer({
      name: uniqueName('odoo'),
      Image: image,
      Cmd: ['odoo', '--version'],
      User: `${STANDIN_UID}:${STANDIN_UID}`,
      Labels: testLabels(),
      HostConfig: { Init: true, Binds: [`${addonsDir}:/mnt/extra-addons:ro`] },
    });
    registerCleanup(() => container.remove({ force: true, v: true }).catch(() => undefined), 'remove');
    await container.start();
    assert.equal(await waitForExit(container, 20_000), 1);
    const logs = await readContainerLogs(container);
    assert.match(logs, /in check_root_user\n {4}if getpass\.getuser\(\) == 'root':/);
    assert.match(logs, /\nKeyError: 'getpwuid\(\): uid not found: 1001'\n?$/);
    assert.doesNotMatch(logs, / INFO /, 'nothing logged before the crash');
  });

  it('exits non-zero with an ERROR traceback when an addon has STANDIN_FAIL_START', async function () {
    this.timeout(30_000);
    const addonsDir = await makeTempDir('addons');
    await writeFiles(addonsDir, {
      'broken/__manifest__.py': "{'name': 'broken', 'version': '1.0.0', 'depends': ['base']}\n",
      'broken/STANDIN_FAIL_START': '',
    });
    const container = await startStandin({ addonsDir, cmd: ['odoo', '-d', database], publish: true });
    assert.equal(await waitForExit(container, 20_000), 1);
    const logs = await readContainerLogs(container);
    assert.match(logs, / ERROR \? odoo\.modules\.module: Couldn't load module broken/);
    assert.match(logs, /\nTraceback \(most recent call last\):\n {2}File "/);
    assert.match(logs, /\n {2}File "\/mnt\/extra-addons\/broken\/models\/models\.py", line \d+, in /);
  });

  it('delays listening for STANDIN_SLOW_START and logs STANDIN_LOG_WARNINGS lines', async function () {
    this.timeout(30_000);
    const addonsDir = await makeTempDir('addons');
    await writeFiles(addonsDir, {
      'noisy/__manifest__.py': "{'name': 'noisy', 'version': '1.0.0'}\n",
      'noisy/STANDIN_SLOW_START': '1000',
      'noisy/STANDIN_LOG_WARNINGS': '3',
    });
    const started = Date.now();
    const container = await startStandin({ addonsDir, cmd: ['odoo', '--no-database-list'], publish: true });
    await waitHttp(`http://127.0.0.1:${await publishedPort(container, '8069/tcp')}/web/health`, 20_000);
    assert.ok(Date.now() - started >= 1000, 'answered before the delay');
    const warnings = (await readContainerLogs(container))
      .split('\n')
      .filter((l) => / WARNING \? odoo\.addons\.noisy\./.test(l));
    assert.equal(warnings.length, 3);
  });

  it('fails -u of a module with STANDIN_FAIL_UPDATE and keeps its version', async function () {
    this.timeout(30_000);
    const own = await createTempDatabase({ owner: role.name });
    const addonsDir = await makeTempDir('addons');
    await writeFiles(addonsDir, { 'paas_demo/__manifest__.py': "{'name': 'd', 'version': '1.2.0'}\n" });
    const install = await startStandin({
      addonsDir,
      cmd: ['odoo', '-d', own, '-i', 'paas_demo', '--stop-after-init'],
    });
    assert.equal(await waitForExit(install, 20_000), 0);
    await writeFiles(addonsDir, {
      'paas_demo/__manifest__.py': "{'name': 'd', 'version': '1.3.0'}\n",
      'paas_demo/STANDIN_FAIL_UPDATE': '',
    });
    const update = await startStandin({
      addonsDir,
      cmd: ['odoo', '-d', own, '-u', 'paas_demo', '--stop-after-init'],
    });
    assert.equal(await waitForExit(update, 20_000), 255, 'preload_registries() returns -1');
    assert.match(
      await readContainerLogs(update),
      / ERROR \S+ odoo\.modules\.registry: Failed to load registry\nTraceback/,
    );
    const { rows } = await withAdminClient(
      (c) => c.query("SELECT latest_version FROM ir_module_module WHERE name = 'paas_demo'"),
      own,
    );
    assert.equal(rows[0].latest_version, '17.0.1.2.0');
  });

  it('leaves out a module with a missing dependency, says so, and exits 0 as Odoo does', async function () {
    this.timeout(30_000);
    const own = await createTempDatabase({ owner: role.name });
    const addonsDir = await makeTempDir('addons');
    await writeFiles(addonsDir, {
      'orphan/__manifest__.py': "{'name': 'o', 'version': '1.0', 'depends': ['mail', 'nowhere']}\n",
    });
    const install = await startStandin({
      addonsDir,
      cmd: ['odoo', '-d', own, '-i', 'orphan', '--stop-after-init'],
    });
    assert.equal(await waitForExit(install, 20_000), 0);
    assert.match(
      await readContainerLogs(install),
      / ERROR \S+ odoo\.modules\.loading: Some modules are not loaded, some dependencies or manifest may be missing: \['orphan'\]/,
    );
    const { rows } = await withAdminClient(
      (c) =>
        c.query("SELECT name, state FROM ir_module_module WHERE name IN ('orphan', 'base') ORDER BY name"),
      own,
    );
    assert.deepEqual(rows, [
      { name: 'base', state: 'installed' },
      { name: 'orphan', state: 'uninstalled' },
    ]);
  });

  it("serves 500 with the traceback in the log when an installed module's manifest breaks", async function () {
    this.timeout(40_000);
    const own = await createTempDatabase({ owner: role.name });
    const addonsDir = await makeTempDir('addons');
    await writeFiles(addonsDir, { 'paas_demo/__manifest__.py': "{'name': 'd', 'version': '1.0'}\n" });
    const install = await startStandin({
      addonsDir,
      cmd: ['odoo', '-d', own, '-i', 'paas_demo', '--stop-after-init'],
    });
    assert.equal(await waitForExit(install, 20_000), 0);
    await writeFiles(addonsDir, { 'paas_demo/__manifest__.py': "{'name': 'd',\n 'version': version}\n" });
    const update = await startStandin({
      addonsDir,
      cmd: ['odoo', '-d', own, '-u', 'paas_demo', '--stop-after-init'],
    });
    assert.equal(await waitForExit(update, 20_000), 255);
    const serving = await startStandin({ addonsDir, cmd: ['odoo', '-d', own], publish: true });
    const url = `http://127.0.0.1:${await publishedPort(serving, '8069/tcp')}`;
    await waitHttp(`${url}/web/login`, 20_000, (res) => res.status === 500);
    assert.equal((await httpRequest(`${url}/web/health`)).status, 500);
    const logs = await readContainerLogs(serving);
    const tracebacks = logs
      .split('\n')
      .filter((l) => l.startsWith('ValueError: malformed node or string on line 2'));
    assert.ok(tracebacks.length >= 2, `the traceback repeats per request:\n${logs}`);
  });

  it('makes a git repository with the addons and branches, served over file://', async function () {
    this.timeout(30_000);
    const { stdout } = await run('git', ['ls-remote', '--heads', repo.url]);
    const branches = stdout
      .trim()
      .split('\n')
      .map((line) => line.split('refs/heads/')[1]);
    assert.deepEqual(branches.sort(), ['feature-x', 'main', 'staging']);
    const clone = path.join(await makeTempDir('clone'), 'c');
    await run('git', ['clone', '--quiet', '--branch', 'staging', repo.url, clone]);
    assert.match(
      await fs.readFile(path.join(clone, 'paas_demo/__manifest__.py'), 'utf8'),
      /'version': '1\.2\.0'/,
    );
    const before = await repo.head('staging');
    const after = await repo.commit({ 'paas_demo/models/x.py': 'X = 1\n' }, 'Add a model', 'staging');
    assert.notEqual(after, before);
    assert.equal(await repo.head('main'), before, 'main did not move');
  });
});
