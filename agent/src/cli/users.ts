import type { Command } from 'commander';
import { hostname } from 'node:os';
import { DisplayNameSchema, EmailSchema, ROLES, type Role } from '@paas/protocol';
import { TokenService } from '../services/tokens';
import { UserService } from '../services/users';
import { inTransaction } from '../store/database';
import { listMembershipsOfUser } from '../store/memberships';
import { ensureFirstOrganization } from '../store/organizations';
import { listUsers } from '../store/users';
import { CliError, auditCli, parseRole, withCommonOptions, withStore, type CommonOptions } from './options';

function checked<T>(
  schema: { safeParse(value: unknown): { success: true; data: T } | { success: false } },
  value: string,
  what: string,
): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new CliError(`${what} "${value}" is not valid`);
  return parsed.data;
}

function createUser(options: CommonOptions & { email: string; name: string; role?: Role }): void {
  const email = checked(EmailSchema, options.email, 'email');
  const name = checked(DisplayNameSchema, options.name, 'name');
  withStore(options, (db) => {
    const { user, organizationId } = inTransaction(db, () => {
      const users = new UserService(db);
      const user = users.create(email, name);
      const organizationId = options.role ? ensureFirstOrganization(db, hostname()).id : undefined;
      if (organizationId && options.role) users.setRole(organizationId, user.id, options.role);
      return { user, organizationId };
    });
    auditCli(db, {
      action: 'user/create',
      target: `user:${user.id}`,
      params: { email, role: options.role },
      organizationId,
    });
    process.stdout.write(`${user.id}\n`);
  });
}

function listAllUsers(options: CommonOptions & { json?: boolean }): void {
  withStore(options, (db) => {
    const rows = listUsers(db).map((user) => ({
      ...user,
      memberships: listMembershipsOfUser(db, user.id).map(({ organizationId, role }) => ({
        organizationId,
        role,
      })),
    }));
    if (options.json) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    else
      for (const row of rows) {
        const roles =
          row.memberships.map((m) => `${m.role}@${m.organizationId}`).join(' ') || 'no organization';
        process.stdout.write(`${row.id}  ${row.email}  ${row.displayName}  ${roles}\n`);
      }
  });
}

/** The first owner: a user owning the agent's first organization, and a token printed once. */
function initialize(options: CommonOptions & { email: string; name: string; tokenName?: string }): void {
  const email = checked(EmailSchema, options.email, 'email');
  const name = checked(DisplayNameSchema, options.name, 'name');
  withStore(options, (db) => {
    const { organization, user, record, token } = inTransaction(db, () => {
      const organization = ensureFirstOrganization(db, hostname());
      const user = new UserService(db).initialize(organization, email, name);
      return { organization, user, ...new TokenService(db).create(options.tokenName ?? email, user.id) };
    });
    auditCli(db, {
      action: 'agent/init',
      target: `user:${user.id}`,
      params: { email },
      organizationId: organization.id,
    });
    process.stderr.write(
      `${user.email} owns organization "${organization.name}"; token ${record.id} is shown only now:\n`,
    );
    process.stdout.write(`${token}\n`);
  });
}

export function userCommands(program: Command): void {
  withCommonOptions(program.command('init'))
    .description("make the first owner: a user owning the agent's organization, and print their token")
    .requiredOption('-e, --email <email>', "the owner's email")
    .requiredOption('-n, --name <name>', "the owner's display name")
    .option('--token-name <name>', 'a name for the token (default: the email)')
    .action(initialize);
  const user = program.command('user').description('manage users (people holding tokens)');
  withCommonOptions(user.command('create'))
    .description('create a user and print their id; give them a token with `token create --user`')
    .requiredOption('-e, --email <email>', 'their email (invitations are matched on it)')
    .requiredOption('-n, --name <name>', 'their display name')
    .option(
      '-r, --role <role>',
      `make them a member of the first organization: ${ROLES.join(', ')}`,
      parseRole,
    )
    .action(createUser);
  withCommonOptions(user.command('list'))
    .description('list users and their organization roles')
    .option('--json', 'print JSON')
    .action(listAllUsers);
}
