import { readFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * The server list as a JSON file in the extension's global storage directory. On code-server, globalState
 * lives in the browser's IndexedDB (microsoft/vscode#201616, coder/code-server#4212), so a second browser
 * saw no server at all; the global storage directory is on the machine that runs the extension host, so
 * every browser of one code-server shares it. The list holds no secret (names, URLs, certificates).
 */
export class ServerListFile {
  constructor(readonly path: string) {}

  /**
   * The stored entries, unparsed. When the file does not exist yet, `legacy` (the list an older version kept
   * in globalState) is returned, so an upgrade keeps the servers; the next write moves them into the file.
   */
  read(legacy: () => unknown[]): unknown[] {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return legacy();
      throw error;
    }
    try {
      const value: unknown = JSON.parse(text);
      return Array.isArray(value) ? (value as unknown[]) : [];
    } catch {
      // A damaged file is skipped like a damaged entry: the user adds the server again.
      return [];
    }
  }

  /** Replaces the file whole (write then rename), so a crash leaves the old list or the new one. */
  async write(entries: readonly unknown[]): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
    const temporary = `${this.path}.${process.pid}.tmp`;
    await writeFile(temporary, `${JSON.stringify(entries, null, 2)}\n`, { mode: 0o600 });
    await rename(temporary, this.path);
  }
}
