import { Transform, type TransformCallback } from 'node:stream';

const RESTRICT = /^\\restrict [A-Za-z0-9]+\r?$/;
const UNRESTRICT = /^\\unrestrict [A-Za-z0-9]+\r?$/;
const BLANK_OR_COMMENT = /^(--.*)?\r?$/;
/**
 * Longer than any line the guard drops or holds back (`\restrict`/`\unrestrict` with a key, a blank one):
 * past it, a line is passed on as it comes instead of being gathered, so a dump without newlines (a run of
 * zeros) cannot fill the agent's memory.
 */
const LONGEST_GUARDED_LINE = 4096;

/**
 * Feeds an untrusted plain-SQL dump to `psql` in restricted mode, so no meta-command in it runs: `\!`
 * would run a shell on the agent's machine, `\copy` would write its files. psql 15.14+ (and 13.22, 14.19,
 * 16.10, 17.6) refuses every meta-command after `\restrict <key>` until `\unrestrict <key>`; the key is
 * ours and random, so the dump cannot leave restricted mode.
 *
 * pg_dump of those versions brackets its output with its own `\restrict K` (in the header, before any
 * statement) and `\unrestrict K` (the last line): both are dropped, as psql would refuse them inside our
 * restriction and stop the load. Anything else that looks like a meta-command reaches psql, which
 * refuses it and stops the load. Lines inside COPY data are never meta-commands to psql, so the dump's
 * data passes through untouched except for a trailing `\unrestrict` line, which only a broken or hostile
 * dump has there.
 */
export class RestrictGuard extends Transform {
  private partial = '';
  private inHeader = true;
  /** A candidate `\unrestrict` and the blank lines after it, held back until we know whether they end the file. */
  private heldBack: string[] = [];
  /** The current line is longer than LONGEST_GUARDED_LINE and was passed on in part: the rest follows it. */
  private midLine = false;

  constructor(key: string) {
    super();
    if (!/^[A-Za-z0-9]{16,}$/.test(key)) throw new Error('a restrict key is 16 or more letters and digits');
    this.push(`\\restrict ${key}\n`);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    let text = chunk.toString('latin1');
    const out: string[] = [];
    if (this.midLine) {
      const end = text.indexOf('\n');
      if (end === -1) {
        this.push(chunk);
        return done();
      }
      out.push(text.slice(0, end + 1));
      text = text.slice(end + 1);
      this.midLine = false;
    }
    const lines = (this.partial + text).split('\n');
    this.partial = lines.pop()!;
    for (const line of lines) this.filterLine(line, out);
    if (this.partial.length > LONGEST_GUARDED_LINE) {
      this.filterLine(this.partial, out, false);
      this.partial = '';
      this.midLine = true;
    }
    // latin1 round-trips every byte, so the dump's own encoding (UTF-8 or other) is untouched.
    if (out.length > 0) this.push(Buffer.from(out.join(''), 'latin1'));
    done();
  }

  override _flush(done: TransformCallback): void {
    const out: string[] = [];
    if (this.partial !== '') this.filterLine(this.partial, out, false);
    const trailing = this.heldBack.filter((line) => !UNRESTRICT.test(line.trimEnd()));
    out.push(...trailing);
    if (out.length > 0) this.push(Buffer.from(out.join(''), 'latin1'));
    done();
  }

  private filterLine(line: string, out: string[], newline = true): void {
    const full = newline ? `${line}\n` : line;
    if (this.inHeader) {
      if (RESTRICT.test(line)) return;
      if (!BLANK_OR_COMMENT.test(line)) this.inHeader = false;
    }
    const blank = /^\r?$/.test(line);
    if (UNRESTRICT.test(line) || (blank && this.heldBack.length > 0)) {
      this.heldBack.push(full);
      return;
    }
    out.push(...this.heldBack, full);
    this.heldBack = [];
  }
}
