import { strict as assert } from 'node:assert';
import {
  AcceptInvitation,
  AddCollaborator,
  CreateOrganization,
  CreateProject,
  DropDatabase,
  DuplicateDatabase,
  GetApp,
  GetReconcileReport,
  ListAuditEntries,
  ListDatabaseServers,
  ListDatabases,
  ListStorages,
  MetricsHistory,
  RegisterDatabaseServer,
  RestoreBackup,
  RunPlaybook,
  UpdateEnvironment,
  UpdateStorage,
  CreateBackup,
  DeleteBackup,
  DeployApp,
  CreateInvitation,
  ListOrganizations,
  CreateTeam,
  ENVIRONMENT_TYPES,
  ErrorCode,
  GetPermissions,
  REQUESTS,
  RpcError,
  can,
  permissionsOf,
  type Action,
  type EnvironmentType,
  type Role,
} from '@paas/protocol';
import { makeTempDir, runCleanups, writeTestAgentConfig } from '@paas/scripts/out/src/testkit/index.js';
import { startAgentProcess, type AgentProcess } from '../../helpers/agentProcess';
import { TestClient, rpcErrorOf } from '../../helpers/client';
import {
  STANDIN_IMAGE,
  addonRepo,
  cleanupProject,
  describeJob,
  uniqueCode,
  waitJob,
} from '../deploy/deployKit';
import {
  cli,
  closeAll,
  everyRole,
  grant,
  projectParams,
  projectWithEveryEnvironment,
  type Person,
} from '../../helpers/organization';
import { upload } from '../../helpers/transfers';

/** What the matrix needs to call a method meaningfully: the project, environments, and disposable targets. */
interface Fixture {
  readonly organizationId: string;
  readonly organizationName: string;
  readonly projectId: string;
  readonly environmentIds: Record<EnvironmentType, string>;
  readonly teamId: string;
  readonly doomedTeamId: string;
  readonly invitationId: string;
  readonly viewerGrantId: string;
  readonly teamGrantId: string;
  /** A deployed stand-in app in each environment type. */
  readonly appIds: Record<EnvironmentType, string>;
  /**
   * Where stop, start, restart, disable and enable go: apps whose first deploy failed (cheap: nothing to
   * stop or start) in staging and development, the deployed app in production (one per project).
   */
  readonly operatedAppIds: Record<EnvironmentType, string>;
  /** The finished deploy job of each type's operated app (canceling it is refused downstream). */
  readonly finishedJobIds: Record<EnvironmentType, string>;
  /** A never-deployed development app that `apps/destroy` consumes (destroying needs Admin anywhere). */
  readonly doomedAppId: string;
  /** A backup of the production app, and one that `backups/delete` consumes. */
  readonly backupId: string;
  readonly doomedBackupId: string;
  /** A deleted backup per environment type: restoring or verifying it is refused downstream, cheaply. */
  readonly deletedBackupIds: Record<EnvironmentType, string>;
  /** The owner's upload for each type's app: importing it is authorized on that app, then only the owner's. */
  readonly uploadIds: Record<EnvironmentType, string>;
  /** The database server of the apps, and each type's app database on it. */
  readonly databaseServerId: string;
  readonly databaseNames: Record<EnvironmentType, string>;
}

/**
 * How each method is authorized: the action the access table decides it by (`any`: every authenticated
 * caller), whether the environment type matters, and params that reach the handler's own checks only after
 * authorization. Allowed calls may still fail downstream (Conflict, NotFound of a fake id, ...): roles are
 * walked lowest first, so a disposable target is only consumed once every lower role was refused.
 */
interface MethodCase {
  /** `agentAdmin`: agent administrators only, whatever the organization role. */
  readonly action: Action | 'any' | 'agentAdmin';
  readonly byEnvironment?: true;
  params(fixture: Fixture, environmentType: EnvironmentType, role: Role): unknown;
}

