import { AppDidLog, StopAppLogs, StreamAppLogs, type LogLine } from '@paas/protocol';
import * as vscode from 'vscode';
import type { AgentConnection } from '../client/agentConnection';

const RED = '\x1b[31m';
const YELLOW = '\x1b[33m';
const DIM = '\x1b[2m';
const RESET = '\x1b[0m';
const CTRL_C = '\x03';
/** Lines kept for the API (tests, "copy"): the terminal itself keeps its own scrollback. */
const KEPT_LINES = 2000;

function colour(line: LogLine): string {
  const text = line.raw.replace(/\r?\n/g, '\r\n');
  if (line.level === 'ERROR' || line.level === 'CRITICAL') return `${RED}${text}${RESET}`;
  if (line.level === 'WARNING') return `${YELLOW}${text}${RESET}`;
  return text;
}

/**
 * An app's log in a terminal: the last `tail` lines, then new ones as they come (follow). Ctrl+C stops
 * following; closing the terminal ends the stream on the agent.
 */
export class AppLogTerminal implements vscode.Pseudoterminal {
  private readonly written = new vscode.EventEmitter<string>();
  readonly onDidWrite = this.written.event;
  private readonly closed = new vscode.EventEmitter<void>();
  readonly onDidClose = this.closed.event;
  private streamId: string | undefined;
  private subscription: vscode.Disposable | undefined;
  /** The raw lines received so far (the last {@link KEPT_LINES}). */
  readonly lines: string[] = [];

  constructor(
    private readonly connection: AgentConnection,
    private readonly appId: string,
    private readonly appName: string,
    private readonly options: { tail: number; follow: boolean },
  ) {}

  open(): void {
    this.write(`${DIM}PaaS.sh: logs of ${this.appName} (Ctrl+C stops following)${RESET}\r\n`);
    this.subscription = this.connection.onNotification(AppDidLog, ({ streamId, lines, ended }) => {
      if (streamId !== this.streamId) return;
      for (const line of lines) this.append(line);
      if (ended) this.finish('the stream ended');
    });
    this.connection.request(StreamAppLogs, { appId: this.appId, ...this.options }).then(
      ({ streamId }) => (this.streamId = streamId),
      (error: unknown) => this.finish(`cannot stream logs: ${(error as Error).message}`),
    );
  }

  handleInput(data: string): void {
    if (data === CTRL_C) this.stop('stopped following');
  }

  close(): void {
    this.stop(undefined);
    this.written.dispose();
    this.closed.dispose();
  }

  private append(line: LogLine): void {
    this.lines.push(line.raw);
    if (this.lines.length > KEPT_LINES) this.lines.splice(0, this.lines.length - KEPT_LINES);
    this.write(`${colour(line)}\r\n`);
  }

  private stop(reason: string | undefined): void {
    const streamId = this.streamId;
    if (streamId) this.connection.request(StopAppLogs, { streamId }).catch(() => undefined);
    if (reason) this.finish(reason);
    else this.cleanup();
  }

  private finish(reason: string): void {
    this.write(`${DIM}[${reason}]${RESET}\r\n`);
    this.cleanup();
  }

  private cleanup(): void {
    this.streamId = undefined;
    this.subscription?.dispose();
    this.subscription = undefined;
  }

  private write(text: string): void {
    this.written.fire(text);
  }
}
