import * as vscode from 'vscode';
import type { ModuleIndex } from './moduleIndex';
import { mapContainerPath, parseTracebackFrames } from './traceback';

/** A traceback frame whose container path maps to a workspace file. */
export interface TracebackLink extends vscode.TerminalLink {
  file: string;
  line: number;
}

/**
 * Makes `File "/mnt/extra-addons/<module>/…", line N` in PaaS.sh log terminals a link to that line of
 * the workspace's copy of the file. Frames of Odoo's own code (not in the workspace) stay plain text.
 */
export class TracebackLinkProvider implements vscode.TerminalLinkProvider<TracebackLink> {
  constructor(
    private readonly modules: ModuleIndex,
    private readonly isLogTerminal: (terminal: vscode.Terminal) => boolean,
  ) {}

  async provideTerminalLinks(context: vscode.TerminalLinkContext): Promise<TracebackLink[]> {
    if (!this.isLogTerminal(context.terminal)) return [];
    return this.linksIn(context.line);
  }

  async linksIn(text: string): Promise<TracebackLink[]> {
    const frames = parseTracebackFrames(text);
    if (frames.length === 0) return [];
    const index = await this.modules.index();
    return frames.flatMap((frame) => {
      const file = mapContainerPath(frame.path, index);
      if (!file) return [];
      return [
        {
          startIndex: frame.start,
          length: frame.end - frame.start,
          tooltip: `Open ${vscode.workspace.asRelativePath(file)}:${frame.line}`,
          file,
          line: frame.line,
        },
      ];
    });
  }

  async handleTerminalLink(link: TracebackLink): Promise<void> {
    const position = new vscode.Position(Math.max(0, link.line - 1), 0);
    await vscode.window.showTextDocument(vscode.Uri.file(link.file), {
      selection: new vscode.Range(position, position),
      preview: true,
    });
  }
}