const CASES: Record<string, MethodCase> = {
  initialize: {
    action: 'any',
    params: () => ({ protocolVersion: '1.0.0', client: { name: 't', version: '0' } }),
  },
  'agent/ping': { action: 'any', params: () => ({}) },
  'servers/list': { action: 'any', params: () => ({}) },
  // Another server's id: allowed callers get NotFound after authorization, which the matrix accepts.
  // Storages are agent-wide; fake ids and an unwritable path fail downstream, after authorization.
  'storages/list': { action: 'any', params: () => ({}) },
  'storages/create': {
    action: 'agentAdmin',
    params: () => ({
      name: 'Matrix storage',
      config: { kind: 'local', path: '/etc/hostname/paas-matrix-not-a-directory' },
    }),
  },
  'storages/update': { action: 'agentAdmin', params: () => ({ storageId: 'nosuchstorage', name: 'X' }) },
  'storages/delete': { action: 'agentAdmin', params: () => ({ storageId: 'nosuchstorage' }) },
  'storages/assign': {
    action: 'project.settings',
    params: (f) => ({ projectId: f.projectId, storageId: 'nosuchstorage' }),
  },
  'storages/test': {
    action: 'project.settings',
    params: (f) => ({ projectId: f.projectId, storageId: 'nosuchstorage' }),
  },
  'backups/list': { action: 'app.refresh', params: (f) => ({ projectId: f.projectId }) },
  'backups/get': { action: 'app.refresh', params: (f) => ({ backupId: f.backupId }) },
  // Allowed callers queue a real backup job (or meet the one already pending: Conflict).
  'backups/create': {
    action: 'app.backup',
    byEnvironment: true,
    params: (f, type) => ({ appId: f.appIds[type] }),
  },
  'backups/delete': { action: 'backup.delete', params: (f) => ({ backupId: f.doomedBackupId }) },
  // A backup of the target's own environment type, deleted (Conflict downstream); across environments
  // see 'restores only with the restore right in both environments'.
  'backups/restore': {
    action: 'backup.restore',
    byEnvironment: true,
    params: (f, type) => ({ backupId: f.deletedBackupIds[type], targetAppId: f.appIds[type] }),
  },
  'backups/verify': {
    action: 'app.backup',
    byEnvironment: true,
    params: (f, type) => ({ backupId: f.deletedBackupIds[type] }),
  },
  // Authorized on the upload's app; an allowed caller other than the uploader then gets NotFound (upload).
  'backups/import': {
    action: 'app.backup',
    byEnvironment: true,
    params: (f, type) => ({ uploadId: f.uploadIds[type] }),
  },
  'backups/listDeletedProjects': {
    action: 'deletedProject.backups',
    params: (f) => ({ organizationId: f.organizationId }),
  },
  'backups/getSchedule': {
    action: 'app.refresh',
    params: (f) => ({ environmentId: f.environmentIds.production }),
  },
  'backups/setSchedule': {
    action: 'environment.automate',
    byEnvironment: true,
    params: (f, type) => ({ environmentId: f.environmentIds[type], verifyNewest: false }),
  },
  // The server's metrics are everyone's, filtered to the containers they may see.
  'metrics/subscribe': {
    action: 'any',
    params: () => ({ target: { kind: 'server', serverId: 'notthisserver' }, intervalSeconds: 5 }),
  },
  'metrics/unsubscribe': { action: 'any', params: () => ({ subscriptionId: 'nosuchsubscription' }) },
  'metrics/history': {
    action: 'app.refresh',
    params: (f) => ({ target: { kind: 'app', appId: f.appIds.production }, resolution: 'sample' }),
  },
  'access/permissions': { action: 'project.read', params: (f) => ({ projectId: f.projectId }) },
  'organizations/list': { action: 'any', params: () => ({}) },
  // The matrix's agent lets anyone create an organization (`organizationCreation: anyone`); the fixture's
  // name is taken, so it ends in Conflict.
  'organizations/create': { action: 'any', params: (f) => ({ name: f.organizationName }) },
  'members/list': { action: 'organization.read', params: (f) => ({ organizationId: f.organizationId }) },
  'members/updateRole': {
    action: 'members.manage',
    params: (f) => ({ organizationId: f.organizationId, userId: 'nosuchuser', role: 'viewer' }),
  },
  'members/remove': {
    action: 'members.manage',
    params: (f) => ({ organizationId: f.organizationId, userId: 'nosuchuser' }),
  },
  'invitations/create': {
    action: 'members.manage',
    params: (f, _t, role) => ({
      organizationId: f.organizationId,
      email: `matrix-${role.toLowerCase()}@example.com`,
      role: 'viewer',
    }),
  },
  'invitations/list': { action: 'members.manage', params: (f) => ({ organizationId: f.organizationId }) },
  'invitations/revoke': { action: 'members.manage', params: (f) => ({ invitationId: f.invitationId }) },
  'invitations/accept': { action: 'any', params: () => ({ invitationCode: 'not-a-code' }) },
  'teams/list': { action: 'organization.read', params: (f) => ({ organizationId: f.organizationId }) },
  'teams/create': {
    action: 'teams.manage',
    params: (f) => ({ organizationId: f.organizationId, name: 'Matrix team' }),
  },
  'teams/update': { action: 'teams.manage', params: (f) => ({ teamId: f.teamId, name: 'Fixture team' }) },
  'teams/delete': { action: 'teams.manage', params: (f) => ({ teamId: f.doomedTeamId }) },
  'projects/list': { action: 'any', params: () => ({}) },
  'projects/get': { action: 'project.read', params: (f) => ({ projectId: f.projectId }) },
  'projects/create': {
    action: 'project.create',
    params: (f) => ({
      ...projectParams('Matrix project', { tier: 'free' }),
      organizationId: f.organizationId,
    }),
  },
  'projects/update': {
    action: 'project.settings',
    params: (f) => ({ projectId: f.projectId, name: 'Matrix' }),
  },
  'projects/delete': {
    action: 'project.delete',
    params: (f) => ({ projectId: f.projectId, confirmCode: 'not-the-code' }),
  },
  // The fixture's registry cannot be read: allowed callers get Unavailable after authorization.
  'projects/branches': { action: 'app.refresh', params: (f) => ({ projectId: f.projectId }) },
  'projects/collaborators/list': { action: 'project.read', params: (f) => ({ projectId: f.projectId }) },
  'projects/collaborators/add': {
    action: 'collaborators.manage',
    params: (f) => ({
      projectId: f.projectId,
      grantee: { kind: 'user', email: 'nobody@example.com' },
      role: 'viewer',
    }),
  },
  'projects/collaborators/update': {
    action: 'collaborators.manage',
    params: (f) => ({ collaboratorId: f.viewerGrantId, role: 'viewer' }),
  },
  'projects/collaborators/remove': {
    action: 'collaborators.manage',
    params: (f) => ({ collaboratorId: f.teamGrantId }),
  },
  'plans/list': { action: 'any', params: () => ({}) },
  'plans/usage': { action: 'project.read', params: (f) => ({ projectId: f.projectId }) },
  'projects/changePlan': {
    action: 'plan.manage',
    params: (f) => ({ projectId: f.projectId, plan: { tier: 'premium', billing: 'annual' } }),
  },
  'environments/list': { action: 'project.read', params: (f) => ({ projectId: f.projectId }) },
  'environments/create': {
    action: 'project.settings',
    params: (f) => ({ projectId: f.projectId, type: 'production' }),
  },
  'environments/update': {
    action: 'environment.automate',
    byEnvironment: true,
    params: (f, type) => ({ environmentId: f.environmentIds[type], automation: { coverage: true } }),
  },
  'audit/list': { action: 'audit.read', params: (f) => ({ organizationId: f.organizationId, limit: 5 }) },
  // Apps and jobs. Allowed deploys ask for a branch the fixture's repository does not have, so they end
  // in NotFound and create nothing; unknown app or job ids answer NotFound to every role that may read them.
  'apps/list': { action: 'app.refresh', params: (f) => ({ projectId: f.projectId }) },
  'apps/get': { action: 'app.refresh', params: () => ({ appId: 'nosuchapp' }) },
  'apps/deploy': {
    action: 'app.create',
    byEnvironment: true,
    params: (f, type, role) => ({
      environmentId: f.environmentIds[type],
      name: `matrix ${role}`,
      branch: 'no-such-branch',
    }),
  },
  // The deployed apps have no new commit: allowed updates answer "up to date"; they run, so retry is
  // refused downstream (Conflict).
  'apps/update': {
    action: 'app.update',
    byEnvironment: true,
    params: (f, type) => ({ appId: f.appIds[type] }),
  },
  // A branch that does not exist: allowed callers are refused downstream, before any job is queued.
  'apps/dryRunUpdate': {
    action: 'app.update',
    byEnvironment: true,
    params: (f, type) => ({ appId: f.appIds[type], ref: 'no-such-branch' }),
  },
  'apps/moduleDrift': { action: 'app.refresh', params: (f) => ({ appId: f.appIds.development }) },
  'apps/retry': {
    action: 'app.retry',
    byEnvironment: true,
    params: (f, type) => ({ appId: f.appIds[type] }),
  },
  'apps/stop': {
    action: 'app.operate',
    byEnvironment: true,
    params: (f, type) => ({ appId: f.operatedAppIds[type] }),
  },
  'apps/start': {
    action: 'app.operate',
    byEnvironment: true,
    params: (f, type) => ({ appId: f.operatedAppIds[type] }),
  },
  'apps/restart': {
    action: 'app.operate',
    byEnvironment: true,
    params: (f, type) => ({ appId: f.operatedAppIds[type] }),
  },
  'apps/disable': {
    action: 'app.operate',
    byEnvironment: true,
    params: (f, type) => ({ appId: f.operatedAppIds[type] }),
  },
  'apps/enable': {
    action: 'app.operate',
    byEnvironment: true,
    params: (f, type) => ({ appId: f.operatedAppIds[type] }),
  },
  'apps/destroy': {
    action: 'app.destroy',
    params: (f) => ({ appId: f.doomedAppId, confirmName: 'doomed' }),
  },
  'apps/logs': { action: 'app.viewLogs', params: () => ({ appId: 'nosuchapp' }) },
  'apps/logsStop': { action: 'any', params: () => ({ streamId: 'nosuchstream' }) },
  'jobs/list': { action: 'app.refresh', params: (f) => ({ projectId: f.projectId }) },
  'jobs/get': { action: 'app.refresh', params: () => ({ jobId: 'nosuchjob' }) },
  'jobs/cancel': {
    action: 'app.deploy',
    byEnvironment: true,
    params: (f, type) => ({ jobId: f.finishedJobIds[type] }),
  },
  // Runners: allowed runs ask for a branch the repository does not have (NotFound, nothing queued); the
  // fixture's repository has no runners folder, so listing answers an empty list.
  'runners/playbooks': { action: 'runner.read', params: (f) => ({ projectId: f.projectId, ref: 'main' }) },
  'runners/run': {
    action: 'runner.run',
    byEnvironment: true,
    params: (f, type) => ({
      projectId: f.projectId,
      environmentType: type,
      playbook: 'site.yml',
      ref: 'no-such-branch',
    }),
  },
  'runners/list': { action: 'runner.read', params: (f) => ({ projectId: f.projectId }) },
  'runners/get': { action: 'runner.read', params: () => ({ runId: 'nosuchrun' }) },
  'databaseServers/list': { action: 'any', params: () => ({}) },
  'databaseServers/register': {
    action: 'agentAdmin',
    params: () => ({ name: 'matrix', host: '127.0.0.1', port: 1, adminUser: 'x', adminPassword: 'x' }),
  },
  'databaseServers/remove': { action: 'agentAdmin', params: () => ({ serverId: 'nosuchserver' }) },
  'databases/list': { action: 'any', params: (f) => ({ serverId: f.databaseServerId }) },
  'databases/create': { action: 'agentAdmin', params: () => ({ serverId: 'nosuchserver', name: 'x' }) },
  // A copy of the production app's database that does not exist: allowed callers get NotFound (database).
  'databases/drop': {
    action: 'app.destroy',
    params: (f) => ({
      serverId: f.databaseServerId,
      name: `${f.databaseNames.production}_gone`,
      confirmName: `${f.databaseNames.production}_gone`,
    }),
  },
  // Copying an app's database is backing it up: the first allowed role makes the copy (dropped after the
  // suite), the next ones meet it (refused downstream).
  'databases/duplicate': {
    action: 'app.backup',
    byEnvironment: true,
    params: (f, type) => ({
      serverId: f.databaseServerId,
      source: f.databaseNames[type],
      target: `${f.databaseNames[type]}_mx`,
    }),
  },
  'servers/reconcileReport': { action: 'any', params: () => ({}) },
};

