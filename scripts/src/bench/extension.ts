import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  buildProjectTree,
  type TreeApp,
  type TreeEnvironment,
} from 'paas-sh/out/src/views/projects/projectTree';
import type { BenchResult } from './result';

const APPS = 1000;
const PROJECTS = 10;
const TYPES = ['production', 'staging', 'development'] as const;
const VERSIONS = ['19.0', '18.0', '17.0'];
const STATES = ['running', 'running', 'running', 'error', 'stopped', 'fetching'];
/** Written by the in-host suite (extension/test/suite/01-activation.test.ts) during `npm run test:extension`. */
const ACTIVATION_FILE = join(__dirname, '..', '..', '..', '..', 'artifacts', 'vscode', 'activation.json');

/** 1,000 apps over 10 projects, 3 environments each, 3 Odoo versions, a mix of states, some disabled. */
function syntheticInput(): Parameters<typeof buildProjectTree>[0] {
  const projects = Array.from({ length: PROJECTS }, (_, p) => ({
    id: `p${p}`,
    name: `Project ${p}`,
    registry: { url: `https://git.example.com/acme/p${p}.git` },
  }));
  const environments: TreeEnvironment[] = projects.flatMap((project) =>
    TYPES.map((type) => ({ id: `${project.id}-${type}`, projectId: project.id, type, serverId: 's1' })),
  );
  const apps: TreeApp[] = Array.from({ length: APPS }, (_, i) => {
    const environment = environments[i % environments.length]!;
    return {
      id: `a${i}`,
      projectId: environment.projectId,
      environmentId: environment.id,
      name: `feature-${(i * 7919) % APPS}`,
      branch: `feature/${i}`,
      commitSha: i.toString(16).padStart(40, '0'),
      odooVersion: VERSIONS[i % VERSIONS.length]!,
      state: STATES[i % STATES.length]!,
      disabled: i % 17 === 0,
      url: `http://127.0.0.1:${20000 + i}`,
      pendingJobId: null,
      logStats: { warnings: i % 5, errors: i % 11 === 0 ? 1 : 0 },
    };
  });
  return { serverKey: 'bench', projects, environments, apps };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function benchTree(): BenchResult {
  const input = syntheticInput();
  for (let i = 0; i < 20; i++) buildProjectTree(input, { showDisabled: i % 2 === 0 });
  const times: number[] = [];
  for (let i = 0; i < 50; i++) {
    const start = performance.now();
    buildProjectTree(input, { showDisabled: false });
    times.push(performance.now() - start);
  }
  return {
    name: 'extension: Projects tree for 1,000 apps',
    value: median(times),
    unit: 'ms',
    aim: '< 50 ms',
  };
}

/**
 * The extension's benchmarks: building the Projects tree for 1,000 apps (the pure model the view
 * renders), and activation time as measured inside VS Code's extension host by the in-host suite.
 */
export async function benchExtension(): Promise<BenchResult[]> {
  const results = [benchTree()];
  if (existsSync(ACTIVATION_FILE)) {
    const { activationMs } = JSON.parse(readFileSync(ACTIVATION_FILE, 'utf8')) as { activationMs: number };
    results.push({
      name: 'extension: activation (in host)',
      value: activationMs,
      unit: 'ms',
      aim: '< 100 ms',
    });
  } else {
    process.stderr.write('bench: no activation measurement; run `npm run test:extension` first\n');
  }
  return results;
}
