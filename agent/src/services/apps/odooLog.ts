import type { LogLevel, LogLine } from '@paas/protocol';

/**
 * Odoo's log record, from `odoo/netsvc.py` `init_logger()`:
 * `%(asctime)s %(pid)s %(levelname)s %(dbname)s %(name)s: %(message)s`, asctime being Python's
 * `YYYY-MM-DD HH:MM:SS,mmm` (UTC in the official image's containers) and dbname `?` outside a database.
 * Lines that do not start a record (traceback lines, a message's own newlines) continue the previous one.
 */
const RECORD =
  /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}),(\d{3}) \d+ (DEBUG|INFO|WARNING|ERROR|CRITICAL) (\S+) (\S+?): ?(.*)$/;

/** Parses one line that starts a record, or `undefined` when it does not. */
export function parseRecordLine(line: string): LogLine | undefined {
  const match = RECORD.exec(line);
  if (!match) return undefined;
  const [, date, time, millis, level, db, logger, message] = match;
  return {
    time: `${date}T${time}.${millis}Z`,
    level: level as LogLevel,
    logger: logger ?? null,
    db: db === '?' ? null : (db ?? null),
    message: message ?? '',
    raw: line,
  };
}

/** A line that is no Odoo record and follows none (output before logging starts, entrypoint messages). */
function plainLine(line: string): LogLine {
  return { time: null, level: null, logger: null, db: null, message: line, raw: line };
}

/**
 * Turns a stream of lines into records. A record is complete only when the next one starts, so the
 * last one is held until {@link flush} (callers flush when the stream pauses or ends).
 */
export class OdooLogParser {
  private pending: LogLine | undefined;

  /** Adds a line; returns the records it completed. */
  push(line: string): LogLine[] {
    const record = parseRecordLine(line);
    if (!record) {
      if (this.pending && line.length > 0) {
        this.pending = {
          ...this.pending,
          message: `${this.pending.message}\n${line}`,
          raw: `${this.pending.raw}\n${line}`,
        };
        return [];
      }
      return line.length > 0 ? [plainLine(line)] : [];
    }
    const done = this.flush();
    this.pending = record;
    return done;
  }

  /** Returns the record being held, if any. */
  flush(): LogLine[] {
    const done = this.pending ? [this.pending] : [];
    this.pending = undefined;
    return done;
  }
}

/** Parses a whole text at once. */
export function parseOdooLog(text: string): LogLine[] {
  const parser = new OdooLogParser();
  const lines = text.split('\n').flatMap((line) => parser.push(line.replace(/\r$/, '')));
  return [...lines, ...parser.flush()];
}

/** Whether a record counts as a warning or an error in the app's log stats. */
export function severityOf(line: LogLine): 'warning' | 'error' | undefined {
  if (line.level === 'WARNING') return 'warning';
  if (line.level === 'ERROR' || line.level === 'CRITICAL') return 'error';
  return undefined;
}

/** Where a traceback's error comes from: its exception line and innermost frame. */
export interface TracebackCause {
  /** The line that ends the traceback: `lxml.etree.XMLSyntaxError: Opening and ending tag mismatch ...`. */
  exception: string;
  /** The innermost frame's place: `/mnt/extra-addons/x/views/v.xml, line 12` (`<unknown>` for ast's). */
  location?: string;
}

const FRAME = 'File "';

/**
 * The cause of a Python traceback in `text` (the last one when there are several): Python prints the
 * outermost frames first and the exception last, so the line that says what is wrong is the last line
 * that is neither a frame nor indented.
 */
export function tracebackCause(text: string): TracebackCause | undefined {
  const lines = text.split('\n');
  const start = lines.lastIndexOf('Traceback (most recent call last):');
  if (start < 0) return undefined;
  let exception: string | undefined;
  let location: string | undefined;
  for (const line of lines.slice(start + 1)) {
    const trimmed = line.trim();
    if (trimmed.startsWith(FRAME)) {
      // `File "<path>", line <n>, in <fn>`: the path is quoted, the rest is Python's own wording.
      const close = trimmed.indexOf('"', FRAME.length);
      const rest = trimmed.slice(close + 1).split(',');
      location = `${trimmed.slice(FRAME.length, close)},${rest[1] ?? ''}`;
    } else if (!line.startsWith(' ') && trimmed.length > 0 && parseRecordLine(line) === undefined) {
      exception = trimmed;
    }
  }
  return exception === undefined ? undefined : { exception, location };
}

/**
 * The last few ERROR/CRITICAL records of Odoo output (with their tracebacks), led by the cause: the
 * exception line of the last traceback, then its file and line. Output without records (Python failing
 * before logging starts) gives its last lines, led by the cause the same way.
 */
export function lastErrors(output: string, count = 3): string {
  const records = parseOdooLog(output).filter((r) => r.level === 'ERROR' || r.level === 'CRITICAL');
  const shown =
    records.length > 0
      ? records.slice(-count).map((r) => r.raw)
      : output.split('\n').filter(Boolean).slice(-12);
  const cause = tracebackCause(shown.join('\n'));
  const head = cause ? [cause.exception, ...(cause.location ? [`at ${cause.location}`] : [])] : [];
  return [...head, ...shown].join('\n');
}
