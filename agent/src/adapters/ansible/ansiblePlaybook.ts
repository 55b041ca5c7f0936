import { spawn } from 'node:child_process';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { RunnerTaskResultSchema, type RunnerTaskResult } from '@paas/protocol';
import { AdapterError } from '../errors';
import { TASK_CALLBACK_NAME, TASK_CALLBACK_SOURCE } from './taskCallback';

/** How long ansible-playbook's process group gets between SIGTERM and SIGKILL on cancel. */
const KILL_GRACE_MS = 5_000;

/** One `ansible-playbook` run: everything it reads lives under `workDir` (inventory, vars, config). */
export interface PlaybookRun {
  /** The checkout the playbook is in; ansible-playbook runs there. */
  readonly cwd: string;
  /** The playbook, relative to `cwd`. */
  readonly playbook: string;
  /** A private directory for this run's inventory, vars, config, plugin and temp files. */
  readonly workDir: string;
  /** Inventory (YAML, JSON being YAML) with the hosts and the environment's variables. */
  readonly inventory: unknown;
  /** A JSON file of variables passed with `--extra-vars @file` (never on the command line, where `ps` shows them). */
  readonly extraVarsFile: string;
  /** Gets the process group id once ansible-playbook started, so a later agent can stop it. */
  readonly onStart: (pid: number) => Promise<void>;
  /** Every line ansible-playbook prints, stdout and stderr, as it comes. */
  readonly onLine: (line: string) => void;
  readonly signal: AbortSignal;
}

export interface PlaybookOutcome {
  /** ansible-playbook's exit code (0 ok, 2 a task failed, 4 unreachable, ...), or null when killed. */
  readonly exitCode: number | null;
  readonly tasks: RunnerTaskResult[];
}

/**
 * The one place the agent runs Ansible. `ANSIBLE_CONFIG` points at an empty config of our own, so an
 * `ansible.cfg` in the repository cannot change how (or as whom) the agent runs it.
 */
export async function runPlaybook(run: PlaybookRun): Promise<PlaybookOutcome> {
  const plugins = join(run.workDir, 'callback_plugins');
  await mkdir(join(run.workDir, 'tmp'), { recursive: true, mode: 0o700 });
  await mkdir(plugins, { recursive: true, mode: 0o700 });
  await writeFile(join(plugins, `${TASK_CALLBACK_NAME}.py`), TASK_CALLBACK_SOURCE);
  const files = {
    config: join(run.workDir, 'ansible.cfg'),
    inventory: join(run.workDir, 'inventory.json'),
    tasks: join(run.workDir, 'tasks.jsonl'),
  };
  await writeFile(files.config, '', { mode: 0o600 });
  await writeFile(files.inventory, JSON.stringify(run.inventory), { mode: 0o600 });
  await writeFile(files.tasks, '', { mode: 0o600 });
  const exitCode = await spawnPlaybook(
    run,
    ['-i', files.inventory, '--extra-vars', `@${run.extraVarsFile}`, '--', run.playbook],
    {
      ANSIBLE_CONFIG: files.config,
      ANSIBLE_CALLBACK_PLUGINS: plugins,
      ANSIBLE_CALLBACKS_ENABLED: TASK_CALLBACK_NAME,
      ANSIBLE_STDOUT_CALLBACK: 'default',
      ANSIBLE_NOCOLOR: '1',
      ANSIBLE_RETRY_FILES_ENABLED: '0',
      ANSIBLE_LOCAL_TEMP: join(run.workDir, 'tmp'),
      ANSIBLE_REMOTE_TEMP: join(run.workDir, 'tmp'),
      PAAS_TASKS_FILE: files.tasks,
      PYTHONUNBUFFERED: '1',
    },
  );
  return { exitCode, tasks: await readTasks(files.tasks) };
}

/** Runs ansible-playbook in its own process group, so a cancel reaches the modules it started too. */
function spawnPlaybook(
  run: PlaybookRun,
  args: string[],
  env: Record<string, string>,
): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn('ansible-playbook', args, {
      cwd: run.cwd,
      // Not the agent's environment: a playbook gets what Ansible needs and the run's own settings.
      env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: run.workDir, LANG: 'C.UTF-8', ...env },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (child.pid !== undefined) void run.onStart(child.pid).catch(() => undefined);
    let killer: NodeJS.Timeout | undefined;
    const killGroup = (signal: NodeJS.Signals) => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, signal);
      } catch {
        // The group is gone already.
      }
    };
    const onAbort = () => {
      killGroup('SIGTERM');
      killer = setTimeout(() => killGroup('SIGKILL'), KILL_GRACE_MS);
    };
    if (run.signal.aborted) onAbort();
    else run.signal.addEventListener('abort', onAbort, { once: true });
    for (const stream of [child.stdout, child.stderr])
      createInterface({ input: stream }).on('line', run.onLine);
    child.on('error', (error) => {
      run.signal.removeEventListener('abort', onAbort);
      reject(
        new AdapterError('ANSIBLE_FAILED', `cannot start ansible-playbook: ${error.message}`, {
          cause: error,
        }),
      );
    });
    child.on('close', (code) => {
      run.signal.removeEventListener('abort', onAbort);
      // Modules the playbook left behind in the group (a backgrounded command) go with it.
      killGroup('SIGKILL');
      clearTimeout(killer);
      resolve(code);
    });
  });
}

async function readTasks(file: string): Promise<RunnerTaskResult[]> {
  const text = await readFile(file, 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => RunnerTaskResultSchema.parse(JSON.parse(line)));
}

/**
 * Kills the process group of an ansible-playbook a killed agent left running (its group leader's pid was
 * recorded at start). A pid now used by another program is left alone.
 */
export async function killLeftoverPlaybook(pid: number): Promise<boolean> {
  const command = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  if (!command.includes('ansible-playbook')) return false;
  try {
    process.kill(-pid, 'SIGKILL');
    return true;
  } catch {
    return false;
  }
}

/** The run directories under `root` (for the sweep at start). */
export async function listRunDirs(root: string): Promise<string[]> {
  const entries = await readdir(root, { withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isDirectory()).map((entry) => join(root, entry.name));
}
