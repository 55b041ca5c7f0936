import { randomBytes } from 'node:crypto';
import type { NewAppSchema } from '@paas/protocol';
import type { z } from 'zod';
import { findFreePort } from '../../adapters/proxy/freePort';
import { conflict } from '../../errors';
import { newId, nowIso } from '../../ids';
import {
  hasProductionApp,
  isAppNameTaken,
  isAppSlugTaken,
  usedPublicPorts,
  type AppRecord,
} from '../../store/apps';
import type { Db } from '../../store/database';
import { asRpc } from '../adapterErrors';
import { slugify } from '../slug';
import { effectiveImage } from './appView';
import type { AppDeps } from './deps';
import { databaseName } from './names';

export type NewApp = z.infer<typeof NewAppSchema>;

/** The name and production rules, checked before anything is made and again inside the insert. */
export function checkAppRules(
  db: Db,
  projectId: string,
  name: string,
  environmentType: AppRecord['environmentType'],
): void {
  if (isAppNameTaken(db, projectId, name))
    throw conflict(`an app named "${name}" exists in this project`, { field: 'name' });
  if (environmentType === 'production' && hasProductionApp(db, projectId)) {
    throw conflict('the project already has its production app (one per project)', {
      field: 'environmentId',
    });
  }
}

function uniqueSlug(db: Db, projectId: string, name: string): string {
  const base = slugify(name).slice(0, 28).replace(/-+$/, '');
  for (let n = 1; ; n++) {
    const slug = n === 1 ? base : `${base}-${n}`;
    if (!isAppSlugTaken(db, projectId, slug)) return slug;
  }
}

/**
 * Builds a new app's record after checking, before anything is made, that it can be deployed: the branch
 * exists in a reachable repository, the image is here (or can be pulled), the database server answers
 * and has no database of the app's name, and the public port is free. Bad input changes nothing.
 */
export async function prepareNewApp(
  deps: AppDeps,
  params: NewApp,
  environment: { id: string; projectId: string; type: AppRecord['environmentType']; serverId: string },
): Promise<{ app: AppRecord; password: string }> {
  const project = deps.apps.project(environment.projectId);
  checkAppRules(deps.db, project.id, params.name, environment.type);
  const slug = uniqueSlug(deps.db, project.id, params.name);
  const odooVersion = params.odooVersion ?? project.configuration.odooVersion;
  const server = params.databaseServerId
    ? deps.databases.record(params.databaseServerId)
    : deps.databases.defaultServer();
  const dbName = databaseName(project.code, environment.type, slug);
  await asRpc(() => deps.mirrors.fetchBranch(project, params.branch));
  await asRpc(() =>
    deps.docker.ensureImage(effectiveImage({ baseImage: params.baseImage ?? null, odooVersion }, project)),
  );
  if (await asRpc(() => deps.pg.databaseExists(server, dbName))) {
    throw conflict(`database ${dbName} already exists on ${server.name}`, { reason: 'PG_EXISTS' });
  }
  const taken = usedPublicPorts(deps.db, environment.serverId);
  if (params.port !== undefined && taken.has(params.port)) {
    throw conflict(`port ${params.port} is reserved by another app`, {
      reason: 'PORT_IN_USE',
      field: 'port',
    });
  }
  const port = params.port ?? (await asRpc(() => findFreePort(deps.settings.publishAddress, taken)));
  const edition = params.edition ?? project.configuration.edition;
  const derived = { slug, odooVersion, edition, port, databaseServerId: server.id, databaseName: dbName };
  const app = newAppRecord(params, environment, derived);
  return { app, password: randomBytes(24).toString('hex') };
}

/** A new app's record, `queued`, before its first deploy. */
function newAppRecord(
  params: NewApp,
  environment: { id: string; projectId: string; type: AppRecord['environmentType']; serverId: string },
  derived: Pick<AppRecord, 'slug' | 'odooVersion' | 'edition' | 'databaseServerId' | 'databaseName'> & {
    port: number;
  },
): AppRecord {
  const now = nowIso();
  return {
    id: newId(),
    projectId: environment.projectId,
    environmentId: environment.id,
    environmentType: environment.type,
    serverId: environment.serverId,
    name: params.name,
    slug: derived.slug,
    branch: params.branch,
    commitSha: null,
    odooVersion: derived.odooVersion,
    edition: derived.edition,
    baseImage: params.baseImage ?? null,
    state: 'queued',
    disabled: false,
    databaseServerId: derived.databaseServerId,
    databaseName: derived.databaseName,
    databaseRole: derived.databaseName,
    revision: 0,
    publicPort: derived.port,
    containerName: null,
    containerPort: null,
    createdAt: now,
    updatedAt: now,
    lastDeployedAt: null,
    logWarnings: 0,
    logErrors: 0,
    logSince: null,
    lastError: null,
    neutralized: false,
    queueRunner: null,
  };
}
