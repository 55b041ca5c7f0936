import { InvalidArgumentError, type Command } from 'commander';
import { userInfo } from 'node:os';
import { ROLES, RoleSchema, type Role } from '@paas/protocol';
import { loadConfig, type AgentConfig } from '../config';
import { nowIso } from '../ids';
import { appendAudit, type AuditEntry } from '../store/audit';
import { openStore, type Db } from '../store/database';

export interface CommonOptions {
  config?: string;
  dataDir?: string;
}

/** A problem with what the operator typed, reported without a stack trace. */
export class CliError extends Error {}

export function configFrom(options: CommonOptions & Partial<AgentConfig>): AgentConfig {
  const overrides: Partial<AgentConfig> = {};
  if (options.dataDir !== undefined) overrides.dataDir = options.dataDir;
  if (options.host !== undefined) overrides.host = options.host;
  if (options.port !== undefined) overrides.port = options.port;
  // commander defaults --no-tls to true; only an explicit --no-tls overrides the config file.
  if (options.tls === false) overrides.tls = false;
  return loadConfig({ file: options.config, overrides });
}

export function parseRole(value: string): Role {
  const parsed = RoleSchema.safeParse(value);
  if (!parsed.success) throw new InvalidArgumentError(`must be one of ${ROLES.join(', ')}`);
  return parsed.data;
}

const DURATION_UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/**
 * A duration as `<n>m`, `<n>h` or `<n>d` (minutes, hours, days), in milliseconds. Strict on purpose: no
 * duration library is a dependency, and a typo must not make a token last for ever.
 */
export function parseDuration(value: string): number {
  const match = /^([1-9][0-9]{0,5})([mhd])$/.exec(value);
  if (!match) throw new InvalidArgumentError('must be a number followed by m, h or d, e.g. 30d or 12h');
  return Number(match[1]) * DURATION_UNIT_MS[match[2] as keyof typeof DURATION_UNIT_MS];
}

export function withCommonOptions(command: Command): Command {
  return command
    .option(
      '-c, --config <file>',
      'JSON config file (default $PAAS_AGENT_CONFIG or /etc/paas-agent/config.json)',
    )
    .option('-d, --data-dir <dir>', 'data directory (default $PAAS_AGENT_DATA_DIR or /var/lib/paas-agent)');
}

/** Runs `work` against the store of the configured data directory, closing it afterwards. */
export function withStore<T>(options: CommonOptions, work: (db: Db) => T): T {
  const config = configFrom(options);
  const db = openStore(config.dataDir, config.secretKeyFile);
  try {
    return work(db);
  } finally {
    db.close();
  }
}

/** Appends the audit entry of a successful CLI command; the actor is the login that ran it. */
export function auditCli(
  db: Db,
  entry: Pick<AuditEntry, 'action' | 'target' | 'params' | 'organizationId'>,
): void {
  appendAudit(db, {
    ...entry,
    at: nowIso(),
    actor: `cli:${userInfo().username}`,
    outcome: 'succeeded',
    errorCode: null,
    source: 'cli',
  });
}
