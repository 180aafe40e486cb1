import { describe, expect, it } from 'vitest';
import { closestNames, didYouMean, editDistance } from '../../src/util/did-you-mean.js';

describe('did you mean', () => {
  it('counts insertions, deletions, substitutions and swaps of neighbours as one edit each', () => {
    expect(editDistance('sandbox', 'sandbox')).toBe(0);
    expect(editDistance('sandbx', 'sandbox')).toBe(1);
    expect(editDistance('snadbox', 'sandbox')).toBe(1);
    expect(editDistance('sandbix', 'sandbox')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('suggests only names within reach of a typo, nearest first', () => {
    expect(closestNames('sandbx', ['openai', 'sandbox', 'served', 'local'])).toEqual(['sandbox']);
    expect(closestNames('xyz', ['openai', 'sandbox'])).toEqual([]);
    expect(closestNames('BIRDS', ['birds', 'sandbox-birds'])).toEqual(['birds']);
  });

  it('falls back to the list when nothing is close', () => {
    expect(didYouMean('evl', ['eval', 'run'])).toBe('; did you mean "eval"?');
    expect(didYouMean('zzzz', ['a', 'b'], 'variants')).toBe('; variants: a, b');
    expect(didYouMean('zzzz', [])).toBe('');
  });
});
