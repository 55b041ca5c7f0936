import { GetRunnerRun, ListPlaybooks, ListRunnerRuns, RunPlaybook } from '@paas/protocol';
import { actorOf } from '../caller';
import type { RunnerService } from '../services/runners/runnerService';
import { requireAction } from './authorize';
import { defineHandler } from './handler';

/** Viewing playbooks and runs needs project access; running one needs the environment's deploy right. */
export function runnerHandlers(runners: RunnerService) {
  return [
    defineHandler({
      type: ListPlaybooks,
      authorize: (params, context) => requireAction(context, 'runner.read', { projectId: params.projectId }),
      handle: (params) => runners.playbooks(params.projectId, params.ref),
    }),
    defineHandler({
      type: RunPlaybook,
      authorize: (params, context) =>
        requireAction(context, 'runner.run', {
          projectId: params.projectId,
          environmentType: params.environmentType,
        }),
      handle: async (params, context) => ({ run: await runners.run(params, actorOf(context.caller)) }),
      target: (params) => `playbook:${params.playbook}`,
    }),
    defineHandler({
      type: ListRunnerRuns,
      authorize: (params, context) => requireAction(context, 'runner.read', { projectId: params.projectId }),
      handle: (params) => ({ runs: runners.list(params) }),
    }),
    defineHandler({
      type: GetRunnerRun,
      authorize: (params, context) =>
        requireAction(context, 'runner.read', { projectId: runners.record(params.runId).projectId }),
      handle: (params) => runners.get(params.runId),
    }),
  ];
}
