import * as vscode from 'vscode';
import type { AgentConnection } from '../client/agentConnection';
import { AppLogTerminal } from './logTerminal';
import { RunnerLogTerminal } from './runnerLogTerminal';

/** How many past lines a new log terminal shows first. */
const TAIL_LINES = 200;

/**
 * The open log terminals, one per app and one per runner run: showing an app's logs (or a run's) again
 * focuses its terminal.
 */
export class LogStreams implements vscode.Disposable {
  private readonly open = new Map<string, { terminal: vscode.Terminal; pty: AppLogTerminal }>();
  private readonly runs = new Map<string, { terminal: vscode.Terminal; pty: RunnerLogTerminal }>();
  private readonly subscription = vscode.window.onDidCloseTerminal((closed) => {
    for (const [appId, entry] of this.open) if (entry.terminal === closed) this.open.delete(appId);
    for (const [runId, entry] of this.runs) if (entry.terminal === closed) this.runs.delete(runId);
  });

  show(connection: AgentConnection, appId: string, appName: string): AppLogTerminal {
    const existing = this.open.get(appId);
    if (existing) {
      existing.terminal.show();
      return existing.pty;
    }
    const pty = new AppLogTerminal(connection, appId, appName, { tail: TAIL_LINES, follow: true });
    const terminal = vscode.window.createTerminal({
      name: `PaaS logs: ${appName}`,
      pty,
      iconPath: new vscode.ThemeIcon('output'),
      isTransient: true,
    });
    this.open.set(appId, { terminal, pty });
    terminal.show();
    return pty;
  }

  /** A runner run's log: what it printed so far, then live until it ends. */
  showRun(connection: AgentConnection, runId: string, title: string): RunnerLogTerminal {
    const existing = this.runs.get(runId);
    if (existing) {
      existing.terminal.show();
      return existing.pty;
    }
    const pty = new RunnerLogTerminal(connection, runId, title);
    const terminal = vscode.window.createTerminal({
      name: `PaaS runner: ${title}`,
      pty,
      iconPath: new vscode.ThemeIcon('play-circle'),
      isTransient: true,
    });
    this.runs.set(runId, { terminal, pty });
    terminal.show();
    return pty;
  }

  /** Whether a terminal is one of ours (traceback links apply only there). */
  owns(terminal: vscode.Terminal): boolean {
    for (const entry of this.open.values()) if (entry.terminal === terminal) return true;
    return false;
  }

  dispose(): void {
    this.subscription.dispose();
    for (const entry of [...this.open.values(), ...this.runs.values()]) entry.terminal.dispose();
    this.open.clear();
    this.runs.clear();
  }
}
