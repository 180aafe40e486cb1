// Batch API input files: one line per call (custom_id = the cache key), split at OpenAI's limits.
import { chatBody } from '../../providers/index.js';
import type { PlannedCall } from '../plan.js';

export const MAX_REQUESTS_PER_BATCH = 50_000;
export const MAX_BYTES_PER_BATCH = 200 * 1024 * 1024;

export function batchLine(call: PlannedCall): string {
  return JSON.stringify({ custom_id: call.key, method: 'POST', url: '/v1/chat/completions', body: chatBody(call.request) });
}

/** Consecutive parts, each within both limits. */
export function splitBatches(calls: readonly PlannedCall[], limits = { requests: MAX_REQUESTS_PER_BATCH, bytes: MAX_BYTES_PER_BATCH }): { calls: PlannedCall[]; content: string }[] {
  const parts: { calls: PlannedCall[]; content: string }[] = [];
  let current: PlannedCall[] = [];
  let lines: string[] = [];
  let bytes = 0;
  const flush = () => {
    if (current.length) parts.push({ calls: current, content: `${lines.join('\n')}\n` });
    current = [];
    lines = [];
    bytes = 0;
  };
  for (const call of calls) {
    const line = batchLine(call);
    const size = Buffer.byteLength(line) + 1;
    if (current.length >= limits.requests || (current.length > 0 && bytes + size > limits.bytes)) flush();
    current.push(call);
    lines.push(line);
    bytes += size;
  }
  flush();
  return parts;
}
