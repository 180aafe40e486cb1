// A small JSON parser used only when a line has a problem: it finds the column of a syntax error
// (JSON.parse in Node 20 does not report one) and the column where a given path's value starts.

export type JsonPath = readonly (string | number)[];

export interface JsonSyntaxProblem {
  /** 1-based column in the line. */
  column: number;
  message: string;
}

class Stop extends Error {
  constructor(
    readonly offset: number,
    readonly problem: string,
  ) {
    super(problem);
  }
}

const MAX_DEPTH = 256;

type Visit = (path: JsonPath, keyOffset: number | undefined, valueOffset: number) => void;

/** Parses `text` as one JSON value; calls `visit` for every value with the offsets of its key and start. */
function walk(text: string, visit: Visit): void {
  let i = 0;
  const ws = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const describe = (at: number) => (at >= text.length ? 'end of line' : `character ${JSON.stringify(text[at])}`);

  const value = (path: JsonPath, keyOffset: number | undefined): void => {
    ws();
    if (path.length > MAX_DEPTH) throw new Stop(i, `nesting deeper than ${MAX_DEPTH} levels`);
    visit(path, keyOffset, i);
    const c = text[i];
    if (c === '{') return object(path);
    if (c === '[') return array(path);
    if (c === '"') return void string();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return number();
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    if (c === "'") throw new Stop(i, 'strings must use double quotes');
    if (text.startsWith('NaN', i) || text.startsWith('Infinity', i)) throw new Stop(i, 'NaN and Infinity are not JSON');
    throw new Stop(i, `expected a value, found ${describe(i)}`);
  };

  const object = (path: JsonPath): void => {
    i++;
    ws();
    if (text[i] === '}') {
      i++;
      return;
    }
    for (;;) {
      ws();
      if (text[i] === '}') throw new Stop(i, 'trailing comma before "}"');
      if (text[i] !== '"') throw new Stop(i, `expected a double-quoted key, found ${describe(i)}`);
      const keyOffset = i;
      const key = string();
      ws();
      if (text[i] !== ':') throw new Stop(i, `expected ":" after key, found ${describe(i)}`);
      i++;
      value([...path, key], keyOffset);
      ws();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === '}') {
        i++;
        return;
      }
      throw new Stop(i, `expected "," or "}", found ${describe(i)}`);
    }
  };

  const array = (path: JsonPath): void => {
    i++;
    ws();
    if (text[i] === ']') {
      i++;
      return;
    }
    for (let index = 0; ; index++) {
      ws();
      if (text[i] === ']') throw new Stop(i, 'trailing comma before "]"');
      value([...path, index], undefined);
      ws();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === ']') {
        i++;
        return;
      }
      throw new Stop(i, `expected "," or "]", found ${describe(i)}`);
    }
  };

  const string = (): string => {
    const start = i;
    i++;
    for (;;) {
      if (i >= text.length) throw new Stop(start, 'unterminated string');
      const c = text[i]!;
      if (c === '"') {
        i++;
        return JSON.parse(text.slice(start, i)) as string;
      }
      if (c === '\\') {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) throw new Stop(i, 'invalid \\u escape');
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) {
          i += 2;
        } else {
          throw new Stop(i, `invalid escape "\\${e ?? ''}"`);
        }
        continue;
      }
      if (c.charCodeAt(0) < 0x20) throw new Stop(i, 'control character inside a string (escape it)');
      i++;
    }
  };

  const number = (): void => {
    const m = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.slice(i));
    if (!m) throw new Stop(i, 'invalid number');
    i += m[0].length;
  };

  value([], undefined);
  ws();
  if (i < text.length) throw new Stop(i, `unexpected ${describe(i)} after the JSON value`);
}

/** The syntax problem of a line that JSON.parse rejected, with its column. */
export function findSyntaxProblem(text: string): JsonSyntaxProblem {
  try {
    walk(text, () => undefined);
  } catch (e) {
    if (e instanceof Stop) return { column: e.offset + 1, message: e.problem };
    throw e;
  }
  // Our parser accepted what JSON.parse rejected: fall back to JSON.parse's own words.
  try {
    JSON.parse(text);
    return { column: 1, message: 'invalid JSON' };
  } catch (e) {
    return { column: 1, message: (e as Error).message };
  }
}

/**
 * The 1-based column where the value at `path` starts (or its key, with `at: 'key'`), falling back
 * to the deepest existing ancestor; 1 when the line is not valid JSON.
 */
export function locatePath(text: string, path: JsonPath, at: 'value' | 'key' = 'value'): number {
  let best = 0;
  let bestDepth = -1;
  try {
    walk(text, (p, keyOffset, valueOffset) => {
      if (p.length > path.length || p.length <= bestDepth) return;
      for (let k = 0; k < p.length; k++) if (p[k] !== path[k]) return;
      bestDepth = p.length;
      best = at === 'key' && p.length === path.length && keyOffset !== undefined ? keyOffset : valueOffset;
    });
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
  }
  return best + 1;
}
