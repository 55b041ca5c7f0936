import { lstat, readdir, readFile, realpath } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { ErrorCode, RpcError, type Playbook } from '@paas/protocol';
import { parseAllDocuments, visit } from 'yaml';

/** How deep under the runners folder playbooks are looked for, and how many at most. */
const MAX_DEPTH = 4;
const MAX_PLAYBOOKS = 500;
const PLAYBOOK_FILE = /\.ya?ml$/;

/** A refusal of a playbook, with a stable reason clients can tell apart. */
function refused(code: ErrorCode, reason: string, message: string): RpcError {
  return new RpcError(code, message, { reason });
}

function inside(parent: string, child: string): boolean {
  const path = relative(parent, child);
  return path === '' || (!path.startsWith(`..${sep}`) && path !== '..' && !isAbsolute(path));
}

/**
 * The playbook's path relative to the checkout, once it is known to be a file inside the runners folder
 * with no symlink leading out of it. These checks keep a run to what the folder holds; they are not a
 * sandbox: a playbook runs code on the host as the agent's user, which is the real boundary.
 */
export async function resolvePlaybook(checkout: string, folder: string, playbook: string): Promise<string> {
  const root = await realpath(checkout);
  const folderPath = resolve(root, folder);
  const wanted = resolve(folderPath, playbook);
  if (!inside(folderPath, wanted)) {
    throw refused(
      ErrorCode.InvalidParams,
      'RUNNER_PLAYBOOK_OUTSIDE',
      `${playbook} is outside the runners folder ${folder}`,
    );
  }
  let real: string;
  let realFolder: string;
  try {
    real = await realpath(wanted);
    realFolder = await realpath(folderPath);
  } catch {
    throw refused(
      ErrorCode.NotFound,
      'RUNNER_PLAYBOOK_NOT_FOUND',
      `the branch has no playbook ${folder}/${playbook}`,
    );
  }
  if (!inside(root, realFolder) || !inside(realFolder, real)) {
    throw refused(
      ErrorCode.InvalidParams,
      'RUNNER_PLAYBOOK_OUTSIDE',
      `${folder}/${playbook} is a symlink that leads out of the runners folder`,
    );
  }
  if (!(await lstat(real)).isFile()) {
    throw refused(ErrorCode.NotFound, 'RUNNER_PLAYBOOK_NOT_FOUND', `${folder}/${playbook} is not a file`);
  }
  return relative(root, real);
}

/**
 * Refuses a playbook that asks for privilege escalation (`become`, `become_user`, `become_method`, their
 * `ansible_become*` variables) anywhere in its own file, unless the agent allows it. Files the playbook
 * imports or roles it uses are not read: the agent's user having no sudo right is what guarantees no
 * escalation; this check makes the refusal clear instead of a sudo failure mid-run.
 */
export async function refuseBecome(path: string, allowBecome: boolean): Promise<void> {
  if (allowBecome) return;
  let asked: string | undefined;
  for (const document of parseAllDocuments(await readFile(path, 'utf8'))) {
    visit(document, {
      Pair(_key, pair) {
        const key = String((pair.key as { value?: unknown } | null)?.value ?? '');
        const value = (pair.value as { value?: unknown } | null)?.value;
        if (/^(ansible_)?become/.test(key) && value !== false) asked = key;
      },
    });
  }
  if (asked !== undefined) {
    throw refused(
      ErrorCode.Forbidden,
      'RUNNER_BECOME_REFUSED',
      `the playbook sets ${asked}, and this agent does not allow become (runnersAllowBecome)`,
    );
  }
}

/** The playbooks under the runners folder of a checkout: YAML files holding a list of plays. */
export async function listPlaybooks(checkout: string, folder: string): Promise<Playbook[]> {
  const root = await realpath(checkout);
  let realFolder: string;
  try {
    realFolder = await realpath(resolve(root, folder));
  } catch {
    return [];
  }
  if (!inside(root, realFolder)) return [];
  const found: Playbook[] = [];
  await walk(realFolder, '', 0, found);
  return found.sort((a, b) => a.path.localeCompare(b.path));
}

async function walk(dir: string, prefix: string, depth: number, found: Playbook[]): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (found.length >= MAX_PLAYBOOKS) return;
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory() && depth < MAX_DEPTH) await walk(join(dir, entry.name), path, depth + 1, found);
    if (!entry.isFile() || !PLAYBOOK_FILE.test(entry.name)) continue;
    const description = describePlaybook(await readFile(join(dir, entry.name), 'utf8'));
    if (description !== undefined) found.push({ path, description });
  }
}

/**
 * The description of a playbook (its first comment line, else its first play's `name:`), or undefined
 * when the text is not a playbook (not a list of plays: task files, vars files).
 */
export function describePlaybook(text: string): string | null | undefined {
  const documents = parseAllDocuments(text);
  const first = Array.isArray(documents) ? documents[0] : undefined;
  if (!first || first.errors.length > 0) return undefined;
  const plays: unknown = first.toJS();
  const isPlay = (play: unknown) =>
    typeof play === 'object' && play !== null && ('hosts' in play || 'import_playbook' in play);
  if (!Array.isArray(plays) || plays.length === 0 || !plays.every(isPlay)) return undefined;
  const comment = text
    .split('\n')
    .map((line) => line.trim())
    .find((line) => line.startsWith('#') && line.replace(/^#+/, '').trim().length > 0);
  if (comment) return comment.replace(/^#+/, '').trim();
  const name = (plays[0] as { name?: unknown }).name;
  return typeof name === 'string' && name.trim() ? name.trim() : null;
}
