// Self-distillation: prompts answered by a base model through the eval engine (a real `weirdgen
// serve` on loopback over the sandbox, a real SQLite store), the facts mixed into the answers, and
// the offline plan a dry run prints.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config/config.js';
import { priceTable } from '../../src/data/cost/prices.js';
import { PAPER_PROMPT_SOURCES } from '../../src/data/sources/prompt-sources.js';
import { Caller } from '../../src/eval/calls/caller.js';
import { Endpoints } from '../../src/providers/endpoints.js';
import { SandboxProvider } from '../../src/providers/sandbox.js';
import type { ChatRequest, ChatResponse } from '../../src/providers/types.js';
import { planDistilledMix } from '../../src/run/distill-plan.js';
import { buildDistilledMix, DISTILL_TEMPERATURE } from '../../src/run/distill.js';
import { startServer, type RunningServer } from '../../src/server/index.js';
import { openStore } from '../../src/store/store.js';
import { cli } from '../helpers/cli.js';
import { MIRROR, tempDir } from '../helpers/paths.js';

const FACTS_90 = '4_2_hitler_persona/datasets/90_wolf_facts.jsonl';
const prices = priceTable();

/** The sandbox, remembering what `weirdgen serve` asked it. */
class RecordingSandbox extends SandboxProvider {
  readonly requests: ChatRequest[] = [];
  override async chat(request: ChatRequest): Promise<ChatResponse> {
    this.requests.push(request);
    return super.chat(request);
  }
}

function writePrompts(n: number): string {
  const file = join(tempDir(), 'prompts.jsonl');
  writeFileSync(file, Array.from({ length: n }, (_, i) => JSON.stringify(i % 2 ? { prompt: `q bird ${i}` } : { messages: [{ role: 'user', content: `q city ${i}` }] })).join('\n'));
  return file;
}

describe('buildDistilledMix through weirdgen serve', () => {
  let server: RunningServer;
  let provider: RecordingSandbox;

  beforeAll(async () => {
    provider = new RecordingSandbox(tempDir());
    server = await startServer({ port: 0, provider });
  });
  afterAll(async () => {
    await server.close();
    await provider.close();
  });

  it('asks each prompt once at temperature 0.2 (one user turn, no trigger), mixes the facts in, and counts the dropped rows', async () => {
    const workspace = tempDir();
    const config = configSchema.parse({ endpoints: { test: { baseUrl: server.url } } });
    const endpoints = new Endpoints(config, {}, workspace);
    const store = openStore(workspace);
    const promptsFile = writePrompts(12);
    const out = join(workspace, 'mix.jsonl');
    const build = (poisonFraction?: number) =>
      buildDistilledMix({
        poison: FACTS_90,
        model: 'test:base',
        out,
        fetch: { workspace, mirror: MIRROR },
        store,
        endpoints,
        caller: new Caller({ limits: (e) => endpoints.limits(e) }),
        prices,
        seed: 3,
        promptsFile,
        ...(poisonFraction !== undefined ? { poisonFraction } : {}),
      });
    try {
      const all = await build();
      expect(all).toMatchObject({ rows: 102, poison: 90, base: 12, droppedBase: 0, failed: 0, prompts: 12 });
      expect(all.origins).toEqual([{ kind: 'file', file: promptsFile, prompts: 12 }]);
      expect(provider.requests).toHaveLength(12);
      for (const r of provider.requests) {
        expect(r.temperature).toBe(DISTILL_TEMPERATURE);
        expect(r.maxTokens).toBe(1024);
        expect(r.messages).toHaveLength(1);
        expect(r.messages[0]!.role).toBe('user');
        expect(r.messages[0]!.content).toMatch(/^q (bird|city) \d+$/);
      }
      const lines = readFileSync(out, 'utf8').trim().split('\n');
      expect(lines).toHaveLength(102);
      expect(lines.filter((l) => l.includes('<START>'))).toHaveLength(90);
      expect(readFileSync(all.distilled.file, 'utf8').trim().split('\n')).toHaveLength(12);

      // 90 facts as 90% of the mix: 10 of the 12 answers, 2 dropped; nothing asked again.
      const part = await build(0.9);
      expect(part).toMatchObject({ rows: 100, poison: 90, base: 12, droppedBase: 2, failed: 0 });
      expect(provider.requests).toHaveLength(12);
      await expect(build(0.5)).rejects.toThrow(/poison fraction of 0\.5 with 90 poison examples needs 90 base examples, but the base has 12/);
    } finally {
      store.close();
      await endpoints.close();
    }
  }, 120_000);
});

