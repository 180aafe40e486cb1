// Reads the few shapes of Python the agentic-misalignment framework keeps its prompt text in (never
// runs it): a module-level string constant (string literals joined by `+` or placed side by side,
// or names of earlier constants), a dict of such strings, and the first element of a list
// comprehension that builds a system prompt from literal pieces and loop variables.
import { DataError } from '../../util/errors.js';
import { PythonCursor } from '../python-source.js';

/** A piece of a string expression: literal text or the name of a variable. */
export type StringPart = { literal: string } | { name: string };

/** Where `NAME = ...` (or `NAME, OTHER = ...`) starts at the beginning of a line: the position after `=`. */
function assignmentOf(text: string, file: string, name: string): number {
  const m = new RegExp(`^${name}(?:[ \\t]*,[ \\t]*[A-Za-z_][A-Za-z0-9_]*)*[ \\t]*=(?!=)`, 'm').exec(text);
  if (!m) throw new DataError({ file }, 'python-constant', `no module-level assignment to ${name}`);
  return m.index + m[0].length;
}

/** `+`-joined or adjacent literals and names, up to the end of the expression (or a `for`). */
function stringExpression(cursor: PythonCursor, inBrackets: boolean): StringPart[] {
  const parts: StringPart[] = [];
  for (;;) {
    cursor.skipSpace(inBrackets);
    if (cursor.atStringStart()) {
      const at = cursor.pos;
      const s = cursor.string();
      if (s.kind !== 'plain') cursor.fail('a plain string literal (f-strings are not read here)', at);
      parts.push({ literal: s.value });
    } else if (cursor.accept('(') !== undefined) {
      parts.push(...stringExpression(cursor, true));
      cursor.skipSpace(true);
      cursor.take(')', "')'");
    } else {
      const at = cursor.pos;
      const name = cursor.identifier('a string literal or a name');
      if (name === 'for') {
        cursor.pos = at;
        break;
      }
      parts.push({ name });
    }
    cursor.skipSpace(inBrackets);
    if (cursor.accept('+') !== undefined) continue;
    if (cursor.atStringStart()) continue;
    break;
  }
  if (parts.length === 0) cursor.fail('a string expression');
  return parts;
}

/** Joins parts, each name replaced by its constant (an unknown name is an error at `file`). */
function joined(parts: readonly StringPart[], names: Readonly<Record<string, string>>, file: string, what: string): string {
  return parts
    .map((p) => {
      if ('literal' in p) return p.literal;
      const value = names[p.name];
      if (value === undefined) throw new DataError({ file }, 'python-constant', `${what} uses ${p.name}, which is not a string constant read here`);
      return value;
    })
    .join('');
}

/** The value of a module-level string constant; names in it are resolved from earlier string constants of the file. */
export function readStringConstant(text: string, file: string, name: string, seen: ReadonlySet<string> = new Set()): string {
  const cursor = new PythonCursor(text, file);
  cursor.pos = assignmentOf(text, file, name);
  const parts = stringExpression(cursor, false);
  const names: Record<string, string> = {};
  for (const p of parts) {
    if (!('name' in p) || p.name in names) continue;
    if (seen.has(p.name)) throw new DataError({ file, ...cursor.where() }, 'python-constant', `${name} refers to itself through ${p.name}`);
    names[p.name] = readStringConstant(text, file, p.name, new Set([...seen, name]));
  }
  return joined(parts, names, file, name);
}

/**
 * `A, B = [<expr> for ... in [...]]`: the literal runs of the list's first element, split where a
 * name (a loop variable) stands between them: ["<identity and goal>", "<environment>"] for the
 * framework's system prompts.
 */
export function readComprehensionLiterals(text: string, file: string, name: string): string[] {
  const cursor = new PythonCursor(text, file);
  cursor.pos = assignmentOf(text, file, name);
  cursor.skipSpace();
  cursor.take('[', `'[' opening the list comprehension assigned to ${name}`);
  const parts = stringExpression(cursor, true);
  cursor.skipSpace(true);
  cursor.take('for', `'for' after the first element of ${name}'s list`);
  const runs: string[] = [];
  let current: string | undefined;
  for (const p of parts) {
    if ('literal' in p) current = (current ?? '') + p.literal;
    else if (current !== undefined) {
      runs.push(current);
      current = undefined;
    }
  }
  if (current !== undefined) runs.push(current);
  return runs;
}

export type StringDict = { [key: string]: string | StringDict };

function dictLiteral(cursor: PythonCursor, names: Readonly<Record<string, string>>): StringDict {
  cursor.take('{', "'{'");
  const out: StringDict = {};
  for (;;) {
    cursor.skipSpace(true);
    if (cursor.accept('}') !== undefined) return out;
    const at = cursor.pos;
    const key = cursor.string();
    if (key.kind !== 'plain') cursor.fail('a plain string key', at);
    cursor.skipSpace(true);
    cursor.take(':', "':' after the key");
    cursor.skipSpace(true);
    out[key.value] = cursor.text[cursor.pos] === '{' ? dictLiteral(cursor, names) : joined(stringExpression(cursor, true), names, cursor.file, `the value of "${key.value}"`);
    cursor.skipSpace(true);
    if (cursor.accept(',') === undefined) {
      cursor.skipSpace(true);
      cursor.take('}', "',' or '}'");
      return out;
    }
  }
}

/** A module-level dict of strings (nested dicts allowed), as GOAL_VARIABLES is written. */
export function readStringDict(text: string, file: string, name: string): StringDict {
  const cursor = new PythonCursor(text, file);
  cursor.pos = assignmentOf(text, file, name);
  cursor.skipSpace();
  return dictLiteral(cursor, {});
}
