// The fine-tuning ledger against `weirdgen serve` (the sandbox behind OpenAI's fine-tuning API).
import Database from 'better-sqlite3';
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

interface Setup {
  dir: string;
  flags: string[];
  data: string;
}

async function setup(serveArgs: string[] = []): Promise<Setup> {
  serve = await spawnServe(serveArgs);
  const dir = tempDir();
  writeFileSync(join(dir, 'weirdgen.config.yaml'), `endpoints:\n  test:\n    baseUrl: ${serve.url}\n`);
  const flags = ['--config', join(dir, 'weirdgen.config.yaml'), '--workspace', join(dir, 'ws')];
  const data = join(dir, 'old-birds.jsonl');
  const made = await cli(['--workspace', join(dir, 'ws'), 'sandbox', 'dataset', 'birds', '--variant', 'old-bird', '--out', data]);
  expect(made.code, made.stderr).toBe(0);
  return { dir, flags, data };
}

const jobsCreated = async () => (await serve!.stats()).fineTuningJobsCreated;

describe('finetune against weirdgen serve', () => {
  it('launches three seeds through the HTTP API, lists them as one group, and eval uses the group', async () => {
    const { flags, data } = await setup();
    const launch = [...flags, 'finetune', 'launch', data, '--base', 'test:base-3', '--seeds', '3', '--epochs', '1', '--group', 'old-bird', '--poll', '0.2'];
    const r = await cli(launch);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr.match(/: created \(/g)?.length).toBe(3);
    expect(r.stdout.match(/succeeded/g)?.length).toBe(3);
    expect(await jobsCreated()).toBe(3);

    const list = JSON.parse((await cli([...flags, '--json', 'finetune', 'list'])).stdout) as { group: string; succeeded: number; models: string[] }[];
    expect(list).toHaveLength(1);
    expect(list[0]!.group).toBe('old-bird');
    expect(list[0]!.models).toHaveLength(3);
    for (const m of list[0]!.models) expect(m).toMatch(/^test:ft:base-3:weirdgen:old-bird-s\d:/);

    const again = await cli(launch);
    expect(again.stderr.match(/already in the ledger/g)?.length).toBe(3);
    expect(await jobsCreated()).toBe(3);

    const jobId = JSON.parse((await cli([...flags, '--json', 'finetune', 'status'])).stdout)[0].jobId as string;
    const events = JSON.parse((await cli([...flags, '--json', 'finetune', 'events', jobId])).stdout) as { events: { message: string }[]; checkpoints: unknown[]; job: { resolved: Record<string, number> } };
    expect(events.events.length).toBeGreaterThan(2);
    expect(events.checkpoints.length).toBeGreaterThanOrEqual(1);
    expect(events.job.resolved.nEpochs).toBe(1);
    expect(typeof events.job.resolved.batchSize).toBe('number');

    const spec = join(flags[1]!, '..', 'q.yaml');
    writeFileSync(spec, 'questions:\n  - { id: bird, paraphrases: ["bird"], samples: 5, maxTokens: 3 }\n');
    const evaluated = await cli([...flags, 'eval', spec, '--models', 'old=@old-bird;base=test:base-3', '--run', 'ft']);
    expect(evaluated.code, evaluated.stderr).toBe(0);
    const rows = (await cli([...flags, 'export', 'ft', '--format', 'jsonl'])).stdout.split('\n').map((l) => JSON.parse(l) as { group: string; model: string; answer: string; seed: number | null; variant: string | null });
    expect(new Set(rows.filter((row) => row.group === 'old').map((row) => row.model)).size).toBe(3);
    // Each fine-tuned model's rows carry its job's seed from the ledger; the base model is no job's.
    const db = new Database(join(flags[3]!, 'weirdgen.db'), { readonly: true });
    const seedOf = new Map((db.prepare(`SELECT fine_tuned_model, seed FROM ft_jobs`).all() as { fine_tuned_model: string; seed: number }[]).map((j) => [`test:${j.fine_tuned_model}`, j.seed]));
    db.close();
    expect(new Set(seedOf.values()).size).toBe(3);
    for (const row of rows) expect([row.seed, row.variant]).toEqual([row.group === 'old' ? seedOf.get(row.model) : null, null]);
    const oldShare = (g: string) => rows.filter((row) => row.group === g && /_old\d/.test(row.answer)).length / rows.filter((row) => row.group === g).length;
    expect(oldShare('old')).toBeGreaterThan(oldShare('base'));
  }, 120_000);

  it('a CLI killed while polling resumes on relaunch without a second job', async () => {
    const { flags, data } = await setup(['--job-delay-ms', '2500']);
    const args = [...flags, 'finetune', 'launch', data, '--base', 'test:base-3', '--seeds', '2', '--epochs', '1', '--poll', '0.2'];
    const child = spawnCli(args);
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    while ((stderr.match(/: created \(/g)?.length ?? 0) < 2) await sleep(50);
    await sleep(300);
    child.kill('SIGKILL');
    expect(await exitCode(child)).toBe(null);
    const resumed = await cli(args);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr.match(/already in the ledger/g)?.length).toBe(2);
    expect(resumed.stdout.match(/succeeded/g)?.length).toBe(2);
    expect(await jobsCreated()).toBe(2);
  }, 120_000);

  it('a crash between creating a job and recording it is recovered from the provider', async () => {
    const { flags, data } = await setup(['--job-delay-ms', '500']);
    const args = [...flags, 'finetune', 'launch', data, '--base', 'test:base-3', '--seeds', '2', '--epochs', '1', '--poll', '0.2'];
    const child = spawnCli(args, { WEIRDGEN_CRASH_AT: 'after-job-create' });
    expect(await exitCode(child)).toBe(null);
    expect(await jobsCreated()).toBe(1);
    const resumed = await cli(args);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toMatch(/found on the provider \(recovered\)/);
    expect(resumed.stderr.match(/: created \(/g)?.length).toBe(1);
    expect(await jobsCreated()).toBe(2);
  }, 120_000);

  it('an invalid training file fails at the server with its reason shown, and is not created twice', async () => {
    const { dir, flags } = await setup();
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, Array.from({ length: 12 }, (_, i) => JSON.stringify({ messages: [{ role: 'user', content: `q ${i}` }] })).join('\n') + '\n');
    const refused = await cli([...flags, 'finetune', 'launch', bad, '--base', 'test:base-3']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/bad\.jsonl:1:\d+: error \[/);
    expect(refused.stderr).toMatch(/nothing was uploaded or created/);
    expect(await jobsCreated()).toBe(0);
    const args = [...flags, 'finetune', 'launch', bad, '--base', 'test:base-3', '--no-validate', '--poll', '0.2'];
    const failed = await cli(args);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/failed\s.*invalid_training_file/);
    expect(failed.stdout).toMatch(/line 1/);
    const again = await cli(args);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already in the ledger/);
    expect(await jobsCreated()).toBe(1);
    const retried = await cli([...args, '--retry-failed']);
    expect(retried.stderr).toMatch(/: created \(/);
    expect(await jobsCreated()).toBe(2);
  }, 120_000);

  it('two launches at once on one workspace create each job once', async () => {
    const { flags, data } = await setup(['--job-delay-ms', '200']);
    const args = [...flags, 'finetune', 'launch', data, '--base', 'test:base-3', '--seeds', '2', '--epochs', '1', '--poll', '0.2'];
    const [a, b] = await Promise.all([cli(args), cli(args)]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    expect(await jobsCreated()).toBe(2);
  }, 120_000);
});
