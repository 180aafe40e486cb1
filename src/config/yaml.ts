// YAML parsing with line numbers, so validation errors can point at the offending key; hostile
// files (alias bombs, missing anchors, deep nesting, bytes that are not UTF-8) get located errors.
import { isMap, isNode, isScalar, LineCounter, parseDocument, visit } from 'yaml';
import type { z } from 'zod';
import { decodeUtf8 } from '../util/utf8.js';
import { ConfigError, formatLocation } from '../util/errors.js';
import { YamlError } from './yaml-error.js';
import { checkAliases, checkNestingDepth, YAML_LIMITS } from './yaml-limits.js';

export interface LocatedYaml {
  value: unknown;
  /** Line and column of the node at `path` (or of its nearest existing ancestor); with `key`, of the key itself. */
  locate(path: readonly PropertyKey[], at?: 'value' | 'key'): { line: number; column: number };
}

/** Parses YAML text; every problem is a YamlError at file:line:column. */
export function parseYaml(text: string, file: string): LocatedYaml {
  checkNestingDepth(text, file);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const problem = doc.errors[0];
  if (problem) {
    const pos = lineCounter.linePos(problem.pos[0]);
    const at = { file, line: pos.line, column: pos.col };
    // The composer catches its own stack overflow and reports it as this code (checkNestingDepth should leave none).
    if (problem.code === 'RESOURCE_EXHAUSTION') throw new YamlError(at, 'yaml-too-deep', 'collections nested too deep to read');
    throw new YamlError(at, 'yaml-syntax', problem.message.split('\n')[0]!);
  }
  checkAliases(doc, lineCounter, file);
  let value: unknown;
  try {
    value = doc.toJS();
  } catch (e) {
    // checkAliases refuses what toJS would throw on; this keeps any case it misses a located error.
    if (!(e instanceof ReferenceError || e instanceof RangeError)) throw e;
    let offset = 0;
    visit(doc, { Alias: (_key, node) => ((offset = node.range?.[0] ?? 0), visit.BREAK) });
    const pos = lineCounter.linePos(offset);
    throw new YamlError({ file, line: pos.line, column: pos.col }, 'yaml-alias-expansion', e.message);
  }
  return {
    value,
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

/** Parses YAML bytes, which must be UTF-8 (else a DataError [invalid-utf8] at line and column). */
export function parseYamlBytes(bytes: Uint8Array, file: string): LocatedYaml {
  if (bytes.length > YAML_LIMITS.maxBytes) throw new YamlError({ file, line: 1, column: 1 }, 'yaml-too-large', `${bytes.length.toLocaleString('en-US')} bytes; weirdgen reads YAML files of at most ${YAML_LIMITS.maxBytes.toLocaleString('en-US')}`);
  return parseYaml(decodeUtf8(bytes, file), file);
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
