import { DestroyApp, Initialize, ListApps, ListProjects, Peer, PROTOCOL_VERSION } from '@paas/protocol';
import WebSocket from 'ws';
import { runAgentCli, startAgentProcess, type AgentProcess } from '../agentProcess';
import { dockerClient, writeTestAgentConfig } from '../testkit/index';

/** The agent the extension tests talk to, over TLS, with tokens made through its CLI. */
export interface TestAgent {
  url: string;
  port: number;
  fingerprint: string;
  /** The first owner's token, made by `paas-agent init` as a real install does: an agent administrator. */
  ownerToken: string;
  createToken(role: 'owner' | 'viewer', name: string): string;
  /** A token of a new user who belongs to no organization (they join one by invitation). */
  createOutsiderToken(email: string, name: string): string;
  /** Removes what the tests left on Docker and PostgreSQL, then stops the agent. */
  stop(): Promise<void>;
}

/** An owner's session on the agent, for cleaning up after the suite. */
async function openPeer(url: string, token: string): Promise<{ peer: Peer; close(): void }> {
  // The runner started this agent itself; the extension under test is what checks certificates.
  const socket = new WebSocket(url, {
    rejectUnauthorized: false,
    headers: { Authorization: `Bearer ${token}` },
  });
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  const peer = new Peer((text) => socket.send(text));
  socket.on('message', (data: Buffer) => peer.receive(data.toString('utf8')));
  await peer.request(Initialize, {
    protocolVersion: PROTOCOL_VERSION,
    client: { name: 'vscode-test-runner', version: '0' },
  });
  return { peer, close: () => socket.close() };
}

/** Destroys every app the suite left (the agent is fresh: all of them are the suite's), then any container. */
async function cleanup(url: string, token: string): Promise<void> {
  const { peer, close } = await openPeer(url, token);
  try {
    const { projects } = await peer.request(ListProjects, {});
    for (const project of projects) {
      const { apps } = await peer.request(ListApps, { projectId: project.id, includeDisabled: true });
      for (const app of apps)
        await peer
          .request(DestroyApp, { appId: app.id, confirmName: app.name, skipFinalBackup: true })
          .catch(() => undefined);
      const docker = dockerClient();
      const left = await docker.listContainers({
        all: true,
        filters: { label: [`sh.paas.project=${project.id}`] },
      });
      await Promise.all(left.map((c) => docker.getContainer(c.Id).remove({ force: true, v: true })));
    }
  } finally {
    close();
  }
}

const OWNER_EMAIL = 'owner@example.com';

/** Runs the agent CLI on the test agent's data directory and returns what it printed (a token). */
function agentCli(agent: AgentProcess, args: string[]): string {
  const result = runAgentCli(agent.dataDir, args);
  if (result.status !== 0) throw new Error(`paas-agent ${args[0]} failed: ${result.stderr}`);
  return result.stdout.trim();
}

/**
 * Starts a real agent with TLS on the local Docker engine and PostgreSQL, apps on the stand-in Odoo
 * image (built if missing), so the suite can deploy a branch for real.
 */
export async function startTestAgent(scratch: string): Promise<TestAgent> {
  // Slower health answers than the agent's own suites: code-server and Chromium share the machine. Runners
  // are on so the Runners suite runs a playbook of the test workspace (`.paas/runners/`).
  const configFile = await writeTestAgentConfig(scratch, { healthTimeoutSeconds: 90, runnersEnabled: true });
  const agent = await startAgentProcess({ tls: true, env: { PAAS_AGENT_CONFIG: configFile } });
  if (!agent.fingerprint) throw new Error('the agent serves no certificate');
  // The owner comes first, from init, so it owns the organization and administers the agent (servers.manage).
  const ownerToken = agentCli(agent, ['init', '--email', OWNER_EMAIL, '--name', 'VS Code Owner']);
  const cleanupToken = agentCli(agent, [
    'token',
    'create',
    '--name',
    'vscode-test-cleanup',
    '--user',
    OWNER_EMAIL,
  ]);
  return {
    url: agent.url,
    port: agent.port,
    fingerprint: agent.fingerprint,
    ownerToken,
    createToken: (role, name) => agent.createToken(role, name),
    createOutsiderToken: (email, name) => {
      agentCli(agent, ['user', 'create', '--email', email, '--name', name]);
      return agentCli(agent, ['token', 'create', '--name', `vscode-${name}`, '--user', email]);
    },
    stop: async () => {
      await cleanup(agent.url, cleanupToken).catch((error: unknown) =>
        console.error(`cleanup failed: ${String(error)}`),
      );
      await agent.stop();
    },
  };
}
