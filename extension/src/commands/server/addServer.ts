import * as vscode from 'vscode';
import { agentUrlText, normalizeAgentUrl } from '../../client/serverUrl';
import { ConnectionError, ConnectionErrorCode } from '../../client/errors';
import { probeCertificate, sameFingerprint, type CertificatePin } from '../../client/tlsPin';
import { required, type Command, type CommandContext } from '../command';
import { confirmNewCertificate } from './trustPrompt';

/** Arguments for scripts and tests; each one given skips its prompt. */
interface AddServerArgs {
  url?: string;
  token?: string;
  name?: string;
  /** The expected certificate fingerprint: trusts without asking, only if the server presents exactly it. */
  trust?: string;
}

/** What the command resolves with once the server is connected. */
export interface AddedServer {
  id: string;
  name: string;
  url: string;
  fingerprint: string | undefined;
}

async function askUrl(): Promise<string> {
  return required(
    await vscode.window.showInputBox({
      title: 'PaaS.sh: Add Server (1/2)',
      prompt: 'The address of the paas-agent',
      placeHolder: 'wss://server.example.com:7443',
      ignoreFocusOut: true,
      validateInput: (value) => {
        try {
          normalizeAgentUrl(value);
          return undefined;
        } catch (error) {
          return (error as Error).message;
        }
      },
    }),
  );
}

async function askToken(host: string): Promise<string> {
  return required(
    await vscode.window.showInputBox({
      title: 'PaaS.sh: Add Server (2/2)',
      prompt: `API token for ${host}. Create one on the server: paas-agent token create --name vscode --role developer`,
      password: true,
      ignoreFocusOut: true,
      validateInput: (value) => (value.trim() === '' ? 'enter the token' : undefined),
    }),
  );
}

/** Reads the certificate without sending the token and has it trusted, by the caller or the user. */
async function trustedPin(url: URL, expected: string | undefined): Promise<CertificatePin> {
  const pin = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: `PaaS.sh: reading the certificate of ${url.host}…`,
    },
    () => probeCertificate(url),
  );
  const trusted =
    expected !== undefined
      ? sameFingerprint(expected, pin.fingerprint)
      : await confirmNewCertificate(url.host, pin.fingerprint);
  if (!trusted)
    throw new ConnectionError(
      ConnectionErrorCode.CertificateNotTrusted,
      expected !== undefined
        ? `the certificate of ${url.host} is ${pin.fingerprint}, not the expected one`
        : `the certificate of ${url.host} was not trusted; nothing was saved`,
    );
  return pin;
}

export const addServer: Command = {
  id: 'paas.server.add',
  async run(context: CommandContext, rawArgs?: unknown): Promise<AddedServer> {
    const args = (typeof rawArgs === 'object' && rawArgs !== null ? rawArgs : {}) as AddServerArgs;
    const url = normalizeAgentUrl(args.url ?? (await askUrl()));
    const urlText = agentUrlText(url);
    const token = (args.token ?? (await askToken(url.host))).trim();
    const pin = url.protocol === 'wss:' ? await trustedPin(url, args.trust) : undefined;
    const existed = context.store.findByUrl(urlText);
    const entry = await context.store.save(
      { name: args.name ?? existed?.name ?? url.hostname, url: urlText, pin },
      token,
    );
    context.connections.get(entry.id)?.reconnect();
    try {
      await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `PaaS.sh: connecting to ${url.host}…` },
        () => context.connections.whenConnected(entry.id),
      );
    } catch (error) {
      // A server that never connected is not kept: the user fixes the token or address and adds it again.
      if (!existed) await context.store.remove(entry.id);
      throw error;
    }
    context.log.info(`added server ${entry.name} (${entry.url})`);
    return { id: entry.id, name: entry.name, url: entry.url, fingerprint: pin?.fingerprint };
  },
};
