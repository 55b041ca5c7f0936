import Docker from 'dockerode';
import { PassThrough } from 'node:stream';
import { AdapterError, throwIfAborted } from '../errors';
import type { ContainerInfo, ContainerSpec, DockerAdapter, LogOptions } from './docker';
import { readImageFolderFiles } from './imageFiles';

/** A pull that makes no progress for this long is given up (no registry reachable). */
const PULL_TIMEOUT_MS = 120_000;

function statusOf(error: unknown): number | undefined {
  return (error as { statusCode?: number }).statusCode;
}

function messageOf(error: unknown): string {
  const json = (error as { json?: { message?: string } }).json;
  return json?.message ?? (error instanceof Error ? error.message : String(error));
}

/** Turns a dockerode failure into a typed error. */
function failure(what: string, error: unknown): AdapterError {
  const message = messageOf(error);
  const code = (error as { code?: string }).code;
  if (code === 'ECONNREFUSED' || code === 'ENOENT' || code === 'EACCES') {
    return new AdapterError('DOCKER_UNAVAILABLE', `${what}: the Docker engine does not answer (${code})`, {
      cause: error,
    });
  }
  if (/port is already allocated|address already in use/i.test(message)) {
    return new AdapterError('DOCKER_PORT_IN_USE', `${what}: the port is already in use`, { cause: error });
  }
  if (statusOf(error) === 404 && /image/i.test(message)) {
    return new AdapterError('DOCKER_IMAGE_MISSING', `${what}: ${message}`, { cause: error });
  }
  if (statusOf(error) === 404)
    return new AdapterError('DOCKER_NOT_FOUND', `${what}: ${message}`, { cause: error });
  return new AdapterError('DOCKER_FAILED', `${what}: ${message}`, { cause: error });
}

/** Splits a whole multiplexed log body (8-byte frame headers) into its payload. */
function demux(raw: Buffer): Buffer {
  const parts: Buffer[] = [];
  let offset = 0;
  while (offset + 8 <= raw.length) {
    const size = raw.readUInt32BE(offset + 4);
    parts.push(raw.subarray(offset + 8, offset + 8 + size));
    offset += 8 + size;
  }
  return Buffer.concat(parts);
}

