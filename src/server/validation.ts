// Request bodies and queries checked with zod; the first issue becomes the 400 OpenAI would send.
import { z } from 'zod';
import { invalidRequest, type HttpError } from './errors.js';

/** messages[0].content, as OpenAI names parameters in its errors. */
export function paramName(path: readonly PropertyKey[]): string | null {
  if (path.length === 0) return null;
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('');
}

export function issueError(issue: z.core.$ZodIssue): HttpError {
  const param = paramName(issue.path);
  if (param === null) return invalidRequest(`Invalid request body: ${issue.message}`, null, 'invalid_value');
  if (issue.code === 'invalid_type' && issue.input === undefined) return invalidRequest(`Missing required parameter: '${param}'.`, param, 'missing_required_parameter');
  return invalidRequest(`Invalid '${param}': ${issue.message}${issue.input !== undefined ? ` (got ${JSON.stringify(issue.input)})` : ''}.`, param, 'invalid_value');
}

/** The parsed value, or the 400 that names the first invalid field and why. */
export function parseOr400<T>(schema: z.ZodType<T>, raw: unknown): T {
  const result = schema.safeParse(raw, { reportInput: true });
  if (!result.success) throw issueError(result.error.issues[0]!);
  return result.data;
}
