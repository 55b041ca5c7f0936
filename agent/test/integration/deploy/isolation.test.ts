import assert from 'node:assert/strict';
import { DeleteProject, GetApp, type App } from '@paas/protocol';
import { Client } from 'pg';
import { dockerClient, ensureServices, httpRequest } from '@paas/scripts/out/src/testkit/index.js';
import { addonRepo, createProject, describeJob, STANDIN_IMAGE, useDeployAgent, waitJob } from './deployKit';

interface Deployed {
  app: App;
  projectId: string;
  code: string;
  network: string;
  container: string;
}

/** Tries a TCP connection to host:8069 from a one-off container on `network`; says what happened. */
async function connectFrom(network: string, host: string, projectId: string): Promise<string> {
  const script =
    `const s = require('net').connect({ host: ${JSON.stringify(host)}, port: 8069, timeout: 3000 });` +
    "s.on('connect', () => { console.log('connected'); s.destroy(); });" +
    "s.on('timeout', () => { console.log('timeout'); s.destroy(); });" +
    "s.on('error', (e) => console.log(e.code));";
  const docker = dockerClient();
  const container = await docker.createContainer({
    Image: STANDIN_IMAGE,
    Entrypoint: ['/usr/local/bin/node', '-e', script],
    Cmd: [],
    // The project's label: the suite's cleanup removes it whatever happens here.
    Labels: { 'sh.paas.project': projectId },
    HostConfig: { NetworkMode: network },
  });
  try {
    await container.start();
    await container.wait();
    const raw = await container.logs({ stdout: true, stderr: true });
    // Multiplexed log frames: strip the 8-byte headers' control bytes, keep the words.
    return raw
      .toString('utf8')
      .replace(/[^\x20-\x7e]/g, '')
      .trim();
  } finally {
    await container.remove({ force: true });
  }
}

/** The database login an app container was given, read from its odoo.conf inside the container. */
async function appLogin(container: string): Promise<{ user: string; password: string }> {
  const exec = await dockerClient()
    .getContainer(container)
    .exec({
      Cmd: [
        '/usr/local/bin/node',
        '-e',
        "process.stdout.write(require('fs').readFileSync('/etc/odoo/odoo.conf'))",
      ],
      AttachStdout: true,
      AttachStderr: true,
    });
  const chunks: Buffer[] = [];
  for await (const chunk of await exec.start({})) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  const value = (key: string) => new RegExp(`^${key} = (\\S+)`, 'm').exec(text)?.[1] ?? '';
  return { user: value('db_user'), password: value('db_password') };
}

