import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Zips a directory exactly as Odoo does (odoo/tools/osutil.py `zip_dir`, called by odoo/service/db.py
 * `dump_db` with `include_dir=False` and `dump.sql` sorted first), with Python's own zipfile, the module
 * Odoo's restore reads zips with. `extra` adds raw entries (name → [unix mode, content]) for bad input.
 */
export async function zipLikeOdoo(
  dir: string,
  out: string,
  extra: Record<string, [number, string]> = {},
): Promise<void> {
  const script = `
import json, os, sys, zipfile
path, out, extra = os.path.normpath(sys.argv[1]), sys.argv[2], json.loads(sys.argv[3])
with zipfile.ZipFile(out, 'w', compression=zipfile.ZIP_DEFLATED, allowZip64=True) as zipf:
    for dirpath, dirnames, filenames in os.walk(path):
        for fname in sorted(filenames, key=lambda f: f != 'dump.sql'):
            full = os.path.normpath(os.path.join(dirpath, fname))
            if os.path.isfile(full):
                zipf.write(full, full[len(path) + 1:])
    for name, (mode, content) in extra.items():
        info = zipfile.ZipInfo(name)
        info.external_attr = mode << 16
        zipf.writestr(info, content)
`;
  await run('python3', ['-c', script, dir, out, JSON.stringify(extra)]);
}

/** What Python's zipfile (Odoo's reader) sees in a zip: entry names, whether every CRC checks, the manifest. */
export async function inspectZip(
  zip: string,
): Promise<{ names: string[]; bad: string | null; manifest: Record<string, unknown> | null }> {
  const script = `
import json, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    names = z.namelist()
    manifest = json.loads(z.read('manifest.json')) if 'manifest.json' in names else None
    print(json.dumps({'names': names, 'bad': z.testzip(), 'manifest': manifest}))
`;
  const { stdout } = await run('python3', ['-c', script, zip], { maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(stdout) as {
    names: string[];
    bad: string | null;
    manifest: Record<string, unknown> | null;
  };
}

/** Extracts one entry of a zip to a file, with Python's zipfile. */
export async function extractEntry(zip: string, name: string, to: string): Promise<void> {
  const script = `
import shutil, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z, z.open(sys.argv[2]) as src, open(sys.argv[3], 'wb') as dst:
    shutil.copyfileobj(src, dst)
`;
  await run('python3', ['-c', script, zip, name, to]);
}