function toInfo(info: Docker.ContainerInspectInfo): ContainerInfo {
  return {
    id: info.Id,
    name: info.Name.replace(/^\//, ''),
    state: info.State.Status,
    running: info.State.Running && !info.State.Restarting,
    restartCount: info.RestartCount,
    exitCode: info.State.Running ? null : info.State.ExitCode,
    labels: info.Config.Labels ?? {},
  };
}

/** The Docker adapter on dockerode, pinned to what Engine API 1.41 offers. */
export class DockerodeAdapter implements DockerAdapter {
  private readonly docker: Docker;

  constructor(socketPath: string) {
    this.docker = new Docker({ socketPath, version: 'v1.41' });
  }

  async ping(): Promise<void> {
    await this.docker.ping().catch((error: unknown) => {
      throw failure('ping', error);
    });
  }

  async ensureImage(image: string, signal?: AbortSignal): Promise<void> {
    try {
      await this.docker.getImage(image).inspect();
      return;
    } catch (error) {
      if (statusOf(error) !== 404) throw failure(`inspect image ${image}`, error);
    }
    throwIfAborted(signal);
    try {
      await this.pull(image, signal);
    } catch (error) {
      if (signal?.aborted) throw new AdapterError('ABORTED', `pull of ${image} canceled`, { cause: error });
      throw new AdapterError(
        'DOCKER_IMAGE_MISSING',
        `image ${image} is not on this machine and could not be pulled: ${messageOf(error)}`,
        { cause: error },
      );
    }
  }

  private async pull(image: string, signal?: AbortSignal): Promise<void> {
    const stream = (await this.docker.pull(image, { abortSignal: signal })) as NodeJS.ReadableStream;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no progress from the registry')), PULL_TIMEOUT_MS);
      this.docker.modem.followProgress(stream, (error: Error | null) => {
        clearTimeout(timer);
        if (error) reject(error);
        else resolve();
      });
    });
  }

  async create(spec: ContainerSpec): Promise<string> {
    const port = spec.publish ? `${spec.publish.containerPort}/tcp` : undefined;
    try {
      const container = await this.docker.createContainer({
        name: spec.name,
        Image: spec.image,
        Cmd: spec.cmd,
        User: spec.user,
        Env: spec.env,
        Labels: spec.labels,
        ExposedPorts: port ? { [port]: {} } : undefined,
        HostConfig: {
          Binds: spec.binds,
          Init: true,
          RestartPolicy: { Name: spec.restartPolicy },
          NanoCpus: spec.cpus ? Math.round(spec.cpus * 1e9) : undefined,
          Memory: spec.memoryBytes,
          PortBindings:
            port && spec.publish
              ? { [port]: [{ HostIp: spec.publish.hostIp, HostPort: String(spec.publish.hostPort) }] }
              : undefined,
        },
      });
      return container.id;
    } catch (error) {
      throw failure(`create container ${spec.name}`, error);
    }
  }

  async start(name: string): Promise<void> {
    await this.docker
      .getContainer(name)
      .start()
      .catch((error: unknown) => {
        // 304: already running.
        if (statusOf(error) !== 304) throw failure(`start ${name}`, error);
      });
  }

  async stop(name: string, timeoutSeconds = 10): Promise<void> {
    await this.docker
      .getContainer(name)
      .stop({ t: timeoutSeconds })
      .catch((error: unknown) => {
        if (statusOf(error) !== 304) throw failure(`stop ${name}`, error);
      });
  }

  async restart(name: string, timeoutSeconds = 10): Promise<void> {
    await this.docker
      .getContainer(name)
      .restart({ t: timeoutSeconds })
      .catch((error: unknown) => {
        throw failure(`restart ${name}`, error);
      });
  }

  async remove(name: string): Promise<void> {
    await this.docker
      .getContainer(name)
      .remove({ force: true, v: true })
      .catch((error: unknown) => {
        // 404: already gone; 409: removal already in progress.
        if (statusOf(error) !== 404 && statusOf(error) !== 409) throw failure(`remove ${name}`, error);
      });
  }

  async inspect(name: string): Promise<ContainerInfo | undefined> {
    try {
      return toInfo(await this.docker.getContainer(name).inspect());
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw failure(`inspect ${name}`, error);
    }
  }

  async list(labels: string[]): Promise<ContainerInfo[]> {
    try {
      const found = await this.docker.listContainers({ all: true, filters: { label: labels } });
      return found.map((c) => ({
        id: c.Id,
        name: (c.Names[0] ?? c.Id).replace(/^\//, ''),
        state: c.State,
        running: c.State === 'running',
        restartCount: 0,
        exitCode: null,
        labels: c.Labels ?? {},
      }));
    } catch (error) {
      throw failure('list containers', error);
    }
  }

  async wait(name: string, signal?: AbortSignal): Promise<number> {
    throwIfAborted(signal);
    try {
      const result = (await this.docker.getContainer(name).wait({ abortSignal: signal })) as {
        StatusCode: number;
      };
      return result.StatusCode;
    } catch (error) {
      if (signal?.aborted) throw new AdapterError('ABORTED', `wait for ${name} canceled`, { cause: error });
      throw failure(`wait for ${name}`, error);
    }
  }

  async logs(name: string, options: LogOptions, signal?: AbortSignal): Promise<NodeJS.ReadableStream> {
    const output = new PassThrough();
    try {
      const request = {
        stdout: true,
        stderr: true,
        follow: options.follow,
        // The API's default is every line.
        tail: options.tail === 'all' ? undefined : options.tail,
        since: options.since,
        timestamps: options.timestamps ?? false,
        abortSignal: signal,
      };
      // dockerode's overloads hide that the answer's type depends on `follow` at run time.
      const raw = (await this.docker
        .getContainer(name)
        .logs(request as Docker.ContainerLogsOptions & { follow: true })) as unknown as
        NodeJS.ReadableStream | Buffer;
      // dockerode answers a non-following read with the whole body at once.
      if (Buffer.isBuffer(raw)) {
        output.end(demux(raw));
        return output;
      }
      // Without a TTY, Docker multiplexes stdout and stderr with 8-byte frame headers.
      this.docker.modem.demuxStream(raw, output, output);
      raw.on('end', () => output.end());
      raw.on('error', () => output.end());
      signal?.addEventListener('abort', () => output.end(), { once: true });
      return output;
    } catch (error) {
      throw failure(`logs of ${name}`, error);
    }
  }

  async readLogs(name: string, tail?: number): Promise<string> {
    const stream = await this.logs(name, { tail: tail ?? 'all', follow: false });
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
    return Buffer.concat(chunks).toString('utf8');
  }

  async imageId(image: string): Promise<string> {
    try {
      return (await this.docker.getImage(image).inspect()).Id;
    } catch (error) {
      throw failure(`inspect image ${image}`, error);
    }
  }

  async readImageFiles(
    image: string,
    dir: string,
    fileName: string,
    labels: Record<string, string>,
  ): Promise<Map<string, string>> {
    try {
      return await readImageFolderFiles(this.docker, image, dir, fileName, labels);
    } catch (error) {
      throw failure(`read ${dir} of image ${image}`, error);
    }
  }
}
