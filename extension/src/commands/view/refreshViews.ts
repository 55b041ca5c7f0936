import type { Command } from '../command';

export const refreshViews: Command = {
  id: 'paas.view.refresh',
  run(context): void {
    context.connections.start();
    context.refreshViews();
  },
};
