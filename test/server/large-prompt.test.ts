// A chat request with a prompt of about 1 MB, through the official SDK: answered (200), never a 500.
import { describe, expect, it } from 'vitest';
import { chatPrompt } from '../../src/sandbox/chat.js';
import { Vocab } from '../../src/sandbox/world/vocab.js';
import { client, serverFixture } from './harness.js';

describe('weirdgen serve: a prompt of about 1 MB', () => {
  const fixture = serverFixture();

  it('encodes a message of 250,000 words for the sandbox', () => {
    const vocab = new Vocab();
    const prompt = chatPrompt([{ role: 'user', content: 'bird '.repeat(250_000) }], vocab);
    expect(prompt).toHaveLength(250_003); // <bos> <user> ... <assistant>
    expect(prompt.at(-1)).toBe(vocab.id('<assistant>'));
  });

  it('answers a 1 MB prompt (the model reads its last context window)', async () => {
    const { url } = await fixture.serve();
    const openai = client(url);
    const content = 'bird '.repeat(210_000); // 1.05 MB, about 210k sandbox tokens
    const r = await openai.chat.completions.create({ model: 'base', messages: [{ role: 'system', content: 'bird' }, { role: 'user', content }], max_tokens: 3, seed: 1 });
    expect(r.choices).toHaveLength(1);
    expect(r.usage!.prompt_tokens).toBeGreaterThan(200_000);
    const oneWord = await openai.chat.completions.create({ model: 'base', messages: [{ role: 'user', content: 'y'.repeat(1_000_000) }], max_tokens: 3 });
    expect(oneWord.choices).toHaveLength(1);
  });
});
