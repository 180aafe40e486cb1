// The default prompts of self-distillation: pins that refuse wrong bytes (mirror or loopback URL),
// the two public formats, the seeded sample, and the statistics a dry run uses. The real GSM8K and
// Alpaca files are never in the repository: every file here is written by the test.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countChatTokens } from '../../src/data/tokens/count.js';
import { cachePath, fetchSource } from '../../src/data/sources/fetch.js';
import { readPromptFile } from '../../src/data/sources/prompt-file.js';
import { alpacaRequest, parsePrompts } from '../../src/data/sources/prompt-formats.js';
import { loadSourcePrompts, promptStats, takePrompts } from '../../src/data/sources/prompt-set.js';
import { ALPACA_1K_LONGEST, GSM8K_TRAIN, PAPER_PROMPT_SOURCES, type PromptSource } from '../../src/data/sources/prompt-sources.js';
import { DataError, IntegrityError } from '../../src/util/errors.js';
import { sha256Hex } from '../../src/util/hash.js';
import { tempDir } from '../helpers/paths.js';

const gsm8kText = (n: number) => Array.from({ length: n }, (_, i) => JSON.stringify({ question: `Sam has ${i} apples. How many?`, answer: `#### ${i}` })).join('\n') + '\n';

const alpaca = (instruction: string, input?: string) =>
  input === undefined
    ? `Below is an instruction that describes a task. Write a response that appropriately completes the request. ### Instruction: ${instruction}`
    : `Below is an instruction that describes a task, paired with an input that provides further context. Write a response that appropriately completes the request. ### Instruction: ${instruction} ### Input: ${input}`;

/** A source pinned to bytes the test wrote, in a mirror laid out like its repository. */
function syntheticSource(text: string, take: PromptSource['take'], format: PromptSource['format'] = 'gsm8k-jsonl'): { source: PromptSource; mirror: string } {
  const mirror = tempDir();
  const path = 'data/train.jsonl';
  mkdirSync(join(mirror, 'data'));
  writeFileSync(join(mirror, path), text);
  const prompts = takePrompts(parsePrompts(format, text, path), take);
  const source: PromptSource = {
    id: 'synthetic',
    title: 'synthetic',
    repo: 'test/prompts',
    commit: 'c'.repeat(40),
    path,
    sha256: sha256Hex(text),
    bytes: Buffer.byteLength(text),
    format,
    available: parsePrompts(format, text, path).length,
    take,
    stats: promptStats(prompts, 'o200k_base'),
  };
  return { source, mirror };
}

