// What the server has answered, for tests of clients: outcomes and completions per sample key.
import { canonicalJson } from '../util/canonical-json.js';
import { sha256Hex } from '../util/hash.js';
import type { FaultKind } from './faults.js';

/** Every /v1 request ends in exactly one outcome; `aborted`: the client left before the answer. */
export type Outcome = 'ok' | 'rate-limited' | 'error' | 'aborted' | FaultKind;

const OUTCOMES: readonly Outcome[] = ['ok', 'rate-limited', 'error', 'aborted', '500', '503', '429', 'hang', 'malformed', 'reset'];

/** What the server has answered since it started or `resetStats()`: requests by outcome, completions per sample key, objects created. */
export interface ServerStats {
  /** Requests under /v1. */
  requests: number;
  outcomes: Record<Outcome, number>;
  /** Sample key -> chat.completion responses (200, well-formed) sent for it, directly or in a batch's output. */
  completions: Record<string, number>;
  /** Requests run inside batches (each successful one also counted in `completions`). */
  batchRequests: number;
  /** Objects created through the API, so tests of clients can see that nothing was created twice. */
  filesCreated: number;
  fineTuningJobsCreated: number;
  batchesCreated: number;
}

export type CreatedKind = 'filesCreated' | 'fineTuningJobsCreated' | 'batchesCreated';

/** What makes two chat requests the same sample, with OpenAI's field names and defaults filled in. */
export interface SampleFields {
  model: string;
  messages: { role: string; content: string }[];
  temperature: number;
  max_tokens: number;
  n: number;
  seed: number | null;
  stop: string[] | null;
  logprobs: boolean;
  top_logprobs: number | null;
  /** Set only away from their defaults, so that keys of requests without them never change. */
  top_p?: number;
  frequency_penalty?: number;
  presence_penalty?: number;
  logit_bias?: Record<string, number>;
}


/** The key of a chat request's sample in `ServerStats.completions`: a sha256 of its fields, sampling parameters counted only when set. */
export function sampleKey(fields: SampleFields): string {
  const { model, messages, temperature, max_tokens, n, seed, stop, logprobs, top_logprobs, top_p, frequency_penalty, presence_penalty, logit_bias } = fields;
  // canonicalJson leaves undefined fields out: the sampling parameters count only when set.
  return sha256Hex(canonicalJson({ model, messages: messages.map((m) => ({ role: m.role, content: m.content })), temperature, max_tokens, n, seed, stop, logprobs, top_logprobs, top_p, frequency_penalty, presence_penalty, logit_bias }));
}

export class StatsRecorder {
  private stats = StatsRecorder.empty();

  private static empty(): ServerStats {
    return {
      requests: 0,
      outcomes: Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>,
      completions: {},
      batchRequests: 0,
      filesCreated: 0,
      fineTuningJobsCreated: 0,
      batchesCreated: 0,
    };
  }

  request(): void {
    this.stats.requests += 1;
  }

  outcome(outcome: Outcome): void {
    this.stats.outcomes[outcome] += 1;
  }

  completion(key: string): void {
    this.stats.completions[key] = (this.stats.completions[key] ?? 0) + 1;
  }

  batchRequest(): void {
    this.stats.batchRequests += 1;
  }

  created(kind: CreatedKind): void {
    this.stats[kind] += 1;
  }

  snapshot(): ServerStats {
    return structuredClone(this.stats);
  }

  reset(): void {
    this.stats = StatsRecorder.empty();
  }
}