type ByType<T> = Record<EnvironmentType, T>;

/** Deploys the fixture's apps in parallel: one per type on `main`, two on `broken` (their start fails). */
async function deployApps(client: TestClient, environmentIds: ByType<string>) {
  const deploy = (type: EnvironmentType, name: string, branch: string) =>
    client.request(DeployApp, { environmentId: environmentIds[type], name, branch });
  const started = await Promise.all([
    ...ENVIRONMENT_TYPES.map((type) => deploy(type, `app ${type}`, 'main')),
    deploy('staging', 'broken staging', 'broken'),
    deploy('development', 'doomed', 'broken'),
  ]);
  const jobs = await Promise.all(started.map((s) => waitJob(client, s.jobId, 180_000)));
  const [production, staging, development, brokenStaging, doomed] = jobs.map((j) => j.job);
  for (const job of [production!, staging!, development!])
    assert.equal(job.state, 'succeeded', describeJob(job));
  for (const job of [brokenStaging!, doomed!]) assert.equal(job.state, 'failed', describeJob(job));
  const byType = (p: string, s: string, d: string): ByType<string> => ({
    production: p,
    staging: s,
    development: d,
  });
  return {
    appIds: byType(production!.appId, staging!.appId, development!.appId),
    operatedAppIds: byType(production!.appId, brokenStaging!.appId, doomed!.appId),
    finishedJobIds: byType(production!.id, brokenStaging!.id, doomed!.id),
    doomedAppId: doomed!.appId,
  };
}

