import { dirname, basename } from 'node:path';
import * as vscode from 'vscode';
import type { PathIndex, PathMapping } from './traceback';

/**
 * The workspace's Odoo modules (folders holding a `__manifest__.py`) and the user's explicit path
 * mappings, for turning container paths in tracebacks into workspace files. Rebuilt when manifests
 * appear or disappear.
 */
export class ModuleIndex implements vscode.Disposable {
  private pending: Promise<PathIndex> | undefined;
  private readonly watcher = vscode.workspace.createFileSystemWatcher(
    '**/__manifest__.py',
    false,
    true,
    false,
  );

  constructor() {
    const invalidate = (): void => {
      this.pending = undefined;
    };
    this.watcher.onDidCreate(invalidate);
    this.watcher.onDidDelete(invalidate);
  }

  index(): Promise<PathIndex> {
    this.pending ??= this.build();
    return this.pending;
  }

  dispose(): void {
    this.watcher.dispose();
  }

  private async build(): Promise<PathIndex> {
    const manifests = await vscode.workspace.findFiles(
      '**/__manifest__.py',
      '**/{node_modules,.git}/**',
      5000,
    );
    const modules = new Map<string, string>();
    for (const uri of manifests) {
      const folder = dirname(uri.fsPath);
      if (!modules.has(basename(folder))) modules.set(basename(folder), folder);
    }
    return { mappings: configuredMappings(), modules };
  }
}

/** `paas.logs.pathMappings`: container prefix → workspace folder (`${workspaceFolder}` expanded). */
function configuredMappings(): PathMapping[] {
  const configured = vscode.workspace
    .getConfiguration('paas')
    .get<Record<string, string>>('logs.pathMappings', {});
  const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
  return Object.entries(configured).map(([from, to]) => ({
    from,
    to: to.replace('${workspaceFolder}', root),
  }));
}
