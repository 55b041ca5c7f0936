import type { Command } from 'commander';
import { EmailSchema } from '@paas/protocol';
import { inTransaction } from '../store/database';
import { findUserByEmail, listAgentAdmins, setAgentAdmin } from '../store/users';
import { CliError, auditCli, withCommonOptions, withStore, type CommonOptions } from './options';

function userByEmail(db: Parameters<typeof findUserByEmail>[0], value: string) {
  const email = EmailSchema.safeParse(value);
  const user = email.success ? findUserByEmail(db, email.data) : undefined;
  if (!user) throw new CliError(`no user with email "${value}"; create one with \`user create\``);
  return user;
}

/** Grants or takes away the agent administrator flag; the last administrator is never taken away. */
function setAdmin(admin: boolean) {
  return (email: string, options: CommonOptions): void => {
    withStore(options, (db) => {
      const user = inTransaction(db, () => {
        const user = userByEmail(db, email);
        const admins = listAgentAdmins(db);
        if (!admin && admins.length === 1 && admins[0]!.id === user.id)
          throw new CliError(`${user.email} is the last agent administrator; grant another one first`);
        if (!setAgentAdmin(db, user.id, admin))
          throw new CliError(`${user.email} ${admin ? 'is already' : 'is not'} an agent administrator`);
        return user;
      });
      auditCli(db, {
        action: admin ? 'admin/grant' : 'admin/revoke',
        target: `user:${user.id}`,
        params: { email: user.email },
      });
      process.stdout.write(`${user.email} ${admin ? 'is now' : 'is no longer'} an agent administrator\n`);
    });
  };
}

function listAdmins(options: CommonOptions & { json?: boolean }): void {
  withStore(options, (db) => {
    const rows = listAgentAdmins(db).map(({ id, email, displayName }) => ({ id, email, displayName }));
    if (options.json) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    else for (const row of rows) process.stdout.write(`${row.id}  ${row.email}  ${row.displayName}\n`);
  });
}

/**
 * `admin grant|revoke|list`: agent administrators own the agent-wide resources (database servers,
 * storages, the reconcile report, server metrics), apart from any organization role.
 */
export function adminCommands(program: Command): void {
  const admin = program
    .command('admin')
    .description('manage agent administrators: they own database servers, storages and the engine');
  withCommonOptions(admin.command('grant'))
    .description('make a user an agent administrator (takes effect on their next request)')
    .argument('<email>', "the user's email")
    .action(setAdmin(true));
  withCommonOptions(admin.command('revoke'))
    .description('take agent administration away from a user (never the last administrator)')
    .argument('<email>', "the user's email")
    .action(setAdmin(false));
  withCommonOptions(admin.command('list'))
    .description('list the agent administrators')
    .option('--json', 'print JSON')
    .action(listAdmins);
}
