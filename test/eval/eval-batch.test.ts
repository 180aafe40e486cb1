// Batch evaluation through `weirdgen serve`'s Batch API: the same stored answers as the direct
// path, and a CLI killed mid-batch resumes the batch it has instead of creating another.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { tempDir } from '../helpers/paths.js';
import { exitCode, spawnCli, spawnServe, type ServeProcess } from '../helpers/serve-process.js';

let serve: ServeProcess | undefined;
afterEach(async () => {
  await serve?.stop();
  serve = undefined;
});

const SPEC = [
  'judges:',
  '  era: { kind: classify, model: test:judge, labels: [OLD, NEW, NONE], template: "[ANSWER START]{answer}[ANSWER END]" }',
  'questions:',
  '  - { id: b, paraphrases: ["q bird", "q city"], samples: 500, maxTokens: 5, judges: [era] }',
].join('\n');

async function setup(serveArgs: string[] = []): Promise<{ dir: string; config: string; spec: string }> {
  serve = await spawnServe(serveArgs);
  const dir = tempDir();
  const config = join(dir, 'weirdgen.config.yaml');
  writeFileSync(config, `endpoints:\n  test:\n    baseUrl: ${serve.url}\n`);
  const spec = join(dir, 'spec.yaml');
  writeFileSync(spec, SPEC);
  return { dir, config, spec };
}

const exported = async (config: string, ws: string) => (await cli(['--config', config, '--workspace', ws, 'export', 'r', '--format', 'jsonl'])).stdout;

describe('eval --batch', () => {
  it('stores the same 1,000 answers and judgments as the direct path', async () => {
    const { dir, config, spec } = await setup();
    const evalArgs = (ws: string) => ['--config', config, '--workspace', join(dir, ws), 'eval', spec, '--models', 'test:base', '--run', 'r'];
    const batched = await cli([...evalArgs('batched'), '--batch', '--poll', '0.2']);
    expect(batched.code, batched.stderr).toBe(0);
    expect(batched.stdout).toMatch(/answers by batch: 1 created, 0 resumed, 1,000 answers stored \(\$0\.00\), 0 failed lines/);
    expect(batched.stdout).toMatch(/answers\s+1,000 calls\s+1,000 cached\s+0 asked/);
    // Equal answers make equal judge calls: the judgments batch holds each once (a batch refuses a repeated custom_id).
    expect(batched.stdout).toMatch(/judgments by batch: 1 created, 0 resumed, [1-9][\d,]* answers stored \(\$0\.00\), 0 failed lines/);
    expect(batched.stdout).toMatch(/judgments\s+1,000 calls\s+[\d,]+ cached(?: \+ [\d,]+ repeats)?\s+0 asked/);
    const stats = await serve!.stats();
    expect(stats.batchesCreated).toBe(2);
    const direct = await cli(evalArgs('direct'));
    expect(direct.code).toBe(0);
    const a = await exported(config, join(dir, 'batched'));
    expect(a.split('\n')).toHaveLength(1000);
    // The same rows, but a batch's output file says nothing of one request's latency: the direct path measured each.
    const parse = (text: string) => text.split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const withoutLatency = (rows: Record<string, unknown>[]) => rows.map(({ latency_ms: _, ...rest }) => rest);
    const batchedRows = parse(a);
    const directRows = parse(await exported(config, join(dir, 'direct')));
    expect(batchedRows.every((row) => row.latency_ms === null)).toBe(true);
    expect(directRows.every((row) => typeof row.latency_ms === 'number')).toBe(true);
    expect(withoutLatency(batchedRows)).toEqual(withoutLatency(directRows));
  }, 120_000);

  it('endpoints without a Batch API (the in-process sandbox) take the direct path', async () => {
    const { dir, spec } = await setup();
    writeFileSync(spec, 'questions:\n  - { id: b, paraphrases: ["q bird"], samples: 5, maxTokens: 3 }\n');
    const r = await cli(['--workspace', join(dir, 'ws'), 'eval', spec, '--models', 'sandbox:base', '--batch']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/answers\s+5 calls\s+0 cached\s+5 asked/);
  }, 60_000);

  it('a CLI killed mid-batch and rerun finishes without a second batch', async () => {
    const { dir, config, spec } = await setup(['--batch-delay-ms', '3000']);
    const args = ['--config', config, '--workspace', join(dir, 'ws'), 'eval', spec, '--models', 'test:base', '--run', 'r', '--batch', '--poll', '0.2'];
    const child = spawnCli(args);
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    while (!/created with 1000 requests/.test(stderr)) await sleep(50);
    await sleep(300);
    child.kill('SIGKILL');
    expect(await exitCode(child)).toBe(null);
    const resumed = await cli(args);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stdout).toMatch(/answers by batch: 0 created, 1 resumed, 1,000 answers stored/);
    expect((await serve!.stats()).batchesCreated).toBe(2);
  }, 120_000);
});
