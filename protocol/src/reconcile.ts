import { z } from 'zod';
import { IdSchema, TimestampSchema } from './common';
import { defineRequest } from './define';

/** A container carrying the agent's labels that no app of the store accounts for. Reported, never deleted. */
export const UnknownContainerSchema = z.object({
  containerId: z.string().describe('Docker\u2019s container id.'),
  name: z.string().describe('Docker\u2019s container name.'),
  labels: z.record(z.string(), z.string()).describe('Its `sh.paas.*` labels, as found.'),
  state: z.string().describe('Docker\u2019s state of it, e.g. `running` or `exited`.'),
});

/** What the agent found and did when it matched Docker's containers to its store at start. */
export const ReconcileReportSchema = z.object({
  ranAt: TimestampSchema.describe('When the agent reconciled (ISO 8601 UTC).'),
  resumedApps: z
    .array(IdSchema)
    .describe('Apps whose container was found and whose traffic is served again.'),
  restartedApps: z
    .array(IdSchema)
    .describe('Apps that should run but whose container was stopped: started again.'),
  missingContainers: z.array(IdSchema).describe('Apps whose current container is gone: marked `error`.'),
  interruptedJobs: z
    .array(IdSchema)
    .describe(
      'Jobs that were running when the agent stopped: marked `interrupted`, retryable with `apps/retry`.',
    ),
  unknownContainers: z
    .array(UnknownContainerSchema)
    .describe('Containers with the agent\u2019s labels that no app accounts for: reported, never deleted.'),
});
export type ReconcileReport = z.infer<typeof ReconcileReportSchema>;

export const GetReconcileReport = defineRequest({
  method: 'servers/reconcileReport',
  kind: 'query',
  doc: 'Returns what the agent reconciled at its last start: all of it for agent administrators (unknown containers included), else only the apps and jobs of projects the caller sees.',
  params: z.object({}),
  result: z.object({
    report: ReconcileReportSchema.nullable().describe(
      'What the agent did at its last start; `null` until its first reconciliation has run.',
    ),
  }),
});
