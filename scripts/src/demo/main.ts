/**
 * The demo's use of the protocol, for scripts/up.sh and scripts/down.sh:
 *   node scripts/out/src/demo/main.js up   --url wss://… --cert <pem> --token-file <f> --registry file:///… \
 *        --branch feature/demo [--image paas-standin/odoo:17.0] --state <json file>
 *   node scripts/out/src/demo/main.js stop --url … --cert … --token-file … --state <json file>
 * `up` makes sure the Demo project exists and its branch app runs, and writes what it found to the state
 * file (project, app, URL, image) for the summary and the checks. `stop` stops that app.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { GetApp, StopApp } from '@paas/protocol';
import { openAgent, type AgentClient } from './agentClient';
import { ensureApp, ensureProject, type DemoPlan } from './sampleApp';

/** What `up` leaves for scripts: read back by up.sh's summary, down.sh and the demo test. */
export interface DemoState {
  projectId: string;
  projectName: string;
  appId: string;
  appName: string;
  branch: string;
  state: string;
  url: string | null;
  baseImage: string;
  /** The app's database (and role) on the local PostgreSQL. */
  databaseName: string;
}

const say = (line: string): void => void process.stdout.write(`[demo] ${line}\n`);

function options() {
  return parseArgs({
    allowPositionals: true,
    options: {
      url: { type: 'string' },
      cert: { type: 'string' },
      'token-file': { type: 'string' },
      registry: { type: 'string' },
      branch: { type: 'string', default: 'feature/demo' },
      image: { type: 'string' },
      'project-code': { type: 'string', default: 'demo' },
      state: { type: 'string' },
    },
  });
}

function need(value: string | undefined, name: string): string {
  if (!value) throw new Error(`--${name} is required`);
  return value;
}

async function up(client: AgentClient, values: ReturnType<typeof options>['values']): Promise<void> {
  const plan: DemoPlan = {
    projectName: 'Demo',
    projectCode: values['project-code'],
    registryUrl: need(values.registry, 'registry'),
    branch: values.branch,
    odooVersion: '17.0',
    baseImage: values.image,
  };
  const project = await ensureProject(client, plan, say);
  const app = await ensureApp(client, project, plan, say);
  if (app.state !== 'running') throw new Error(`the app "${app.name}" is ${app.state}, not running`);
  const state: DemoState = {
    projectId: project.id,
    projectName: project.name,
    appId: app.id,
    appName: app.name,
    branch: app.branch,
    state: app.state,
    url: app.url,
    baseImage: app.baseImage,
    databaseName: app.databaseName,
  };
  writeFileSync(need(values.state, 'state'), `${JSON.stringify(state, null, 2)}\n`);
  say(`app "${app.name}" is running at ${app.url ?? '(no URL)'} on ${app.baseImage}`);
}

async function stop(client: AgentClient, stateFile: string): Promise<void> {
  const state = JSON.parse(readFileSync(stateFile, 'utf8')) as DemoState;
  const { app } = await client.request(GetApp, { appId: state.appId });
  if (app.state !== 'running') {
    say(`app "${app.name}" is ${app.state}`);
    return;
  }
  await client.request(StopApp, { appId: app.id });
  say(`app "${app.name}" stopped`);
}

async function main(): Promise<void> {
  const { values, positionals } = options();
  const command = positionals[0];
  if (command !== 'up' && command !== 'stop')
    throw new Error('usage: main.js up|stop --url … (see the file)');
  const client = await openAgent({
    url: need(values.url, 'url'),
    certificateFile: need(values.cert, 'cert'),
    tokenFile: need(values['token-file'], 'token-file'),
  });
  try {
    if (command === 'up') await up(client, values);
    else await stop(client, need(values.state, 'state'));
  } finally {
    client.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`[demo] ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
