import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { registerCleanup } from './cleanup';
import { RUN_ID, sanitizeName } from './names';

/** A new empty directory under the OS temp dir, removed at cleanup. */
export async function makeTempDir(prefix = 'tmp'): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), `paastest-${sanitizeName(prefix)}-${RUN_ID}-`));
  // mkdtemp makes it 0700; containers running as another uid (the stand-in's
  // 1001) must be able to read what tests bind-mount from here.
  await fs.chmod(dir, 0o755);
  // Containers may have written files as another uid; the tests run as root
  // (they drive dockerd), so a recursive rm removes those too.
  registerCleanup(() => fs.rm(dir, { recursive: true, force: true }), `remove ${dir}`);
  return dir;
}

/** Writes files (path relative to root -> content), creating directories. */
export async function writeFiles(root: string, files: Readonly<Record<string, string>>): Promise<void> {
  for (const [relative, content] of Object.entries(files)) {
    const file = path.join(root, relative);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, content);
  }
}
