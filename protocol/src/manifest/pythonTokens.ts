/**
 * The tokens of Python's literal syntax, read the way Python's tokenizer reads them (the Python Language
 * Reference, "Lexical analysis"): strings with their prefixes, quotes and escapes, numbers, names, the
 * brackets and punctuation a literal uses, comments, explicit and implicit line joining. No imports: the
 * stand-in Odoo image ships the compiled file as it is (see `scripts/standin-odoo/build.sh`).
 */

/** A syntax error (Python's `SyntaxError`) or a valid expression that is not a literal (`ValueError`). */
export class PythonLiteralError extends Error {
  constructor(
    message: string,
    /** 1-based line of the offending token. */
    readonly line: number,
    readonly kind: 'syntax' | 'not-literal',
  ) {
    super(message);
    this.name = 'PythonLiteralError';
  }
}

/** `bytes` (`b'...'`): kept apart from `str`, which Python never mixes with it. */
export interface PyBytes {
  readonly bytes: string;
}

export type Token =
  | { type: 'string'; value: string; bytes: boolean; line: number }
  | { type: 'number'; value: number; line: number }
  | { type: 'name'; value: string; line: number }
  | { type: 'op'; value: string; line: number }
  /** A line end outside brackets: it ends the expression. */
  | { type: 'newline'; value: '\n'; line: number }
  | { type: 'end'; value: ''; line: number };

