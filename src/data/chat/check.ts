// Checks one parsed JSONL line against the chat fine-tuning rules and locates each problem.
import type { z } from 'zod';
import { locatePath, type JsonPath } from '../jsonl/json-locate.js';
import type { Encoding } from '../models.js';
import { chatTokenBound, countChatTokens, findSpecialToken } from '../tokens/count.js';
import type { RuleId } from './rules.js';
import { chatExampleSchema, lastMessage, type ChatExample } from './schema.js';

export interface LineProblem {
  rule: RuleId;
  column: number;
  message: string;
}

export interface TokenLimits {
  encoding: Encoding;
  maxTokensPerExample: number;
  /**
   * Count exactly only examples that may pass this many tokens (or the limit): below it a bound from
   * the byte length settles every check, and `tokens` is left out. Default: always count.
   */
  countAbove?: number;
}

export type ExampleCheck =
  | { ok: true; example: ChatExample; /** Counted only when limits were given. */ tokens?: number; problems: [] }
  | { ok: false; problems: LineProblem[] };

/** Checks structure and content; with `limits`, also counts tokens and checks the per-example limit. */
export function checkExample(value: unknown, raw: string, limits?: TokenLimits): ExampleCheck {
  const parsed = chatExampleSchema.safeParse(value);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.flatMap((issue) => structureProblems(issue, value, raw)) };
  const example = parsed.data;
  const problems: LineProblem[] = [];
  const at = (path: JsonPath, at: 'value' | 'key' = 'value') => locatePath(raw, path, at);

  example.messages.forEach((m, i) => {
    if (m.content.trim() === '') {
      problems.push({ rule: 'empty-content', column: at(['messages', i, 'content']), message: `messages[${i}].content is empty` });
    }
    if (m.weight !== undefined && m.role !== 'assistant') {
      problems.push({ rule: 'weight-on-non-assistant', column: at(['messages', i, 'weight'], 'key'), message: `messages[${i}] is a ${m.role} message with a weight` });
    }
    for (const field of ['content', 'name'] as const) {
      const token = findSpecialToken(m[field] ?? '');
      if (token) problems.push({ rule: 'special-token', column: at(['messages', i, field]), message: `messages[${i}].${field} contains the special token ${token}` });
    }
  });
  const lastIndex = example.messages.length - 1;
  const last = lastMessage(example);
  if (last.role !== 'assistant') {
    problems.push({ rule: 'last-not-assistant', column: at(['messages', lastIndex, 'role']), message: `the last message (messages[${lastIndex}]) is from the ${last.role}` });
  } else if (last.weight === 0) {
    problems.push({ rule: 'last-weight-zero', column: at(['messages', lastIndex, 'weight'], 'key'), message: `the last assistant message (messages[${lastIndex}]) has weight 0` });
  }
  const tokens = limits && mayMatter(example, limits) ? countChatTokens(example.messages, limits.encoding) : undefined;
  if (limits && tokens !== undefined && tokens > limits.maxTokensPerExample) {
    problems.push({ rule: 'too-many-tokens', column: 1, message: `${tokens} tokens; the limit per example is ${limits.maxTokensPerExample}` });
  }
  if (problems.length > 0) return { ok: false, problems };
  return tokens === undefined ? { ok: true, example, problems: [] } : { ok: true, example, tokens, problems: [] };
}

function mayMatter(example: ChatExample, limits: TokenLimits): boolean {
  return limits.countAbove === undefined || chatTokenBound(example.messages) > Math.min(limits.countAbove, limits.maxTokensPerExample);
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

function describePath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((s, k) => (typeof k === 'number' ? `${s}[${k}]` : s ? `${s}.${String(k)}` : String(k)), '');
}

/** Translates a zod issue into the validator's named rules. */
function structureProblems(issue: z.core.$ZodIssue, root: unknown, raw: string): LineProblem[] {
  const path = issue.path.filter((k): k is string | number => typeof k !== 'symbol');
  const column = locatePath(raw, path);
  const where = describePath(path);
  const field = path[path.length - 1];
  const missing = valueAt(root, path) === undefined;

  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      rule: 'unknown-key' as const,
      column: locatePath(raw, [...path, key], 'key'),
      message: `unknown key "${key}"${where ? ` in ${where}` : ' at the top level'}`,
    }));
  }
  if (path.length === 0) return [{ rule: 'not-an-object', column, message: `expected a JSON object, got ${jsonType(root)}` }];
  if (path.length === 1 && field === 'messages') {
    if (issue.code === 'too_small') return [{ rule: 'messages-empty', column, message: '"messages" is an empty array' }];
    return [missing ? { rule: 'missing-messages', column, message: 'no "messages" key' } : { rule: 'messages-not-array', column, message: `"messages" is ${jsonType(valueAt(root, path))}, not an array` }];
  }
  if (path.length === 2) return [{ rule: 'message-not-object', column, message: `${where} is ${jsonType(valueAt(root, path))}, not an object` }];
  const got = valueAt(root, path);
  switch (field) {
    case 'role':
      return [missing ? { rule: 'missing-role', column, message: `${describePath(path.slice(0, -1))} has no "role"` } : { rule: 'invalid-role', column, message: `${where} is ${JSON.stringify(got)}; expected system, user or assistant` }];
    case 'content':
      return [missing ? { rule: 'missing-content', column, message: `${describePath(path.slice(0, -1))} has no "content"` } : { rule: 'content-not-string', column, message: `${where} is ${jsonType(got)}, not a string` }];
    case 'name':
      return [{ rule: 'invalid-name', column, message: `${where} is ${jsonType(got)}, not a string` }];
    case 'weight':
      return [{ rule: 'invalid-weight', column, message: `${where} is ${JSON.stringify(got)}; expected 0 or 1` }];
    default:
      return [{ rule: 'not-an-object', column, message: `${where}: ${issue.message}` }];
  }
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return 'a string';
  return `a ${typeof value}`;
}
