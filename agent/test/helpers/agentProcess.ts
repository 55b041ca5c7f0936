import { strict as assert } from 'node:assert';
import {
  runningAgentProcesses,
  startAgentProcess,
  type AgentProcess,
} from '@paas/scripts/out/src/agentProcess';

// One implementation, shared with the benchmark (scripts/src/agentProcess.ts).
export {
  AGENT_BIN,
  AgentStartError,
  runAgentCli,
  runAgentCommand,
  runningAgentProcesses,
  startAgentProcess,
  type AgentProcess,
} from '@paas/scripts/out/src/agentProcess';

/**
 * A root hook, registered once when a test file first imports this helper: the run fails when a test
 * left an agent process running, and the leftover is killed so it cannot outlive mocha.
 */
after(function noAgentLeftRunning() {
  const leftover = runningAgentProcesses();
  for (const child of leftover) child.kill('SIGKILL');
  if (leftover.length > 0)
    throw new Error(
      `${leftover.length} agent process(es) were left running: pids ${leftover.map((c) => c.pid).join(', ')}`,
    );
});

/**
 * Starts one agent for the enclosing `describe` (before its tests) and stops it after them, failing
 * unless it exits cleanly. Returns a getter, since the agent exists only once the hook ran.
 */
export function useAgent(options: Parameters<typeof startAgentProcess>[0] = {}): () => AgentProcess {
  let agent: AgentProcess | undefined;
  before(async () => {
    agent = await startAgentProcess(options);
  });
  after(async () => {
    if (agent) assert.equal(await agent.stop(), 0, 'the agent exits with 0 on SIGTERM');
  });
  return () => {
    if (!agent) throw new Error('the agent has not started');
    return agent;
  };
}
