import assert from 'node:assert/strict';
import { existsSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  AssignStorage,
  CreateBackup,
  CreateStorage,
  DeleteStorage,
  ErrorCode,
  GetBackup,
  ListAuditEntries,
  ListStorages,
  TestStorage,
  UpdateStorage,
  type AuditEntry,
  type ParamsInputOf,
  type RequestType,
  type ResultOf,
  type Storage,
} from '@paas/protocol';
import Database from 'better-sqlite3';
import { createTempRepo } from '@paas/scripts/out/src/testkit/index.js';
import { storePath } from '../../../src/store/database';
import { removeDir, tempDir } from '../../helpers/backupFixtures';
import { rpcErrorOf } from '../../helpers/client';
import { closeAll, grant, person, type Person } from '../../helpers/organization';
import { startSshd, type TestSshd } from '../../helpers/sshd';
import { createProject, describeJob, useDeployAgent, waitJob } from '../deploy/deployKit';

type SftpParams = Extract<ParamsInputOf<typeof CreateStorage>['config'], { kind: 'sftp' }>;

describe('storages/* over the wire, with a real agent and a real sshd', function () {
  this.timeout(300_000);
  const suite = useDeployAgent();
  /** The sshd's password, passphrase and private key lines: none may show anywhere. */
  const secrets: string[] = [];
  let dir: string;
  let sshd: TestSshd;
  let passphraseKey: string;
  /** Every answer and error the admin got, searched for secrets at the end. */
  const seen: unknown[] = [];
  /** How many requests carried credentials: each must be in the audit log, redacted. */
  let sentSecrets = 0;
  const people: Person[] = [];
  /** The project the backup test deploys; the delete test then depends on it. */
  let backedUpProjectId: string;
  const made: Record<'local' | 'key' | 'password' | 'passphrase', Storage> = {} as never;

  const countSecret = (params: unknown) => {
    if ((params as { secret?: unknown }).secret !== undefined) sentSecrets += 1;
  };

  async function call<T extends RequestType>(type: T, params: ParamsInputOf<T>): Promise<ResultOf<T>> {
    countSecret(params);
    const result = await suite.agent.client.request(type, params);
    seen.push(result);
    return result;
  }
  const listed = async () => (await call(ListStorages, {})).storages;

  /** The request fails with `code` and the storages afterwards are exactly those before. */
  async function refusedUnchanged<T extends RequestType>(type: T, params: ParamsInputOf<T>, code: number) {
    const before = await listed();
    countSecret(params);
    const error = await rpcErrorOf(suite.agent.client.request(type, params));
    seen.push({ message: error.message, data: error.data });
    assert.equal(error.code, code, `${error.code} ${error.message}`);
    assert.deepEqual(await listed(), before, 'nothing changed');
    return error;
  }

  const sftp = (overrides: Partial<SftpParams> = {}): SftpParams => ({
    kind: 'sftp',
    host: '127.0.0.1',
    port: sshd.port,
    username: sshd.username,
    root: join(sshd.boxDir, 'key'),
    ...overrides,
  });

  before(async () => {
    dir = await tempDir('paas-storages-wire-');
    sshd = await startSshd(dir, { password: true });
    passphraseKey = sshd.addClientKey('phrase-' + sshd.port);
    secrets.push(sshd.passwordLogin!.password, 'phrase-' + sshd.port);
    // A key's header is public; its base64 body lines are the secret.
    for (const key of [sshd.privateKey, passphraseKey])
      secrets.push(...key.split('\n').filter((line) => line.length > 20 && !line.startsWith('-----')));
  });

  after(async () => {
    await closeAll(people);
    await sshd?.stop();
    await removeDir(dir);
  });

  it('lists the built-in local storage in the agent\u2019s data directory', async () => {
    const storages = await listed();
    assert.equal(storages.length, 1);
    assert.equal(storages[0]!.isDefault, true);
    assert.deepEqual(storages[0]!.config, { kind: 'local', path: join(suite.agent.dataDir, 'backups') });
    assert.equal(storages[0]!.hasSecret, false);
  });

  it('creates a local storage once it could write to the directory', async () => {
    const path = join(dir, 'local', 'nested');
    made.local = (
      await call(CreateStorage, { name: 'Second disk', config: { kind: 'local', path } })
    ).storage;
    assert.deepEqual(made.local.config, { kind: 'local', path });
    assert.equal(made.local.isDefault, false);
    assert.ok(statSync(path).isDirectory(), 'the check made the directory');
  });

  it('creates SFTP storages with a key, a password and a passphrase, learning and pinning the host key', async () => {
    const login = sshd.passwordLogin!;
    made.key = (
      await call(CreateStorage, { name: 'Box key', config: sftp(), secret: { privateKey: sshd.privateKey } })
    ).storage;
    made.password = (
      await call(CreateStorage, {
        name: 'Box password',
        // Relative to the account's home directory.
        config: sftp({ username: login.username, root: 'backups' }),
        secret: { password: login.password },
      })
    ).storage;
    made.passphrase = (
      await call(CreateStorage, {
        name: 'Box passphrase',
        config: sftp({ root: join(sshd.boxDir, 'phrase') }),
        secret: { privateKey: passphraseKey, passphrase: 'phrase-' + sshd.port },
      })
    ).storage;
    for (const storage of [made.key, made.password, made.passphrase]) {
      assert.equal(storage.config.kind === 'sftp' && storage.config.hostKeySha256, sshd.hostKeySha256);
      assert.equal(storage.hasSecret, true);
    }
    assert.ok(existsSync(`/home/${login.username}/backups`), 'the check wrote through the password login');
    const storages = await listed();
    assert.deepEqual(storages.map((s) => s.name).sort(), [
      'Box key',
      'Box passphrase',
      'Box password',
      'Local',
      'Second disk',
    ]);
    assert.deepEqual(
      storages.find((s) => s.id === made.key.id),
      made.key,
      'the pinned key is stored',
    );
  });

  it('tests a storage\u2019s connection for the project\u2019s Admin, really connecting and leaving it as it was', async () => {
    const projectId = (await createProject(suite.agent.client, await createTempRepo())).project.id;
    const test = (storageId: string) => call(TestStorage, { projectId, storageId });
    const [local] = (await listed()).filter((s) => s.isDefault);
    const backupsDir = join(suite.agent.dataDir, 'backups');
    const existedBefore = existsSync(backupsDir);
    const boxRoot = join(sshd.boxDir, 'key');
    const boxBefore = readdirSync(boxRoot);
    for (const storage of [local!, made.local, made.key, made.password]) {
      const result = await test(storage.id);
      assert.equal(result.storageId, storage.id);
      assert.ok(result.durationMs >= 0);
    }
    assert.equal(existsSync(backupsDir), existedBefore, 'a missing default directory is not made');
    assert.deepEqual(readdirSync(boxRoot), boxBefore, 'the probe is removed');

    // A directory gone from the server, and a server that does not answer: Unavailable, saying why.
    renameSync(boxRoot, `${boxRoot}-away`);
    let error = await refusedUnchanged(
      TestStorage,
      { projectId, storageId: made.key.id },
      ErrorCode.Unavailable,
    );
    assert.match(error.message, /does not exist on the server/);
    assert.equal(existsSync(boxRoot), false, 'the test made no directory');
    renameSync(`${boxRoot}-away`, boxRoot);
    // A local directory replaced by a file.
    const localPath = join(dir, 'local', 'nested');
    renameSync(localPath, `${localPath}-away`);
    writeFileSync(localPath, 'x');
    error = await refusedUnchanged(
      TestStorage,
      { projectId, storageId: made.local.id },
      ErrorCode.Unavailable,
    );
    assert.match(error.message, /is not a directory/);
    rmSync(localPath);
    renameSync(`${localPath}-away`, localPath);
    error = await refusedUnchanged(
      TestStorage,
      { projectId, storageId: 'nosuchstorage' },
      ErrorCode.NotFound,
    );
    assert.match(error.message, /storage/);

    const entries = (await suite.agent.client.request(ListAuditEntries, { action: 'storages/test' })).entries;
    assert.ok(entries.length >= 6, `every test is audited (${entries.length})`);
    assert.ok(entries.every((e) => e.projectId === projectId));
  });

  it('refuses a server whose host key is not the pinned one, storing nothing', async () => {
    const error = await refusedUnchanged(
      CreateStorage,
      {
        name: 'Impostor',
        config: sftp({ hostKeySha256: 'SHA256:' + 'A'.repeat(43) }),
        secret: { privateKey: sshd.privateKey },
      },
      ErrorCode.Unavailable,
    );
    assert.match(
      error.message,
      new RegExp(
        `presented host key ${sshd.hostKeySha256.replace(/\+/g, '\\+')}, not the pinned SHA256:A{43}`,
      ),
    );
  });

  it('refuses an unreachable server and bad credentials, storing nothing', async () => {
    const login = sshd.passwordLogin!;
    const attempts: ParamsInputOf<typeof CreateStorage>[] = [
      { name: 'Nowhere', config: sftp({ port: 1 }), secret: { privateKey: sshd.privateKey } },
      {
        name: 'Wrong password',
        config: sftp({ username: login.username, root: 'backups' }),
        secret: { password: 'not-' + login.password },
      },
      {
        name: 'Wrong passphrase',
        config: sftp(),
        secret: { privateKey: passphraseKey, passphrase: 'not-the-phrase' },
      },
    ];
    for (const params of attempts) await refusedUnchanged(CreateStorage, params, ErrorCode.Unavailable);
    const error = await refusedUnchanged(
      CreateStorage,
      { name: 'No secret', config: sftp() },
      ErrorCode.InvalidParams,
    );
    assert.deepEqual((error.data as { issues: { path: unknown[] }[] }).issues[0]!.path, ['secret']);
  });

  it('refuses bad settings with InvalidParams and changes nothing', async () => {
    const cases: [ParamsInputOf<typeof CreateStorage>['config'], string][] = [
      [{ kind: 'local', path: 'relative/dir' }, 'path'],
      [{ kind: 'local', path: '/proc/paas' }, 'path'],
      [sftp({ root: 'backups/../../etc' }), 'root'],
      [sftp({ hostKeySha256: 'MD5:12:34:56' }), 'hostKeySha256'],
    ];
    for (const [config, field] of cases) {
      const secret = config.kind === 'sftp' ? { privateKey: sshd.privateKey } : undefined;
      for (const [type, params] of [
        [CreateStorage, { name: `Bad ${field}`, config, secret }],
        [UpdateStorage, { storageId: config.kind === 'sftp' ? made.key.id : made.local.id, config, secret }],
      ] as const) {
        const error = await refusedUnchanged(type, params as never, ErrorCode.InvalidParams);
        const issues = (error.data as { issues: { path: unknown[] }[] }).issues;
        assert.deepEqual(
          issues.map((i) => i.path),
          [['config', field]],
          `${type.method} ${field}`,
        );
      }
    }
  });

  it('updates a storage\u2019s name and settings, and keeps the old ones when the new check fails', async () => {
    const root = join(sshd.boxDir, 'moved');
    const { storage } = await call(UpdateStorage, {
      storageId: made.key.id,
      name: 'Box key, moved',
      config: sftp({ root }),
    });
    assert.equal(storage.name, 'Box key, moved');
    assert.deepEqual(storage.config, { ...sftp({ root }), hostKeySha256: sshd.hostKeySha256 });
    assert.ok(existsSync(root), 'checked again at its new root');
    made.key = storage;
    await refusedUnchanged(
      UpdateStorage,
      { storageId: made.password.id, secret: { password: 'wrong' } },
      ErrorCode.Unavailable,
    );
    await refusedUnchanged(
      UpdateStorage,
      { storageId: made.password.id, name: 'Box key, moved' },
      ErrorCode.Conflict,
    );
  });

  it('lets developers and viewers list storages, and refuses them every other storages/* method', async () => {
    const projectId = (await createProject(suite.agent.client, await createTempRepo())).project.id;
    for (const role of ['developer', 'viewer'] as const) {
      const someone = await person(suite.agent.agent, role, `${role}-${sshd.port}@example.com`);
      people.push(someone);
      // On the project, so that assigning is refused for the role and not because the project is hidden.
      await grant(suite.agent.client, projectId, someone.email, role);
      await someone.client.request(ListStorages, {});
      const attempts: [RequestType, unknown][] = [
        [CreateStorage, { name: 'Theirs', config: { kind: 'local', path: join(dir, role) } }],
        [UpdateStorage, { storageId: made.local.id, name: 'Renamed' }],
        [DeleteStorage, { storageId: made.local.id }],
        [AssignStorage, { projectId, storageId: made.local.id }],
      ];
      for (const [type, params] of attempts) {
        const error = await rpcErrorOf(someone.client.request(type, params as never));
        assert.equal(error.code, ErrorCode.Forbidden, `${role} ${type.method}`);
      }
    }
    assert.equal(existsSync(join(dir, 'developer')) || existsSync(join(dir, 'viewer')), false);
    const storages = await listed();
    assert.equal(storages.find((s) => s.id === made.local.id)?.name, 'Second disk');
    assert.deepEqual(
      storages.map((s) => s.projectIds),
      storages.map(() => []),
    );
  });

  it('sends the new backups of an assigned project to its SFTP storage', async () => {
    const repo = await createTempRepo({ addons: { paas_demo: { version: '1.0.0' } } });
    const created = await createProject(suite.agent.client, repo, { branch: 'main', type: 'production' });
    const deployed = await waitJob(suite.agent.client, created.jobId!);
    assert.equal(deployed.job.state, 'succeeded', describeJob(deployed.job));
    const { storage } = await call(AssignStorage, { projectId: created.project.id, storageId: made.key.id });
    assert.deepEqual(storage.projectIds, [created.project.id]);

    const { job } = await call(CreateBackup, { appId: deployed.job.appId! });
    const backupJob = await waitJob(suite.agent.client, job.id);
    assert.equal(backupJob.job.state, 'succeeded', describeJob(backupJob.job));
    const { backup } = await call(GetBackup, { backupId: backupJob.job.backupId! });
    assert.equal(backup.storageId, made.key.id);
    assert.equal(backup.storageName, 'Box key, moved');
    assert.equal(statSync(join(sshd.boxDir, 'moved', backup.path)).size, backup.sizeBytes);
    // Usage is counted from the catalog; others see only their own projects' backups in it.
    const usageOf = (storages: Storage[]) => storages.find((s) => s.id === made.key.id)!.usage;
    assert.deepEqual(usageOf(await listed()), { backupCount: 1, usedBytes: backup.sizeBytes });
    const developer = people.find((p) => p.email.startsWith('developer-'))!;
    assert.deepEqual(usageOf((await developer.client.request(ListStorages, {})).storages), {
      backupCount: 0,
      usedBytes: 0,
    });
    backedUpProjectId = created.project.id;
  });

  it('deletes only a storage that no project and no backup depends on', async () => {
    const [local] = (await listed()).filter((s) => s.isDefault);
    await refusedUnchanged(DeleteStorage, { storageId: made.key.id }, ErrorCode.Conflict);
    await call(AssignStorage, { projectId: backedUpProjectId, storageId: local!.id });
    const error = await refusedUnchanged(DeleteStorage, { storageId: made.key.id }, ErrorCode.Conflict);
    assert.match(error.message, /backups live in this storage/);
    await refusedUnchanged(DeleteStorage, { storageId: local!.id }, ErrorCode.Conflict);

    assert.deepEqual(await call(DeleteStorage, { storageId: made.local.id }), { storageId: made.local.id });
    assert.equal(
      (await listed()).find((s) => s.id === made.local.id),
      undefined,
    );
    await refusedUnchanged(DeleteStorage, { storageId: made.local.id }, ErrorCode.NotFound);
  });

  it('never shows a password, key or passphrase in answers, the audit log or the agent log', async () => {
    const entries: AuditEntry[] = [];
    let cursor: string | undefined;
    do {
      const page = await suite.agent.client.request(ListAuditEntries, { action: 'storages/', cursor });
      entries.push(...page.entries);
      cursor = page.nextCursor;
    } while (cursor);
    const secretOf = (params: unknown) => (params as { secret?: unknown }).secret;
    const listedSecrets = entries.map((e) => secretOf(e.params)).filter((s) => s !== undefined);
    // Storages are agent-wide: an organization's log holds only changes to storages its projects use.
    assert.ok(listedSecrets.every((secret) => secret === '[redacted]'));
    const db = new Database(storePath(suite.agent.dataDir), { readonly: true });
    const stored = db
      .prepare<[], { params: string }>("SELECT params FROM audit_log WHERE action LIKE 'storages/%'")
      .all();
    db.close();
    const storedSecrets = stored
      .map((row) => secretOf(JSON.parse(row.params)))
      .filter((s) => s !== undefined);
    assert.deepEqual(storedSecrets, Array(sentSecrets).fill('[redacted]'));
    const places = {
      answers: JSON.stringify(seen),
      audit: JSON.stringify(entries),
      'audit store': JSON.stringify(stored),
      'agent log': suite.agent.agent.output(),
    };
    assert.ok(secrets.length >= 4 && places['agent log'].length > 0, 'the search below looks for something');
    for (const [place, text] of Object.entries(places))
      for (const secret of secrets) assert.ok(!text.includes(secret), `a secret shows in the ${place}`);
  });
});
