/**
 * Parse JSON text from a file and, when it is not valid, say where: V8's messages often
 * omit the position ("Unexpected token '}', … is not valid JSON"), so a small scanner
 * finds the offset of the first error and we turn it into a line and a column.
 */

export type JsonParseResult =
  { ok: true; value: unknown } | { ok: false; message: string; line: number; column: number };

/**
 * Parse JSON, or describe the first syntax error with its 1-based line and column.
 *
 * @example
 * parseJsonText('{\n  "a": }')
 * // { ok: false, message: 'invalid JSON at line 2, column 8: expected a value', line: 2, column: 8 }
 */
export function parseJsonText(raw: string): JsonParseResult {
  // Editors on Windows may save a byte-order mark, which JSON.parse refuses.
  const text = raw.startsWith('\uFEFF') ? raw.slice(1) : raw;
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    const found = findSyntaxError(text) ?? { offset: text.length, expected: 'valid JSON' };
    const before = text.slice(0, found.offset).split('\n');
    const line = before.length;
    const column = (before.at(-1)?.length ?? 0) + 1;
    return {
      ok: false,
      message: `invalid JSON at line ${line}, column ${column}: expected ${found.expected}`,
      line,
      column,
    };
  }
}

interface SyntaxErrorAt {
  offset: number;
  expected: string;
}

/** Thrown inside the scanner to unwind to its caller. */
class ScanError extends Error implements SyntaxErrorAt {
  constructor(
    readonly offset: number,
    readonly expected: string,
  ) {
    super(`expected ${expected} at ${offset}`);
  }
}

/** The first syntax error of `text`, or undefined when the scanner finds none. */
function findSyntaxError(text: string): SyntaxErrorAt | undefined {
  let i = 0;
  const fail = (expected: string): never => {
    throw new ScanError(i, expected);
  };
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i] ?? '')) i++;
  };
  const literal = (word: string) => {
    if (text.startsWith(word, i)) i += word.length;
    else fail('a value');
  };
  const string = () => {
    i++;
    while (i < text.length && text[i] !== '"') {
      const c = text.charCodeAt(i);
      if (c < 0x20) fail('a closing quote (control characters must be escaped)');
      if (text[i] === '\\') {
        i++;
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail('four hex digits after \\u');
          i += 4;
        } else if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) fail('a valid escape');
      }
      i++;
    }
    if (i >= text.length) fail('a closing quote');
    i++;
  };
  const number = () => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!match) fail('a value');
    i += match?.[0].length ?? 0;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{')
      return container('}', () => {
        ws();
        if (text[i] !== '"') fail('a property name in double quotes');
        string();
        ws();
        if (text[i] !== ':') fail("':' after the property name");
        i++;
        value();
      });
    if (c === '[') return container(']', value);
    if (c === '"') return string();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    return number();
  };
  const container = (close: string, item: () => void) => {
    i++;
    ws();
    if (text[i] === close) {
      i++;
      return;
    }
    for (;;) {
      item();
      ws();
      if (text[i] === ',') i++;
      else if (text[i] === close) return void i++;
      else fail(`',' or '${close}'`);
    }
  };
  try {
    value();
    ws();
    if (i < text.length) fail('the end of the file');
    return undefined;
  } catch (error) {
    if (error instanceof ScanError) return error;
    throw error;
  }
}
