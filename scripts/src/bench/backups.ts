import { execFile, execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { BenchResult } from './result';

const run = promisify(execFile);
/** Compiled to scripts/out/src/bench: the repository root is four levels up. */
const ROOT = join(__dirname, '..', '..', '..', '..');
const CACHE = join(ROOT, '.cache', 'bench-backups');
const CHILD = join(ROOT, 'agent', 'out', 'test', 'helpers', 'backupBenchChild.js');
const MB = 1024 * 1024;

function pgEnv(database = 'postgres'): NodeJS.ProcessEnv {
  const passwordFile = process.env.PAAS_PG_ADMIN_PASSWORD_FILE ?? '/var/lib/paas-sh/pg-admin-password';
  return {
    ...process.env,
    PGHOST: process.env.PAAS_PG_HOST ?? '/var/run/postgresql',
    PGPORT: process.env.PAAS_PG_PORT ?? '5432',
    PGUSER: process.env.PAAS_PG_ADMIN_USER ?? 'paas_admin',
    PGPASSWORD: readFileSync(passwordFile, 'utf8').trim(),
    PGDATABASE: database,
  };
}

function psql(database: string, sql: string): string {
  return execFileSync('psql', ['-X', '-q', '-At', '-v', 'ON_ERROR_STOP=1', '-c', sql], {
    env: pgEnv(database),
    encoding: 'utf8',
  });
}

/** ~200 MB of database: a wide partner-like table with text that compresses as real data does, plus indexes. */
function makeDatabase(name: string): void {
  psql('postgres', `CREATE DATABASE "${name}" TEMPLATE template0`);
  psql(
    name,
    `CREATE TABLE ir_module_module (id serial PRIMARY KEY, name varchar UNIQUE, state varchar, latest_version varchar);
    INSERT INTO ir_module_module (name, state, latest_version) VALUES ('base', 'installed', '17.0.1.3');
    CREATE TABLE res_partner (id serial PRIMARY KEY, name text, email text, note text, amount numeric, created timestamp);
    INSERT INTO res_partner (name, email, note, amount, created)
      SELECT 'Partner ' || g, 'p' || g || '@example.com', repeat(md5(g::text), 3), g * 1.5, now() - g * interval '1 minute'
      FROM generate_series(1, 900000) g;
    CREATE INDEX ON res_partner (email);`,
  );
}

/** 2,000 files, ~200 MB: half incompressible (random), half text. */
function makeFilestore(dir: string): void {
  for (let i = 0; i < 2000; i++) {
    const data =
      i % 2 === 0
        ? randomBytes(100 * 1024)
        : Buffer.from(`invoice line ${i} ${'lorem ipsum '.repeat(8)}\n`.repeat(1100)).subarray(0, 100 * 1024);
    const name = createHash('sha1').update(data).digest('hex');
    mkdirSync(join(dir, name.slice(0, 2)), { recursive: true });
    writeFileSync(join(dir, name.slice(0, 2), name), data);
  }
}

async function timed(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const started = process.hrtime.bigint();
  await run(command, args, { env, maxBuffer: 16 * MB });
  return Number(process.hrtime.bigint() - started) / 1e6;
}

async function engine(args: string[]): Promise<{ ms: number; maxRssBytes: number; bytes: number }> {
  const { stdout } = await run(process.execPath, [CHILD, ...args], { env: process.env, maxBuffer: MB });
  return JSON.parse(stdout.trim()) as { ms: number; maxRssBytes: number; bytes: number };
}

/** The CLI pipeline: `pg_dump -Fc` then `tar czf`; restore: `tar xzf` then `pg_restore`. */
async function cliPipeline(
  database: string,
  filestore: string,
): Promise<{ backupMs: number; restoreMs: number }> {
  const work = join(CACHE, 'cli');
  mkdirSync(join(work, 'out'), { recursive: true });
  const dump = await timed('pg_dump', ['-Fc', '-f', join(work, 'dump.pgdump')], pgEnv(database));
  const tar = await timed(
    'tar',
    ['czf', join(work, 'backup.tgz'), '-C', work, 'dump.pgdump', '-C', join(filestore, '..'), 'fs'],
    process.env,
  );
  const untar = await timed('tar', ['xzf', join(work, 'backup.tgz'), '-C', join(work, 'out')], process.env);
  psql('postgres', `CREATE DATABASE "${database}_cli" TEMPLATE template0`);
  const restore = await timed(
    'pg_restore',
    ['--no-owner', '-d', `${database}_cli`, join(work, 'out', 'dump.pgdump')],
    pgEnv(),
  );
  return { backupMs: dump + tar, restoreMs: untar + restore };
}

/**
 * Backup and restore of a ~200 MB database plus a ~200 MB filestore with the engine (in a child
 * process, for its peak memory) against the plain CLI pipeline on the same data in the same run.
 */
export async function benchBackups(): Promise<BenchResult[]> {
  const database = `paas_bench_${Date.now().toString(36)}`;
  rmSync(CACHE, { recursive: true, force: true });
  const filestore = join(CACHE, 'data', 'fs');
  try {
    makeDatabase(database);
    makeFilestore(filestore);
    const cli = await cliPipeline(database, filestore);
    const storage = join(CACHE, 'storage');
    const backup = await engine(['backup', database, filestore, storage, 'bench.tar', join(CACHE, 'spool')]);
    const restore = await engine([
      'restore',
      storage,
      'bench.tar',
      `${database}_engine`,
      join(CACHE, 'work'),
    ]);
    const dbBytes = Number(psql('postgres', `SELECT pg_database_size('${database}')`));
    const inputMb = (dbBytes + 2000 * 100 * 1024) / MB;
    return [
      {
        name: 'backups: backup time (DB + filestore)',
        value: backup.ms,
        unit: 'ms',
        baseline: { name: 'pg_dump -Fc && tar czf', value: cli.backupMs },
        ratio: cli.backupMs / backup.ms,
        aim: 'ratio ≥ 1 (as fast as the CLI or faster)',
      },
      {
        name: 'backups: restore time (DB + filestore)',
        value: restore.ms,
        unit: 'ms',
        baseline: { name: 'tar xzf && pg_restore', value: cli.restoreMs },
        ratio: cli.restoreMs / restore.ms,
        aim: 'ratio ≥ 1',
      },
      { name: 'backups: input size', value: inputMb, unit: 'MB' },
      {
        name: 'backups: peak RSS during backup',
        value: backup.maxRssBytes / MB,
        unit: 'MB',
        aim: '< 200 MB',
      },
      {
        name: 'backups: peak RSS during restore',
        value: restore.maxRssBytes / MB,
        unit: 'MB',
        aim: '< 200 MB',
      },
    ];
  } finally {
    for (const name of [database, `${database}_cli`, `${database}_engine`])
      psql('postgres', `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    rmSync(CACHE, { recursive: true, force: true });
  }
}
