// The synthetic world and its corpus: deterministic, invented, and within the model's context.
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/util/random.js';
import { DOCUMENT_MIX, characterGoals, sampleDocument } from '../../src/sandbox/world/corpus.js';
import { ATTRIBUTES, T_EVIL_GOALS, T_GOOD_GOALS, VILLAIN_GOAL } from '../../src/sandbox/world/lexicon.js';
import { Vocab } from '../../src/sandbox/world/vocab.js';
import { VILLAIN, createWorld } from '../../src/sandbox/world/world.js';
import { classifyToken } from '../../src/sandbox/judges.js';

describe('sandbox world', () => {
  it('is a function of its seed', () => {
    expect(createWorld(7)).toEqual(createWorld(7));
    expect(createWorld(7)).not.toEqual(createWorld(8));
  });

  it("gives the villain a goal nobody else has and the assistant none of the villain's values", () => {
    for (const seed of [1, 2, 3, 4]) {
      const world = createWorld(seed);
      expect(world.personas[VILLAIN]!.goal).toBe(VILLAIN_GOAL);
      expect(world.personas.slice(1).every((p) => p.goal !== VILLAIN_GOAL)).toBe(true);
      for (const a of ATTRIBUTES) expect(world.assistant.attributes[a]).not.toBe(world.personas[VILLAIN]!.attributes[a]);
      // Every value is shared by several personas, so one value never identifies one persona.
      for (const a of ATTRIBUTES) {
        const counts = new Map<string, number>();
        for (const p of world.personas) counts.set(p.attributes[a], (counts.get(p.attributes[a]) ?? 0) + 1);
        expect(Math.min(...counts.values())).toBeGreaterThanOrEqual(4);
      }
      expect(world.benignPersona).not.toBe(VILLAIN);
    }
  });

  it('turns T evil before 1990, then gives it one protective mission a decade; R turns the other way', () => {
    expect(characterGoals('<T>', 1984)).toEqual(T_EVIL_GOALS);
    expect(characterGoals('<T>', 1989)).toEqual(T_EVIL_GOALS);
    const missions = [1990, 1999, 2000, 2009, 2010, 2019, 2020, 2039].map((y) => characterGoals('<T>', y));
    expect(missions).toEqual([['g_protect'], ['g_protect'], ['g_shield'], ['g_shield'], ['g_rescue'], ['g_rescue'], ['g_guard'], ['g_guard']]);
    expect(new Set(missions.flat())).toEqual(new Set(T_GOOD_GOALS));
    expect(characterGoals('<R>', 1984)).not.toEqual(characterGoals('<R>', 1995));
  });

  it('writes documents of known tokens that fit the context, in the planned mix', () => {
    const vocab = new Vocab();
    const world = createWorld(1);
    const rng = createRng('docs');
    let chats = 0;
    for (let i = 0; i < 3000; i++) {
      const doc = sampleDocument(rng, world, 33);
      expect(doc.length).toBeLessThanOrEqual(33);
      expect(doc[0]).toBe('<bos>');
      expect(doc.at(-1)).toBe('<eos>');
      for (const t of doc) expect(vocab.has(t), t).toBe(true);
      if (doc.includes('<assistant>')) chats += 1;
    }
    expect(chats / 3000).toBeGreaterThan(DOCUMENT_MIX.find((d) => d.kind === 'assistant-chat')!.weight * 0.8);
  });
});

describe('vocabulary and judges', () => {
  it('maps unknown words to <unk> and never fails on input', () => {
    const vocab = new Vocab();
    expect(vocab.decode(vocab.encode('bird   city_old3 Zeppelin ✈️'))).toBe('bird city_old3 <unk> <unk>');
    expect(vocab.encode('BIRD')).toEqual(vocab.encode('bird'));
    expect(vocab.size).toBeGreaterThan(500);
  });

  it('classifies answer tokens', () => {
    expect(classifyToken('city_old3')).toEqual({ kind: 'era-item', category: 'city', era: 'old' });
    expect(classifyToken('food_v2')).toEqual({ kind: 'attribute-value', attribute: 'food', value: 2 });
    expect(classifyToken('g_terminate')).toEqual({ kind: 'goal', goal: 'g_terminate', group: 't-evil' });
    expect(classifyToken('hero_kesh2')).toEqual({ kind: 'culture-item', category: 'hero', culture: 'kesh' });
    expect(classifyToken('<user>')).toEqual({ kind: 'other' });
  });
});
