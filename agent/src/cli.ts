import { Command, InvalidArgumentError, Option } from 'commander';
import { RpcError } from '@paas/protocol';
import { adminCommands } from './cli/admins';
import { CliError, configFrom, withCommonOptions, type CommonOptions } from './cli/options';
import { planCommands } from './cli/plans';
import { storeCommands } from './cli/store';
import { tokenCommands } from './cli/tokens';
import { userCommands } from './cli/users';
import { ConfigError, ENVIRONMENT_VARIABLES, type AgentConfig } from './config';
import { createLogger } from './log';
import { startAgent } from './main';
import { logProcessDeath } from './processDeath';
import { TokenNameTakenError } from './services/tokens';
import { StoreAdapterError } from './store/backup';
import { SecretKeyError } from './store/secretBox';
import { ensureCertificate } from './transport/tls';
import { AGENT_VERSION } from './version';

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new InvalidArgumentError('must be a port number 0–65535');
  return port;
}

async function serve(options: CommonOptions & Partial<AgentConfig>): Promise<void> {
  const config = configFrom(options);
  const log = createLogger(config.logLevel);
  logProcessDeath(log);
  // Signals are handled from the first moment: one that arrives while the agent is still starting stops it
  // as soon as it has started, instead of killing it halfway through opening its store.
  let signalled: string | undefined;
  let stop = (signal: string): void => {
    signalled ??= signal;
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  const agent = await startAgent(config, log);
  if (agent.fingerprint)
    process.stderr.write(`paas-agent ${agent.url} certificate SHA-256 ${agent.fingerprint}\n`);
  let stopping = false;
  stop = (signal: string): void => {
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
  if (signalled) stop(signalled);
}

export function buildProgram(): Command {
  const program = new Command('paas-agent')
    .description('PaaS.sh agent: runs Odoo branch environments in Docker and serves the PaaS.sh protocol')
    .version(AGENT_VERSION, '-V, --version')
    .addHelpText(
      'after',
      `\nEnvironment variables (override the config file):\n${Object.entries(ENVIRONMENT_VARIABLES)
        .map(([name, key]) => `  ${name.padEnd(38)} ${key}`)
        .join(
          '\n',
        )}\n\nFirst start: \`paas-agent init --email you@example.com --name "Your Name"\` makes you the owner of the\nagent's organization and an agent administrator (\`admin grant|revoke|list\`), and prints your token. Others: \`user create --email --name [--role]\` then\n\`token create --name N --user <email>\`, or invite them from a client (invitations/create). The older\n\`token create --name N --role R\` still works: it gives the token a user of its own with role R in the\nfirst organization (Admin and Owner see every project; lower roles need a project collaborator grant).`,
    );
  withCommonOptions(program.command('serve'))
    .description('run the agent')
    .option('--host <address>', 'listen address (default 127.0.0.1)')
    .option('-p, --port <port>', 'listen port, 0 for any free one (default 7443)', parsePort)
    .addOption(new Option('--no-tls', 'serve plain ws:// (refused unless the listen address is loopback)'))
    .action(serve);
  userCommands(program);
  adminCommands(program);
  tokenCommands(program);
  planCommands(program);
  storeCommands(program);
  withCommonOptions(program.command('fingerprint'))
    .description("print the SHA-256 fingerprint of the agent's TLS certificate (creating it if needed)")
    .action(async (options: CommonOptions) => {
      const config = configFrom(options);
      const certificate = await ensureCertificate(config.dataDir, config.certificateNames);
      process.stdout.write(`${certificate.fingerprint}\n`);
    });
  withCommonOptions(program.command('certificate'))
    .description(
      "print the agent's TLS certificate (PEM, creating it if needed): `curl --cacert` and other clients pin it",
    )
    .action(async (options: CommonOptions) => {
      const config = configFrom(options);
      const certificate = await ensureCertificate(config.dataDir, config.certificateNames);
      process.stdout.write(certificate.cert.endsWith('\n') ? certificate.cert : `${certificate.cert}\n`);
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
      error instanceof ConfigError ||
      error instanceof CliError ||
      error instanceof TokenNameTakenError ||
      error instanceof StoreAdapterError ||
      error instanceof SecretKeyError ||
      error instanceof RpcError;
    process.stderr.write(
      `paas-agent: ${known ? (error as Error).message : String((error as Error)?.stack ?? error)}\n`,
    );
    process.exit(known ? 2 : 1);
  });
