import type { Command } from '../command';
import { chooseServer } from './chooseServer';

export const reconnectServer: Command = {
  id: 'paas.server.reconnect',
  async run(context, target?: unknown): Promise<void> {
    const entry = await chooseServer(context, target, 'Server to reconnect');
    context.connections.get(entry.id)?.reconnect();
    await context.connections.whenConnected(entry.id);
  },
};
