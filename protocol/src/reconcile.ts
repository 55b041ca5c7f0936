import { z } from 'zod';
import { IdSchema, TimestampSchema } from './common';
import { defineRequest } from './define';

/** A container carrying the agent's labels that no app of the store accounts for. Reported, never deleted. */
export const UnknownContainerSchema = z.object({
  containerId: z.string(),
  name: z.string(),
  /** Its `sh.paas.*` labels, as found. */
  labels: z.record(z.string(), z.string()),
  state: z.string(),
});

/** What the agent found and did when it matched Docker's containers to its store at start. */
export const ReconcileReportSchema = z.object({
  ranAt: TimestampSchema,
  /** Apps whose container was found and whose traffic is served again. */
  resumedApps: z.array(IdSchema),
  /** Apps that should run but whose container was stopped: started again. */
  restartedApps: z.array(IdSchema),
  /** Apps whose current container is gone: marked `error`. */
  missingContainers: z.array(IdSchema),
  /** Jobs that were running when the agent stopped: marked `interrupted`, retryable with `apps/retry`. */
  interruptedJobs: z.array(IdSchema),
  unknownContainers: z.array(UnknownContainerSchema),
});
export type ReconcileReport = z.infer<typeof ReconcileReportSchema>;

export const GetReconcileReport = defineRequest({
  method: 'servers/reconcileReport',
  kind: 'query',
  doc: 'Returns what the agent reconciled at its last start: all of it for agent administrators (unknown containers included), else only the apps and jobs of projects the caller sees.',
  params: z.object({}),
  result: z.object({ report: ReconcileReportSchema.nullable() }),
});
