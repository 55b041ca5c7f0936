import { runningAgentProcesses } from '@paas/scripts/out/src/agentProcess';

// One implementation, shared with the benchmark (scripts/src/agentProcess.ts).
export {
  AGENT_BIN,
  AgentStartError,
  runAgentCli,
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
