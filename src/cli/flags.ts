// Command-line flag values are external input: each is parsed with zod and named in its error.
import { z } from 'zod';
import { ConfigError } from '../util/errors.js';

export function parseFlag<T>(flag: string, schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new ConfigError(`${flag}: ${result.error.issues.map((i) => i.message).join('; ')} (got ${JSON.stringify(value)})`);
}

export const epochsFlag = z.union([z.literal('auto'), z.coerce.number().int().min(1).max(50)]);
export const seedFlag = z.union([z.coerce.number().int(), z.string().min(1)]);
export const fractionFlag = z.coerce.number().gt(0).lt(1);
export const positiveIntFlag = z.coerce.number().int().positive();
