import { Command, InvalidArgumentError, Option } from 'commander';
import { userInfo } from 'node:os';
import { ROLES, RoleSchema, type Role } from '@paas/protocol';
import { ConfigError, ENVIRONMENT_VARIABLES, loadConfig, type AgentConfig } from './config';
import { nowIso } from './ids';
import { createLogger } from './log';
import { startAgent } from './main';
import { TokenNameTakenError, TokenService } from './services/tokens';
import { appendAudit } from './store/audit';
import { openStore } from './store/database';
import { ensureCertificate } from './transport/tls';
import { AGENT_VERSION } from './version';

interface CommonOptions {
  config?: string;
  dataDir?: string;
}

function configFrom(options: CommonOptions & Partial<AgentConfig>): AgentConfig {
  const overrides: Partial<AgentConfig> = {};
  if (options.dataDir !== undefined) overrides.dataDir = options.dataDir;
  if (options.host !== undefined) overrides.host = options.host;
  if (options.port !== undefined) overrides.port = options.port;
  // commander defaults --no-tls to true; only an explicit --no-tls overrides the config file.
  if (options.tls === false) overrides.tls = false;
  return loadConfig({ file: options.config, overrides });
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new InvalidArgumentError('must be a port number 0–65535');
  return port;
}

function parseRole(value: string): Role {
  const parsed = RoleSchema.safeParse(value);
  if (!parsed.success) throw new InvalidArgumentError(`must be one of ${ROLES.join(', ')}`);
  return parsed.data;
}

/** Who ran a CLI command, for the audit log. */
function cliActor(): string {
  return `cli:${userInfo().username}`;
}

function withCommonOptions(command: Command): Command {
  return command
    .option(
      '-c, --config <file>',
      'JSON config file (default $PAAS_AGENT_CONFIG or /etc/paas-agent/config.json)',
    )
    .option('-d, --data-dir <dir>', 'data directory (default $PAAS_AGENT_DATA_DIR or /var/lib/paas-agent)');
}

async function serve(options: CommonOptions & Partial<AgentConfig>): Promise<void> {
  const config = configFrom(options);
  const log = createLogger(config.logLevel);
  const agent = await startAgent(config, log);
  if (agent.fingerprint)
    process.stderr.write(`paas-agent ${agent.url} certificate SHA-256 ${agent.fingerprint}\n`);
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    agent.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

function tokenCommands(program: Command): void {
  const token = program.command('token').description('manage API tokens (works while the agent runs)');
  withCommonOptions(token.command('create'))
    .description('create a token and print it once; only its hash is stored')
    .requiredOption('-n, --name <name>', 'a name to recognise the token by')
    .requiredOption('-r, --role <role>', `one of ${ROLES.join(', ')}`, parseRole)
    .action((options: CommonOptions & { name: string; role: Role }) => {
      const db = openStore(configFrom(options).dataDir);
      try {
        const { record, token: secret } = new TokenService(db).create(options.name, options.role);
        appendAudit(db, {
          at: nowIso(),
          actor: cliActor(),
          action: 'token/create',
          target: `token:${record.id}`,
          outcome: 'succeeded',
          errorCode: null,
          source: 'cli',
          params: { name: record.name, role: record.role },
        });
        process.stderr.write(
          `created token ${record.id} "${record.name}" (${record.role}); it is shown only now:\n`,
        );
        process.stdout.write(`${secret}\n`);
      } finally {
        db.close();
      }
    });
  withCommonOptions(token.command('list'))
    .description('list tokens (never their secrets)')
    .option('--json', 'print JSON')
    .action((options: CommonOptions & { json?: boolean }) => {
      const db = openStore(configFrom(options).dataDir);
      try {
        const rows = new TokenService(db).list().map(({ secretHash: _hash, ...rest }) => rest);
        if (options.json) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
        else
          for (const row of rows) {
            const state = row.revokedAt
              ? `revoked ${row.revokedAt}`
              : `last used ${row.lastUsedAt ?? 'never'}`;
            process.stdout.write(`${row.id}  ${row.name}  ${row.role}  created ${row.createdAt}  ${state}\n`);
          }
      } finally {
        db.close();
      }
    });
  withCommonOptions(token.command('revoke'))
    .description('revoke a token by id or name; connections using it are refused from then on')
    .argument('<token>', 'token id or name')
    .action((idOrName: string, options: CommonOptions) => {
      const db = openStore(configFrom(options).dataDir);
      try {
        const revoked = new TokenService(db).revoke(idOrName);
        if (!revoked) throw new CliError(`no active token "${idOrName}"`);
        appendAudit(db, {
          at: nowIso(),
          actor: cliActor(),
          action: 'token/revoke',
          target: `token:${revoked.id}`,
          outcome: 'succeeded',
          errorCode: null,
          source: 'cli',
          params: { token: revoked.id },
        });
        process.stdout.write(`revoked ${revoked.id} "${revoked.name}"\n`);
      } finally {
        db.close();
      }
    });
}

class CliError extends Error {}

export function buildProgram(): Command {
  const program = new Command('paas-agent')
    .description('PaaS.sh agent: runs Odoo branch environments in Docker and serves the PaaS.sh protocol')
    .version(AGENT_VERSION, '-V, --version')
    .addHelpText(
      'after',
      `\nEnvironment variables (override the config file):\n${Object.entries(ENVIRONMENT_VARIABLES)
        .map(([name, key]) => `  ${name.padEnd(38)} ${key}`)
        .join('\n')}`,
    );
  withCommonOptions(program.command('serve'))
    .description('run the agent')
    .option('--host <address>', 'listen address (default 127.0.0.1)')
    .option('-p, --port <port>', 'listen port, 0 for any free one (default 7443)', parsePort)
    .addOption(new Option('--no-tls', 'serve plain ws:// (refused unless the listen address is loopback)'))
    .action(serve);
  tokenCommands(program);
  withCommonOptions(program.command('fingerprint'))
    .description("print the SHA-256 fingerprint of the agent's TLS certificate (creating it if needed)")
    .action(async (options: CommonOptions) => {
      const config = configFrom(options);
      const certificate = await ensureCertificate(config.dataDir, config.certificateNames);
      process.stdout.write(`${certificate.fingerprint}\n`);
    });
  program
    .command('version')
    .description('print the agent version')
    .action(() => {
      process.stdout.write(`${AGENT_VERSION}\n`);
    });
  return program;
}

buildProgram()
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    const known =
      error instanceof ConfigError || error instanceof CliError || error instanceof TokenNameTakenError;
    process.stderr.write(
      `paas-agent: ${known ? (error as Error).message : String((error as Error)?.stack ?? error)}\n`,
    );
    process.exit(known ? 2 : 1);
  });
