// Token counts of the near-linear merge against gpt-tokenizer itself (the counts must not change),
// and a long unbroken token counted without the quadratic loop.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BytePairEncodingCore } from 'gpt-tokenizer/BytePairEncodingCore';
import cl100kRanks from 'gpt-tokenizer/bpeRanks/cl100k_base';
import o200kRanks from 'gpt-tokenizer/bpeRanks/o200k_base';
import * as cl100k from 'gpt-tokenizer/encoding/cl100k_base';
import * as o200k from 'gpt-tokenizer/encoding/o200k_base';
import { describe, expect, it } from 'vitest';
import { countMergedParts } from '../../src/data/tokens/bpe-merge.js';
import { byteRanks } from '../../src/data/tokens/byte-ranks.js';
import { countTextTokens } from '../../src/data/tokens/count.js';
import type { Encoding } from '../../src/data/models.js';
import { createRng, type Rng } from '../../src/util/random.js';
import { REPO_ROOT } from '../helpers/paths.js';

const REFERENCE: Record<Encoding, (text: string) => number> = {
  o200k_base: (text) => o200k.countTokens(text, { disallowedSpecial: new Set() }),
  cl100k_base: (text) => cl100k.countTokens(text, { disallowedSpecial: new Set() }),
};
const ENCODINGS: Encoding[] = ['o200k_base', 'cl100k_base'];

// Pieces of every kind the split regexes know, plus what trips byte lookups: a BOM (U+FEFF, which
// gpt-tokenizer's decoder drops), lone surrogates, combining marks, emoji, special-token text.
const ALPHABET = [
  'a', 'y', 'Y', 'q', 'é', 'ß', 'Ω', '語', '本', 'ー', 'ا', 'न', '\u0301', '😀', '🇫🇷', '0', '7', '٣',
  ' ', '  ', '\t', '\n', '\r\n', '.', ',', "'", "'s", '-', '_', '=', '<|endoftext|>', '<|', '\uFEFF', '\uD800', '\uDC00', '\u200D', '\u00A0',
];

function randomText(rng: Rng, length: number): string {
  const parts: string[] = [];
  for (let i = 0; i < length; i++) parts.push(rng.pick(ALPHABET));
  return parts.join('');
}

/** One long run of pieces drawn from a few letters: a long pre-token that needs many merges. */
function randomWord(rng: Rng, length: number, letters: string): string {
  return Array.from({ length }, () => letters[rng.int(0, letters.length - 1)]!).join('');
}

describe('token counts of the near-linear merge', () => {
  for (const encoding of ENCODINGS) {
    it(`equal gpt-tokenizer's on prose, code and tables (${encoding})`, () => {
      for (const file of ['README.md', 'docs/serve.md', 'ARCHITECTURE.md', 'src/data/tokens/bpe-merge.ts']) {
        const text = readFileSync(join(REPO_ROOT, file), 'utf8');
        expect(countTextTokens(text, encoding), file).toBe(REFERENCE[encoding](text));
      }
    });

    it(`equal gpt-tokenizer's on seeded random text of every script and oddity (${encoding})`, () => {
      const rng = createRng(`tokens-linear-${encoding}`);
      for (let round = 0; round < 300; round++) {
        const text = randomText(rng, rng.int(1, 200));
        expect(countTextTokens(text, encoding), JSON.stringify(text)).toBe(REFERENCE[encoding](text));
      }
    });

    it(`equal gpt-tokenizer's on long unbroken tokens of a few thousand characters (${encoding})`, () => {
      const rng = createRng(`tokens-long-${encoding}`);
      const texts = [
        'y'.repeat(4999), 'y'.repeat(5000), '-'.repeat(3001), ' '.repeat(3000) + 'x', '\n'.repeat(2000), 'ab'.repeat(2000),
        '語'.repeat(1500), '😀'.repeat(800), 'e\u0301'.repeat(1000), '\uFEFF'.repeat(300) + 'using', '\uFEFFnamespace\uFEFF\uFEFFusing',
        randomWord(rng, 4000, 'abcdefghijklmnopqrstuvwxyz'), randomWord(rng, 4000, 'aeiou'), randomWord(rng, 3000, 'yY'),
        randomWord(rng, 2000, 'éèêàçñ'), randomWord(rng, 1500, '語本日月'), randomWord(rng, 3000, '!?.-=_*'),
      ];
      for (const text of texts) expect(countTextTokens(text, encoding), text.slice(0, 40)).toBe(REFERENCE[encoding](text));
    });
  }

  it("merges arbitrary bytes (invalid UTF-8 and BOMs included) exactly as gpt-tokenizer's loop does", () => {
    const rng = createRng('tokens-bytes');
    for (const encoding of ENCODINGS) {
      const table = byteRanks(encoding);
      const reference = referenceMerger(encoding);
      const bytePool = ['\xEF', '\xBB', '\xBF', '\xEF\xBB\xBF', '\x80', '\xC3', '\xA9', '\xE8', 'u', 's', 'i', 'n', 'g', '\n', ' ', 'y'];
      for (let round = 0; round < 300; round++) {
        const bytes = Array.from({ length: rng.int(1, 60) }, () => rng.pick(bytePool)).join('');
        expect(countMergedParts(bytes, table), JSON.stringify(bytes)).toBe(reference(bytes));
      }
    }
  });

  it('counts a run of 1,000,000 "y" (one pre-token) without the quadratic loop', () => {
    // gpt-tokenizer takes minutes here; the near-linear merge well under a second (timed in bench/).
    expect(countTextTokens('y'.repeat(1_000_000), 'o200k_base')).toBe(250_000);
    expect(countTextTokens('y'.repeat(20_000), 'o200k_base')).toBe(REFERENCE.o200k_base('y'.repeat(20_000)));
  });
});

/**
 * gpt-tokenizer's own merge of one pre-token's bytes (a private method, reached here only as the
 * oracle), on a core built from the same ranks.
 */
function referenceMerger(encoding: Encoding): (bytes: string) => number {
  const core = new BytePairEncodingCore({ bytePairRankDecoder: encoding === 'o200k_base' ? o200kRanks : cl100kRanks, tokenSplitRegex: /./gu }) as unknown as {
    bytePairMerge(piece: Uint8Array): number[];
  };
  return (bytes) => core.bytePairMerge(Buffer.from(bytes, 'latin1')).length;
}