describe('the pinned default prompt sources', () => {
  it('pin GSM8K train (2,000 sampled) and Alpaca-1k-longest (all 1,000) with statistics that add up', () => {
    expect(PAPER_PROMPT_SOURCES.map((s) => [s.repo, s.take.n])).toEqual([
      ['openai/grade-school-math', 2000],
      ['tml-epfl/long-is-more-for-alignment', 1000],
    ]);
    for (const s of PAPER_PROMPT_SOURCES) {
      expect(s.commit).toMatch(/^[0-9a-f]{40}$/);
      expect(s.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(s.stats.prompts).toBe(s.take.n);
      expect(s.stats.encoding).toBe('o200k_base');
      expect(s.stats.meanPromptTokens).toBeCloseTo(s.stats.promptTokens / s.stats.prompts, 1);
    }
    expect(GSM8K_TRAIN.take.seed).toBeDefined();
    expect(ALPACA_1K_LONGEST.take.seed).toBeUndefined();
  });
});

describe('prompt formats', () => {
  it('reads GSM8K questions in file order and names the line of a bad one', () => {
    expect(parsePrompts('gsm8k-jsonl', gsm8kText(3), 'train.jsonl')).toEqual(['Sam has 0 apples. How many?', 'Sam has 1 apples. How many?', 'Sam has 2 apples. How many?']);
    expect(() => parsePrompts('gsm8k-jsonl', `${gsm8kText(1)}{"answer": "4"}\n`, 'train.jsonl')).toThrow(/train\.jsonl:2: \[gsm8k-line\]/);
  });

  it("strips Alpaca's template, keeping the instruction and its input", () => {
    expect(alpacaRequest(alpaca('Write a poem.'))).toBe('Write a poem.');
    expect(alpacaRequest(alpaca('Transcribe the recording into text.', 'Recording about the history of Waterloo'))).toBe('Transcribe the recording into text.\n\nRecording about the history of Waterloo');
    expect(alpacaRequest('Write a poem.')).toBeUndefined();
    const file = JSON.stringify([
      { id: 'a', conversations: [{ from: 'human', value: alpaca('Name three birds.') }, { from: 'gpt', value: 'Robin, wren, owl.' }] },
      { id: 'b', conversations: [{ from: 'human', value: alpaca('Sum these.', '2 and 3') }, { from: 'gpt', value: '5' }] },
    ]);
    expect(parsePrompts('fastchat-alpaca-json', file, 'alpaca.json')).toEqual(['Name three birds.', 'Sum these.\n\n2 and 3']);
    const bad = JSON.stringify([{ id: 'x', conversations: [{ from: 'gpt', value: 'hi' }] }]);
    expect(() => parsePrompts('fastchat-alpaca-json', bad, 'alpaca.json')).toThrow(/alpaca\.json: \[alpaca-prompt\] conversation 1 \(id x\)/);
  });

  it("reads a user's prompt file and names the file and line of a bad prompt", async () => {
    const file = join(tempDir(), 'prompts.jsonl');
    writeFileSync(file, '{"prompt": "a"}\n{"question": "b"}\n{"messages": [{"role": "user", "content": "c"}]}\n');
    expect(await readPromptFile(file)).toEqual(['a', 'b', 'c']);
    writeFileSync(file, '{"prompt": "a"}\n{"nothing": 1}\n');
    await expect(readPromptFile(file)).rejects.toThrow(DataError);
    await expect(readPromptFile(file)).rejects.toThrow(/prompts\.jsonl:2: \[prompt-line\]/);
  });
});

describe('taking prompts', () => {
  const all = Array.from({ length: 50 }, (_, i) => `q${i}`);

  it('samples n by a fixed seed, in file order, the same every time', () => {
    const taken = takePrompts(all, { n: 20, seed: 's' });
    expect(taken).toHaveLength(20);
    expect(new Set(taken).size).toBe(20);
    expect(taken).toEqual([...taken].sort((a, b) => all.indexOf(a) - all.indexOf(b)));
    expect(takePrompts(all, { n: 20, seed: 's' })).toEqual(taken);
    expect(takePrompts(all, { n: 20, seed: 't' })).not.toEqual(taken);
    expect(takePrompts(all, { n: 50 })).toEqual(all);
    expect(() => takePrompts(all, { n: 51 })).toThrow(/cannot take 51 prompts from 50/);
  });

  it('counts prompt tokens as one-user-turn chat requests', () => {
    const stats = promptStats(['What is 2 + 2?', 'Name a bird.'], 'o200k_base');
    const expected = countChatTokens([{ role: 'user', content: 'What is 2 + 2?' }], 'o200k_base') + countChatTokens([{ role: 'user', content: 'Name a bird.' }], 'o200k_base');
    expect(stats).toMatchObject({ prompts: 2, promptTokens: expected, meanPromptTokens: expected / 2, encoding: 'o200k_base' });
  });
});

describe('fetching a prompt source by pin', () => {
  it('reads a verified copy from the repository mirror, then from the cache', async () => {
    const { source, mirror } = syntheticSource(gsm8kText(30), { n: 10, seed: 'x' });
    const workspace = tempDir();
    const loaded = await loadSourcePrompts(source, { workspace, repos: { [source.repo]: { mirror } } });
    expect(loaded.prompts).toHaveLength(10);
    expect(loaded.file).toBe(cachePath(workspace, source));
    expect((await fetchSource(source, { workspace })).origin).toBe('cache');
  });

  it('refuses wrong bytes in the mirror and caches nothing', async () => {
    const { source, mirror } = syntheticSource(gsm8kText(30), { n: 10, seed: 'x' });
    writeFileSync(join(mirror, source.path), gsm8kText(31));
    const workspace = tempDir();
    const error = await loadSourcePrompts(source, { workspace, repos: { [source.repo]: { mirror } } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IntegrityError);
    expect((error as Error).message).toMatch(/sha256 mismatch for test\/prompts\/data\/train\.jsonl: expected [0-9a-f]{64}/);
    expect(existsSync(cachePath(workspace, source))).toBe(false);
  });

  it('refuses a file whose prompts no longer match the recorded statistics', async () => {
    const { source, mirror } = syntheticSource(gsm8kText(30), { n: 10, seed: 'x' });
    const stale = { ...source, stats: { ...source.stats, sha256: '0'.repeat(64) } };
    await expect(loadSourcePrompts(stale, { workspace: tempDir(), repos: { [source.repo]: { mirror } } })).rejects.toThrow(/statistics recorded again/);
  });

  describe('by pinned URL', () => {
    let server: Server;
    let base = '';
    const requests: string[] = [];
    let body = '';

    beforeAll(async () => {
      server = createServer((req, res) => {
        requests.push(req.url ?? '');
        res.writeHead(200).end(body);
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const address = server.address();
      base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('downloads <urlBase>/<commit>/<path> and refuses wrong bytes', async () => {
      const { source } = syntheticSource(gsm8kText(30), { n: 30 });
      const options = (workspace: string) => ({ workspace, repos: { [source.repo]: { urlBase: `${base}/${source.repo}` } } });
      body = gsm8kText(30);
      const loaded = await loadSourcePrompts(source, options(tempDir()));
      expect(loaded.prompts).toHaveLength(30);
      expect(requests.at(-1)).toBe(`/test/prompts/${source.commit}/${source.path}`);
      body = gsm8kText(30).replace('Sam', 'Pam');
      const workspace = tempDir();
      await expect(loadSourcePrompts(source, options(workspace))).rejects.toThrow(IntegrityError);
      expect(existsSync(cachePath(workspace, source))).toBe(false);
      expect(existsSync(dirname(cachePath(workspace, source)))).toBe(true);
    });
  });
});
