import * as vscode from 'vscode';
import { needsSignIn } from '../../client/connectionState';
import type { ServerEntry } from '../../client/serverStore';
import { openSocket } from '../../client/socket';
import { required, type Command, type CommandContext } from '../command';
import { chooseServer } from './chooseServer';

/** Arguments for scripts and tests; a token given skips the prompt. */
interface SignInArgs {
  serverId?: string;
  token?: string;
}

/** A listed server without a token here: the one to sign in to when the command names none. */
function signedOutTarget(context: CommandContext): { serverId: string } | undefined {
  const signedOut = context.store
    .list()
    .filter((entry) => needsSignIn(context.connections.get(entry.id)?.state ?? { kind: 'idle' }));
  return signedOut.length === 1 ? { serverId: signedOut[0]!.id } : undefined;
}

async function askToken(entry: ServerEntry): Promise<string> {
  return required(
    await vscode.window.showInputBox({
      title: `Sign in to ${entry.name}`,
      prompt: `API token for ${entry.url}. Create one on the server: paas-agent token create --name vscode --role developer`,
      password: true,
      ignoreFocusOut: true,
      validateInput: (value) => (value.trim() === '' ? 'enter the token' : undefined),
    }),
  );
}

/**
 * Signs in to a listed server whose token is missing here (a second browser on code-server, where secrets
 * are per browser): asks for the token only, since the address and the trusted certificate are kept. The
 * token is tried against the pinned certificate first and stored only once the agent accepted it.
 */
export const signInServer: Command = {
  id: 'paas.server.signIn',
  async run(context, target?: unknown): Promise<void> {
    const args = (typeof target === 'object' && target !== null ? target : {}) as SignInArgs;
    const entry = await chooseServer(context, target ?? signedOutTarget(context), 'Server to sign in to');
    const token = (args.token ?? (await askToken(entry))).trim();
    const socket = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `PaaS.sh: signing in to ${entry.name}…` },
      () => openSocket(new URL(entry.url), token, entry.pin),
    );
    socket.close();
    await context.store.setToken(entry.id, token);
    context.connections.get(entry.id)?.reconnect();
    await context.connections.whenConnected(entry.id);
    context.log.info(`signed in to ${entry.name} (${entry.url})`);
  },
};
