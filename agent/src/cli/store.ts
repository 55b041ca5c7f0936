import type { Command } from 'commander';
import { resolve } from 'node:path';
import { backupStore } from '../store/backup';
import { configFrom, withCommonOptions, type CommonOptions } from './options';

export function storeCommands(program: Command): void {
  const store = program
    .command('store')
    .description("the agent's own state (agent.sqlite in the data directory)");
  withCommonOptions(store.command('backup'))
    .description(
      'copy the store to <file> (mode 0600) with SQLite online backup: consistent while the agent runs. ' +
        "Back up the tls/ directory and the secret key file (secretKeyFile) with it: without the key, the copy's secrets are lost",
    )
    .argument('<file>', 'the copy to write; must not exist')
    .action(async (file: string, options: CommonOptions) => {
      const target = resolve(file);
      await backupStore(configFrom(options).dataDir, target);
      process.stderr.write(`store copied to ${target}\n`);
    });
}
