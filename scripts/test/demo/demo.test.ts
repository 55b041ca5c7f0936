/**
 * The README's first command, end to end: `bash scripts/up.sh` in this checkout with its data in a
 * temporary directory, its own ports and project code (so a developer's own demo on this machine is left
 * alone), on the stand-in image. Checks the agent, the sample app, code-server with the .vsix installed and
 * the extension connected in the workbench, that a second run reuses everything, and that
 * `bash scripts/down.sh` stops it all. Run by `bash scripts/test.sh demo`.
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { get } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetApp, ListProjects } from '@paas/protocol';
import { openAgent } from '../../src/demo/agentClient';
import type { DemoState } from '../../src/demo/main';
import { dockerClient, dropDatabase, dropRole, httpRequest, run } from '../../src/testkit';
import { freePort } from '../../src/vscode/freePort';
import { checkWorkbench } from './workbench';

const ROOT = join(__dirname, '..', '..', '..', '..');

/** Runs a repository script, echoing its output; resolves the output, rejects on a non-zero exit. */
function runScript(script: string, env: NodeJS.ProcessEnv): Promise<string> {
  const child = spawn('bash', [join(ROOT, 'scripts', script)], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer): void => {
    output += chunk.toString('utf8');
    process.stdout.write(`    | ${chunk.toString('utf8').trimEnd().replace(/\n/g, '\n    | ')}\n`);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  return new Promise((resolve, reject) =>
    child.once('exit', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`${script} exited ${code}`)),
    ),
  );
}

function alive(pidFile: string): boolean {
  try {
    process.kill(Number(readFileSync(pidFile, 'utf8')), 0);
    return true;
  } catch {
    return false;
  }
}

function healthz(port: number): Promise<number> {
  return new Promise((resolve, reject) =>
    get({ host: '127.0.0.1', port, path: '/healthz', rejectUnauthorized: false }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    }).on('error', reject),
  );
}

