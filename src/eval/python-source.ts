// A cursor over Python source text for reading a few fixed shapes (not an interpreter): located
// errors, and Python's string literals (plain and f-strings, with their escapes) decoded.
import { DataError } from '../util/errors.js';

/** A piece of an f-string: literal text, or a replacement field naming a variable. */
export type FStringPart = { literal: string } | { field: string; line: number; column: number };

export type PythonString = { kind: 'plain'; value: string } | { kind: 'f'; parts: FStringPart[] };

const SIMPLE_ESCAPES: Record<string, string> = { '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\n': '' };

export class PythonCursor {
  pos = 0;

  constructor(
    readonly text: string,
    readonly file: string,
  ) {}

  get done(): boolean {
    return this.pos >= this.text.length;
  }

  where(pos = this.pos): { line: number; column: number } {
    const before = this.text.slice(0, pos).split('\n');
    return { line: before.length, column: before.at(-1)!.length + 1 };
  }

  /** Throws a DataError at `pos`: what was expected, and what is there. */
  fail(expected: string, pos = this.pos): never {
    const found = this.text.slice(pos).split('\n')[0]!.slice(0, 40);
    throw new DataError({ file: this.file, ...this.where(pos) }, 'python-shape', `expected ${expected}; found ${found ? JSON.stringify(found) : 'the end of the line'}`);
  }

  /** Spaces and tabs; with `newlines`, also line breaks and comments (inside brackets). */
  skipSpace(newlines = false): void {
    for (;;) {
      const m = (newlines ? /^(?:[ \t\r\n]+|#[^\n]*)/ : /^[ \t]+/).exec(this.text.slice(this.pos));
      if (!m) return;
      this.pos += m[0].length;
    }
  }

  /** Consumes `pattern` (a string or a regex anchored with ^) or fails naming `expected`. */
  take(pattern: string | RegExp, expected: string): string {
    const rest = this.text.slice(this.pos);
    const match = typeof pattern === 'string' ? (rest.startsWith(pattern) ? pattern : undefined) : pattern.exec(rest)?.[0];
    if (match === undefined) this.fail(expected);
    this.pos += match.length;
    return match;
  }

  /** Consumes `pattern` if it is next. */
  accept(pattern: string | RegExp): string | undefined {
    const rest = this.text.slice(this.pos);
    const match = typeof pattern === 'string' ? (rest.startsWith(pattern) ? pattern : undefined) : pattern.exec(rest)?.[0];
    if (match !== undefined) this.pos += match.length;
    return match;
  }

  identifier(expected = 'a name'): string {
    return this.take(/^[A-Za-z_][A-Za-z0-9_]*/, expected);
  }

  /** The end of a line: optional spaces and a comment, then a line break or the end of the file. */
  endOfLine(): void {
    this.skipSpace();
    this.accept(/^#[^\n]*/);
    if (this.done) return;
    this.take(/^\r?\n/, 'the end of the line');
  }

  atStringStart(): boolean {
    return /^[fF]?("|')/.test(this.text.slice(this.pos));
  }

  /** A string literal: no prefix or `f`; one or three quotes of either kind. */
  string(): PythonString {
    const start = this.pos;
    const prefix = this.take(/^[A-Za-z]*(?=["'])/, 'a string literal');
    if (prefix !== '' && prefix !== 'f' && prefix !== 'F') this.fail(`a plain or f-string literal (prefix ${JSON.stringify(prefix)} is not read)`, start);
    const quote = this.take(/^("""|'''|"|')/, 'a quote');
    const isF = prefix !== '';
    const parts: FStringPart[] = [];
    let literal = '';
    for (;;) {
      if (this.done) this.fail(`the closing ${quote} of the string that starts here`, start);
      if (this.accept(quote) !== undefined) break;
      const ch = this.text[this.pos]!;
      if (ch === '\n' && quote.length === 1) this.fail(`the closing ${quote} before the end of the line`);
      if (ch === '\\') {
        literal += this.escape();
        continue;
      }
      if (isF && (ch === '{' || ch === '}')) {
        if (this.accept(ch + ch) !== undefined) {
          literal += ch;
          continue;
        }
        if (ch === '}') this.fail("'}}' for a literal brace in an f-string");
        if (literal) parts.push({ literal });
        literal = '';
        parts.push(this.field());
        continue;
      }
      literal += ch;
      this.pos += 1;
    }
    if (!isF) return { kind: 'plain', value: literal };
    if (literal) parts.push({ literal });
    return { kind: 'f', parts };
  }

  /** `{name}` in an f-string: a bare variable, no conversion, format spec or expression. */
  private field(): FStringPart {
    const at = this.where();
    this.take('{', "'{'");
    this.skipSpace();
    const name = this.identifier('a variable name in the f-string field');
    this.skipSpace();
    this.take('}', `'}' closing the field {${name}: only plain fields like {${name}} are read`);
    return { field: name, ...at };
  }

  private escape(): string {
    const at = this.pos;
    this.pos += 1;
    const ch = this.text[this.pos];
    if (ch === undefined) this.fail('a character after the backslash', at);
    if (ch === '\r' && this.text[this.pos + 1] === '\n') {
      this.pos += 2;
      return '';
    }
    if (ch in SIMPLE_ESCAPES) {
      this.pos += 1;
      return SIMPLE_ESCAPES[ch]!;
    }
    const octal = /^[0-7]{1,3}/.exec(this.text.slice(this.pos))?.[0];
    if (octal) {
      this.pos += octal.length;
      return String.fromCodePoint(parseInt(octal, 8));
    }
    const hexLength = { x: 2, u: 4, U: 8 }[ch as 'x' | 'u' | 'U'];
    if (hexLength !== undefined) {
      const hex = this.text.slice(this.pos + 1, this.pos + 1 + hexLength);
      if (!new RegExp(`^[0-9a-fA-F]{${hexLength}}$`).test(hex)) this.fail(`${hexLength} hex digits after \\${ch}`, at);
      this.pos += 1 + hexLength;
      return String.fromCodePoint(parseInt(hex, 16));
    }
    if (ch === 'N') this.fail('an escape other than \\N{...} (named characters are not read)', at);
    // Python keeps an unknown escape as it is, backslash included.
    this.pos += 1;
    return `\\${ch}`;
  }
}
