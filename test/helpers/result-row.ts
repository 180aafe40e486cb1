// What a test's result rows leave unknown: no trigger condition, no ledger origin, no stored call.
import type { ResultRow } from '../../src/eval/rows.js';

export const NO_PROVENANCE = {
  condition: null,
  seed: null,
  variant: null,
  cacheKey: '',
  usage: null,
  latencyMs: null,
} as const satisfies Pick<ResultRow, 'condition' | 'seed' | 'variant' | 'cacheKey' | 'usage' | 'latencyMs'>;
