import type Docker from 'dockerode';
import { Parser, type ReadEntry } from 'tar';

/** A file larger than this is not what the caller is after (a manifest is a few KiB). */
const MAX_FILE_BYTES = 1024 * 1024;

function statusOf(error: unknown): number | undefined {
  return (error as { statusCode?: number }).statusCode;
}

/** Collects `<root>/<folder>/<fileName>` entries of a tar stream: folder → text. */
function collect(stream: NodeJS.ReadableStream, fileName: string): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    const found = new Map<string, string>();
    const parser = new Parser();
    parser.on('entry', (entry: ReadEntry) => {
      const parts = entry.path.replace(/\/$/, '').split('/');
      const folder = parts[1];
      if (
        parts.length !== 3 ||
        parts[2] !== fileName ||
        entry.type !== 'File' ||
        !folder ||
        entry.size > MAX_FILE_BYTES
      )
        return void entry.resume();
      const chunks: Buffer[] = [];
      entry.on('data', (chunk: Buffer) => chunks.push(chunk));
      entry.on('end', () => found.set(folder, Buffer.concat(chunks).toString('utf8')));
    });
    parser.on('end', () => resolve(found));
    parser.on('error', reject);
    stream.on('error', reject);
    stream.pipe(parser as unknown as NodeJS.WritableStream);
  });
}

/**
 * Reads `<dir>/<folder>/<fileName>` for every folder of `dir` in an image without running anything of it:
 * a container is created (never started), its archive of `dir` streamed through tar, and removed. An
 * image without `dir` gives an empty map.
 */
export async function readImageFolderFiles(
  docker: Docker,
  image: string,
  dir: string,
  fileName: string,
  labels: Record<string, string>,
): Promise<Map<string, string>> {
  const container = await docker.createContainer({ Image: image, Labels: labels, NetworkDisabled: true });
  try {
    let stream: NodeJS.ReadableStream;
    try {
      stream = await container.getArchive({ path: dir });
    } catch (error) {
      if (statusOf(error) === 404) return new Map();
      throw error;
    }
    return await collect(stream, fileName);
  } finally {
    await container.remove({ force: true, v: true }).catch(() => undefined);
  }
}
