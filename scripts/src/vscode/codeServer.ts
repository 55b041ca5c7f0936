import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';

export interface CodeServerOptions {
  /** Where install-code-server.sh put it. */
  installDir: string;
  /** Scratch directory for user data, settings and logs (wiped first). */
  runDir: string;
  port: number;
  workspace: string;
  /** Extra environment for the server, and so for the extension host it spawns. */
  env: NodeJS.ProcessEnv;
}

export interface RunningCodeServer {
  readonly url: string;
  readonly child: ChildProcess;
  /** Ends the server's whole process group: extension host, pty host and file watcher with it. */
  stop(): Promise<void>;
}

/** Settings that keep the workbench quiet: no welcome page, walkthroughs, telemetry or update checks. */
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'workbench.enableExperiments': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'git.enabled': false,
  'security.workspace.trust.enabled': false,
};

function waitHealthy(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = (): void => {
      get(`${url}/healthz`, (response) => {
        response.resume();
        if ((response.statusCode ?? 500) < 500) resolve();
        else retry();
      }).on('error', retry);
    };
    const retry = (): void => {
      if (Date.now() > deadline) reject(new Error(`code-server did not answer on ${url} in time`));
      else setTimeout(attempt, 200);
    };
    attempt();
  });
}

/** Starts code-server on loopback in its own process group, with the marketplace disabled. */
export async function startCodeServer(options: CodeServerOptions): Promise<RunningCodeServer> {
  const userData = join(options.runDir, 'user-data');
  rmSync(userData, { recursive: true, force: true });
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  writeFileSync(join(options.runDir, 'config.yaml'), '');
  const entry = join(options.installDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  const host = `127.0.0.1:${options.port}`;
  const args = [
    entry,
    ...['--auth', 'none', '--bind-addr', host, '--config', join(options.runDir, 'config.yaml')],
    ...['--disable-telemetry', '--disable-update-check', '--disable-workspace-trust'],
    ...['--disable-getting-started-override', '--disable-proxy', '--ignore-last-opened'],
    ...['--user-data-dir', userData, '--extensions-dir', join(options.runDir, 'extensions')],
    options.workspace,
  ];
  const log = openSync(join(options.runDir, 'code-server.log'), 'w');
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...options.env, EXTENSIONS_GALLERY: '{}' },
    stdio: ['ignore', log, log],
    detached: true,
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    const signal = (name: NodeJS.Signals): void => {
      try {
        process.kill(-child.pid!, name);
      } catch {
        // The group is already gone.
      }
    };
    signal('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 2000))]);
    signal('SIGKILL');
  };
  const url = `http://${host}`;
  try {
    await waitHealthy(url, 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, child, stop };
}
