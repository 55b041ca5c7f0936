import { createHash } from 'node:crypto';
import type { EnvironmentType } from '@paas/protocol';

/** Short environment names used inside resource names. */
const ENVIRONMENT_SHORT: Readonly<Record<EnvironmentType, string>> = {
  production: 'prod',
  staging: 'stag',
  development: 'dev',
};

/** PostgreSQL truncates identifiers at 63 bytes; app names stay well below so suffixes fit. */
const MAX_DATABASE_NAME = 50;

/** Keeps lowercase letters, digits and `sep`; runs of anything else become one `sep`. */
function clean(raw: string, sep: '-' | '_'): string {
  const edges = sep === '-' ? /^-+|-+$/g : /^_+|_+$/g;
  return raw
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, sep)
    .replace(edges, '');
}

/** Cuts a name to `max` characters, ending it with a short hash of the whole so cut names stay distinct. */
function fit(name: string, max: number, sep: string): string {
  if (name.length <= max) return name;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  return `${name.slice(0, max - hash.length - 1)}${sep}${hash}`;
}

/** Ensures a name starts with a letter, as Docker and unquoted PostgreSQL identifiers like. */
function letterFirst(name: string, prefix: string): string {
  return /^[a-z]/.test(name) ? name : `${prefix}${name}`;
}

/** The container of an app revision: `<project code>-<env>-<app slug>-r<revision>`. */
export function containerName(
  projectCode: string,
  environment: EnvironmentType,
  appSlug: string,
  revision: number,
): string {
  const base = clean(`${projectCode}-${ENVIRONMENT_SHORT[environment]}-${appSlug}`, '-');
  return `${fit(letterFirst(base || 'app', 'a-'), 100, '-')}-r${revision}`;
}

/**
 * The project's own Docker network, `paas-<project code>`: every container of the project's apps joins it,
 * and no other.
 */
export function projectNetworkName(projectCode: string): string {
  return `paas-${fit(clean(projectCode, '-') || 'project', 60, '-')}`;
}

/** A one-shot container of a revision: module install or update, neutralization, version query. */
export function oneShotContainerName(
  container: string,
  purpose: 'init' | 'update' | 'neutralize' | 'version',
): string {
  return `${container}-${purpose}`;
}

/** The app's database, which is also its role: `<project code>_<env>_<app slug>`. */
export function databaseName(projectCode: string, environment: EnvironmentType, appSlug: string): string {
  const base = clean(`${projectCode}_${ENVIRONMENT_SHORT[environment]}_${appSlug}`, '_');
  return fit(letterFirst(base || 'app', 'a_'), MAX_DATABASE_NAME, '_');
}

/**
 * A restored copy of an app's database, which the app then keeps: named after the app's role (so names
 * do not grow restore after restore) and no longer than the app's own database names, so the suffixes
 * added to the name the app serves (the snapshot's) still fit in PostgreSQL's 63 bytes.
 */
export function restoredDatabaseName(role: string, suffix: string): string {
  return fit(`${role}_restore_${suffix}`, MAX_DATABASE_NAME, '_');
}

/**
 * The fresh database a clean build of revision `revision` runs on (the environment's `cleanDatabase`): named
 * after the app's role, like a restored copy, so names do not grow build after build.
 */
export function cleanDatabaseName(role: string, revision: number): string {
  return fit(`${role}_clean_r${revision}`, MAX_DATABASE_NAME, '_');
}

/** The copy taken before a module update of revision `revision`. */
export function snapshotDatabaseName(database: string, revision: number): string {
  return `${database}_snap_r${revision}`;
}

/** A dry run's throwaway copy of the app's database, for the revision it rehearses. */
export function dryRunDatabaseName(database: string, revision: number): string {
  return `${database}_dry_r${revision}`;
}