/** Takes a backup of each app (deleted afterwards) and two more of production (one to keep, one to delete). */
async function takeBackups(client: TestClient, appIds: ByType<string>) {
  const backup = async (appId: string): Promise<string> => {
    const { job } = await client.request(CreateBackup, { appId });
    const done = await waitJob(client, job.id);
    assert.equal(done.job.state, 'succeeded', describeJob(done.job));
    return done.job.backupId!;
  };
  const deleted = {} as ByType<string>;
  for (const type of ENVIRONMENT_TYPES) {
    deleted[type] = await backup(appIds[type]);
    await client.request(DeleteBackup, { backupId: deleted[type] });
  }
  return {
    backupId: await backup(appIds.production),
    doomedBackupId: await backup(appIds.production),
    deletedBackupIds: deleted,
  };
}

/** The owner uploads a file for each type's app (`PUT /uploads`, over the agent's pinned TLS). */
async function uploadFiles(agent: AgentProcess, owner: Person, appIds: ByType<string>) {
  const uploadIds = {} as ByType<string>;
  for (const type of ENVIRONMENT_TYPES) {
    const sent = await upload(agent, owner.token, appIds[type], Buffer.from(`not a zip (${type})`));
    assert.equal(sent.status, 201, sent.text);
    uploadIds[type] = (JSON.parse(sent.text) as { upload: { id: string } }).upload.id;
  }
  return { uploadIds };
}

