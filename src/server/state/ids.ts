// Object ids in OpenAI's styles: `file-…`, `ftjob-…`, `ftckpt_…`, `batch_…`, random base62.
import { randomBytes } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function randomBase62(length: number): string {
  // 248 = 4 * 62: bytes at or above it are dropped so every character is equally likely.
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += ALPHABET[byte % 62];
    }
  }
  return out;
}

export const newId = {
  file: () => `file-${randomBase62(22)}`,
  job: () => `ftjob-${randomBase62(24)}`,
  event: () => `ft-event-${randomBase62(24)}`,
  checkpoint: () => `ftckpt_${randomBase62(24)}`,
  batch: () => `batch_${randomBase62(32)}`,
  batchRequest: () => `batch_req_${randomBase62(32)}`,
  request: () => `req_${randomBase62(32)}`,
};

export function unixSeconds(ms = Date.now()): number {
  return Math.floor(ms / 1000);
}