describe('demo: bash scripts/up.sh, then bash scripts/down.sh', function () {
  this.timeout(240_000);
  const dir = mkdtempSync(join(tmpdir(), 'paas-demo-'));
  const projectCode = `demo-${randomBytes(3).toString('hex')}`;
  let env: NodeJS.ProcessEnv;
  let agentPort: number;
  let codePort: number;
  let firstRun = '';
  const state = (): DemoState => JSON.parse(readFileSync(join(dir, 'demo.json'), 'utf8')) as DemoState;
  const client = () =>
    openAgent({
      url: `wss://127.0.0.1:${agentPort}`,
      certificateFile: join(dir, 'agent', 'tls', 'cert.pem'),
      tokenFile: join(dir, 'owner-token'),
    });

  before(async () => {
    agentPort = await freePort();
    codePort = await freePort();
    env = {
      ...process.env,
      PAAS_DEMO_DIR: dir,
      PAAS_AGENT_PORT: String(agentPort),
      PAAS_DEMO_CODE_PORT: String(codePort),
      PAAS_DEMO_EDITOR: 'code-server',
      PAAS_DEMO_IMAGE: 'standin',
      PAAS_DEMO_PROJECT_CODE: projectCode,
    };
    firstRun = await runScript('up.sh', env);
  });

  after(async () => {
    // Whatever happened above: nothing of this run keeps running or stays on Docker and PostgreSQL.
    if (alive(join(dir, 'agent.pid')) || alive(join(dir, 'code-server.pid')))
      await runScript('down.sh', env).catch(() => undefined);
    if (existsSync(join(dir, 'demo.json'))) {
      const { projectId, databaseName } = state();
      const docker = dockerClient();
      const left = await docker.listContainers({
        all: true,
        filters: { label: [`sh.paas.project=${projectId}`] },
      });
      await Promise.all(left.map((c) => docker.getContainer(c.Id).remove({ force: true, v: true })));
      await dropDatabase(databaseName).catch(() => undefined);
      await dropRole(databaseName).catch(() => undefined);
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints the agent, the app and the code-server URL, and which image it used', () => {
    assert.match(firstRun, new RegExp(`wss://127\\.0\\.0\\.1:${agentPort}`));
    assert.match(firstRun, /offline stand-in paas-standin\/odoo:17\.0/);
    assert.match(firstRun, new RegExp(`http://127\\.0\\.0\\.1:${codePort}`));
    assert.ok(firstRun.includes(state().url!), 'the app URL is printed');
  });

  it('runs the agent on TLS with the Demo project and its feature/demo app running', async () => {
    assert.equal(await healthz(agentPort), 200);
    const agent = await client();
    try {
      const { projects } = await agent.request(ListProjects, {});
      const project = projects.find((p) => p.code === projectCode);
      assert.ok(project, 'the Demo project exists');
      assert.equal(project.name, 'Demo');
      assert.equal(project.registry.url, `file://${join(dir, 'sample-repo.git')}`);
      const { app } = await agent.request(GetApp, { appId: state().appId });
      assert.equal(app.state, 'running');
      assert.equal(app.branch, 'feature/demo');
      assert.equal(app.environmentType, 'development');
      assert.equal(app.baseImage, 'paas-standin/odoo:17.0');
    } finally {
      agent.close();
    }
    const health = await httpRequest(`${state().url}/web/health`);
    assert.equal(health.status, 200);
    assert.deepEqual(JSON.parse(health.body), { status: 'pass' });
  });

  it('made a sample Git repository with main and feature/demo, cloned on feature/demo', async () => {
    const branches = await run('git', [
      '-C',
      join(dir, 'sample-repo.git'),
      'branch',
      '--format=%(refname:short)',
    ]);
    assert.deepEqual(branches.stdout.trim().split('\n').sort(), ['feature/demo', 'main']);
    const head = await run('git', ['-C', join(dir, 'sample-repo'), 'branch', '--show-current']);
    assert.equal(head.stdout.trim(), 'feature/demo');
    for (const addon of ['demo_library', 'demo_library_website', 'demo_loans'])
      assert.ok(existsSync(join(dir, 'sample-repo', addon, '__manifest__.py')), addon);
  });

  it('installed the .vsix into code-server, whose workbench shows the extension connected', async () => {
    const codeServer = `http://127.0.0.1:${codePort}`;
    assert.equal((await httpRequest(`${codeServer}/healthz`)).status, 200);
    const installed = readdirSync(join(dir, 'code-server', 'extensions'));
    assert.ok(
      installed.some((name) => name.startsWith('paas-sh.paas-sh-')),
      installed.join(', '),
    );
    assert.ok(existsSync(join(dir, 'vscode-bootstrap.json')), 'the bootstrap file waits for the extension');
    const shotsDir = join(ROOT, 'artifacts', 'screenshots');
    mkdirSync(shotsDir, { recursive: true });
    const check = await checkWorkbench({
      url: codeServer,
      workspace: join(dir, 'sample-repo'),
      profileDir: join(dir, 'chrome-profile'),
      shotsDir,
      texts: ['Demo agent', 'Demo'],
      timeoutMs: 60_000,
    });
    assert.ok(
      check.rows.some((row) => row.includes('Demo agent')),
      check.rows.join(' | '),
    );
    assert.equal(
      existsSync(join(dir, 'vscode-bootstrap.json')),
      false,
      'the extension deleted the bootstrap file',
    );
  });

  it('reuses the agent, project, app and code-server when run again', async () => {
    const before = state();
    const output = await runScript('up.sh', env);
    assert.match(output, /agent already running/);
    assert.match(output, /project "Demo" exists/);
    assert.match(output, /code-server already running/);
    assert.deepEqual(
      [state().projectId, state().appId, state().url],
      [before.projectId, before.appId, before.url],
    );
  });

  it('bash scripts/down.sh stops the app, code-server and the agent, and keeps the data', async () => {
    const { projectId } = state();
    await runScript('down.sh', env);
    assert.equal(alive(join(dir, 'agent.pid')), false, 'the agent stopped');
    assert.equal(alive(join(dir, 'code-server.pid')), false, 'code-server stopped');
    const running = await dockerClient().listContainers({
      filters: { label: [`sh.paas.project=${projectId}`], status: ['running'] },
    });
    assert.deepEqual(running, [], 'no app container runs');
    assert.ok(existsSync(join(dir, 'agent', 'agent.sqlite')), 'the agent data is kept');
  });
});
