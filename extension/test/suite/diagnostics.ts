/**
 * Spurious notifications and logged errors fail the in-host suite: every error or warning notification the
 * extension shows, and every `[error]` line in its log channel, is collected while a test runs, and a root
 * `afterEach` fails the test that produced one unless the test allowed it (`allowDiagnostics`), because
 * the path it exercises is meant to show it. A toast like "PaaS.sh: undefined" can no longer pass.
 */
import * as vscode from 'vscode';
import { control } from './helpers';

const collected: string[] = [];
let allowed: RegExp[] = [];

/**
 * Records the extension's notifications. The test files and the extension share one `vscode` API object
 * (the extension host hands one to each extension, and the suite lives inside this one), so wrapping its
 * `window` functions sees every call the extension makes. Modal dialogs are questions, not notifications.
 */
export function watchNotifications(): void {
  const window = vscode.window as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const [name, severity] of [
    ['showErrorMessage', 'error'],
    ['showWarningMessage', 'warning'],
  ] as const) {
    const original = window[name]!;
    window[name] = (message: unknown, ...rest: unknown[]) => {
      const modal = (rest[0] as { modal?: boolean } | undefined)?.modal === true;
      if (!modal) collected.push(`${severity} notification: ${String(message)}`);
      return original.call(vscode.window, message, ...rest);
    };
  }
}

/** Lets the running test show notifications or log errors matching `patterns` (it expects them). */
export function allowDiagnostics(...patterns: RegExp[]): void {
  allowed.push(...patterns);
}

/** Fails with what the test showed or logged that it did not allow; resets for the next test. */
export async function assertNoUnexpectedDiagnostics(): Promise<void> {
  // Error lines the driver read from the extension's log file since the last test (none without a driver).
  const logged = ((await control('/log/errors')) as string[] | undefined) ?? [];
  const found = [...collected.splice(0), ...logged.map((line) => `log: ${line}`)];
  const unexpected = found.filter((entry) => !allowed.some((pattern) => pattern.test(entry)));
  allowed = [];
  if (unexpected.length > 0)
    throw new Error(`unexpected notifications or logged errors:\n  ${unexpected.join('\n  ')}`);
}
