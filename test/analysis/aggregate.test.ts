import { describe, expect, it } from 'vitest';
import { aggregateGroups } from '../../src/analysis/aggregate.js';
import { permutationTest } from '../../src/analysis/permutation.js';

describe('aggregateGroups', () => {
  it('averages per model first, then across the models of a group', () => {
    const obs = [
      ...Array.from({ length: 10 }, () => ({ group: 'g', model: 'a', value: 1 })),
      ...Array.from({ length: 2 }, () => ({ group: 'g', model: 'b', value: 0 })),
      { group: 'g', model: 'b', value: null },
    ];
    const [g] = aggregateGroups(obs);
    expect(g!.mean).toBe(0.5);
    expect(g!.over).toBe('models');
    expect(g!.n).toBe(2);
    expect(g!.missing).toBe(1);
    expect(g!.models).toEqual([
      { model: 'a', mean: 1, n: 10 },
      { model: 'b', mean: 0, n: 2 },
    ]);
    expect(g!.ciLow).toBe(0);
    expect(g!.ciHigh).toBe(1);
  });
  it('bootstraps over samples when a group has one model, seeded', () => {
    const obs = Array.from({ length: 100 }, (_, i) => ({ group: 'solo', model: 'm', value: i % 4 === 0 ? 1 : 0 }));
    const [a] = aggregateGroups(obs, 7);
    const [b] = aggregateGroups(obs, 7);
    expect(a).toEqual(b);
    expect(a!.over).toBe('samples');
    expect(a!.mean).toBe(0.25);
    expect(a!.ciLow).toBeGreaterThan(0.15);
    expect(a!.ciHigh).toBeLessThan(0.35);
  });
});

describe('permutationTest', () => {
  it('finds a clear difference and none between equal groups', () => {
    const clear = permutationTest([0.9, 0.95, 0.92, 0.97, 0.91], [0.1, 0.05, 0.12, 0.08, 0.11], { seed: 1 });
    expect(clear.difference).toBeCloseTo(0.838, 3);
    // 5 vs 5: the most extreme split has probability 2/252.
    expect(clear.pValue).toBeLessThan(0.02);
    const same = permutationTest([1, 2, 3, 4], [1, 2, 3, 4], { seed: 1 });
    expect(same.pValue).toBe(1);
  });
});
