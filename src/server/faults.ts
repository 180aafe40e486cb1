// Simulated server faults for testing clients: a validated spec of rates and a seeded picker.
import { z } from 'zod';
import { createRng } from '../util/random.js';

/** In the order the picker lays them out on [0, 1). */
export const FAULT_KINDS = ['500', '503', '429', 'hang', 'malformed', 'reset'] as const;
/** A simulated fault: an HTTP 500, 503 or 429, a request that hangs, a malformed body, or a reset connection. */
export type FaultKind = (typeof FAULT_KINDS)[number];
/** The share of chat requests that get each fault (0-1, summing to at most 1). */
export type FaultRates = Partial<Record<FaultKind, number>>;

const SUM_TOLERANCE = 1e-9;

export const faultRatesSchema = z
  .partialRecord(z.enum(FAULT_KINDS), z.number().min(0).max(1))
  .refine((rates) => Object.values(rates).reduce((s, r) => s + (r ?? 0), 0) <= 1 + SUM_TOLERANCE, { message: 'fault rates must sum to at most 1' });

/** `500=0.10,429=0.05,hang=0.02` -> rates; kinds are those of FAULT_KINDS, each at most once. */
export const faultSpecSchema = z
  .string()
  .transform((spec, ctx) => {
    const rates: Record<string, number> = {};
    for (const entry of spec.split(',').map((e) => e.trim()).filter(Boolean)) {
      const match = /^([^=\s]+)\s*=\s*(\S+)$/.exec(entry);
      const kind = match?.[1];
      const rate = Number(match?.[2]);
      if (!match || !kind || !Number.isFinite(rate)) {
        ctx.addIssue({ code: 'custom', message: `"${entry}" is not KIND=RATE (e.g. 500=0.1)` });
        return z.NEVER;
      }
      if (!(FAULT_KINDS as readonly string[]).includes(kind)) {
        ctx.addIssue({ code: 'custom', message: `unknown fault kind "${kind}" (known: ${FAULT_KINDS.join(', ')})` });
        return z.NEVER;
      }
      if (kind in rates) {
        ctx.addIssue({ code: 'custom', message: `fault kind "${kind}" is given twice` });
        return z.NEVER;
      }
      rates[kind] = rate;
    }
    return rates;
  })
  .pipe(faultRatesSchema);

/** One uniform draw per call: a fault with its rate's probability, or undefined. */
export function createFaultPicker(rates: FaultRates, seed: number | string): () => FaultKind | undefined {
  const rng = createRng(`serve-faults/${String(seed)}`);
  return () => {
    const u = rng.next();
    let edge = 0;
    for (const kind of FAULT_KINDS) {
      edge += rates[kind] ?? 0;
      if (u < edge) return kind;
    }
    return undefined;
  };
}
