// Flag values that need more than a number or a choice (URLs, non-empty strings) are parsed with zod
// in the actions, and named in their errors.
import type { z } from 'zod';
import { ConfigError } from '../util/errors.js';

export function parseFlag<T>(flag: string, schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new ConfigError(`${flag}: ${result.error.issues.map((i) => i.message).join('; ')} (got ${JSON.stringify(value)})`);
}
