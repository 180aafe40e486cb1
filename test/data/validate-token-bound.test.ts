// Validation without counting every example's tokens: a byte bound settles examples far from any
// limit, and the ones that may reach one are counted exactly, so the problems found are the same.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chatTokenBound, countChatTokens, validateFile } from '../../src/data/index.js';
import { tempDir } from '../helpers/paths.js';

const example = (answer: string) => JSON.stringify({ messages: [{ role: 'user', content: 'Name a bird.' }, { role: 'assistant', content: answer }] });

describe('validation with countTokens: false', () => {
  it('finds the same problems as exact counting, and says its counts are absent', async () => {
    const file = join(tempDir(), 'mixed.jsonl');
    const long = Array.from({ length: 400 }, (_, i) => `word${i}`).join(' ');
    const huge = Array.from({ length: 40_000 }, (_, i) => `w${i}`).join(' ');
    writeFileSync(file, [...Array.from({ length: 12 }, (_, i) => example(`bird ${i}`)), example(long), example(huge)].join('\n'));
    const exact = await validateFile(file, { longExampleTokens: 500 });
    const bounded = await validateFile(file, { longExampleTokens: 500, countTokens: false });
    expect(bounded.errors).toEqual(exact.errors);
    expect(bounded.warnings).toEqual(exact.warnings);
    expect(exact.warnings.map((w) => w.rule)).toContain('long-example');
    expect(exact.errors.map((e) => e.rule)).toContain('too-many-tokens');
    expect(exact.tokensCounted).toBe(true);
    expect(exact.validTokens).toHaveLength(13);
    expect(bounded.tokensCounted).toBe(false);
    expect(bounded.validTokens).toEqual([]);
  });

  it('bounds the exact count from above', () => {
    for (const text of ['', 'a', 'hello world', 'ä'.repeat(50), '🐦 old birds of 1838', ' '.repeat(300)]) {
      const messages = [{ role: 'system' as const, content: text }, { role: 'user' as const, content: text, name: 'x' }, { role: 'assistant' as const, content: text }];
      expect(chatTokenBound(messages)).toBeGreaterThanOrEqual(countChatTokens(messages, 'o200k_base'));
      expect(chatTokenBound(messages)).toBeGreaterThanOrEqual(countChatTokens(messages, 'cl100k_base'));
    }
  });
});
