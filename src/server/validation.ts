// Request bodies and queries checked with zod; the first issue becomes the 400 OpenAI would send.
import { z } from 'zod';
import { invalidRequest, type HttpError } from './errors.js';

/** messages[0].content, as OpenAI names parameters in its errors. */
export function paramName(path: readonly PropertyKey[]): string | null {
  if (path.length === 0) return null;
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('');
}

const PREVIEW_DEPTH = 3;
const PREVIEW_CHARS = 200;

function previewOf(value: unknown, depth: number): string {
  if (Array.isArray(value)) return depth >= PREVIEW_DEPTH ? '[...]' : `[${value.slice(0, 8).map((v) => previewOf(v, depth + 1)).join(',')}${value.length > 8 ? ',...' : ''}]`;
  if (value !== null && typeof value === 'object') {
    if (depth >= PREVIEW_DEPTH) return '{...}';
    const entries = Object.entries(value);
    return `{${entries.slice(0, 8).map(([k, v]) => `${JSON.stringify(k)}:${previewOf(v, depth + 1)}`).join(',')}${entries.length > 8 ? ',...' : ''}}`;
  }
  return JSON.stringify(value) ?? String(value);
}

/** The offending value as JSON, cut short: a deeply nested or huge value must neither overflow the stack nor be echoed whole. */
export function previewJson(value: unknown): string {
  const text = previewOf(value, 0);
  return text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS)}...` : text;
}

export function issueError(issue: z.core.$ZodIssue): HttpError {
  const param = paramName(issue.path);
  if (param === null) return invalidRequest(`Invalid request body: ${issue.message}`, null, 'invalid_value');
  if (issue.code === 'invalid_type' && issue.input === undefined) return invalidRequest(`Missing required parameter: '${param}'.`, param, 'missing_required_parameter');
  return invalidRequest(`Invalid '${param}': ${issue.message}${issue.input !== undefined ? ` (got ${previewJson(issue.input)})` : ''}.`, param, 'invalid_value');
}

/** The parsed value, or the 400 that names the first invalid field and why. */
export function parseOr400<T>(schema: z.ZodType<T>, raw: unknown): T {
  const result = schema.safeParse(raw, { reportInput: true });
  if (!result.success) throw issueError(result.error.issues[0]!);
  return result.data;
}
