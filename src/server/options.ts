// The options of `weirdgen serve`, validated once where they enter the library.
import { z } from 'zod';
import { faultRatesSchema } from './faults.js';

/** The options of `weirdgen serve`, validated, with their defaults (127.0.0.1:8787, no key, no latency, limits or faults). */
export const serveOptionsSchema = z.object({
  host: z.string().min(1).default('127.0.0.1'),
  /** 0 picks a free port. */
  port: z.number().int().min(0).max(65535).default(8787),
  /** When set, every request must carry `Authorization: Bearer <apiKey>`. */
  apiKey: z.string().min(1).optional(),
  /** Added before answering every /v1 request. */
  latencyMs: z.number().int().min(0).max(600_000).default(0),
  /** Chat requests per minute; past it, 429 with Retry-After and x-ratelimit-* headers. */
  rpm: z.number().int().positive().optional(),
  /** Tokens per minute; a chat request needs its prompt estimate plus max_tokens * n. */
  tpm: z.number().int().positive().optional(),
  /** Rates of simulated faults, each chat request drawing once. */
  faults: faultRatesSchema.default({}),
  /** Seeds the fault draws. */
  seed: z.union([z.number().int(), z.string().min(1)]).default(0),
  maxBodyBytes: z.number().int().positive().default(4 * 1024 * 1024),
  /** Where files, fine-tuning jobs, batches and fine-tuned weights live (`<workspace>/serve/`); without one, those routes answer 404. */
  workspace: z.string().min(1).optional(),
  /** Largest file upload (OpenAI's limit: 512 MB). */
  maxUploadBytes: z.number().int().positive().default(512 * 1024 * 1024),
  /** Extra time a fine-tuning job sits in `queued`, and again in `running`, so clients can be stopped while they poll. */
  jobDelayMs: z.number().int().min(0).max(3_600_000).default(0),
  /** Extra time a batch sits in `validating`, and again in `in_progress`. */
  batchDelayMs: z.number().int().min(0).max(3_600_000).default(0),
  /** Requests of one batch run at once (the sandbox generates concurrent requests together). */
  batchConcurrency: z.number().int().min(1).max(1024).default(64),
});

/** Serve options as a caller writes them; every field has a default. */
export type ServeOptions = z.input<typeof serveOptionsSchema>;
/** Serve options after validation, defaults filled in. */
export type ResolvedServeOptions = z.output<typeof serveOptionsSchema>;
