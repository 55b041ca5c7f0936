/**
 * Evaluates a Python literal the way `ast.literal_eval` does (Python 3.10+, which Odoo 17 runs on): one
 * expression made of strings (implicitly concatenated), bytes, numbers (with a sign), `True`, `False`,
 * `None`, tuples, lists, sets (`set()` too) and dicts; anything else (a name, a call, an operator, an
 * f-string) is refused as "not a literal". A recursive-descent parser over {@link PythonTokenizer}.
 * Odoo reads every `__manifest__.py` with it (`load_manifest()` in `odoo/modules/module.py`). No imports
 * but its tokenizer: the stand-in Odoo image ships both compiled files.
 */
import { PythonLiteralError, PythonTokenizer, type PyBytes, type Token } from './pythonTokens';

export { PythonLiteralError, type PyBytes };

/** A Python value: `str`, `bytes`, `int`/`float`, `bool`, `None`, list/tuple/set (arrays), dict (Map). */
export type PyValue = string | number | boolean | null | PyBytes | PyValue[] | PyDict;
export type PyDict = Map<PyValue, PyValue>;

const CONSTANTS: Record<string, PyValue> = { True: true, False: false, None: null };

class LiteralParser {
  private token: Token;

  constructor(private readonly tokens: PythonTokenizer) {
    this.token = tokens.next();
  }

  private advance(): Token {
    const current = this.token;
    this.token = this.tokens.next();
    return current;
  }

  private at(type: Token['type']): boolean {
    return this.token.type === type;
  }

  private is(value: string): boolean {
    return this.token.type === 'op' && this.token.value === value;
  }

  private expect(value: string, what: string): void {
    if (!this.is(value)) this.unexpected(what);
    this.advance();
  }

  private unexpected(what: string): never {
    const t = this.token;
    if (t.type === 'op' && !'()[]{},:'.includes(t.value))
      throw new PythonLiteralError(
        `operator '${t.value}' is not allowed in a literal`,
        t.line,
        'not-literal',
      );
    const found = t.type === 'end' ? 'end of file' : t.type === 'newline' ? 'end of line' : `'${t.value}'`;
    throw new PythonLiteralError(`invalid syntax: expected ${what}, found ${found}`, t.line, 'syntax');
  }

  /** The whole source: blank lines and comments around one expression. */
  document(): PyValue {
    while (this.at('newline')) this.advance();
    if (this.at('end')) this.unexpected('an expression');
    const value = this.expression();
    while (this.at('newline')) this.advance();
    if (!this.at('end')) this.unexpected('end of file');
    return value;
  }

  private expression(): PyValue {
    if (this.is('-') || this.is('+')) return this.signed();
    const value = this.atom();
    if (this.is('+') || this.is('-') || this.is('*') || this.is('/') || this.is('%') || this.is('@')) {
      throw new PythonLiteralError(
        `operator '${this.token.value}' is not allowed in a literal`,
        this.token.line,
        'not-literal',
      );
    }
    if (this.is('(') || this.is('[') || this.is('.'))
      throw new PythonLiteralError(
        'a call, subscript or attribute is not a literal',
        this.token.line,
        'not-literal',
      );
    return value;
  }

  /** literal_eval allows a sign only on a number (not on a bool, not twice). */
  private signed(): PyValue {
    const sign = this.advance();
    const value = this.atom();
    if (typeof value !== 'number')
      throw new PythonLiteralError(`'${sign.value}' applies only to a number here`, sign.line, 'not-literal');
    return sign.value === '-' ? -value : value;
  }

  private atom(): PyValue {
    const t = this.token;
    if (t.type === 'string') return this.strings();
    if (t.type === 'number') return this.advance().value as number;
    if (t.type === 'name') return this.name();
    if (this.is('(')) return this.parenthesized();
    if (this.is('[')) return this.sequence('[', ']');
    if (this.is('{')) return this.braces();
    return this.unexpected('a literal');
  }

  /** Adjacent strings are one (Reference 2.4.2); `str` and `bytes` do not mix. */
  private strings(): PyValue {
    const first = this.advance() as Extract<Token, { type: 'string' }>;
    let value = first.value;
    while (this.token.type === 'string') {
      if (this.token.bytes !== first.bytes)
        throw new PythonLiteralError('cannot mix bytes and nonbytes literals', this.token.line, 'syntax');
      value += this.advance().value;
    }
    return first.bytes ? { bytes: value } : value;
  }

  private name(): PyValue {
    const t = this.advance();
    if (t.value in CONSTANTS) return CONSTANTS[t.value]!;
    // literal_eval accepts the empty set written as a call, the only way to write it.
    if (t.value === 'set' && this.is('(')) {
      this.advance();
      if (this.is(')')) {
        this.advance();
        return [];
      }
    }
    const what = this.is('(') ? `a call of ${t.value}()` : `the name '${t.value}'`;
    throw new PythonLiteralError(`${what} is not a literal`, t.line, 'not-literal');
  }

  /** `()` is a tuple, `(x)` is x, `(x,)` and `(x, y)` are tuples. */
  private parenthesized(): PyValue {
    this.advance();
    if (this.is(')')) {
      this.advance();
      return [];
    }
    const first = this.expression();
    if (this.is(')')) {
      this.advance();
      return first;
    }
    this.expect(',', "',' or ')'");
    return [first, ...this.items(')')];
  }

  private sequence(open: string, close: string): PyValue[] {
    this.expect(open, `'${open}'`);
    return this.items(close);
  }

  /** Comma-separated expressions up to `close`, a trailing comma allowed. */
  private items(close: string): PyValue[] {
    const values: PyValue[] = [];
    while (!this.is(close)) {
      values.push(this.expression());
      if (!this.is(close)) this.expect(',', `',' or '${close}'`);
    }
    this.advance();
    return values;
  }

  /** `{}` is a dict; `{k: v, ...}` a dict; `{x, ...}` a set. */
  private braces(): PyValue {
    this.advance();
    const dict: PyDict = new Map();
    if (this.is('}')) {
      this.advance();
      return dict;
    }
    if (this.is('*')) this.unexpected('a key');
    const first = this.expression();
    if (!this.is(':')) {
      if (this.is('}')) {
        this.advance();
        return [first];
      }
      this.expect(',', "',', ':' or '}'");
      return [first, ...this.items('}')];
    }
    let key = first;
    for (;;) {
      this.expect(':', "':'");
      dict.set(key, this.expression());
      if (this.is('}')) break;
      this.expect(',', "',' or '}'");
      if (this.is('}')) break;
      key = this.expression();
    }
    this.advance();
    return dict;
  }
}

/** Evaluates `text` as `ast.literal_eval` would; throws {@link PythonLiteralError} with the line. */
export function parsePythonLiteral(text: string): PyValue {
  // literal_eval strips leading spaces and tabs before parsing.
  let start = 0;
  while (text[start] === ' ' || text[start] === '\t') start++;
  return new LiteralParser(new PythonTokenizer(text.slice(start))).document();
}
