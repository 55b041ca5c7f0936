import {
  GetRunnerRun,
  JobDidProgress,
  PENDING_JOB_STATES,
  RunnerDidLog,
  type JobState,
} from '@paas/protocol';
import * as vscode from 'vscode';
import type { AgentConnection } from '../client/agentConnection';

const DIM = '\x1b[2m';
const RESET = '\x1b[0m';
/** Lines kept for the API (tests, "copy"): the terminal itself keeps its own scrollback. */
const KEPT_LINES = 2000;

const isFinal = (state: JobState): boolean => !PENDING_JOB_STATES.includes(state);

/**
 * A runner run's log in a terminal, as app logs are shown: what `ansible-playbook` printed so far
 * (`runners/get`), then its lines live (`runners/didLog`) until the run's job ends.
 */
export class RunnerLogTerminal implements vscode.Pseudoterminal {
  private readonly written = new vscode.EventEmitter<string>();
  readonly onDidWrite = this.written.event;
  private readonly closed = new vscode.EventEmitter<void>();
  readonly onDidClose = this.closed.event;
  private subscriptions: vscode.Disposable[] = [];
  /** The lines received so far (the last {@link KEPT_LINES}). */
  readonly lines: string[] = [];

  constructor(
    private readonly connection: AgentConnection,
    private readonly runId: string,
    private readonly title: string,
  ) {}

  open(): void {
    this.write(`${DIM}PaaS.sh: ${this.title}${RESET}\r\n`);
    // Lines that arrive before `runners/get` answers are already in its log: the agent stores each line
    // before broadcasting it, and the socket keeps the order.
    let caughtUp = false;
    this.subscriptions.push(
      this.connection.onNotification(RunnerDidLog, ({ runId, text }) => {
        if (runId === this.runId && caughtUp) this.append(text);
      }),
      this.connection.onNotification(JobDidProgress, ({ job }) => {
        if (job.id === this.runId && caughtUp && isFinal(job.state)) this.finish(`run ${job.state}`);
      }),
    );
    this.connection.request(GetRunnerRun, { runId: this.runId }).then(
      ({ run, log }) => {
        caughtUp = true;
        if (log) this.append(log);
        if (isFinal(run.job.state)) this.finish(`run ${run.job.state}`);
      },
      (error: unknown) => this.finish(`cannot read the run: ${(error as Error).message}`),
    );
  }

  close(): void {
    this.cleanup();
    this.written.dispose();
    this.closed.dispose();
  }

  private append(text: string): void {
    const lines = text.replace(/\n$/, '').split(/\r?\n/);
    this.lines.push(...lines);
    if (this.lines.length > KEPT_LINES) this.lines.splice(0, this.lines.length - KEPT_LINES);
    this.write(`${lines.join('\r\n')}\r\n`);
  }

  private finish(reason: string): void {
    this.write(`${DIM}[${reason}]${RESET}\r\n`);
    this.cleanup();
  }

  private cleanup(): void {
    for (const subscription of this.subscriptions.splice(0)) subscription.dispose();
  }

  private write(text: string): void {
    this.written.fire(text);
  }
}