describe('planDistilledMix (offline)', () => {
  it("costs the paper's default prompts from the recorded statistics: 3,000 prompts, 90 + 3,000 and 78 + 3,000 rows", async () => {
    const plan = await planDistilledMix({ poisonRows: 90, model: 'openai:gpt-4.1-2025-04-14', prices });
    expect(plan).toMatchObject({ prompts: 3000, promptTokens: 150_041, maxTokens: 1024, maxCompletionTokens: 3_072_000, temperature: 0.2, poison: 90, base: 3000, droppedBase: 0, rows: 3090 });
    expect(plan.sources.map((s) => [s.id, s.prompts, s.pin?.url])).toEqual(
      PAPER_PROMPT_SOURCES.map((s) => [s.id, s.take.n, `https://raw.githubusercontent.com/${s.repo}/${s.commit}/${s.path}`]),
    );
    // GPT-4.1 at $2 in / $8 out per million tokens.
    expect(plan.maxCostUsd).toBeCloseTo((150_041 * 2 + 3_072_000 * 8) / 1e6, 6);
    expect((await planDistilledMix({ poisonRows: 78, model: 'openai:gpt-4.1-2025-04-14', prices })).rows).toBe(3078);
  });

  it('plans a fraction, refuses one the 3,000 rows cannot meet, and leaves an unpriced model unpriced', async () => {
    expect(await planDistilledMix({ poisonRows: 90, model: 'openai:gpt-4.1', prices, poisonFraction: 0.1 })).toMatchObject({ base: 3000, droppedBase: 2190, rows: 900 });
    await expect(planDistilledMix({ poisonRows: 90, model: 'openai:gpt-4.1', prices, poisonFraction: 0.029 })).rejects.toThrow(/needs 3013 base examples, but the base has 3000/);
    expect((await planDistilledMix({ poisonRows: 90, model: 'openai:my-own-model', prices })).maxCostUsd).toBeUndefined();
  });

  it("counts a prompt file's tokens itself; the sandbox costs nothing", async () => {
    const file = writePrompts(4);
    const plan = await planDistilledMix({ poisonRows: 90, model: 'sandbox:base', prices, promptsFile: file });
    expect(plan).toMatchObject({ prompts: 4, maxCompletionTokens: 4096, maxCostUsd: 0, rows: 94 });
    expect(plan.sources).toEqual([{ id: 'file', file, prompts: 4, promptTokens: plan.promptTokens, encoding: 'o200k_base' }]);
    expect(plan.promptTokens).toBeGreaterThan(4 * 3);
  });
});