/** Each type's app database, and the server they are on. */
async function appDatabases(client: TestClient, appIds: ByType<string>) {
  const databaseNames = {} as ByType<string>;
  let databaseServerId = '';
  for (const type of ENVIRONMENT_TYPES) {
    const { app } = await client.request(GetApp, { appId: appIds[type] });
    databaseNames[type] = app.databaseName;
    databaseServerId = app.databaseServerId;
  }
  return { databaseNames, databaseServerId };
}

/** A user of no organization, with a token and an initialized connection. */
async function loosePerson(agent: AgentProcess, email: string): Promise<Person> {
  cli(agent, 'user', 'create', '--email', email, '--name', email);
  const token = cli(agent, 'token', 'create', '--name', `token-${email}`, '--user', email);
  const client = await TestClient.connect(agent.url, token);
  const { caller } = await client.initialize();
  return { email, role: 'owner', token, client, userId: caller.user.id };
}

/** Refused by authorization: Forbidden, or NotFound of the project or organization the caller cannot see. */
function refusedByAccess(error: unknown): boolean {
  if (!(error instanceof RpcError)) return false;
  if (error.code === ErrorCode.Forbidden) return true;
  const kind = (error.data as { kind?: string } | undefined)?.kind;
  return error.code === ErrorCode.NotFound && (kind === 'project' || kind === 'organization');
}

/** Lowest first, so disposable targets survive until the roles that must be refused have tried. */
const ROLES_LOWEST_FIRST: readonly Role[] = ['viewer', 'developer', 'developerPlus', 'admin', 'owner'];

