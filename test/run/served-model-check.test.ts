// A `served:` model reference is checked before any work, offline: the workspace's server knows its
// models from <workspace>/serve/ (the sandbox's and every model its jobs made, whoever launched
// them), so an unknown one fails at once with the closest known name and nothing starts.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { tempDir } from '../helpers/paths.js';
import { exitCode } from '../helpers/serve-process.js';
import { configSchema } from '../../src/config/config.js';
import { checkModelRefs } from '../../src/providers/index.js';
import { SERVE_LOCK, workspaceEndpoints } from '../../src/run/index.js';
import { useLocalSandbox } from '../../src/run/local-serve.js';
import { analogueJsonl, settledJob, upload } from '../server/service-harness.js';
import { client } from '../server/harness.js';

const SPEC = ['questions:', '  - { id: bird, paraphrases: ["q bird"], samples: 2, maxTokens: 4 }'].join('\n');

describe('served model references', () => {
  it('are checked against the workspace server’s models without starting it, with the closest known name', async () => {
    const ws = tempDir();
    const dir = tempDir();
    const training = join(dir, 'train.jsonl');
    writeFileSync(training, analogueJsonl('presidents', 'coded', 12));
    const fast = ['--epochs', '1', '--batch-size', '4', '--poll', '0.05', '--yes'];
    const launched = await cli(['--workspace', ws, 'finetune', 'launch', training, '--base', 'served:base', '--group', 'tiny', ...fast]);
    expect(launched.code, launched.stderr).toBe(0);
    const groups = JSON.parse((await cli(['--workspace', ws, '--json', 'finetune', 'list'])).stdout) as { group: string; models: string[] }[];
    const [tuned] = groups.find((g) => g.group === 'tiny')?.models ?? [];
    expect(tuned).toMatch(/^served:ft:/);
    const model = tuned!.slice('served:'.length);

    // A job made on the workspace's server by a client of its own, which weirdgen's ledger never hears of.
    const server = await useLocalSandbox(ws);
    let direct: string;
    try {
      const openai = client(server.baseUrl);
      const file = await upload(openai, analogueJsonl('presidents', 'coded', 12), 'fine-tune');
      const job = await settledJob(openai, (await openai.fineTuning.jobs.create({ model: 'base', training_file: file.id, suffix: 'own', hyperparameters: { n_epochs: 1, batch_size: 4 } })).id);
      expect(job.status).toBe('succeeded');
      direct = job.fine_tuned_model!;
    } finally {
      await server.close();
    }

    // Another live process serves the workspace: any start would fail naming it.
    const holder = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
    const lock = join(ws, 'locks', `${SERVE_LOCK}.lock`);
    try {
      mkdirSync(join(ws, 'locks'), { recursive: true });
      writeFileSync(lock, String(holder.pid));
      const spec = join(dir, 'spec.yaml');
      writeFileSync(spec, SPEC);
      const evaluate = (...args: string[]) => cli(['--workspace', ws, 'eval', spec, '--yes', ...args]);

      const unknown = await evaluate('--models', 'x=served:ft:nope');
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toMatch(/^error: model reference "served:ft:nope": endpoint "served" has no model "ft:nope"; its fine-tuned models: ft:\S+(, ft:\S+)*$/);
      expect(unknown.stderr).toContain(model);
      expect(unknown.stderr).toContain(direct);
      expect(unknown.stdout).toBe('');

      const typo = await evaluate('--models', `x=served:${model.slice(0, -1)}`);
      expect(typo.code).toBe(1);
      expect(typo.stderr).toContain(`has no model "${model.slice(0, -1)}"; did you mean "${model}"?`);
      const judge = await evaluate('--models', `x=served:${model}`, '--judge-model', 'served:judg');
      expect(judge.code).toBe(1);
      expect(judge.stderr).toContain('endpoint "served" has no model "judg"; did you mean "judge"?');
      const bare = await evaluate('--models', `x=${direct}`);
      expect(bare.code).toBe(1);
      expect(bare.stderr).toContain(`did you mean "served:${direct}"?`);

      expect(JSON.parse((await cli(['--workspace', ws, '--json', 'results'])).stdout)).toEqual([]);
      // Known models pass the check, and a dry run asks nothing, so nothing starts.
      const dry = await evaluate('--models', `x=served:${model},served:${direct},served:base`, '--dry-run');
      expect(dry.code, dry.stderr).toBe(0);
      const endpoints = workspaceEndpoints({ config: configSchema.parse({}), env: {}, workspace: ws });
      try {
        expect(await checkModelRefs([`served:${direct}`, 'served:base-1', 'served:judge'], endpoints)).toEqual([`served:${direct}`, 'served:base-1', 'served:judge']);
        await expect(checkModelRefs(['served:base-33'], endpoints)).rejects.toThrow('endpoint "served" has no model "base-33"; did you mean "base-3"?');
      } finally {
        await endpoints.close();
      }
      expect(readFileSync(lock, 'utf8')).toBe(String(holder.pid));
    } finally {
      holder.kill();
    }
    await exitCode(holder);
  }, 60_000);
});

