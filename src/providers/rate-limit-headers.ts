// Reading OpenAI-style rate-limit headers: Retry-After (seconds or HTTP date), retry-after-ms,
// and x-ratelimit-{remaining,reset}-{requests,tokens} with durations like `6m0s` or `20ms`.
import type { RateLimitInfo } from './types.js';

type HeaderGetter = (name: string) => string | null | undefined;

/** `1s`, `6m0s`, `20ms`, `1h2m3.5s` -> milliseconds; undefined when unparseable. */
export function parseDuration(text: string): number | undefined {
  const parts = [...text.trim().matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text.trim()) return undefined;
  const unit = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 } as const;
  return parts.reduce((ms, p) => ms + Number(p[1]) * unit[p[2] as keyof typeof unit], 0);
}

export function retryAfterMs(get: HeaderGetter, now = Date.now()): number | undefined {
  const ms = Number(get('retry-after-ms'));
  if (get('retry-after-ms') && Number.isFinite(ms) && ms >= 0) return ms;
  const value = get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export function rateLimitInfo(get: HeaderGetter): RateLimitInfo | undefined {
  const num = (name: string) => {
    const v = get(name);
    return v !== null && v !== undefined && v !== '' && Number.isFinite(Number(v)) ? Number(v) : undefined;
  };
  const dur = (name: string) => {
    const v = get(name);
    return v ? parseDuration(v) : undefined;
  };
  const info: RateLimitInfo = {};
  const set = <K extends keyof RateLimitInfo>(key: K, value: RateLimitInfo[K] | undefined) => {
    if (value !== undefined) info[key] = value;
  };
  set('remainingRequests', num('x-ratelimit-remaining-requests'));
  set('remainingTokens', num('x-ratelimit-remaining-tokens'));
  set('resetRequestsMs', dur('x-ratelimit-reset-requests'));
  set('resetTokensMs', dur('x-ratelimit-reset-tokens'));
  return Object.keys(info).length > 0 ? info : undefined;
}
