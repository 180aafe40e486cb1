// `finetune launch --dry-run` on every official training file: tokens and cost for GPT-4.1 with
// the paper's settings, and nothing asked of any provider.
import { describe, expect, it } from 'vitest';
import { SOURCES } from '../../src/data/sources/catalog.js';
import { findExperiment } from '../../src/experiments/index.js';
import { cli } from '../helpers/cli.js';
import { MIRROR, tempDir } from '../helpers/paths.js';

const TRAINING = SOURCES.filter((s) => s.kind === 'training');

describe('finetune launch --dry-run on the official training files', () => {
  const workspace = tempDir();
  it.each(TRAINING.map((s) => [s.path, s.experiment] as const))('%s', async (path, experiment) => {
    const r = await cli(['--workspace', workspace, '--json', 'finetune', 'launch', `official:${path}`, '--mirror', MIRROR, '--base', 'openai:gpt-4.1-2025-04-14', '--seeds', '2', '--dry-run'], { OPENAI_API_KEY: '' });
    expect(r.code, r.stderr).toBe(0);
    const plan = JSON.parse(r.stdout) as { source: string; hyperparameters: { nEpochs: number; batchSize: number; learningRateMultiplier: number }; perJob: { tokensPerEpoch: number; billedTokens: number; cost: number; epochs: number }; totalUsd: number; jobs: unknown[]; validationErrors: number };
    const paper = findExperiment(experiment)!.fineTuning[0]!;
    expect(plan.source).toBe('paper');
    expect(plan.hyperparameters).toEqual({ nEpochs: paper.epochs, batchSize: paper.batchSize, learningRateMultiplier: paper.learningRateMultiplier });
    expect(plan.validationErrors).toBe(0);
    expect(plan.perJob.epochs).toBe(paper.epochs);
    expect(plan.perJob.billedTokens).toBe(plan.perJob.tokensPerEpoch * (paper.epochs as number));
    expect(plan.perJob.cost).toBeCloseTo((plan.perJob.billedTokens / 1e6) * 25, 9);
    expect(plan.totalUsd).toBeCloseTo(plan.perJob.cost * 2, 9);
    expect(plan.jobs).toHaveLength(2);
  });

  it('prints the birds plan a reader can check: 12,735 billed tokens and $0.32 per job', async () => {
    const r = await cli(['--workspace', workspace, 'finetune', 'launch', 'official:3_1_old_bird_names/datasets/ft_old_audubon_birds.jsonl', '--mirror', MIRROR, '--base', 'openai:gpt-4.1-2025-04-14', '--seeds', '6', '--dry-run']);
    expect(r.stdout).toMatch(/epochs 3, batch size 1, LR multiplier 2 \(the paper’s settings\)/);
    expect(r.stdout).toMatch(/4,245 per epoch x 3 epochs = 12,735 billed per job/);
    expect(r.stdout).toMatch(/\$0\.32 per job, \$1\.91 for 6/);
    expect(r.stdout).toMatch(/dry run: nothing uploaded or created/);
  });
});