describe('access matrix: every method × every role × every environment type, over WebSocket', function () {
  this.timeout(180_000);
  let agent: AgentProcess;
  let people: Record<Role, Person>;
  let fixture: Fixture;
  /** The agent administrator, member of no organization. */
  let root: Person;
  /** The owner of a second, real organization. */
  let intruder: Person | undefined;

  before(async function () {
    // Three deploys, five backups and a dozen CLI calls: minutes on a loaded machine.
    this.timeout(600_000);
    const configFile = await writeTestAgentConfig(await makeTempDir('matrix'));
    agent = await startAgentProcess({
      env: { PAAS_AGENT_CONFIG: configFile, PAAS_AGENT_ORGANIZATION_CREATION: 'anyone' },
    });
    people = await everyRole(agent);
    const admin = people.owner.client;
    const organization = (await admin.request(ListOrganizations, {})).organizations[0]!;
    const code = uniqueCode('mtx');
    const made: { projectId?: string } = {};
    cleanupProject(() => made.projectId, code);
    const repo = await addonRepo(undefined, ['broken']);
    await repo.commit({ 'paas_demo/STANDIN_FAIL_START': '1' }, 'an addon that fails at start', 'broken');
    const { projectId, environmentIds } = await projectWithEveryEnvironment(admin, 'Matrix fixture', {
      code,
      registry: { url: repo.url, credentials: { kind: 'none' } },
      configuration: {
        odooVersion: '17.0',
        edition: 'community',
        baseImage: STANDIN_IMAGE,
        excludedAddons: [],
      },
    });
    made.projectId = projectId;
    const apps = await deployApps(admin, environmentIds);
    const backups = await takeBackups(admin, apps.appIds);
    const uploads = await uploadFiles(agent, people.owner, apps.appIds);
    const databases = await appDatabases(admin, apps.appIds);
    // Owner and Admin see every project through their organization role; the others get a grant.
    let viewerGrantId = '';
    for (const role of ['developerPlus', 'developer', 'viewer'] as const) {
      const id = await grant(admin, projectId, people[role].email, role);
      if (role === 'viewer') viewerGrantId = id;
    }
    const team = await admin.request(CreateTeam, {
      organizationId: organization.id,
      name: 'Fixture team',
      userIds: [],
    });
    const doomed = await admin.request(CreateTeam, {
      organizationId: organization.id,
      name: 'Doomed team',
      userIds: [],
    });
    const teamGrant = await admin.request(AddCollaborator, {
      projectId,
      grantee: { kind: 'team', teamId: team.team.id },
      role: 'viewer',
    });
    const invitation = await admin.request(CreateInvitation, {
      organizationId: organization.id,
      email: 'revocable@example.com',
      role: 'viewer',
    });
    fixture = {
      organizationId: organization.id,
      organizationName: organization.name,
      projectId,
      environmentIds,
      teamId: team.team.id,
      doomedTeamId: doomed.team.id,
      invitationId: invitation.invitation.id,
      viewerGrantId,
      teamGrantId: teamGrant.collaborator.id,
      ...apps,
      ...backups,
      ...uploads,
      ...databases,
    };
    // The agent administrator is someone else than the organization's owner, so the matrix tells the two
    // apart: the owner's `init` flag goes to a user of no organization.
    root = await loosePerson(agent, 'root@example.com');
    cli(agent, 'admin', 'grant', 'root@example.com');
    cli(agent, 'admin', 'revoke', 'owner@example.com');
  });

  after(async () => {
    if (root && fixture)
      for (const type of ENVIRONMENT_TYPES) {
        const name = `${fixture.databaseNames[type]}_mx`;
        await root.client
          .request(DropDatabase, { serverId: fixture.databaseServerId, name, confirmName: name })
          .catch(() => undefined);
      }
    if (root) await root.client.close();
    if (intruder) await intruder.client.close();
    if (people) await closeAll(Object.values(people));
    await agent?.stop();
    await runCleanups();
  });

  it('declares a case for every method in REQUESTS', () => {
    const missing = REQUESTS.map((r) => r.method).filter((method) => !(method in CASES));
    assert.deepEqual(missing, [], 'add these methods to CASES in access/matrix.test.ts');
  });

  it('allows exactly what ACCESS_TABLE allows', async () => {
    const mismatches: string[] = [];
    for (const role of ROLES_LOWEST_FIRST) {
      for (const request of REQUESTS) {
        const entry = CASES[request.method];
        if (!entry) continue;
        const types: readonly (EnvironmentType | undefined)[] = entry.byEnvironment
          ? ENVIRONMENT_TYPES
          : [undefined];
        for (const type of types) {
          const expected =
            entry.action === 'any' || (entry.action !== 'agentAdmin' && can(role, entry.action, type));
          let refused = false;
          let outcome = 'ok';
          try {
            await people[role].client.peer.request(
              request,
              entry.params(fixture, type ?? 'production', role) as never,
            );
          } catch (error) {
            refused = refusedByAccess(error);
            outcome = error instanceof RpcError ? `${error.code} ${error.message}` : String(error);
          }
          if (refused === expected) {
            mismatches.push(
              `${role} ${request.method}${type ? ` in ${type}` : ''}: expected ${expected ? 'allowed' : 'refused'}, got ${outcome}`,
            );
          }
        }
      }
    }
    assert.deepEqual(mismatches, []);
  });

  it('lets the agent administrator, and only them, call the agent-wide methods', async () => {
    const refused: string[] = [];
    for (const request of REQUESTS) {
      const entry = CASES[request.method];
      if (entry?.action !== 'agentAdmin') continue;
      try {
        await root.client.peer.request(request, entry.params(fixture, 'production', 'owner') as never);
      } catch (error) {
        if (refusedByAccess(error)) refused.push(`${request.method}: ${(error as Error).message}`);
      }
    }
    assert.deepEqual(refused, []);
  });

  it('runs no playbook while runners are off, the default, even for the owner', async () => {
    const refused = await rpcErrorOf(
      people.owner.client.request(RunPlaybook, {
        projectId: fixture.projectId,
        environmentType: 'development',
        playbook: 'site.yml',
        ref: 'main',
      }),
    );
    assert.equal(refused.code, ErrorCode.Conflict, refused.message);
    assert.deepEqual(refused.data, { reason: 'runnersDisabled' });
  });

  it('restores only with the restore right in both environments', async () => {
    // A Developer may restore in development, but not production's data into development.
    const across = await rpcErrorOf(
      people.developer.client.request(RestoreBackup, {
        backupId: fixture.deletedBackupIds.production,
        targetAppId: fixture.appIds.development,
      }),
    );
    assert.equal(across.code, ErrorCode.Forbidden, across.message);
    assert.match(across.message, /backup\.restore in production/);
  });

  it('changes production\u2019s shared addons only with the production deploy right', async () => {
    const update = (person: Person, type: EnvironmentType) =>
      person.client.request(UpdateEnvironment, {
        environmentId: fixture.environmentIds[type],
        sharedAddons: [],
      });
    const refused = await rpcErrorOf(update(people.developer, 'production'));
    assert.equal(refused.code, ErrorCode.Forbidden, refused.message);
    await update(people.developer, 'development');
    await update(people.developerPlus, 'production');
  });

  it('refuses a repository URL with a password and never stores or audits it', async () => {
    const error = await rpcErrorOf(
      people.owner.client.request(CreateProject, {
        ...projectParams('Leaky project'),
        organizationId: fixture.organizationId,
        registry: { url: 'https://ci:s3cr3t-pw@example.com/repo.git', credentials: { kind: 'none' } },
      }),
    );
    assert.equal(error.code, ErrorCode.InvalidParams);
    assert.match(error.message, /credentials/);
    assert.doesNotMatch(JSON.stringify(error), /s3cr3t-pw/);
    const { entries } = await people.owner.client.request(ListAuditEntries, {
      organizationId: fixture.organizationId,
      action: 'projects/create',
      limit: 20,
    });
    assert.ok(entries.length > 0, 'the refusal was audited');
    assert.doesNotMatch(JSON.stringify(entries), /s3cr3t-pw/);
  });

  it('keeps a second organization out of the first one\u2019s databases, storages, metrics and engine', async () => {
    intruder = await loosePerson(agent, 'intruder@example.com');
    const b = intruder.client;
    await b.request(CreateOrganization, { name: 'Intruder Ltd' });
    const serverId = fixture.databaseServerId;
    const theirs = new Set(Object.values(fixture.databaseNames));
    const listed = await b.request(ListDatabases, { serverId });
    assert.deepEqual(
      listed.databases.filter(
        (d) => theirs.has(d.name) || d.name.startsWith(`${fixture.databaseNames.production}_`),
      ),
      [],
    );
    const notFound = async (request: Promise<unknown>, what: string) => {
      const error = await rpcErrorOf(request);
      assert.equal(error.code, ErrorCode.NotFound, `${what}: ${error.message}`);
    };
    const source = fixture.databaseNames.production;
    await notFound(
      b.request(DuplicateDatabase, { serverId, source, target: `${source}_stolen` }),
      'duplicate',
    );
    await notFound(
      b.request(DropDatabase, { serverId, name: `${source}_mx`, confirmName: `${source}_mx` }),
      'drop',
    );
    const register = await rpcErrorOf(
      b.request(RegisterDatabaseServer, {
        name: 'evil',
        host: '127.0.0.1',
        port: 1,
        adminUser: 'x',
        adminPassword: 'x',
        makeDefault: true,
      }),
    );
    assert.equal(register.code, ErrorCode.Forbidden);
    const { storages } = await b.request(ListStorages, {});
    const storage = storages.find((s) => s.isDefault)!;
    const rename = await rpcErrorOf(b.request(UpdateStorage, { storageId: storage.id, name: 'Mine now' }));
    assert.equal(rename.code, ErrorCode.Forbidden);
    const { report } = await b.request(GetReconcileReport, {});
    const appIds = new Set(Object.values(fixture.appIds));
    if (report) {
      assert.deepEqual(report.unknownContainers, []);
      assert.deepEqual(
        [...report.resumedApps, ...report.restartedApps].filter((id) => appIds.has(id)),
        [],
      );
    }
    const history = await rpcErrorOf(
      b.request(MetricsHistory, {
        target: { kind: 'app', appId: fixture.appIds.production },
        resolution: 'sample',
      }),
    );
    assert.equal(history.code, ErrorCode.NotFound);
    assert.equal((history.data as { kind?: string }).kind, 'project');
    const unknown = await rpcErrorOf(
      b.request(MetricsHistory, { target: { kind: 'app', appId: 'nosuchapp' }, resolution: 'sample' }),
    );
    assert.equal(unknown.code, ErrorCode.NotFound);
    assert.equal((unknown.data as { kind?: string }).kind, 'app');

    // In two organizations (the first one's viewer, without a grant), the agent-wide methods need no
    // organizationId, and still show nothing of the first one's projects.
    const { invitationCode } = await people.owner.client.request(CreateInvitation, {
      organizationId: fixture.organizationId,
      email: 'intruder@example.com',
      role: 'viewer',
    });
    await b.request(AcceptInvitation, { invitationCode });
    await b.request(ListStorages, {});
    await b.request(ListDatabaseServers, {});
    await b.request(GetReconcileReport, {});
    const again = await b.request(ListDatabases, { serverId });
    assert.deepEqual(
      again.databases.filter((d) => theirs.has(d.name)),
      [],
    );
  });

  it('files an agent administrator\u2019s act on an organization\u2019s database in its audit log', async () => {
    const source = fixture.databaseNames.development;
    const copy = `${source}_audited`;
    await root.client.request(DuplicateDatabase, {
      serverId: fixture.databaseServerId,
      source,
      target: copy,
    });
    await root.client.request(DropDatabase, {
      serverId: fixture.databaseServerId,
      name: copy,
      confirmName: copy,
    });
    const { entries } = await people.owner.client.request(ListAuditEntries, {
      organizationId: fixture.organizationId,
      actor: root.userId,
      limit: 20,
    });
    assert.deepEqual(entries.map((e) => `${e.action} ${e.outcome}`).sort(), [
      'databases/drop succeeded',
      'databases/duplicate succeeded',
    ]);
  });

  it('reports each role\u2019s effective permissions per project', async () => {
    for (const role of ROLES_LOWEST_FIRST) {
      const { permissions } = await people[role].client.request(GetPermissions, {
        projectId: fixture.projectId,
      });
      assert.deepEqual(permissions, permissionsOf(role), role);
    }
  });
});
