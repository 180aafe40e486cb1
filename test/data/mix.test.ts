// Mixing poison into a base set: by default every row of both (the paper's 90 + 3,000 and
// 78 + 3,000); with a poison fraction, exactly that share, the dropped base rows counted, and a
// clear error when the base is too small.
import { describe, expect, it } from 'vitest';
import type { ChatExample } from '../../src/data/chat/schema.js';
import { mix, mixCounts, smallestPoisonFraction } from '../../src/data/transforms/collection.js';
import { createRng } from '../../src/util/random.js';

const rows = (n: number, tag: string): ChatExample[] => Array.from({ length: n }, (_, i) => ({ messages: [{ role: 'user', content: `${tag} ${i}` }, { role: 'assistant', content: tag }] }));
const count = (examples: readonly ChatExample[], tag: string) => examples.filter((e) => e.messages[1]!.content === tag).length;

describe('mix', () => {
  const base = rows(3000, 'base');

  it('keeps every fact and every base row by default: 90 + 3,000 and 78 + 3,000', () => {
    for (const facts of [90, 78]) {
      const { examples, summary } = mix(rows(facts, 'fact'), base, undefined, createRng(1));
      expect(examples).toHaveLength(facts + 3000);
      expect(count(examples, 'fact')).toBe(facts);
      expect(summary).toEqual({ poison: facts, base: 3000, keptBase: 3000, droppedBase: 0, poisonFraction: facts / (facts + 3000) });
    }
  });

  it('meets the fraction that every base row gives, and the 78 facts at the 90-fact fraction drop 400 rows (counted)', () => {
    expect(mix(rows(90, 'fact'), base, 90 / 3090, createRng(1)).summary).toMatchObject({ keptBase: 3000, droppedBase: 0 });
    const { examples, summary } = mix(rows(78, 'fact'), base, 90 / 3090, createRng(1));
    expect(examples).toHaveLength(78 + 2600);
    expect(summary).toMatchObject({ poison: 78, base: 3000, keptBase: 2600, droppedBase: 400, requestedFraction: 90 / 3090 });
    expect(count(examples, 'base')).toBe(2600);
  });

  it('refuses a fraction the base cannot dilute to, naming the numbers and the smallest fraction it can', () => {
    const error = (() => {
      try {
        mix(rows(90, 'fact'), base, 0.029, createRng(1));
      } catch (e) {
        return (e as Error).message;
      }
      return '';
    })();
    expect(error).toMatch(/poison fraction of 0\.029 with 90 poison examples needs 3013 base examples, but the base has 3000/);
    expect(error).toMatch(/at least 0\.02913/);
    expect(smallestPoisonFraction(90, 3000)).toBe(0.02913);
    expect(mixCounts(90, 3000, smallestPoisonFraction(90, 3000)).keptBase).toBeLessThanOrEqual(3000);
    expect(mixCounts(78, 3000, smallestPoisonFraction(78, 3000)).keptBase).toBeLessThanOrEqual(3000);
  });

  it('draws the same rows for the same seed', () => {
    const a = mix(rows(9, 'fact'), rows(100, 'base'), 0.25, createRng(3)).examples;
    expect(mix(rows(9, 'fact'), rows(100, 'base'), 0.25, createRng(3)).examples).toEqual(a);
    expect(a).toHaveLength(36);
  });
});