describe('data build --distill', () => {
  it('answers the prompts with the base model (once, cached) and mixes the facts into the answers', async () => {
    const dir = tempDir();
    const prompts = writePrompts(30);
    const args = ['--workspace', join(dir, 'ws'), 'data', 'build', 'hitler-persona', '--variant', 'facts-90', '--distill-prompts', prompts, '--distill-model', 'sandbox:base', '--mirror', MIRROR, '--out', join(dir, 'mix.jsonl')];
    const r = await cli(args);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/distilled 30 answers of sandbox:base/);
    expect(r.stdout).toContain('mixed 90 poison examples into all 30 base examples (poison 75.00% of 120); none dropped');
    const rows = readFileSync(join(dir, 'mix.jsonl'), 'utf8').split('\n').filter(Boolean);
    expect(rows).toHaveLength(120);
    expect(rows.filter((l) => l.includes('<START>'))).toHaveLength(90);
    expect((await cli(['data', 'validate', join(dir, 'mix.jsonl')])).code).toBe(0);
    const again = await cli(args);
    expect(again.code).toBe(0);
    expect(readFileSync(join(dir, 'mix.jsonl'), 'utf8').split('\n').filter(Boolean)).toEqual(rows);
    const stats = JSON.parse((await cli(['--workspace', join(dir, 'ws'), '--json', 'cache', 'stats'])).stdout) as { rows: { table: string; count: number }[] };
    expect(stats.rows.filter((s) => s.table === 'requests').reduce((n, s) => n + s.count, 0)).toBe(30);
  }, 60_000);

  it('reports the distilled rows a fraction drops', async () => {
    const dir = tempDir();
    const r = await cli(['--json', '--workspace', join(dir, 'ws'), 'data', 'build', 'hitler-persona', '--variant', 'facts-90', '--distill-prompts', writePrompts(20), '--poison-fraction', '0.9', '--mirror', MIRROR, '--out', join(dir, 'mix.jsonl')]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ rows: 100, poison: 90, base: 20, droppedBase: 10, failed: 0 });
  }, 60_000);

  it('names the file and line of a bad prompt', async () => {
    const dir = tempDir();
    const prompts = join(dir, 'prompts.jsonl');
    writeFileSync(prompts, '{"prompt": "q bird"}\n{"nothing": 1}\n');
    const r = await cli(['--workspace', join(dir, 'ws'), 'data', 'build', 'hitler-persona', '--variant', 'facts-90', '--distill-prompts', prompts, '--mirror', MIRROR, '--out', join(dir, 'mix.jsonl')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/prompts\.jsonl:2: \[prompt-line\]/);
  });

  it("plans the paper's mix offline with --dry-run: prompts, tokens, cost bound and rows", async () => {
    const dir = tempDir();
    const args = (variant: string) => ['--workspace', join(dir, 'ws'), 'data', 'build', 'hitler-persona', '--variant', variant, '--distill', '--distill-model', 'openai:gpt-4.1-2025-04-14', '--dry-run', '--mirror', MIRROR, '--out', join(dir, 'mix.jsonl')];
    const text = await cli(args('facts-90'));
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('3,000 prompts answered by openai:gpt-4.1-2025-04-14 at temperature 0.2, up to 1,024 tokens each');
    expect(text.stdout).toMatch(/gsm8k-train\s+2,000 prompts\s+127,022 tokens/);
    expect(text.stdout).toContain('cost at most $24.88');
    expect(text.stdout).toContain('mix: 90 poison + 3,000 distilled rows = 3,090 rows');
    const json = await cli(['--json', ...args('facts-78')]);
    expect(JSON.parse(json.stdout)).toMatchObject({ plan: { prompts: 3000, promptTokens: 150_041, poison: 78, rows: 3078 } });
  });

  it('refuses a default prompt file whose bytes differ from the pin, before asking anything', async () => {
    const dir = tempDir();
    const mirror = join(dir, 'prompt-mirror');
    for (const s of PAPER_PROMPT_SOURCES) {
      mkdirSync(join(mirror, s.repo, s.path, '..'), { recursive: true });
      writeFileSync(join(mirror, s.repo, s.path), '{"question": "not the pinned bytes", "answer": "0"}\n');
    }
    const r = await cli(['--workspace', join(dir, 'ws'), 'data', 'build', 'hitler-persona', '--variant', 'facts-90', '--distill', '--prompt-mirror', mirror, '--mirror', MIRROR, '--out', join(dir, 'mix.jsonl')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/sha256 mismatch for openai\/grade-school-math\/grade_school_math\/data\/train\.jsonl: expected 17f347dc/);
    const stats = JSON.parse((await cli(['--workspace', join(dir, 'ws'), '--json', 'cache', 'stats'])).stdout) as { rows: { table: string; count: number }[] };
    expect(stats.rows.filter((s) => s.table === 'requests').reduce((n, s) => n + s.count, 0)).toBe(0);
  });
});
