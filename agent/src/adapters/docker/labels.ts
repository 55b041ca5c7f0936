/**
 * Docker labels the agent puts on everything it creates. Reconcile finds its containers by these labels
 * alone (never by name), and metrics map containers to apps through them.
 */
export const LABELS = {
  /** `true` on every container and volume the agent manages. */
  managed: 'sh.paas.managed',
  /** The id of the server (agent) that created it. */
  server: 'sh.paas.server',
  project: 'sh.paas.project',
  environment: 'sh.paas.environment',
  app: 'sh.paas.app',
  /** The Git commit SHA the container runs. */
  commit: 'sh.paas.commit',
  /** The app revision (deploy counter) the container belongs to; two can run side by side during an update. */
  revision: 'sh.paas.revision',
} as const;
