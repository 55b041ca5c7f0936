import assert from 'node:assert/strict';
import { parsePythonLiteral, PythonLiteralError } from '@paas/protocol';

/** What parsePythonLiteral throws for `text`. */
function refusal(text: string): PythonLiteralError {
  try {
    parsePythonLiteral(text);
  } catch (error) {
    assert.ok(error instanceof PythonLiteralError, String(error));
    return error;
  }
  assert.fail(`accepted: ${text}`);
}

describe('Python literals as ast.literal_eval reads them', () => {
  it('reads dicts, lists, tuples, sets and constants, trailing commas included', () => {
    const value = parsePythonLiteral(
      "{'a': [1, 2,], 'b': (3,), 'c': {4, 5}, 'd': (), 'e': {}, 'f': set(), 'g': (6)}",
    );
    assert.ok(value instanceof Map);
    assert.deepEqual(Object.fromEntries(value), {
      a: [1, 2],
      b: [3],
      c: [4, 5],
      d: [],
      e: new Map(),
      f: [],
      g: 6,
    });
    assert.deepEqual(parsePythonLiteral('[True, False, None]'), [true, false, null]);
    assert.equal(
      (parsePythonLiteral('{1: "int key", (1, 2): "tuple key"}') as Map<unknown, unknown>).size,
      2,
    );
  });

  it('reads strings: quotes, triple quotes, prefixes, escapes, implicit concatenation', () => {
    assert.equal(parsePythonLiteral(`'it\\'s ' "a \\"b\\""`), `it's a "b"`);
    assert.equal(parsePythonLiteral(`"""one\n'two'\n"three\\""""`), `one\n'two'\n"three"`);
    assert.equal(parsePythonLiteral(`'''a''' \\\n  'b'`), 'ab');
    assert.equal(parsePythonLiteral(`('con'\n  # a comment between\n  "cat")`), 'concat');
    assert.equal(parsePythonLiteral(`r'\\d+\\'' u'x' R"\\n"`), `\\d+\\'x\\n`);
    assert.equal(parsePythonLiteral(`'\\t\\n\\x41\\101\\u00e9\\U0001F600\\q'`), '\t\nAAé😀\\q');
    assert.equal(parsePythonLiteral(`'line \\\ncontinued'`), 'line continued');
    assert.deepEqual(parsePythonLiteral(`b'\\x00a' Rb'\\x'`), { bytes: '\x00a\\x' });
  });

  it('reads numbers: ints in four bases, floats, exponents, underscores, signs', () => {
    assert.deepEqual(
      parsePythonLiteral('[0, 10, -3, +4, 0x1F, 0o17, 0b101, 1_000, 1.5, .5, 2., 1e3, 1.5E-2, -(7)]'),
      [0, 10, -3, 4, 31, 15, 5, 1000, 1.5, 0.5, 2, 1000, 0.015, -7],
    );
  });

  it('skips comments, blank lines and leading indentation around the expression', () => {
    assert.deepEqual(
      parsePythonLiteral('# -*- coding: utf-8 -*-\n\n  {\n  # key\n  "k": 1, # one\n}\n\n# end\n'),
      new Map([['k', 1]]),
    );
  });

  it('refuses syntax errors with the line', () => {
    for (const [text, line, message] of [
      ["{'a': 1\n 'b': 2}", 2, /expected ',' or '}'/],
      ["{'a': 'open}", 1, /unterminated string/],
      ["{'a':\n '''never closed}", 2, /unterminated string/],
      ['[1, 2', 1, /end of file/],
      ['{"a": 1}\n{"b": 2}', 2, /expected end of file/],
      ['[0777]', 1, /invalid number/],
      ["['\\x4']", 1, /truncated \\xXX/],
      ["[b'a' 'b']", 1, /cannot mix bytes/],
      ['[1] \\ 2', 1, /line continuation/],
      ['', 1, /expected an expression/],
    ] as const) {
      const error = refusal(text);
      assert.equal(error.kind, 'syntax', text);
      assert.equal(error.line, line, text);
      assert.match(error.message, message, text);
    }
  });

  it('refuses valid Python that is no literal', () => {
    for (const [text, message] of [
      ["{'data': glob('*.xml')}", /a call of glob\(\)/],
      ["{'v': version}", /the name 'version'/],
      ['{"a": 1 + 2}', /operator '\+'/],
      ['[-True]', /applies only to a number/],
      ['[--1]', /operator '-'/],
      ["{'a': f'x{1}'}", /f-string/],
      ['dict(a=1)', /a call of dict\(\)/],
      ["{**{'a': 1}}", /operator '\*'/],
      ["['a'.upper()]", /call, subscript or attribute/],
    ] as const) {
      const error = refusal(text);
      assert.equal(error.kind, 'not-literal', text);
      assert.match(error.message, message, text);
    }
  });
});
