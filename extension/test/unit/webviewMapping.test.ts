import { strict as assert } from 'node:assert';
import type {
  App,
  AuditEntry,
  Backup,
  Collaborator,
  Environment,
  Plan,
  ServerSample,
  Team,
} from '@paas/protocol';
import { SPARKLINE_POINTS } from '../../src/webviews/messages/constants';
import {
  cpuHistoryOf,
  toAppCard,
  toEnvironmentView,
  toServerCard,
} from '../../src/webviews/dashboard/mapping';
import {
  auditListParams,
  teamOptions,
  toAuditEntryView,
  toBackupView,
  toCollaboratorView,
  toPlanView,
} from '../../src/webviews/shared/mapping';

const AT = '2026-05-04T10:00:00.000Z';

function sample(percent: number): ServerSample {
  return {
    kind: 'server',
    serverId: 'srv1',
    hostname: 'odoo-1',
    ipAddresses: ['10.0.0.5'],
    cpu: { percent, cores: 4 },
    load: [0, 0, 0],
    memory: { usedBytes: 3, totalBytes: 8 },
    disks: [{ mount: '/', usedBytes: 40, totalBytes: 100, availableBytes: 55 }],
    network: { rxBytesPerSecond: 1, txBytesPerSecond: 2 },
    uptimeSeconds: 10,
    containers: [],
    sampledAt: AT,
  };
}

const app: App = {
  id: 'app1',
  projectId: 'prj1',
  environmentId: 'env1',
  environmentType: 'staging',
  name: 'feature-x',
  slug: 'feature-x',
  branch: 'feature/x',
  commitSha: 'a'.repeat(40),
  odooVersion: '17.0',
  edition: 'community',
  baseImage: 'odoo:17.0',
  state: 'running',
  url: 'http://127.0.0.1:8069',
  disabled: false,
  serverId: 'srv1',
  databaseServerId: 'db1',
  databaseName: 'prj_feature_x',
  revision: 2,
  pendingJobId: null,
  createdAt: AT,
  updatedAt: AT,
  lastDeployedAt: AT,
  logStats: { warnings: 3, errors: 1, since: AT },
  neutralized: false,
};

describe('webview mapping: protocol results as view-models', () => {
  it('maps an app to its card: deploy time, log counts, nothing internal', () => {
    const card = toAppCard(app);
    assert.equal(card.deployedAt, AT);
    assert.deepEqual(card.logStats, { warnings: 3, errors: 1 });
    assert.equal(card.state, 'running');
    assert.equal('databaseName' in card, false);
    assert.equal('queueRunner' in card, false, 'no runner seen, no queue tag');
    assert.equal(toAppCard({ ...app, queueRunner: 'running' }).queueRunner, 'running');
  });

  it('maps a server sample to the server card and keeps the latest CPU points for the sparkline', () => {
    const card = toServerCard(sample(12));
    assert.deepEqual(card.cpu, { percent: 12, cores: 4 });
    assert.deepEqual(card.disks, [{ mount: '/', usedBytes: 40, totalBytes: 100, availableBytes: 55 }]);
    assert.equal('containers' in card, false);
    const history = Array.from({ length: SPARKLINE_POINTS + 5 }, (_, i) => sample(i));
    const points = cpuHistoryOf(history);
    assert.equal(points.length, SPARKLINE_POINTS);
    assert.equal(points.at(-1), SPARKLINE_POINTS + 4);
  });

  it('maps an environment with its latest sample, or none before the first', () => {
    const environment = { id: 'env1', type: 'staging', serverId: 'srv1' } as Environment;
    assert.equal(toEnvironmentView(environment, []).server, null);
    const view = toEnvironmentView(environment, [sample(5), sample(7)]);
    assert.equal(view.server?.cpu.percent, 7);
    assert.deepEqual(view.cpuHistory, [5, 7]);
  });

  it('names plans by tier and keeps their prices and limits as the protocol has them', () => {
    const plan: Plan = {
      tier: 'pro',
      price: { currency: 'EUR', monthly: 9900, annual: 99000 },
      limits: {
        instances: 20,
        environments: 3,
        includedSeats: null,
        automatedBuilds: 100,
        backupRetention: { daily: 14, weekly: 8, monthly: 12 },
        whiteLabel: false,
      },
    };
    assert.deepEqual(toPlanView(plan), { ...plan, name: 'Pro' });
  });

  it('flattens user and team collaborators and offers only teams without a grant', () => {
    const user: Collaborator = {
      id: 'c1',
      projectId: 'prj1',
      grantee: { kind: 'user', user: { id: 'u1', email: 'dan@acme.example', displayName: 'Dan' } },
      role: 'developer',
      createdAt: AT,
    };
    const team: Collaborator = {
      id: 'c2',
      projectId: 'prj1',
      grantee: { kind: 'team', team: { id: 't1', name: 'QA', memberCount: 4 } },
      role: 'viewer',
      createdAt: AT,
    };
    assert.deepEqual(toCollaboratorView(user), {
      id: 'c1',
      kind: 'user',
      name: 'Dan',
      email: 'dan@acme.example',
      role: 'developer',
      memberCount: null,
      addedAt: AT,
    });
    assert.deepEqual(toCollaboratorView(team).memberCount, 4);
    const teams: Team[] = [
      { id: 't1', organizationId: 'o1', name: 'QA', members: [], createdAt: AT },
      { id: 't2', organizationId: 'o1', name: 'Consultants', members: [], createdAt: AT },
    ];
    assert.deepEqual(teamOptions(teams, [user, team]), [{ id: 't2', name: 'Consultants', memberCount: 0 }]);
  });

  it('shows audit entries by email and error name, and turns the filter into audit/list params', () => {
    const entry: AuditEntry = {
      id: 42,
      at: AT,
      actor: 'user:u1',
      actorUser: { id: 'u1', email: 'dan@acme.example', displayName: 'Dan' },
      action: 'apps/deploy',
      target: 'app:app1',
      outcome: 'refused',
      errorCode: -32003,
      source: '127.0.0.1',
      params: { appId: 'app1' },
      organizationId: 'o1',
      projectId: 'prj1',
    };
    const view = toAuditEntryView(entry);
    assert.equal(view.id, '42');
    assert.equal(view.actor, 'dan@acme.example');
    assert.equal(view.method, 'apps/deploy');
    assert.equal(view.outcome, 'refused');
    assert.equal(typeof view.errorCode, 'string');
    assert.equal(toAuditEntryView({ ...entry, actorUser: null, errorCode: null }).actor, 'user:u1');
    assert.deepEqual(auditListParams('prj1', { method: 'members/', since: AT, outcome: 'failed' }), {
      projectId: 'prj1',
      action: 'members/',
      from: AT,
    });
  });

  it('maps a backup row with its status and whether it holds a filestore', () => {
    const backup = {
      id: 'b1',
      appId: 'app1',
      appName: 'main',
      environmentType: 'production',
      kind: 'manual',
      status: 'succeeded',
      createdAt: AT,
      sizeBytes: 1024,
      files: 3,
      missingAttachments: 2,
    } as Backup;
    assert.deepEqual(toBackupView(backup), {
      id: 'b1',
      appId: 'app1',
      appName: 'main',
      environmentType: 'production',
      kind: 'manual',
      state: 'succeeded',
      createdAt: AT,
      sizeBytes: 1024,
      includesFilestore: true,
      missingAttachments: 2,
    });
    assert.equal(toBackupView({ ...backup, files: null }).includesFilestore, false);
    assert.equal(toBackupView({ ...backup, missingAttachments: null }).missingAttachments, 0);
  });
});
