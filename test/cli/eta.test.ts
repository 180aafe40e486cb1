// The time left on progress bars: estimated from observed progress, formatted without 60s, NaN or Infinity.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { estimateEtaSeconds, formatEta } from '../../src/cli/eta.js';
import { progressBar } from '../../src/cli/progress.js';

describe('formatEta', () => {
  it.each([
    [0, '0s'],
    [0.2, '1s'],
    [59, '59s'],
    [59.2, '1m00s'],
    [359.6, '6m00s'],
    [307, '5m07s'],
    [3599.5, '1h00m'],
    [3601, '1h01m'],
    [7380, '2h03m'],
    [99 * 3600 + 59 * 60, '99h59m'],
    [100 * 3600, '>99h'],
    [undefined, '-'],
    [Number.NaN, '-'],
    [Number.POSITIVE_INFINITY, '-'],
    [-3, '-'],
  ])('%s seconds -> %s', (seconds, expected) => {
    expect(formatEta(seconds)).toBe(expected);
  });

  it('never prints a field of 60 or more, at any second of the first day', () => {
    for (let s = 0; s < 86_400; s += 0.5) expect(formatEta(s)).not.toMatch(/(^|[hm])[6-9]\d[ms]|NaN|Infinity|NF|LL/);
  });
});

describe('estimateEtaSeconds', () => {
  it('divides what is left by the rate seen since timing started', () => {
    expect(estimateEtaSeconds({ done: 30, total: 130, startDone: 10, elapsedMs: 2000 })).toBe(10);
  });

  it('is 0 when nothing is left (a zero total included) and unknown before anything moved', () => {
    expect(estimateEtaSeconds({ done: 0, total: 0, startDone: 0, elapsedMs: 0 })).toBe(0);
    expect(estimateEtaSeconds({ done: 5, total: 5, startDone: 5, elapsedMs: 10 })).toBe(0);
    expect(estimateEtaSeconds({ done: 3, total: 10, startDone: 3, elapsedMs: 5000 })).toBeUndefined();
    expect(estimateEtaSeconds({ done: 4, total: 10, startDone: 3, elapsedMs: 0 })).toBeUndefined();
  });
});

describe('progressBar', () => {
  afterEach(() => vi.restoreAllMocks());

  it.each([0, 7])('prints no NaN, Infinity or cli-progress placeholders (total %i)', (total) => {
    const written: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => (written.push(String(chunk)), true));
    const bar = progressBar('answers', total, '{bar} {value}/{total} | eta {remaining} | {eta_formatted} | {duration_formatted}');
    bar.update(0);
    bar.update(total);
    bar.stop();
    const text = written.join('');
    expect(text).toMatch(/answers/);
    expect(text).not.toMatch(/NaN|Infinity|NF|LL|\{remaining\}|60s/);
    expect(text).toMatch(/eta 0s/);
  });
});
