import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureServices } from './services';
import { buildStandinImage } from './standin';

/**
 * Writes the config of an agent under test into `dir`: the local Docker engine and PostgreSQL as its
 * default database server as its least-privileged admin role (the password in a 0600 file beside it), small app limits, apps on the
 * stand-in Odoo image (built if missing). `settings` override any key. Resolves the file for
 * `PAAS_AGENT_CONFIG`.
 */
export async function writeTestAgentConfig(
  dir: string,
  settings: Record<string, unknown> = {},
): Promise<string> {
  const services = await ensureServices();
  await buildStandinImage('17.0');
  const passwordFile = join(dir, 'pg-admin-password');
  writeFileSync(passwordFile, services.postgres.adminPassword, { mode: 0o600 });
  const configFile = join(dir, 'agent-config.json');
  const config = {
    healthTimeoutSeconds: 60,
    appMemoryMb: 512,
    appCpus: 1,
    defaultDatabaseServer: {
      host: services.postgres.host,
      port: services.postgres.port,
      adminUser: services.postgres.agentUser,
      adminPasswordFile: passwordFile,
    },
    ...settings,
  };
  writeFileSync(configFile, JSON.stringify(config));
  return configFile;
}
