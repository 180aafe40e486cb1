// YAML parsing with line numbers, so validation errors can point at the offending key.
import { isMap, isNode, isScalar, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { ConfigError, formatLocation } from '../util/errors.js';

export interface LocatedYaml {
  value: unknown;
  /** Line and column of the node at `path` (or of its nearest existing ancestor); with `key`, of the key itself. */
  locate(path: readonly PropertyKey[], at?: 'value' | 'key'): { line: number; column: number };
}

export function parseYaml(text: string, file: string): LocatedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const problem = doc.errors[0];
  if (problem) {
    const pos = lineCounter.linePos(problem.pos[0]);
    throw new ConfigError(`${formatLocation({ file, line: pos.line, column: pos.col })}: invalid YAML: ${problem.message.split('\n')[0]}`);
  }
  return {
    value: doc.toJS(),
    locate(path, at = 'value') {
      if (at === 'key' && path.length > 0) {
        const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1) as unknown[], true);
        const pair = isMap(parent) ? parent.items.find((p) => isScalar(p.key) && p.key.value === path[path.length - 1]) : undefined;
        if (pair && isNode(pair.key) && pair.key.range) {
          const pos = lineCounter.linePos(pair.key.range[0]);
          return { line: pos.line, column: pos.col };
        }
      }
      for (let n = path.length; n >= 0; n--) {
        const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n) as unknown[], true);
        if (isNode(node) && node.range) {
          const pos = lineCounter.linePos(node.range[0]);
          return { line: pos.line, column: pos.col };
        }
      }
      return { line: 1, column: 1 };
    },
  };
}

export function formatZodPath(path: readonly PropertyKey[]): string {
  return path.map((k, i) => (typeof k === 'number' ? `[${k}]` : `${i === 0 ? '' : '.'}${String(k)}`)).join('') || '(top level)';
}

/** Validates parsed YAML with a zod schema; every problem names file:line:column and the key. */
export function validateYaml<T>(yaml: LocatedYaml, schema: z.ZodType<T>, file: string): T {
  const result = schema.safeParse(yaml.value);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
    const path = keys.length > 0 ? [...issue.path, keys[0]!] : issue.path;
    const pos = yaml.locate(path, keys.length > 0 ? 'key' : 'value');
    const secretHint = keys.some((k) => /key|token|secret|password/i.test(k)) ? ' (secrets never go in files: name an environment variable instead)' : '';
    const what = keys.length > 0 ? `unknown key${keys.length > 1 ? 's' : ''} ${keys.map((k) => `"${k}"`).join(', ')}${secretHint}` : issue.message;
    return `${formatLocation({ file, line: pos.line, column: pos.column })}: ${formatZodPath(path)}: ${what}`;
  });
  throw new ConfigError(lines.join('\n'));
}
