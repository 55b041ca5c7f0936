import * as vscode from 'vscode';
import { BOOTSTRAP_ENV, takeBootstrapFile } from '../../client/bootstrap';
import type { Log } from '../../log';
import type { AddedServer } from './addServer';

/**
 * Adds the server named in the `PAAS_BOOTSTRAP_FILE` file, once: the file is deleted as it is read, the
 * token goes to SecretStorage, and `paas.server.add` checks the certificate against the fingerprint before
 * the token is sent. Failures are logged and shown; they never stop the extension from working.
 */
export async function addBootstrapServer(
  runCommand: (id: string, args: unknown[]) => Promise<unknown>,
  log: Log,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  const path = env[BOOTSTRAP_ENV];
  if (!path) return;
  let bootstrap;
  try {
    bootstrap = takeBootstrapFile(path);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log.error(`bootstrap file refused: ${message}`);
    void vscode.window.showWarningMessage(`PaaS.sh: bootstrap file refused: ${message}`);
    return;
  }
  if (!bootstrap) return;
  const { url, token, fingerprint, name } = bootstrap;
  // runCommand shows and logs its own failures and then resolves undefined.
  const added = (await runCommand('paas.server.add', [{ url, token, trust: fingerprint, name }])) as
    AddedServer | undefined;
  if (added) log.info(`added ${added.name} (${added.url}) from the bootstrap file`);
}
