/** Where a traceback frame points, and where in the log line the path was written. */
export interface TracebackFrame {
  /** The path inside the container. */
  path: string;
  /** 1-based line number. */
  line: number;
  /** Offsets of the `File "…", line N` text in the log line, for the link. */
  start: number;
  end: number;
}

const FRAME = /File "([^"]+)", line (\d+)/g;

/** The Python traceback frames in one log line (Odoo logs print them verbatim). */
export function parseTracebackFrames(text: string): TracebackFrame[] {
  const frames: TracebackFrame[] = [];
  for (const match of text.matchAll(FRAME)) {
    frames.push({
      path: match[1]!,
      line: Number(match[2]),
      start: match.index,
      end: match.index + match[0].length,
    });
  }
  return frames;
}

/** A container path prefix and the workspace folder it corresponds to. */
export interface PathMapping {
  from: string;
  to: string;
}

export interface PathIndex {
  /** Explicit prefix mappings, tried first, longest prefix first. */
  mappings: readonly PathMapping[];
  /** Odoo modules of the workspace: the folder name (the module's technical name) → its absolute path. */
  modules: ReadonlyMap<string, string>;
}

function joinPath(base: string, rest: readonly string[]): string {
  return [base.replace(/\/+$/, ''), ...rest].join('/');
}

/**
 * Maps a file path from inside an app container to the workspace file it came from:
 * `/mnt/extra-addons/<module>/models/x.py` (or any other addons path, or a checkout nested below
 * it) → `<workspace module folder>/models/x.py`. Odoo's own files have no workspace counterpart and
 * give `undefined`, unless the workspace holds a module of that name.
 */
export function mapContainerPath(containerPath: string, index: PathIndex): string | undefined {
  const normalized = containerPath.replace(/\\/g, '/');
  const byLength = [...index.mappings].sort((a, b) => b.from.length - a.from.length);
  for (const mapping of byLength) {
    const prefix = mapping.from.replace(/\/+$/, '');
    if (normalized === prefix || normalized.startsWith(`${prefix}/`))
      return joinPath(
        mapping.to,
        normalized
          .slice(prefix.length + 1)
          .split('/')
          .filter(Boolean),
      );
  }
  const segments = normalized.split('/').filter(Boolean);
  // The outermost module folder wins: module folders sit right under an addons path, while their
  // sub-folders (`models`, `tests`, …) could happen to share a name with some other module.
  for (let i = 0; i < segments.length - 1; i++) {
    const module = index.modules.get(segments[i]!);
    if (module !== undefined) return joinPath(module, segments.slice(i + 1));
  }
  return undefined;
}
