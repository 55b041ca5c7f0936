import { readFile } from 'node:fs/promises';
import { run } from './exec';
import { ENSURE_SYSTEM_SH } from './paths';

export interface Services {
  readonly docker: { readonly socketPath: string };
  readonly postgres: {
    /** Unix socket directory (/var/run/postgresql); containers get it bind-mounted. */
    readonly host: string;
    readonly port: number;
    /** A superuser, for the kit's fixtures and cleanup. */
    readonly adminUser: string;
    /** The least-privileged role (CREATEDB CREATEROLE) agents under test administer PostgreSQL with. */
    readonly agentUser: string;
    /** The password of both. */
    readonly adminPassword: string;
  };
}

let pending: Promise<Services> | undefined;

/** Parses the KEY=value lines paas_print_env writes. */
export function parseEnvLines(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) values[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return values;
}

function required(values: Record<string, string>, key: string): string {
  const value = values[key];
  if (!value) throw new Error(`ensure-system.sh did not report ${key}`);
  return value;
}

async function start(): Promise<Services> {
  const started = Date.now();
  // The script's progress goes to stderr; stdout carries only the settings.
  const { stdout } = await run('bash', [
    '-c',
    'set -euo pipefail; source "$1"; paas_ensure_services >&2; paas_print_env',
    'ensure-services',
    ENSURE_SYSTEM_SH,
  ]);
  const values = parseEnvLines(stdout);
  const passwordFile = required(values, 'PAAS_PG_ADMIN_PASSWORD_FILE');
  const services: Services = {
    docker: { socketPath: required(values, 'PAAS_DOCKER_SOCKET') },
    postgres: {
      host: required(values, 'PAAS_PG_HOST'),
      port: Number(required(values, 'PAAS_PG_PORT')),
      adminUser: required(values, 'PAAS_PG_ADMIN_USER'),
      agentUser: required(values, 'PAAS_PG_AGENT_USER'),
      adminPassword: (await readFile(passwordFile, 'utf8')).trim(),
    },
  };
  process.stderr.write(`[testkit] services ready in ${Date.now() - started} ms\n`);
  return services;
}

/**
 * Makes sure the Docker engine and PostgreSQL run (installing and starting
 * them if needed, see scripts/lib/ensure-system.sh) once per process, and
 * says how to reach them.
 */
export function ensureServices(): Promise<Services> {
  pending ??= start().catch((err: unknown) => {
    pending = undefined; // let a later call retry
    throw err;
  });
  return pending;
}