/** Logs in to `database` as `login`; resolves the SQLSTATE of a refusal, or 'connected'. */
async function connectAs(login: { user: string; password: string }, database: string): Promise<string> {
  const { postgres } = await ensureServices();
  const client = new Client({ host: postgres.host, port: postgres.port, ...login, database });
  try {
    await client.connect();
    return 'connected';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

describe('isolation of apps: one network per project, hardened containers', function () {
  this.timeout(240_000);
  const suite = useDeployAgent();
  const deployed: Deployed[] = [];

  before(async () => {
    const repo = await addonRepo();
    const created = await Promise.all(
      [0, 1].map(() => createProject(suite.agent.client, repo, { branch: 'main' })),
    );
    for (const project of created) {
      const { job } = await waitJob(suite.agent.client, project.jobId!, 150_000);
      assert.equal(job.state, 'succeeded', describeJob(job));
      const { app } = await suite.agent.client.request(GetApp, { appId: job.appId });
      const [container] = await dockerClient().listContainers({
        filters: { label: [`sh.paas.app=${app.id}`] },
      });
      deployed.push({
        app,
        projectId: project.project.id,
        code: project.code,
        network: `paas-${project.code}`,
        container: container!.Names[0]!.replace(/^\//, ''),
      });
    }
  });

  it('puts each project on its own labelled network, and the proxy still serves both', async () => {
    for (const { app, projectId, network, container } of deployed) {
      const info = await dockerClient().getContainer(container).inspect();
      assert.deepEqual(Object.keys(info.NetworkSettings.Networks), [network]);
      const net = await dockerClient().getNetwork(network).inspect();
      assert.equal(net.Labels?.['sh.paas.managed'], 'true');
      assert.equal(net.Labels?.['sh.paas.project'], projectId);
      assert.equal(net.Internal, false, 'apps keep outbound traffic (mail, IAP)');
      assert.equal((await httpRequest(`${app.url}/web/health`)).status, 200);
    }
  });

  it("keeps a project's containers from reaching another project's app, by address or by name", async () => {
    const [a, b] = deployed as [Deployed, Deployed];
    const bInfo = await dockerClient().getContainer(b.container).inspect();
    const bAddress = bInfo.NetworkSettings.Networks[b.network]!.IPAddress;
    // The probe itself works: on B's own network, B answers by address and by name.
    assert.equal(await connectFrom(b.network, bAddress, b.projectId), 'connected');
    assert.equal(await connectFrom(b.network, b.container, b.projectId), 'connected');
    // From A's network: the address is dropped (Docker's isolation chains), the name is unknown.
    assert.match(
      await connectFrom(a.network, bAddress, a.projectId),
      /^(timeout|EHOSTUNREACH|ECONNREFUSED)$/,
    );
    assert.match(await connectFrom(a.network, b.container, a.projectId), /^(ENOTFOUND|EAI_AGAIN)$/);
    assert.notEqual(await connectFrom(a.network, bAddress, a.projectId), 'connected');
  });

  it("keeps an app's database role out of another project's database", async () => {
    const [a, b] = deployed as [Deployed, Deployed];
    const login = await appLogin(a.container);
    assert.equal(login.user, a.app.databaseName);
    assert.equal(
      await connectAs(login, a.app.databaseName),
      'connected',
      'the probe works on its own database',
    );
    // 42501: insufficient privilege (no CONNECT), where PUBLIC's default grant used to let it in.
    assert.equal(await connectAs(login, b.app.databaseName), '42501');
  });

  it('runs app containers with no capabilities, no-new-privileges, a PID limit and read-only image files', async () => {
    const info = await dockerClient().getContainer(deployed[0]!.container).inspect();
    assert.deepEqual(info.HostConfig.CapDrop, ['ALL']);
    assert.equal(info.HostConfig.CapAdd ?? null, null);
    assert.deepEqual(info.HostConfig.SecurityOpt, ['no-new-privileges:true']);
    assert.equal(info.HostConfig.PidsLimit, 1024);
    assert.equal(info.HostConfig.ReadonlyRootfs, true);
    assert.ok(info.HostConfig.Tmpfs && '/tmp' in info.HostConfig.Tmpfs);
    assert.ok(info.State.Running);
    // The image's files refuse writes; /tmp takes them.
    const exec = await dockerClient()
      .getContainer(deployed[0]!.container)
      .exec({
        Cmd: [
          '/usr/local/bin/node',
          '-e',
          "const fs = require('fs'); fs.writeFileSync('/tmp/x', 'ok');" +
            "try { fs.writeFileSync('/opt/x', 'no'); console.log('root writable'); } catch (e) { console.log(e.code); }",
        ],
        AttachStdout: true,
        AttachStderr: true,
      });
    const stream = await exec.start({});
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    assert.match(Buffer.concat(chunks).toString('utf8'), /EROFS/);
  });

  it("removes a project's network with the project", async () => {
    const b = deployed[1]!;
    await suite.agent.client.request(DeleteProject, {
      projectId: b.projectId,
      confirmCode: b.code,
      skipFinalBackups: true,
    });
    await assert.rejects(dockerClient().getNetwork(b.network).inspect(), /404|no such network/i);
  });
});
