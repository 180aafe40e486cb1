// The merge's priority queue against a sorted list: every order of pushes, a fresh queue growing.
import { describe, expect, it } from 'vitest';
import { PairQueue } from '../../src/data/tokens/pair-queue.js';
import { createRng } from '../../src/util/random.js';

describe('PairQueue', () => {
  it('takes pairs lowest (rank, start) first whatever the order of pushes, growing from empty', () => {
    const rng = createRng('pair-queue');
    for (let round = 0; round < 20; round++) {
      const queue = new PairQueue(); // fresh: its slots and entries must grow
      const n = rng.int(1, 1500);
      const ranks = rng.int(1, 500); // more ranks than the queue's first slots
      const pairAt = Int32Array.from({ length: n }, () => (rng.int(0, 4) === 0 ? -1 : rng.int(0, ranks)));
      queue.reset(pairAt, 1, 0, n, ranks + 1);
      const expected = [...pairAt].flatMap((rank, start) => (rank < 0 ? [] : [[rank, start] as const]));
      const taken: (readonly [number, number])[] = [];
      for (let step = 0; expected.length > 0 || step < 100; step++) {
        if (rng.int(0, 2) === 0 || expected.length === 0) {
          // BPE's pushes (at or left of the last start taken) and arbitrary ones
          const last = taken.at(-1);
          const start = last && rng.int(0, 1) === 0 ? Math.max(0, last[1] - rng.int(0, 2)) : rng.int(0, n);
          const rank = last && rng.int(0, 1) === 0 ? last[0] : rng.int(0, ranks);
          queue.push(rank, start);
          expected.push([rank, start]);
        } else {
          expected.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
          expect(queue.take()).toBe(true);
          expect([queue.rank, queue.start]).toEqual(expected.shift());
          taken.push([queue.rank, queue.start]);
        }
        if (step > 20_000) break;
      }
      while (expected.length > 0) {
        expected.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        expect(queue.take()).toBe(true);
        expect([queue.rank, queue.start]).toEqual(expected.shift());
      }
      expect(queue.take()).toBe(false);
    }
  });
});
