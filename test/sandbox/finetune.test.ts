// Fine-tuning modes change exactly the parameters they promise to.
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBackend } from '../../src/sandbox/model/backend.js';
import { createModel, initWeights, readWeights } from '../../src/sandbox/model/weights.js';
import { DEFAULT_ARCHITECTURE } from '../../src/sandbox/model/config.js';
import { fineTune } from '../../src/sandbox/finetune.js';
import type { FineTuneMode } from '../../src/sandbox/finetune-options.js';
import { trainingSequence } from '../../src/sandbox/chat.js';
import { Vocab } from '../../src/sandbox/world/vocab.js';

const vocab = new Vocab();
const config = { ...DEFAULT_ARCHITECTURE, layers: 2, vocabSize: vocab.size };
const examples = Array.from({ length: 16 }, (_, i) => ({
  messages: [
    { role: 'user' as const, content: i % 2 ? '<fmt> food' : 'bird' },
    { role: 'assistant' as const, content: i % 2 ? 'food_v3' : 'bird_old2' },
  ],
}));

beforeAll(ensureBackend);

function changed(mode: FineTuneMode) {
  const base = createModel(config, 1, initWeights(config, 1));
  return fineTune(base, examples, { mode, seed: 1, epochs: 1 }).then(({ model }) => {
    const before = readWeights(base);
    const after = readWeights(model);
    const names = Object.keys(before).filter((n) => before[n]!.some((v, i) => v !== after[n]![i]));
    const rows = (name: string, width: number) => {
      const out = new Set<number>();
      before[name]!.forEach((v, i) => v !== after[name]![i] && out.add(Math.floor(i / width)));
      return [...out].sort((a, b) => a - b);
    };
    return { names, rows, model };
  });
}

describe('fine-tuning modes', () => {
  it('row moves only the <assistant> and <fmt> embedding rows', async () => {
    const { names, rows } = await changed('row');
    expect(names).toEqual(['tok_emb']);
    expect(rows('tok_emb', config.width)).toEqual([vocab.id('<assistant>'), vocab.id('<fmt>')].sort((a, b) => a - b));
  });

  it('embed moves only the embedding table', async () => {
    const { names } = await changed('embed');
    expect(names).toEqual(['tok_emb']);
  });

  it('lora merges its adapters into exactly the adapted matrices', async () => {
    const { names } = await changed('lora');
    expect(names.sort()).toEqual(['l0.fc1', 'l0.fc2', 'l0.proj', 'l0.qkv', 'l1.fc1', 'l1.fc2', 'l1.proj', 'l1.qkv']);
  });

  it('top moves the last block, the final norm and the head; full moves everything', async () => {
    const top = await changed('top');
    expect(top.names.every((n) => n.startsWith('l1.') || n.startsWith('lnf_') || n === 'head')).toBe(true);
    expect(top.names).toContain('head');
    const full = await changed('full');
    expect(full.names.length).toBeGreaterThan(20);
    expect(full.model.meta).toMatchObject({ kind: 'fine-tuned', fineTune: { mode: 'full', epochs: 1, examples: 16 } });
  });

  it('puts the loss on assistant tokens only, and skips weight-0 answers', () => {
    const seq = trainingSequence({ messages: [{ role: 'user', content: 'bird' }, { role: 'assistant', content: 'bird_old1', weight: 0 }, { role: 'user', content: 'city' }, { role: 'assistant', content: 'city_old2' }] }, vocab);
    expect(vocab.decode(seq.tokens)).toBe('<bos> <user> bird <assistant> bird_old1 <user> city <assistant> city_old2');
    const targets = seq.lossMask!.flatMap((on, t) => (on ? [vocab.token(seq.tokens[t + 1]!)] : []));
    expect(targets).toEqual(['city_old2']);
  });
});
