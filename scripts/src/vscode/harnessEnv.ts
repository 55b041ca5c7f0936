/** What the outer runner tells the driver inside the network namespace, through the environment. */
export interface HarnessEnv {
  codeServerDir: string;
  runDir: string;
  shotsDir: string;
  extensionDir: string;
  /** The compiled suite entry (exports run()). */
  suitePath: string;
  workspace: string;
  /** The port the agent listens on outside; the driver listens on the same one inside. */
  agentPort: number;
  /** The Unix socket the outer bridge forwards to the agent. */
  agentSocket: string;
  timeoutMs: number;
}

/** What the suite's run() writes for the driver to print. */
export interface HarnessResults {
  passed: string[];
  failed: { title: string; error: string }[];
  crashed?: string;
  summary?: string;
}

const NAMES: Record<keyof HarnessEnv, string> = {
  codeServerDir: 'PAAS_HARNESS_CODE_SERVER_DIR',
  runDir: 'PAAS_HARNESS_RUN_DIR',
  shotsDir: 'PAAS_HARNESS_SHOTS_DIR',
  extensionDir: 'PAAS_HARNESS_EXTENSION_DIR',
  suitePath: 'PAAS_HARNESS_SUITE',
  workspace: 'PAAS_HARNESS_WORKSPACE',
  agentPort: 'PAAS_HARNESS_AGENT_PORT',
  agentSocket: 'PAAS_HARNESS_AGENT_SOCKET',
  timeoutMs: 'PAAS_HARNESS_TIMEOUT_MS',
};

export function harnessEnvVariables(env: HarnessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(NAMES).map(([key, name]) => [name, String(env[key as keyof HarnessEnv])]),
  );
}

export function requireEnv(): HarnessEnv {
  const read = (key: keyof HarnessEnv): string => {
    const value = process.env[NAMES[key]];
    if (!value) throw new Error(`${NAMES[key]} is not set`);
    return value;
  };
  return {
    codeServerDir: read('codeServerDir'),
    runDir: read('runDir'),
    shotsDir: read('shotsDir'),
    extensionDir: read('extensionDir'),
    suitePath: read('suitePath'),
    workspace: read('workspace'),
    agentPort: Number(read('agentPort')),
    agentSocket: read('agentSocket'),
    timeoutMs: Number(read('timeoutMs')),
  };
}
