import assert from 'node:assert/strict';
import { CreateEnvironment, DeployApp, GetApp, type App } from '@paas/protocol';
import { TestClient } from '@paas/scripts/out/src/testClient.js';
import { httpRequest, withAdminClient } from '@paas/scripts/out/src/testkit/index.js';
import { escapeIdentifier } from 'pg';
import {
  addonRepo,
  createProject,
  describeJob,
  useDeployAgent,
  waitJob,
} from '../integration/deploy/deployKit';

/** A real agent with a project of two deployed stand-in apps: `source` (staging, seeded) and `other` (development). */
export interface ZipProject {
  readonly agent: ReturnType<typeof useDeployAgent>['agent'];
  readonly projectId: string;
  readonly source: App;
  readonly other: App;
  /** An owner's bearer token for the transfer routes, and a client of that same user (uploads are theirs). */
  readonly token: string;
  readonly uploader: TestClient;
}

/** Rows with text that must survive every format unchanged (quotes, tabs, backslashes, non-ASCII). */
export const SEEDED_ROWS = 300;

async function seed(app: App): Promise<void> {
  for (const name of ['invoice.pdf', 'logo.png']) {
    const stored = await httpRequest(`${app.url}/paas-test/attachment?name=${name}`, {
      method: 'POST',
      body: `${name} of ${app.name}: ${'x'.repeat(2000)}`,
    });
    assert.equal(stored.status, 200, stored.body);
  }
  await withAdminClient(async (client) => {
    // As the app's own role, as Odoo makes its tables: the agent's admin is no superuser and dumps what
    // the app's role owns.
    await client.query(`SET ROLE ${escapeIdentifier(app.databaseName)}`);
    await client.query('CREATE TABLE paas_rows (id int PRIMARY KEY, note text)');
    await client.query(
      `INSERT INTO paas_rows SELECT g, 'row ' || g || E' \\t tab, \\\\ backslash, '' quote, é ü 漢' FROM generate_series(1, ${SEEDED_ROWS}) g`,
    );
    // The stand-in makes database.uuid; Odoo also has the secret that signs sessions.
    await client.query(
      "INSERT INTO ir_config_parameter (key, value) VALUES ('database.secret', 'source-secret')",
    );
  }, app.databaseName);
}

/** Mocha hooks: the agent (with `settings` in its config), the project and both apps, deployed and seeded. */
export function useZipProject(settings: Record<string, unknown> = {}): ZipProject {
  const suite = useDeployAgent(settings);
  const made: { projectId?: string; source?: App; other?: App; token?: string; uploader?: TestClient } = {};
  before(async function () {
    this.timeout(240_000);
    const client = suite.agent.client;
    const repo = await addonRepo();
    const created = await createProject(client, repo, { branch: 'main', type: 'staging' });
    const environment = await client.request(CreateEnvironment, {
      projectId: created.project.id,
      type: 'development',
    });
    const deployed = await client.request(DeployApp, {
      environmentId: environment.environment.id,
      name: 'other',
      branch: 'main',
    });
    for (const jobId of [created.jobId!, deployed.jobId]) {
      const { job } = await waitJob(client, jobId);
      assert.equal(job.state, 'succeeded', describeJob(job));
    }
    const sourceId = (await waitJob(client, created.jobId!)).job.appId;
    made.projectId = created.project.id;
    made.source = (await client.request(GetApp, { appId: sourceId })).app;
    made.other = (await client.request(GetApp, { appId: deployed.app.id })).app;
    made.token = suite.agent.agent.createToken('owner', 'transfers');
    made.uploader = await TestClient.open(suite.agent.agent.url, made.token);
    await seed(made.source);
  });
  after(async () => {
    await made.uploader?.close();
  });
  return {
    get agent() {
      return suite.agent;
    },
    get projectId() {
      return made.projectId!;
    },
    get source() {
      return made.source!;
    },
    get other() {
      return made.other!;
    },
    get token() {
      return made.token!;
    },
    get uploader() {
      return made.uploader!;
    },
  };
}

/** The app's rows and config parameters, to compare databases. */
export async function databaseContent(
  database: string,
): Promise<{ rows: string[]; params: Record<string, string> }> {
  return withAdminClient(async (client) => {
    const rows = (
      await client.query<{ r: string }>("SELECT id || ':' || note AS r FROM paas_rows ORDER BY id")
    ).rows;
    const params = (
      await client.query<{ key: string; value: string }>('SELECT key, value FROM ir_config_parameter')
    ).rows;
    return {
      rows: rows.map((row) => row.r),
      params: Object.fromEntries(params.map((p) => [p.key, p.value])),
    };
  }, database);
}
