import * as vscode from 'vscode';

/** A logger for one component: every line is tagged `[component]` in the one PaaS.sh output channel. */
export interface Log {
  trace(message: string, ...args: unknown[]): void;
  debug(message: string, ...args: unknown[]): void;
  info(message: string, ...args: unknown[]): void;
  warn(message: string, ...args: unknown[]): void;
  error(message: string | Error, ...args: unknown[]): void;
  /** A logger for a sub-component, tagged `[parent/child]`. */
  scope(component: string): Log;
}

/** The extension's single LogOutputChannel; its level follows the user's "Set Log Level" choice. */
export function createLogChannel(): vscode.LogOutputChannel {
  return vscode.window.createOutputChannel('PaaS.sh', { log: true });
}

/** Wraps the channel in a logger that tags lines with `component`. Never pass it a token or a key. */
export function scopedLog(channel: vscode.LogOutputChannel, component: string): Log {
  const tag = `[${component}]`;
  return {
    trace: (message, ...args) => channel.trace(`${tag} ${message}`, ...args),
    debug: (message, ...args) => channel.debug(`${tag} ${message}`, ...args),
    info: (message, ...args) => channel.info(`${tag} ${message}`, ...args),
    warn: (message, ...args) => channel.warn(`${tag} ${message}`, ...args),
    error: (message, ...args) =>
      channel.error(message instanceof Error ? `${tag} ${message.message}` : `${tag} ${message}`, ...args),
    scope: (child) => scopedLog(channel, `${component}/${child}`),
  };
}
