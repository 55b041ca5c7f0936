import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Dockerode from 'dockerode';

export const docker = new Dockerode();

/**
 * Builds a ~2 MB image FROM scratch holding the host's static busybox with its applets installed: no
 * registry is reachable, and the image starts in a few hundred milliseconds.
 */
export function buildBusyboxImage(tag: string): void {
  const dir = mkdtempSync(join(tmpdir(), 'paas-busybox-'));
  try {
    copyFileSync('/bin/busybox', join(dir, 'busybox'));
    writeFileSync(
      join(dir, 'Dockerfile'),
      'FROM scratch\nCOPY busybox /bin/busybox\nRUN ["/bin/busybox", "--install", "-s", "/bin"]\n',
    );
    const result = spawnSync('docker', ['build', '-q', '-t', tag, dir], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`docker build failed: ${result.stderr}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs a labelled busybox container with an init (so it stops at once) and returns it started. */
export async function runBusybox(options: {
  image: string;
  script: string;
  labels: Record<string, string>;
  tmpfs?: Record<string, string>;
}): Promise<Dockerode.Container> {
  const container = await docker.createContainer({
    Image: options.image,
    Cmd: ['sh', '-c', options.script],
    Labels: options.labels,
    HostConfig: { Init: true, Tmpfs: options.tmpfs },
  });
  await container.start();
  return container;
}

/** Removes every container carrying `label=value`, and nothing else. */
export async function removeLabelled(label: string, value: string): Promise<void> {
  const list = await docker.listContainers({ all: true, filters: { label: [`${label}=${value}`] } });
  await Promise.all(list.map((c) => docker.getContainer(c.Id).remove({ force: true })));
}