const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};
const OPERATORS = new Set(['(', ')', '[', ']', '{', '}', ',', ':', '+', '-', '*', '.', '=', '@', '/', '%']);
const DIGIT_RUN = '[0-9](?:_?[0-9])*';
const EXPONENT = `[eE][+-]?${DIGIT_RUN}`;
const NUMBER_SYNTAX = [
  /^0[xX](?:_?[0-9a-fA-F])+$/,
  /^0[oO](?:_?[0-7])+$/,
  /^0[bB](?:_?[01])+$/,
  /^(?:[1-9](?:_?[0-9])*|0(?:_?0)*)$/,
  new RegExp(
    `^(?:(?:${DIGIT_RUN}\\.(?:${DIGIT_RUN})?|\\.${DIGIT_RUN})(?:${EXPONENT})?|${DIGIT_RUN}${EXPONENT})$`,
  ),
];

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isNameStart = (c: string | undefined): boolean =>
  c !== undefined && (c === '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c > '\x7f');
const isNameChar = (c: string | undefined): boolean => isNameStart(c) || isDigit(c);
const isHex = (c: string): boolean => isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');

/** Splits Python source into tokens; throws {@link PythonLiteralError} on a lexical error. */
export class PythonTokenizer {
  private pos = 0;
  private line = 1;
  private depth = 0;

  constructor(private readonly text: string) {}

  private fail(message: string, line = this.line): never {
    throw new PythonLiteralError(message, line, 'syntax');
  }

  next(): Token {
    for (;;) {
      const c = this.text[this.pos];
      if (c === undefined) return { type: 'end', value: '', line: this.line };
      if (c === ' ' || c === '\t' || c === '\f' || c === '\r') this.pos++;
      else if (c === '#') while (this.pos < this.text.length && this.text[this.pos] !== '\n') this.pos++;
      else if (c === '\\') this.lineContinuation();
      else if (c === '\n') {
        this.pos++;
        this.line++;
        // Inside brackets a line end is implicit line joining (Reference 2.1.6).
        if (this.depth === 0) return { type: 'newline', value: '\n', line: this.line - 1 };
      } else return this.token(c);
    }
  }

  private lineContinuation(): void {
    const after = this.text[this.pos + 1] === '\r' ? this.pos + 2 : this.pos + 1;
    if (this.text[after] !== '\n') this.fail('unexpected character after line continuation character');
    this.pos = after + 1;
    this.line++;
  }

  private token(c: string): Token {
    const line = this.line;
    if (isDigit(c) || (c === '.' && isDigit(this.text[this.pos + 1]))) return this.number();
    if (isNameStart(c)) {
      const start = this.pos;
      while (isNameChar(this.text[this.pos])) this.pos++;
      const quote = this.text[this.pos];
      const word = this.text.slice(start, this.pos);
      if ((quote === "'" || quote === '"') && word.length <= 2) return this.string(word.toLowerCase(), line);
      return { type: 'name', value: word, line };
    }
    if (c === "'" || c === '"') return this.string('', line);
    if (!OPERATORS.has(c)) this.fail(`invalid character '${c}'`);
    this.pos++;
    if (c === '(' || c === '[' || c === '{') this.depth++;
    if ((c === ')' || c === ']' || c === '}') && this.depth > 0) this.depth--;
    return { type: 'op', value: c, line };
  }

  private number(): Token {
    const start = this.pos;
    while (isNameChar(this.text[this.pos]) || this.text[this.pos] === '.') {
      const c = this.text[this.pos]!;
      this.pos++;
      // An exponent's sign belongs to the number: 1e-5.
      if ((c === 'e' || c === 'E') && '+-'.includes(this.text[this.pos] ?? 'x')) {
        const hex = /^0[xX]/.test(this.text.slice(start, start + 2));
        if (!hex) this.pos++;
      }
    }
    const raw = this.text.slice(start, this.pos);
    if (raw.endsWith('j') || raw.endsWith('J'))
      throw new PythonLiteralError(`complex number ${raw} is not supported`, this.line, 'not-literal');
    if (!NUMBER_SYNTAX.some((syntax) => syntax.test(raw))) this.fail(`invalid number literal '${raw}'`);
    const digits = raw.replace(/_/g, '');
    const prefixed = /^0[xob]/i.test(digits);
    const value = prefixed
      ? Number.parseInt(digits.slice(2), { x: 16, o: 8, b: 2 }[digits[1]!.toLowerCase() as 'x' | 'o' | 'b'])
      : Number(digits);
    return { type: 'number', value, line: this.line };
  }

  private string(prefix: string, line: number): Token {
    if (!['', 'r', 'u', 'b', 'br', 'rb'].includes(prefix)) {
      if (prefix.includes('f'))
        throw new PythonLiteralError('an f-string is not a literal', line, 'not-literal');
      this.fail(`invalid string prefix '${prefix}'`, line);
    }
    const quote = this.text[this.pos]!;
    const triple = this.text.startsWith(quote.repeat(3), this.pos);
    const close = triple ? quote.repeat(3) : quote;
    this.pos += close.length;
    const raw = prefix.includes('r');
    const bytes = prefix.includes('b');
    let value = '';
    for (;;) {
      const c = this.text[this.pos];
      if (c === undefined) this.fail(`unterminated string literal (detected at line ${this.line})`, line);
      if (this.text.startsWith(close, this.pos)) {
        this.pos += close.length;
        return { type: 'string', value, bytes, line };
      }
      if (c === '\n') {
        if (!triple) this.fail(`unterminated string literal (detected at line ${line})`, line);
        this.line++;
      }
      if (c === '\\') {
        value += raw ? this.rawEscape() : this.escape(bytes);
        continue;
      }
      value += c;
      this.pos++;
    }
  }

  /** In a raw string a backslash stays, but still keeps the next character (a quote) from ending it. */
  private rawEscape(): string {
    const next = this.text[this.pos + 1] ?? '';
    if (next === '\n') this.line++;
    this.pos += 2;
    return `\\${next}`;
  }

  private escape(bytes: boolean): string {
    const c = this.text[this.pos + 1];
    this.pos += 2;
    if (c === undefined) this.fail('unterminated string literal');
    if (c === '\n') {
      this.line++;
      return '';
    }
    const simple = SIMPLE_ESCAPES[c];
    if (simple !== undefined) return simple;
    if (c >= '0' && c <= '7') {
      let digits = c;
      while (digits.length < 3 && (this.text[this.pos] ?? '8') >= '0' && (this.text[this.pos] ?? '8') <= '7')
        digits += this.text[this.pos++];
      return String.fromCharCode(Number.parseInt(digits, 8));
    }
    const width = c === 'x' ? 2 : bytes ? 0 : c === 'u' ? 4 : c === 'U' ? 8 : 0;
    if (width > 0) {
      const hex = this.text.slice(this.pos, this.pos + width);
      if (hex.length < width || ![...hex].every(isHex))
        this.fail(`truncated \\${c}${'X'.repeat(width)} escape`);
      this.pos += width;
      const code = Number.parseInt(hex, 16);
      if (code > 0x10ffff) this.fail(`illegal Unicode character \\${c}${hex}`);
      return String.fromCodePoint(code);
    }
    if (c === 'N' && !bytes)
      throw new PythonLiteralError('\\N{...} escapes are not supported', this.line, 'not-literal');
    // Python keeps an unknown escape as it is (with a DeprecationWarning).
    return `\\${c}`;
  }
}
