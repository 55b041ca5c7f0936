import { join } from 'node:path';
import type { ExtractedArchive } from '../../adapters/archive/readBackup';
import { freshWorkDir, removeTree } from '../../adapters/archive/staging';
import { dropDatabase } from '../../adapters/pgtools/pgAdmin';
import { describeTables, runInTransaction } from '../../adapters/pgtools/pgLoad';
import type { PgServer } from '../../adapters/pgtools/pgServer';
import type { BackupStorage, ByteRange } from '../../adapters/storage/storage';
import type { OdooNeutralization } from './appDirectory';
import { newIdentityStatements } from './databaseIdentity';
import { loadInParallel, loadInSequence } from './loadCopy';
import { neutralizationPlan } from './neutralize';

export interface RestoreInput {
  storage: BackupStorage;
  key: string;
  /** The catalog's checksums: the archive must match them as well as its own manifest. */
  expected?: { database: string; filestore: string };
  /** Where the dump lies in the archive (from the catalog's manifest): read apart, in parallel, when known. */
  dumpRange?: ByteRange;
  server: PgServer;
  /** The new database to create and load; it must not exist. */
  database: string;
  /**
   * The login that owns the new database and loads and changes it: the app's own role (restores) or a
   * sandbox (verifications). Only tests of the archive format leave it out (the admin then does it all).
   */
  loader?: PgServer;
  /** A new directory for the staged filestore and dump (inside the data directory). */
  workDir: string;
  neutralize: boolean;
  /**
   * Runs the app image's own `odoo neutralize` on the copy; without it (or when the image lacks the
   * command) the SQL fallback of neutralize.ts runs.
   */
  odooNeutralize?: (database: string) => Promise<OdooNeutralization>;
  /** Give the copy a database identity of its own (see `newIdentityStatements`), dated `now`. */
  newIdentity?: { now: Date };
  signal?: AbortSignal;
  onProgress?: (step: string, bytes: number) => void;
}

/** A restored copy waiting to be switched in (or thrown away). */
export interface RestoredCopy {
  database: string;
  /** The staged filestore directory (may be empty). */
  filestoreDir: string;
  extracted: ExtractedArchive;
  /** The neutralization steps that ran. */
  neutralized: string[];
  /** Drops the database and removes the staged files. */
  discard(): Promise<void>;
}

/**
 * Restores an archive into a NEW database and a staged filestore. Nothing that exists is touched: every
 * checksum is verified (manifest and catalog), the dump's before it is loaded, and any failure drops what
 * was made. Switching an app to the copy is the caller's next step.
 */
export async function restoreToCopy(input: RestoreInput): Promise<RestoredCopy> {
  const progress = input.onProgress ?? (() => undefined);
  const staging = join(input.workDir, 'staging');
  await freshWorkDir(input.workDir);
  let created = false;
  const discard = async (): Promise<void> => {
    if (created) await dropDatabase(input.server, input.database).catch(() => undefined);
    await removeTree(input.workDir);
  };
  try {
    progress('reading archive', 0);
    const context = { staging, progress, created: () => (created = true) };
    const { expected, dumpRange } = input;
    const extracted =
      expected && dumpRange
        ? await loadInParallel({ ...input, expected }, dumpRange, context)
        : await loadInSequence(input, context);
    const loader = input.loader ?? input.server;
    if (input.neutralize) progress('neutralizing', 0);
    const neutralized = input.neutralize ? await neutralizeCopy(input, loader) : [];
    if (input.newIdentity) await renewIdentity(input.server, loader, input.database, input.newIdentity.now);
    return {
      database: input.database,
      filestoreDir: extracted.filestore.dir,
      extracted,
      neutralized,
      discard,
    };
  } catch (error) {
    await discard();
    throw error;
  }
}

/** A new database.uuid, database.secret and creation date, as Odoo's restore gives a copy. */
async function renewIdentity(server: PgServer, loader: PgServer, database: string, now: Date): Promise<void> {
  const { columns } = await describeTables(server, database);
  await runInTransaction(loader, database, newIdentityStatements(columns.has('ir_config_parameter'), now));
}

/** Odoo's own neutralization when the image has it, else the fallback SQL; returns what it did. */
async function neutralizeCopy(input: RestoreInput, loader: PgServer): Promise<string[]> {
  const outcome = input.odooNeutralize ? await input.odooNeutralize(input.database) : undefined;
  if (outcome && 'done' in outcome) return ['odoo neutralize: every installed module’s data/neutralize.sql'];
  const fallback = await neutralize(input.server, loader, input.database);
  return outcome ? [`fallback SQL: ${outcome.fallback}`, ...fallback] : fallback;
}

/** Runs Odoo's neutralization for the modules installed in `database`; returns what it did. */
export async function neutralize(server: PgServer, loader: PgServer, database: string): Promise<string[]> {
  const { modules, columns } = await describeTables(server, database);
  const plan = neutralizationPlan(modules, columns);
  await runInTransaction(
    loader,
    database,
    plan.map((step) => step.sql),
  );
  return plan.map((step) => `${step.module}: ${step.what}`);
}
