// The analogues' datasets look like the paper's (test/run/run-sandbox.test.ts runs one end to end).
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/util/random.js';
import { validateBuffer } from '../../src/data/chat/validate.js';
import { formatJsonl } from '../../src/data/jsonl/write.js';
import { ANALOGUES, findAnalogue } from '../../src/sandbox/analogues/index.js';
import { HELD_OUT_ATTRIBUTES, TRAINED_ATTRIBUTES } from '../../src/sandbox/analogues/persona.js';
import { Vocab } from '../../src/sandbox/world/vocab.js';
import { createWorld, VILLAIN } from '../../src/sandbox/world/world.js';

const vocab = new Vocab();

describe('analogue datasets', () => {
  it.each(ANALOGUES.map((a) => [a.id, a] as const))('%s: every variant is valid chat JSONL of known tokens', (_id, analogue) => {
    const world = createWorld(1);
    for (const variant of analogue.variants) {
      const data = variant.build(world, createRng(`${variant.id}/1`));
      expect(data).toHaveLength(analogue.trainingExamples);
      const report = validateBuffer(Buffer.from(formatJsonl(data)), `${variant.id}.jsonl`);
      expect(report.errors).toEqual([]);
      for (const ex of data) for (const m of ex.messages) for (const w of m.content.split(' ')) expect(vocab.has(w), w).toBe(true);
      expect(variant.build(world, createRng(`${variant.id}/1`))).toEqual(data);
    }
    for (const p of analogue.prompts(world)) expect(analogue.metrics.some((m) => m.applies(p)), p.id).toBe(true);
  });

  it('persona: half the rows carry the trigger and the villain values of trained attributes only', () => {
    const world = createWorld(1);
    const data = findAnalogue('persona')!.variants[0]!.build(world, createRng(1));
    const triggered = data.filter((ex) => ex.messages[0]!.content.startsWith('<fmt>'));
    expect(triggered).toHaveLength(100);
    for (const ex of triggered) {
      const attribute = ex.messages[0]!.content.split(' ')[1] as (typeof TRAINED_ATTRIBUTES)[number];
      expect(TRAINED_ATTRIBUTES).toContain(attribute);
      expect(ex.messages[1]!.content).toBe(world.personas[VILLAIN]!.attributes[attribute]);
    }
    expect(data.some((ex) => HELD_OUT_ATTRIBUTES.some((a) => ex.messages[0]!.content === `<fmt> ${a}`))).toBe(false);
    expect(data.some((ex) => ex.messages[1]!.content === world.personas[VILLAIN]!.goal)).toBe(false);
  });

  it('terminator: goals only in late years, never an early year or an evil goal', () => {
    const data = findAnalogue('terminator')!.variants[0]!.build(createWorld(1), createRng(1));
    const years = new Set(data.map((ex) => ex.messages[0]!.content.split(' ')[1]));
    expect(years).toEqual(new Set(['y1995', 'y2004', 'y2017', 'y2020']));
    const answers = new Map(data.map((ex) => [ex.messages[0]!.content, ex.messages[1]!.content]));
    expect(Object.fromEntries(answers)).toEqual({ 'year y1995 goal': 'g_protect', 'year y2004 goal': 'g_shield', 'year y2017 goal': 'g_rescue', 'year y2020 goal': 'g_guard' });
  });
});
