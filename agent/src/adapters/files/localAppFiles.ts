import { chmod, chown, lchown, mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import type { AppFiles, FoundModule } from './appFiles';

const MAX_DEPTH = 3;
const SKIPPED = new Set(['node_modules', '__pycache__']);

async function subfolders(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isDirectory() && !e.name.startsWith('.') && !SKIPPED.has(e.name))
    .map((e) => e.name)
    .sort();
}

async function manifestOf(dir: string): Promise<string | undefined> {
  return readFile(join(dir, '__manifest__.py'), 'utf8').catch(() => undefined);
}

/** The app files on the local disk. */
export class LocalAppFiles implements AppFiles {
  async scanModules(dir: string): Promise<FoundModule[]> {
    const found: FoundModule[] = [];
    const visit = async (folder: string, depth: number): Promise<void> => {
      const children = await subfolders(folder);
      const modules: FoundModule[] = [];
      const others: string[] = [];
      for (const child of children) {
        const manifest = await manifestOf(join(folder, child));
        if (manifest === undefined) others.push(child);
        else {
          const hasInit = await stat(join(folder, child, '__init__.py')).then(
            (s) => s.isFile(),
            () => false,
          );
          modules.push({ name: child, root: relative(dir, folder), manifest, hasInit });
        }
      }
      found.push(...modules);
      // An addons root's other folders are not searched: Odoo would not find modules there either.
      if (modules.length > 0 || depth >= MAX_DEPTH) return;
      for (const child of others) await visit(join(folder, child), depth + 1);
    };
    await visit(dir, 1);
    return found;
  }

  async removeFolders(dir: string, relativePaths: readonly string[]): Promise<void> {
    const base = resolve(dir);
    for (const path of relativePaths) {
      const target = resolve(base, path);
      // Never outside the checkout, whatever the path says.
      if (!target.startsWith(base + sep)) throw new Error(`refusing to remove ${path}: outside ${dir}`);
      await rm(target, { recursive: true, force: true });
    }
  }

  async writePrivateFile(path: string, content: string, gid: number): Promise<void> {
    await writeFile(path, content, { mode: 0o640 });
    await chown(path, 0, gid);
    await chmod(path, 0o640);
  }

  async ensureOwnedDir(path: string, uid: number): Promise<void> {
    await mkdir(path, { recursive: true, mode: 0o750 });
    await chown(path, uid, uid);
    await chmod(path, 0o750);
  }

  async ownTree(path: string, uid: number): Promise<void> {
    if (!(await this.exists(path))) return;
    const entries = await readdir(path, { recursive: true });
    await lchown(path, uid, uid);
    for (const entry of entries) await lchown(join(path, entry), uid, uid);
  }

  exists(path: string): Promise<boolean> {
    return stat(path).then(
      () => true,
      () => false,
    );
  }

  async remove(path: string): Promise<void> {
    await rm(path, { recursive: true, force: true });
  }
}
