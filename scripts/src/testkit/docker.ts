import Docker from 'dockerode';
import { TEST_LABEL } from './names';

const clients = new Map<string, Docker>();

/** A dockerode client for the engine's unix socket (one per socket path). */
export function dockerClient(socketPath = '/var/run/docker.sock'): Docker {
  let client = clients.get(socketPath);
  if (!client) {
    client = new Docker({ socketPath });
    clients.set(socketPath, client);
  }
  return client;
}

function labelFilter(runId?: string): string {
  return runId === undefined ? TEST_LABEL : `${TEST_LABEL}=${runId}`;
}

/**
 * Removes containers labelled by the kit (of one run, or of every run when
 * runId is omitted), with their anonymous volumes: the stand-in image, like
 * the official one, declares VOLUMEs. Returns how many it removed.
 */
export async function removeTestContainers(runId?: string, docker = dockerClient()): Promise<number> {
  const found = await docker.listContainers({ all: true, filters: { label: [labelFilter(runId)] } });
  await Promise.all(found.map((c) => docker.getContainer(c.Id).remove({ force: true, v: true })));
  return found.length;
}

/** Removes volumes labelled by the kit; returns how many. */
export async function removeTestVolumes(runId?: string, docker = dockerClient()): Promise<number> {
  const { Volumes } = await docker.listVolumes({ filters: { label: [labelFilter(runId)] } });
  const volumes = Volumes ?? [];
  await Promise.all(volumes.map((v) => docker.getVolume(v.Name).remove({ force: true })));
  return volumes.length;
}

/**
 * Splits Docker's multiplexed log stream (8-byte frame headers, used when the
 * container has no TTY) into text.
 */
export function demuxLogs(raw: Buffer): string {
  const parts: Buffer[] = [];
  let offset = 0;
  while (offset + 8 <= raw.length) {
    const size = raw.readUInt32BE(offset + 4);
    parts.push(raw.subarray(offset + 8, offset + 8 + size));
    offset += 8 + size;
  }
  return Buffer.concat(parts).toString('utf8');
}

/** All of a container's stdout and stderr so far, as text. */
export async function readContainerLogs(container: Docker.Container): Promise<string> {
  const raw = await container.logs({ stdout: true, stderr: true, follow: false });
  return demuxLogs(raw);
}

/** Waits for the container to stop; resolves its exit code, rejects after timeoutMs. */
export async function waitForExit(container: Docker.Container, timeoutMs: number): Promise<number> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`container ${container.id} still running after ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  try {
    const result = (await Promise.race([container.wait(), timeout])) as { StatusCode: number };
    return result.StatusCode;
  } finally {
    clearTimeout(timer);
  }
}

/** The host port Docker picked for a published container port like '8069/tcp'. */
export async function publishedPort(container: Docker.Container, containerPort: string): Promise<number> {
  const info = await container.inspect();
  const binding = info.NetworkSettings.Ports[containerPort]?.[0];
  if (!binding) throw new Error(`container ${container.id} does not publish ${containerPort}`);
  return Number(binding.HostPort);
}
