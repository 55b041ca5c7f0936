import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The extension's LogOutputChannel file, wherever this VS Code build puts it under the run directory. */
const LOG_FILE = 'PaaS.sh.log';
/** A LogOutputChannel line: `2026-12-03 16:00:00.123 [error] [component] message`. */
const ERROR_LINE = /^\S+ \S+ \[error\] /;

function logFiles(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { recursive: true, withFileTypes: true });
  } catch {
    return []; // Not written yet.
  }
  return entries
    .filter((entry) => entry.isFile() && entry.name === LOG_FILE)
    .map((entry) => join(entry.parentPath, entry.name));
}

/**
 * Reads the `[error]` lines the extension logged since the previous call (every extension host of the
 * run writes its own file: a reload starts a new one).
 */
export class LogErrorReader {
  private readonly offsets = new Map<string, number>();

  constructor(private readonly dir: string) {}

  newErrors(): string[] {
    const errors: string[] = [];
    for (const file of logFiles(this.dir)) {
      const text = readFileSync(file, 'utf8');
      const from = this.offsets.get(file) ?? 0;
      this.offsets.set(file, text.length);
      errors.push(
        ...text
          .slice(from)
          .split('\n')
          .filter((line) => ERROR_LINE.test(line)),
      );
    }
    return errors;
  }
}
