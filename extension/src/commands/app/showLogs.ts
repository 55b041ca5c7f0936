import type { Command } from '../command';
import { chooseApp } from './chooseApp';

/** Streams an app's log into a terminal (follow; Ctrl+C stops). Resolves with the lines received so far. */
export const showLogs: Command = {
  id: 'paas.app.showLogs',
  async run(context, target?: unknown): Promise<{ appId: string; lines: readonly string[] }> {
    const chosen = await chooseApp(context, target, 'app.viewLogs');
    const pty = context.logs.show(chosen.connection, chosen.app.id, chosen.app.name);
    return { appId: chosen.app.id, lines: pty.lines };
  },
};
