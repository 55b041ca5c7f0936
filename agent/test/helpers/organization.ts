import {
  AddCollaborator,
  CreateEnvironment,
  CreateProject,
  ROLES,
  type EnvironmentType,
  type ParamsOf,
  type PlanTier,
  type Role,
} from '@paas/protocol';
import { runAgentCli, startAgentProcess, type AgentProcess } from './agentProcess';
import { TestClient } from './client';

/** A person of the organization: their email, their role there and a connected client. */
export interface Person {
  readonly email: string;
  readonly role: Role;
  readonly token: string;
  readonly client: TestClient;
  readonly userId: string;
}

/** Runs an agent CLI command against the agent's data directory; fails the test when it fails. */
export function cli(agent: AgentProcess, ...args: string[]): string {
  const result = runAgentCli(agent.dataDir, args);
  if (result.status !== 0) throw new Error(`paas-agent ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout.trim();
}

/** A user with a role in the agent's first organization, a token and an initialized connection. */
export async function person(agent: AgentProcess, role: Role, email: string): Promise<Person> {
  cli(agent, 'user', 'create', '--email', email, '--name', `${role} ${email}`, '--role', role);
  const token = cli(agent, 'token', 'create', '--name', `token-${email}`, '--user', email);
  const client = await TestClient.connect(agent.url, token);
  const { caller } = await client.initialize();
  return { email, role, token, client, userId: caller.user.id };
}

/** The first owner, made with `paas-agent init`. */
export async function owner(agent: AgentProcess, email = 'owner@example.com'): Promise<Person> {
  const token = cli(agent, 'init', '--email', email, '--name', 'The Owner');
  const client = await TestClient.connect(agent.url, token);
  const { caller } = await client.initialize();
  return { email, role: 'owner', token, client, userId: caller.user.id };
}

/** One person per role, the owner first (made with `init`). */
export async function everyRole(agent: AgentProcess): Promise<Record<Role, Person>> {
  const people = {} as Record<Role, Person>;
  people.owner = await owner(agent);
  for (const role of ROLES.filter((r) => r !== 'owner'))
    people[role] = await person(agent, role, `${role.toLowerCase()}@example.com`);
  return people;
}

export function projectParams(
  name: string,
  options: { tier?: PlanTier; type?: EnvironmentType; organizationId?: string } = {},
): ParamsOf<typeof CreateProject> {
  return {
    organizationId: options.organizationId,
    name,
    deploymentType: 'odoo',
    registry: { url: 'file:///nonexistent/repo.git', credentials: { kind: 'none' } },
    domainProvider: { kind: 'none' },
    plan: { tier: options.tier ?? 'premium', billing: 'monthly' },
    configuration: { odooVersion: '18.0', edition: 'community', excludedAddons: [] },
    firstEnvironment: { type: options.type ?? 'development' },
  };
}

/** A project with all three environments, created by `creator`; returns its id and environment ids. */
export async function projectWithEveryEnvironment(
  creator: TestClient,
  name: string,
  overrides: Partial<ParamsOf<typeof CreateProject>> = {},
): Promise<{ projectId: string; environmentIds: Record<EnvironmentType, string> }> {
  const { project, environment } = await creator.request(CreateProject, {
    ...projectParams(name),
    ...overrides,
  });
  const environmentIds = { development: environment.id } as Record<EnvironmentType, string>;
  for (const type of ['staging', 'production'] as const) {
    const created = await creator.request(CreateEnvironment, { projectId: project.id, type });
    environmentIds[type] = created.environment.id;
  }
  return { projectId: project.id, environmentIds };
}

/** Grants `role` on a project to an organization member, by email. */
export async function grant(
  admin: TestClient,
  projectId: string,
  email: string,
  role: ParamsOf<typeof AddCollaborator>['role'],
): Promise<string> {
  const { collaborator } = await admin.request(AddCollaborator, {
    projectId,
    grantee: { kind: 'user', email },
    role,
  });
  return collaborator.id;
}

export async function closeAll(people: Iterable<Person>): Promise<void> {
  for (const p of people) await p.client.close();
}

/** A fresh agent, its owner, and every person a suite connects (closed after the suite). */
export interface OwnedAgent {
  readonly agent: AgentProcess;
  readonly boss: Person;
  /** Push each person the suite makes, so their connections close before the agent stops. */
  readonly people: Person[];
}

/** Mocha hooks: an agent and its owner before the enclosing suite's tests; all closed after them. */
export function useOwnedAgent(options: Parameters<typeof startAgentProcess>[0] = {}): OwnedAgent {
  const suite = { people: [] as Person[] } as { agent?: AgentProcess; boss?: Person; people: Person[] };
  before(async () => {
    suite.agent = await startAgentProcess(options);
    suite.boss = await owner(suite.agent);
    suite.people.push(suite.boss);
  });
  after(async () => {
    await closeAll(suite.people);
    await suite.agent?.stop();
  });
  return suite as OwnedAgent;
}
