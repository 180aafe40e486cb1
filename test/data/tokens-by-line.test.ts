// Counting a text a line at a time gives gpt-tokenizer's count of the whole text, for both
// encodings, on the texts that motivate it (long profiles asked at many dates) and on the line
// breaks where a pre-token could run across a cut.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as cl100k from 'gpt-tokenizer/encoding/cl100k_base';
import * as o200k from 'gpt-tokenizer/encoding/o200k_base';
import { describe, expect, it } from 'vitest';
import { countChatTokens, LineTokenCounter } from '../../src/data/index.js';
import { createRng } from '../../src/util/random.js';
import { MIRROR } from '../helpers/paths.js';

const WHOLE = { o200k_base: (t: string) => o200k.countTokens(t, { disallowedSpecial: new Set() }), cl100k_base: (t: string) => cl100k.countTokens(t, { disallowedSpecial: new Set() }) } as const;
const PROFILES = join(MIRROR, '4_1_israeli_dishes/evaluation/counterfactual_audit_candidates');

const TRICKY = ['Profile:\n[START]\nx', 'a\n/path\nb', 'a:\n/b', 'end  \n  indented\nnext', 'blank\n\n\nlines\r\nwindows\r\n\r\nX', '123\n456\n7890', "it's\n's\n'll", 'ß\nÄpfel\n日本語\n🙂\nok', '!!\n??\n--\n', 'trailing\n', '\nleading', ' \n \n ', '<|endoftext|>\nx'];

describe('LineTokenCounter', () => {
  const texts = [...TRICKY, ...readdirSync(PROFILES).map((f) => readFileSync(join(PROFILES, f), 'utf8'))];
  const rng = createRng('tokens-by-line');
  // Random mixtures of the pieces above, cut and joined at random line breaks.
  for (let i = 0; i < 60; i++) texts.push(Array.from({ length: 1 + Math.floor(rng.next() * 4) }, () => texts[Math.floor(rng.next() * texts.length)]!.slice(Math.floor(rng.next() * 40))).join(rng.next() < 0.5 ? '\n' : '\n\n'));

  for (const encoding of ['o200k_base', 'cl100k_base'] as const) {
    it(`${encoding}: the sum over lines is the whole text's count, for ${texts.length} texts`, () => {
      const counter = new LineTokenCounter(encoding);
      for (const text of texts) expect(counter.text(text), JSON.stringify(text.slice(0, 80))).toBe(WHOLE[encoding](text));
    });
  }

  it('counts a chat as countChatTokens does, a tiny memory included', () => {
    const counter = new LineTokenCounter('o200k_base', 2);
    for (const date of ['2024-01-03', '2027-07-08']) {
      const messages = [{ role: 'user' as const, content: `Today is ${date}. See the profile:\n${texts[14]}` }];
      expect(counter.chat(messages)).toBe(countChatTokens(messages, 'o200k_base'));
    }
  });
});
