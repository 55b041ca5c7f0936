import { JobFailure } from '../../adapterErrors';
import { adaptVersion } from '@paas/protocol';
import { lastErrors } from '../odooLog';
import type { Run } from './run';

/**
 * After Odoo's `-i`/`-u`: every module asked for must be `installed` in `ir_module_module` with the adapted
 * version of its manifest as `latest_version`. Odoo leaves out a module whose dependencies are missing and
 * still exits 0 (`odoo/modules/graph.py`, "Some modules are not loaded" in `odoo/modules/loading.py`), so
 * only the database tells. `update: ['all']` asks for every installed module of the revision.
 */
export async function checkModuleStates(
  run: Run,
  purpose: 'init' | 'update',
  asked: { install: string[]; update: string[] },
  output: string,
): Promise<void> {
  const { deps, app } = run;
  const rows = await deps.pg.moduleStates(deps.databases.record(app.databaseServerId), run.database);
  const byName = new Map(rows.map((row) => [row.name, row]));
  const updated = asked.update.includes('all')
    ? rows.filter((row) => row.state === 'installed' && run.resolved?.has(row.name)).map((row) => row.name)
    : asked.update;
  const problems: string[] = [];
  for (const name of new Set([...asked.install, ...updated])) {
    const row = byName.get(name);
    const manifest = run.resolved?.get(name);
    const expected = manifest ? adaptVersion(app.odooVersion, manifest.version) : undefined;
    if (row?.state !== 'installed')
      problems.push(`module ${name} is not installed (state ${row?.state ?? 'absent'})`);
    else if (expected !== undefined && row.latest_version !== expected)
      problems.push(`module ${name} is at ${row.latest_version ?? 'no version'}, not ${expected}`);
  }
  if (problems.length === 0) return;
  run.tracker.log(purpose === 'init' ? 'init' : 'moduleUpdate', problems.join('\n'));
  throw new JobFailure(
    purpose === 'init' ? 'INIT_FAILED' : 'MODULE_UPDATE_FAILED',
    `${problems.join('; ')}, although Odoo exited 0\n${lastErrors(output)}`,
  );
}
