import type { Command } from 'commander';
import { hostname } from 'node:os';
import { EmailSchema, ROLES, type Role } from '@paas/protocol';
import { TokenService } from '../services/tokens';
import { UserService } from '../services/users';
import { inTransaction, type Db } from '../store/database';
import { findMembership } from '../store/memberships';
import { ensureFirstOrganization, listOrganizations } from '../store/organizations';
import { listUsers } from '../store/users';
import {
  CliError,
  auditCli,
  parseDuration,
  parseRole,
  withCommonOptions,
  withStore,
  type CommonOptions,
} from './options';

interface CreateOptions extends CommonOptions {
  name: string;
  role?: Role;
  user?: string;
  /** Milliseconds from now (`--expires 30d`). */
  expires?: number;
}

/** The token's user: the one named by `--user`, or one per token name (the foundation's `--role` form). */
function tokenUser(db: Db, options: CreateOptions, organizationId: string) {
  const users = new UserService(db);
  if (options.user !== undefined) {
    const email = EmailSchema.safeParse(options.user);
    const user = email.success ? users.findByEmail(email.data) : undefined;
    if (!user) throw new CliError(`no user with email "${options.user}"; create one with \`user create\``);
    if (options.role) users.setRole(organizationId, user.id, options.role);
    return user;
  }
  if (!options.role) throw new CliError('give --role (a user per token name) or --user <email>');
  const user = users.ensureForTokenName(options.name);
  users.setRole(organizationId, user.id, options.role);
  return user;
}

function createToken(options: CreateOptions): void {
  withStore(options, (db) => {
    const { record, token, user, organizationId } = inTransaction(db, () => {
      const organizationId = ensureFirstOrganization(db, hostname()).id;
      const user = tokenUser(db, options, organizationId);
      const expiresAt = options.expires ? new Date(Date.now() + options.expires).toISOString() : null;
      return { ...new TokenService(db).create(options.name, user.id, expiresAt), user, organizationId };
    });
    auditCli(db, {
      action: 'token/create',
      target: `token:${record.id}`,
      params: { name: record.name, user: user.email, role: options.role, expiresAt: record.expiresAt },
      organizationId,
    });
    const until = record.expiresAt ? `, valid until ${record.expiresAt}` : '';
    process.stderr.write(
      `created token ${record.id} "${record.name}" for ${user.email}${until}; it is shown only now:\n`,
    );
    process.stdout.write(`${token}\n`);
  });
}

function listTokens(options: CommonOptions & { json?: boolean }): void {
  withStore(options, (db) => {
    const emails = new Map(listUsers(db).map((user) => [user.id, user.email]));
    const firstOrganization = listOrganizations(db)[0];
    // `role` is the token user's role in the first organization, as `token create --role` sets it.
    const roleOf = (userId: string) =>
      (firstOrganization && findMembership(db, firstOrganization.id, userId)?.role) ?? null;
    const rows = new TokenService(db).list().map(({ secretHash: _hash, userId, ...rest }) => ({
      ...rest,
      user: emails.get(userId) ?? null,
      role: roleOf(userId),
    }));
    if (options.json) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    else
      for (const row of rows) {
        const state = row.revokedAt ? `revoked ${row.revokedAt}` : `last used ${row.lastUsedAt ?? 'never'}`;
        const expiry = row.expiresAt ? `expires ${row.expiresAt}` : 'no expiry';
        const who = `${row.user} (${row.role ?? 'no role'})`;
        process.stdout.write(
          `${row.id}  ${row.name}  ${who}  created ${row.createdAt}  ${expiry}  ${state}\n`,
        );
      }
  });
}

function revokeToken(idOrName: string, options: CommonOptions): void {
  withStore(options, (db) => {
    const revoked = new TokenService(db).revoke(idOrName);
    if (!revoked) throw new CliError(`no active token "${idOrName}"`);
    auditCli(db, { action: 'token/revoke', target: `token:${revoked.id}`, params: { id: revoked.id } });
    process.stdout.write(`revoked ${revoked.id} "${revoked.name}"\n`);
  });
}

export function tokenCommands(program: Command): void {
  const token = program.command('token').description('manage API tokens (works while the agent runs)');
  withCommonOptions(token.command('create'))
    .description(
      'create a token and print it once; only its hash is stored. With --role alone, the token gets a user ' +
        'of its own (<name>@tokens.local) holding that role in the first organization',
    )
    .requiredOption('-n, --name <name>', 'a name to recognise the token by')
    .option('-r, --role <role>', `the user's role in the first organization: ${ROLES.join(', ')}`, parseRole)
    .option('-u, --user <email>', 'the existing user the token belongs to')
    .option(
      '--expires <duration>',
      'end the token after this long (e.g. 30d, 12h, 45m); its open sessions close then',
      parseDuration,
    )
    .action(createToken);
  withCommonOptions(token.command('list'))
    .description('list tokens (never their secrets)')
    .option('--json', 'print JSON')
    .action(listTokens);
  withCommonOptions(token.command('revoke'))
    .description('revoke a token by id or name; its open connections are closed at once')
    .argument('<token>', 'token id or name')
    .action(revokeToken);
}
