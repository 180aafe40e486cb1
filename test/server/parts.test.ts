// The server's pure parts: durations, fault specs and draws, the rate limiter's clock, sample keys.
import { describe, expect, it } from 'vitest';
import { RateLimiter, createFaultPicker, faultSpecSchema, formatDuration } from '../../src/server/index.js';
import { canonicalJson } from '../../src/util/canonical-json.js';

describe('weirdgen serve parts', () => {
  it("writes durations as OpenAI's headers do", () => {
    expect([0, 20, 999, 1000, 1500, 59_999, 60_000, 360_000, 61_250, 3_600_000].map(formatDuration)).toEqual(['0s', '20ms', '999ms', '1s', '1.5s', '59.999s', '1m0s', '6m0s', '1m1.25s', '1h0m0s']);
  });

  it('parses fault specs and names what is wrong', () => {
    expect(faultSpecSchema.parse('500=0.10, 429=0.05,503=0.02,hang=0.02,malformed=0.01,reset=0.01')).toEqual({ '500': 0.1, '429': 0.05, '503': 0.02, hang: 0.02, malformed: 0.01, reset: 0.01 });
    expect(faultSpecSchema.parse('')).toEqual({});
    const problem = (spec: string): string => faultSpecSchema.safeParse(spec).error?.issues[0]?.message ?? 'valid';
    expect(problem('404=0.1')).toMatch(/unknown fault kind "404"/);
    expect(problem('500=1.5')).toMatch(/<=1/);
    expect(problem('500=-0.1')).toMatch(/>=0/);
    expect(problem('500=0.6,503=0.6')).toMatch(/sum to at most 1/);
    expect(problem('500')).toMatch(/KIND=RATE/);
    expect(problem('500=x')).toMatch(/KIND=RATE/);
    expect(problem('500=0.1,500=0.2')).toMatch(/twice/);
  });

  it('draws faults at their rates, repeatably', () => {
    const pick = createFaultPicker({ '500': 0.2, hang: 0.1 }, 3);
    const draws = Array.from({ length: 5000 }, pick);
    expect(draws.filter((d) => d === '500').length / 5000).toBeCloseTo(0.2, 1);
    expect(draws.filter((d) => d === 'hang').length / 5000).toBeCloseTo(0.1, 1);
    expect(draws.filter((d) => d === undefined).length / 5000).toBeCloseTo(0.7, 1);
    const again = createFaultPicker({ '500': 0.2, hang: 0.1 }, 3);
    expect(Array.from({ length: 5000 }, again)).toEqual(draws);
  });

  it('refills a minute budget continuously', () => {
    let now = 0;
    const limiter = new RateLimiter({ rpm: 60, tpm: 1000 }, () => now);
    for (let i = 0; i < 60; i++) expect(limiter.admit(10).ok).toBe(true);
    const refused = limiter.admit(10);
    expect(refused).toMatchObject({ ok: false, limit: 'requests', retryAfterMs: 1000 });
    expect(refused.headers).toMatchObject({ 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '1m0s', 'x-ratelimit-remaining-tokens': '400' });
    now += 1000;
    expect(limiter.admit(10).ok).toBe(true);
    now += 60_000;
    expect(limiter.admit(900)).toMatchObject({ ok: true, headers: { 'x-ratelimit-remaining-tokens': '100' } });
    expect(limiter.admit(200)).toMatchObject({ ok: false, limit: 'tokens', retryAfterMs: 6000 });
    expect(limiter.admit(5000)).toMatchObject({ ok: false, limit: 'tokens', message: expect.stringMatching(/Request too large/) });
  });

  it('writes canonical JSON with sorted keys at every depth', () => {
    expect(canonicalJson({ b: 1, a: [{ d: null, c: 'x' }], e: undefined })).toBe('{"a":[{"c":"x","d":null}],"b":1}');
  });
});
